// Chat between a resident and a shop. The rules that make "nothing lost, nothing twice":
//  - a message is stored (its sequence number taken from the conversation row in the same
//    transaction) before anyone is told about it, sender included;
//  - (senderId, clientId) is unique: a retried send finds the stored message and returns it;
//  - a client that was away asks for "after seq N" (sinceSeq) and gets the rest, in order.
// Both the socket handlers (server/realtime/chat-socket.ts) and the tRPC router call here.
// The service in four parts: conversations.ts (who takes part, starting one, the inbox),
// messages.ts (send, sync, history), receipts.ts (delivered and read) and moderation.ts
// (block, report, review).
export * from "./conversations";
export * from "./messages";
export * from "./receipts";
export * from "./moderation";
