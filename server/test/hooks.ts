// The set-up every database test file shares: a fresh database for the file and the domain
// events published during each test (emptied before each one).
import { afterAll, beforeAll, beforeEach } from "vitest";
import { subscribe } from "../realtime/emit";
import type { TDomainEvent } from "../realtime/events";
import { createTestDb, type TTestDb } from "./db";

export function useTestDb(): { t: TTestDb; events: TDomainEvent[] } {
  let current: TTestDb | undefined;
  const events: TDomainEvent[] = [];
  let stop = () => {};
  const get = () => {
    if (!current) throw new Error("the test database is made in beforeAll: use it inside a test or hook");
    return current;
  };
  // Read through getters, so a file can keep `t.db` at module level and use it in tests.
  const t: TTestDb = {
    get db() {
      return get().db;
    },
    get url() {
      return get().url;
    },
    get kind() {
      return get().kind;
    },
    cleanup: () => get().cleanup(),
  };
  beforeAll(async () => {
    current = await createTestDb();
    stop = subscribe((e) => events.push(e));
  });
  afterAll(async () => {
    stop();
    await current?.cleanup();
  });
  beforeEach(() => {
    events.length = 0;
  });
  return { t, events };
}
