import { describe, expect, it } from "vitest";
import { Agent, DEMO_ACCOUNTS, DEMO_PASSWORD, auditRows, env, lastMailTo, linkIn, signIn } from "./helpers";

describe("sign-in", () => {
  it("signs in with the right password and sets a __Host- session cookie", async () => {
    const agent = new Agent();
    const res = await agent.fetch("/api/auth/login", { json: { email: DEMO_ACCOUNTS.head, password: DEMO_PASSWORD } });
    expect(res.status).toBe(200);
    const cookie = res.headers.get("set-cookie")!;
    expect(cookie).toMatch(/^__Host-plenary_session=[A-Za-z0-9_-]{40,};/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/Secure/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).toMatch(/Path=\//);
    const me = await agent.json("/api/me");
    expect(me.body.user.email).toBe(DEMO_ACCOUNTS.head);
    expect(me.body.user.seat).toMatchObject({ id: "ms-brazil", name: "Brazil", kind: "member_state" });
    expect(me.body.user.seatRole).toBe("head");
  });

  it("stores only a hash of the session token", async () => {
    const agent = await signIn(DEMO_ACCOUNTS.delegate);
    const token = agent.cookie.split("=")[1]!;
    const { n } = (await env.DB.prepare("SELECT count(*) AS n FROM sessions WHERE id = ?1").bind(token).first<{ n: number }>())!;
    expect(n).toBe(0);
  });

  it("answers a wrong password and an unknown account alike, with 401", async () => {
    const wrong = await new Agent().json("/api/auth/login", { json: { email: DEMO_ACCOUNTS.chair, password: "not-the-password" } });
    const unknown = await new Agent().json("/api/auth/login", { json: { email: "nobody@plenary.test", password: "not-the-password" } });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body).toEqual(unknown.body);
    expect(wrong.body.error.message).toBe("The email or password is not correct.");
  });

  it("names each bad or unknown field with 400", async () => {
    const res = await new Agent().json("/api/auth/login", { json: { email: "not-an-email", password: 5, extra: true } });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("invalid_input");
    const fields = res.body.error.details.fields.map((f: { field: string }) => f.field).sort();
    expect(fields).toEqual(["email", "extra", "password"]);
  });

  it("answers malformed JSON with 400, not 500", async () => {
    const res = await new Agent().fetch("/api/auth/login", { method: "POST", body: "{oops", headers: { "content-type": "application/json" } });
    expect(res.status).toBe(400);
    expect(((await res.json()) as any).error.code).toBe("invalid_input");
  });

  it("logout revokes the session on the server", async () => {
    const agent = await signIn(DEMO_ACCOUNTS.observer);
    const stolen = agent.cookie;
    expect((await agent.fetch("/api/auth/logout", { method: "POST" })).status).toBe(204);
    const replay = new Agent();
    replay.cookie = stolen;
    expect((await replay.json("/api/me")).body.user).toBeNull();
    expect((await auditRows("auth.logout")).length).toBeGreaterThan(0);
  });

  it("an expired session is anonymous", async () => {
    const agent = await signIn(DEMO_ACCOUNTS.viceChair);
    await env.DB.prepare("UPDATE sessions SET expires_at = '2000-01-01T00:00:00.000Z'").run();
    expect((await agent.json("/api/me")).body.user).toBeNull();
  });
});

describe("rate limiting", () => {
  const login = (email: string, password: string, address: string) =>
    new Agent().fetch("/api/auth/login", { json: { email, password }, headers: { "cf-connecting-ip": address } });

  it("locks an account for one address after five failures, even with the right password, without revealing whether it exists", async () => {
    for (const email of [DEMO_ACCOUNTS.nonState, "ghost@plenary.test"]) {
      for (let i = 0; i < 5; i++) expect((await login(email, "wrong-password", "10.0.0.1")).status).toBe(401);
      const blocked = await login(email, DEMO_PASSWORD, "10.0.0.1");
      expect(blocked.status).toBe(429);
      expect(Number(blocked.headers.get("retry-after"))).toBeGreaterThan(0);
    }
  });

  it("limits one address trying many accounts", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 21; i++) statuses.push((await login(`probe${i}@plenary.test`, "wrong-password", "192.0.2.77")).status);
    expect(statuses.slice(0, 20).every((s) => s === 401)).toBe(true);
    expect(statuses[20]).toBe(429);
  });

  it("counts parallel attempts atomically: of twelve at once on one account, five are checked", async () => {
    const statuses = await Promise.all(Array.from({ length: 12 }, () => login("head.japan@plenary.test", "wrong-password", "198.51.100.7")));
    const codes = statuses.map((r) => r.status);
    expect(codes.filter((s) => s === 401)).toHaveLength(5);
    expect(codes.filter((s) => s === 429)).toHaveLength(7);
  });

  it("counts parallel attempts atomically: of thirty at once from one address, twenty are checked", async () => {
    const statuses = await Promise.all(Array.from({ length: 30 }, (_, i) => login(`spray${i}@plenary.test`, "wrong-password", "198.51.100.8")));
    expect(statuses.filter((r) => r.status === 401)).toHaveLength(20);
  });

  it("strangers' bad guesses from their address do not lock the owner out of their own", async () => {
    const owner = "head.india@plenary.test";
    for (let i = 0; i < 6; i++) await login(owner, "a-guess", "203.0.113.66");
    expect((await login(owner, DEMO_PASSWORD, "203.0.113.66")).status).toBe(429);
    expect((await login(owner, DEMO_PASSWORD, "192.0.2.10")).status).toBe(200);
  });

  it("successful sign-ins from a shared address (a delegation's office) do not use up its limit", async () => {
    for (let i = 0; i < 22; i++) expect((await login(DEMO_ACCOUNTS.cofacilitator, DEMO_PASSWORD, "192.0.2.200")).status).toBe(200);
  });

  it("guesses from many addresses lock the account everywhere, and a password reset lifts the lock", async () => {
    const owner = "head.chile@plenary.test";
    await Promise.all(Array.from({ length: 30 }, (_, i) => login(owner, "a-guess", `100.64.0.${i}`)));
    expect((await login(owner, DEMO_PASSWORD, "192.0.2.11")).status).toBe(429);

    await new Agent().fetch("/api/auth/password-reset", { json: { email: owner }, headers: { "cf-connecting-ip": "192.0.2.11" } });
    const token = linkIn((await lastMailTo(owner))!.body_text, "/reset-password");
    expect((await new Agent().fetch("/api/auth/password-reset/confirm", { json: { token, password: "a-fresh-long-password" } })).status).toBe(200);
    expect((await login(owner, "a-fresh-long-password", "192.0.2.11")).status).toBe(200);
  });
});

describe("password reset tokens", () => {
  it("a successful reset revokes the account's other reset links", async () => {
    const email = "head.france@plenary.test";
    await new Agent().fetch("/api/auth/password-reset", { json: { email } });
    const first = linkIn((await lastMailTo(email))!.body_text, "/reset-password");
    await new Agent().fetch("/api/auth/password-reset", { json: { email } });
    const second = linkIn((await lastMailTo(email))!.body_text, "/reset-password");
    expect(second).not.toBe(first);
    expect((await new Agent().fetch("/api/auth/password-reset/confirm", { json: { token: second, password: "the-password-i-chose" } })).status).toBe(200);
    const stale = await new Agent().json("/api/auth/password-reset/confirm", { json: { token: first, password: "someone-elses-choice" } });
    expect(stale.status).toBe(410);
    await signIn(email, "the-password-i-chose");
  });
});
