// The calendar feed as real clients read it: parsed back with ical.js, using only the
// VTIMEZONEs inside the file (nothing registered globally), so a wrong transition
// shows up as a meeting at the wrong hour.
import ICAL from "ical.js";
import { describe, expect, it, vi } from "vitest";
import { renderCalendar, type IcsEvent } from "../worker/meetings/ics";
import { zoneOffsetMinutes } from "../worker/lib/zonedTime";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

function meeting(over: Partial<IcsEvent> = {}): IcsEvent {
  return {
    uid: "m-1@plenary",
    sequence: 0,
    cancelled: false,
    startsAt: "2026-03-29T08:00:00.000Z",
    endsAt: "2026-03-29T11:00:00.000Z",
    timeZone: "Europe/Zurich",
    title: "Plenary, session 1",
    description: "Opening of the session",
    location: "Palais des Nations, Room XX",
    url: "https://plenary.example/meetings/1",
    createdAt: "2026-01-10T09:15:00.000Z",
    updatedAt: "2026-02-01T16:45:30.000Z",
    categories: ["Plenary"],
    ...over,
  };
}

function parse(ics: string) {
  const calendar = new ICAL.Component(ICAL.parse(ics));
  const events = calendar.getAllSubcomponents("vevent").map((c) => new ICAL.Event(c));
  return { calendar, events };
}

const iso = (t: ICAL.Time) => t.toJSDate().toISOString();

/** Whether the wall-clock time `local` (as if UTC) also occurs under an offset other than `off`. */
function happensTwice(local: number, off: number, zone: string) {
  return [-DAY, DAY].some((d) => {
    const other = zoneOffsetMinutes(local - off * 60_000 + d, zone);
    return other !== off && zoneOffsetMinutes(local - other * 60_000, zone) === other;
  });
}

/** Each VTIMEZONE block as its raw lines, by TZID. */
function vtimezones(ics: string): Map<string, string> {
  const blocks = new Map<string, string>();
  for (const m of ics.matchAll(/BEGIN:VTIMEZONE\r\nTZID:([^\r]+)\r\n[\s\S]*?END:VTIMEZONE\r\n/g)) blocks.set(m[1]!, m[0]);
  return blocks;
}

