// Meetings: times across daylight-saving changes, validation, conflicts and
// fairness, reschedule and cancel, replies, the register and quorum, minutes,
// materials in R2, calendar feeds, and who may do what.
import ICAL from "ical.js";
import { describe, expect, it } from "vitest";
import { slotByRegion } from "../worker/meetings/fairness";
import { instantToZonedLocal } from "../worker/lib/zonedTime";
import { Agent, DEMO_ACCOUNTS, env, signIn } from "./helpers";

const day = 86_400_000;
/** A wall-clock time `days` from now, on a whole hour, as the form sends it. */
function future(days: number, hour: number) {
  const d = new Date(Date.now() + days * day);
  return `${d.toISOString().slice(0, 10)}T${String(hour).padStart(2, "0")}:00`;
}

type MeetingInput = Record<string, unknown>;
const plenary = (over: MeetingInput = {}): MeetingInput => ({
  title: "Plenary meeting",
  kind: "plenary",
  trackId: null,
  start: future(40, 10),
  end: future(40, 13),
  timeZone: "Europe/Zurich",
  format: "hybrid",
  room: "Room XVIII, Palais des Nations",
  onlineUrl: "https://meet.example.org/plenary",
  ...over,
});
const trackMeeting = (over: MeetingInput = {}): MeetingInput => ({
  title: "Track 1 meeting",
  kind: "track",
  trackId: 1,
  start: future(41, 14),
  end: future(41, 16),
  timeZone: "Europe/Zurich",
  format: "online",
  onlineUrl: "https://meet.example.org/track-1",
  ...over,
});

