// The repair slot engine: what residents are offered (availableSlots) and what the booking
// service re-checks (slotFits). Every test passes a fixed `now`; expected instants are written
// out in UTC by hand, independently of the engine's own zone arithmetic.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { zoned } from "../lib/zoned";
import { availableSlots, overlaps, slotFits, type TInterval, type TSlotInput, type TSlotOffer } from "./slots";

const PARIS = "Europe/Paris";
const LONDON = "Europe/London";
const at = (iso: string) => new Date(iso);
const MIN = 60_000;
/** The instant it is `time` on `date` in Paris in winter (UTC+1) / summer (UTC+2). */
const parisWinter = (date: string, time: string) => new Date(Date.parse(`${date}T${time}:00Z`) - 3_600_000);
const parisSummer = (date: string, time: string) => new Date(Date.parse(`${date}T${time}:00Z`) - 7_200_000);
const busy = (start: Date, minutes: number): TInterval => ({ start, end: new Date(start.getTime() + minutes * MIN) });

// 2026-12-07 is a Monday, 12-08 a Tuesday … 12-13 a Sunday.
const WEEK = [1, 2, 3, 4, 5].flatMap((weekday) => [
  { weekday, opens: "14:00", closes: "18:00" }, // deliberately out of order
  { weekday, opens: "08:00", closes: "12:00" },
]);
const base: TSlotInput = {
  timeZone: PARIS,
  hours: WEEK,
  stepMinutes: 30,
  durationMinutes: 60,
  bufferMinutes: 0,
  minNoticeMinutes: 0,
  horizonDays: 0,
  mode: "exact",
  busy: [],
};
const TUE_7 = parisWinter("2026-12-08", "07:00");
/** "date time" in the repairer's zone, one string per offer. */
const walls = (offers: TSlotOffer[]) => offers.map((o) => `${o.repairer.starts.date} ${o.repairer.starts.time}`);
const times = (offers: TSlotOffer[]) => offers.map((o) => o.repairer.starts.time);
const grid = (from: string, to: string, step = 30) => {
  const out: string[] = [];
  for (let m = Number(from.slice(0, 2)) * 60 + Number(from.slice(3)); m <= Number(to.slice(0, 2)) * 60 + Number(to.slice(3)); m += step) {
    out.push(`${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`);
  }
  return out;
};

describe("overlaps()", () => {
  const a = busy(at("2026-12-08T09:00:00Z"), 60);
  it("is half-open: touching intervals do not overlap", () => {
    expect(overlaps(a, busy(at("2026-12-08T10:00:00Z"), 30))).toBe(false);
    expect(overlaps(a, busy(at("2026-12-08T08:30:00Z"), 30))).toBe(false);
    expect(overlaps(a, busy(at("2026-12-08T09:59:00Z"), 30))).toBe(true);
    expect(overlaps(a, busy(at("2026-12-08T08:00:00Z"), 240))).toBe(true); // containing
    expect(overlaps(a, busy(at("2026-12-08T09:15:00Z"), 15))).toBe(true); // contained
  });
  it("widens the second interval by the buffer on both sides", () => {
    expect(overlaps(a, busy(at("2026-12-08T10:00:00Z"), 30), 1)).toBe(true);
    expect(overlaps(a, busy(at("2026-12-08T10:30:00Z"), 30), 30)).toBe(false);
    expect(overlaps(a, busy(at("2026-12-08T10:29:00Z"), 30), 30)).toBe(true);
    expect(overlaps(a, busy(at("2026-12-08T08:00:00Z"), 30), 30)).toBe(false);
    expect(overlaps(a, busy(at("2026-12-08T08:01:00Z"), 30), 30)).toBe(true);
  });
});

