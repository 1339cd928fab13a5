// Input and output shapes of the accounts domain. Validation messages are keys of the
// `validation` namespace in messages/*.json, so forms and API errors share translations.
import { z } from "zod";
import { ZRole } from "../auth/roles";

export const ZEmail = z
  .string()
  .trim()
  .toLowerCase()
  .max(254, { message: "email" })
  .pipe(z.email({ message: "email" }));
export const ZPassword = z.string().min(8, { message: "passwordTooShort" }).max(200, { message: "passwordTooLong" });
export const ZDisplayName = z.string().trim().min(1, { message: "required" }).max(80, { message: "tooLong" });
export const ZLocale = z.enum(["fr", "en"]);
/** A page's locale as the browser knows it, possibly regional ("en-GB": see i18n/locale.ts), stored as its language. */
export const ZLocaleTag = z
  .string()
  .regex(/^(fr|en)(-[A-Za-z]{2})?$/)
  .transform((tag) => tag.slice(0, 2) as z.infer<typeof ZLocale>);

export const ZSignUpInput = z.object({
  email: ZEmail,
  name: ZDisplayName,
  password: ZPassword,
  locale: ZLocaleTag.optional(),
});
export type TSignUpInput = z.infer<typeof ZSignUpInput>;

export const ZSignInInput = z.object({ email: ZEmail, password: z.string().min(1).max(200) });

export const ZChangePasswordInput = z
  .object({ currentPassword: z.string().min(1, { message: "required" }).max(200), newPassword: ZPassword })
  .refine((v) => v.currentPassword !== v.newPassword, { message: "passwordUnchanged", path: ["newPassword"] });
export type TChangePasswordInput = z.infer<typeof ZChangePasswordInput>;

export const ZMe = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  locale: ZLocale.nullable(),
  roles: z.array(ZRole),
});
export type TMe = z.infer<typeof ZMe>;

export const ZOk = z.object({ ok: z.literal(true) });
