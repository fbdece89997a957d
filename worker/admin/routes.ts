import { and, desc, eq, inArray, isNull, like, lt, or, sql } from "drizzle-orm";
import { Hono } from "hono";
import { describeRoute } from "hono-openapi";
import { errors, jsonResponse } from "../openapi";
import { z } from "zod";
import { auditContext, writeAudited } from "../audit";
import { RolesBody } from "../auth/schemas";
import { auditLog, outbox, passwordResets, positionDelegates, seats, sessions, trackFacilitators, tracks, users } from "../db/schema";
import { aliased } from "../db/alias";
import type { AppEnv } from "../env";
import { badRequest, conflict, notFound } from "../errors";
import { demoteOtherHeads, grantsOf } from "../members/roles";
import { authorize } from "../policy";
import { v } from "../validation";

const IdParam = z.strictObject({ id: z.string().regex(/^[A-Za-z0-9-]{1,64}$/, { error: "Not an id." }) });
const UsersQuery = z.strictObject({
  q: z.string().max(100).optional(),
  status: z.enum(["active", "inactive", "all"]).default("all"),
  limit: z.coerce.number().int().min(1).max(500).default(200),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
const PageQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  before: z.coerce.number().int().min(1).optional(),
});
const AuditQuery = PageQuery.extend({ action: z.string().max(64).optional(), targetId: z.string().max(64).optional() });
const OutboxQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  before: z.string().max(80).optional(), // the `next` cursor: "<createdAt>|<id>"
  to: z.string().max(254).optional(),
});

