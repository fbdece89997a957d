import type { DrizzleD1Database } from "drizzle-orm/d1";
import type * as schema from "./db/schema";
import type { Actor } from "./policy";

export type Bindings = {
  DB: D1Database;
  ASSETS: Fetcher;
  MATERIALS: R2Bucket;
  MAIL_TRANSPORT: "outbox" | "cloudflare";
  MAIL_FROM: string;
  SEND_EMAIL?: SendEmail;
  /** Where links Plenary hands out point: mailed links, calendar feeds. */
  PUBLIC_ORIGIN: string;
  /** "on" only in local development and tests (passed on the command line, never in wrangler.toml): keeps mail unredacted for /api/dev/mail. */
  DEV_MAILBOX?: string;
};

/**
 * The origin of every link Plenary builds. Taken from configuration, never from the
 * request: a forged Host header must not put an attacker's site in a reset mail or a feed.
 */
export const publicOrigin = (env: Pick<Bindings, "PUBLIC_ORIGIN">) => new URL(env.PUBLIC_ORIGIN).origin;

export type Db = DrizzleD1Database<typeof schema>;

export type AppEnv = {
  Bindings: Bindings;
  Variables: {
    db: Db;
    actor: Actor;
    sessionId: string | null;
    requestId: string;
  };
};
