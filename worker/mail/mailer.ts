// The one way Plenary sends mail. Every message is kept in the D1 outbox
// (the local "mailbox", readable by the secretariat); with
// MAIL_TRANSPORT=cloudflare it is also sent through the send_email binding.
import { EmailMessage } from "cloudflare:email";
import { eq } from "drizzle-orm";
import { newId } from "../auth/crypto";
import { outbox } from "../db/schema";
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

async function deliver(db: Db, env: Bindings, id: string, mail: Mail) {
  if (env.MAIL_TRANSPORT !== "cloudflare" || !env.SEND_EMAIL) return;
  try {
    await env.SEND_EMAIL.send(new EmailMessage(env.MAIL_FROM, mail.to, toMime(env.MAIL_FROM, mail, id)));
    await db.update(outbox).set({ status: "sent" }).where(eq(outbox.id, id));
  } catch (err) {
    await db.update(outbox).set({ status: "failed", error: String(err) }).where(eq(outbox.id, id));
  }
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
