// The promotion form's rules (the server's input schema), loaded on submit through lazyResolver.
import { zodResolver } from "@hookform/resolvers/zod";
import { ZPromotionInput } from "~/server/promotions/schema";

export const promotionResolver = zodResolver(ZPromotionInput);