async function create(agent: Agent, body: MeetingInput) {
  const res = await agent.json("/api/meetings", { json: body });
  if (res.status !== 201) throw new Error(`create failed ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.meeting as { id: string; startsAt: string; endsAt: string; version: number; sequence: number };
}

/** Unfolded, parsed VEVENTs of an ICS body, through ical.js (what Thunderbird uses). */
function parseEvents(ics: string) {
  const cal = new ICAL.Component(ICAL.parse(ics));
  for (const tz of cal.getAllSubcomponents("vtimezone")) ICAL.TimezoneService.register(new ICAL.Timezone(tz));
  return cal.getAllSubcomponents("vevent").map((e) => {
    const ev = new ICAL.Event(e);
    return {
      uid: ev.uid,
      summary: ev.summary,
      sequence: Number(e.getFirstPropertyValue("sequence")),
      status: String(e.getFirstPropertyValue("status")),
      start: ev.startDate.toJSDate().toISOString(),
      end: ev.endDate.toJSDate().toISOString(),
      location: String(e.getFirstPropertyValue("location") ?? ""),
      description: String(e.getFirstPropertyValue("description") ?? ""),
      url: String(e.getFirstPropertyValue("url") ?? ""),
    };
  });
}

describe("times across daylight-saving changes", () => {
  it("stores a Geneva meeting on 29 March 2026 (the spring change) and on 25 October 2026 (the autumn change) as the right instants", async () => {
    const chair = await signIn(DEMO_ACCOUNTS.chair);
    const spring = await create(chair, plenary({ title: "Spring", start: "2026-03-29T10:00", end: "2026-03-29T13:00", room: "Room A" }));
    const autumn = await create(chair, plenary({ title: "Autumn", start: "2026-10-25T10:00", end: "2026-10-25T13:00", room: "Room B" }));
    // Geneva is UTC+2 after 02:00 on 29 March, and UTC+1 again after 03:00 on 25 October.
    expect(spring.startsAt).toBe("2026-03-29T08:00:00.000Z");
    expect(autumn.startsAt).toBe("2026-10-25T09:00:00.000Z");

    // New York changed on 8 March and changes back on 1 November, so the gap is 6 hours on neither day.
    expect(instantToZonedLocal(spring.startsAt, "America/New_York")).toBe("2026-03-29T04:00");
    expect(instantToZonedLocal(autumn.startsAt, "America/New_York")).toBe("2026-10-25T05:00");
    // Nairobi keeps UTC+3 all year.
    expect(instantToZonedLocal(spring.startsAt, "Africa/Nairobi")).toBe("2026-03-29T11:00");
    expect(instantToZonedLocal(autumn.startsAt, "Africa/Nairobi")).toBe("2026-10-25T12:00");

    // What the meeting page returns is the same instant and the meeting's zone, for the client to show in both.
    const page = await chair.json(`/api/meetings/${spring.id}`);
    expect(page.body.meeting).toMatchObject({ startsAt: "2026-03-29T08:00:00.000Z", endsAt: "2026-03-29T11:00:00.000Z", timeZone: "Europe/Zurich" });
  });

  it("moves a time skipped by the spring change forward, and takes the first of a time that happens twice", async () => {
    const chair = await signIn(DEMO_ACCOUNTS.chair);
    const check = (start: string, end: string) =>
      chair.json("/api/meetings/check", { json: { kind: "plenary", trackId: null, start, end, timeZone: "Europe/Zurich", format: "online" } });
    const gap = await check("2026-03-29T02:30", "2026-03-29T04:00");
    expect(gap.status).toBe(200);
    expect(gap.body.startsAt).toBe("2026-03-29T01:30:00.000Z"); // 03:30 CEST
    const twice = await check("2026-10-25T02:30", "2026-10-25T04:00");
    expect(twice.body.startsAt).toBe("2026-10-25T00:30:00.000Z"); // the first 02:30, still CEST
  });

  it("the same Geneva 14:00 lands on different hours in New York either side of the US change", () => {
    const before = slotByRegion("2026-03-06T13:00:00.000Z", "2026-03-06T15:00:00.000Z"); // Geneva 14:00 CET
    const after = slotByRegion("2026-03-13T13:00:00.000Z", "2026-03-13T15:00:00.000Z"); // Geneva 14:00 CET, New York on EDT
    expect(instantToZonedLocal("2026-03-06T13:00:00.000Z", "America/New_York")).toBe("2026-03-06T08:00");
    expect(instantToZonedLocal("2026-03-13T13:00:00.000Z", "America/New_York")).toBe("2026-03-13T09:00");
    expect(before.find((r) => r.region === "african")!.startLocal).toBe("2026-03-06T16:00");
    expect(after.find((r) => r.region === "african")!.startLocal).toBe("2026-03-13T16:00");
  });
});

describe("bad input", () => {
  it("answers 400 naming the field for an end before the start, an unknown zone, a missing track or a bad link", async () => {
    const chair = await signIn(DEMO_ACCOUNTS.chair);
    const bad = async (body: MeetingInput) => {
      const res = await chair.json("/api/meetings", { json: body });
      expect(res.status).toBe(400);
      return res.body.error.details.fields.map((f: { field: string }) => f.field);
    };
    expect(await bad(plenary({ start: future(30, 12), end: future(30, 11) }))).toEqual(["end"]);
    expect(await bad(plenary({ timeZone: "Mars/Olympus_Mons" }))).toEqual(["timeZone"]);
    expect(await bad(plenary({ start: "next tuesday" }))).toEqual(["start"]);
    expect(await bad(plenary({ start: "2026-02-30T10:00", end: "2026-03-01T10:00" }))).toEqual(["start"]);
    expect(await bad(plenary({ onlineUrl: "javascript:alert(1)" }))).toEqual(["onlineUrl"]);
    expect(await bad(plenary({ kind: "track", trackId: null }))).toEqual(["trackId"]);
    expect(await bad(plenary({ extra: 1 }))).toContain("extra");
    const cofac = await signIn(DEMO_ACCOUNTS.cofacilitator);
    const unknownTrack = await cofac.json("/api/meetings", { json: trackMeeting({ trackId: 99 }) });
    expect(unknownTrack.status).toBe(403); // not their track: the policy answers first
    const sec = await signIn(DEMO_ACCOUNTS.secretariat);
    const missing = await sec.json("/api/meetings", { json: trackMeeting({ trackId: 99 }) });
    expect(missing.status).toBe(400);
    expect(missing.body.error.details.fields[0].field).toBe("trackId");
  });
});

describe("who may schedule", () => {
  it("the Chair schedules plenary meetings, co-facilitators their own track's, members neither", async () => {
    const chair = await signIn(DEMO_ACCOUNTS.chair);
    const cofac = await signIn(DEMO_ACCOUNTS.cofacilitator);
    const delegate = await signIn(DEMO_ACCOUNTS.delegate);
    const slot = { start: future(60, 9), end: future(60, 10), room: null };
    expect((await new Agent().json("/api/meetings", { json: plenary(slot) })).status).toBe(401);
    expect((await delegate.json("/api/meetings", { json: plenary(slot) })).status).toBe(403);
    expect((await cofac.json("/api/meetings", { json: plenary(slot) })).status).toBe(403);
    expect((await cofac.json("/api/meetings", { json: trackMeeting({ ...slot, trackId: 2 }) })).status).toBe(403);
    expect((await cofac.json("/api/meetings", { json: trackMeeting({ ...slot, start: future(61, 9), end: future(61, 10) }) })).status).toBe(201);
    expect((await chair.json("/api/meetings", { json: plenary({ start: future(62, 9), end: future(62, 10) }) })).status).toBe(201);
  });

  it("a members-only meeting is invisible to anonymous visitors and hides its online link from them when public", async () => {
    const chair = await signIn(DEMO_ACCOUNTS.chair);
    const closed = await create(chair, plenary({ kind: "informal", title: "Informal consultation", start: future(70, 9), end: future(70, 10), room: null }));
    const open = await create(chair, plenary({ start: future(71, 9), end: future(71, 10), room: null }));
    const anon = new Agent();
    expect((await anon.json(`/api/meetings/${closed.id}`)).status).toBe(404);
    const pub = await anon.json(`/api/meetings/${open.id}`);
    expect(pub.status).toBe(200);
    expect(pub.body.meeting.onlineUrl).toBeNull();
    expect(pub.body.register).toEqual([]);
    const delegate = await signIn(DEMO_ACCOUNTS.delegate);
    expect((await delegate.json(`/api/meetings/${open.id}`)).body.meeting.onlineUrl).toBe("https://meet.example.org/plenary");
    const list = await anon.json(`/api/meetings?from=${future(69, 0).slice(0, 10)}&to=${future(72, 0).slice(0, 10)}`);
    expect(list.body.meetings.map((m: { id: string }) => m.id)).toEqual([open.id]);
  });
});

describe("conflicts and fairness", () => {
  it("warns before saving a slot that shares seats or a room, and saves it only with a reason", async () => {
    const chair = await signIn(DEMO_ACCOUNTS.chair);
    const cofac = await signIn(DEMO_ACCOUNTS.cofacilitator);
    const base = await create(chair, plenary({ title: "Plenary for conflicts", start: future(80, 10), end: future(80, 13), room: "Room XVII" }));

    const preview = await cofac.json("/api/meetings/check", {
      json: { kind: "track", trackId: 1, start: future(80, 12), end: future(80, 14), timeZone: "Europe/Zurich", format: "hybrid", room: " room  xvii " },
    });
    expect(preview.status).toBe(200);
    const found = preview.body.conflicts.find((c: { meetingId: string }) => c.meetingId === base.id);
    expect(found.reasons.map((r: { type: string }) => r.type).sort()).toEqual(["room", "seats"]);
    expect(preview.body.regions).toHaveLength(5);

    const body = trackMeeting({ start: future(80, 12), end: future(80, 14), format: "hybrid", room: "Room XVII" });
    const refused = await cofac.json("/api/meetings", { json: body });
    expect(refused.status).toBe(409);
    expect(refused.body.error.details.conflicts[0].meetingId).toBe(base.id);
    const saved = await cofac.json("/api/meetings", { json: { ...body, overrideReason: "Only slot before the session; seats agreed." } });
    expect(saved.status).toBe(201);
    expect(saved.body.meeting.overrideReason).toBe("Only slot before the session; seats agreed.");

    // Same Chair at two plenary-level meetings is a people conflict too.
    const people = await chair.json("/api/meetings/check", {
      json: { kind: "informal", trackId: null, start: future(80, 9), end: future(80, 11), timeZone: "Europe/Zurich", format: "online" },
    });
    const reasons = people.body.conflicts.find((c: { meetingId: string }) => c.meetingId === base.id).reasons;
    expect(reasons.find((r: { type: string }) => r.type === "people").names).toContain("Isabel Ortega");
  });

  it("flags slots outside 07:00–22:00 for a regional group and counts them in the fairness view", async () => {
    const chair = await signIn(DEMO_ACCOUNTS.chair);
    // 09:00 in Geneva in summer is 02:00 in Bogotá.
    const early = await chair.json("/api/meetings/check", {
      json: { kind: "plenary", trackId: null, start: "2028-06-13T09:00", end: "2028-06-13T11:00", timeZone: "Europe/Zurich", format: "online" },
    });
    const grulac = early.body.regions.find((r: { region: string }) => r.region === "grulac");
    expect(grulac).toMatchObject({ zone: "America/Bogota", startLocal: "2028-06-13T02:00", outside: true });
    expect(early.body.regions.find((r: { region: string }) => r.region === "weog").outside).toBe(false);

    await create(chair, plenary({ title: "Early plenary", start: "2028-06-13T09:00", end: "2028-06-13T11:00", format: "online", room: null }));
    await create(chair, plenary({ title: "Late plenary", start: "2028-06-15T16:00", end: "2028-06-15T18:00", format: "online", room: null }));
    const delegate = await signIn(DEMO_ACCOUNTS.delegate);
    const view = await delegate.json("/api/meetings/fairness?from=2028-06-01&to=2028-07-01");
    expect(view.status).toBe(200);
    const tally = Object.fromEntries(view.body.regions.map((r: { region: string; outside: number }) => [r.region, r.outside]));
    expect(view.body.meetings).toBe(2);
    expect(tally).toEqual({ grulac: 1, asia_pacific: 1, african: 0, eastern_european: 0, weog: 0 }); // 16:00–18:00 Geneva is 22:00–00:00 in Bangkok
    expect((await new Agent().json("/api/meetings/fairness")).status).toBe(401);
  });
});

describe("reschedule, cancel and calendar copies", () => {
  it("rescheduling keeps the online link, raises SEQUENCE, notifies participants and refuses stale or held meetings", async () => {
    const chair = await signIn(DEMO_ACCOUNTS.chair);
    const m = await create(chair, plenary({ title: "To be moved", start: future(90, 10), end: future(90, 12), room: "Room XX" }));
    const before = (await env.DB.prepare("SELECT count(*) AS n FROM outbox WHERE kind = 'meeting_changed'").first<{ n: number }>())!.n;

    const moved = await chair.json(`/api/meetings/${m.id}`, {
      method: "PATCH",
      json: { version: m.version, start: future(91, 15), end: future(91, 17), timeZone: "Europe/Zurich", reason: "Room availability" },
    });
    expect(moved.status).toBe(200);
    expect(moved.body.meeting).toMatchObject({ onlineUrl: "https://meet.example.org/plenary", room: "Room XX", sequence: 1, version: 2 });

    const mail = await env.DB.prepare("SELECT to_address, body_text FROM outbox WHERE kind = 'meeting_changed' ORDER BY created_at").all<{ to_address: string; body_text: string }>();
    expect(mail.results.length - before).toBeGreaterThan(50); // a plenary concerns every active member
    const kenya = mail.results.find((r) => r.to_address === DEMO_ACCOUNTS.delegate)!;
    expect(kenya.body_text).toContain("Reason: Room availability");
    expect(kenya.body_text).toContain("In your time zone:");
    expect(kenya.body_text).toContain("Africa/Nairobi");

    const stale = await chair.json(`/api/meetings/${m.id}`, { method: "PATCH", json: { version: 1, title: "Late edit" } });
    expect(stale.status).toBe(409);
    expect(stale.body.error.details.current.version).toBe(2);
    const partial = await chair.json(`/api/meetings/${m.id}`, { method: "PATCH", json: { version: 2, start: future(92, 9) } });
    expect(partial.status).toBe(400);

    const feed = parseEvents(await (await new Agent().fetch("/api/meetings.ics")).text());
    const event = feed.find((e) => e.uid === `${m.id}@plenary`)!;
    expect(event.sequence).toBe(1);
    expect(event.start).toBe(moved.body.meeting.startsAt);

    const history = (await chair.json(`/api/meetings/${m.id}`)).body.history;
    expect(history[0]).toMatchObject({ action: "meeting.reschedule", after: { reason: "Room availability" } });

    const held = await create(chair, plenary({ title: "Held", start: "2026-02-10T10:00", end: "2026-02-10T12:00", room: null }));
    const late = await chair.json(`/api/meetings/${held.id}`, { method: "PATCH", json: { version: 1, start: future(95, 10), end: future(95, 11), timeZone: "Europe/Zurich" } });
    expect(late.status).toBe(409);
    const heldCancel = await chair.json(`/api/meetings/${held.id}/cancel`, { json: { version: 1, reason: "Too late" } });
    expect(heldCancel.status).toBe(409);
  });

  it("cancelling keeps the meeting listed, marks it CANCELLED in every feed and tells participants", async () => {
    const cofac = await signIn(DEMO_ACCOUNTS.cofacilitator);
    const m = await create(cofac, trackMeeting({ title: "To be cancelled", start: future(100, 9), end: future(100, 10) }));
    const res = await cofac.json(`/api/meetings/${m.id}/cancel`, { json: { version: m.version, reason: "Merged with the plenary" } });
    expect(res.status).toBe(200);
    const trackFeed = await new Agent().fetch("/api/meetings.ics?track=principles");
    expect(trackFeed.headers.get("content-type")).toBe("text/calendar; charset=utf-8");
    const event = parseEvents(await trackFeed.text()).find((e) => e.uid === `${m.id}@plenary`)!;
    expect(event).toMatchObject({ status: "CANCELLED", sequence: 1 });
    expect(event.description).toContain("Merged with the plenary");
    const mail = await env.DB.prepare("SELECT count(*) AS n FROM outbox WHERE kind = 'meeting_cancelled' AND subject = 'Cancelled: To be cancelled'").first<{ n: number }>();
    expect(mail!.n).toBeGreaterThan(5);
    expect((await cofac.json(`/api/meetings/${m.id}/cancel`, { json: { version: 2, reason: "Again" } })).status).toBe(409);
    expect((await new Agent().fetch("/api/meetings.ics?track=no-such-track")).status).toBe(404);
  });
});

describe("calendar feeds", () => {
  it("public feed: stable UIDs, TZID with VTIMEZONE, LOCATION and URL, no members-only meetings or online links; ETag revalidates", async () => {
    const chair = await signIn(DEMO_ACCOUNTS.chair);
    const open = await create(chair, plenary({ title: "Feed plenary, Genève", start: future(110, 10), end: future(110, 12), room: "Salle XIX" }));
    const closed = await create(chair, plenary({ kind: "informal", title: "Feed informal", start: future(111, 10), end: future(111, 12), room: null }));
    const res = await new Agent().fetch("/api/meetings.ics");
    const text = await res.text();
    expect(text).toMatch(/^BEGIN:VCALENDAR\r\n/);
    expect(text).toContain("BEGIN:VTIMEZONE\r\nTZID:Europe/Zurich");
    expect(text).toMatch(/DTSTART;TZID=Europe\/Zurich:\d{8}T100000/);
    expect(text).not.toContain("meet.example.org");
    const events = parseEvents(text);
    const ev = events.find((e) => e.uid === `${open.id}@plenary`)!;
    expect(ev).toMatchObject({ summary: "Feed plenary, Genève", start: open.startsAt, end: open.endsAt, location: "Salle XIX and online", status: "CONFIRMED" });
    expect(ev.url).toBe(`https://plenary.test/meetings/${open.id}`);
    expect(events.some((e) => e.uid === `${closed.id}@plenary`)).toBe(false);
    const again = await new Agent().fetch("/api/meetings.ics", { headers: { "if-none-match": res.headers.get("etag")! } });
    expect(again.status).toBe(304);
    // Any change to a meeting in the feed makes the cached copy stale.
    await chair.json(`/api/meetings/${open.id}`, { method: "PATCH", json: { version: open.version, title: "Feed plenary, Geneva" } });
    const changed = await new Agent().fetch("/api/meetings.ics", { headers: { "if-none-match": res.headers.get("etag")! } });
    expect(changed.status).toBe(200);
    expect(parseEvents(await changed.text()).find((e) => e.uid === `${open.id}@plenary`)).toMatchObject({ summary: "Feed plenary, Geneva", sequence: 1 });
  });

  it("personal feed: a secret URL shown once, with members-only meetings and online links; a new link retires the old", async () => {
    const chair = await signIn(DEMO_ACCOUNTS.chair);
    const closed = await create(chair, plenary({ kind: "informal", title: "Personal informal", start: future(120, 10), end: future(120, 12), room: null }));
    const delegate = await signIn(DEMO_ACCOUNTS.delegate);
    expect((await delegate.json("/api/me/calendar-feed")).body.active).toBe(false);
    const made = await delegate.json("/api/me/calendar-feed", { method: "POST" });
    expect(made.status).toBe(201);
    const path = new URL(made.body.url).pathname;
    const feed = await new Agent().fetch(path);
    expect(feed.status).toBe(200);
    expect(feed.headers.get("cache-control")).toContain("private");
    const events = parseEvents(await feed.text());
    const ev = events.find((e) => e.uid === `${closed.id}@plenary`)!;
    expect(ev.description).toContain("Join online: https://meet.example.org/plenary");
    expect((await delegate.json("/api/me/calendar-feed")).body.active).toBe(true);

    const replaced = await delegate.json("/api/me/calendar-feed", { method: "POST" });
    expect((await new Agent().fetch(path)).status).toBe(404);
    expect((await new Agent().fetch(new URL(replaced.body.url).pathname)).status).toBe(200);
    expect((await delegate.fetch("/api/me/calendar-feed", { method: "DELETE" })).status).toBe(204);
    expect((await new Agent().fetch(new URL(replaced.body.url).pathname)).status).toBe(404);
    expect((await new Agent().fetch("/api/calendar/not-a-token.ics")).status).toBe(404);
  });

  it("one meeting downloads as an .ics attachment", async () => {
    const chair = await signIn(DEMO_ACCOUNTS.chair);
    const m = await create(chair, plenary({ title: "Single download", start: future(130, 10), end: future(130, 11), room: null }));
    const res = await chair.fetch(`/api/meetings/${m.id}/calendar.ics`);
    expect(res.headers.get("content-disposition")).toContain("attachment");
    const [ev] = parseEvents(await res.text());
    expect(ev).toMatchObject({ uid: `${m.id}@plenary`, start: m.startsAt });
  });
});