export const admin = new Hono<AppEnv>()
  .get(
    "/users",
    describeRoute({ tags: ["admin"], summary: "Everyone with an account, with seat and roles", responses: { 200: jsonResponse("Everyone with an account, with seat and roles"), ...errors(400, 401, 403) } }),
    v("query", UsersQuery),
    async (c) => {
      authorize(c.get("actor"), "users.list");
      const { q, status, limit, offset } = c.req.valid("query");
      const db = c.get("db");
      const filters = [
        status === "all" ? undefined : eq(users.active, status === "active"),
        q ? or(like(users.name, `%${q}%`), like(users.email, `%${q}%`), like(seats.name, `%${q}%`)) : undefined,
      ].filter(Boolean);
      const [people, facilitation] = await db.batch([
        db
          .select({
            id: users.id,
            name: users.name,
            email: users.email,
            seatId: users.seatId,
            seatName: aliased(seats.name, "seat_name"),
            seatKind: seats.kind,
            seatRole: users.seatRole,
            officerRole: users.officerRole,
            active: users.active,
          })
          .from(users)
          .leftJoin(seats, eq(seats.id, users.seatId))
          .where(filters.length ? and(...filters) : undefined)
          .orderBy(users.name, users.id)
          .limit(limit + 1)
          .offset(offset),
        db.select().from(trackFacilitators),
      ]);
      const byUser = new Map<string, number[]>();
      for (const f of facilitation) byUser.set(f.userId, [...(byUser.get(f.userId) ?? []), f.trackId]);
      // One extra row tells whether another page follows.
      const page = people.slice(0, limit);
      return c.json(
        {
          users: page.map((p) => ({ ...p, facilitatedTrackIds: byUser.get(p.id) ?? [] })),
          next: people.length > limit ? offset + limit : null,
        },
        200,
      );
    },
  )
  .patch(
    "/users/:id/roles",
    describeRoute({ tags: ["admin"], summary: "Change a person's seat, seat role, officer role and tracks co-facilitated", responses: { 200: jsonResponse("Done"), ...errors(400, 401, 404) } }),
    v("param", IdParam),
    v("json", RolesBody),
    async (c) => {
      const { id } = c.req.valid("param");
      const body = c.req.valid("json");
      const db = c.get("db");
      authorize(c.get("actor"), "users.changeRoles", {
        seatId: body.seatId,
        grants: { seatRole: body.seatRole, officerRole: body.officerRole, facilitatedTrackIds: body.facilitatedTrackIds },
      });
      const [[user], current] = await db.batch([
        db.select().from(users).where(eq(users.id, id)).limit(1),
        db.select().from(trackFacilitators).where(eq(trackFacilitators.userId, id)),
      ]);
      if (!user) throw notFound("The person");
      const next = {
        seatId: body.seatId === undefined ? user.seatId : body.seatId,
        seatRole: body.seatRole === undefined ? user.seatRole : body.seatRole,
        officerRole: body.officerRole === undefined ? user.officerRole : body.officerRole,
      };
      if (!next.seatId !== !next.seatRole) throw badRequest("seatRole", "A seat needs a role (head or delegate), and a role needs a seat.");
      if (body.seatId && !(await db.query.seats.findFirst({ where: eq(seats.id, body.seatId) }))) {
        throw badRequest("seatId", "No seat has this id.");
      }
      const trackIds = body.facilitatedTrackIds ?? current.map((f) => f.trackId);
      if (body.facilitatedTrackIds?.length) {
        const known = await db.select({ id: tracks.id }).from(tracks).where(inArray(tracks.id, body.facilitatedTrackIds));
        if (known.length !== new Set(body.facilitatedTrackIds).size) throw badRequest("facilitatedTrackIds", "Unknown track.");
      }
      if (trackIds.length && !next.seatId) {
        throw badRequest("facilitatedTrackIds", "Co-facilitators are drawn from a seat; give this person a seat first.");
      }
      const headChange = next.seatRole === "head" && next.seatId && user.active ? await demoteOtherHeads(db, next.seatId, id) : null;
      const now = new Date().toISOString();
      const before = { ...grantsOf(user), facilitatedTrackIds: current.map((f) => f.trackId) };
      const after = { ...next, facilitatedTrackIds: [...new Set(trackIds)] };
      await writeAudited(
        auditContext(c),
        [{ action: "user.roles", targetType: "user", targetId: id, before, after }, ...(headChange?.audit ?? [])],
        [
          ...(headChange?.statements ?? []),
          db.update(users).set({ ...next, updatedAt: now }).where(eq(users.id, id)),
          db.delete(trackFacilitators).where(eq(trackFacilitators.userId, id)),
          ...after.facilitatedTrackIds.map((trackId) => db.insert(trackFacilitators).values({ trackId, userId: id })),
        ],
      );
      return c.json({ user: { id, ...after } }, 200);
    },
  )
  .post(
    "/users/:id/deactivate",
    describeRoute({ tags: ["admin"], summary: "Deactivate an account; signs it out everywhere and drops its co-facilitation and position-delegate rights", responses: { 200: jsonResponse("The account, now inactive (also when it already was)"), ...errors(400, 401, 404, 409) } }),
    v("param", IdParam),
    async (c) => setActive(c, c.req.valid("param").id, false),
  )
  .post(
    "/users/:id/reactivate",
    describeRoute({ tags: ["admin"], summary: "Reactivate an account, with its seat and officer role; co-facilitation and position-delegate rights are granted again explicitly", responses: { 200: jsonResponse("The account, now active (also when it already was)"), ...errors(400, 401, 404, 409) } }),
    v("param", IdParam),
    async (c) => setActive(c, c.req.valid("param").id, true),
  )
  .get(
    "/outbox",
    describeRoute({ tags: ["admin"], summary: "Mail Plenary has sent or stored, newest first", responses: { 200: jsonResponse("Mail Plenary has sent or stored, newest first"), ...errors(400, 401, 403) } }),
    v("query", OutboxQuery),
    async (c) => {
      authorize(c.get("actor"), "outbox.view");
      const { limit, before, to } = c.req.valid("query");
      const db = c.get("db");
      // Mails sent in the same millisecond stay in order by id, so no page boundary skips one.
      const [at, id] = before ? before.split("|") : [];
      // Never the whole text (full_text): sign-in links are for their recipients only.
      const rows = await db
        .select({
          id: outbox.id,
          toAddress: outbox.toAddress,
          subject: outbox.subject,
          bodyText: outbox.bodyText,
          kind: outbox.kind,
          transport: outbox.transport,
          status: outbox.status,
          error: outbox.error,
          createdAt: outbox.createdAt,
        })
        .from(outbox)
        .where(
          and(
            at ? or(lt(outbox.createdAt, at), and(eq(outbox.createdAt, at), lt(outbox.id, id ?? ""))) : undefined,
            to ? eq(outbox.toAddress, to.toLowerCase()) : undefined,
          ),
        )
        .orderBy(desc(outbox.createdAt), desc(outbox.id))
        .limit(limit + 1);
      const page = rows.slice(0, limit);
      const last = page.at(-1);
      return c.json({ messages: page, next: rows.length > limit && last ? `${last.createdAt}|${last.id}` : null }, 200);
    },
  )
  .get(
    "/audit",
    describeRoute({ tags: ["admin"], summary: "The audit log of every change, newest first", responses: { 200: jsonResponse("The audit log of every change, newest first"), ...errors(400, 401, 403, 404, 409) } }),
    v("query", AuditQuery),
    async (c) => {
      authorize(c.get("actor"), "audit.view");
      const { limit, before, action, targetId } = c.req.valid("query");
      const db = c.get("db");
      const rows = await db
        .select({
          id: auditLog.id,
          at: auditLog.at,
          actorUserId: auditLog.actorUserId,
          actorName: users.name,
          actorSeatId: auditLog.actorSeatId,
          action: auditLog.action,
          targetType: auditLog.targetType,
          targetId: auditLog.targetId,
          before: auditLog.beforeJson,
          after: auditLog.afterJson,
          requestId: auditLog.requestId,
        })
        .from(auditLog)
        .leftJoin(users, eq(users.id, auditLog.actorUserId))
        .where(
          and(
            before ? lt(auditLog.id, before) : undefined,
            action ? like(auditLog.action, `${action}%`) : undefined,
            targetId ? eq(auditLog.targetId, targetId) : undefined,
          ),
        )
        .orderBy(desc(auditLog.id))
        .limit(limit);
      return c.json({ entries: rows, next: rows.length === limit ? rows.at(-1)!.id : null }, 200);
    },
  );

