// The floor for bench/api.ts: plain node:http doing the same work as the procedure
// (read the session cookie, run the same service query, send JSON), nothing else.
import { createServer } from "node:http";
import { readSession } from "../server/auth/session";
import { getMe } from "../server/accounts/service";
import { getDb } from "../server/db";

const port = Number(process.env.BARE_PORT ?? 3201);
const db = getDb();
createServer((req, res) => void (async () => {
  const session = await readSession(req.headers);
  if (!session) {
    res.writeHead(401).end();
    return;
  }
  const body = JSON.stringify(await getMe(db, session.userId));
  res.writeHead(200, { "content-type": "application/json" }).end(body);
})()).listen(port, "127.0.0.1", () => console.log(`bare ready ${port}`));
