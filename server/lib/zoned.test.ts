// Wall-clock time in a time zone (zoned / instantAt) and what the shops make of it:
// "open now?" (openState) and "which delivery slots can still be ordered?" (upcomingSlots).
// Every test passes a fixed `now`, so none depends on when it runs.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { openState, upcomingSlots } from "./hours";
import { addDays, firstInstantFrom, instantAt, instantsAt, nextDay, toMinutes, utcOffsetMinutes, zoned, zonedFast } from "./zoned";

const PARIS = "Europe/Paris";
const NY = "America/New_York";
const at = (iso: string) => new Date(iso);
const hhmm = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;

describe("zoned()", () => {
  it("gives the local day, ISO weekday and minutes since midnight", () => {
    // 2026-11-21 is a Saturday; Paris is UTC+1 in winter.
    expect(zoned(at("2026-11-21T09:00:00Z"), PARIS)).toEqual({ date: "2026-11-21", weekday: 6, minutes: 600 });
    expect(zoned(at("2026-11-21T09:00:00Z"), "UTC")).toEqual({ date: "2026-11-21", weekday: 6, minutes: 540 });
    // Late UTC evening is already tomorrow (Sunday, 7) in Paris; midnight is minute 0, not 24:00.
    expect(zoned(at("2026-11-21T23:00:00Z"), PARIS)).toEqual({ date: "2026-11-22", weekday: 7, minutes: 0 });
    expect(zoned(at("2026-11-22T22:59:00Z"), PARIS)).toEqual({ date: "2026-11-22", weekday: 7, minutes: 1439 });
    expect(zoned(at("2026-11-22T23:00:00Z"), PARIS)).toEqual({ date: "2026-11-23", weekday: 1, minutes: 0 });
    // New York (UTC−5 in winter) is still on the previous day.
    expect(zoned(at("2026-11-21T03:00:00Z"), NY)).toEqual({ date: "2026-11-20", weekday: 5, minutes: 22 * 60 });
    // Year boundary.
    expect(zoned(at("2026-12-31T23:30:00Z"), PARIS)).toEqual({ date: "2027-01-01", weekday: 5, minutes: 30 });
  });

  it("follows Paris across the spring change (2026-03-29: 02:00 → 03:00)", () => {
    expect(zoned(at("2026-03-29T00:59:00Z"), PARIS)).toEqual({ date: "2026-03-29", weekday: 7, minutes: 1 * 60 + 59 });
    expect(zoned(at("2026-03-29T01:00:00Z"), PARIS)).toEqual({ date: "2026-03-29", weekday: 7, minutes: 3 * 60 });
    expect(zoned(at("2026-03-29T10:00:00Z"), PARIS).minutes).toBe(12 * 60); // now UTC+2
    expect(zoned(at("2026-03-28T11:00:00Z"), PARIS).minutes).toBe(12 * 60); // the day before: UTC+1
  });

  it("follows Paris across the autumn change (2026-10-25: 03:00 → 02:00)", () => {
    expect(zoned(at("2026-10-25T00:30:00Z"), PARIS).minutes).toBe(2 * 60 + 30); // first 02:30 (UTC+2)
    expect(zoned(at("2026-10-25T01:30:00Z"), PARIS).minutes).toBe(2 * 60 + 30); // second 02:30 (UTC+1)
    expect(zoned(at("2026-10-25T11:00:00Z"), PARIS)).toEqual({ date: "2026-10-25", weekday: 7, minutes: 12 * 60 });
  });

  it("follows New York across its own change days (2026-03-08 and 2026-11-01)", () => {
    expect(zoned(at("2026-03-08T06:59:00Z"), NY).minutes).toBe(1 * 60 + 59);
    expect(zoned(at("2026-03-08T07:00:00Z"), NY).minutes).toBe(3 * 60);
    expect(zoned(at("2026-11-01T05:30:00Z"), NY).minutes).toBe(1 * 60 + 30);
    expect(zoned(at("2026-11-01T06:30:00Z"), NY).minutes).toBe(1 * 60 + 30);
  });
});

