import { describe, expect, it } from "vitest";
import { Agent, DEMO_ACCOUNTS, auditRows, env, signIn } from "./helpers";

const userId = async (email: string) =>
  (await env.DB.prepare("SELECT id FROM users WHERE email = ?1").bind(email).first<{ id: string }>())!.id;

describe("secretariat administration", () => {
  it("changes roles and co-facilitation, with before and after in the audit log", async () => {
    const sec = await signIn(DEMO_ACCOUNTS.secretariat);
    const id = await userId(DEMO_ACCOUNTS.delegate);
    const res = await sec.json(`/api/admin/users/${id}/roles`, { method: "PATCH", json: { facilitatedTrackIds: [3] } });
    expect(res.status).toBe(200);
    const delegate = await signIn(DEMO_ACCOUNTS.delegate);
    expect((await delegate.json("/api/me")).body.user.facilitatedTrackIds).toEqual([3]);
    expect((await delegate.fetch("/api/tracks/benefits", { method: "PATCH", json: { mandate: "A mandate revised by the new co-facilitator of track 3." } })).status).toBe(200);

    const row = (await auditRows("user.roles")).at(-1)!;
    expect(row.target_id).toBe(id);
    expect(JSON.parse(row.before_json!)).toMatchObject({ seatId: "ms-kenya", seatRole: "delegate", facilitatedTrackIds: [] });
    expect(JSON.parse(row.after_json!)).toMatchObject({ facilitatedTrackIds: [3] });
    expect(row.request_id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("making someone head of delegation moves the former head to delegate", async () => {
    const sec = await signIn(DEMO_ACCOUNTS.secretariat);
    const id = await userId(DEMO_ACCOUNTS.delegate);
    expect((await sec.fetch(`/api/admin/users/${id}/roles`, { method: "PATCH", json: { seatRole: "head" } })).status).toBe(200);
    const { results } = await env.DB.prepare("SELECT email FROM users WHERE seat_id = 'ms-kenya' AND seat_role = 'head'").all();
    expect(results).toEqual([{ email: DEMO_ACCOUNTS.delegate }]);
  });

  it("rejects unknown tracks, seats and contradictory roles field by field", async () => {
    const sec = await signIn(DEMO_ACCOUNTS.secretariat);
    const id = await userId(DEMO_ACCOUNTS.observer);
    const track = await sec.json(`/api/admin/users/${id}/roles`, { method: "PATCH", json: { facilitatedTrackIds: [9] } });
    expect(track.status).toBe(400);
    expect(track.body.error.details.fields[0].field).toBe("facilitatedTrackIds");
    const seat = await sec.json(`/api/admin/users/${id}/roles`, { method: "PATCH", json: { seatId: "nope", seatRole: "delegate" } });
    expect(seat.status).toBe(400);
    const noSeat = await sec.json(`/api/admin/users/${id}/roles`, { method: "PATCH", json: { seatId: null } });
    expect(noSeat.status).toBe(400);
    expect(noSeat.body.error.details.fields[0].field).toBe("seatRole");
    const missing = await sec.json(`/api/admin/users/00000000-0000-4000-8000-000000000000/roles`, { method: "PATCH", json: { officerRole: "chair" } });
    expect(missing.status).toBe(404);
  });

  it("deactivation revokes every session and blocks sign-in; reactivation restores it", async () => {
    const sec = await signIn(DEMO_ACCOUNTS.secretariat);
    const victim = await signIn(DEMO_ACCOUNTS.viceChair);
    const id = await userId(DEMO_ACCOUNTS.viceChair);
    expect((await sec.fetch(`/api/admin/users/${id}/deactivate`, { method: "POST" })).status).toBe(200);
    expect((await victim.json("/api/me")).body.user).toBeNull();
    const login = await new Agent().fetch("/api/auth/login", { json: { email: DEMO_ACCOUNTS.viceChair, password: "plenary-demo-2026" } });
    expect(login.status).toBe(401);
    expect((await sec.fetch(`/api/admin/users/${id}/reactivate`, { method: "POST" })).status).toBe(200);
    await signIn(DEMO_ACCOUNTS.viceChair);
    expect((await auditRows("user.deactivate")).length).toBe(1);
    expect((await auditRows("user.reactivate")).length).toBe(1);
  });

  it("the secretariat cannot deactivate itself by mistake", async () => {
    const sec = await signIn(DEMO_ACCOUNTS.secretariat);
    const res = await sec.fetch(`/api/admin/users/${await userId(DEMO_ACCOUNTS.secretariat)}/deactivate`, { method: "POST" });
    expect(res.status).toBe(409);
  });

  it("pages through the audit log and the outbox", async () => {
    const sec = await signIn(DEMO_ACCOUNTS.secretariat);
    const first = await sec.json("/api/admin/audit?limit=2");
    expect(first.body.entries).toHaveLength(2);
    expect(first.body.next).toBe(first.body.entries[1].id);
    const older = await sec.json(`/api/admin/audit?limit=2&before=${first.body.next}`);
    expect(older.body.entries[0].id).toBeLessThan(first.body.next);
    for (const email of ["one@example.org", "two@example.org"]) {
      await sec.fetch("/api/invitations", { json: { email, name: "Paging Test", officerRole: "vice_chair" } });
    }
    const mail1 = await sec.json("/api/admin/outbox?limit=1");
    expect(mail1.body.next).toMatch(/\|/);
    const mail2 = await sec.json(`/api/admin/outbox?limit=1&before=${encodeURIComponent(mail1.body.next)}`);
    expect(mail2.body.messages[0].id).not.toBe(mail1.body.messages[0].id);
    const bad = await sec.json("/api/admin/audit?limit=5000");
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.fields[0].field).toBe("limit");
  });
});

describe("deactivation and reactivation", () => {
  /** A delegate (not of Kenya, whose people other tests change) and the head of their seat. */
  const seatPair = () =>
    env.DB.prepare(
      `SELECT d.id, d.email, d.seat_id, h.email AS head FROM users d JOIN users h ON h.seat_id = d.seat_id AND h.seat_role = 'head' AND h.active = 1
       JOIN seats s ON s.id = d.seat_id WHERE d.seat_role = 'delegate' AND d.active = 1 AND s.kind = 'member_state' AND d.seat_id <> 'ms-kenya' ORDER BY d.email LIMIT 1`,
    ).first<{ id: string; email: string; seat_id: string; head: string }>();

  it("deactivation drops co-facilitation and position-delegate rights; reactivation does not bring them back", async () => {
    const sec = await signIn(DEMO_ACCOUNTS.secretariat);
    const d = (await seatPair())!;
    const head = await signIn(d.head);
    expect((await sec.fetch(`/api/admin/users/${d.id}/roles`, { method: "PATCH", json: { facilitatedTrackIds: [2] } })).status).toBe(200);
    expect((await head.fetch("/api/consensus/position-delegates", { method: "PUT", json: { userIds: [d.id] } })).status).toBe(200);

    expect((await sec.fetch(`/api/admin/users/${d.id}/deactivate`, { method: "POST" })).status).toBe(200);
    const row = (await auditRows("user.deactivate")).at(-1)!;
    expect(JSON.parse(row.before_json!)).toMatchObject({ active: true, facilitatedTrackIds: [2], positionDelegateOf: d.seat_id });
    expect(JSON.parse(row.after_json!)).toMatchObject({ active: false, facilitatedTrackIds: [], positionDelegateOf: null });

    expect((await sec.fetch(`/api/admin/users/${d.id}/reactivate`, { method: "POST" })).status).toBe(200);
    const back = await signIn(d.email);
    expect((await back.json("/api/me")).body.user).toMatchObject({ seat: { id: d.seat_id }, seatRole: "delegate", facilitatedTrackIds: [] });
    const allowed = (await head.json("/api/consensus/position-delegates")).body.delegates.find((x: { id: string }) => x.id === d.id);
    expect(allowed).toMatchObject({ allowed: false });
  });

  it("only the secretariat reactivates an account", async () => {
    const sec = await signIn(DEMO_ACCOUNTS.secretariat);
    const id = await userId(DEMO_ACCOUNTS.observer);
    expect((await sec.fetch(`/api/admin/users/${id}/deactivate`, { method: "POST" })).status).toBe(200);
    for (const who of [DEMO_ACCOUNTS.chair, DEMO_ACCOUNTS.head]) {
      expect((await (await signIn(who)).fetch(`/api/admin/users/${id}/reactivate`, { method: "POST" })).status).toBe(403);
    }
    expect((await sec.fetch(`/api/admin/users/${id}/reactivate`, { method: "POST" })).status).toBe(200);
  });
});

describe("profile", () => {
  it("keeps language and time zone per person and refuses unknown ones", async () => {
    const agent = await signIn(DEMO_ACCOUNTS.head);
    const ok = await agent.json("/api/me", { method: "PATCH", json: { locale: "ar", timeZone: "America/New_York" } });
    expect(ok.status).toBe(200);
    expect((await (await signIn(DEMO_ACCOUNTS.head)).json("/api/me")).body.user).toMatchObject({ locale: "ar", timeZone: "America/New_York" });
    const tz = await agent.json("/api/me", { method: "PATCH", json: { timeZone: "Mars/Olympus_Mons" } });
    expect(tz.status).toBe(400);
    expect(tz.body.error.details.fields[0]).toEqual({ field: "timeZone", message: "Unknown time zone." });
    const locale = await agent.json("/api/me", { method: "PATCH", json: { locale: "de" } });
    expect(locale.status).toBe(400);
    expect(locale.body.error.details.fields[0].field).toBe("locale");
    expect(JSON.parse((await auditRows("user.profile")).at(-1)!.after_json!)).toMatchObject({ locale: "ar" });
  });
});

describe("people list", () => {
  it("pages with a next offset and finds people by name, email or seat", async () => {
    const sec = await signIn(DEMO_ACCOUNTS.secretariat);
    const first = await sec.json("/api/admin/users?limit=50");
    expect(first.body.users).toHaveLength(50);
    expect(first.body.next).toBe(50);
    const second = await sec.json("/api/admin/users?limit=50&offset=50");
    expect(second.body.users[0].id).not.toBe(first.body.users[0].id);
    const all = await sec.json("/api/admin/users?limit=500");
    expect(all.body.next).toBeNull();
    const brazil = await sec.json("/api/admin/users?q=Brazil");
    expect(brazil.body.users.map((u: any) => u.email)).toContain(DEMO_ACCOUNTS.head);
  });
});
