import { and, desc, eq, gt, isNull } from "drizzle-orm";
import { Hono } from "hono";
import { describeRoute } from "hono-openapi";
import { errors, jsonResponse } from "../openapi";
import { z } from "zod";
import { auditContext, writeAudited } from "../audit";
import { hashPassword, newId, newToken, sha256Hex } from "../auth/crypto";
import { AcceptInvitationBody, InviteBody } from "../auth/schemas";
import { loadActor, newSession, setSessionCookie } from "../auth/session";
import { invitations, seats, users } from "../db/schema";
import { insertIfAbsent, rowExists } from "../db/guarded";
import { type AppEnv, publicOrigin } from "../env";
import { badRequest, conflict, gone, notFound } from "../errors";
import { queueMail } from "../mail/mailer";
import { invitationMail } from "../mail/templates";
import { authorize } from "../policy";
import { toMe } from "../profile/me";
import { demoteOtherHeads, grantsOf, roleLabel } from "../members/roles";
import { v } from "../validation";

const INVITATION_DAYS = 7;
const TokenParam = z.strictObject({ token: z.string().min(20).max(100) });
const IdParam = z.strictObject({ id: z.string().regex(/^[A-Za-z0-9-]{1,64}$/, { error: "Not an id." }) });

async function findByToken(db: AppEnv["Variables"]["db"], token: string) {
  const invitation = await db.query.invitations.findFirst({ where: eq(invitations.tokenHash, await sha256Hex(token)) });
  if (!invitation) throw notFound("This invitation link");
  if (invitation.acceptedAt) throw gone("This invitation was already accepted. Sign in instead.");
  if (invitation.revokedAt) throw gone("This invitation was withdrawn by the secretariat.");
  if (invitation.expiresAt <= new Date().toISOString()) throw gone("This invitation has expired. Ask the secretariat for a new one.");
  return invitation;
}

