// Issue 11 (meetings): what the public and observers may see of a meeting, how
// answers that depend on the session are cached, the fairness view counting only
// what the viewer may see, and the conflict check looking at every overlapping meeting.
import { describe, expect, it } from "vitest";
import { Agent, DEMO_ACCOUNTS, env, signIn } from "./helpers";

const day = 86_400_000;
const LINK = "https://meet.example.org/confidential-";

/** A wall-clock time `days` from now, on a whole hour, as the form sends it. */
function future(days: number, hour: number) {
  const d = new Date(Date.now() + days * day);
  return `${d.toISOString().slice(0, 10)}T${String(hour).padStart(2, "0")}:00`;
}

/** Now, rounded down to the hour, in UTC: a meeting that is running, so its register is open. */
function thisHour() {
  const now = new Date();
  return `${now.toISOString().slice(0, 11)}${String(now.getUTCHours()).padStart(2, "0")}:00`;
}

async function create(agent: Agent, over: Record<string, unknown>) {
  const res = await agent.json("/api/meetings", {
    json: {
      kind: "plenary",
      trackId: null,
      timeZone: "UTC",
      format: "hybrid",
      room: null,
      overrideReason: "Test meeting; overlaps are intended.",
      ...over,
    },
  });
  if (res.status !== 201) throw new Error(`create failed ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.meeting as { id: string; version: number; startsAt: string; endsAt: string };
}

const cacheOf = (res: Response) => ({ cache: res.headers.get("cache-control") ?? "", vary: (res.headers.get("vary") ?? "").toLowerCase() });

function expectPrivate(res: Response, what: string) {
  const { cache, vary } = cacheOf(res);
  expect(cache, what).toMatch(/\bprivate\b/);
  expect(cache, what).not.toMatch(/\bpublic\b/);
  expect(vary, what).toContain("cookie");
}

describe("cache headers follow who the answer is for", () => {
  it("a signed-in member's .ics of a public meeting carries the online link and is private, varying on the cookie", async () => {
    const chair = await signIn(DEMO_ACCOUNTS.chair);
    const m = await create(chair, { title: "Cached plenary", start: future(30, 10), end: future(30, 12), onlineUrl: `${LINK}cached` });
    const delegate = await signIn(DEMO_ACCOUNTS.delegate);
    const mine = await delegate.fetch(`/api/meetings/${m.id}/calendar.ics`);
    expect(mine.status).toBe(200);
    expect(await mine.text()).toContain(`${LINK}cached`);
    expectPrivate(mine, "member's .ics");
    expect(cacheOf(mine).cache).toContain("no-store");
    // The same URL answers the public without the link: still not for a shared cache.
    const anon = await new Agent().fetch(`/api/meetings/${m.id}/calendar.ics`);
    expect(await anon.text()).not.toContain(LINK);
    expectPrivate(anon, "anonymous .ics");
  });

  it("every JSON answer of the meetings API is private, no-store and varies on the cookie", async () => {
    const chair = await signIn(DEMO_ACCOUNTS.chair);
    const m = await create(chair, { title: "Cached JSON", start: future(31, 10), end: future(31, 12), onlineUrl: `${LINK}json` });
    const delegate = await signIn(DEMO_ACCOUNTS.delegate);
    for (const agent of [delegate, new Agent()]) {
      for (const path of ["/api/meetings", `/api/meetings/${m.id}`, `/api/meetings/${m.id}/minutes`, "/api/meetings/fairness", "/api/meetings/mine"]) {
        const res = await agent.fetch(path);
        if (res.status === 401) continue; // the signed-in-only views, asked anonymously
        expect(res.status, path).toBe(200);
        expectPrivate(res, path);
        expect(cacheOf(res).cache, path).toContain("no-store");
      }
    }
  });

  it("the public and per-track feeds are public and the same for everyone; the personal feed is private", async () => {
    const chair = await signIn(DEMO_ACCOUNTS.chair);
    await create(chair, { title: "Feed plenary", start: future(32, 10), end: future(32, 12), onlineUrl: `${LINK}feed` });
    await create(chair, { kind: "track", trackId: 1, title: "Feed track meeting", start: future(33, 10), end: future(33, 12), format: "online", onlineUrl: `${LINK}feed-track` });
    const delegate = await signIn(DEMO_ACCOUNTS.delegate);
    for (const path of ["/api/meetings.ics", "/api/meetings.ics?track=principles"]) {
      const anon = await new Agent().fetch(path);
      const signed = await delegate.fetch(path);
      const [a, b] = [await anon.text(), await signed.text()];
      expect(a, path).toBe(b);
      expect(a, path).not.toContain(LINK);
      expect(cacheOf(anon).cache, path).toMatch(/^public\b/);
    }
    const made = await delegate.json("/api/me/calendar-feed", { method: "POST" });
    const personal = await new Agent().fetch(new URL(made.body.url).pathname);
    expect(await personal.text()).toContain(`${LINK}feed`);
    expect(cacheOf(personal).cache).toMatch(/^private\b/);
  });
});

describe("the public and observers see neither members-only meetings nor online links and registers", () => {
  it("walks every meeting endpoint anonymously and as an observer", async () => {
    const chair = await signIn(DEMO_ACCOUNTS.chair);
    const delegate = await signIn(DEMO_ACCOUNTS.delegate);
    const observer = await signIn(DEMO_ACCOUNTS.observer);
    // Both are running now, so the register is open and kept.
    const closed = await create(chair, { kind: "informal", title: "Closed consultation", start: thisHour(), end: future(1, 23), onlineUrl: `${LINK}closed`, agenda: [{ title: "Item" }] });
    const open = await create(chair, { title: "Open plenary", start: thisHour(), end: future(1, 22), onlineUrl: `${LINK}open`, agenda: [{ title: "Item" }] });
    // A changed link leaves its trace in the meeting's history.
    const moved = await chair.json(`/api/meetings/${open.id}`, { method: "PATCH", json: { version: open.version, onlineUrl: `${LINK}open-2` } });
    expect(moved.status).toBe(200);
    for (const m of [closed, open]) {
      const reg = await chair.json(`/api/meetings/${m.id}/attendance`, { method: "PUT", json: { entries: [{ seatId: "ms-brazil", status: "present" }, { seatId: "ms-kenya", status: "excused" }] } });
      expect(reg.status).toBe(200);
    }
    // Members and officers do get the link and the register (the control).
    const seen = (await delegate.json(`/api/meetings/${open.id}`)).body;
    expect(seen.meeting.onlineUrl).toBe(`${LINK}open-2`);
    expect(seen.register.find((s: { id: string }) => s.id === "ms-brazil").status).toBe("present");
    expect((await delegate.json(`/api/meetings/${closed.id}`)).status).toBe(200);

    const from = new Date(Date.now() - 2 * day).toISOString().slice(0, 10);
    const to = new Date(Date.now() + 3 * day).toISOString().slice(0, 10);
    const observerFeed = (await observer.json("/api/me/calendar-feed", { method: "POST" })).body.url as string;

    for (const [who, agent] of [["public", new Agent()], ["observer", observer]] as const) {
      // A members-only meeting answers exactly like one that does not exist.
      const absent = await agent.json("/api/meetings/no-such-meeting");
      expect(absent.status, who).toBe(404);
      const reads = [
        `/api/meetings/${closed.id}`,
        `/api/meetings/${closed.id}/minutes`,
        `/api/meetings/${closed.id}/minutes/items/x/history`,
        `/api/meetings/${closed.id}/calendar.ics`,
        `/api/meetings/${closed.id}/materials/x`,
      ];
      for (const path of reads) {
        const res = await agent.json(path);
        expect(res.status, `${who} ${path}`).toBe(404);
        expect(res.body, `${who} ${path}`).toEqual(absent.body);
      }
      const reply = await agent.json(`/api/meetings/${closed.id}/reply`, { method: "PUT", json: { reply: "online" } });
      expect(reply.status, `${who} reply`).toBe(404);
      expect(reply.body, `${who} reply`).toEqual(absent.body);

      // Everything they can read of the public meeting, and every list and feed, is free of links and the register.
      const page = await agent.json(`/api/meetings/${open.id}`);
      expect(page.status, who).toBe(200);
      expect(page.body.meeting.onlineUrl, who).toBeNull();
      expect(page.body.register, who).toEqual([]);
      expect(page.body.permissions.keepRegister, who).toBe(false);
      const texts: [string, string][] = [[`/api/meetings/${open.id}`, JSON.stringify(page.body)]];
      const more = [
        `/api/meetings?from=${from}&to=${to}`,
        `/api/meetings/${open.id}/minutes`,
        `/api/meetings/${open.id}/calendar.ics`,
        "/api/meetings.ics",
        "/api/meetings.ics?track=principles",
        ...(who === "observer" ? ["/api/meetings/mine", "/api/meetings/fairness", new URL(observerFeed).pathname] : []),
      ];
      for (const path of more) {
        const res = await agent.fetch(path);
        expect(res.status, `${who} ${path}`).toBe(200);
        texts.push([path, await res.text()]);
      }
      for (const [path, text] of texts) {
        expect(text, `${who} ${path}`).not.toContain(LINK);
        expect(text, `${who} ${path}`).not.toContain(closed.id);
        expect(text, `${who} ${path}`).not.toContain("Closed consultation");
        expect(text, `${who} ${path}`).not.toContain('"excused"');
      }
      // The public meeting itself is there for them.
      expect(texts.find(([p]) => p.startsWith("/api/meetings?"))![1]).toContain(open.id);
    }
  });
});

describe("fairness counts what the viewer may see", () => {
  it("an observer's view counts public meetings only; a member's counts members-only meetings too", async () => {
    const chair = await signIn(DEMO_ACCOUNTS.chair);
    // 09:00 in Geneva in summer is 02:00 in Bogotá: both are outside civil hours for GRULAC.
    await create(chair, { title: "Public, early", start: "2029-06-12T09:00", end: "2029-06-12T11:00", timeZone: "Europe/Zurich", format: "online" });
    await create(chair, { kind: "informal", title: "Members-only, early", start: "2029-06-14T09:00", end: "2029-06-14T11:00", timeZone: "Europe/Zurich", format: "online" });
    const view = async (agent: Agent) => {
      const res = await agent.json("/api/meetings/fairness?from=2029-06-01&to=2029-07-01");
      expect(res.status).toBe(200);
      return { meetings: res.body.meetings, grulac: res.body.regions.find((r: { region: string }) => r.region === "grulac").outside };
    };
    expect(await view(await signIn(DEMO_ACCOUNTS.observer))).toEqual({ meetings: 1, grulac: 1 });
    expect(await view(await signIn(DEMO_ACCOUNTS.delegate))).toEqual({ meetings: 2, grulac: 2 });
    expect(await view(chair)).toEqual({ meetings: 2, grulac: 2 });
  });
});

describe("the conflict check looks at every overlapping meeting", () => {
  it("finds a room clash behind 60 other overlapping meetings, and a long meeting that started days before", async () => {
    const chairId = (await env.DB.prepare("SELECT id FROM users WHERE email = ?1").bind(DEMO_ACCOUNTS.chair).first<{ id: string }>())!.id;
    // A track with no seats and no co-facilitators: its online meetings overlap without conflicting.
    await env.DB.prepare("INSERT INTO tracks (id, slug, title, short_title, mandate) VALUES (99, 'quiet', 'Quiet track', 'Quiet', 'None')").run();
    const insert = (id: string, startsAt: string, endsAt: string, format: string, room: string | null) =>
      env.DB.prepare(
        `INSERT INTO meetings (id, title, kind, track_id, starts_at, ends_at, time_zone, format, room, visibility, created_by, created_at, updated_at)
         VALUES (?1, ?1, 'track', 99, ?2, ?3, 'UTC', ?4, ?5, 'public', ?6, ?7, ?7)`,
      ).bind(id, startsAt, endsAt, format, room, chairId, new Date().toISOString());
    const at = (minutes: number) => new Date(Date.UTC(2031, 2, 10, 9, minutes)).toISOString();
    await env.DB.batch(Array.from({ length: 60 }, (_, i) => insert(`quiet-${String(i).padStart(2, "0")}`, at(i), at(240), "online", null)));
    // The 61st overlapping meeting, the last by start and by insertion, is in the same room.
    await env.DB.batch([insert("room-clash", at(61), at(200), "in_person", "Room XXV")]);
    const chair = await signIn(DEMO_ACCOUNTS.chair);
    const slot = { kind: "track", trackId: 99, start: "2031-03-10T12:00", end: "2031-03-10T12:30", timeZone: "UTC", format: "in_person", room: "room xxv" };
    const check = await chair.json("/api/meetings/check", { json: slot });
    expect(check.status).toBe(200);
    expect(check.body.conflicts.map((c: { meetingId: string }) => c.meetingId)).toEqual(["room-clash"]);
    const refused = await chair.json("/api/meetings", { json: { ...slot, title: "Behind the crowd" } });
    expect(refused.status).toBe(409);
    expect(refused.body.error.details.conflicts.map((c: { meetingId: string }) => c.meetingId)).toEqual(["room-clash"]);

    // A 13-day meeting in that room which began 12 days earlier still overlaps; one that ended does not.
    await env.DB.batch([
      insert("long-one", new Date(Date.UTC(2031, 1, 26, 9)).toISOString(), new Date(Date.UTC(2031, 2, 11, 9)).toISOString(), "in_person", "Room XXV"),
      insert("ended-one", new Date(Date.UTC(2031, 1, 26, 9)).toISOString(), new Date(Date.UTC(2031, 2, 10, 11)).toISOString(), "in_person", "Room XXV"),
    ]);
    const again = await chair.json("/api/meetings/check", { json: slot });
    expect(again.body.conflicts.map((c: { meetingId: string }) => c.meetingId).sort()).toEqual(["long-one", "room-clash"]);
  });
});

describe("names of people in meetings follow the one rule (worker/people.ts)", () => {
  it("an observer sees replies, history and correction authors by seat, never a delegate's name unless the person allowed it", async () => {
    const chair = await signIn(DEMO_ACCOUNTS.chair);
    const m = await create(chair, { title: "Named plenary", start: future(40, 10), end: future(40, 12), onlineUrl: `${LINK}names` });
    await chair.fetch(`/api/meetings/${m.id}`, { method: "PATCH", json: { baseVersion: m.version, title: "Named plenary (moved)" } });
    const delegate = await signIn(DEMO_ACCOUNTS.delegate);
    expect((await delegate.fetch(`/api/meetings/${m.id}/reply`, { method: "PUT", json: { reply: "online" } })).status).toBe(200);
    const me = (await delegate.json("/api/me")).body;
    const name = (me.user ?? me).name as string;
    expect(name).toBeTruthy();

    const member = (await (await signIn(DEMO_ACCOUNTS.head)).json(`/api/meetings/${m.id}`)).body;
    expect(member.replies.people.map((p: { name: string }) => p.name)).toContain(name);

    const observer = await signIn(DEMO_ACCOUNTS.observer);
    const seen = await observer.json(`/api/meetings/${m.id}`);
    expect(seen.status).toBe(200);
    expect(JSON.stringify(seen.body)).not.toContain(name);
    expect(JSON.stringify(seen.body)).not.toContain("Isabel Ortega"); // the Chair, who changed the meeting
    expect(seen.body.replies.people[0]).toMatchObject({ name: null, reply: "online" });
    // The screen says the register is the members', rather than calling it empty.
    expect(seen.body.permissions.viewRegister).toBe(false);
    expect(member.permissions.viewRegister).toBe(true);

    // Once the person allows it, the observer sees the name.
    expect((await delegate.fetch("/api/seats/me", { method: "PUT", json: { namePublic: true } })).status).toBe(200);
    const after = await observer.json(`/api/meetings/${m.id}`);
    expect(after.body.replies.people[0].name).toBe(name);
  });
});
