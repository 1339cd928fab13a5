import { redirect } from "next/navigation";
import { getSession } from "./_lib/server";

export default async function Index() {
  const session = await getSession();
  redirect(session ? "/home" : "/sign-in");
}