/**
 * Deactivation ends what the account could do: its sessions, unused reset links, and the
 * rights granted on top of its seat (co-facilitation, recording the seat's positions), which
 * would otherwise come back unnoticed with a reactivation. Reactivation restores the seat and
 * officer role shown under Admin; those rights are granted again explicitly.
 */
async function setActive(c: import("hono").Context<AppEnv>, id: string, active: boolean) {
  const actor = authorize(c.get("actor"), active ? "users.reactivate" : "users.deactivate");
  const db = c.get("db");
  const [[user], facilitation, delegation] = await db.batch([
    db.select().from(users).where(eq(users.id, id)).limit(1),
    db.select({ trackId: trackFacilitators.trackId }).from(trackFacilitators).where(eq(trackFacilitators.userId, id)),
    db.select({ seatId: positionDelegates.seatId }).from(positionDelegates).where(eq(positionDelegates.userId, id)),
  ]);
  if (!user) throw notFound("The person");
  if (!active && user.id === actor.userId) throw conflict("You cannot deactivate your own account.");
  if (user.active === active) return c.json({ user: { id, active } }, 200);
  const now = new Date().toISOString();
  const rights = { facilitatedTrackIds: facilitation.map((f) => f.trackId), positionDelegateOf: delegation[0]?.seatId ?? null };
  await writeAudited(
    auditContext(c),
    [
      active
        ? { action: "user.reactivate", targetType: "user", targetId: id, before: { active: false }, after: { active: true } }
        : { action: "user.deactivate", targetType: "user", targetId: id, before: { active: true, ...rights }, after: { active: false, facilitatedTrackIds: [], positionDelegateOf: null } },
    ],
    [
      // A returning head of delegation comes back as delegate if the seat has a head already.
      ...(active && user.seatRole === "head"
        ? [
            db
              .update(users)
              .set({ seatRole: "delegate" })
              .where(
                and(
                  eq(users.id, id),
                  sql`exists (select 1 from users h where h.seat_id = ${user.seatId} and h.seat_role = 'head' and h.active = 1 and h.id <> ${id})`,
                ),
              ),
          ]
        : []),
      db.update(users).set({ active, updatedAt: now }).where(eq(users.id, id)),
      // Deactivation revokes every session at once, and the rights granted beyond the seat.
      ...(active
        ? []
        : [
            db.delete(sessions).where(eq(sessions.userId, id)),
            db.update(passwordResets).set({ usedAt: now }).where(and(eq(passwordResets.userId, id), isNull(passwordResets.usedAt))),
            db.delete(trackFacilitators).where(eq(trackFacilitators.userId, id)),
            db.delete(positionDelegates).where(eq(positionDelegates.userId, id)),
          ]),
    ],
  );
  return c.json({ user: { id, active } }, 200);
}