describe("availableSlots(): weekly hours", () => {
  it("offers grid starts in every range of the day whose job fits before closing", () => {
    const offers = availableSlots(base, TUE_7);
    expect(times(offers)).toEqual([...grid("08:00", "11:00"), ...grid("14:00", "17:00")]);
    expect(offers[0]).toMatchObject({ startsAt: at("2026-12-08T07:00:00Z"), endsAt: at("2026-12-08T08:00:00Z"), mode: "exact", capacityLeft: 1 });
    expect(offers[0]!.repairer).toEqual({
      timeZone: PARIS,
      starts: { date: "2026-12-08", weekday: 2, time: "08:00", utcOffsetMinutes: 60 },
      ends: { date: "2026-12-08", weekday: 2, time: "09:00", utcOffsetMinutes: 60 },
    });
    // Without a display zone, the building sees the repairer's.
    expect(offers[0]!.display).toEqual(offers[0]!.repairer);
  });

  it("a job of several cells needs them all within the range", () => {
    expect(times(availableSlots({ ...base, durationMinutes: 150 }, TUE_7))).toEqual([...grid("08:00", "09:30"), ...grid("14:00", "15:30")]);
    // Longer than any range: nothing.
    expect(availableSlots({ ...base, durationMinutes: 300 }, TUE_7)).toEqual([]);
  });

  it("touching or overlapping ranges are one stretch of work; the grid counts from midnight", () => {
    const hours = [
      { weekday: 2, opens: "08:15", closes: "12:00" },
      { weekday: 2, opens: "12:00", closes: "13:00" },
      { weekday: 2, opens: "12:30", closes: "14:00" },
    ];
    // 08:15 is off the 30-minute grid: the first start is 08:30; a 2-hour job may cross 12:00.
    expect(times(availableSlots({ ...base, hours, durationMinutes: 120 }, TUE_7))).toEqual(grid("08:30", "12:00"));
  });

  it("a range may close at 24:00", () => {
    const offers = availableSlots({ ...base, hours: [{ weekday: 2, opens: "22:00", closes: "24:00" }] }, TUE_7);
    expect(times(offers)).toEqual(["22:00", "22:30", "23:00"]);
    expect(offers.at(-1)!.repairer.ends).toMatchObject({ date: "2026-12-09", time: "00:00" });
  });

  it("days without hours give nothing; weekends are skipped", () => {
    // Friday 2026-12-11 evening, three days ahead: Saturday and Sunday empty, Monday full.
    const offers = availableSlots({ ...base, horizonDays: 3 }, parisWinter("2026-12-11", "20:00"));
    expect([...new Set(offers.map((o) => o.repairer.starts.date))]).toEqual(["2026-12-14"]);
    expect(availableSlots({ ...base, hours: [] }, TUE_7)).toEqual([]);
  });
});

describe("availableSlots(): exceptions", () => {
  const days = (input: TSlotInput) => [...new Set(availableSlots({ ...input, horizonDays: 6 }, parisWinter("2026-12-07", "07:00")).map((o) => o.repairer.starts.date))];

  it("days off: single dates and inclusive ranges", () => {
    expect(days(base)).toEqual(["2026-12-07", "2026-12-08", "2026-12-09", "2026-12-10", "2026-12-11"]);
    expect(days({ ...base, daysOff: [{ from: "2026-12-08" }] })).toEqual(["2026-12-07", "2026-12-09", "2026-12-10", "2026-12-11"]);
    expect(days({ ...base, daysOff: [{ from: "2026-12-09", to: "2026-12-10" }, { from: "2026-12-07", to: "2026-12-07" }] })).toEqual(["2026-12-08", "2026-12-11"]);
  });

  it("date hours replace the weekly hours of their date, and open a day without hours", () => {
    const input: TSlotInput = {
      ...base,
      dateHours: [
        { date: "2026-12-08", ranges: [{ opens: "14:00", closes: "16:00" }] },
        { date: "2026-12-13", ranges: [{ opens: "10:00", closes: "11:00" }] }, // a Sunday
        { date: "2026-12-13", ranges: [{ opens: "16:00", closes: "17:00" }] }, // entries for one date add up
        { date: "2026-12-09", ranges: [] }, // an empty list closes the day
      ],
      horizonDays: 6,
    };
    const offers = availableSlots(input, parisWinter("2026-12-07", "07:00"));
    expect(walls(offers).filter((w) => w.startsWith("2026-12-08"))).toEqual(["2026-12-08 14:00", "2026-12-08 14:30", "2026-12-08 15:00"]);
    expect(walls(offers).filter((w) => w.startsWith("2026-12-13"))).toEqual(["2026-12-13 10:00", "2026-12-13 16:00"]);
    expect(walls(offers).filter((w) => w.startsWith("2026-12-09"))).toEqual([]);
    expect(walls(offers).filter((w) => w.startsWith("2026-12-10"))).toHaveLength(14); // untouched
  });

  it("a day off wins over date hours", () => {
    const input = { ...base, dateHours: [{ date: "2026-12-13", ranges: [{ opens: "10:00", closes: "12:00" }] }], daysOff: [{ from: "2026-12-12", to: "2026-12-13" }] };
    expect(days(input)).not.toContain("2026-12-13");
  });
});

