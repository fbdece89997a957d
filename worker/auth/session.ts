import type { SQL } from "drizzle-orm";
import type { Context, MiddlewareHandler } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { sessions } from "../db/schema";
import { insertIf } from "../db/insert-if";
import type { AppEnv, Db } from "../env";
import { ANONYMOUS, type Actor } from "../policy";
import { newToken, sha256Hex } from "./crypto";

// `__Host-` pins the cookie to this origin: Secure, Path=/, no Domain.
const COOKIE_NAME = "plenary_session";
export const SESSION_COOKIE = `__Host-${COOKIE_NAME}`;
export const SESSION_DAYS = 14;

type ActorRow = {
  id: string;
  name: string;
  email: string;
  seat_id: string | null;
  seat_role: "head" | "delegate" | null;
  officer_role: "chair" | "vice_chair" | "secretariat" | null;
  locale: string;
  time_zone: string;
  seat_kind: "member_state" | "non_state" | "observer" | null;
  seat_name: string | null;
  tracks: string | null;
};

// One round trip: session, person, seat kind and facilitated tracks.
const ACTOR_SQL = `
SELECT u.id, u.name, u.email, u.seat_id, u.seat_role, u.officer_role, u.locale, u.time_zone,
       st.kind AS seat_kind, st.name AS seat_name,
       (SELECT group_concat(tf.track_id) FROM track_facilitators tf WHERE tf.user_id = u.id) AS tracks
FROM sessions s
JOIN users u ON u.id = s.user_id
LEFT JOIN seats st ON st.id = u.seat_id
WHERE s.id = ?1 AND s.expires_at > ?2 AND u.active = 1`;

export async function loadActor(d1: D1Database, sessionId: string): Promise<Actor> {
  const row = await d1.prepare(ACTOR_SQL).bind(sessionId, new Date().toISOString()).first<ActorRow>();
  if (!row) return ANONYMOUS;
  return {
    kind: "user",
    userId: row.id,
    name: row.name,
    email: row.email,
    seatId: row.seat_id,
    seatKind: row.seat_kind,
    seatName: row.seat_name,
    seatRole: row.seat_role,
    officerRole: row.officer_role,
    facilitatedTrackIds: row.tracks ? row.tracks.split(",").map(Number) : [],
    locale: row.locale,
    timeZone: row.time_zone,
  };
}

/** Resolves the cookie to an actor; anything invalid or expired is anonymous. */
export const sessionMiddleware: MiddlewareHandler<AppEnv> = async (c, next) => {
  const token = getCookie(c, COOKIE_NAME, "host");
  c.set("actor", ANONYMOUS);
  c.set("sessionId", null);
  if (token && token.length < 100) {
    const id = await sha256Hex(token);
    const actor = await loadActor(c.env.DB, id);
    c.set("actor", actor);
    if (actor.kind === "user") c.set("sessionId", id);
  }
  await next();
};

/** A new session: the insert to batch with the rest of the change, and the cookie value. */
/** A new session's token and its insert; with `onlyIf`, the row is written only if that holds in the batch. */
export async function newSession(db: Db, userId: string, onlyIf?: SQL) {
  const token = newToken();
  const now = new Date();
  const expires = new Date(now.getTime() + SESSION_DAYS * 86_400_000);
  const row = { id: await sha256Hex(token), userId, createdAt: now.toISOString(), expiresAt: expires.toISOString() };
  const statement = onlyIf ? insertIf(db, sessions, row, onlyIf) : db.insert(sessions).values(row);
  return { token, expires, statement };
}

export function setSessionCookie(c: Context, token: string, expires: Date) {
  setCookie(c, COOKIE_NAME, token, {
    path: "/",
    secure: true,
    httpOnly: true,
    sameSite: "Lax",
    expires,
    prefix: "host",
  });
}

export function clearSessionCookie(c: Context) {
  deleteCookie(c, COOKIE_NAME, { path: "/", secure: true, prefix: "host" });
}
