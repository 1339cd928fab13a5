// Parking over the socket: a page says which area cells it shows (server/parking/area.ts)
// and its socket joins their rooms, leaving the ones it watched before. Places and their
// occupancy are public to any signed-in person, so watching needs no further check; the
// input is parsed and bounded like every socket payload, and a bad one changes nothing.
import type { Socket } from "socket.io";
import { z } from "zod";
import { CELL_PATTERN, MAX_WATCHED_CELLS } from "../parking/area";
import { checkInput } from "../lib/input";
import { rooms, type ClientToServerEvents, type ServerToClientEvents, type SocketData } from "./events";

type TSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

// Strict: a payload with anything else in it is refused, not half-read.
const ZWatch = z.object({ cells: z.array(z.string().max(12).regex(CELL_PATTERN)).max(MAX_WATCHED_CELLS) }).strict();
const PREFIX = rooms.parkingArea("");

export function registerParking(socket: TSocket) {
  socket.on("parking:watch", (raw, ack) => {
    const reply = typeof ack === "function" ? ack : () => {};
    let cells: string[];
    try {
      checkInput(raw);
      cells = [...new Set(ZWatch.parse(raw).cells)];
    } catch {
      reply({ ok: false, error: { code: "INVALID_INPUT", message: `Invalid input: cells must be at most ${MAX_WATCHED_CELLS} area cells`, params: null } });
      return;
    }
    const wanted = new Set(cells.map(rooms.parkingArea));
    for (const room of socket.rooms) if (room.startsWith(PREFIX) && !wanted.has(room)) void socket.leave(room);
    void socket.join([...wanted]);
    reply({ ok: true, data: { cells } });
  });
}
