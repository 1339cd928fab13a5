import { describe, expect, it } from "vitest";
import { formatBytes, formatWindow, icsFileName, targetLines } from "./format";
import { noticeIcs } from "./ics";

const PARIS = "Europe/Paris";

describe("formatWindow", () => {
  it("reads a window within a day in the building's zone", () => {
    // 07:00Z–11:00Z on 9 Dec 2025 is 08:00–12:00 in Paris (winter, UTC+1).
    const start = new Date("2025-12-09T07:00:00Z");
    const end = new Date("2025-12-09T11:00:00Z");
    expect(formatWindow(start, end, "en", PARIS)).toBe("Tue 9 Dec 08:00–12:00");
    expect(formatWindow(start, end, "fr", PARIS)).toBe("mar. 9 déc. 08:00–12:00");
  });
  it("names both days across midnight, and only the start without an end", () => {
    const start = new Date("2025-12-09T21:00:00Z");
    const end = new Date("2025-12-10T05:00:00Z");
    expect(formatWindow(start, end, "en", PARIS)).toBe("Tue 9 Dec 22:00 – Wed 10 Dec 06:00");
    expect(formatWindow(start, null, "en", PARIS)).toBe("Tue 9 Dec 22:00");
  });
  it("uses the zone's calendar day, not UTC's", () => {
    // 23:30Z on 9 Dec is already 10 Dec 00:30 in Paris.
    expect(formatWindow(new Date("2025-12-09T23:30:00Z"), new Date("2025-12-10T01:00:00Z"), "en", PARIS)).toBe("Wed 10 Dec 00:30–02:00");
  });
});

describe("formatBytes", () => {
  it("speaks bytes, kilobytes and megabytes in each language", () => {
    expect(formatBytes(512, "en")).toBe("512 B");
    expect(formatBytes(820 * 1024, "en")).toBe("820 KB");
    expect(formatBytes(1.4 * 1024 * 1024, "en")).toBe("1.4 MB");
    expect(formatBytes(1.4 * 1024 * 1024, "fr")).toBe("1,4 Mo");
    expect(formatBytes(820 * 1024, "fr")).toBe("820 Ko");
  });
});

describe("targetLines", () => {
  const stairs = (names: string) => `staircase ${names}`;
  it("gives one line per building, staircases gathered", () => {
    expect(
      targetLines(
        [
          { buildingId: "b1", buildingName: "Les Canuts", staircase: "B" },
          { buildingId: "b1", buildingName: "Les Canuts", staircase: "A" },
          { buildingId: "b2", buildingName: "Le Clos", staircase: "" },
        ],
        stairs,
      ),
    ).toEqual(["Les Canuts · staircase A, B", "Le Clos"]);
  });
});

describe("icsFileName", () => {
  it("makes a plain file name from any title", () => {
    expect(icsFileName("Coupure d'eau : mardi 9 déc.")).toBe("coupure-d-eau-mardi-9-dec.ics");
    expect(icsFileName("<script>")).toBe("script.ics");
    expect(icsFileName("!!!")).toBe("notice.ics");
  });
});

describe("noticeIcs", () => {
  const base = { id: "n1", title: "Water cut", place: "Résidence Les Canuts · staircase A", url: "https://quartier.example/notices/n1" };
  it("carries the window in UTC, the title, the building and the link", () => {
    const ics = noticeIcs({ ...base, startsAt: new Date("2025-12-09T07:00:00Z"), endsAt: new Date("2025-12-09T11:00:00Z") });
    const text = ics.replace(/\r\n[ \t]/g, "");
    expect(text).toContain("BEGIN:VCALENDAR");
    expect(text).toContain("DTSTART:20251209T070000Z");
    expect(text).toContain("DTEND:20251209T110000Z");
    expect(text).toContain("SUMMARY:Water cut");
    expect(text).toContain("URL:https://quartier.example/notices/n1");
    expect(text).toContain("UID:notice-n1@quartier");
    expect(text).toMatch(/DESCRIPTION:Water cut\\nRésidence Les Canuts · staircase A\\n/);
  });
  it("gives a window without an end one hour", () => {
    const text = noticeIcs({ ...base, startsAt: new Date("2025-12-09T07:00:00Z"), endsAt: null });
    expect(text).toContain("DTEND:20251209T080000Z");
  });
});
