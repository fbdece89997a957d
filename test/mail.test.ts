// Mail that carries a sign-in link (invitations, password resets) reaches its recipient and
// nobody else: the outbox keeps it with the link removed. Switching MAIL_TRANSPORT sends only
// what is queued from then on, never the stored history.
import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { drizzle } from "drizzle-orm/d1";
import { describe, expect, it } from "vitest";
import * as schema from "../worker/db/schema";
import { app } from "../worker/index";
import { deliverStored } from "../worker/mail/mailer";
import { DEMO_ACCOUNTS, ORIGIN, env, lastMailTo, linkIn, signIn } from "./helpers";

type Sent = { to: string; text: string };

/** A stand-in for Cloudflare's send_email binding that keeps each message's decoded text. */
function cloudflareEnv(sent: Sent[]) {
  const send = async (m: { to: string } & Record<string, unknown>) => {
    const raw = String(m["EmailMessage::raw"] ?? "");
    const body = raw.split("\r\n\r\n").slice(1).join("").replace(/\r\n/g, "");
    sent.push({ to: m.to, text: new TextDecoder().decode(Uint8Array.from(atob(body), (ch) => ch.charCodeAt(0))) });
  };
  return { ...env, MAIL_TRANSPORT: "cloudflare" as const, DEV_MAILBOX: undefined, SEND_EMAIL: { send } as unknown as SendEmail };
}

/** One request through the app with another environment, waiting for its background work (the immediate send). */
async function call(e: typeof env, path: string, init: { json?: unknown; cookie?: string } = {}) {
  const headers = new Headers({ origin: ORIGIN });
  if (init.cookie) headers.set("cookie", init.cookie);
  if (init.json !== undefined) headers.set("content-type", "application/json");
  const ctx = createExecutionContext();
  const req = new Request(`${ORIGIN}${path}`, { method: init.json !== undefined ? "POST" : "GET", headers, body: init.json !== undefined ? JSON.stringify(init.json) : undefined });
  const res = await app.fetch(req, e, ctx);
  await waitOnExecutionContext(ctx);
  return res;
}

const rowsTo = async (to: string) =>
  (await env.DB.prepare("SELECT * FROM outbox WHERE to_address = ?1").bind(to).all<Record<string, unknown>>()).results;

describe("mail with sign-in links", () => {
  it("the outbox API shows invitation and reset mail with the link removed, never the token", async () => {
    const sec = await signIn(DEMO_ACCOUNTS.secretariat);
    expect((await sec.fetch("/api/invitations", { json: { email: "redact.me@example.org", name: "Redact Me", officerRole: "vice_chair" } })).status).toBe(201);
    expect((await sec.fetch("/api/auth/password-reset", { json: { email: DEMO_ACCOUNTS.chair } })).status).toBe(202);
    // The tests' mail sink (DEV_MAILBOX) still has the live links.
    const invitationToken = linkIn((await lastMailTo("redact.me@example.org"))!.body_text, "/invitations");
    const resetToken = linkIn((await lastMailTo(DEMO_ACCOUNTS.chair))!.body_text, "/reset-password");

    const res = await sec.fetch("/api/admin/outbox?limit=50");
    const raw = await res.text();
    expect(res.status).toBe(200);
    expect(raw).not.toContain(invitationToken);
    expect(raw).not.toContain(resetToken);
    const { messages } = JSON.parse(raw) as { messages: { toAddress: string; kind: string; bodyText: string }[] };
    const invitation = messages.find((m) => m.toAddress === "redact.me@example.org")!;
    const reset = messages.find((m) => m.toAddress === DEMO_ACCOUNTS.chair && m.kind === "password_reset")!;
    for (const m of [invitation, reset]) {
      expect(m.bodyText).toContain("[link removed");
      expect(m.bodyText).not.toMatch(/\/(invitations|reset-password)\/[A-Za-z0-9_-]{20,}/);
      expect(Object.keys(m)).not.toContain("fullText");
    }
    // The links still work for their recipients.
    expect((await sec.fetch(`/api/invitations/by-token/${invitationToken}`)).status).toBe(200);
  });

  it("with real delivery, the recipient gets the live link and, once sent, no usable token is left in D1", async () => {
    const sent: Sent[] = [];
    const e = cloudflareEnv(sent);
    expect((await call(e, "/api/auth/password-reset", { json: { email: DEMO_ACCOUNTS.observer } })).status).toBe(202);
    const mine = sent.filter((m) => m.to === DEMO_ACCOUNTS.observer);
    expect(mine).toHaveLength(1);
    const token = linkIn(mine[0]!.text, "/reset-password");

    const rows = await rowsTo(DEMO_ACCOUNTS.observer);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: "sent", transport: "cloudflare" });
    expect(JSON.stringify(rows)).not.toContain(token);
    expect(String(rows[0]!.body_text)).toContain("[link removed");

    // The mailed link works.
    const done = await call(e, "/api/auth/password-reset/confirm", { json: { token, password: "a-brand-new-password" } });
    expect(done.status).toBe(200);
  });

  it("without the development mailbox, a link queued in the outbox is never kept in D1", async () => {
    const production = { ...env, DEV_MAILBOX: undefined };
    expect((await call(production, "/api/auth/password-reset", { json: { email: DEMO_ACCOUNTS.viceChair } })).status).toBe(202);
    const rows = await rowsTo(DEMO_ACCOUNTS.viceChair);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.status).toBe("stored");
    expect(JSON.stringify(rows)).not.toMatch(/\/reset-password\/[A-Za-z0-9_-]{20,}/);
    // And the development mailbox does not exist.
    expect((await call(production, "/api/dev/mail")).status).toBe(404);
  });

  it("the development mailbox (DEV_MAILBOX=on) shows the whole message, links included", async () => {
    await call(env, "/api/auth/password-reset", { json: { email: DEMO_ACCOUNTS.delegate } });
    const res = await call(env, `/api/dev/mail?to=${encodeURIComponent(DEMO_ACCOUNTS.delegate)}`);
    expect(res.status).toBe(200);
    const { messages } = (await res.json()) as { messages: { to: string; kind: string; text: string }[] };
    expect(messages[0]).toMatchObject({ to: DEMO_ACCOUNTS.delegate, kind: "password_reset" });
    expect(messages[0]!.text).toMatch(new RegExp(`${ORIGIN}/reset-password/[A-Za-z0-9_-]{20,}`));
  });
});

