// The .ics file of "Add to my calendar", apart from format.ts: the `ics` library (with its
// validator) weighs about 24 KB compressed, so the notice page loads this module on click.
import { createEvent } from "ics";

/**
 * The calendar event of a notice's disruption window, as an iCalendar file (UTC times).
 * A window without an end lasts an hour in the calendar. Throws when `ics` refuses it.
 */
export function noticeIcs(n: { id: string; title: string; startsAt: Date; endsAt: Date | null; place: string; url: string }): string {
  const end = n.endsAt ?? new Date(n.startsAt.getTime() + 60 * 60 * 1000);
  const { error, value } = createEvent({
    uid: `notice-${n.id}@quartier`,
    productId: "quartier/notices",
    title: n.title,
    description: `${n.title}\n${n.place}\n${n.url}`,
    location: n.place,
    url: n.url,
    start: n.startsAt.getTime(),
    startInputType: "utc",
    startOutputType: "utc",
    end: end.getTime(),
    endInputType: "utc",
    endOutputType: "utc",
  });
  if (error || !value) throw error ?? new Error("ics: no value");
  return value;
}
