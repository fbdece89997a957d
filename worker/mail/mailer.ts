// The one way Plenary sends mail. Every message is kept in the D1 outbox, readable by the
// secretariat; with MAIL_TRANSPORT=cloudflare it is also sent through the send_email binding.
// Sign-in links (a mail's `secrets`) reach only the recipient: the outbox keeps the text with
// them removed, and the whole text only until it is sent (or, with DEV_MAILBOX, for /api/dev/mail).
import { EmailMessage } from "cloudflare:email";
import { and, asc, eq, type SQL, sql } from "drizzle-orm";
import { newId } from "../auth/crypto";
import { outbox, seats, users } from "../db/schema";
import type { Bindings, Db } from "../env";

export type Mail = {
  to: string;
  subject: string;
  text: string;
  kind: string;
  /** Parts of `text` that let the recipient in (invitation and reset links): sent, never shown. */
  secrets?: string[];
};

export const REDACTED_LINK = "[link removed: only the recipient receives it]";

export const redact = (mail: Mail) => (mail.secrets ?? []).reduce((text, secret) => text.split(secret).join(REDACTED_LINK), mail.text);

/**
 * The outbox insert, to batch with the change that caused the mail. A row is sent only
 * through the transport it was queued for (`transport`), so switching MAIL_TRANSPORT never
 * sends the mail stored before.
 */
export function queueMail(db: Db, env: Bindings, mail: Mail) {
  const id = newId();
  const shown = redact(mail);
  // The whole text is needed only by a transport that will send it, or by the development mailbox.
  const keepWhole = shown !== mail.text && (env.MAIL_TRANSPORT !== "outbox" || env.DEV_MAILBOX === "on");
  const statement = db.insert(outbox).values({
    id,
    toAddress: mail.to,
    subject: mail.subject,
    bodyText: shown,
    fullText: keepWhole ? mail.text : null,
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
        fullText: sql<null>`NULL`.as("full_text"),
      })
      .from(users)
      .leftJoin(seats, eq(seats.id, users.seatId))
      .where(and(eq(users.active, true), where)),
  );
}

/**
 * Sends one stored message through Cloudflare. Claiming it first (stored → sent)
 * means the immediate send and the cron sweep never both send it; the claim also
 * drops the whole text, so no usable link stays in D1 once it is on its way.
 */
async function deliver(db: Db, env: Bindings, id: string, mail: Mail) {
  if (env.MAIL_TRANSPORT !== "cloudflare" || !env.SEND_EMAIL) return;
  const claimed = await db
    .update(outbox)
    .set({ status: "sent", fullText: null })
    .where(and(eq(outbox.id, id), eq(outbox.status, "stored"), eq(outbox.transport, env.MAIL_TRANSPORT)))
    .returning({ id: outbox.id });
  if (claimed.length === 0) return;
  try {
    await env.SEND_EMAIL.send(new EmailMessage(env.MAIL_FROM, mail.to, toMime(env.MAIL_FROM, mail, id)));
  } catch (err) {
    await db.update(outbox).set({ status: "failed", error: String(err) }).where(eq(outbox.id, id));
  }
}

/**
 * Run by the cron: sends what was queued in bulk (announcements, reminders) or missed,
 * oldest first. Only mail queued for the active transport: the history kept while mail
 * stayed in the outbox is never sent.
 */
export async function deliverStored(db: Db, env: Bindings, limit = 100) {
  if (env.MAIL_TRANSPORT !== "cloudflare" || !env.SEND_EMAIL) return 0;
  const rows = await db
    .select({ id: outbox.id, to: outbox.toAddress, subject: outbox.subject, text: sql<string>`coalesce(${outbox.fullText}, ${outbox.bodyText})`, kind: outbox.kind })
    .from(outbox)
    .where(and(eq(outbox.status, "stored"), eq(outbox.transport, env.MAIL_TRANSPORT)))
    .orderBy(asc(outbox.createdAt))
    .limit(limit);
  for (const r of rows) await deliver(db, env, r.id, r);
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
