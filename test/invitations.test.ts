import { describe, expect, it } from "vitest";
import { Agent, DEMO_ACCOUNTS, auditRows, env, lastMailTo, linkIn, signIn } from "./helpers";
import { raceBefore, via } from "./race";

async function invite(body: Record<string, unknown>, by: string = DEMO_ACCOUNTS.secretariat) {
  const sec = await signIn(by);
  return sec.json("/api/invitations", { json: body });
}

describe("invitations", () => {
  it("the secretariat invites; the invitee opens the mailed link, sets a password and is signed in", async () => {
    const created = await invite({ email: "Nia.Adeyemi@Example.org", name: "Nia Adeyemi", seatId: "ms-nigeria", seatRole: "delegate" });
    expect(created.status).toBe(201);
    expect(created.body.invitation).not.toHaveProperty("tokenHash");

    const mail = await lastMailTo("nia.adeyemi@example.org");
    expect(mail?.kind).toBe("invitation");
    expect(mail?.body_text).toContain("delegate of Nigeria");
    const token = linkIn(mail!.body_text, "/invitations");

    const invitee = new Agent();
    const view = await invitee.json(`/api/invitations/by-token/${token}`);
    expect(view.status).toBe(200);
    expect(view.body.invitation).toMatchObject({ email: "nia.adeyemi@example.org", seat: { id: "ms-nigeria", name: "Nigeria" }, seatRole: "delegate" });

    const accepted = await invitee.json(`/api/invitations/by-token/${token}/accept`, { json: { name: "Nia Adeyemi", password: "a-long-enough-password" } });
    expect(accepted.status).toBe(200);
    expect(accepted.body.user).toMatchObject({ email: "nia.adeyemi@example.org", seatRole: "delegate", seat: { id: "ms-nigeria" } });
    expect((await invitee.json("/api/me")).body.user.name).toBe("Nia Adeyemi");

    // The password works for a later sign-in, and is stored salted.
    await signIn("nia.adeyemi@example.org", "a-long-enough-password");
    const row = await env.DB.prepare("SELECT password_hash FROM users WHERE email = ?1").bind("nia.adeyemi@example.org").first<{ password_hash: string }>();
    expect(row!.password_hash).toMatch(/^pbkdf2-sha256\$100000\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);

    // Audit rows for the invitation, its acceptance and the new account.
    expect((await auditRows("invitation.create")).at(-1)!.after_json).toContain("nia.adeyemi@example.org");
    expect((await auditRows("invitation.accept")).length).toBe(1);
    const created2 = (await auditRows("user.create")).at(-1)!;
    expect(created2.actor_seat_id).toBe("ms-nigeria");
  });

  it("a used link answers 410; an unknown one 404", async () => {
    await invite({ email: "once@example.org", name: "Once Only", officerRole: "vice_chair" });
    const token = linkIn((await lastMailTo("once@example.org"))!.body_text, "/invitations");
    const first = await new Agent().fetch(`/api/invitations/by-token/${token}/accept`, { json: { name: "Once Only", password: "a-long-enough-password" } });
    expect(first.status).toBe(200);
    const again = await new Agent().json(`/api/invitations/by-token/${token}/accept`, { json: { name: "Twice", password: "another-long-password" } });
    expect(again.status).toBe(410);
    expect(again.body.error.message).toMatch(/already accepted/);
    expect((await new Agent().fetch(`/api/invitations/by-token/${"x".repeat(43)}`)).status).toBe(404);
  });

  it("an expired or withdrawn invitation answers 410 with a clear message", async () => {
    await invite({ email: "late@example.org", name: "Late Comer", seatId: "ms-chile", seatRole: "delegate" });
    const token = linkIn((await lastMailTo("late@example.org"))!.body_text, "/invitations");
    await env.DB.prepare("UPDATE invitations SET expires_at = '2020-01-01T00:00:00.000Z' WHERE email = 'late@example.org'").run();
    const res = await new Agent().json(`/api/invitations/by-token/${token}`);
    expect(res.status).toBe(410);
    expect(res.body.error.message).toMatch(/expired/);

    const created = await invite({ email: "withdrawn@example.org", name: "With Drawn", seatId: "ms-chile", seatRole: "delegate" });
    const sec = await signIn(DEMO_ACCOUNTS.secretariat);
    expect((await sec.fetch(`/api/invitations/${created.body.invitation.id}/revoke`, { method: "POST" })).status).toBe(200);
    const token2 = linkIn((await lastMailTo("withdrawn@example.org"))!.body_text, "/invitations");
    const res2 = await new Agent().json(`/api/invitations/by-token/${token2}/accept`, { json: { name: "X", password: "a-long-enough-password" } });
    expect(res2.status).toBe(410);
    expect(res2.body.error.message).toMatch(/withdrawn/);
  });

  it("inviting a new head of delegation makes the current head a delegate on acceptance", async () => {
    await invite({ email: "new.head@example.org", name: "New Head", seatId: "ms-brazil", seatRole: "head" });
    const token = linkIn((await lastMailTo("new.head@example.org"))!.body_text, "/invitations");
    expect((await new Agent().fetch(`/api/invitations/by-token/${token}/accept`, { json: { name: "New Head", password: "a-long-enough-password" } })).status).toBe(200);
    const { results } = await env.DB.prepare("SELECT email, seat_role FROM users WHERE seat_id = 'ms-brazil' AND seat_role = 'head' AND active = 1").all();
    expect(results).toEqual([{ email: "new.head@example.org", seat_role: "head" }]);
  });

  it("a head of delegation may invite a delegate to their own seat, and nothing else", async () => {
    const kenyaHead = "head.kenya@plenary.test";
    const ok = await invite({ email: "kenya.delegate@example.org", name: "Wanjiru Kamau", seatId: "ms-kenya", seatRole: "delegate" }, kenyaHead);
    expect(ok.status).toBe(201);
    const otherSeat = await invite({ email: "x1@example.org", name: "X", seatId: "ms-chile", seatRole: "delegate" }, kenyaHead);
    expect(otherSeat.status).toBe(403);
    const asHead = await invite({ email: "x2@example.org", name: "X", seatId: "ms-kenya", seatRole: "head" }, kenyaHead);
    expect(asHead.status).toBe(403);
    const delegate = await invite({ email: "x3@example.org", name: "X", seatId: "ms-kenya", seatRole: "delegate" }, DEMO_ACCOUNTS.delegate);
    expect(delegate.status).toBe(403);
  });

  it("nobody brings back a deactivated account by inviting its address; reactivation is the secretariat's, under Admin", async () => {
    const sec = await signIn(DEMO_ACCOUNTS.secretariat);
    const kenyaHead = await signIn("head.kenya@plenary.test");
    const id = (await env.DB.prepare("SELECT id FROM users WHERE email = ?1").bind(DEMO_ACCOUNTS.delegate).first<{ id: string }>())!.id;
    expect((await sec.fetch(`/api/admin/users/${id}/roles`, { method: "PATCH", json: { facilitatedTrackIds: [1] } })).status).toBe(200);
    expect((await kenyaHead.fetch("/api/consensus/position-delegates", { method: "PUT", json: { userIds: [id] } })).status).toBe(200);
    expect((await sec.fetch(`/api/admin/users/${id}/deactivate`, { method: "POST" })).status).toBe(200);

    const byHead = await kenyaHead.json("/api/invitations", { json: { email: DEMO_ACCOUNTS.delegate, name: "Back Again", seatId: "ms-kenya", seatRole: "delegate" } });
    expect(byHead.status).toBe(409);
    expect(byHead.body.error.details.fields[0].field).toBe("email");
    const bySecretariat = await sec.json("/api/invitations", { json: { email: DEMO_ACCOUNTS.delegate, name: "Back Again", seatId: "ms-kenya", seatRole: "delegate" } });
    expect(bySecretariat.status).toBe(409);
    const row = await env.DB.prepare("SELECT active FROM users WHERE id = ?1").bind(id).first<{ active: number }>();
    expect(row!.active).toBe(0);
  });

  it("accepting an invitation never overwrites an account that exists by then", async () => {
    // Two invitations to one new address; the first accepted creates the account.
    await invite({ email: "twice@example.org", name: "Twice Invited", officerRole: "vice_chair" });
    const first = linkIn((await lastMailTo("twice@example.org"))!.body_text, "/invitations");
    await invite({ email: "twice@example.org", name: "Twice Invited", seatId: "ms-kenya", seatRole: "delegate" }, "head.kenya@plenary.test");
    const second = linkIn((await lastMailTo("twice@example.org"))!.body_text, "/invitations");
    expect((await new Agent().fetch(`/api/invitations/by-token/${first}/accept`, { json: { name: "Twice Invited", password: "the-owners-password" } })).status).toBe(200);

    const takeover = await new Agent().json(`/api/invitations/by-token/${second}/accept`, { json: { name: "Someone Else", password: "a-takeover-password" } });
    expect(takeover.status).toBe(409);
    const owner = await signIn("twice@example.org", "the-owners-password");
    expect((await owner.json("/api/me")).body.user).toMatchObject({ name: "Twice Invited", officerRole: "vice_chair", seat: null });
    expect((await new Agent().fetch("/api/auth/login", { json: { email: "twice@example.org", password: "a-takeover-password" } })).status).toBe(401);
  });

  it("an invitation withdrawn while it is being accepted creates no account and no session", async () => {
    const sent = await invite({ email: "withdrawn.midway@example.org", name: "Withdrawn Midway", seatId: "ms-kenya", seatRole: "delegate" });
    const token = linkIn((await lastMailTo("withdrawn.midway@example.org"))!.body_text, "/invitations");
    const sec = await signIn(DEMO_ACCOUNTS.secretariat);
    // The secretariat withdraws it after the accept read the invitation and before its write.
    const racing = raceBefore(/insert into "users"/i, async () => {
      expect((await sec.fetch(`/api/invitations/${sent.body.invitation.id}/revoke`, { method: "POST" })).status).toBe(200);
    });
    const res = await via(new Agent(), racing, `/api/invitations/by-token/${token}/accept`, { json: { name: "Withdrawn Midway", password: "a-password-long-enough" } });
    expect(res.status).toBe(410);
    expect(res.body.error.message).toMatch(/withdrawn/);
    expect(await env.DB.prepare("SELECT count(*) AS n FROM users WHERE email = ?1").bind("withdrawn.midway@example.org").first<{ n: number }>()).toEqual({ n: 0 });
    expect((await auditRows("invitation.accept")).filter((r) => r.target_id === sent.body.invitation.id)).toHaveLength(0);
  });

  it("validates invitations field by field", async () => {
    const noRole = await invite({ email: "a@example.org", name: "A", seatId: "ms-brazil" });
    expect(noRole.status).toBe(400);
    expect(noRole.body.error.details.fields[0].field).toBe("seatRole");
    const nothing = await invite({ email: "b@example.org", name: "B" });
    expect(nothing.status).toBe(400);
    expect(nothing.body.error.details.fields.map((f: any) => f.field)).toContain("seatId");
    const badSeat = await invite({ email: "c@example.org", name: "C", seatId: "ms-atlantis", seatRole: "delegate" });
    expect(badSeat.status).toBe(400);
    expect(badSeat.body.error.details.fields[0].field).toBe("seatId");
    const existing = await invite({ email: DEMO_ACCOUNTS.chair, name: "Chair Again", officerRole: "chair" });
    expect(existing.status).toBe(409);
    const weakPassword = await new Agent().json(`/api/invitations/by-token/${"y".repeat(43)}/accept`, { json: { name: "P", password: "short" } });
    expect(weakPassword.status).toBe(400);
    expect(weakPassword.body.error.details.fields[0].field).toBe("password");
  });
});

