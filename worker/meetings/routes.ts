// Meetings: the calendar, scheduling with conflict and fairness checks,
// reschedule and cancel, agendas, replies and the attendance register.
// Minutes, materials and calendar feeds have their own files beside this one.
import { and, asc, desc, eq, gte, inArray, lt, ne, sql } from "drizzle-orm";
import { type Context, Hono } from "hono";
import { describeRoute } from "hono-openapi";
import { errors, jsonResponse } from "../openapi";
import { type AuditEntry, auditContext, writeAudited } from "../audit";
import type { Letter } from "../mail/mailer";
import { newId } from "../auth/crypto";
import {
  agendaItems,
  attendance,
  auditLog,
  documents,
  materials,
  meetingReplies,
  meetings,
  minutesCorrections,
  revisions,
  seats,
  trackSeats,
  tracks,
  users,
} from "../db/schema";
import { aliased } from "../db/alias";
import { insertIf } from "../db/insert-if";
import { versionedUpdate, writeGuarded } from "../db/guarded";
import { type AppEnv, type Db, publicOrigin } from "../env";
import { badRequest, conflict } from "../errors";
import { type Actor, authorize, can } from "../policy";
import { personNameFor } from "../people";
import { v } from "../validation";
import { revisionLabel } from "../documents/types";
import { concernsUser, hasEnded, hasStarted, instantOr400, loadMeeting, meetingFor, type MeetingRow, meetingScope } from "./access";
import { findConflicts, MAX_MEETING_MS } from "./conflicts";
import { slotByRegion, tallyFairness } from "./fairness";
import { cancelledLetter, mailParticipants, rescheduledLetter } from "./mail";
import { materialRoutes } from "./materials";
import { minutesRoutes } from "./minutes";
import {
  AgendaBody,
  AttendanceBody,
  CancelBody,
  CheckBody,
  CreateBody,
  ListQuery,
  MeetingParam,
  ReplyBody,
  UpdateBody,
} from "./schemas";

/** Minutes still to keep are shown for meetings held in the last half year. */
const KEEPING_WINDOW_MS = 183 * 86_400_000;

const chunk = <T,>(list: T[], size: number) => Array.from({ length: Math.ceil(list.length / size) }, (_, i) => list.slice(i * size, i * size + size));

/** The register may be kept from an hour before the start: delegates sign in at the door. */
const REGISTER_OPENS_BEFORE_MS = 60 * 60_000;

/** Wall-clock start and end in `zone` → UTC instants, or 400 naming the field. */
export function toInstants(start: string, end: string, zone: string) {
  const s = instantOr400(start, zone, "start");
  const e = instantOr400(end, zone, "end");
  if (e <= s) throw badRequest("end", "The meeting must end after it starts.");
  if (e - s > MAX_MEETING_MS) throw badRequest("end", "A meeting lasts at most 14 days.");
  return { startsAt: new Date(s).toISOString(), endsAt: new Date(e).toISOString() };
}

/** What anyone who may see the meeting sees; the online link only for signed-in readers. */
export function presentMeeting(m: MeetingRow, actor: Actor) {
  const { onlineUrl, createdBy: _c, ...rest } = m;
  return { ...rest, onlineUrl: can(actor, "meetings.join", meetingScope(m)) ? onlineUrl : null };
}

const meetingLink = (c: Context<AppEnv>, id: string) => `${publicOrigin(c.env)}/meetings/${id}`;

/**
 * Writes `next` over `m` unless someone changed the meeting since it was read (409 then),
 * in one batch with its audit row and, when given, the notice to every participant.
 */
async function writeMeeting(c: Context<AppEnv>, m: MeetingRow, next: MeetingRow, audit: Pick<AuditEntry, "action" | "before" | "after">, letter: ((zone: string) => Letter) | null) {
  const db = c.get("db");
  const { id: _i, createdBy: _c, createdAt: _a, version: _v, updatedAt, ...set } = next;
  const write = versionedUpdate(db, meetings, { row: eq(meetings.id, m.id), version: meetings.version, base: m.version, set, stamp: { updatedAt } });
  const mail = letter ? await mailParticipants(db, c.env, m.id, letter, write.won) : [];
  await writeGuarded(auditContext(c), write, [{ ...audit, targetType: "meeting", targetId: m.id }], { then: mail, stale: () => stale(db, m.id) });
}