describe("replies, register and quorum", () => {
  it("members reply; the co-facilitators keep the register per seat; quorum shows", async () => {
    const cofac = await signIn(DEMO_ACCOUNTS.cofacilitator);
    const now = new Date();
    const start = `${now.toISOString().slice(0, 11)}${String(now.getUTCHours()).padStart(2, "0")}:00`;
    const m = await create(cofac, trackMeeting({ title: "Running now", start, end: future(1, 23), timeZone: "UTC", format: "hybrid", room: "Room III" }));
    const delegate = await signIn(DEMO_ACCOUNTS.delegate);
    const reply = await delegate.json(`/api/meetings/${m.id}/reply`, { method: "PUT", json: { reply: "online" } });
    expect(reply.status).toBe(200);
    expect((await delegate.json(`/api/meetings/${m.id}/reply`, { method: "PUT", json: { reply: "maybe" } })).status).toBe(400);

    const page = (await cofac.json(`/api/meetings/${m.id}`)).body;
    expect(page.replies.counts.online).toBe(1);
    const memberSeats = page.register.filter((s: { kind: string }) => s.kind !== "observer");
    expect(page.quorum).toMatchObject({ required: Math.floor(memberSeats.length / 2) + 1, present: 0, met: false });

    const present = memberSeats.slice(0, page.quorum.required).map((s: { id: string }) => ({ seatId: s.id, status: "present" }));
    expect((await delegate.json(`/api/meetings/${m.id}/attendance`, { method: "PUT", json: { entries: present } })).status).toBe(403);
    expect((await cofac.json(`/api/meetings/${m.id}/attendance`, { method: "PUT", json: { entries: [{ seatId: "no-such-seat", status: "present" }] } })).body.error.details.fields[0].field).toBe(
      "entries.0.seatId",
    );
    expect((await cofac.json(`/api/meetings/${m.id}/attendance`, { method: "PUT", json: { entries: present } })).status).toBe(200);
    const after = (await cofac.json(`/api/meetings/${m.id}`)).body;
    expect(after.quorum).toMatchObject({ present: page.quorum.required, met: true });
    expect(after.register.find((s: { id: string }) => s.id === present[0].seatId).status).toBe("present");
  });

  it("the register does not open days before the meeting", async () => {
    const cofac = await signIn(DEMO_ACCOUNTS.cofacilitator);
    const m = await create(cofac, trackMeeting({ title: "Next month", start: future(30, 9), end: future(30, 10) }));
    const res = await cofac.json(`/api/meetings/${m.id}/attendance`, { method: "PUT", json: { entries: [{ seatId: "ms-brazil", status: "present" }] } });
    expect(res.status).toBe(409);
  });
});