describe("availableSlots(): buffer, notice, horizon, the past", () => {
  it("keeps the buffer before and after an existing booking", () => {
    // Booked 10:00–11:00, buffer 30: a 30-minute job may end at 09:30 and start at 11:30.
    const input = { ...base, durationMinutes: 30, bufferMinutes: 30, busy: [busy(parisWinter("2026-12-08", "10:00"), 60)] };
    expect(times(availableSlots(input, TUE_7)).filter((t) => t < "12:00")).toEqual(["08:00", "08:30", "09:00", "11:30"]);
    // Without buffer only the booked cells go.
    expect(times(availableSlots({ ...input, bufferMinutes: 0 }, TUE_7)).filter((t) => t < "12:00")).toEqual(["08:00", "08:30", "09:00", "09:30", "11:00", "11:30"]);
  });

  it("multi-cell jobs never overlap a busy interval, live holds included", () => {
    // A hold on 10:00–10:30; a 90-minute job cannot start 09:00, 09:30 or 10:00.
    const input = { ...base, durationMinutes: 90, busy: [busy(parisWinter("2026-12-08", "10:00"), 30)] };
    expect(times(availableSlots(input, TUE_7)).filter((t) => t < "12:00")).toEqual(["08:00", "08:30", "10:30"]);
  });

  it("hides the past and starts earlier than now + minimum notice", () => {
    expect(times(availableSlots(base, parisWinter("2026-12-08", "10:15")))[0]).toBe("10:30");
    expect(times(availableSlots({ ...base, minNoticeMinutes: 60 }, parisWinter("2026-12-08", "08:10")))[0]).toBe("09:30");
    // Exactly now + notice is fine.
    expect(times(availableSlots({ ...base, minNoticeMinutes: 60 }, parisWinter("2026-12-08", "08:00")))[0]).toBe("09:00");
    // Notice reaching into tomorrow.
    const late = availableSlots({ ...base, minNoticeMinutes: 18 * 60, horizonDays: 1 }, parisWinter("2026-12-08", "16:00"));
    expect(walls(late)[0]).toBe("2026-12-09 10:00");
    // After the last start of the day: nothing today.
    expect(availableSlots(base, parisWinter("2026-12-08", "17:01"))).toEqual([]);
  });

  it("offers today and horizonDays more calendar days in the repairer's zone, none beyond", () => {
    const dates = (horizonDays: number, now: Date) => [...new Set(availableSlots({ ...base, horizonDays }, now).map((o) => o.repairer.starts.date))];
    expect(dates(2, TUE_7)).toEqual(["2026-12-08", "2026-12-09", "2026-12-10"]);
    expect(dates(0, TUE_7)).toEqual(["2026-12-08"]);
    // 23:30 on Monday in Paris is already Monday 22:30 UTC: the days are Paris's.
    expect(dates(1, parisWinter("2026-12-07", "23:30"))).toEqual(["2026-12-08"]);
    // 00:30 Tuesday in Paris (Monday 23:30 UTC): today is Tuesday.
    expect(dates(1, parisWinter("2026-12-08", "00:30"))).toEqual(["2026-12-08", "2026-12-09"]);
  });
});

describe("availableSlots(): arrival windows", () => {
  const input: TSlotInput = { ...base, mode: "window", durationMinutes: 90, windowCapacity: 2 };
  const morning = { start: parisWinter("2026-12-08", "08:00"), end: parisWinter("2026-12-08", "12:00") };
  const afternoon = { start: parisWinter("2026-12-08", "14:00"), end: parisWinter("2026-12-08", "18:00") };

  it("each working range is one window, offered with its capacity", () => {
    const offers = availableSlots(input, TUE_7);
    expect(offers.map((o) => [o.startsAt, o.endsAt, o.capacityLeft, o.mode])).toEqual([
      [morning.start, morning.end, 2, "window"],
      [afternoon.start, afternoon.end, 2, "window"],
    ]);
    expect(offers[0]!.repairer.ends.time).toBe("12:00");
  });

  it("bookings inside a window use its capacity; when full it is gone", () => {
    expect(availableSlots({ ...input, busy: [morning] }, TUE_7).map((o) => o.capacityLeft)).toEqual([1, 2]);
    expect(availableSlots({ ...input, busy: [morning, morning] }, TUE_7).map((o) => o.startsAt)).toEqual([afternoon.start]);
    expect(availableSlots({ ...input, windowCapacity: undefined, busy: [morning] }, TUE_7).map((o) => o.startsAt)).toEqual([afternoon.start]);
  });

  it("anything overlapping a window from outside closes it; buffers do not apply between windows", () => {
    const spill = busy(parisWinter("2026-12-08", "11:00"), 120); // 11:00–13:00
    expect(availableSlots({ ...input, busy: [spill] }, TUE_7).map((o) => o.startsAt)).toEqual([afternoon.start]);
    // Back-to-back windows 08–12 and 12–16 with a full first one: the second is still offered.
    const hours = [{ weekday: 2, opens: "08:00", closes: "12:00" }, { weekday: 2, opens: "12:00", closes: "16:00" }];
    const offers = availableSlots({ ...input, hours, windowCapacity: 1, bufferMinutes: 60, busy: [morning] }, TUE_7);
    expect(times(offers)).toEqual(["12:00"]);
  });

  it("overlapping ranges make one window, so no two windows start together", () => {
    const hours = [{ weekday: 2, opens: "08:00", closes: "10:00" }, { weekday: 2, opens: "08:00", closes: "12:00" }, { weekday: 2, opens: "11:00", closes: "13:00" }];
    const offers = availableSlots({ ...input, hours }, TUE_7);
    expect(offers.map((o) => `${o.repairer.starts.time}–${o.repairer.ends.time}`)).toEqual(["08:00–13:00"]);
  });

  it("a window must hold the job, must not have started before now + notice, and is not merged with its neighbour", () => {
    expect(availableSlots({ ...input, durationMinutes: 300 }, TUE_7)).toEqual([]);
    expect(times(availableSlots(input, parisWinter("2026-12-08", "08:01")))).toEqual(["14:00"]);
    expect(times(availableSlots({ ...input, minNoticeMinutes: 360 }, TUE_7))).toEqual(["14:00"]);
  });
});

