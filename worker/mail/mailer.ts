// The one way Plenary sends mail. Every message is kept in the D1 outbox
// (the local "mailbox", readable by the secretariat); with
// MAIL_TRANSPORT=cloudflare it is also sent through the send_email binding.
import { EmailMessage } from "cloudflare:email";
import { and, eq, type SQL, sql } from "drizzle-orm";
import { newId } from "../auth/crypto";
import { outbox, seats, users } from "../db/schema";
import type { Bindings, Db } from "../env";

export type Mail = { to: string; subject: string; text: string; kind: string };

/** The outbox insert, to batch with the change that caused the mail. */
export function queueMail(db: Db, env: Bindings, mail: Mail) {
  const id = newId();
  const statement = db.insert(outbox).values({
    id,
    toAddress: mail.to,
    subject: mail.subject,
    bodyText: mail.text,
    kind: mail.kind,
    transport: env.MAIL_TRANSPORT,
    status: "stored",
    createdAt: new Date().toISOString(),
  });
  return { id, statement, deliver: () => deliver(db, env, id, mail) };
}

export type Letter = { subject: string; text: string; kind: string };

/**
 * Queue one letter to every active person matching `where` (over users and their seat),
 * as a single INSERT ... SELECT: it joins the batch of the change that causes it, and
 * costs one statement whether it reaches three people or three thousand. The cron
 * sweep sends it when MAIL_TRANSPORT=cloudflare.
 */
export function mailPeople(db: Db, env: Bindings, letter: Letter, where: SQL) {
  const now = new Date().toISOString();
  return db.insert(outbox).select(
    db
      .select({
        id: sql<string>`lower(hex(randomblob(16)))`.as("id"),
        toAddress: sql<string>`${users.email}`.as("to_address"),
        subject: sql<string>`${letter.subject}`.as("subject"),
        bodyText: sql<string>`${letter.text}`.as("body_text"),
        kind: sql<string>`${letter.kind}`.as("kind"),
        transport: sql<string>`${env.MAIL_TRANSPORT}`.as("transport"),
        status: sql<"stored">`'stored'`.as("status"),
        error: sql<null>`NULL`.as("error"),
        createdAt: sql<string>`${now}`.as("created_at"),
      })
      .from(users)
      .leftJoin(seats, eq(seats.id, users.seatId))
      .where(and(eq(users.active, true), where)),
  );
}

/**
 * Sends one stored message through Cloudflare. Claiming it first (stored → sent)
 * means the immediate send and the cron sweep never both send it.
 */
async function deliver(db: Db, env: Bindings, id: string, mail: Mail) {
  if (env.MAIL_TRANSPORT !== "cloudflare" || !env.SEND_EMAIL) return;
  const claimed = await db.update(outbox).set({ status: "sent" }).where(and(eq(outbox.id, id), eq(outbox.status, "stored"))).returning({ id: outbox.id });
  if (claimed.length === 0) return;
  try {
    await env.SEND_EMAIL.send(new EmailMessage(env.MAIL_FROM, mail.to, toMime(env.MAIL_FROM, mail, id)));
  } catch (err) {
    await db.update(outbox).set({ status: "failed", error: String(err) }).where(eq(outbox.id, id));
  }
}

/** Run by the cron: sends what was queued in bulk (announcements, reminders) or missed. */
export async function deliverStored(db: Db, env: Bindings, limit = 100) {
  if (env.MAIL_TRANSPORT !== "cloudflare" || !env.SEND_EMAIL) return 0;
  const rows = await db.select().from(outbox).where(eq(outbox.status, "stored")).limit(limit);
  for (const r of rows) await deliver(db, env, r.id, { to: r.toAddress, subject: r.subject, text: r.bodyText, kind: r.kind });
  return rows.length;
}

const b64 = (s: string) => btoa(String.fromCharCode(...new TextEncoder().encode(s)));

export function toMime(from: string, mail: Mail, id: string): string {
  const domain = from.split("@")[1] ?? "localhost";
  const body = b64(mail.text).replace(/.{76}/g, "$&\r\n");
  return [
    `From: Plenary <${from}>`,
    `To: ${mail.to}`,
    `Subject: =?UTF-8?B?${b64(mail.subject)}?=`,
    `Message-ID: <${id}@${domain}>`,
    `Date: ${new Date().toUTCString()}`,
    "MIME-Version: 1.0",
    "Content-Type: text/plain; charset=UTF-8",
    "Content-Transfer-Encoding: base64",
    "",
    body,
  ].join("\r\n");
}