export const invitationRoutes = new Hono<AppEnv>()
  .get(
    "/",
    describeRoute({ tags: ["invitations"], summary: "Invitations sent: all for the secretariat, one's own seat for a head of delegation", responses: { 200: jsonResponse("Invitations sent: all for the secretariat, one's own seat for a head of delegation"), ...errors(401, 403) } }),
    async (c) => {
      const actor = c.get("actor");
      const db = c.get("db");
      const mine = authorize(actor, "users.invite", { seatId: actor.kind === "user" ? actor.seatId : null, grants: { seatRole: "delegate" } });
      const all = mine.officerRole === "secretariat";
      const rows = await db
        .select({
          id: invitations.id,
          email: invitations.email,
          name: invitations.name,
          seatId: invitations.seatId,
          seatName: seats.name,
          seatRole: invitations.seatRole,
          officerRole: invitations.officerRole,
          createdAt: invitations.createdAt,
          expiresAt: invitations.expiresAt,
          acceptedAt: invitations.acceptedAt,
          revokedAt: invitations.revokedAt,
        })
        .from(invitations)
        .leftJoin(seats, eq(seats.id, invitations.seatId))
        .where(all ? undefined : eq(invitations.seatId, mine.seatId ?? ""))
        .orderBy(desc(invitations.createdAt))
        .limit(200);
      return c.json({ invitations: rows }, 200);
    },
  )
  .post(
    "/",
    describeRoute({ tags: ["invitations"], summary: "Invite a person by email to a seat or an officer role", responses: { 201: jsonResponse("Created"), ...errors(400, 401, 409) } }),
    v("json", InviteBody),
    async (c) => {
      const body = c.req.valid("json");
      const db = c.get("db");
      const actor = authorize(c.get("actor"), "users.invite", {
        seatId: body.seatId ?? null,
        grants: { seatRole: body.seatRole ?? null, officerRole: body.officerRole ?? null },
      });
      const seat = body.seatId ? await db.query.seats.findFirst({ where: eq(seats.id, body.seatId) }) : null;
      if (body.seatId && !seat) throw badRequest("seatId", "No seat has this id.");
      // Invitations create accounts, never revive or overwrite one: a deactivated account comes
      // back only through the secretariat's reactivation, with its rights granted again explicitly.
      const existing = await db.query.users.findFirst({ where: eq(users.email, body.email) });
      if (existing?.active) throw conflict("This person already has an account. Change their roles instead.", { fields: [{ field: "email", message: "Already has an account." }] });
      if (existing) {
        throw conflict("This person's account is deactivated. Only the secretariat can reactivate it, under Admin → People.", {
          fields: [{ field: "email", message: "Has a deactivated account." }],
        });
      }

      const token = newToken();
      const now = new Date();
      const expires = new Date(now.getTime() + INVITATION_DAYS * 86_400_000);
      const row = {
        id: newId(),
        tokenHash: await sha256Hex(token),
        email: body.email,
        name: body.name,
        seatId: body.seatId ?? null,
        seatRole: body.seatRole ?? null,
        officerRole: body.officerRole ?? null,
        invitedBy: actor.userId,
        createdAt: now.toISOString(),
        expiresAt: expires.toISOString(),
      };
      const link = `${publicOrigin(c.env)}/invitations/${token}`;
      const label = roleLabel(row.seatRole, seat?.name ?? null, row.officerRole);
      const mail = queueMail(db, c.env, invitationMail(body.email, body.name, label, link, row.expiresAt.slice(0, 16).replace("T", " ")));
      const { tokenHash: _secret, ...visible } = row;
      await writeAudited(
        auditContext(c),
        [{ action: "invitation.create", targetType: "invitation", targetId: row.id, after: visible }],
        [db.insert(invitations).values(row), mail.statement],
      );
      c.executionCtx.waitUntil(mail.deliver());
      return c.json({ invitation: { ...visible, seatName: seat?.name ?? null, acceptedAt: null, revokedAt: null } }, 201);
    },
  )
  .post(
    "/:id/revoke",
    describeRoute({ tags: ["invitations"], summary: "Withdraw an invitation that was not yet accepted", responses: { 200: jsonResponse("Done"), ...errors(400, 401, 404, 409) } }),
    v("param", IdParam),
    async (c) => {
      const { id } = c.req.valid("param");
      const db = c.get("db");
      const invitation = await db.query.invitations.findFirst({ where: eq(invitations.id, id) });
      if (!invitation) throw notFound("The invitation");
      authorize(c.get("actor"), "users.invite", {
        seatId: invitation.seatId,
        grants: { seatRole: invitation.seatRole, officerRole: invitation.officerRole },
      });
      if (invitation.acceptedAt) throw conflict("This invitation was already accepted.");
      const now = new Date().toISOString();
      await writeAudited(
        auditContext(c),
        [{ action: "invitation.revoke", targetType: "invitation", targetId: id, before: { revokedAt: invitation.revokedAt }, after: { revokedAt: now } }],
        [db.update(invitations).set({ revokedAt: now }).where(and(eq(invitations.id, id), isNull(invitations.acceptedAt)))],
      );
      return c.json({ ok: true }, 200);
    },
  )
  .get(
    "/by-token/:token",
    describeRoute({ tags: ["invitations"], summary: "What an invitation link offers; 410 when expired, used or withdrawn", responses: { 200: jsonResponse("What an invitation link offers; 410 when expired, used or withdrawn"), ...errors(400) } }),
    v("param", TokenParam),
    async (c) => {
      const db = c.get("db");
      const invitation = await findByToken(db, c.req.valid("param").token);
      const seat = invitation.seatId ? await db.query.seats.findFirst({ where: eq(seats.id, invitation.seatId) }) : null;
      return c.json(
        {
          invitation: {
            email: invitation.email,
            name: invitation.name,
            seat: seat ? { id: seat.id, name: seat.name } : null,
            seatRole: invitation.seatRole,
            officerRole: invitation.officerRole,
            expiresAt: invitation.expiresAt,
          },
        },
        200,
      );
    },
  )
  .post(
    "/by-token/:token/accept",
    describeRoute({ tags: ["invitations"], summary: "Accept an invitation: set a password and sign in", responses: { 200: jsonResponse("Done"), ...errors(400, 409, 410) } }),
    v("param", TokenParam),
    v("json", AcceptInvitationBody),
    async (c) => {
      const db = c.get("db");
      const { name, password } = c.req.valid("json");
      const invitation = await findByToken(db, c.req.valid("param").token);
      const now = new Date().toISOString();
      // An account made since (another invitation accepted first) is never taken over.
      const existing = await db.query.users.findFirst({ where: eq(users.email, invitation.email) });
      if (existing) throw conflict("An account with this address exists already. Sign in, or reset its password.");
      const userId = newId();
      const grants = grantsOf(invitation);
      const passwordHash = await hashPassword(password);
      const session = await newSession(db, userId);
      const headChange = grants.seatRole === "head" && grants.seatId ? await demoteOtherHeads(db, grants.seatId, userId) : null;
      try {
        await writeAudited(
          { ...auditContext(c), actor: { kind: "user", userId, seatId: grants.seatId } },
          [
            { action: "invitation.accept", targetType: "invitation", targetId: invitation.id },
            { action: "user.create", targetType: "user", targetId: userId, after: { name, email: invitation.email, ...grants } },
            ...(headChange?.audit ?? []),
          ],
          [
            db
              .update(invitations)
              .set({ acceptedAt: now })
              .where(and(eq(invitations.id, invitation.id), isNull(invitations.acceptedAt), isNull(invitations.revokedAt), gt(invitations.expiresAt, now))),
            ...(headChange?.statements ?? []),
            // The account exists only if this request claimed the invitation above (not withdrawn,
            // expired or accepted meanwhile); the unique email makes a concurrent accept for the
            // same address fail as a whole. Without the account, the session's foreign key fails
            // the whole batch, so neither the head change nor the audit rows remain.
            insertIfAbsent(
              db,
              users,
              {
                id: userId,
                email: invitation.email,
                name,
                passwordHash,
                seatId: grants.seatId,
                seatRole: grants.seatRole,
                officerRole: grants.officerRole,
                locale: "en",
                timeZone: "Europe/Zurich",
                active: true,
                createdAt: now,
                updatedAt: now,
                namePublic: false,
              },
              eq(users.email, invitation.email),
              rowExists(invitations, and(eq(invitations.id, invitation.id), eq(invitations.acceptedAt, now))),
            ),
            session.statement,
          ],
        );
      } catch (err) {
        // A concurrent accept of the same link, or a withdrawal meanwhile, loses on the claim:
        // read the invitation again to say which.
        console.warn(JSON.stringify({ level: "warn", requestId: c.get("requestId"), message: "invitation accept failed", error: String(err) }));
        await findByToken(db, c.req.valid("param").token);
        throw gone("This invitation was already accepted. Sign in instead.");
      }
      setSessionCookie(c, session.token, session.expires);
      const actor = await loadActor(c.env.DB, await sha256Hex(session.token));
      if (actor.kind !== "user") throw gone("This invitation was already accepted. Sign in instead.");
      return c.json({ user: toMe(actor) }, 200);
    },
  );