describe("availableSlots(): daylight-saving days in Europe/Paris", () => {
  const sunday = (date: string, input: Partial<TSlotInput> = {}) =>
    availableSlots({ ...base, hours: [{ weekday: 7, opens: "08:00", closes: "12:00" }], durationMinutes: 30, horizonDays: 1, ...input }, at(`${date}T12:00:00Z`));

  for (const [spring, autumn] of [["2026-03-29", "2026-10-25"], ["2027-03-28", "2027-10-31"]] as const) {
    const before = new Date(Date.parse(spring) - 86_400_000).toISOString().slice(0, 10);
    const beforeAutumn = new Date(Date.parse(autumn) - 86_400_000).toISOString().slice(0, 10);

    it(`spring ${spring}: 08:00–12:00 still gives 08:00, 08:30 …, now at UTC+2`, () => {
      const offers = sunday(before);
      expect(times(offers)).toEqual(grid("08:00", "11:30"));
      expect(offers[0]!.startsAt).toEqual(parisSummer(spring, "08:00"));
      expect(offers.at(-1)!.endsAt).toEqual(parisSummer(spring, "12:00"));
      expect(offers.every((o) => o.repairer.starts.utcOffsetMinutes === 120)).toBe(true);
    });

    it(`spring ${spring}: the skipped hour is not offered, and durations are real minutes`, () => {
      const night = { hours: [{ weekday: 7, opens: "01:00", closes: "04:00" }] };
      // 02:00 and 02:30 do not exist.
      expect(times(sunday(before, night))).toEqual(["01:00", "01:30", "03:00", "03:30"]);
      // 01:30 to 03:30 on the wall clock is one real hour; 03:30 + 60 would pass 04:00.
      const hour = sunday(before, { ...night, durationMinutes: 60 });
      expect(hour.map((o) => `${o.repairer.starts.time}–${o.repairer.ends.time}`)).toEqual(["01:00–03:00", "01:30–03:30", "03:00–04:00"]);
      expect(hour[1]!.endsAt.getTime() - hour[1]!.startsAt.getTime()).toBe(60 * MIN);
      // A range closing inside the gap ends where the clock jumps (03:00).
      const closesInGap = sunday(before, { hours: [{ weekday: 7, opens: "00:00", closes: "02:30" }] });
      expect(times(closesInGap)).toEqual(["00:00", "00:30", "01:00", "01:30"]);
      expect(closesInGap.at(-1)!.endsAt).toEqual(parisSummer(spring, "03:00"));
    });

    it(`autumn ${autumn}: 08:00–12:00 gives 08:00 … at UTC+1; the repeated hour is offered once per real instant`, () => {
      const offers = sunday(beforeAutumn);
      expect(times(offers)).toEqual(grid("08:00", "11:30"));
      expect(offers[0]!.startsAt).toEqual(parisWinter(autumn, "08:00"));
      const night = sunday(beforeAutumn, { hours: [{ weekday: 7, opens: "01:00", closes: "04:00" }] });
      expect(night.map((o) => `${o.repairer.starts.time}+${o.repairer.starts.utcOffsetMinutes}`)).toEqual([
        "01:00+120", "01:30+120", "02:00+120", "02:30+120", "02:00+60", "02:30+60", "03:00+60", "03:30+60",
      ]);
      // Four real hours, eight distinct half-hour instants, back to back.
      const starts = night.map((o) => o.startsAt.getTime());
      expect(starts).toEqual(starts.map((_, i) => parisSummer(autumn, "01:00").getTime() + i * 30 * MIN));
      // A 60-minute job from the first 02:30 ends at the second 02:30.
      const long = sunday(beforeAutumn, { hours: [{ weekday: 7, opens: "01:00", closes: "04:00" }], durationMinutes: 60 });
      const first230 = long.find((o) => o.repairer.starts.time === "02:30" && o.repairer.starts.utcOffsetMinutes === 120)!;
      expect(first230.repairer.ends).toMatchObject({ time: "02:30", utcOffsetMinutes: 60 });
    });

    it(`the days around ${spring} and ${autumn} use each day's own offset`, () => {
      const week = { hours: [6, 7, 1].map((weekday) => ({ weekday, opens: "08:00", closes: "08:30" })), durationMinutes: 30, horizonDays: 2 };
      const firstOf = (o: TSlotOffer[]) => o.map((x) => x.startsAt);
      const saturday = new Date(Date.parse(spring) - 86_400_000).toISOString().slice(0, 10);
      const monday = new Date(Date.parse(spring) + 86_400_000).toISOString().slice(0, 10);
      expect(firstOf(availableSlots({ ...base, ...week }, parisWinter(saturday, "07:00")))).toEqual([parisWinter(saturday, "08:00"), parisSummer(spring, "08:00"), parisSummer(monday, "08:00")]);
      const saturdayA = new Date(Date.parse(autumn) - 86_400_000).toISOString().slice(0, 10);
      const mondayA = new Date(Date.parse(autumn) + 86_400_000).toISOString().slice(0, 10);
      expect(firstOf(availableSlots({ ...base, ...week }, parisSummer(saturdayA, "07:00")))).toEqual([parisSummer(saturdayA, "08:00"), parisWinter(autumn, "08:00"), parisWinter(mondayA, "08:00")]);
    });
  }
});