describe("time zones", () => {
  it("writes Geneva meetings on both sides of the 2026 changes in Geneva time, and ical.js reads the same instants", () => {
    const spring = meeting();
    const autumn = meeting({
      uid: "m-2@plenary",
      startsAt: "2026-10-25T09:00:00.000Z",
      endsAt: "2026-10-25T12:00:00.000Z",
    });
    const ics = renderCalendar({ name: "Geneva", events: [spring, autumn] });

    expect(ics).toContain("DTSTART;TZID=Europe/Zurich:20260329T100000\r\n");
    expect(ics).toContain("DTEND;TZID=Europe/Zurich:20260329T130000\r\n");
    expect(ics).toContain("DTSTART;TZID=Europe/Zurich:20261025T100000\r\n");
    expect(ics).toContain("DTEND;TZID=Europe/Zurich:20261025T130000\r\n");

    // The onsets are in the local time before each change (02:00 CET, 03:00 CEST).
    const zone = vtimezones(ics).get("Europe/Zurich")!;
    expect(zone).toContain("BEGIN:DAYLIGHT\r\nDTSTART:20260329T020000\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\nEND:DAYLIGHT");
    expect(zone).toContain("BEGIN:STANDARD\r\nDTSTART:20261025T030000\r\nTZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\nEND:STANDARD");
    expect(zone).not.toContain("RRULE");

    const { events } = parse(ics);
    expect(events.map((e) => e.startDate.zone?.tzid)).toEqual(["Europe/Zurich", "Europe/Zurich"]);
    expect(events.map((e) => [iso(e.startDate), iso(e.endDate)])).toEqual([
      [spring.startsAt, spring.endsAt],
      [autumn.startsAt, autumn.endsAt],
    ]);
  });

  it("round-trips New York on the US change day, Nairobi without DST, and writes UTC in the Z form", () => {
    const newYork = meeting({ uid: "ny@plenary", timeZone: "America/New_York", startsAt: "2026-03-08T14:00:00.000Z", endsAt: "2026-03-08T15:30:00.000Z" });
    const nairobi = meeting({ uid: "nbo@plenary", timeZone: "Africa/Nairobi", startsAt: "2026-06-01T06:00:00.000Z", endsAt: "2026-06-01T08:00:00.000Z" });
    const utc = meeting({ uid: "utc@plenary", timeZone: "UTC", startsAt: "2026-06-02T12:00:00.000Z", endsAt: "2026-06-02T13:00:00.000Z" });
    const etcUtc = meeting({ uid: "etc@plenary", timeZone: "Etc/UTC", startsAt: "2026-06-03T12:00:00.000Z", endsAt: "2026-06-03T13:00:00.000Z" });
    const ics = renderCalendar({ name: "World", events: [newYork, nairobi, utc, etcUtc] });

    expect(ics).toContain("DTSTART;TZID=America/New_York:20260308T100000\r\n");
    expect(ics).toContain("DTSTART;TZID=Africa/Nairobi:20260601T090000\r\n");
    expect(ics).toContain("DTSTART:20260602T120000Z\r\nDTEND:20260602T130000Z\r\n");
    expect(ics).toContain("DTSTART:20260603T120000Z\r\n");
    expect(ics).not.toMatch(/TZID=(Etc\/)?UTC/);

    const zones = vtimezones(ics);
    expect([...zones.keys()]).toEqual(["Africa/Nairobi", "America/New_York"]);
    expect(zones.get("Africa/Nairobi")).toBe(
      "BEGIN:VTIMEZONE\r\nTZID:Africa/Nairobi\r\nBEGIN:STANDARD\r\nDTSTART:19700101T000000\r\nTZOFFSETFROM:+0300\r\nTZOFFSETTO:+0300\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\n",
    );
    expect(zones.get("America/New_York")).toContain("BEGIN:DAYLIGHT\r\nDTSTART:20260308T020000\r\nTZOFFSETFROM:-0500\r\nTZOFFSETTO:-0400\r\n");

    const { events } = parse(ics);
    expect(events.map((e) => [iso(e.startDate), iso(e.endDate)])).toEqual(
      [newYork, nairobi, utc, etcUtc].map((m) => [m.startsAt, m.endsAt]),
    );
    expect(events[2]!.startDate.zone?.tzid).toBe("UTC");
  });

  it("agrees with Intl across the covered years, read the way a client reads DTSTART", () => {
    // Southern hemisphere, half-hour DST, odd offsets, abolished DST, Ramadan changes.
    const zones = [
      "Europe/Zurich",
      "America/New_York",
      "Australia/Sydney",
      "Australia/Lord_Howe",
      "Asia/Kathmandu",
      "Pacific/Chatham",
      "America/Sao_Paulo",
      "Africa/Casablanca",
    ];
    const ics = renderCalendar({
      name: "Zones",
      events: zones.map((timeZone, i) => meeting({ uid: `z${i}@plenary`, timeZone, startsAt: "2026-05-01T10:00:00.000Z", endsAt: "2027-05-01T10:00:00.000Z" })),
    });
    const { calendar } = parse(ics);

    for (const zone of zones) {
      const tz = calendar.getTimeZoneByID(zone)!;
      expect(tz, zone).not.toBeNull();
      let checked = 0;
      // Every 6 hours over the covered years (2025–2028), and every 15 minutes on
      // the days around a change, where the gap and the repeated hour are.
      for (let day = Date.UTC(2025, 0, 1); day < Date.UTC(2029, 0, 1); day += DAY) {
        const changes = zoneOffsetMinutes(day - 3 * HOUR, zone) !== zoneOffsetMinutes(day + DAY + 3 * HOUR, zone);
        for (let ms = day; ms < day + DAY; ms += changes ? 15 * 60_000 : 6 * HOUR) {
          const off = zoneOffsetMinutes(ms, zone);
          const local = new Date(ms + off * 60_000);
          // Wall-clock times that happen twice are written in UTC instead (see next test).
          if (changes && happensTwice(local.getTime(), off, zone)) continue;
          const time = new ICAL.Time(
            {
              year: local.getUTCFullYear(),
              month: local.getUTCMonth() + 1,
              day: local.getUTCDate(),
              hour: local.getUTCHours(),
              minute: local.getUTCMinutes(),
              second: 0,
            },
            tz,
          );
          if (time.toUnixTime() * 1000 !== ms) {
            expect.fail(`${zone}: ${new Date(ms).toISOString()} read back as ${new Date(time.toUnixTime() * 1000).toISOString()}`);
          }
          checked++;
        }
      }
      expect(checked, zone).toBeGreaterThan(5_800);
    }
  }, 60_000);

  it("writes a wall-clock time that happens twice (autumn change) in UTC, so no client can pick the wrong one", () => {
    const first = meeting({ uid: "a@plenary", startsAt: "2026-10-25T00:30:00.000Z", endsAt: "2026-10-25T02:00:00.000Z" }); // 02:30 CEST → 03:00 CET
    const second = meeting({ uid: "b@plenary", startsAt: "2026-10-25T01:30:00.000Z", endsAt: "2026-10-25T03:00:00.000Z" }); // 02:30 CET → 04:00 CET
    const ics = renderCalendar({ name: "Night", events: [first, second] });

    expect(ics).toContain("DTSTART:20261025T003000Z\r\nDTEND;TZID=Europe/Zurich:20261025T030000\r\n");
    expect(ics).toContain("DTSTART:20261025T013000Z\r\nDTEND;TZID=Europe/Zurich:20261025T040000\r\n");
    const { events } = parse(ics);
    expect(events.map((e) => [iso(e.startDate), iso(e.endDate)])).toEqual([
      [first.startsAt, first.endsAt],
      [second.startsAt, second.endsAt],
    ]);
  });

  it("falls back to UTC for a zone that is unknown or not an IANA name, keeping the instant", () => {
    for (const timeZone of ["Mars/Olympus_Mons", "+01:00", "Europe/Zurich\r\nX-INJECTED:1"]) {
      const ics = renderCalendar({ name: "X", events: [meeting({ timeZone })] });
      expect(ics, timeZone).toContain("DTSTART:20260329T080000Z\r\nDTEND:20260329T110000Z\r\n");
      expect(ics, timeZone).not.toContain("VTIMEZONE");
      expect(ics, timeZone).not.toContain("X-INJECTED");
      expect(iso(parse(ics).events[0]!.startDate)).toBe("2026-03-29T08:00:00.000Z");
    }
  });
});