describe("password reset", () => {
  it("mails a single-use link that sets a new password and revokes other sessions", async () => {
    const oldSession = await signIn(DEMO_ACCOUNTS.nonState);
    const res = await new Agent().json("/api/auth/password-reset", { json: { email: DEMO_ACCOUNTS.nonState } });
    expect(res.status).toBe(202);
    const token = linkIn((await lastMailTo(DEMO_ACCOUNTS.nonState))!.body_text, "/reset-password");

    const agent = new Agent();
    const done = await agent.json("/api/auth/password-reset/confirm", { json: { token, password: "a-brand-new-password" } });
    expect(done.status).toBe(200);
    expect((await agent.json("/api/me")).body.user.email).toBe(DEMO_ACCOUNTS.nonState);
    expect((await oldSession.json("/api/me")).body.user).toBeNull();
    await signIn(DEMO_ACCOUNTS.nonState, "a-brand-new-password");

    const reuse = await new Agent().json("/api/auth/password-reset/confirm", { json: { token, password: "yet-another-password" } });
    expect(reuse.status).toBe(410);
    expect((await auditRows("auth.password_reset")).length).toBe(1);
  });

  it("two uses of one link at the same moment: one new password, one session, one audit row", async () => {
    await new Agent().fetch("/api/auth/password-reset", { json: { email: "head.japan@plenary.test" } });
    const token = linkIn((await lastMailTo("head.japan@plenary.test"))!.body_text, "/reset-password");
    const before = (await auditRows("auth.password_reset")).length;
    const userId = (await env.DB.prepare("SELECT id FROM users WHERE email = ?1").bind("head.japan@plenary.test").first<{ id: string }>())!.id;
    // The second use arrives after the first read the link and before it wrote.
    const racing = raceBefore(/update "password_resets"/i, async () => {
      expect((await new Agent().fetch("/api/auth/password-reset/confirm", { json: { token, password: "the-first-password" } })).status).toBe(200);
    });
    const loser = await via(new Agent(), racing, "/api/auth/password-reset/confirm", { json: { token, password: "the-second-password" } });
    expect(loser.status).toBe(410);
    expect((await auditRows("auth.password_reset")).length).toBe(before + 1);
    expect(await env.DB.prepare("SELECT count(*) AS n FROM sessions WHERE user_id = ?1").bind(userId).first<{ n: number }>()).toEqual({ n: 1 });
    await signIn("head.japan@plenary.test", "the-first-password");
  });

  it("answers 202 for unknown addresses too, and sends nothing", async () => {
    const res = await new Agent().json("/api/auth/password-reset", { json: { email: "nobody@example.org" } });
    expect(res.status).toBe(202);
    expect(await lastMailTo("nobody@example.org")).toBeNull();
  });

  it("an expired reset link answers 410", async () => {
    await new Agent().fetch("/api/auth/password-reset", { json: { email: DEMO_ACCOUNTS.viceChair } });
    const token = linkIn((await lastMailTo(DEMO_ACCOUNTS.viceChair))!.body_text, "/reset-password");
    await env.DB.prepare("UPDATE password_resets SET expires_at = '2020-01-01T00:00:00.000Z'").run();
    const res = await new Agent().json("/api/auth/password-reset/confirm", { json: { token, password: "a-brand-new-password" } });
    expect(res.status).toBe(410);
  });
});
