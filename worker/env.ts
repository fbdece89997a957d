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
};

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