describe("a repairer in London, a building in Paris", () => {
  const input: TSlotInput = { ...base, timeZone: LONDON, displayTimeZone: PARIS, hours: [{ weekday: 2, opens: "08:00", closes: "09:00" }, { weekday: 2, opens: "23:00", closes: "24:00" }], durationMinutes: 30 };

  it("shows each slot in both zones: winter, London UTC+0, Paris UTC+1", () => {
    const offers = availableSlots(input, at("2026-12-08T06:00:00Z"));
    expect(offers[0]!.startsAt).toEqual(at("2026-12-08T08:00:00Z"));
    expect(offers[0]!.repairer).toEqual({
      timeZone: LONDON,
      starts: { date: "2026-12-08", weekday: 2, time: "08:00", utcOffsetMinutes: 0 },
      ends: { date: "2026-12-08", weekday: 2, time: "08:30", utcOffsetMinutes: 0 },
    });
    expect(offers[0]!.display).toEqual({
      timeZone: PARIS,
      starts: { date: "2026-12-08", weekday: 2, time: "09:00", utcOffsetMinutes: 60 },
      ends: { date: "2026-12-08", weekday: 2, time: "09:30", utcOffsetMinutes: 60 },
    });
    // Late evening in London is already Wednesday in Paris.
    expect(offers.at(-1)!.display.starts).toEqual({ date: "2026-12-09", weekday: 3, time: "00:30", utcOffsetMinutes: 60 });
    expect(offers.at(-1)!.repairer.starts).toMatchObject({ date: "2026-12-08", weekday: 2, time: "23:30" });
  });

  it("in summer: London UTC+1, Paris UTC+2; the London day decides the horizon and hours", () => {
    // Tuesday 2026-07-07; at 23:30 UTC on Monday it is already Tuesday in Paris, not yet in London.
    const offers = availableSlots({ ...input, horizonDays: 0 }, at("2026-07-06T22:30:00Z"));
    expect(offers).toEqual([]);
    const tuesday = availableSlots(input, at("2026-07-07T05:00:00Z"));
    expect(tuesday[0]!.startsAt).toEqual(at("2026-07-07T07:00:00Z"));
    expect(tuesday[0]!.display.starts).toMatchObject({ date: "2026-07-07", time: "09:00", utcOffsetMinutes: 120 });
  });

  it("both zones change on the same instant in March: the building still sees London + 1 h", () => {
    // Sunday 2026-03-29 08:00 in London is BST (UTC+1) → 07:00Z → 09:00 in Paris.
    const offers = availableSlots({ ...input, hours: [{ weekday: 7, opens: "08:00", closes: "08:30" }], horizonDays: 1 }, at("2026-03-28T12:00:00Z"));
    expect(offers.map((o) => [o.startsAt, o.display.starts.time])).toEqual([[at("2026-03-29T07:00:00Z"), "09:00"]]);
  });
});