describe("instantAt()", () => {
  it("turns a local day and time into the instant, with the offset of that day", () => {
    expect(instantAt("2026-11-21", "08:00", PARIS)).toEqual(at("2026-11-21T07:00:00Z"));
    expect(instantAt("2026-07-14", "08:00", PARIS)).toEqual(at("2026-07-14T06:00:00Z"));
    expect(instantAt("2026-11-21", "00:00", PARIS)).toEqual(at("2026-11-20T23:00:00Z"));
    expect(instantAt("2026-11-21", "23:59", PARIS)).toEqual(at("2026-11-21T22:59:00Z"));
    expect(instantAt("2026-11-21", "08:00", NY)).toEqual(at("2026-11-21T13:00:00Z"));
    expect(instantAt("2026-11-21", "20:00", NY)).toEqual(at("2026-11-22T01:00:00Z")); // next UTC day
    expect(instantAt("2026-11-21", "08:00", "Asia/Kolkata")).toEqual(at("2026-11-21T02:30:00Z"));
  });

  it("uses the right offset on both sides of the Paris DST days", () => {
    expect(instantAt("2026-03-28", "12:00", PARIS)).toEqual(at("2026-03-28T11:00:00Z"));
    expect(instantAt("2026-03-29", "00:00", PARIS)).toEqual(at("2026-03-28T23:00:00Z"));
    expect(instantAt("2026-03-29", "01:30", PARIS)).toEqual(at("2026-03-29T00:30:00Z"));
    expect(instantAt("2026-03-29", "03:00", PARIS)).toEqual(at("2026-03-29T01:00:00Z"));
    expect(instantAt("2026-03-29", "12:00", PARIS)).toEqual(at("2026-03-29T10:00:00Z"));
    expect(instantAt("2026-03-29", "23:59", PARIS)).toEqual(at("2026-03-29T21:59:00Z"));
    expect(instantAt("2026-10-24", "12:00", PARIS)).toEqual(at("2026-10-24T10:00:00Z"));
    expect(instantAt("2026-10-25", "00:00", PARIS)).toEqual(at("2026-10-24T22:00:00Z"));
    expect(instantAt("2026-10-25", "04:00", PARIS)).toEqual(at("2026-10-25T03:00:00Z"));
    expect(instantAt("2026-10-25", "12:00", PARIS)).toEqual(at("2026-10-25T11:00:00Z"));
  });

  it("uses the right offset on both sides of the New York DST days", () => {
    expect(instantAt("2026-03-07", "12:00", NY)).toEqual(at("2026-03-07T17:00:00Z"));
    expect(instantAt("2026-03-08", "01:00", NY)).toEqual(at("2026-03-08T06:00:00Z"));
    expect(instantAt("2026-03-08", "12:00", NY)).toEqual(at("2026-03-08T16:00:00Z"));
    expect(instantAt("2026-10-31", "12:00", NY)).toEqual(at("2026-10-31T16:00:00Z"));
    expect(instantAt("2026-11-01", "12:00", NY)).toEqual(at("2026-11-01T17:00:00Z"));
  });

  it("maps a time that happens twice (autumn) to one of its two instants", () => {
    const paris = instantAt("2026-10-25", "02:30", PARIS);
    expect([at("2026-10-25T00:30:00Z").getTime(), at("2026-10-25T01:30:00Z").getTime()]).toContain(paris.getTime());
    expect(zoned(paris, PARIS)).toEqual({ date: "2026-10-25", weekday: 7, minutes: 150 });
    const ny = instantAt("2026-11-01", "01:30", NY);
    expect([at("2026-11-01T05:30:00Z").getTime(), at("2026-11-01T06:30:00Z").getTime()]).toContain(ny.getTime());
    expect(zoned(ny, NY)).toEqual({ date: "2026-11-01", weekday: 7, minutes: 90 });
  });

  it("maps a time that never happens (spring gap) to an instant next to the gap, on that day", () => {
    // 02:30 does not exist on these days; either edge of the gap is acceptable, nothing else.
    const paris = instantAt("2026-03-29", "02:30", PARIS);
    expect([at("2026-03-29T00:30:00Z").getTime(), at("2026-03-29T01:30:00Z").getTime()]).toContain(paris.getTime());
    expect(zoned(paris, PARIS).date).toBe("2026-03-29");
    const ny = instantAt("2026-03-08", "02:30", NY);
    expect([at("2026-03-08T06:30:00Z").getTime(), at("2026-03-08T07:30:00Z").getTime()]).toContain(ny.getTime());
    expect(zoned(ny, NY).date).toBe("2026-03-08");
  });

  it("round-trips with zoned() for any existing local time (property)", () => {
    const zones = [PARIS, NY, "UTC", "Asia/Kolkata", "Australia/Sydney", "Pacific/Kiritimati", "Pacific/Pago_Pago"];
    const offsetAt = (d: Date, tz: string) => {
      const z = zoned(d, tz);
      return Date.parse(`${z.date}T00:00:00Z`) + z.minutes * 60_000 - Math.floor(d.getTime() / 60_000) * 60_000;
    };
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.integer({ min: 0, max: 2 * 365 }),
        fc.integer({ min: 0, max: 24 * 60 - 1 }),
        (tz, dayOffset, minutes) => {
          const date = new Date(Date.UTC(2026, 0, 1) + dayOffset * 86_400_000).toISOString().slice(0, 10);
          const result = instantAt(date, hhmm(minutes), tz);
          const back = zoned(result, tz);
          const exact = back.date === date && back.minutes === minutes;
          // Only inside a DST gap may it differ, and then by exactly the size of the jump.
          const jump = offsetAt(new Date(result.getTime() + 3 * 3_600_000), tz) - offsetAt(new Date(result.getTime() - 3 * 3_600_000), tz);
          const diff = Date.parse(`${back.date}T00:00:00Z`) + back.minutes * 60_000 - (Date.parse(`${date}T00:00:00Z`) + minutes * 60_000);
          return exact || (jump > 0 && Math.abs(diff) === jump);
        },
      ),
      { numRuns: 3000 },
    );
  });

  it("helpers: toMinutes and nextDay", () => {
    expect(toMinutes("00:00")).toBe(0);
    expect(toMinutes("08:30")).toBe(510);
    expect(toMinutes("23:59")).toBe(1439);
    expect(nextDay("2026-03-28")).toBe("2026-03-29");
    expect(nextDay("2026-03-29")).toBe("2026-03-30");
    expect(nextDay("2026-10-25")).toBe("2026-10-26");
    expect(nextDay("2026-12-31")).toBe("2027-01-01");
    expect(nextDay("2028-02-28")).toBe("2028-02-29");
  });
});

