import { describe, expect, it } from "vitest";
import { Agent, DEMO_ACCOUNTS, DEMO_PASSWORD, auditRows, env, signIn } from "./helpers";

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
  it("locks an account after five failures, even with the right password, without revealing whether it exists", async () => {
    for (const email of [DEMO_ACCOUNTS.nonState, "ghost@plenary.test"]) {
      for (let i = 0; i < 5; i++) {
        const res = await new Agent().fetch("/api/auth/login", {
          json: { email, password: "wrong-password" },
          headers: { "cf-connecting-ip": `10.0.0.${i}` },
        });
        expect(res.status).toBe(401);
      }
      const blocked = await new Agent().fetch("/api/auth/login", {
        json: { email, password: DEMO_PASSWORD },
        headers: { "cf-connecting-ip": "10.0.1.1" },
      });
      expect(blocked.status).toBe(429);
      expect(Number(blocked.headers.get("retry-after"))).toBeGreaterThan(0);
    }
  });

  it("limits one address trying many accounts", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 21; i++) {
      const res = await new Agent().fetch("/api/auth/login", {
        json: { email: `probe${i}@plenary.test`, password: "wrong-password" },
        headers: { "cf-connecting-ip": "192.0.2.77" },
      });
      statuses.push(res.status);
    }
    expect(statuses.slice(0, 20).every((s) => s === 401)).toBe(true);
    expect(statuses[20]).toBe(429);
  });
});
