// The password form's rules (the server's, and the confirmation matching): loaded on submit
// through lazyResolver, so zod is not part of the account page's first load.
import { zodResolver } from "@hookform/resolvers/zod";
import { z } from "zod";
import { ZChangePasswordInput } from "~/server/accounts/schema";

export const ZPasswordForm = ZChangePasswordInput.and(z.object({ confirm: z.string() })).refine((v) => v.confirm === v.newPassword, {
  message: "passwordMismatch",
  path: ["confirm"],
});
export type TPasswordForm = z.input<typeof ZPasswordForm>;
export const passwordResolver = zodResolver(ZPasswordForm);
