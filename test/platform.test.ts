// Cross-cutting behaviour: headers, origin checks, limits, error shape,
// OpenAPI completeness and the scheduled housekeeping.
import { createScheduledController, createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { drizzle } from "drizzle-orm/d1";
import * as schema from "../worker/db/schema";
import worker, { app } from "../worker/index";
import { deliverStored } from "../worker/mail/mailer";
import { Agent, DEMO_ACCOUNTS, env, signIn } from "./helpers";

describe("platform", () => {
  it("health answers with a request id and security headers", async () => {
    const res = await new Agent().fetch("/api/health");
    expect(res.status).toBe(200);
    expect(res.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.headers.get("content-security-policy")).toContain("default-src 'none'");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("strict-transport-security")).toContain("max-age=");
  });

  it("refuses mutations from another origin", async () => {
    const agent = await signIn(DEMO_ACCOUNTS.secretariat);
    const res = await agent.json("/api/me", { method: "PATCH", json: { locale: "fr" }, headers: { origin: "https://evil.example" } });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe("cross_origin");
    const site = await agent.fetch("/api/auth/logout", { method: "POST", headers: { "sec-fetch-site": "cross-site" } });
    expect(site.status).toBe(403);
    expect((await agent.json("/api/me")).body.user.locale).toBe("en");
  });

  it("refuses bodies over 1 MB with 413", async () => {
    const res = await new Agent().json("/api/auth/login", { json: { email: "a@b.co", password: "x".repeat(1_100_000) } });
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe("payload_too_large");
  });

  it("answers unknown API routes with the JSON error shape", async () => {
    const res = await new Agent().json("/api/nowhere");
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ error: { code: "not_found", message: "No API route for GET /api/nowhere." } });
  });

  it("never answers 500 to junk: wrong types, arrays, nulls and odd ids", async () => {
    const sec = await signIn(DEMO_ACCOUNTS.secretariat);
    const probes: [string, RequestInit & { json?: unknown }][] = [
      ["/api/auth/login", { json: [] }],
      ["/api/auth/login", { json: null }],
      ["/api/auth/login", { method: "POST", body: "email=a", headers: { "content-type": "application/x-www-form-urlencoded" } }],
      ["/api/invitations", { json: { email: 1, name: {}, seatId: [], seatRole: "king" } }],
      ["/api/admin/users/not-a-uuid/roles", { method: "PATCH", json: {} }],
      ["/api/admin/users?status=maybe", {}],
      ["/api/tracks/NOT%20A%20SLUG", {}],
      ["/api/invitations/by-token/short", {}],
      ["/api/me", { method: "PATCH", json: { name: "" } }],
    ];
    for (const [path, init] of probes) {
      const res = await sec.fetch(path, init);
      expect(res.status, path).toBeGreaterThanOrEqual(400);
      expect(res.status, path).toBeLessThan(500);
      expect(((await res.json()) as any).error.code, path).toBeTypeOf("string");
    }
  });

  it("describes every API route in OpenAPI 3.1", async () => {
    const spec = (await (await new Agent().fetch("/api/openapi.json")).json()) as any;
    expect(spec.openapi).toBe("3.1.0");
    const routes = app.routes.filter((r) => r.path.startsWith("/api/") && r.method !== "ALL" && r.path !== "/api/openapi.json");
    expect(routes.length).toBeGreaterThan(15);
    for (const r of routes) {
      const path = r.path.replace(/:(\w+)/g, "{$1}").replace(/\/$/, "");
      expect(spec.paths[path]?.[r.method.toLowerCase()], `${r.method} ${path}`).toBeDefined();
    }
    expect(spec.paths["/api/auth/login"].post.requestBody.content["application/json"].schema.required).toEqual(["email", "password"]);
  });

  it("the scheduled handler drops expired sessions", async () => {
    await signIn(DEMO_ACCOUNTS.chair);
    await env.DB.prepare("UPDATE sessions SET expires_at = '2000-01-01T00:00:00.000Z'").run();
    const ctx = createExecutionContext();
    await worker.scheduled(createScheduledController({ cron: "* * * * *", scheduledTime: Date.UTC(2026, 10, 27, 10, 17) }), env, ctx);
    await waitOnExecutionContext(ctx);
    const { n } = (await env.DB.prepare("SELECT count(*) AS n FROM sessions").first<{ n: number }>())!;
    expect(n).toBe(0);
  });

  it("with MAIL_TRANSPORT=cloudflare, stored mail goes out through the send_email binding exactly once", async () => {
    const sec = await signIn(DEMO_ACCOUNTS.secretariat);
    const sent: { from: string; to: string }[] = [];
    // Stands in for Cloudflare's binding, which does not exist outside Cloudflare.
    const cloudflare = { ...env, MAIL_TRANSPORT: "cloudflare" as const, SEND_EMAIL: { send: async (m: { from: string; to: string }) => void sent.push({ from: m.from, to: m.to }) } as unknown as SendEmail };
    // Queued for Cloudflare, with the immediate send missed (no binding at that moment): the sweep sends it.
    const ctx = createExecutionContext();
    const queued = new Request("https://plenary.test/api/invitations", {
      method: "POST",
      headers: { cookie: sec.cookie, origin: "https://plenary.test", "content-type": "application/json" },
      body: JSON.stringify({ email: "mail.test@example.org", name: "Mail Test", officerRole: "vice_chair" }),
    });
    expect((await app.fetch(queued, { ...cloudflare, SEND_EMAIL: undefined }, ctx)).status).toBe(201);
    await waitOnExecutionContext(ctx);
    const db = drizzle(env.DB, { schema });
    const first = await deliverStored(db, cloudflare);
    const second = await deliverStored(db, cloudflare);
    expect(first).toBeGreaterThan(0);
    expect(second).toBe(0);
    expect(sent.filter((m) => m.to === "mail.test@example.org")).toHaveLength(1);
    const row = await env.DB.prepare("SELECT status FROM outbox WHERE to_address = 'mail.test@example.org'").first<{ status: string }>();
    expect(row!.status).toBe("sent");
  });
});
