// Minutes per agenda item: draft → circulated for corrections within a window →
// approved and locked. Every saved text is kept; attendees submit corrections.
import { and, asc, desc, eq, sql } from "drizzle-orm";
import { type Context, Hono } from "hono";
import { describeRoute } from "hono-openapi";
import { errors, jsonResponse } from "../openapi";
import { auditContext, writeAudited } from "../audit";
import { newId } from "../auth/crypto";
import { agendaItems, attendance, meetingReplies, meetings, minutesCorrections, minutesVersions, seats, users } from "../db/schema";
import { aliased } from "../db/alias";
import { insertIf } from "../db/insert-if";
import { guardedUpdate, versionedUpdate, writeGuarded } from "../db/guarded";
import { type AppEnv, type Db, publicOrigin } from "../env";
import { badRequest, conflict, notFound } from "../errors";
import { type Actor, authorize, can } from "../policy";
import { personNameFor } from "../people";
import { v } from "../validation";
import { assertOpen, hasStarted, instantOr400, loadMeeting, meetingFor, type MeetingRow, meetingScope } from "./access";
import { mailParticipants, minutesLetter } from "./mail";
import { CirculateBody, CorrectionBody, CorrectionParam, ItemParam, MeetingParam, MinutesItemBody, ResolveCorrectionBody } from "./schemas";

/** Whether the actor's seat was marked present, or they said they would attend. */
async function attended(db: Db, actor: Actor, meetingId: string) {
  if (actor.kind !== "user") return false;
  const [row] = await db
    .select({ n: sql<number>`1` })
    .from(meetings)
    .where(
      and(
        eq(meetings.id, meetingId),
        sql`(exists (select 1 from ${attendance} where ${attendance.meetingId} = ${meetingId} and ${attendance.seatId} = ${actor.seatId} and ${attendance.status} = 'present')
          or exists (select 1 from ${meetingReplies} where ${meetingReplies.meetingId} = ${meetingId} and ${meetingReplies.userId} = ${actor.userId} and ${meetingReplies.reply} <> 'not_attending'))`,
      ),
    );
  return !!row;
}

const correctionsOpen = (m: MeetingRow, now = Date.now()) =>
  m.minutesStatus === "circulated" && !!m.correctionsCloseAt && Date.parse(m.correctionsCloseAt) > now;

const closingTime = (closesAt: string, zone: string) => new Date(instantOr400(closesAt, zone, "closesAt")).toISOString();

const staleMinutes = (current: { text: string | undefined; version: number | undefined }) =>
  conflict("Someone saved newer minutes for this item. Review them before saving again.", { current });

/** The meeting, for someone who keeps its minutes, while they are not locked. */
const meetingForKeeper = (c: Context<AppEnv>, id: string) => meetingFor(c, id, "minutes.keep", "minutes");

/** Moves the minutes' stage only if nobody moved it first (409 otherwise); `won` once this move is on record. */
const stageUpdate = (db: Db, m: MeetingRow, stage: Partial<MeetingRow>, now: string) =>
  guardedUpdate(db, meetings, { row: eq(meetings.id, m.id), when: eq(meetings.minutesStatus, m.minutesStatus), set: { version: m.version + 1 }, stamp: { ...stage, updatedAt: now } });