describe("minutes", () => {
  it("go from draft to corrections to approved and locked, with history", async () => {
    const chair = await signIn(DEMO_ACCOUNTS.chair);
    const m = await create(chair, plenary({ title: "Minuted plenary", start: "2026-11-02T10:00", end: "2026-11-02T13:00", room: null, agenda: [{ title: "Opening" }, { title: "Track reports" }] }));
    const page = (await chair.json(`/api/meetings/${m.id}`)).body;
    await chair.json(`/api/meetings/${m.id}/attendance`, { method: "PUT", json: { entries: [{ seatId: "ms-kenya", status: "present" }] } });
    const [opening, reports] = page.agenda;

    const saved = await chair.json(`/api/meetings/${m.id}/minutes/items/${opening.id}`, { method: "PUT", json: { text: "The Chair opened the meeting at 10:05.", version: 0 } });
    expect(saved.body).toMatchObject({ version: 1 });
    const stale = await chair.json(`/api/meetings/${m.id}/minutes/items/${opening.id}`, { method: "PUT", json: { text: "Other text", version: 0 } });
    expect(stale.status).toBe(409);
    expect(stale.body.error.details.current.text).toBe("The Chair opened the meeting at 10:05.");

    // Draft minutes are the keepers' working text.
    const delegate = await signIn(DEMO_ACCOUNTS.delegate);
    expect((await delegate.json(`/api/meetings/${m.id}/minutes`)).body.items[0].minutes).toBe("");
    expect((await delegate.json(`/api/meetings/${m.id}/minutes/corrections`, { json: { agendaItemId: opening.id, text: "Too early" } })).status).toBe(409);

    expect((await chair.json(`/api/meetings/${m.id}/minutes/approve`, { method: "POST" })).status).toBe(409);
    const circulated = await chair.json(`/api/meetings/${m.id}/minutes/circulate`, { json: { closesAt: future(7, 18), timeZone: "Europe/Zurich" } });
    expect(circulated.status).toBe(200);
    expect((await env.DB.prepare("SELECT count(*) AS n FROM outbox WHERE kind = 'minutes_circulated'").first<{ n: number }>())!.n).toBeGreaterThan(0);

    // Kenya was present; Brazil's head was not and did not reply.
    const correction = await delegate.json(`/api/meetings/${m.id}/minutes/corrections`, { json: { agendaItemId: opening.id, text: "The meeting opened at 10:15." } });
    expect(correction.status).toBe(201);
    const brazil = await signIn(DEMO_ACCOUNTS.head);
    expect((await brazil.json(`/api/meetings/${m.id}/minutes/corrections`, { json: { agendaItemId: opening.id, text: "Not there" } })).status).toBe(403);
    expect((await delegate.json(`/api/meetings/${m.id}/minutes/corrections`, { json: { agendaItemId: "nope", text: "Wrong item" } })).body.error.details.fields[0].field).toBe("agendaItemId");

    expect((await chair.json(`/api/meetings/${m.id}/minutes/approve`, { method: "POST" })).status).toBe(409); // window open
    await chair.json(`/api/meetings/${m.id}/minutes/window`, { method: "PUT", json: { closesAt: "2026-01-01T00:00", timeZone: "UTC" } });
    const blocked = await chair.json(`/api/meetings/${m.id}/minutes/approve`, { method: "POST" });
    expect(blocked.status).toBe(409);
    expect(blocked.body.error.details.openCorrections).toBe(1);

    const fixed = await chair.json(`/api/meetings/${m.id}/minutes/items/${opening.id}`, { method: "PUT", json: { text: "The Chair opened the meeting at 10:15.", version: 1 } });
    expect(fixed.status).toBe(200);
    expect((await chair.json(`/api/meetings/${m.id}/minutes/corrections/${correction.body.correction.id}`, { method: "PATCH", json: { status: "accepted", response: "Corrected." } })).status).toBe(200);
    expect((await chair.json(`/api/meetings/${m.id}/minutes/corrections/${correction.body.correction.id}`, { method: "PATCH", json: { status: "declined" } })).status).toBe(409);
    expect((await chair.json(`/api/meetings/${m.id}/minutes/approve`, { method: "POST" })).status).toBe(200);

    const locked = await chair.json(`/api/meetings/${m.id}/minutes/items/${reports.id}`, { method: "PUT", json: { text: "Late addition", version: 0 } });
    expect(locked.status).toBe(409);
    const final = (await delegate.json(`/api/meetings/${m.id}/minutes`)).body;
    expect(final.status).toBe("approved");
    expect(final.items[0].minutes).toBe("The Chair opened the meeting at 10:15.");
    expect(final.corrections[0]).toMatchObject({ status: "accepted", response: "Corrected." });
    const history = (await delegate.json(`/api/meetings/${m.id}/minutes/items/${opening.id}/history`)).body.versions;
    expect(history.map((h: { version: number; stage: string }) => [h.version, h.stage])).toEqual([[2, "circulated"]]);
    const keeperHistory = (await chair.json(`/api/meetings/${m.id}/minutes/items/${opening.id}/history`)).body.versions;
    expect(keeperHistory.map((h: { version: number }) => h.version)).toEqual([2, 1]);
    expect((await chair.json(`/api/meetings/${m.id}/agenda`, { method: "PUT", json: { version: 1, items: [] } })).status).toBe(409);
  });

  it("circulating needs a held meeting and a closing time ahead", async () => {
    const chair = await signIn(DEMO_ACCOUNTS.chair);
    const ahead = await create(chair, plenary({ title: "Not yet held", start: future(140, 10), end: future(140, 11), room: null }));
    expect((await chair.json(`/api/meetings/${ahead.id}/minutes/circulate`, { json: { closesAt: future(150, 10), timeZone: "UTC" } })).status).toBe(409);
    const held = await create(chair, plenary({ title: "Held earlier", start: "2026-11-03T10:00", end: "2026-11-03T11:00", room: null }));
    const past = await chair.json(`/api/meetings/${held.id}/minutes/circulate`, { json: { closesAt: "2026-11-04T10:00", timeZone: "UTC" } });
    expect(past.status).toBe(400);
    expect(past.body.error.details.fields[0].field).toBe("closesAt");
  });
});

