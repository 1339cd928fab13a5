// The client side of "nothing lost, nothing twice", for one conversation. No React here:
// the chat page wraps it (use-chat.ts), and the delivery tests and the benchmark drive it
// with socket.io-client in Node, so what is tested is what browsers run.
//
//  - Messages are kept by sequence number; a message seen twice (a live event and a
//    resync, or a replayed packet) is kept once.
//  - `syncedTo` is the sequence number up to which nothing is missing. A message further
//    ahead, or a reconnection, triggers a sync: "what came after syncedTo?"
//  - Sends wait in an outbox, each with a clientId made here. Until the server
//    acknowledges one (which it does only once it is stored), it is sent again after a
//    timeout and on every reconnection, with the same clientId: the server stores it once.
//  - The outbox can be kept in a Storage (localStorage in browsers), so a reload does not
//    lose what was typed but not yet acknowledged.
import type { Socket } from "socket.io-client";
import type { TChatMessage, TReceipt } from "~/server/chat/schema";
import type { ClientToServerEvents, ServerToClientEvents, TAck } from "~/server/realtime/events";

export type TChatSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
type TSyncAck = Parameters<Parameters<ClientToServerEvents["chat:sync"]>[1]>[0];
export type TAckError = Extract<TAck<never>, { ok: false }>["error"];

export type TOutboxItem = {
  clientId: string;
  body: string;
  photoId: string | null;
  orderId: string | null;
  createdAt: string;
  /** sending: waiting for the server; failed: refused (error says why), not retried. */
  status: "sending" | "failed";
  error: TAckError | null;
};

type StorageLike = Pick<Storage, "getItem" | "setItem" | "removeItem">;

export type TChatSessionOptions = {
  /** Resend an unacknowledged message after this long (ms) even if still connected. */
  ackTimeoutMs?: number;
  /** Keeps the outbox across reloads (key per conversation). */
  storage?: StorageLike | null;
  /** Called after every change (messages, outbox, receipts). */
  onChange?: () => void;
  /** Tell the server what reached this client (default: yes). */
  sendDelivered?: boolean;
};

/** Codes that mean "try again later" rather than "this message is refused". */
const RETRYABLE = new Set(["INTERNAL"]);