describe("text", () => {
  it("folds long non-ASCII lines at 75 octets without splitting a character, and unfolds to the same title", () => {
    const unit = "اجتماع الجلسة العامة 全体会议第一次会议 ";
    const title = unit.repeat(12).slice(0, 299) + "🌍";
    expect([...title].length).toBe(300);
    const ics = renderCalendar({ name: "多语言 — متعدد اللغات", events: [meeting({ title })] });

    const encoder = new TextEncoder();
    const lines = ics.split("\r\n");
    expect(lines.at(-1)).toBe("");
    for (const line of lines) {
      expect(encoder.encode(line).length).toBeLessThanOrEqual(75);
      expect(line).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
    }
    // The bytes decode as strict UTF-8 line by line, so no character straddles a fold.
    const bytes = encoder.encode(ics);
    const decoder = new TextDecoder("utf-8", { fatal: true });
    let from = 0;
    for (let i = 0; i < bytes.length - 1; i++) {
      if (bytes[i] === 13 && bytes[i + 1] === 10) {
        expect(() => decoder.decode(bytes.subarray(from, i))).not.toThrow();
        from = i + 2;
      }
    }

    const summaryLines = lines.slice(lines.findIndex((l) => l.startsWith("SUMMARY:")));
    const continuation = summaryLines.slice(1, summaryLines.findIndex((l, i) => i > 0 && !l.startsWith(" ")));
    expect(continuation.length).toBeGreaterThan(5);
    expect(continuation.every((l) => l.startsWith(" ") && !l.startsWith("  "))).toBe(true);
    // Folds only when the next character would not fit (at most 3 bytes short of 75).
    for (const l of [summaryLines[0]!, ...continuation.slice(0, -1)]) expect(encoder.encode(l).length).toBeGreaterThanOrEqual(72);

    const unfolded = ics.replace(/\r\n /g, "");
    expect(unfolded).toContain(`SUMMARY:${title}\r\n`);
    const { calendar, events } = parse(ics);
    expect(events[0]!.summary).toBe(title);
    expect(calendar.getFirstPropertyValue("x-wr-calname")).toBe("多语言 — متعدد اللغات");
  });

  it("escapes backslashes, semicolons, commas and newlines, and ical.js reads back the exact text", () => {
    const description = 'Agenda: item 1, item 2; see C:\\docs\\draft.pdf\n\n"Quoted" line\twith tab\nend\\';
    const location = "Room XX; Palais des Nations, Geneva";
    const ics = renderCalendar({
      name: "Escapes; test, \\",
      events: [meeting({ description, location, categories: ["Plenary", "Budget, finance"], url: "https://plenary.example/meetings/1?tab=a,b;c" })],
    });

    const unfolded = ics.replace(/\r\n /g, "");
    expect(unfolded).toContain("DESCRIPTION:Agenda: item 1\\, item 2\\; see C:\\\\docs\\\\draft.pdf\\n\\n\"Quoted\" line\twith tab\\nend\\\\\r\n");
    expect(unfolded).toContain("LOCATION:Room XX\\; Palais des Nations\\, Geneva\r\n");
    expect(unfolded).toContain("CATEGORIES:Plenary,Budget\\, finance\r\n");
    expect(unfolded).toContain("URL:https://plenary.example/meetings/1?tab=a,b;c\r\n");
    expect(unfolded).toContain("X-WR-CALNAME:Escapes\\; test\\, \\\\\r\n");

    const event = parse(ics).events[0]!;
    expect(event.description).toBe(description);
    expect(event.location).toBe(location);
    expect(event.component.getFirstProperty("categories")!.getValues()).toEqual(["Plenary", "Budget, finance"]);
    expect(event.component.getFirstPropertyValue("url")).toBe("https://plenary.example/meetings/1?tab=a,b;c");
  });

  it("turns CRLF into one line break, drops controls TEXT forbids, and keeps a URL one line of ASCII", () => {
    const ics = renderCalendar({ name: "X", events: [meeting({ description: "one\r\ntwo\rthree\u0007" })] });
    expect(ics).toContain("DESCRIPTION:one\\ntwo\\nthree\r\n");
    expect(renderCalendar({ name: "X", events: [meeting({ url: "/meetings/Genève 1\r\n" })] })).toContain("URL:/meetings/Gen%C3%A8ve%201\r\n");
    expect(parse(ics).events[0]!.description).toBe("one\ntwo\nthree");
  });
});