describe("agenda and materials", () => {
  const pdf = new TextEncoder().encode("%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n");

  function upload(agent: Agent, meetingId: string, file: File, agendaItemId?: string) {
    const form = new FormData();
    form.set("file", file);
    if (agendaItemId) form.set("agendaItemId", agendaItemId);
    return agent.fetch(`/api/meetings/${meetingId}/materials`, { method: "POST", body: form });
  }

  it("orders items, links revisions, keeps item ids, and stores files in R2 with size and type limits", async () => {
    const cofac = await signIn(DEMO_ACCOUNTS.cofacilitator);
    const m = await create(cofac, trackMeeting({ title: "With papers", start: future(150, 9), end: future(150, 11) }));
    const agenda = await cofac.json(`/api/meetings/${m.id}/agenda`, { method: "PUT", json: { version: m.version, items: [{ title: "Adoption of the agenda" }, { title: "Issues paper" }] } });
    expect(agenda.status).toBe(200);
    const [first, second] = agenda.body.items;
    const reordered = await cofac.json(`/api/meetings/${m.id}/agenda`, {
      method: "PUT",
      json: { version: agenda.body.version, items: [{ id: second.id, title: "Issues paper" }, { id: first.id, title: "Adoption of the agenda" }] },
    });
    expect(reordered.body.items.map((i: { id: string }) => i.id)).toEqual([second.id, first.id]);
    const badRevision = await cofac.json(`/api/meetings/${m.id}/agenda`, { method: "PUT", json: { version: reordered.body.version, items: [{ title: "X", revisionId: "nope" }] } });
    expect(badRevision.body.error.details.fields[0].field).toBe("items.0.revisionId");

    const up = await upload(cofac, m.id, new File([pdf], "Issues paper (Rev.1) — é.pdf", { type: "application/pdf" }), second.id);
    expect(up.status).toBe(201);
    const { material } = (await up.json()) as { material: { id: string; size: number } };
    expect(material.size).toBe(pdf.byteLength);
    const down = await new Agent().fetch(`/api/meetings/${m.id}/materials/${material.id}`);
    expect(down.status).toBe(200);
    expect(down.headers.get("content-type")).toBe("application/pdf");
    expect(down.headers.get("content-disposition")).toContain("filename*=UTF-8''Issues%20paper");
    expect(new Uint8Array(await down.arrayBuffer())).toEqual(pdf);

    const fake = await upload(cofac, m.id, new File(["MZ not a pdf"], "virus.pdf"));
    expect(fake.status).toBe(415);
    const exe = await upload(cofac, m.id, new File(["hello"], "run.exe"));
    expect(exe.status).toBe(415);
    const big = new Uint8Array(21 * 1024 * 1024);
    big.set(pdf);
    const tooBig = await upload(cofac, m.id, new File([big], "huge.pdf"));
    expect(tooBig.status).toBe(413);
    const delegate = await signIn(DEMO_ACCOUNTS.delegate);
    expect((await upload(delegate, m.id, new File([pdf], "mine.pdf"))).status).toBe(403);

    const page = (await cofac.json(`/api/meetings/${m.id}`)).body;
    expect(page.materials).toHaveLength(1);
    // Renaming and reordering items that have files keeps the files with them.
    const renamed = await cofac.json(`/api/meetings/${m.id}/agenda`, {
      method: "PUT",
      json: { version: page.meeting.version, items: [{ id: first.id, title: "Adoption" }, { id: second.id, title: "Issues paper, Rev.1" }, { title: "Other matters" }] },
    });
    expect(renamed.status).toBe(200);
    const after = (await cofac.json(`/api/meetings/${m.id}`)).body;
    expect(after.agenda.map((i: { title: string }) => i.title)).toEqual(["Adoption", "Issues paper, Rev.1", "Other matters"]);
    expect(after.materials[0].agendaItemId).toBe(second.id);
    page.meeting.version = after.meeting.version;
    expect(page.materials[0].agendaItemId).toBe(second.id);
    // An item with materials cannot be dropped from the agenda.
    const drop = await cofac.json(`/api/meetings/${m.id}/agenda`, { method: "PUT", json: { version: page.meeting.version, items: [{ id: first.id, title: "Adoption" }] } });
    expect(drop.status).toBe(409);
    expect((await cofac.fetch(`/api/meetings/${m.id}/materials/${material.id}`, { method: "DELETE" })).status).toBe(204);
    expect((await new Agent().fetch(`/api/meetings/${m.id}/materials/${material.id}`)).status).toBe(404);
  });
});

