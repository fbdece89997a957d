// Positions of seats on a revision, the consensus board, and the Chair's
// procedures: consensus rounds and silence procedures.
import { and, asc, desc, eq, inArray, lt, sql } from "drizzle-orm";
import { Hono } from "hono";
import { describeRoute } from "hono-openapi";
import { errors, jsonResponse } from "../openapi";
import { auditContext, writeAudited } from "../audit";
import { newId } from "../auth/crypto";
import { documents, positionDelegates, positionHistory, positions, procedures, revisionParagraphs, revisions, seats, users } from "../db/schema";
import type { AppEnv, Db } from "../env";
import { badRequest, conflict, notFound } from "../errors";
import { type Actor, authorize, can, type SignedIn } from "../policy";
import { v } from "../validation";
import { type DocumentRow, documentScope, loadDocument, selectDocument, visibleOr404 } from "../documents/access";
import { findRevision } from "../documents/revisions";
import { RevisionParam } from "../documents/schemas";
import { revisionLabel } from "../documents/types";
import { personNameFor } from "../people";
import { buildBoard } from "./board";
import { refusal, writePosition } from "./positions";
import { closeByChair, openProcedure, type ProcedureRow, type RevisionRow } from "./procedures";
import { CloseBody, ConfirmBody, DelegatesBody, MIN_SILENCE_HOURS, PositionBody, ProcedureBody, ProcedureParam } from "./schemas";

const presentProcedure = (p: ProcedureRow) => ({
  id: p.id,
  kind: p.kind,
  openedAt: p.openedAt,
  deadline: p.deadline,
  deadlineTimeZone: p.deadlineTimeZone,
  status: p.status,
  closedAt: p.closedAt,
  closedBy: p.closedBy,
  decision: p.decision,
  broken: p.brokenBySeat ? { seatId: p.brokenBySeat, userId: p.brokenByUser, text: p.brokenText, at: p.closedAt } : null,
});

/** Positions may change only while nothing has closed the question. */
function assertPositionsOpen(revision: RevisionRow, open: ProcedureRow | undefined, now: string) {
  if (revision.adoptedAt) throw conflict(`${revisionLabel(revision.number)} was adopted and is locked.`);
  if (open && open.deadline <= now) throw conflict(`The deadline for positions on ${revisionLabel(revision.number)} passed on ${open.deadline} (UTC).`);
}

async function positionScope(db: Db, actor: SignedIn, doc: DocumentRow) {
  const allowed = actor.seatId
    ? await db.select({ userId: positionDelegates.userId }).from(positionDelegates).where(eq(positionDelegates.seatId, actor.seatId))
    : [];
  return { ...documentScope(doc), seatId: actor.seatId, positionDelegateIds: allowed.map((a) => a.userId) };
}

/** The person who may record their seat's position on this document: 401 when anonymous, 403 otherwise. */
async function authorizePosition(db: Db, actor: Actor, doc: DocumentRow): Promise<SignedIn> {
  if (actor.kind !== "user") return authorize(actor, "positions.record");
  return authorize(actor, "positions.record", await positionScope(db, actor, doc));
}

async function openProcedureOn(db: Db, revisionId: string) {
  return db.query.procedures.findFirst({ where: and(eq(procedures.revisionId, revisionId), eq(procedures.status, "open")) });
}