describe("switching MAIL_TRANSPORT", () => {
  it("sends only mail queued for the active transport, not the stored history", async () => {
    const sec = await signIn(DEMO_ACCOUNTS.secretariat);
    // Queued while mail stayed in the outbox (local, or before real mail was set up).
    expect((await sec.fetch("/api/invitations", { json: { email: "history@example.org", name: "Old Mail", officerRole: "vice_chair" } })).status).toBe(201);

    const sent: Sent[] = [];
    const e = cloudflareEnv(sent);
    const res = await call(e, "/api/invitations", { cookie: sec.cookie, json: { email: "live@example.org", name: "New Mail", officerRole: "vice_chair" } });
    expect(res.status).toBe(201);
    // The cron's sweep right after the switch.
    const db = drizzle(env.DB, { schema });
    await deliverStored(db, e);
    await deliverStored(db, e);

    expect(sent.map((m) => m.to)).toEqual(["live@example.org"]);
    expect((await rowsTo("history@example.org"))[0]).toMatchObject({ status: "stored", transport: "outbox" });
    expect((await rowsTo("live@example.org"))[0]).toMatchObject({ status: "sent", transport: "cloudflare" });
  });

  it("the sweep sends mail queued for the active transport that the immediate send missed, exactly once", async () => {
    const sent: Sent[] = [];
    const e = cloudflareEnv(sent);
    // Queued for Cloudflare, but its immediate send never ran (say, the isolate was recycled).
    const broken = { ...e, SEND_EMAIL: undefined };
    await call(broken, "/api/auth/password-reset", { json: { email: DEMO_ACCOUNTS.nonState } });
    expect((await rowsTo(DEMO_ACCOUNTS.nonState))[0]).toMatchObject({ status: "stored", transport: "cloudflare" });
    const db = drizzle(env.DB, { schema });
    expect(await deliverStored(db, e)).toBeGreaterThan(0);
    await deliverStored(db, e);
    const mine = sent.filter((m) => m.to === DEMO_ACCOUNTS.nonState);
    expect(mine).toHaveLength(1);
    expect(mine[0]!.text).toMatch(/\/reset-password\/[A-Za-z0-9_-]{20,}/);
    const rows = await rowsTo(DEMO_ACCOUNTS.nonState);
    expect(rows[0]!.status).toBe("sent");
    expect(JSON.stringify(rows)).not.toMatch(/\/reset-password\/[A-Za-z0-9_-]{20,}/);
  });
});