describe("the dashboard's meetings", () => {
  it("lists the next meetings that concern the person, with their reply, and minutes open for their corrections", async () => {
    const cofac = await signIn(DEMO_ACCOUNTS.cofacilitator);
    const chair = await signIn(DEMO_ACCOUNTS.chair);
    const soon = await create(cofac, trackMeeting({ title: "Soon, track 1", start: future(2, 9), end: future(2, 10) }));
    const other = await create(chair, plenary({ kind: "track", trackId: 2, title: "Soon, track 2", start: future(2, 11), end: future(2, 12), room: null }));
    const delegate = await signIn(DEMO_ACCOUNTS.delegate);
    const seats = (await env.DB.prepare("SELECT track_id FROM track_seats WHERE seat_id = 'ms-kenya'").all<{ track_id: number }>()).results.map((r) => r.track_id);
    await delegate.json(`/api/meetings/${soon.id}/reply`, { method: "PUT", json: { reply: "online" } });
    const mine = await delegate.json("/api/meetings/mine");
    expect(mine.status).toBe(200);
    const ids = mine.body.next.map((m: { id: string }) => m.id);
    // Kenya sees track 1's meeting (it replied) and track 2's only if its seat takes part in track 2.
    expect(ids).toContain(soon.id);
    expect(ids.includes(other.id)).toBe(seats.includes(2));
    expect(mine.body.next.find((m: { id: string }) => m.id === soon.id).myReply).toBe("online");
    expect((await new Agent().json("/api/meetings/mine")).status).toBe(401);
    expect(mine.body.keeping).toEqual([]); // a delegate keeps no minutes
  });

  it("tells the keepers of minutes what each set waits for", async () => {
    const chair = await signIn(DEMO_ACCOUNTS.chair);
    const held = await create(chair, plenary({ title: "Held, minutes not started", start: "2026-11-06T10:00", end: "2026-11-06T11:00", room: null }));
    const keeping = (await chair.json("/api/meetings/mine")).body.keeping;
    expect(keeping.find((m: { id: string }) => m.id === held.id)).toMatchObject({ minutesStatus: "draft", waitingFor: "circulation" });
    // The seeded track 1 meeting has its minutes out with Kenya's correction unanswered: its co-facilitator is told.
    const cofac = await signIn(DEMO_ACCOUNTS.cofacilitator);
    const theirs = (await cofac.json("/api/meetings/mine")).body.keeping;
    expect(theirs.find((m: { kind: string }) => m.kind === "track")).toMatchObject({ minutesStatus: "circulated", waitingFor: "answers", openCorrections: 1 });
    expect(theirs.some((m: { id: string }) => m.id === held.id)).toBe(false); // plenary minutes are not theirs to keep
  });
});