describe("slotFits()", () => {
  const input: TSlotInput = { ...base, horizonDays: 3, minNoticeMinutes: 60, busy: [busy(parisWinter("2026-12-08", "15:00"), 60)] };
  const fits = (date: string, time: string, duration = 60, now = TUE_7) => {
    const r = slotFits(input, parisWinter(date, time), duration, now);
    return r.ok ? "ok" : r.reason;
  };

  it("accepts an offered start and returns its offer", () => {
    const r = slotFits(input, parisWinter("2026-12-08", "09:00"), 60, TUE_7);
    expect(r).toEqual({ ok: true, offer: availableSlots(input, TUE_7).find((o) => o.startsAt.getTime() === parisWinter("2026-12-08", "09:00").getTime()) });
  });

  it("says why not", () => {
    expect(fits("2026-12-08", "09:10")).toBe("not-a-slot"); // off the grid
    expect(fits("2026-12-08", "12:30")).toBe("not-a-slot"); // lunch
    expect(fits("2026-12-08", "11:30")).toBe("not-a-slot"); // would end after 12:00
    expect(fits("2026-12-12", "09:00")).toBe("not-a-slot"); // Saturday
    expect(fits("2026-12-08", "15:30")).toBe("taken");
    expect(fits("2026-12-08", "14:30")).toBe("taken"); // its second hour is taken
    expect(fits("2026-12-08", "07:30", 60, parisWinter("2026-12-08", "07:00"))).toBe("not-a-slot");
    expect(fits("2026-12-08", "08:00", 60, parisWinter("2026-12-08", "07:30"))).toBe("too-soon"); // notice
    expect(fits("2026-12-08", "08:00")).toBe("ok"); // exactly now + notice
    expect(fits("2026-12-07", "09:00")).toBe("too-soon"); // yesterday
    expect(fits("2026-12-14", "09:00")).toBe("beyond-horizon");
    expect(fits("2026-12-11", "09:00")).toBe("ok"); // the horizon's last day
    expect(fits("2026-12-08", "09:00", 45)).toBe("bad-duration");
    expect(fits("2026-12-08", "09:00", 0)).toBe("bad-duration");
  });

  it("checks the requested duration, not the category's default", () => {
    // 14:00 + 60 ends at the busy 15:00 exactly: fine; 14:00 + 90 is not.
    expect(fits("2026-12-08", "14:00", 60)).toBe("ok");
    expect(fits("2026-12-08", "14:00", 90)).toBe("taken");
    expect(fits("2026-12-08", "11:30", 30)).toBe("ok");
  });

  it("window mode: the start of a window with room", () => {
    const w = { ...input, mode: "window" as const, windowCapacity: 1 };
    expect(slotFits(w, parisWinter("2026-12-09", "08:00"), 60, TUE_7).ok).toBe(true);
    expect(slotFits(w, parisWinter("2026-12-09", "08:30"), 60, TUE_7)).toEqual({ ok: false, reason: "not-a-slot" });
    expect(slotFits(w, parisWinter("2026-12-08", "14:00"), 60, TUE_7)).toEqual({ ok: false, reason: "taken" }); // a job from outside it
  });

  it("on DST nights: a skipped time is not a slot, both repeated instants are", () => {
    const night = { ...base, hours: [{ weekday: 7, opens: "01:00", closes: "04:00" }], durationMinutes: 30, horizonDays: 1 };
    // 2026-03-29 01:00Z is 03:00 CEST; there is no instant for 02:00/02:30, so nothing else to ask.
    expect(slotFits(night, at("2026-03-29T01:00:00Z"), 30, at("2026-03-28T12:00:00Z")).ok).toBe(true);
    expect(slotFits(night, at("2026-03-29T00:45:00Z"), 30, at("2026-03-28T12:00:00Z"))).toEqual({ ok: false, reason: "not-a-slot" });
    const now = at("2026-10-24T12:00:00Z");
    expect(slotFits(night, at("2026-10-25T00:00:00Z"), 30, now).ok).toBe(true); // 02:00 CEST
    expect(slotFits(night, at("2026-10-25T01:00:00Z"), 30, now).ok).toBe(true); // 02:00 CET
  });
});

describe("input checks", () => {
  it("refuses configurations the edge should have refused", () => {
    expect(() => availableSlots({ ...base, durationMinutes: 45 }, TUE_7)).toThrow(RangeError);
    expect(() => availableSlots({ ...base, stepMinutes: 0 }, TUE_7)).toThrow(RangeError);
    expect(() => availableSlots({ ...base, hours: [{ weekday: 2, opens: "12:00", closes: "08:00" }] }, TUE_7)).toThrow(RangeError);
    expect(() => availableSlots({ ...base, hours: [{ weekday: 2, opens: "8:00", closes: "12:00" }] }, TUE_7)).toThrow(RangeError);
    expect(() => availableSlots({ ...base, mode: "window", windowCapacity: 0 }, TUE_7)).toThrow(RangeError);
    expect(() => availableSlots({ ...base, horizonDays: -1 }, TUE_7)).toThrow(RangeError);
    expect(() => availableSlots({ ...base, hours: [{ weekday: 0, opens: "08:00", closes: "12:00" }] }, TUE_7)).toThrow(RangeError);
    expect(() => slotFits({ ...base, dateHours: [{ date: "2026-12-08", ranges: [{ opens: "24:00", closes: "24:00" }] }] }, TUE_7, 60, TUE_7)).toThrow(RangeError);
  });
});