describe("instantsAt(), firstInstantFrom(), utcOffsetMinutes(), zonedFast(), addDays()", () => {
  it("gives every instant of a wall time: one, none in the spring gap, two in the repeated hour", () => {
    expect(instantsAt("2026-11-21", 8 * 60, PARIS)).toEqual([at("2026-11-21T07:00:00Z")]);
    expect(instantsAt("2026-11-21", 24 * 60, PARIS)).toEqual([at("2026-11-21T23:00:00Z")]); // the next midnight
    expect(instantsAt("2026-03-29", 2 * 60 + 30, PARIS)).toEqual([]);
    expect(instantsAt("2026-03-29", 3 * 60, PARIS)).toEqual([at("2026-03-29T01:00:00Z")]);
    expect(instantsAt("2026-10-25", 2 * 60 + 30, PARIS)).toEqual([at("2026-10-25T00:30:00Z"), at("2026-10-25T01:30:00Z")]);
    expect(instantsAt("2026-11-01", 90, NY)).toEqual([at("2026-11-01T05:30:00Z"), at("2026-11-01T06:30:00Z")]);
    expect(instantsAt("2026-03-08", 150, NY)).toEqual([]);
  });

  it("firstInstantFrom: the time itself, its first occurrence, or where the clock jumps over it", () => {
    expect(firstInstantFrom("2026-11-21", 8 * 60, PARIS)).toEqual(at("2026-11-21T07:00:00Z"));
    expect(firstInstantFrom("2026-03-29", 2 * 60, PARIS)).toEqual(at("2026-03-29T01:00:00Z"));
    expect(firstInstantFrom("2026-03-29", 2 * 60 + 59, PARIS)).toEqual(at("2026-03-29T01:00:00Z"));
    expect(firstInstantFrom("2026-10-25", 2 * 60 + 30, PARIS)).toEqual(at("2026-10-25T00:30:00Z"));
    expect(firstInstantFrom("2026-03-08", 2 * 60 + 15, NY)).toEqual(at("2026-03-08T07:00:00Z"));
  });

  it("utcOffsetMinutes follows the changes to the minute", () => {
    expect(utcOffsetMinutes(at("2026-03-29T00:59:00Z"), PARIS)).toBe(60);
    expect(utcOffsetMinutes(at("2026-03-29T01:00:00Z"), PARIS)).toBe(120);
    expect(utcOffsetMinutes(at("2026-10-25T00:59:59Z"), PARIS)).toBe(120);
    expect(utcOffsetMinutes(at("2026-10-25T01:00:00Z"), PARIS)).toBe(60);
    expect(utcOffsetMinutes(at("2026-11-21T12:00:00Z"), "Asia/Kathmandu")).toBe(345);
  });

  it("zonedFast() answers as zoned() does, DST changes and odd offsets included (property)", () => {
    const zones = [PARIS, NY, "Europe/London", "UTC", "Asia/Kolkata", "Asia/Kathmandu", "Australia/Lord_Howe", "Pacific/Chatham", "America/St_Johns"];
    const start = Date.UTC(2026, 0, 1);
    fc.assert(
      fc.property(fc.constantFrom(...zones), fc.integer({ min: 0, max: 2 * 365 * 24 * 60 }), (tz, minute) => {
        const instant = new Date(start + minute * 60_000 + (minute % 7) * 1000);
        expect(zonedFast(instant, tz)).toEqual(zoned(instant, tz));
      }),
      { numRuns: 2000 },
    );
    // Zones that changed a minute past the quarter-hour: exact to the minute all the same.
    for (const [tz, iso] of [["America/St_Johns", "2010-03-14T03:31:00Z"], ["America/Goose_Bay", "2010-11-07T03:01:00Z"], ["Antarctica/Casey", "2022-10-01T16:01:00Z"]] as const) {
      for (const delta of [-2, -1, 0, 1, 2]) {
        const instant = new Date(Date.parse(iso) + delta * 60_000);
        expect(zonedFast(instant, tz)).toEqual(zoned(instant, tz));
        expect(utcOffsetMinutes(instant, tz)).not.toBeNaN();
      }
    }
    // Right at the changes, to the minute.
    for (const iso of ["2026-03-29T00:59:00Z", "2026-03-29T01:00:00Z", "2026-10-25T00:59:00Z", "2026-10-25T01:00:00Z", "2026-11-01T05:59:00Z", "2026-11-01T06:00:00Z"]) {
      for (const tz of [PARIS, NY]) expect(zonedFast(at(iso), tz)).toEqual(zoned(at(iso), tz));
    }
  });

  it("addDays", () => {
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
    expect(addDays("2026-03-01", -1)).toBe("2026-02-28");
    expect(addDays("2026-10-25", 0)).toBe("2026-10-25");
  });
});

