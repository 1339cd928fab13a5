// The invite-code form's rule (the server's own), loaded on submit through lazyResolver.
import { zodResolver } from "@hookform/resolvers/zod";
import { z } from "zod";
import { ZInviteCode } from "~/server/buildings/schema";

export const ZCodeForm = z.object({ code: ZInviteCode });
export type TCodeForm = z.input<typeof ZCodeForm>;
export const codeResolver = zodResolver(ZCodeForm);