export function newClientId(): string {
  const bytes = new Uint8Array(16);
  globalThis.crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

export class ChatSession {
  readonly conversationId: string;
  private readonly socket: TChatSocket;
  private readonly opts: Required<Omit<TChatSessionOptions, "storage" | "onChange">> & TChatSessionOptions;
  private readonly bySeq = new Map<number, TChatMessage>();
  private outboxItems: TOutboxItem[] = [];
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  /** clientId → the connection (socket id) it was last sent on, until answered. */
  private readonly inFlight = new Map<string, string>();
  private syncing: Promise<void> | null = null;
  private syncAgain = false;
  private isStarted = false;
  private isStopped = false;
  private deliveredTimer: ReturnType<typeof setTimeout> | null = null;
  /** Nothing is missing up to here (from the first message this session holds). */
  syncedTo = 0;
  /** The highest sequence number the user has seen here, and the one last sent. */
  private readWanted = 0;
  private readSent = 0;
  /** How far the other side has received and read. */
  other = { deliveredSeq: 0, readSeq: 0 };
  /** Messages received more than once (kept once); for tests and the benchmark. */
  duplicatesSeen = 0;
  /** My side, once known (to tell my messages from theirs). */
  side: "resident" | "merchant" | null;

  constructor(socket: TChatSocket, conversationId: string, side: "resident" | "merchant" | null, opts: TChatSessionOptions = {}) {
    this.socket = socket;
    this.conversationId = conversationId;
    this.side = side;
    this.opts = { ackTimeoutMs: 20_000, sendDelivered: true, ...opts };
    this.outboxItems = this.loadOutbox();
    socket.on("chat:message", this.onMessage);
    socket.on("chat:receipt", this.onReceipt);
    socket.on("connect", this.onConnect);
  }

  /**
   * Starts from what the page loaded (the newest page of history, through tRPC), then
   * catches up on anything that arrived in between and sends what is waiting.
   */
  start(initial: { messages: TChatMessage[]; other?: { deliveredSeq: number; readSeq: number } }) {
    for (const m of initial.messages) this.bySeq.set(m.seq, m);
    const top = initial.messages.reduce((max, m) => Math.max(max, m.seq), 0);
    this.syncedTo = Math.max(this.syncedTo, top);
    if (initial.other) this.applyOther(initial.other);
    this.isStarted = true;
    this.advance();
    this.changed();
    if (this.socket.connected) {
      void this.sync();
      this.flush();
    }
  }

  stop() {
    this.isStopped = true;
    this.socket.off("chat:message", this.onMessage);
    this.socket.off("chat:receipt", this.onReceipt);
    this.socket.off("connect", this.onConnect);
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    if (this.deliveredTimer) clearTimeout(this.deliveredTimer);
  }

  /** Messages in order, oldest first. */
  get messages(): TChatMessage[] {
    return [...this.bySeq.values()].sort((a, b) => a.seq - b.seq);
  }

  get outbox(): readonly TOutboxItem[] {
    return this.outboxItems;
  }

  get oldestSeq(): number {
    let min = Infinity;
    for (const seq of this.bySeq.keys()) min = Math.min(min, seq);
    return min === Infinity ? 0 : min;
  }

  /** Adds older messages (history pages loaded when scrolling up). */
  prepend(messages: TChatMessage[]) {
    for (const m of messages) if (!this.bySeq.has(m.seq)) this.bySeq.set(m.seq, m);
    this.changed();
  }

  /** Queues a message and sends it; it stays in the outbox until acknowledged. */
  send(input: { body: string; photoId?: string | null; orderId?: string | null }): TOutboxItem {
    const item: TOutboxItem = {
      clientId: newClientId(),
      body: input.body,
      photoId: input.photoId ?? null,
      orderId: input.orderId ?? null,
      createdAt: new Date().toISOString(),
      status: "sending",
      error: null,
    };
    this.outboxItems = [...this.outboxItems, item];
    this.saveOutbox();
    this.changed();
    this.trySend(item);
    return item;
  }

  /** Sends a refused message again (same clientId). */
  retry(clientId: string) {
    const item = this.outboxItems.find((i) => i.clientId === clientId);
    if (!item) return;
    this.replaceItem({ ...item, status: "sending", error: null });
    this.trySend(this.outboxItems.find((i) => i.clientId === clientId)!);
  }

  /** Drops a refused message from the outbox. */
  discard(clientId: string) {
    this.outboxItems = this.outboxItems.filter((i) => i.clientId !== clientId);
    this.clearTimer(clientId);
    this.saveOutbox();
    this.changed();
  }

  /** Tells the server the user has seen up to `seq`. */
  markRead(seq: number) {
    if (seq <= this.readWanted) return;
    this.readWanted = seq;
    this.sendRead();
  }

  /** Sends the read mark owed, now if connected, else on the next connection. */
  private sendRead() {
    if (this.readWanted <= this.readSent || !this.socket.connected) return;
    this.readSent = this.readWanted;
    this.socket.emit("chat:read", { conversationId: this.conversationId, seq: this.readWanted });
  }

  /** Resolves once the outbox is empty or only refused messages remain. */
  async drained(timeoutMs = 30_000): Promise<void> {
    const until = Date.now() + timeoutMs;
    while (this.outboxItems.some((i) => i.status === "sending")) {
      if (Date.now() > until) throw new Error(`outbox not drained: ${this.outboxItems.length} waiting`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  // ─── Receiving ───────────────────────────────────────────────────────────

  private onMessage = (m: TChatMessage) => {
    if (m.conversationId !== this.conversationId || this.isStopped) return;
    this.accept(m);
    this.advance();
    this.changed();
    // A gap (something was missed while this socket was away): ask for it.
    if (this.isStarted && m.seq > this.syncedTo) void this.sync();
  };

  private onReceipt = (r: TReceipt) => {
    if (r.conversationId !== this.conversationId || this.isStopped) return;
    if (this.side && r.side === this.side) return; // my own other tabs
    this.applyOther(r);
    this.changed();
  };

  private onConnect = () => {
    if (!this.isStarted || this.isStopped) return;
    this.inFlight.clear();
    void this.sync();
    this.flush();
    // A read mark made before the socket was up (the page opened with a lazy client) or
    // sent on a connection that died unanswered: send it (the server ignores an old one).
    this.readSent = 0;
    this.sendRead();
  };

  private accept(m: TChatMessage) {
    if (this.bySeq.has(m.seq)) {
      this.duplicatesSeen++;
    } else {
      this.bySeq.set(m.seq, m);
    }
    // My message came back (live, or in a sync): it is stored, whatever the ack did.
    if (this.outboxItems.some((i) => i.clientId === m.clientId)) {
      this.outboxItems = this.outboxItems.filter((i) => i.clientId !== m.clientId);
      this.clearTimer(m.clientId);
      this.saveOutbox();
    }
    if (this.side && m.side !== this.side) this.scheduleDelivered();
  }

  private advance() {
    while (this.bySeq.has(this.syncedTo + 1)) this.syncedTo++;
  }

  private applyOther(o: { deliveredSeq: number; readSeq: number }) {
    this.other = { deliveredSeq: Math.max(this.other.deliveredSeq, o.deliveredSeq, o.readSeq), readSeq: Math.max(this.other.readSeq, o.readSeq) };
  }

  /** Asks for everything after syncedTo until nothing is left; one at a time. */
  sync(): Promise<void> {
    if (this.syncing) {
      this.syncAgain = true;
      return this.syncing;
    }
    this.syncing = (async () => {
      try {
        do {
          this.syncAgain = false;
          let hasMore = true;
          while (hasMore && this.socket.connected && !this.isStopped) {
            const res = await this.requestSync(this.syncedTo);
            if (!res || !res.ok) return; // disconnected or refused: the next connect retries
            for (const m of res.data.messages) this.accept(m);
            // What the server had after syncedTo is now held, so nothing is missing up to
            // the last of it.
            const last = res.data.messages.at(-1);
            if (last) this.syncedTo = Math.max(this.syncedTo, last.seq);
            this.advance();
            this.applyOther(res.data.other);
            hasMore = res.data.hasMore;
            this.changed();
          }
        } while (this.syncAgain && this.socket.connected && !this.isStopped);
      } finally {
        this.syncing = null;
      }
    })();
    return this.syncing;
  }

  private requestSync(afterSeq: number): Promise<TSyncAck | null> {
    return new Promise((resolve) => {
      this.socket.timeout(this.opts.ackTimeoutMs).emit("chat:sync", { conversationId: this.conversationId, afterSeq }, (err, res) => resolve(err ? null : res));
    });
  }

  private scheduleDelivered() {
    if (!this.opts.sendDelivered || this.deliveredTimer) return;
    this.deliveredTimer = setTimeout(() => {
      this.deliveredTimer = null;
      if (this.socket.connected && this.syncedTo > 0) this.socket.emit("chat:delivered", { conversationId: this.conversationId, seq: this.syncedTo });
    }, 250);
  }

  // ─── Sending ─────────────────────────────────────────────────────────────

  private flush() {
    for (const item of this.outboxItems) if (item.status === "sending") this.trySend(item);
  }

  private trySend(item: TOutboxItem) {
    if (this.isStopped) return;
    this.clearTimer(item.clientId);
    if (!this.socket.connected) return; // flushed again on connect
    // Once on each connection: while a connection lives, socket.io delivers in order and the
    // server answers every send, so sending again would only queue a replay behind it.
    const connection = this.socket.id ?? "";
    if (this.inFlight.get(item.clientId) === connection) return;
    this.inFlight.set(item.clientId, connection);
    const payload = { conversationId: this.conversationId, clientId: item.clientId, body: item.body, photoId: item.photoId, orderId: item.orderId };
    this.socket.timeout(this.opts.ackTimeoutMs).emit("chat:send", payload, (err, res) => {
      if (this.inFlight.get(item.clientId) === connection) this.inFlight.delete(item.clientId);
      if (this.isStopped || !this.outboxItems.some((i) => i.clientId === item.clientId)) return;
      if (err && !this.socket.connected) return; // the connection went: resent on connect
      if (err || (!res.ok && RETRYABLE.has(res.error.code))) {
        // No answer for a long time on a live connection, or the server failed: again.
        this.timers.set(item.clientId, setTimeout(() => this.trySend(item), 1000));
        return;
      }
      if (res.ok) {
        this.accept(res.data.message);
        this.advance();
        if (res.data.message.seq > this.syncedTo) void this.sync();
      } else {
        this.replaceItem({ ...item, status: "failed", error: res.error });
      }
      this.changed();
    });
  }

  private replaceItem(next: TOutboxItem) {
    this.outboxItems = this.outboxItems.map((i) => (i.clientId === next.clientId ? next : i));
    this.saveOutbox();
    this.changed();
  }

  private clearTimer(clientId: string) {
    const t = this.timers.get(clientId);
    if (t) clearTimeout(t);
    this.timers.delete(clientId);
  }

  private get storageKey() {
    return `quartier.chat.outbox.${this.conversationId}`;
  }

  private loadOutbox(): TOutboxItem[] {
    try {
      const raw = this.opts.storage?.getItem(this.storageKey);
      const list = raw ? (JSON.parse(raw) as TOutboxItem[]) : [];
      return Array.isArray(list) ? list.filter((i) => typeof i?.clientId === "string" && typeof i.body === "string") : [];
    } catch {
      return [];
    }
  }

  private saveOutbox() {
    try {
      if (!this.opts.storage) return;
      if (this.outboxItems.length) this.opts.storage.setItem(this.storageKey, JSON.stringify(this.outboxItems));
      else this.opts.storage.removeItem(this.storageKey);
    } catch {
      // Storage full or unavailable: the outbox still lives in memory.
    }
  }

  private changed() {
    this.opts.onChange?.();
  }
}