// --- Properties: random repairers, random bookings, random `now`, DST days included ---

const ZONES = [PARIS, LONDON, "America/New_York", "UTC"];
// Days near the Paris, London and New York changes, and ordinary ones.
const DAYS = ["2026-03-07", "2026-03-27", "2026-06-15", "2026-10-23", "2026-10-30", "2026-12-07", "2027-03-26", "2027-10-29"];
const quarter = (q: number) => `${String(Math.floor(q / 4)).padStart(2, "0")}:${String((q % 4) * 15).padStart(2, "0")}`;
const arbRange = fc
  .tuple(fc.integer({ min: 1, max: 7 }), fc.integer({ min: 0, max: 95 }), fc.integer({ min: 1, max: 40 }))
  .map(([weekday, from, length]) => ({ weekday, opens: quarter(from), closes: from + length >= 96 ? "24:00" : quarter(from + length) }));

const arbCase = fc
  .record({
    timeZone: fc.constantFrom(...ZONES),
    displayTimeZone: fc.constantFrom(...ZONES),
    hours: fc.array(arbRange, { minLength: 1, maxLength: 10 }),
    stepMinutes: fc.constantFrom(15, 30, 60),
    cells: fc.integer({ min: 1, max: 4 }),
    bufferMinutes: fc.constantFrom(0, 15, 30),
    minNoticeMinutes: fc.integer({ min: 0, max: 300 }),
    horizonDays: fc.integer({ min: 0, max: 4 }),
    mode: fc.constantFrom("exact" as const, "exact" as const, "window" as const),
    windowCapacity: fc.integer({ min: 1, max: 3 }),
    day: fc.constantFrom(...DAYS),
    nowMinute: fc.integer({ min: 0, max: 24 * 60 - 1 }),
    busy: fc.array(fc.tuple(fc.integer({ min: 0, max: 6 * 96 }), fc.integer({ min: 1, max: 16 })), { maxLength: 8 }),
    daysOff: fc.array(fc.integer({ min: 0, max: 5 }), { maxLength: 2 }),
  })
  .map((c) => {
    const now = new Date(Date.parse(`${c.day}T00:00:00Z`) + c.nowMinute * MIN);
    const q = 15 * MIN;
    const start0 = Math.floor(now.getTime() / q) * q - 12 * 3_600_000;
    const input: TSlotInput = {
      timeZone: c.timeZone,
      displayTimeZone: c.displayTimeZone,
      hours: c.hours,
      stepMinutes: c.stepMinutes,
      durationMinutes: c.stepMinutes * c.cells,
      bufferMinutes: c.bufferMinutes,
      minNoticeMinutes: c.minNoticeMinutes,
      horizonDays: c.horizonDays,
      mode: c.mode,
      windowCapacity: c.windowCapacity,
      daysOff: c.daysOff.map((d) => ({ from: new Date(Date.parse(c.day) + d * 86_400_000).toISOString().slice(0, 10) })),
      busy: c.busy.map(([s, l]) => ({ start: new Date(start0 + s * q), end: new Date(start0 + (s + l) * q) })),
    };
    return { input, now };
  });

