import { and, eq, gt, isNull } from "drizzle-orm";
import { Hono } from "hono";
import { describeRoute } from "hono-openapi";
import { emptyResponse, errors, jsonResponse } from "../openapi";
import { auditContext, writeAudited } from "../audit";
import { stamped } from "../db/guarded";
import { passwordResets, sessions, users } from "../db/schema";
import { type AppEnv, publicOrigin } from "../env";
import { ApiError, gone } from "../errors";
import { queueMail } from "../mail/mailer";
import { resetMail } from "../mail/templates";
import { toMe } from "../profile/me";
import { v } from "../validation";
import { hashPassword, newToken, sha256Hex, verifyPassword } from "./crypto";
import { clearAfterSignIn, countAttempt, loginKeys, unlockAccount } from "./rate-limit";
import { LoginBody, ResetConfirmBody, ResetRequestBody } from "./schemas";
import { clearSessionCookie, loadActor, newSession, setSessionCookie } from "./session";

const RESET_TTL_MS = 60 * 60_000;
const BAD_LOGIN = "The email or password is not correct.";

const clientAddress = (c: { req: { header(n: string): string | undefined } }) =>
  c.req.header("cf-connecting-ip") ?? "local";

export const auth = new Hono<AppEnv>()
  .post(
    "/login",
    describeRoute({ tags: ["auth"], summary: "Sign in with email and password; sets the session cookie", responses: { 200: jsonResponse("Done"), ...errors(400, 401, 429) } }),
    v("json", LoginBody),
    async (c) => {
      const { email, password } = c.req.valid("json");
      const db = c.get("db");
      const keys = loginKeys(email, clientAddress(c));
      // Counted before the password is checked, so a burst of parallel guesses cannot slip through.
      const wait = await countAttempt(c.env.DB, [keys.pair, keys.account, keys.address]);
      if (wait > 0) {
        c.header("Retry-After", String(wait));
        throw new ApiError(429, "rate_limited", "Too many sign-in attempts. Wait a few minutes, or reset your password.");
      }
      const user = await db.query.users.findFirst({ where: eq(users.email, email) });
      // The same answer, and the same hashing work, whether or not the account exists.
      const ok = (await verifyPassword(password, user?.passwordHash ?? null)) && !!user?.active;
      if (!ok || !user) throw new ApiError(401, "invalid_credentials", BAD_LOGIN);
      const session = await newSession(db, user.id);
      await writeAudited(
        { ...auditContext(c), actor: { kind: "user", userId: user.id, seatId: user.seatId } },
        [{ action: "auth.login", targetType: "user", targetId: user.id }],
        [session.statement],
      );
      await clearAfterSignIn(c.env.DB, keys);
      setSessionCookie(c, session.token, session.expires);
      const signedIn = await loadActor(c.env.DB, await sha256Hex(session.token));
      if (signedIn.kind !== "user") throw new ApiError(401, "invalid_credentials", BAD_LOGIN);
      return c.json({ user: toMe(signedIn) }, 200);
    },
  )
  .post("/logout", describeRoute({ tags: ["auth"], summary: "Sign out; revokes this session", responses: { 204: emptyResponse("Done") } }), async (c) => {
    const sessionId = c.get("sessionId");
    const db = c.get("db");
    if (sessionId) {
      await writeAudited(
        auditContext(c),
        [{ action: "auth.logout", targetType: "session", targetId: null }],
        [db.delete(sessions).where(eq(sessions.id, sessionId))],
      );
    }
    clearSessionCookie(c);
    return c.body(null, 204);
  })
  .post(
    "/password-reset",
    describeRoute({ tags: ["auth"], summary: "Email a single-use reset link; always 202, so accounts cannot be discovered", responses: { 202: jsonResponse("Accepted; mail follows if the address has an account"), ...errors(400, 429) } }),
    v("json", ResetRequestBody),
    async (c) => {
      const { email } = c.req.valid("json");
      const db = c.get("db");
      const keys = [{ key: `reset:address:${clientAddress(c)}`, limit: 10 }, { key: `reset:account:${email}`, limit: 3 }];
      if ((await countAttempt(c.env.DB, keys)) > 0) {
        throw new ApiError(429, "rate_limited", "Too many reset requests. Wait a few minutes and try again.");
      }
      const user = await db.query.users.findFirst({ where: and(eq(users.email, email), eq(users.active, true)) });
      if (user) {
        const token = newToken();
        const now = Date.now();
        const link = `${publicOrigin(c.env)}/reset-password/${token}`;
        const mail = queueMail(db, c.env, resetMail(user.email, user.name, link));
        await writeAudited(
          auditContext(c),
          [{ action: "auth.reset_requested", targetType: "user", targetId: user.id }],
          [
            db.insert(passwordResets).values({
              tokenHash: await sha256Hex(token),
              userId: user.id,
              createdAt: new Date(now).toISOString(),
              expiresAt: new Date(now + RESET_TTL_MS).toISOString(),
            }),
            mail.statement,
          ],
        );
        c.executionCtx.waitUntil(mail.deliver());
      }
      return c.json({ ok: true, message: "If an account uses this address, a reset link is on its way." }, 202);
    },
  )
  .post(
    "/password-reset/confirm",
    describeRoute({ tags: ["auth"], summary: "Set a new password with a reset token; revokes all sessions and signs in", responses: { 200: jsonResponse("Done"), ...errors(400, 410) } }),
    v("json", ResetConfirmBody),
    async (c) => {
      const { token, password } = c.req.valid("json");
      const db = c.get("db");
      const now = new Date().toISOString();
      const tokenHash = await sha256Hex(token);
      const reset = await db.query.passwordResets.findFirst({ where: eq(passwordResets.tokenHash, tokenHash) });
      if (!reset || reset.usedAt || reset.expiresAt <= now) {
        throw gone("This reset link has expired or was already used. Ask for a new one.");
      }
      const passwordHash = await hashPassword(password);
      // The later statements (and the audit row) apply only if this request is the one that claimed the token.
      const claimed = stamped(passwordResets, eq(passwordResets.tokenHash, tokenHash), { usedAt: now });
      const session = await newSession(db, reset.userId, claimed);
      const [used] = await writeAudited(
        auditContext(c),
        [{ action: "auth.password_reset", targetType: "user", targetId: reset.userId, onlyIf: claimed }],
        [
          // Guarded so two uses racing each other cannot both succeed.
          db
            .update(passwordResets)
            .set({ usedAt: now })
            .where(and(eq(passwordResets.tokenHash, tokenHash), isNull(passwordResets.usedAt), gt(passwordResets.expiresAt, now)))
            .returning({ userId: passwordResets.userId }),
          db.update(users).set({ passwordHash, updatedAt: now }).where(and(eq(users.id, reset.userId), claimed)),
          // Every other link sent to this account stops working: they could reset the new password.
          db
            .update(passwordResets)
            .set({ usedAt: now })
            .where(and(eq(passwordResets.userId, reset.userId), isNull(passwordResets.usedAt), claimed)),
          db.delete(sessions).where(and(eq(sessions.userId, reset.userId), claimed)),
          session.statement,
        ],
      );
      if ((used as unknown[]).length === 0) throw gone("This reset link was already used.");
      setSessionCookie(c, session.token, session.expires);
      const actor = await loadActor(c.env.DB, await sha256Hex(session.token));
      if (actor.kind !== "user") throw gone("This account is no longer active.");
      // The owner proved themselves: strangers' guesses no longer lock them out.
      await unlockAccount(c.env.DB, actor.email);
      return c.json({ user: toMe(actor) }, 200);
    },
  );