// Monday to Saturday 08:00–19:30, closed on Sunday; Wednesday has a lunch break.
const WEEK = [
  { weekday: 1, opens: "08:00", closes: "19:30" },
  { weekday: 2, opens: "08:00", closes: "19:30" },
  { weekday: 3, opens: "14:00", closes: "19:30" }, // deliberately out of order
  { weekday: 3, opens: "08:00", closes: "12:00" },
  { weekday: 4, opens: "08:00", closes: "19:30" },
  { weekday: 5, opens: "08:00", closes: "19:30" },
  { weekday: 6, opens: "08:00", closes: "19:30" },
];
/** The instant it is `time` on `date` in Paris (winter, UTC+1) — independent of instantAt. */
const parisWinter = (date: string, time: string) => new Date(Date.parse(`${date}T${time}:00Z`) - 3_600_000);

describe("openState()", () => {
  it("is open within the hours (opening inclusive, closing exclusive)", () => {
    // 2026-11-21 is a Saturday.
    expect(openState(WEEK, PARIS, parisWinter("2026-11-21", "10:00"))).toEqual({ isOpen: true, nextOpening: null });
    expect(openState(WEEK, PARIS, parisWinter("2026-11-21", "08:00"))).toEqual({ isOpen: true, nextOpening: null });
    expect(openState(WEEK, PARIS, parisWinter("2026-11-21", "19:29"))).toEqual({ isOpen: true, nextOpening: null });
    expect(openState(WEEK, PARIS, parisWinter("2026-11-21", "19:30")).isOpen).toBe(false);
  });

  it("before opening: the next opening is later today", () => {
    expect(openState(WEEK, PARIS, parisWinter("2026-11-21", "07:00"))).toEqual({ isOpen: false, nextOpening: at("2026-11-21T07:00:00Z") });
    // Wednesday 2026-11-18 at lunch: the afternoon opening, not tomorrow's.
    expect(openState(WEEK, PARIS, parisWinter("2026-11-18", "12:30"))).toEqual({ isOpen: false, nextOpening: at("2026-11-18T13:00:00Z") });
    // Wednesday early morning: the morning opening, although the afternoon row comes first.
    expect(openState(WEEK, PARIS, parisWinter("2026-11-18", "06:00"))).toEqual({ isOpen: false, nextOpening: at("2026-11-18T07:00:00Z") });
  });

  it("after closing: the next day's opening", () => {
    // Friday evening → Saturday 08:00.
    expect(openState(WEEK, PARIS, parisWinter("2026-11-20", "20:00"))).toEqual({ isOpen: false, nextOpening: at("2026-11-21T07:00:00Z") });
    // Just after midnight (already Saturday in Paris, still Friday in UTC) → Saturday 08:00.
    expect(openState(WEEK, PARIS, at("2026-11-20T23:30:00Z"))).toEqual({ isOpen: false, nextOpening: at("2026-11-21T07:00:00Z") });
  });

  it("skips a closed Sunday: Saturday evening and Sunday both point at Monday", () => {
    const monday = at("2026-11-23T07:00:00Z");
    expect(openState(WEEK, PARIS, parisWinter("2026-11-21", "19:30"))).toEqual({ isOpen: false, nextOpening: monday });
    expect(openState(WEEK, PARIS, parisWinter("2026-11-22", "11:00"))).toEqual({ isOpen: false, nextOpening: monday });
  });

  it("counts the next opening in the shop's offset across a DST change", () => {
    // Saturday 2026-03-28 evening (UTC+1) → Monday 2026-03-30 08:00 (UTC+2) = 06:00Z.
    expect(openState(WEEK, PARIS, at("2026-03-28T19:00:00Z"))).toEqual({ isOpen: false, nextOpening: at("2026-03-30T06:00:00Z") });
    // Saturday 2026-10-24 evening (UTC+2) → Monday 2026-10-26 08:00 (UTC+1) = 07:00Z.
    expect(openState(WEEK, PARIS, at("2026-10-24T18:00:00Z"))).toEqual({ isOpen: false, nextOpening: at("2026-10-26T07:00:00Z") });
  });

  it("uses the shop's own time zone", () => {
    // 14:00Z is 09:00 in New York on Saturday: open; 13:00Z (08:00 NY) with hours from 09:00: closed until 14:00Z.
    expect(openState(WEEK, NY, at("2026-11-21T14:00:00Z")).isOpen).toBe(true);
    expect(openState([{ weekday: 6, opens: "09:00", closes: "17:00" }], NY, at("2026-11-21T13:00:00Z"))).toEqual({ isOpen: false, nextOpening: at("2026-11-21T14:00:00Z") });
    // The same instant is Saturday 14:00 in Paris, but Saturday 08:00 in New York.
    expect(openState([{ weekday: 6, opens: "13:00", closes: "15:00" }], PARIS, at("2026-11-21T13:00:00Z")).isOpen).toBe(true);
    expect(openState([{ weekday: 6, opens: "13:00", closes: "15:00" }], NY, at("2026-11-21T13:00:00Z")).isOpen).toBe(false);
  });

  it("a shop open one day a week: after closing, the same weekday next week", () => {
    const wednesdays = [{ weekday: 3, opens: "09:00", closes: "12:00" }];
    expect(openState(wednesdays, PARIS, parisWinter("2026-11-18", "13:00"))).toEqual({ isOpen: false, nextOpening: at("2026-11-25T08:00:00Z") });
  });

  it("without hours: closed, no next opening", () => {
    expect(openState([], PARIS, parisWinter("2026-11-21", "10:00"))).toEqual({ isOpen: false, nextOpening: null });
  });
});