async function trackOr400(db: Db, trackId: number | null) {
  if (trackId == null) return null;
  const [t] = await db.select({ id: tracks.id }).from(tracks).where(eq(tracks.id, trackId));
  if (!t) throw badRequest("trackId", "No such track.");
  return t;
}

/** Revisions an agenda links to must exist; the index names the item that is wrong. */
async function checkAgendaRevisions(db: Db, items: { revisionId?: string | null }[], field: string) {
  const ids = [...new Set(items.map((i) => i.revisionId).filter((r): r is string => !!r))];
  if (!ids.length) return;
  const found = new Set((await db.select({ id: revisions.id }).from(revisions).where(inArray(revisions.id, ids))).map((r) => r.id));
  const bad = items.findIndex((i) => i.revisionId && !found.has(i.revisionId));
  if (bad >= 0) throw badRequest(`${field}.${bad}.revisionId`, "No such document revision.");
}

function conflictsOr409(found: Awaited<ReturnType<typeof findConflicts>>, overrideReason: string | undefined) {
  if (found.length && !overrideReason)
    throw conflict("This slot conflicts with other meetings. Change it, or give a reason to schedule it anyway.", { conflicts: found });
}

const stale = async (db: Db, id: string) => {
  const [current] = await db.select().from(meetings).where(eq(meetings.id, id));
  return conflict("Someone changed this meeting since you opened it. Review the current version.", { current });
};

/** Fields a calendar copy shows: a change to any of them raises SEQUENCE. */
const CALENDAR_FIELDS = ["title", "startsAt", "endsAt", "timeZone", "format", "room", "onlineUrl", "description", "status"] as const;
/** Fields participants are told about. */
const NOTICE_FIELDS = ["startsAt", "endsAt", "format", "room", "onlineUrl"] as const;

