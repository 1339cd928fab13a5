// next-auth's endpoints (sign-in, sign-out, session, csrf) stay on Next's route handling:
// they are few and rarely called, unlike the API.
import NextAuth from "next-auth";
import { authOptions } from "~/server/auth/options";

const handler = (req: Request, ctx: { params: Promise<{ nextauth: string[] }> }) =>
  NextAuth(authOptions())(req, ctx);

export { handler as GET, handler as POST };
