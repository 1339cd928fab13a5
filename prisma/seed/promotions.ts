// Merchant promotions of the demo neighbourhood (issue 14): a few neighbours asked for the
// Primeur's and the bakery's offers, and the Primeur sent one promotion three days ago, through
// the service itself (so the cap's deliveries and the notifications are real). Camille and
// Karim (resident@, resident2@) are left out on purpose: the journeys count their notifications.
// Runs once: a database that already has opt-ins is left as it is.
import type { Db } from "../../server/db";
import { optIn, send } from "../../server/promotions/service";
import { DEMO_USERS } from "./users";

const DAY = 86_400_000;

export async function seedPromotions(db: Db, now: Date): Promise<{ optIns: number; promotions: number }> {
  if ((await db.promoOptIn.count()) > 0) return { optIns: 0, promotions: 0 };
  const userId = async (key: string) => (await db.user.findUniqueOrThrow({ where: { email: DEMO_USERS.find((u) => u.key === key)!.email }, select: { id: true } })).id;
  const shopOf = async (owner: string) => db.shop.findFirstOrThrow({ where: { ownerId: await userId(owner), kind: "shop" }, select: { id: true } });
  const primeur = await shopOf("merchant");
  const bakery = await shopOf("merchant3");

  const asked: [string, string][] = [
    ["claire", primeur.id],
    ["hugo", primeur.id],
    ["lea", primeur.id],
    ["mathis", primeur.id],
    ["claire", bakery.id],
    ["lea", bakery.id],
  ];
  for (const [key, shopId] of asked) await optIn(db, await userId(key), shopId);

  const sentAt = new Date(now.getTime() - 3 * DAY);
  await send(
    db,
    await userId("merchant"),
    { shopId: primeur.id, title: "Clémentines de Corse : −20 %", body: "Ce week-end, les clémentines de Corse IGP sont à 4,48 € le kg au lieu de 5,60 €. Livraison le soir même." },
    sentAt,
  );
  await db.promoOptIn.updateMany({ where: { shopId: { in: [primeur.id, bakery.id] } }, data: { createdAt: new Date(now.getTime() - 10 * DAY) } });
  await db.notification.updateMany({ where: { kind: "promotion" }, data: { createdAt: sentAt } });
  return { optIns: asked.length, promotions: 1 };
}