describe("junk never gets a 500", () => {
  it("every meeting route answers junk bodies, odd ids and bad queries with a 4xx and the error shape", async () => {
    const chair = await signIn(DEMO_ACCOUNTS.chair);
    const m = await create(chair, plenary({ title: "Junk target", start: "2026-11-05T10:00", end: "2026-11-05T11:00", room: null, agenda: [{ title: "Item" }] }));
    const bodies: unknown[] = [null, [], "text", 42, {}, { version: "1" }, { start: 123, end: [], timeZone: {} }, { entries: [{ seatId: null, status: "present" }] }, { text: "x".repeat(60_000), version: -1 }];
    const routes: [string, string][] = [
      ["POST", "/api/meetings"],
      ["POST", "/api/meetings/check"],
      ["PATCH", `/api/meetings/${m.id}`],
      ["POST", `/api/meetings/${m.id}/cancel`],
      ["PUT", `/api/meetings/${m.id}/agenda`],
      ["PUT", `/api/meetings/${m.id}/reply`],
      ["PUT", `/api/meetings/${m.id}/attendance`],
      ["PUT", `/api/meetings/${m.id}/minutes/items/nope`],
      ["POST", `/api/meetings/${m.id}/minutes/circulate`],
      ["PUT", `/api/meetings/${m.id}/minutes/window`],
      ["POST", `/api/meetings/${m.id}/minutes/corrections`],
      ["PATCH", `/api/meetings/${m.id}/minutes/corrections/nope`],
      ["POST", `/api/meetings/${m.id}/materials`],
      ["PATCH", "/api/meetings/no-such-meeting"],
    ];
    for (const [method, path] of routes) {
      for (const json of bodies) {
        const res = await chair.fetch(path, { method, json });
        const label = `${method} ${path} ${JSON.stringify(json)?.slice(0, 40)}`;
        expect(res.status, label).toBeGreaterThanOrEqual(400);
        expect(res.status, label).toBeLessThan(500);
        expect(((await res.json()) as { error: { code: string } }).error.code, label).toBeTypeOf("string");
      }
    }
    for (const path of [
      "/api/meetings?from=yesterday",
      "/api/meetings?track=NOT%20A%20SLUG",
      "/api/meetings/fairness?to=2026-13-45x",
      "/api/meetings.ics?track=%00",
      "/api/calendar/..%2F..%2Fetc.ics",
      `/api/meetings/${m.id}/materials/nope`,
      `/api/meetings/${m.id}/minutes/items/nope/history`,
      "/api/meetings/" + "x".repeat(100),
    ]) {
      const res = await chair.fetch(path);
      expect(res.status, path).toBeGreaterThanOrEqual(400);
      expect(res.status, path).toBeLessThan(500);
    }
  });
});