describe("properties", () => {
  it("(1) no offered slot overlaps a busy interval widened by the buffer (windows: only bookings inside, below capacity)", () => {
    fc.assert(
      fc.property(arbCase, ({ input, now }) => {
        for (const o of availableSlots(input, now)) {
          const slot = { start: o.startsAt, end: o.endsAt };
          if (input.mode === "exact") {
            if (input.busy.some((b) => overlaps(slot, b, input.bufferMinutes))) return false;
          } else {
            const hit = input.busy.filter((b) => overlaps(slot, b));
            if (hit.some((b) => b.start < slot.start || b.end > slot.end)) return false;
            if (hit.length >= (input.windowCapacity ?? 1) || o.capacityLeft !== (input.windowCapacity ?? 1) - hit.length) return false;
          }
          // And never in the past, before the notice, or a job shorter than asked.
          if (o.startsAt.getTime() < now.getTime() + input.minNoticeMinutes * MIN) return false;
          if (o.endsAt.getTime() - o.startsAt.getTime() < input.durationMinutes * MIN) return false;
        }
        return true;
      }),
      { numRuns: 150 },
    );
  });

  it("(2) every offered slot passes slotFits, and slotFits refuses every start that is not offered", () => {
    fc.assert(
      fc.property(arbCase, fc.array(fc.integer({ min: 0, max: 6 * 24 * 4 }), { minLength: 20, maxLength: 40 }), fc.integer({ min: 0, max: 14 }), ({ input, now }, probes, jitter) => {
        const offers = availableSlots(input, now);
        const offered = new Set(offers.map((o) => o.startsAt.getTime()));
        for (const o of offers) {
          const r = slotFits(input, o.startsAt, input.durationMinutes, now);
          if (!r.ok || r.offer.endsAt.getTime() !== o.endsAt.getTime() || r.offer.capacityLeft !== o.capacityLeft) return false;
        }
        // Random quarter-hours from a few hours before now to beyond the horizon, some off the quarter.
        const from = Math.floor(now.getTime() / (15 * MIN)) * 15 * MIN - 6 * 3_600_000;
        for (const p of probes) {
          const start = new Date(from + p * 15 * MIN + (p % 3 === 0 ? jitter * MIN : 0));
          if (slotFits(input, start, input.durationMinutes, now).ok !== offered.has(start.getTime())) return false;
        }
        return true;
      }),
      { numRuns: 120 },
    );
  });

  it("(3) offers are sorted by start and unique; wall clocks agree with the instants", () => {
    fc.assert(
      fc.property(arbCase, ({ input, now }) => {
        const offers = availableSlots(input, now);
        for (let i = 1; i < offers.length; i++) if (offers[i]!.startsAt.getTime() <= offers[i - 1]!.startsAt.getTime()) return false;
        for (const o of offers) {
          const z = zoned(o.startsAt, input.timeZone);
          if (z.date !== o.repairer.starts.date || z.minutes !== Number(o.repairer.starts.time.slice(0, 2)) * 60 + Number(o.repairer.starts.time.slice(3))) return false;
          if (input.mode === "exact" && z.minutes % input.stepMinutes !== 0) return false;
          const d = zoned(o.startsAt, input.displayTimeZone!);
          if (d.date !== o.display.starts.date || d.weekday !== o.display.starts.weekday) return false;
        }
        return true;
      }),
      { numRuns: 150 },
    );
  });

  it("(4) exact mode matches a brute-force walk over real quarter-hours, DST nights included", () => {
    // The oracle: a start is bookable when its wall time is on the grid, every real quarter-hour
    // of the job is worked (its wall time inside a range of the start's local day), and notice,
    // horizon, days off and busy allow. Ranges open and close on whole hours at night (so never
    // strictly inside a repeated hour, where "until 02:30" has two readings) and on any
    // quarter-hour from 04:00; the DST days are among the generated ones.
    const night = fc.record({ weekday: fc.integer({ min: 1, max: 7 }), from: fc.integer({ min: 0, max: 23 }).map((h) => h * 4), length: fc.integer({ min: 1, max: 8 }).map((h) => h * 4) });
    const daytime = fc.record({ weekday: fc.integer({ min: 1, max: 7 }), from: fc.integer({ min: 16, max: 90 }), length: fc.integer({ min: 1, max: 30 }) });
    const day = fc.oneof(night, daytime);
    fc.assert(
      fc.property(arbCase, fc.array(day, { minLength: 1, maxLength: 8 }), ({ input: raw, now }, days) => {
        const hours = days.map((h) => ({ weekday: h.weekday, opens: quarter(h.from), closes: h.from + h.length >= 96 ? "24:00" : quarter(h.from + h.length) }));
        const input: TSlotInput = { ...raw, hours, mode: "exact" };
        const last = new Date(Date.parse(`${zoned(now, input.timeZone).date}T00:00:00Z`) + input.horizonDays * 86_400_000).toISOString().slice(0, 10);
        const mins = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3));
        // A quarter-hour starting at t is worked when it lies on `date` inside one of its ranges.
        const working = (t: number, date: string) => {
          const z = zoned(new Date(t), input.timeZone);
          return z.date === date && hours.some((h) => h.weekday === z.weekday && mins(h.opens) <= z.minutes && z.minutes < mins(h.closes));
        };
        const expected: number[] = [];
        const q = 15 * MIN;
        for (let t = Math.ceil(now.getTime() / q) * q; t < now.getTime() + (input.horizonDays + 2) * 86_400_000; t += q) {
          const z = zoned(new Date(t), input.timeZone);
          if (z.minutes % input.stepMinutes || z.date > last || t < now.getTime() + input.minNoticeMinutes * MIN) continue;
          let ok = true;
          for (let u = t; ok && u < t + input.durationMinutes * MIN; u += q) ok = working(u, z.date);
          if (!ok) continue;
          if (input.busy.some((b) => overlaps({ start: new Date(t), end: new Date(t + input.durationMinutes * MIN) }, b, input.bufferMinutes))) continue;
          if ((input.daysOff ?? []).some((d) => d.from === z.date)) continue;
          expected.push(t);
        }
        expect(availableSlots(input, now).map((o) => o.startsAt.getTime())).toEqual(expected);
      }),
      { numRuns: 60 },
    );
  });
});
