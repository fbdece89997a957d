// Links Plenary hands out (mailed reset and invitation links, calendar feeds) point at the
// configured PUBLIC_ORIGIN, never at whatever Host a request claims.
import { exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { DEMO_ACCOUNTS, env, lastMailTo, signIn } from "./helpers";

const FORGED = "https://evil.example";

/** A request as an attacker would send it: forged Host, with an Origin to match so it passes the origin check. */
async function forged(path: string, init: { json?: unknown; cookie?: string } = {}) {
  const headers = new Headers({ origin: FORGED });
  if (init.cookie) headers.set("cookie", init.cookie);
  if (init.json !== undefined) headers.set("content-type", "application/json");
  return exports.default.fetch(
    new Request(`${FORGED}${path}`, { method: init.json !== undefined ? "POST" : "GET", headers, body: init.json !== undefined ? JSON.stringify(init.json) : undefined }),
  );
}

describe("links use the configured origin, not the Host header", () => {
  it("the configured origin is a real origin", () => {
    expect(new URL(env.PUBLIC_ORIGIN).origin).toBe(env.PUBLIC_ORIGIN);
    expect(env.PUBLIC_ORIGIN).not.toContain("evil.example");
  });

  it("a reset requested through a forged Host mails a link to the configured origin", async () => {
    expect((await forged("/api/auth/password-reset", { json: { email: DEMO_ACCOUNTS.chair } })).status).toBe(202);
    const mail = await lastMailTo(DEMO_ACCOUNTS.chair);
    expect(mail!.body_text).toContain(`${env.PUBLIC_ORIGIN}/reset-password/`);
    expect(mail!.body_text).not.toContain("evil.example");
  });

  it("an invitation sent through a forged Host links to the configured origin", async () => {
    const sec = await signIn(DEMO_ACCOUNTS.secretariat);
    const res = await forged("/api/invitations", { cookie: sec.cookie, json: { email: "host.check@example.org", name: "Host Check", officerRole: "vice_chair" } });
    expect(res.status).toBe(201);
    const mail = await lastMailTo("host.check@example.org");
    expect(mail!.body_text).toContain(`${env.PUBLIC_ORIGIN}/invitations/`);
    expect(mail!.body_text).not.toContain("evil.example");
  });

  it("a personal calendar feed created through a forged Host has the configured origin", async () => {
    const head = await signIn(DEMO_ACCOUNTS.head);
    const res = await forged("/api/me/calendar-feed", { cookie: head.cookie, json: {} });
    expect(res.status).toBe(201);
    const { url } = (await res.json()) as { url: string };
    expect(url.startsWith(`${env.PUBLIC_ORIGIN}/api/calendar/`)).toBe(true);
  });

  it("the public calendar feed links its meetings to the configured origin", async () => {
    const text = await (await forged("/api/meetings.ics")).text();
    expect(text).toMatch(/^BEGIN:VCALENDAR/);
    expect(text).toContain(`URL:${env.PUBLIC_ORIGIN}/meetings/`);
    expect(text).not.toContain("evil.example");
  });

  it("the published reports' Atom feed links to the configured origin", async () => {
    const res = await forged("/published/feed.atom");
    expect(res.status).toBe(200);
    const xml = await res.text();
    expect(xml).toContain(`${env.PUBLIC_ORIGIN}/published`);
    expect(xml).not.toContain("evil.example");
  });
});