export const meetingRoutes = new Hono<AppEnv>()
  .route("/", minutesRoutes)
  .route("/", materialRoutes)
  .get(
    "/",
    describeRoute({ tags: ["meetings"], summary: "Meetings in a period, with the viewer's reply", responses: { 200: jsonResponse("Meetings in a period, with the viewer's reply"), ...errors(400) } }),
    v("query", ListQuery),
    async (c) => {
      const db = c.get("db");
      const actor = c.get("actor");
      const q = c.req.valid("query");
      const from = q.from ?? new Date(Date.now() - 31 * 86_400_000).toISOString().slice(0, 10);
      const to = q.to ?? new Date(Date.parse(from) + 400 * 86_400_000).toISOString().slice(0, 10);
      const userId = actor.kind === "user" ? actor.userId : "";
      const rows = await db
        .select({
          id: meetings.id,
          title: meetings.title,
          kind: meetings.kind,
          trackId: meetings.trackId,
          trackSlug: tracks.slug,
          trackTitle: tracks.shortTitle,
          startsAt: meetings.startsAt,
          endsAt: meetings.endsAt,
          timeZone: meetings.timeZone,
          format: meetings.format,
          room: meetings.room,
          visibility: meetings.visibility,
          status: meetings.status,
          myReply: meetingReplies.reply,
        })
        .from(meetings)
        .leftJoin(tracks, eq(tracks.id, meetings.trackId))
        .leftJoin(meetingReplies, and(eq(meetingReplies.meetingId, meetings.id), eq(meetingReplies.userId, userId)))
        .where(and(lt(meetings.startsAt, to), gte(meetings.endsAt, from), q.track ? eq(tracks.slug, q.track) : undefined))
        .orderBy(asc(meetings.startsAt))
        .limit(1000);
      return c.json({ from, to, meetings: rows.filter((m) => can(actor, "meetings.view", meetingScope(m))) }, 200);
    },
  )
  .get(
    "/mine",
    describeRoute({ tags: ["meetings"], summary: "The dashboard's meetings: the next ones that concern you, and minutes open for corrections", responses: { 200: jsonResponse("The dashboard's meetings: the next ones that concern you, and minutes open for corrections"), ...errors(401, 403) } }),
    async (c) => {
      const db = c.get("db");
      const me = authorize(c.get("actor"), "meetings.follow");
      const now = new Date().toISOString();
      const mine = and(eq(users.id, me.userId), concernsUser);
      const columns = { id: meetings.id, title: meetings.title, kind: meetings.kind, startsAt: meetings.startsAt, endsAt: meetings.endsAt, timeZone: meetings.timeZone, format: meetings.format, status: meetings.status };
      const since = new Date(Date.now() - KEEPING_WINDOW_MS).toISOString();
      const [next, minutes, held] = await db.batch([
        db
          .select({ ...columns, myReply: meetingReplies.reply })
          .from(meetings)
          .innerJoin(users, eq(users.id, me.userId))
          .leftJoin(meetingReplies, and(eq(meetingReplies.meetingId, meetings.id), eq(meetingReplies.userId, me.userId)))
          .where(and(gte(meetings.endsAt, now), mine))
          .orderBy(asc(meetings.startsAt))
          .limit(5),
        db
          .select({ ...columns, correctionsCloseAt: meetings.correctionsCloseAt })
          .from(meetings)
          .innerJoin(users, eq(users.id, me.userId))
          .where(and(eq(meetings.minutesStatus, "circulated"), gte(meetings.correctionsCloseAt, now), mine))
          .orderBy(asc(meetings.correctionsCloseAt))
          .limit(5),
        // Held meetings whose minutes are not approved yet; the policy below keeps those this person keeps.
        db
          .select({
            ...columns,
            trackId: meetings.trackId,
            visibility: meetings.visibility,
            minutesStatus: meetings.minutesStatus,
            correctionsCloseAt: meetings.correctionsCloseAt,
            // Spelled out: in a one-table select drizzle leaves column names unqualified, which the subquery would misread.
            openCorrections: sql<number>`(select count(*) from minutes_corrections c where c.meeting_id = "meetings"."id" and c.status = 'open')`,
          })
          .from(meetings)
          .where(and(eq(meetings.status, "scheduled"), lt(meetings.endsAt, now), gte(meetings.endsAt, since), ne(meetings.minutesStatus, "approved")))
          .orderBy(asc(meetings.endsAt))
          .limit(200),
      ]);
      // Who acts next on minutes: the keepers, told what the minutes wait for.
      const keeping = held
        .filter((m) => can(me, "minutes.keep", meetingScope(m)))
        .slice(0, 10)
        .map(({ trackId: _t, visibility: _v, ...m }) => ({
          ...m,
          waitingFor:
            m.minutesStatus === "draft"
              ? ("circulation" as const)
              : m.openCorrections > 0
                ? ("answers" as const)
                : m.correctionsCloseAt && m.correctionsCloseAt > now
                  ? ("window" as const)
                  : ("approval" as const),
        }));
      return c.json({ next, minutes, keeping }, 200);
    },
  )
  .get(
    "/fairness",
    describeRoute({ tags: ["meetings"], summary: "How often each regional group got hours outside 07:00–22:00", responses: { 200: jsonResponse("How often each regional group got hours outside 07:00–22:00"), ...errors(400, 401, 403) } }),
    v("query", ListQuery),
    async (c) => {
      const actor = authorize(c.get("actor"), "meetings.follow");
      const q = c.req.valid("query");
      const from = q.from ?? `${new Date().getUTCFullYear()}-01-01`;
      const to = q.to ?? `${new Date().getUTCFullYear() + 1}-01-01`;
      const found = await c
        .get("db")
        .select({ startsAt: meetings.startsAt, endsAt: meetings.endsAt, trackId: meetings.trackId, visibility: meetings.visibility })
        .from(meetings)
        .leftJoin(tracks, eq(tracks.id, meetings.trackId))
        .where(and(eq(meetings.status, "scheduled"), gte(meetings.startsAt, from), lt(meetings.startsAt, to), q.track ? eq(tracks.slug, q.track) : undefined))
        .limit(5000);
      // A count is compiled for its viewer: only the meetings they may see (observers: public ones).
      const rows = found.filter((m) => can(actor, "meetings.view", meetingScope(m)));
      return c.json({ from, to, meetings: rows.length, regions: tallyFairness(rows) }, 200);
    },
  )
  .post(
    "/check",
    describeRoute({ tags: ["meetings"], summary: "Conflicts and regional local times for a proposed slot, before saving", responses: { 200: jsonResponse("Done"), ...errors(400, 401) } }),
    v("json", CheckBody),
    async (c) => {
      const body = c.req.valid("json");
      authorize(c.get("actor"), "meetings.schedule", { trackId: body.trackId });
      const times = toInstants(body.start, body.end, body.timeZone);
      const conflicts = await findConflicts(c.get("db"), { ...body, ...times, meetingId: body.meetingId });
      return c.json({ ...times, conflicts, regions: slotByRegion(times.startsAt, times.endsAt) }, 200);
    },
  )
  .post("/", describeRoute({ tags: ["meetings"], summary: "Schedule a meeting", responses: { 201: jsonResponse("Created"), ...errors(400, 401, 409) } }), v("json", CreateBody), async (c) => {
    const db = c.get("db");
    const body = c.req.valid("json");
    const actor = authorize(c.get("actor"), "meetings.schedule", { trackId: body.trackId });
    const times = toInstants(body.start, body.end, body.timeZone);
    await trackOr400(db, body.trackId);
    await checkAgendaRevisions(db, body.agenda ?? [], "agenda");
    const found = await findConflicts(db, { ...body, ...times });
    conflictsOr409(found, body.overrideReason);
    const now = new Date().toISOString();
    const row: MeetingRow = {
      id: newId(),
      title: body.title,
      kind: body.kind,
      trackId: body.trackId,
      ...times,
      timeZone: body.timeZone,
      format: body.format,
      room: body.room ?? null,
      onlineUrl: body.onlineUrl ?? null,
      description: body.description ?? "",
      visibility: body.visibility ?? (body.kind === "informal" ? "members" : "public"),
      status: "scheduled",
      cancelReason: null,
      overrideReason: found.length ? body.overrideReason! : null,
      quorum: body.quorum ?? null,
      minutesStatus: "draft",
      correctionsCloseAt: null,
      minutesApprovedAt: null,
      minutesApprovedBy: null,
      sequence: 0,
      version: 1,
      createdBy: actor.userId,
      createdAt: now,
      updatedAt: now,
    };
    const items = (body.agenda ?? []).map((item, i) => ({
      id: newId(),
      meetingId: row.id,
      position: i + 1,
      title: item.title,
      revisionId: item.revisionId ?? null,
      minutes: "",
      minutesVersion: 0,
    }));
    const { createdBy: _c, ...audited } = row;
    await writeAudited(
      auditContext(c),
      [{ action: "meeting.create", targetType: "meeting", targetId: row.id, after: { ...audited, conflicts: found.map((f) => f.meetingId) } }],
      [db.insert(meetings).values(row), ...(items.length ? [db.insert(agendaItems).values(items)] : [])],
    );
    return c.json({ meeting: presentMeeting(row, actor) }, 201);
  })
  .get("/:id", describeRoute({ tags: ["meetings"], summary: "A meeting: agenda, materials, replies, register, quorum, history", responses: { 200: jsonResponse("A meeting: agenda, materials, replies, register, quorum, history"), ...errors(400, 404) } }), v("param", MeetingParam), async (c) => {
    const db = c.get("db");
    const actor = c.get("actor");
    const m = await loadMeeting(db, actor, c.req.valid("param").id);
    const signedIn = actor.kind === "user";
    const participating =
      m.trackId == null
        ? db.select({ id: seats.id, name: seats.name, kind: seats.kind, regionalGroup: seats.regionalGroup, stakeholderGroup: seats.stakeholderGroup }).from(seats)
        : db
            .select({ id: seats.id, name: seats.name, kind: seats.kind, regionalGroup: seats.regionalGroup, stakeholderGroup: seats.stakeholderGroup })
            .from(trackSeats)
            .innerJoin(seats, eq(seats.id, trackSeats.seatId))
            .where(eq(trackSeats.trackId, m.trackId));
    const [track, items, files, replies, register, seatRows, history, openCorrections] = await db.batch([
      db.select({ id: tracks.id, slug: tracks.slug, shortTitle: tracks.shortTitle, title: tracks.title }).from(tracks).where(eq(tracks.id, m.trackId ?? -1)),
      db
        .select({
          id: agendaItems.id,
          position: agendaItems.position,
          title: agendaItems.title,
          revisionId: agendaItems.revisionId,
          revisionNumber: revisions.number,
          documentId: aliased(documents.id, "document_id"),
          documentTitle: aliased(documents.title, "document_title"),
          documentVisibility: documents.visibility,
          documentTrackId: documents.trackId,
        })
        .from(agendaItems)
        .leftJoin(revisions, eq(revisions.id, agendaItems.revisionId))
        .leftJoin(documents, eq(documents.id, revisions.documentId))
        .where(eq(agendaItems.meetingId, m.id))
        .orderBy(asc(agendaItems.position)),
      db
        .select({ id: materials.id, agendaItemId: materials.agendaItemId, fileName: materials.fileName, contentType: materials.contentType, size: materials.size, uploadedAt: materials.uploadedAt })
        .from(materials)
        .where(eq(materials.meetingId, m.id))
        .orderBy(asc(materials.uploadedAt)),
      db
        .select({ userId: meetingReplies.userId, name: users.name, namePublic: users.namePublic, seatId: meetingReplies.seatId, reply: meetingReplies.reply, repliedAt: meetingReplies.repliedAt })
        .from(meetingReplies)
        .innerJoin(users, eq(users.id, meetingReplies.userId))
        .where(eq(meetingReplies.meetingId, m.id)),
      db.select({ seatId: attendance.seatId, status: attendance.status, recordedAt: attendance.recordedAt }).from(attendance).where(eq(attendance.meetingId, m.id)),
      participating,
      db
        .select({ action: auditLog.action, at: auditLog.at, by: users.name, byPublic: users.namePublic, before: auditLog.beforeJson, after: auditLog.afterJson })
        .from(auditLog)
        .leftJoin(users, eq(users.id, auditLog.actorUserId))
        .where(and(eq(auditLog.targetType, "meeting"), eq(auditLog.targetId, m.id), inArray(auditLog.action, ["meeting.create", "meeting.update", "meeting.reschedule", "meeting.cancel"])))
        .orderBy(desc(auditLog.id))
        .limit(50),
      db.select({ n: sql<number>`count(*)` }).from(minutesCorrections).where(and(eq(minutesCorrections.meetingId, m.id), eq(minutesCorrections.status, "open"))),
    ]);
    const memberSeats = seatRows.filter((s) => s.kind !== "observer");
    const present = new Set(register.filter((r) => r.status === "present").map((r) => r.seatId));
    const required = m.quorum ?? Math.floor(memberSeats.length / 2) + 1;
    const presentCount = memberSeats.filter((s) => present.has(s.id)).length;
    const myReply = signedIn ? (replies.find((r) => r.userId === actor.userId)?.reply ?? null) : null;
    const scope = meetingScope(m);
    const joins = can(actor, "meetings.join", scope);
    /** A changed link is in the history too: only those who get the link see it there. */
    const changes = (json: string | null, action: string) => {
      if (!json || action === "meeting.create") return null;
      const fields = JSON.parse(json) as Record<string, unknown>;
      if (!joins) delete fields.onlineUrl;
      return fields;
    };
    const counts = { in_person: 0, online: 0, not_attending: 0 };
    for (const r of replies) counts[r.reply]++;
    return c.json(
      {
        meeting: presentMeeting(m, actor),
        track: track[0] ?? null,
        agenda: items.map(({ revisionId, revisionNumber, documentId, documentTitle, documentVisibility, documentTrackId, ...i }) => ({
          ...i,
          // A link to a members-only revision shows only to those who may read it.
          revision:
            revisionId && can(actor, "documents.view", { trackId: documentTrackId, visibility: documentVisibility ?? "members" })
              ? { id: revisionId, number: revisionNumber!, label: revisionLabel(revisionNumber!), documentId: documentId!, documentTitle: documentTitle! }
              : null,
        })),
        materials: files,
        replies: { counts, myReply, people: signedIn ? replies.map(({ userId: _u, name, namePublic, ...r }) => ({ ...r, name: personNameFor(actor, { name, namePublic }) })) : [] },
        register: can(actor, "meetings.viewRegister", scope)
          ? seatRows.map((s) => ({ ...s, status: register.find((r) => r.seatId === s.id)?.status ?? null }))
          : [],
        quorum: { required, present: presentCount, of: memberSeats.length, met: presentCount >= required, custom: m.quorum != null },
        history: signedIn
          ? history.map((h) => ({
              action: h.action,
              at: h.at,
              by: personNameFor(actor, { name: h.by, namePublic: h.byPublic }),
              // The creation row holds the whole meeting; the page needs only who and when.
              before: changes(h.before, h.action),
              after: changes(h.after, h.action),
            }))
          : [],
        openCorrections: openCorrections[0]?.n ?? 0,
        permissions: {
          edit: can(actor, "meetings.schedule", scope),
          reply: can(actor, "meetings.reply", scope),
          keepRegister: can(actor, "meetings.keepRegister", scope),
          viewRegister: can(actor, "meetings.viewRegister", scope),
          keepMinutes: can(actor, "minutes.keep", scope),
        },
      },
      200,
    );
  })
  .patch(
    "/:id",
    describeRoute({ tags: ["meetings"], summary: "Edit or reschedule a meeting; participants are told and calendar copies update", responses: { 200: jsonResponse("Done"), ...errors(400, 401, 404, 409) } }),
    v("param", MeetingParam),
    v("json", UpdateBody),
    async (c) => {
      const body = c.req.valid("json");
      const { db, m, actor } = await meetingFor(c, c.req.valid("param").id, "meetings.schedule");
      if (m.version !== body.version) throw await stale(db, m.id);
      const timeFields = [body.start, body.end, body.timeZone].filter((x) => x !== undefined).length;
      if (timeFields > 0 && timeFields < 3) throw badRequest(body.start === undefined ? "start" : body.end === undefined ? "end" : "timeZone", "Send start, end and timeZone together.");
      const times = timeFields ? toInstants(body.start!, body.end!, body.timeZone!) : null;
      const moved = !!times && (times.startsAt !== m.startsAt || times.endsAt !== m.endsAt);
      if (moved && hasStarted(m)) throw conflict("This meeting has already been held; it cannot be rescheduled.");
      if (moved && Date.parse(times!.startsAt) < Date.now()) throw badRequest("start", "A meeting cannot be moved into the past.");

      const next: MeetingRow = {
        ...m,
        title: body.title ?? m.title,
        ...(times ?? {}),
        timeZone: body.timeZone ?? m.timeZone,
        format: body.format ?? m.format,
        // Omitted fields stay as they are: moving a meeting never drops its room or online link.
        room: body.room === undefined ? m.room : body.room,
        onlineUrl: body.onlineUrl === undefined ? m.onlineUrl : body.onlineUrl,
        description: body.description ?? m.description,
        visibility: body.visibility ?? m.visibility,
        quorum: body.quorum === undefined ? m.quorum : body.quorum,
      };
      const placeChanged = moved || next.room !== m.room || next.format !== m.format;
      if (placeChanged) {
        const found = await findConflicts(db, { ...next, meetingId: m.id });
        conflictsOr409(found, body.overrideReason);
        next.overrideReason = found.length ? body.overrideReason! : m.overrideReason;
      }
      const changed = (Object.keys(next) as (keyof MeetingRow)[]).filter((k) => next[k] !== m[k]);
      if (changed.length === 0) return c.json({ meeting: presentMeeting(m, actor) }, 200);
      const now = new Date().toISOString();
      next.sequence = m.sequence + (changed.some((k) => (CALENDAR_FIELDS as readonly string[]).includes(k)) ? 1 : 0);
      next.version = m.version + 1;
      next.updatedAt = now;
      const notify = changed.some((k) => (NOTICE_FIELDS as readonly string[]).includes(k));
      const pick = (r: MeetingRow) => ({ ...Object.fromEntries(changed.map((k) => [k, r[k]])), ...(body.reason ? { reason: body.reason } : {}) });
      await writeMeeting(
        c,
        m,
        next,
        { action: moved ? "meeting.reschedule" : "meeting.update", before: pick(m), after: pick(next) },
        notify ? rescheduledLetter(m, next, meetingLink(c, m.id), body.reason) : null,
      );
      return c.json({ meeting: presentMeeting(next, actor) }, 200);
    },
  )
  .post(
    "/:id/cancel",
    describeRoute({ tags: ["meetings"], summary: "Cancel a meeting; it stays listed as cancelled and calendar copies show it so", responses: { 200: jsonResponse("Done"), ...errors(400, 401, 404, 409) } }),
    v("param", MeetingParam),
    v("json", CancelBody),
    async (c) => {
      const body = c.req.valid("json");
      const { db, m, actor } = await meetingFor(c, c.req.valid("param").id, "meetings.schedule");
      if (hasStarted(m)) throw conflict("This meeting has already been held; it cannot be cancelled.");
      if (m.version !== body.version) throw await stale(db, m.id);
      const now = new Date().toISOString();
      const next: MeetingRow = { ...m, status: "cancelled", cancelReason: body.reason, sequence: m.sequence + 1, version: m.version + 1, updatedAt: now };
      await writeMeeting(
        c,
        m,
        next,
        { action: "meeting.cancel", before: { status: m.status }, after: { status: "cancelled", reason: body.reason } },
        cancelledLetter(m, meetingLink(c, m.id), body.reason),
      );
      return c.json({ meeting: presentMeeting(next, actor) }, 200);
    },
  )
  .put(
    "/:id/agenda",
    describeRoute({ tags: ["meetings"], summary: "Replace the ordered agenda; existing items keep their ids, minutes and materials", responses: { 200: jsonResponse("Done"), ...errors(400, 401, 404, 409) } }),
    v("param", MeetingParam),
    v("json", AgendaBody),
    async (c) => {
      const body = c.req.valid("json");
      const { db, m } = await meetingFor(c, c.req.valid("param").id, "meetings.schedule", "minutes");
      if (m.version !== body.version) throw await stale(db, m.id);
      const [current, files, corrections] = await db.batch([
        db.select().from(agendaItems).where(eq(agendaItems.meetingId, m.id)),
        db.select({ agendaItemId: materials.agendaItemId }).from(materials).where(eq(materials.meetingId, m.id)),
        db.select({ agendaItemId: minutesCorrections.agendaItemId }).from(minutesCorrections).where(eq(minutesCorrections.meetingId, m.id)),
      ]);
      const known = new Map(current.map((i) => [i.id, i]));
      const badId = body.items.findIndex((i) => i.id && !known.has(i.id));
      if (badId >= 0) throw badRequest(`items.${badId}.id`, "Not an item of this meeting's agenda.");
      await checkAgendaRevisions(db, body.items, "items");
      const kept = new Set(body.items.map((i) => i.id).filter(Boolean));
      const removed = current.filter((i) => !kept.has(i.id));
      const busy = removed.find((i) => i.minutes.trim() || files.some((f) => f.agendaItemId === i.id) || corrections.some((x) => x.agendaItemId === i.id));
      if (busy) throw conflict(`"${busy.title}" has minutes, materials or corrections; it cannot be removed.`);
      const now = new Date().toISOString();
      const next = body.items.map((i, n) => ({
        id: i.id ?? newId(),
        meetingId: m.id,
        position: n + 1,
        title: i.title,
        revisionId: i.revisionId ?? null,
        minutes: i.id ? known.get(i.id)!.minutes : "",
        minutesVersion: i.id ? known.get(i.id)!.minutesVersion : 0,
      }));
      // The agenda is versioned with its meeting: the meeting's version guards the whole list.
      const guard = versionedUpdate(db, meetings, { row: eq(meetings.id, m.id), version: meetings.version, base: m.version, set: {}, stamp: { updatedAt: now } });
      const applied = guard.won;
      const summary = (list: { title: string; revisionId: string | null }[]) => list.map((i) => (i.revisionId ? `${i.title} [${i.revisionId}]` : i.title));
      await writeGuarded(
        auditContext(c),
        guard,
        [{ action: "meeting.agenda", targetType: "meeting", targetId: m.id, before: { agenda: summary(current.sort((a, b) => a.position - b.position)) }, after: { agenda: summary(next) } }],
        {
          // Each applies only if the guard won the race. Kept items are updated in
          // place: minutes versions, materials and corrections point at them.
          then: [
            ...removed.map((i) => db.delete(agendaItems).where(and(eq(agendaItems.id, i.id), applied))),
            ...next.map((item) =>
              known.has(item.id)
                ? db.update(agendaItems).set({ position: item.position, title: item.title, revisionId: item.revisionId }).where(and(eq(agendaItems.id, item.id), applied))
                : insertIf(db, agendaItems, item, applied),
            ),
          ],
          stale: () => stale(db, m.id),
        },
      );
      return c.json({ version: m.version + 1, items: next.map(({ minutes: _m, minutesVersion: _v, ...i }) => i) }, 200);
    },
  )
  .put(
    "/:id/reply",
    describeRoute({ tags: ["meetings"], summary: "Say how you will take part: in person, online, or not attending", responses: { 200: jsonResponse("Done"), ...errors(400, 401, 404, 409) } }),
    v("param", MeetingParam),
    v("json", ReplyBody),
    async (c) => {
      const { reply } = c.req.valid("json");
      const { db, m, actor } = await meetingFor(c, c.req.valid("param").id, "meetings.reply");
      if (hasEnded(m)) throw conflict("This meeting has ended.");
      if (reply === "in_person" && m.format === "online") throw badRequest("reply", "This meeting is online only.");
      if (reply === "online" && m.format === "in_person") throw badRequest("reply", "This meeting has no online participation.");
      const [before] = await db.select({ reply: meetingReplies.reply }).from(meetingReplies).where(and(eq(meetingReplies.meetingId, m.id), eq(meetingReplies.userId, actor.userId)));
      const now = new Date().toISOString();
      await writeAudited(
        auditContext(c),
        [{ action: "meeting.reply", targetType: "meeting", targetId: m.id, before: before ?? null, after: { reply } }],
        [
          db
            .insert(meetingReplies)
            .values({ meetingId: m.id, userId: actor.userId, seatId: actor.seatId, reply, repliedAt: now })
            .onConflictDoUpdate({ target: [meetingReplies.meetingId, meetingReplies.userId], set: { reply, repliedAt: now, seatId: actor.seatId } }),
        ],
      );
      return c.json({ reply, repliedAt: now }, 200);
    },
  )
  .put(
    "/:id/attendance",
    describeRoute({ tags: ["meetings"], summary: "Record seats in the attendance register: present, absent or excused", responses: { 200: jsonResponse("Done"), ...errors(400, 401, 404, 409) } }),
    v("param", MeetingParam),
    v("json", AttendanceBody),
    async (c) => {
      const { entries } = c.req.valid("json");
      const { db, m, actor } = await meetingFor(c, c.req.valid("param").id, "meetings.keepRegister", "minutes");
      if (Date.parse(m.startsAt) - REGISTER_OPENS_BEFORE_MS > Date.now()) throw conflict("The register opens an hour before the meeting starts.");
      const ids = [...new Set(entries.map((e) => e.seatId))];
      const [allowed, before] = await db.batch([
        m.trackId == null
          ? db.select({ id: seats.id }).from(seats).where(inArray(seats.id, ids))
          : db.select({ id: trackSeats.seatId }).from(trackSeats).where(and(eq(trackSeats.trackId, m.trackId), inArray(trackSeats.seatId, ids))),
        db.select({ seatId: attendance.seatId, status: attendance.status }).from(attendance).where(and(eq(attendance.meetingId, m.id), inArray(attendance.seatId, ids))),
      ]);
      const ok = new Set(allowed.map((s) => s.id));
      const bad = entries.findIndex((e) => !ok.has(e.seatId));
      if (bad >= 0) throw badRequest(`entries.${bad}.seatId`, "This seat does not take part in this meeting.");
      const now = new Date().toISOString();
      await writeAudited(
        auditContext(c),
        [{ action: "meeting.attendance", targetType: "meeting", targetId: m.id, before: Object.fromEntries(before.map((b) => [b.seatId, b.status])), after: Object.fromEntries(entries.map((e) => [e.seatId, e.status])) }],
        // D1 allows 100 bound values per statement: 15 rows of 5 (and 2 for the update) stay under it.
        chunk(entries, 15).map((part) =>
          db
            .insert(attendance)
            .values(part.map((e) => ({ meetingId: m.id, seatId: e.seatId, status: e.status, recordedBy: actor.userId, recordedAt: now })))
            .onConflictDoUpdate({ target: [attendance.meetingId, attendance.seatId], set: { status: sql`excluded.status`, recordedBy: actor.userId, recordedAt: now } }),
        ),
      );
      return c.json({ recorded: entries.length }, 200);
    },
  );