export const minutesRoutes = new Hono<AppEnv>()
  .get("/:id/minutes", describeRoute({ tags: ["minutes"], summary: "The minutes of a meeting, item by item, with corrections", responses: { 200: jsonResponse("The minutes of a meeting, item by item, with corrections"), ...errors(400, 404) } }), v("param", MeetingParam), async (c) => {
    const db = c.get("db");
    const actor = c.get("actor");
    const m = await loadMeeting(db, actor, c.req.valid("param").id);
    const signedIn = actor.kind === "user";
    const [items, corrections] = await db.batch([
      db
        .select({ id: agendaItems.id, position: agendaItems.position, title: agendaItems.title, minutes: agendaItems.minutes, version: agendaItems.minutesVersion })
        .from(agendaItems)
        .where(eq(agendaItems.meetingId, m.id))
        .orderBy(asc(agendaItems.position)),
      db
        .select({
          id: minutesCorrections.id,
          agendaItemId: minutesCorrections.agendaItemId,
          text: minutesCorrections.text,
          status: minutesCorrections.status,
          response: minutesCorrections.response,
          createdAt: minutesCorrections.createdAt,
          resolvedAt: minutesCorrections.resolvedAt,
          author: users.name,
          authorPublic: users.namePublic,
          seat: aliased(seats.name, "seat_name"),
        })
        .from(minutesCorrections)
        .innerJoin(users, eq(users.id, minutesCorrections.userId))
        .leftJoin(seats, eq(seats.id, minutesCorrections.seatId))
        .where(eq(minutesCorrections.meetingId, m.id))
        .orderBy(asc(minutesCorrections.createdAt)),
    ]);
    const scope = meetingScope(m);
    const keeper = can(actor, "minutes.keep", scope);
    // Draft minutes are the keepers' working text; everyone else reads them once circulated.
    const readable = keeper || m.minutesStatus !== "draft";
    return c.json(
      {
        meeting: { id: m.id, title: m.title, startsAt: m.startsAt, endsAt: m.endsAt, timeZone: m.timeZone, status: m.status, version: m.version },
        status: m.minutesStatus,
        correctionsCloseAt: m.correctionsCloseAt,
        approvedAt: m.minutesApprovedAt,
        items: items.map((i) => ({ ...i, minutes: readable ? i.minutes : "" })),
        corrections: signedIn ? corrections.map(({ author, authorPublic, ...k }) => ({ ...k, author: personNameFor(actor, { name: author, namePublic: authorPublic }) })) : [],
        permissions: {
          keep: keeper && m.minutesStatus !== "approved" && m.status !== "cancelled",
          correct: correctionsOpen(m) && can(actor, "minutes.correct", { ...scope, attended: await attended(db, actor, m.id) }),
        },
      },
      200,
    );
  })
  .get(
    "/:id/minutes/items/:itemId/history",
    describeRoute({ tags: ["minutes"], summary: "Every saved text of one item's minutes", responses: { 200: jsonResponse("Every saved text of one item's minutes"), ...errors(400, 401, 403, 404) } }),
    v("param", ItemParam),
    async (c) => {
      const db = c.get("db");
      const { id, itemId } = c.req.valid("param");
      const m = await loadMeeting(db, c.get("actor"), id);
      authorize(c.get("actor"), "meetings.reply", meetingScope(m));
      const [item, rows] = await db.batch([
        db.select({ id: agendaItems.id }).from(agendaItems).where(and(eq(agendaItems.id, itemId), eq(agendaItems.meetingId, m.id))),
        db
          .select({ version: minutesVersions.version, text: minutesVersions.text, stage: minutesVersions.stage, savedAt: minutesVersions.savedAt, savedBy: users.name, savedByPublic: users.namePublic })
          .from(minutesVersions)
          .innerJoin(users, eq(users.id, minutesVersions.savedBy))
          .where(eq(minutesVersions.agendaItemId, itemId))
          .orderBy(desc(minutesVersions.version)),
      ]);
      if (!item[0]) throw notFound("The agenda item");
      const keeper = can(c.get("actor"), "minutes.keep", meetingScope(m));
      const readable = keeper ? rows : rows.filter((r) => r.stage !== "draft");
      return c.json({ versions: readable.map(({ savedBy, savedByPublic, ...r }) => ({ ...r, savedBy: personNameFor(c.get("actor"), { name: savedBy, namePublic: savedByPublic }) })) }, 200);
    },
  )
  .put(
    "/:id/minutes/items/:itemId",
    describeRoute({ tags: ["minutes"], summary: "Save one item's minutes (versioned; a stale save gets 409)", responses: { 200: jsonResponse("Done"), ...errors(400, 401, 404, 409) } }),
    v("param", ItemParam),
    v("json", MinutesItemBody),
    async (c) => {
      const { id, itemId } = c.req.valid("param");
      const body = c.req.valid("json");
      const { db, m, actor } = await meetingForKeeper(c, id);
      const [item] = await db.select().from(agendaItems).where(and(eq(agendaItems.id, itemId), eq(agendaItems.meetingId, m.id)));
      if (!item) throw notFound("The agenda item");
      if (item.minutesVersion !== body.version) throw staleMinutes({ text: item.minutes, version: item.minutesVersion });
      const now = new Date().toISOString();
      const version = body.version + 1;
      const write = versionedUpdate(db, agendaItems, { row: eq(agendaItems.id, item.id), version: agendaItems.minutesVersion, base: body.version, set: {}, stamp: { minutes: body.text } });
      await writeGuarded(auditContext(c), write, [{ action: "minutes.save", targetType: "meeting", targetId: m.id, after: { item: item.id, version, stage: m.minutesStatus } }], {
        // Every saved text is kept, by the save that won.
        then: [insertIf(db, minutesVersions, { id: null, agendaItemId: item.id, version, text: body.text, stage: m.minutesStatus, savedBy: actor.userId, savedAt: now }, write.won)],
        stale: async () => {
          const [fresh] = await db.select().from(agendaItems).where(eq(agendaItems.id, item.id));
          return staleMinutes({ text: fresh?.minutes, version: fresh?.minutesVersion });
        },
      });
      return c.json({ version, savedAt: now }, 200);
    },
  )
  .post(
    "/:id/minutes/circulate",
    describeRoute({ tags: ["minutes"], summary: "Circulate the draft minutes for corrections until a closing time", responses: { 200: jsonResponse("Done"), ...errors(400, 401, 404, 409) } }),
    v("param", MeetingParam),
    v("json", CirculateBody),
    async (c) => {
      const body = c.req.valid("json");
      const { db, m } = await meetingForKeeper(c, c.req.valid("param").id);
      if (m.minutesStatus !== "draft") throw conflict("The minutes were already circulated.");
      if (!hasStarted(m)) throw conflict("Minutes can be circulated once the meeting has been held.");
      const closesAt = closingTime(body.closesAt, body.timeZone);
      if (Date.parse(closesAt) <= Date.now()) throw badRequest("closesAt", "The corrections window must close in the future.");
      const now = new Date().toISOString();
      const write = stageUpdate(db, m, { minutesStatus: "circulated", correctionsCloseAt: closesAt }, now);
      const mail = await mailParticipants(db, c.env, m.id, minutesLetter(m, `${publicOrigin(c.env)}/meetings/${m.id}/minutes`, closesAt), write.won);
      await writeGuarded(
        auditContext(c),
        write,
        [{ action: "minutes.circulate", targetType: "meeting", targetId: m.id, before: { minutesStatus: "draft" }, after: { minutesStatus: "circulated", correctionsCloseAt: closesAt } }],
        { then: mail, stale: () => conflict("The minutes were already circulated.") },
      );
      return c.json({ status: "circulated", correctionsCloseAt: closesAt }, 200);
    },
  )
  .put(
    "/:id/minutes/window",
    describeRoute({ tags: ["minutes"], summary: "Extend or shorten the corrections window (a time in the past closes it)", responses: { 200: jsonResponse("Done"), ...errors(400, 401, 404, 409) } }),
    v("param", MeetingParam),
    v("json", CirculateBody),
    async (c) => {
      const body = c.req.valid("json");
      const { db, m } = await meetingForKeeper(c, c.req.valid("param").id);
      if (m.minutesStatus !== "circulated") throw conflict("The minutes are not circulated for corrections.");
      // Closing early is allowed; a time in the past closes the window now.
      const closesAt = new Date(Math.max(Date.parse(closingTime(body.closesAt, body.timeZone)), Date.now())).toISOString();
      const now = new Date().toISOString();
      await writeAudited(
        auditContext(c),
        [{ action: "minutes.window", targetType: "meeting", targetId: m.id, before: { correctionsCloseAt: m.correctionsCloseAt }, after: { correctionsCloseAt: closesAt } }],
        [db.update(meetings).set({ correctionsCloseAt: closesAt, updatedAt: now }).where(eq(meetings.id, m.id))],
      );
      return c.json({ correctionsCloseAt: closesAt }, 200);
    },
  )
  .post("/:id/minutes/approve", describeRoute({ tags: ["minutes"], summary: "Approve the minutes; they are locked from then on", responses: { 200: jsonResponse("Done"), ...errors(400, 401, 404, 409) } }), v("param", MeetingParam), async (c) => {
    const { db, m, actor } = await meetingForKeeper(c, c.req.valid("param").id);
    if (m.minutesStatus !== "circulated") throw conflict("Circulate the minutes for corrections before approving them.");
    if (correctionsOpen(m)) throw conflict(`The corrections window is open until ${m.correctionsCloseAt} (UTC).`, { correctionsCloseAt: m.correctionsCloseAt });
    const [open] = await db.select({ n: sql<number>`count(*)` }).from(minutesCorrections).where(and(eq(minutesCorrections.meetingId, m.id), eq(minutesCorrections.status, "open")));
    if (open && open.n > 0) throw conflict(`${open.n} correction(s) still need an answer.`, { openCorrections: open.n });
    const now = new Date().toISOString();
    await writeGuarded(
      auditContext(c),
      stageUpdate(db, m, { minutesStatus: "approved", minutesApprovedAt: now, minutesApprovedBy: actor.userId }, now),
      [{ action: "minutes.approve", targetType: "meeting", targetId: m.id, before: { minutesStatus: "circulated" }, after: { minutesStatus: "approved" } }],
      { stale: () => conflict("The minutes were already approved.") },
    );
    return c.json({ status: "approved", approvedAt: now }, 200);
  })
  .post(
    "/:id/minutes/corrections",
    describeRoute({ tags: ["minutes"], summary: "Submit a correction to circulated minutes (attendees)", responses: { 201: jsonResponse("Created"), ...errors(400, 401, 404, 409) } }),
    v("param", MeetingParam),
    v("json", CorrectionBody),
    async (c) => {
      const db = c.get("db");
      const body = c.req.valid("json");
      const m = await loadMeeting(db, c.get("actor"), c.req.valid("param").id);
      const actor = authorize(c.get("actor"), "minutes.correct", { ...meetingScope(m), attended: await attended(db, c.get("actor"), m.id) });
      assertOpen(m, "minutes");
      if (!correctionsOpen(m)) throw conflict(m.minutesStatus === "draft" ? "The minutes have not been circulated yet." : "The corrections window has closed.");
      const [item] = await db.select({ id: agendaItems.id }).from(agendaItems).where(and(eq(agendaItems.id, body.agendaItemId), eq(agendaItems.meetingId, m.id)));
      if (!item) throw badRequest("agendaItemId", "Not an item of this meeting's agenda.");
      const row = { id: newId(), meetingId: m.id, agendaItemId: item.id, userId: actor.userId, seatId: actor.seatId, text: body.text, status: "open" as const, createdAt: new Date().toISOString() };
      await writeAudited(auditContext(c), [{ action: "minutes.correct", targetType: "meeting", targetId: m.id, after: { correction: row.id, item: item.id, text: body.text } }], [
        db.insert(minutesCorrections).values(row),
      ]);
      return c.json({ correction: row }, 201);
    },
  )
  .patch(
    "/:id/minutes/corrections/:correctionId",
    describeRoute({ tags: ["minutes"], summary: "Accept or decline a correction, with an answer", responses: { 200: jsonResponse("Done"), ...errors(400, 401, 404, 409) } }),
    v("param", CorrectionParam),
    v("json", ResolveCorrectionBody),
    async (c) => {
      const { id, correctionId } = c.req.valid("param");
      const body = c.req.valid("json");
      const { db, actor } = await meetingForKeeper(c, id);
      const now = new Date().toISOString();
      await writeGuarded(
        auditContext(c),
        guardedUpdate(db, minutesCorrections, {
          row: and(eq(minutesCorrections.id, correctionId), eq(minutesCorrections.meetingId, id)),
          when: eq(minutesCorrections.status, "open"),
          set: { status: body.status, response: body.response ?? null },
          stamp: { resolvedBy: actor.userId, resolvedAt: now },
        }),
        [
          {
            action: "minutes.resolveCorrection",
            targetType: "meeting",
            targetId: id,
            before: { correction: correctionId, status: "open" },
            after: { correction: correctionId, status: body.status, response: body.response ?? null },
          },
        ],
        {
          stale: async () => {
            const [exists] = await db.select({ id: minutesCorrections.id }).from(minutesCorrections).where(and(eq(minutesCorrections.id, correctionId), eq(minutesCorrections.meetingId, id)));
            return exists ? conflict("This correction was already answered.") : notFound("The correction");
          },
        },
      );
      return c.json({ status: body.status, resolvedAt: now }, 200);
    },
  );
