// Demo conversations, written through the real chat service: Camille (resident@) asked
// the primeur about one of her delivered orders two days ago and has read the answer;
// Hugo asked the water shop something this morning and is waiting for a reply (unread on
// merchant2@'s side); Claire wrote to the bakery (merchant3@).
import { RateLimiterMemory } from "rate-limiter-flexible";
import { sendMessage, startAsResident, markRead } from "../../server/chat/service";
import type { Db } from "../../server/db";
import { DEMO_USERS } from "./users";

type Line = { from: "resident" | "merchant"; body: string; minutesAgo: number };
type Thread = { resident: string; owner: string; aboutLatestOrder?: boolean; lines: Line[]; readByResident: boolean; readByMerchant: boolean };

const THREADS: Thread[] = [
  {
    resident: "resident",
    owner: "merchant",
    aboutLatestOrder: true,
    readByResident: true,
    readByMerchant: true,
    lines: [
      { from: "resident", body: "Bonjour ! Les clémentines de la dernière livraison étaient délicieuses. Vous en aurez encore samedi ?", minutesAgo: 2 * 1440 + 180 },
      { from: "merchant", body: "Bonjour Camille, merci ! Oui, arrivage vendredi soir de Corse. Je vous en mets de côté ?", minutesAgo: 2 * 1440 + 150 },
      { from: "resident", body: "Oui, 2 kg s'il vous plaît. Je passe commande dans l'appli.", minutesAgo: 2 * 1440 + 140 },
      { from: "merchant", body: "Parfait. Les prix de la semaine sont ici : https://quartier.example/primeur", minutesAgo: 2 * 1440 + 135 },
    ],
  },
  {
    resident: "hugo",
    owner: "merchant2",
    readByResident: true,
    readByMerchant: false,
    lines: [
      { from: "resident", body: "Bonjour, est-ce que vous reprenez les bonbonnes vides lors de la livraison ?", minutesAgo: 95 },
      { from: "resident", body: "J'en ai trois au 4e étage, bâtiment B.", minutesAgo: 94 },
    ],
  },
  {
    resident: "claire",
    owner: "merchant3",
    readByResident: true,
    readByMerchant: true,
    lines: [
      { from: "resident", body: "Bonjour, faites-vous des galettes des rois sans frangipane ?", minutesAgo: 1440 + 300 },
      { from: "merchant", body: "Bonjour ! Oui, briochée, à partir du 2 janvier. Vous pourrez la commander la veille.", minutesAgo: 1440 + 240 },
    ],
  },
];

export async function seedChat(db: Db, now = new Date()) {
  const users = new Map(
    (await db.user.findMany({ where: { email: { in: DEMO_USERS.map((u) => u.email) } }, select: { id: true, email: true } })).map((u) => [DEMO_USERS.find((d) => d.email === u.email)!.key, u.id]),
  );
  const limiter = new RateLimiterMemory({ points: 1000, duration: 10 });
  let messages = 0;
  for (const thread of THREADS) {
    const residentId = users.get(thread.resident);
    const ownerId = users.get(thread.owner);
    const shop = ownerId ? await db.shop.findFirst({ where: { ownerId }, select: { id: true } }) : null;
    if (!residentId || !ownerId || !shop) throw new Error(`seed: chat ${thread.resident} → ${thread.owner} has no shop or user`);
    const order = thread.aboutLatestOrder ? await db.order.findFirst({ where: { userId: residentId, shopId: shop.id, status: "delivered" }, orderBy: { createdAt: "desc" }, select: { id: true } }) : null;
    const { id } = await startAsResident(db, residentId, { shopId: shop.id, orderId: order?.id ?? null });
    for (const [i, line] of thread.lines.entries()) {
      const at = new Date(now.getTime() - line.minutesAgo * 60_000);
      await sendMessage(
        db,
        line.from === "resident" ? residentId : ownerId,
        { conversationId: id, clientId: `seed-${thread.resident}-${i}`, body: line.body, orderId: i === 0 ? (order?.id ?? null) : null },
        { limiter },
        at,
      );
      messages++;
    }
    const last = thread.lines.length;
    if (thread.readByResident && thread.lines.some((l) => l.from === "merchant")) await markRead(db, residentId, { conversationId: id, seq: last });
    if (thread.readByMerchant) await markRead(db, ownerId, { conversationId: id, seq: last });
  }
  return { conversations: THREADS.length, messages };
}