describe("calendar and events", () => {
  it("writes the calendar header, status, sequence, uid and stamps as given", () => {
    const live = meeting({ sequence: 2 });
    const cancelled = meeting({ uid: "42@plenary", sequence: 5, cancelled: true, location: null, categories: undefined });
    const ics = renderCalendar({ name: "Plenary meetings", events: [live, cancelled] });

    expect(ics.startsWith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Plenary//Meetings//EN\r\nCALSCALE:GREGORIAN\r\nMETHOD:PUBLISH\r\nX-WR-CALNAME:Plenary meetings\r\n")).toBe(true);
    expect(ics.endsWith("END:VCALENDAR\r\n")).toBe(true);
    expect(ics).not.toMatch(/[^\r]\n/);
    expect(renderCalendar({ name: "x", events: [], prodId: "-//Test//EN" })).toContain("PRODID:-//Test//EN\r\n");

    const { events } = parse(ics);
    const [a, b] = events.map((e) => e.component);
    expect(a!.getFirstPropertyValue("status")).toBe("CONFIRMED");
    expect(b!.getFirstPropertyValue("status")).toBe("CANCELLED");
    expect(events.map((e) => [e.uid, e.sequence, e.summary])).toEqual([
      ["m-1@plenary", 2, "Plenary, session 1"],
      ["42@plenary", 5, "Plenary, session 1"],
    ]);
    expect(b!.hasProperty("location")).toBe(false);
    expect(b!.hasProperty("categories")).toBe(false);
    expect(a!.getFirstPropertyValue("transp")).toBe("OPAQUE");
    for (const c of [a!, b!]) {
      expect((c.getFirstPropertyValue("dtstamp") as ICAL.Time).toString()).toBe("2026-02-01T16:45:30Z");
      expect((c.getFirstPropertyValue("last-modified") as ICAL.Time).toString()).toBe("2026-02-01T16:45:30Z");
      expect((c.getFirstPropertyValue("created") as ICAL.Time).toString()).toBe("2026-01-10T09:15:00Z");
    }
  });

  it("renders byte-identical output for the same input, whatever the clock says", () => {
    const events = [meeting(), meeting({ uid: "2@plenary", timeZone: "America/New_York", cancelled: true, sequence: 3 })];
    const first = renderCalendar({ name: "Plenary", events });
    vi.useFakeTimers();
    try {
      vi.setSystemTime(new Date("2031-07-04T12:00:00Z"));
      expect(Date.now()).toBe(Date.UTC(2031, 6, 4, 12));
      expect(renderCalendar({ name: "Plenary", events })).toBe(first);
    } finally {
      vi.useRealTimers();
    }
    expect(first).not.toContain("2031");
  });

  it("renders 500 Geneva meetings over 2026–2028 with one VTIMEZONE, all read back at the right instants", () => {
    const events: IcsEvent[] = [];
    for (let i = 0; i < 500; i++) {
      // Every 52 hours at shifting times of day: spans every change of 2026–2028.
      const start = Date.UTC(2026, 0, 5, 7) + i * 52 * HOUR + (i % 4) * 90 * 60_000;
      events.push(meeting({ uid: `m-${i}@plenary`, sequence: i % 3, startsAt: new Date(start).toISOString(), endsAt: new Date(start + 2 * HOUR).toISOString() }));
    }
    expect([events[0]!.startsAt.slice(0, 4), events.at(-1)!.endsAt.slice(0, 4)]).toEqual(["2026", "2028"]);

    const ics = renderCalendar({ name: "Geneva", events });
    expect(ics.match(/BEGIN:VTIMEZONE/g)).toHaveLength(1);
    // 2025 to 2029: one starting observance plus two changes a year.
    expect(ics.match(/BEGIN:(STANDARD|DAYLIGHT)/g)).toHaveLength(11);

    const parsed = parse(ics).events;
    expect(parsed).toHaveLength(500);
    expect(parsed.map((e) => iso(e.startDate))).toEqual(events.map((e) => e.startsAt));
    expect(parsed.map((e) => iso(e.endDate))).toEqual(events.map((e) => e.endsAt));
  });
});