describe("upcomingSlots()", () => {
  const windows = [
    { id: "evening", starts: "18:00", ends: "20:00", cutoffMinutes: 120, isActive: true },
    { id: "morning", starts: "10:00", ends: "12:00", cutoffMinutes: 60, isActive: true },
    { id: "old", starts: "14:00", ends: "15:00", cutoffMinutes: 0, isActive: false },
  ];

  it("lists today's and the next two days' active windows before their cut-off, in order", () => {
    // Saturday 09:30 in Paris: this morning's cut-off (09:00) has passed, the evening's (16:00) not.
    const slots = upcomingSlots(windows, PARIS, parisWinter("2026-11-21", "09:30"));
    expect(slots.map((s) => `${s.date} ${s.windowId}`)).toEqual([
      "2026-11-21 evening",
      "2026-11-22 morning",
      "2026-11-22 evening",
      "2026-11-23 morning",
      "2026-11-23 evening",
    ]);
    expect(slots[0]).toEqual({ windowId: "evening", date: "2026-11-21", starts: "18:00", ends: "20:00", cutoffAt: at("2026-11-21T15:00:00Z") });
    expect(slots[1]!.cutoffAt).toEqual(at("2026-11-22T08:00:00Z"));
  });

  it("the cut-off itself is too late; a minute before is fine", () => {
    const cutoff = parisWinter("2026-11-21", "09:00");
    expect(upcomingSlots(windows, PARIS, new Date(cutoff.getTime() - 60_000))[0]).toMatchObject({ date: "2026-11-21", windowId: "morning" });
    expect(upcomingSlots(windows, PARIS, cutoff)[0]).toMatchObject({ date: "2026-11-21", windowId: "evening" });
    expect(upcomingSlots(windows, PARIS, cutoff)).toHaveLength(5);
  });

  it("a cut-off reaching into the previous day excludes tomorrow's slot tonight", () => {
    // Delivered 08:00, ordered at least 10 h before: tomorrow's cut-off was 22:00 today.
    const early = [{ id: "dawn", starts: "08:00", ends: "09:00", cutoffMinutes: 600, isActive: true }];
    expect(upcomingSlots(early, PARIS, parisWinter("2026-11-21", "21:59")).map((s) => s.date)).toEqual(["2026-11-22", "2026-11-23"]);
    expect(upcomingSlots(early, PARIS, parisWinter("2026-11-21", "22:00")).map((s) => s.date)).toEqual(["2026-11-23"]);
  });

  it("computes cut-offs in the shop's offset on a DST day", () => {
    const slots = upcomingSlots(windows, PARIS, at("2026-03-28T20:00:00Z"));
    // 2026-03-29 10:00 is UTC+2 → 08:00Z, cut-off an hour earlier.
    expect(slots.find((s) => s.date === "2026-03-29" && s.windowId === "morning")!.cutoffAt).toEqual(at("2026-03-29T07:00:00Z"));
    expect(slots.find((s) => s.date === "2026-03-29" && s.windowId === "evening")!.cutoffAt).toEqual(at("2026-03-29T14:00:00Z"));
  });

  it("uses the shop's day, not UTC's", () => {
    // 03:00Z on the 21st is 22:00 on the 20th in New York: the three days are the 20th
    // (both cut-offs past), the 21st and the 22nd — not the 21st to the 23rd.
    const slots = upcomingSlots(windows, NY, at("2026-11-21T03:00:00Z"));
    expect(slots.map((s) => s.date)).toEqual(["2026-11-21", "2026-11-21", "2026-11-22", "2026-11-22"]);
    expect(slots[0]!.cutoffAt).toEqual(at("2026-11-21T14:00:00Z")); // 10:00 NY − 1 h
  });

  it("skips days the shop does not open (when it has opening hours)", () => {
    // Saturday 09:30; the shop opens Tuesday to Saturday only: Sunday and Monday are skipped.
    const hours = [2, 3, 4, 5, 6].map((weekday) => ({ weekday, opens: "08:00", closes: "19:00" }));
    const slots = upcomingSlots(windows, PARIS, parisWinter("2026-11-21", "09:30"), hours);
    expect([...new Set(slots.map((s) => s.date))]).toEqual(["2026-11-21", "2026-11-24", "2026-11-25"]);
  });

  it("nothing for a shop without active windows", () => {
    expect(upcomingSlots([], PARIS, parisWinter("2026-11-21", "09:30"))).toEqual([]);
    expect(upcomingSlots([windows[2]!], PARIS, parisWinter("2026-11-21", "09:30"))).toEqual([]);
  });
});