export const consensusRoutes = new Hono<AppEnv>()
  .get(
    "/documents/:id/revisions/:n/board",
    describeRoute({ tags: ["consensus"], summary: "The consensus board: tallies by constituency, concerns, most-reserved paragraphs, seats yet to respond, procedures", responses: { 200: jsonResponse("The consensus board: tallies by constituency, concerns, most-reserved paragraphs, seats yet to respond, procedures"), ...errors(400, 401, 403, 404) } }),
    v("param", RevisionParam),
    async (c) => {
      const db = c.get("db");
      const actor = c.get("actor");
      const { id, n } = c.req.valid("param");
      const [[doc], revs, seatRows, paras] = await db.batch([
        selectDocument(db, id),
        db.select().from(revisions).where(eq(revisions.documentId, id)),
        db.select({ id: seats.id, name: seats.name, kind: seats.kind, regionalGroup: seats.regionalGroup, stakeholderGroup: seats.stakeholderGroup }).from(seats).orderBy(asc(seats.name)),
        db
          .select({ pid: revisionParagraphs.paragraphId, number: revisionParagraphs.number })
          .from(revisionParagraphs)
          .innerJoin(revisions, eq(revisions.id, revisionParagraphs.revisionId))
          .where(and(eq(revisions.documentId, id), eq(revisions.number, n))),
      ]);
      const d = visibleOr404(actor, doc);
      // The board is the members' deliberation, even on a public text.
      authorize(actor, "deliberations.view", documentScope(d));
      const revision = revs.find((r) => r.number === n);
      if (!revision) throw notFound(`${revisionLabel(n)} of this document`);
      const earlierIds = revs.filter((r) => r.number < n).map((r) => r.id);
      const selectPosition = {
        seatId: positions.seatId,
        stance: positions.stance,
        explanation: positions.explanation,
        paragraphIds: positions.paragraphIds,
        recordedAt: positions.recordedAt,
        recordedByName: users.name,
        recordedByNamePublic: users.namePublic,
        version: positions.version,
        confirmedFrom: positions.confirmedFrom,
        revisionNumber: revisions.number,
      };
      const [current, earlier, procs] = await db.batch([
        db.select(selectPosition).from(positions).innerJoin(revisions, eq(revisions.id, positions.revisionId)).leftJoin(users, eq(users.id, positions.recordedBy)).where(eq(positions.revisionId, revision.id)),
        db
          .select(selectPosition)
          .from(positions)
          .innerJoin(revisions, eq(revisions.id, positions.revisionId))
          .leftJoin(users, eq(users.id, positions.recordedBy))
          .where(earlierIds.length ? inArray(positions.revisionId, earlierIds) : sql`0`),
        db.select().from(procedures).where(eq(procedures.revisionId, revision.id)).orderBy(desc(procedures.openedAt)),
      ]);
      const named = <P extends { recordedByName: string | null; recordedByNamePublic: boolean | null }>(p: P) => ({
        ...p,
        recordedByName: personNameFor(actor, { name: p.recordedByName, namePublic: p.recordedByNamePublic }),
      });
      const board = buildBoard(seatRows, current.map(named), earlier.map(named), new Map(paras.map((p) => [p.pid, p.number])));
      const mine = actor.kind === "user" && actor.seatId ? board.seats.find((s) => s.seat.id === actor.seatId) ?? null : null;
      const scope = actor.kind === "user" ? await positionScope(db, actor, d) : documentScope(d);
      return c.json(
        {
          document: { id: d.id, title: d.title, symbol: d.symbol, trackId: d.trackId },
          revision: { number: revision.number, label: revisionLabel(revision.number), adoptedAt: revision.adoptedAt, latest: Math.max(...revs.map((r) => r.number)) },
          ...board,
          procedures: procs.map(presentProcedure),
          mine,
          permissions: { record: can(actor, "positions.record", scope), run: can(actor, "consensus.run", documentScope(d)) },
        },
        200,
      );
    },
  )
  .put(
    "/documents/:id/revisions/:n/position",
    describeRoute({ tags: ["consensus"], summary: "Record one's seat's position; 409 when another delegate of the seat changed it since baseVersion, or the deadline passed", responses: { 200: jsonResponse("Done"), ...errors(400, 401, 404, 409) } }),
    v("param", RevisionParam),
    v("json", PositionBody),
    async (c) => {
      const db = c.get("db");
      const { id, n } = c.req.valid("param");
      const body = c.req.valid("json");
      const doc = await loadDocument(db, c.get("actor"), id);
      const actor = c.get("actor");
      const who = await authorizePosition(db, actor, doc);
      const revision = await findRevision(db, doc.id, n);
      const now = new Date().toISOString();
      assertPositionsOpen(revision, await openProcedureOn(db, revision.id), now);
      const paragraphIds = [...new Set(body.paragraphIds ?? [])];
      if (paragraphIds.length) {
        const found = await db
          .select({ pid: revisionParagraphs.paragraphId })
          .from(revisionParagraphs)
          .where(and(eq(revisionParagraphs.revisionId, revision.id), inArray(revisionParagraphs.paragraphId, paragraphIds)));
        if (found.length !== paragraphIds.length) throw badRequest("paragraphIds", `Name paragraphs of ${revisionLabel(n)} of this document.`);
      }
      const seatId = who.seatId!;
      const value = { stance: body.stance, explanation: body.explanation || null, paragraphIds: JSON.stringify(paragraphIds), recordedBy: who.userId, recordedAt: now, confirmedFrom: null };
      const written = await writePosition(auditContext(c), revision, seatId, value, body.baseVersion, "record");
      if (!written) throw await refusal(db, revision, seatId);
      const { version, silenceBroken } = written;
      return c.json({ position: { seatId, ...value, paragraphIds, version }, silenceBroken }, 200);
    },
  )
  .post(
    "/documents/:id/revisions/:n/position/confirm",
    describeRoute({ tags: ["consensus"], summary: "Confirm for this revision the position the seat gave on an earlier text", responses: { 200: jsonResponse("Done"), ...errors(400, 401, 404, 409) } }),
    v("param", RevisionParam),
    v("json", ConfirmBody),
    async (c) => {
      const db = c.get("db");
      const { id, n } = c.req.valid("param");
      const doc = await loadDocument(db, c.get("actor"), id);
      const actor = c.get("actor");
      const who = await authorizePosition(db, actor, doc);
      const revision = await findRevision(db, doc.id, n);
      const now = new Date().toISOString();
      assertPositionsOpen(revision, await openProcedureOn(db, revision.id), now);
      const [previous] = await db
        .select({ position: positions, number: revisions.number })
        .from(positions)
        .innerJoin(revisions, eq(revisions.id, positions.revisionId))
        .where(and(eq(revisions.documentId, doc.id), lt(revisions.number, n), eq(positions.seatId, who.seatId!)))
        .orderBy(desc(revisions.number))
        .limit(1);
      if (!previous) throw conflict("Your seat gave no position on an earlier text; record one instead.");
      const p = previous.position;
      if (p.stance === "reservation" || p.stance === "objection") {
        // Paragraph identities carry over; paragraphs deleted since drop out of the reservation.
        const still = await db.select({ pid: revisionParagraphs.paragraphId }).from(revisionParagraphs).where(eq(revisionParagraphs.revisionId, revision.id));
        const kept = new Set(still.map((s) => s.pid));
        p.paragraphIds = JSON.stringify((JSON.parse(p.paragraphIds) as string[]).filter((pid) => kept.has(pid)));
      }
      const value = { stance: p.stance, explanation: p.explanation, paragraphIds: p.paragraphIds, recordedBy: who.userId, recordedAt: now, confirmedFrom: previous.number };
      // An objection confirmed for this text breaks silence exactly as one recorded anew.
      const written = await writePosition(auditContext(c), revision, who.seatId!, value, c.req.valid("json").baseVersion, "confirm");
      if (!written) throw await refusal(db, revision, who.seatId!);
      const { version, silenceBroken } = written;
      return c.json({ position: { seatId: who.seatId, ...value, paragraphIds: JSON.parse(value.paragraphIds) as string[], version }, silenceBroken }, 200);
    },
  )
  .get(
    "/documents/:id/revisions/:n/position/history",
    describeRoute({ tags: ["consensus"], summary: "Every change of every seat's position on this revision: who, when, what", responses: { 200: jsonResponse("Every change of every seat's position on this revision: who, when, what"), ...errors(400, 401, 403, 404) } }),
    v("param", RevisionParam),
    async (c) => {
      const db = c.get("db");
      const { id, n } = c.req.valid("param");
      const actor = c.get("actor");
      const doc = await loadDocument(db, actor, id);
      authorize(actor, "deliberations.view", documentScope(doc));
      const revision = await findRevision(db, doc.id, n);
      const rows = await db
        .select({ seatId: positionHistory.seatId, seatName: seats.name, stance: positionHistory.stance, explanation: positionHistory.explanation, recordedAt: positionHistory.recordedAt, recordedBy: users.name, recordedByNamePublic: users.namePublic, kind: positionHistory.kind })
        .from(positionHistory)
        .innerJoin(seats, eq(seats.id, positionHistory.seatId))
        .leftJoin(users, eq(users.id, positionHistory.recordedBy))
        .where(eq(positionHistory.revisionId, revision.id))
        .orderBy(desc(positionHistory.id))
        .limit(500);
      return c.json({ history: rows.map(({ recordedByNamePublic, ...r }) => ({ ...r, recordedBy: personNameFor(actor, { name: r.recordedBy, namePublic: recordedByNamePublic }) })) }, 200);
    },
  )
  .post(
    "/documents/:id/revisions/:n/procedures",
    describeRoute({ tags: ["consensus"], summary: "Open a consensus round, or put the revision under a silence procedure (deadline at least 72 hours away)", responses: { 201: jsonResponse("Created"), ...errors(400, 401, 404, 409) } }),
    v("param", RevisionParam),
    v("json", ProcedureBody),
    async (c) => {
      const db = c.get("db");
      const { id, n } = c.req.valid("param");
      const body = c.req.valid("json");
      const doc = await loadDocument(db, c.get("actor"), id);
      const chair = authorize(c.get("actor"), "consensus.run", documentScope(doc));
      const revision = await findRevision(db, doc.id, n);
      if (revision.adoptedAt) throw conflict(`${revisionLabel(n)} was adopted and is locked.`);
      const deadline = new Date(body.deadline);
      const now = new Date();
      if (body.kind === "silence" && deadline.getTime() - now.getTime() < MIN_SILENCE_HOURS * 3_600_000) {
        throw badRequest("deadline", `A silence procedure runs at least ${MIN_SILENCE_HOURS} hours.`);
      }
      if (deadline <= now) throw badRequest("deadline", "The deadline must be in the future.");
      const row = await openProcedure(auditContext(c), c.env, doc, revision, chair.userId, {
        kind: body.kind,
        deadline: deadline.toISOString(),
        deadlineTimeZone: body.deadlineTimeZone,
        remindBeforeHours: body.remindBeforeHours ?? 24,
      });
      return c.json({ procedure: presentProcedure(row) }, 201);
    },
  )
  .post(
    "/documents/:id/revisions/:n/procedures/:pid/close",
    describeRoute({ tags: ["consensus"], summary: "The Chair closes a procedure by hand with a recorded decision", responses: { 200: jsonResponse("Done"), ...errors(400, 401, 404) } }),
    v("param", ProcedureParam),
    v("json", CloseBody),
    async (c) => {
      const db = c.get("db");
      const { id, n, pid } = c.req.valid("param");
      const { outcome, decision } = c.req.valid("json");
      const doc = await loadDocument(db, c.get("actor"), id);
      const chair = authorize(c.get("actor"), "consensus.run", documentScope(doc));
      const revision = await findRevision(db, doc.id, n);
      const proc = await db.query.procedures.findFirst({ where: and(eq(procedures.id, pid), eq(procedures.revisionId, revision.id)) });
      if (!proc) throw notFound("The procedure");
      const closed = await closeByChair(auditContext(c), c.env, doc, revision, proc, chair.userId, { outcome, decision });
      return c.json({ procedure: closed }, 200);
    },
  )
  .get("/consensus/position-delegates", describeRoute({ tags: ["consensus"], summary: "Delegates allowed to record one's seat's positions (for its head)", responses: { 200: jsonResponse("Delegates allowed to record one's seat's positions (for its head)"), ...errors(401, 403) } }), async (c) => {
    const actor = c.get("actor");
    const head = authorize(actor, "positions.allowDelegates", { seatId: actor.kind === "user" ? actor.seatId : null });
    const db = c.get("db");
    const [colleagues, allowed] = await db.batch([
      db.select({ id: users.id, name: users.name, seatRole: users.seatRole }).from(users).where(and(eq(users.seatId, head.seatId!), eq(users.active, true))).orderBy(asc(users.name)),
      db.select({ userId: positionDelegates.userId }).from(positionDelegates).where(eq(positionDelegates.seatId, head.seatId!)),
    ]);
    const ids = new Set(allowed.map((a) => a.userId));
    return c.json({ delegates: colleagues.filter((u) => u.seatRole === "delegate").map((u) => ({ id: u.id, name: u.name, allowed: ids.has(u.id) })) }, 200);
  })
  .put(
    "/consensus/position-delegates",
    describeRoute({ tags: ["consensus"], summary: "The head of delegation chooses which delegates may record the seat's positions", responses: { 200: jsonResponse("Done"), ...errors(400, 401) } }),
    v("json", DelegatesBody),
    async (c) => {
      const actor = c.get("actor");
      const head = authorize(actor, "positions.allowDelegates", { seatId: actor.kind === "user" ? actor.seatId : null });
      const db = c.get("db");
      const { userIds } = c.req.valid("json");
      const wanted = [...new Set(userIds)];
      const valid = wanted.length
        ? await db.select({ id: users.id }).from(users).where(and(inArray(users.id, wanted), eq(users.seatId, head.seatId!), eq(users.seatRole, "delegate")))
        : [];
      if (valid.length !== wanted.length) throw badRequest("userIds", "Choose delegates of your own seat.");
      const before = await db.select({ userId: positionDelegates.userId }).from(positionDelegates).where(eq(positionDelegates.seatId, head.seatId!));
      const now = new Date().toISOString();
      await writeAudited(
        auditContext(c),
        [{ action: "seat.position_delegates", targetType: "seat", targetId: head.seatId, before: before.map((b) => b.userId), after: wanted }],
        [
          db.delete(positionDelegates).where(eq(positionDelegates.seatId, head.seatId!)),
          ...wanted.map((userId) => db.insert(positionDelegates).values({ seatId: head.seatId!, userId, grantedBy: head.userId, grantedAt: now })),
        ],
      );
      return c.json({ userIds: wanted }, 200);
    },
  )
  .get("/consensus/pending", describeRoute({ tags: ["consensus"], summary: "Revisions on which one's seat has not (re-)confirmed a position, with deadlines", responses: { 200: jsonResponse("Revisions on which one's seat has not (re-)confirmed a position, with deadlines") } }), async (c) => {
    const actor = c.get("actor");
    if (actor.kind !== "user" || !actor.seatId) return c.json({ items: [] }, 200);
    const db = c.get("db");
    // Latest revision of each document, its open procedure, and whether this seat has a position on it.
    const rows = await db.all<{ document_id: string; title: string; track_id: number | null; visibility: "members" | "public"; number: number; deadline: string | null; kind: string | null; has_position: number; earlier_stance: string | null; earlier_number: number | null }>(sql`
      SELECT d.id AS document_id, d.title, d.track_id, d.visibility, r.number, pr.deadline, pr.kind,
        EXISTS (SELECT 1 FROM positions p WHERE p.revision_id = r.id AND p.seat_id = ${actor.seatId}) AS has_position,
        (SELECT p2.stance FROM positions p2 JOIN revisions r2 ON r2.id = p2.revision_id WHERE r2.document_id = d.id AND r2.number < r.number AND p2.seat_id = ${actor.seatId} ORDER BY r2.number DESC LIMIT 1) AS earlier_stance,
        (SELECT r2.number FROM positions p2 JOIN revisions r2 ON r2.id = p2.revision_id WHERE r2.document_id = d.id AND r2.number < r.number AND p2.seat_id = ${actor.seatId} ORDER BY r2.number DESC LIMIT 1) AS earlier_number
      FROM documents d
      JOIN revisions r ON r.document_id = d.id AND r.number = (SELECT max(number) FROM revisions WHERE document_id = d.id)
      LEFT JOIN procedures pr ON pr.revision_id = r.id AND pr.status = 'open'
      WHERE r.adopted_at IS NULL AND (pr.id IS NOT NULL OR EXISTS (SELECT 1 FROM positions p3 JOIN revisions r3 ON r3.id = p3.revision_id WHERE r3.document_id = d.id AND p3.seat_id = ${actor.seatId}))
      ORDER BY pr.deadline IS NULL, pr.deadline`);
    const items = rows
      .filter((r) => !r.has_position && can(actor, "documents.view", { trackId: r.track_id, visibility: r.visibility }))
      .map((r) => ({
        documentId: r.document_id,
        title: r.title,
        revision: { number: r.number, label: revisionLabel(r.number) },
        procedure: r.kind ? { kind: r.kind, deadline: r.deadline } : null,
        earlier: r.earlier_stance ? { stance: r.earlier_stance, label: revisionLabel(r.earlier_number!) } : null,
      }));
    return c.json({ items }, 200);
  });
