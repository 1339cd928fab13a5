// next-auth's endpoints (sign-in, sign-out, session, csrf) stay on Next's route handling:
// they are few and rarely called, unlike the API.
import NextAuthUntyped from "next-auth";
import { authOptions } from "~/server/auth/options";

type TCtx = { params: Promise<{ nextauth: string[] }> };
// next-auth 4's default export is typed for the pages router too; in a route handler it is this.
const NextAuth = NextAuthUntyped as unknown as (options: ReturnType<typeof authOptions>) => (req: Request, ctx: TCtx) => Promise<Response>;

const badRequest = (message: string) => Response.json({ error: "BAD_REQUEST", message }, { status: 400, headers: { "cache-control": "no-store" } });

/** next-auth reads a POST body as JSON or a form, and answers 500 when it cannot: say 400. */
async function readableBody(req: Request): Promise<boolean> {
  if (req.method !== "POST") return true;
  const type = req.headers.get("content-type") ?? "";
  try {
    if (type.includes("application/json")) await req.clone().json();
    else await req.clone().text();
    return true;
  } catch {
    return false;
  }
}

const handler = async (req: Request, ctx: TCtx) => {
  if (!(await readableBody(req))) return badRequest("The request body could not be read");
  return NextAuth(authOptions())(req, ctx);
};

export { handler as GET, handler as POST };
