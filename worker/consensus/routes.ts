// Positions of seats on a revision, the consensus board, and the Chair's
// procedures: consensus rounds and silence procedures.
import { and, asc, desc, eq, inArray, lt, sql } from "drizzle-orm";
import { Hono } from "hono";
import { describeRoute } from "hono-openapi";
import { auditContext, writeAudited } from "../audit";
import { newId } from "../auth/crypto";
import { documents, positionDelegates, positionHistory, positions, procedures, revisionParagraphs, revisions, seats, users } from "../db/schema";
import type { AppEnv, Db } from "../env";
import { badRequest, conflict, notFound } from "../errors";
import { type Actor, authorize, can, type SignedIn } from "../policy";
import { v } from "../validation";
import { type DocumentRow, documentScope, loadDocument, selectDocument, visibleOr404 } from "../documents/access";
import { findRevision } from "../documents/routes";
import { RevisionParam } from "../documents/schemas";
import { revisionLabel } from "../documents/types";
import { buildBoard } from "./board";
import { mailHeads } from "./mail";
import { CloseBody, ConfirmBody, DelegatesBody, MIN_SILENCE_HOURS, PositionBody, ProcedureBody, ProcedureParam } from "./schemas";

type RevisionRow = typeof revisions.$inferSelect;
type ProcedureRow = typeof procedures.$inferSelect;

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

type PositionValue = Omit<typeof positions.$inferInsert, "revisionId" | "seatId" | "version">;

/**
 * The write of a seat's position: a first position is inserted only if none exists,
 * a change applies only to the version the delegate saw. Either way the loser of a
 * race matches nothing and gets 409. `applied` holds once this request's write stands.
 */
function positionWrite(db: Db, revisionId: string, seatId: string, value: PositionValue, baseVersion: number | null) {
  const version = (baseVersion ?? 0) + 1;
  const statement =
    baseVersion === null
      ? db.insert(positions).values({ revisionId, seatId, ...value, version }).onConflictDoNothing().returning({ version: positions.version })
      : db
          .update(positions)
          .set({ ...value, version })
          .where(and(eq(positions.revisionId, revisionId), eq(positions.seatId, seatId), eq(positions.version, baseVersion)))
          .returning({ version: positions.version });
  const applied = sql`exists (select 1 from positions where revision_id = ${revisionId} and seat_id = ${seatId} and version = ${version} and recorded_at = ${value.recordedAt} and recorded_by = ${value.recordedBy})`;
  return { statement, applied, version };
}

async function openProcedure(db: Db, revisionId: string) {
  return db.query.procedures.findFirst({ where: and(eq(procedures.revisionId, revisionId), eq(procedures.status, "open")) });
}

export const consensusRoutes = new Hono<AppEnv>()
  .get(
    "/documents/:id/revisions/:n/board",
    describeRoute({ tags: ["consensus"], summary: "The consensus board: tallies by constituency, concerns, most-reserved paragraphs, seats yet to respond, procedures" }),
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
      const board = buildBoard(seatRows, current, earlier, new Map(paras.map((p) => [p.pid, p.number])));
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
    describeRoute({ tags: ["consensus"], summary: "Record one's seat's position; 409 when another delegate of the seat changed it since baseVersion, or the deadline passed" }),
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
      const open = await openProcedure(db, revision.id);
      assertPositionsOpen(revision, open, now);
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
      const { statement, applied: mineNow, version } = positionWrite(db, revision.id, seatId, value, body.baseVersion);
      const breaksSilence = body.stance === "objection" && open?.kind === "silence";
      const result = await writeAudited(
        auditContext(c),
        [
          { action: "position.record", targetType: "revision", targetId: revision.id, after: { seatId, ...value, version }, onlyIf: mineNow },
          ...(breaksSilence ? [{ action: "procedure.broken", targetType: "procedure", targetId: open!.id, after: { seatId, text: value.explanation }, onlyIf: mineNow }] : []),
        ],
        [
          statement,
          db.insert(positionHistory).select(
            db
              .select({
                id: sql<null>`NULL`.as("id"),
                revisionId: positions.revisionId,
                seatId: positions.seatId,
                stance: positions.stance,
                explanation: positions.explanation,
                paragraphIds: positions.paragraphIds,
                recordedBy: positions.recordedBy,
                recordedAt: positions.recordedAt,
                kind: sql<"record">`'record'`.as("kind"),
              })
              .from(positions)
              .where(mineNow),
          ),
          // One objection breaks silence, at once.
          ...(breaksSilence
            ? [
                db
                  .update(procedures)
                  .set({ status: "broken", closedAt: now, brokenBySeat: seatId, brokenByUser: who.userId, brokenText: value.explanation })
                  .where(and(eq(procedures.id, open!.id), eq(procedures.status, "open"), mineNow)),
              ]
            : []),
        ],
      );
      if ((result[0] as unknown[]).length === 0) {
        const current = await db.query.positions.findFirst({ where: and(eq(positions.revisionId, revision.id), eq(positions.seatId, seatId)) });
        throw conflict("Another delegate of your seat changed its position meanwhile. Review it before changing it again.", { current });
      }
      return c.json({ position: { seatId, ...value, paragraphIds, version }, silenceBroken: breaksSilence }, 200);
    },
  )
  .post(
    "/documents/:id/revisions/:n/position/confirm",
    describeRoute({ tags: ["consensus"], summary: "Confirm for this revision the position the seat gave on an earlier text" }),
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
      assertPositionsOpen(revision, await openProcedure(db, revision.id), now);
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
      const { statement, applied: mineNow, version } = positionWrite(db, revision.id, who.seatId!, value, c.req.valid("json").baseVersion);
      const result = await writeAudited(
        auditContext(c),
        [{ action: "position.confirm", targetType: "revision", targetId: revision.id, after: { seatId: who.seatId, ...value, version }, onlyIf: mineNow }],
        [
          statement,
          db.insert(positionHistory).values({ revisionId: revision.id, seatId: who.seatId!, stance: value.stance, explanation: value.explanation, paragraphIds: value.paragraphIds, recordedBy: who.userId, recordedAt: now, kind: "confirm" }),
        ],
      );
      if ((result[0] as unknown[]).length === 0) throw conflict("Another delegate of your seat changed its position meanwhile.");
      return c.json({ position: { seatId: who.seatId, ...value, paragraphIds: JSON.parse(value.paragraphIds), version } }, 200);
    },
  )
  .get(
    "/documents/:id/revisions/:n/position/history",
    describeRoute({ tags: ["consensus"], summary: "Every change of every seat's position on this revision: who, when, what" }),
    v("param", RevisionParam),
    async (c) => {
      const db = c.get("db");
      const { id, n } = c.req.valid("param");
      const doc = await loadDocument(db, c.get("actor"), id);
      const revision = await findRevision(db, doc.id, n);
      const rows = await db
        .select({ seatId: positionHistory.seatId, seatName: seats.name, stance: positionHistory.stance, explanation: positionHistory.explanation, recordedAt: positionHistory.recordedAt, recordedBy: users.name, kind: positionHistory.kind })
        .from(positionHistory)
        .innerJoin(seats, eq(seats.id, positionHistory.seatId))
        .leftJoin(users, eq(users.id, positionHistory.recordedBy))
        .where(eq(positionHistory.revisionId, revision.id))
        .orderBy(desc(positionHistory.id))
        .limit(500);
      return c.json({ history: rows }, 200);
    },
  )
  .post(
    "/documents/:id/revisions/:n/procedures",
    describeRoute({ tags: ["consensus"], summary: "Open a consensus round, or put the revision under a silence procedure (deadline at least 72 hours away)" }),
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
      const row = {
        id: newId(),
        revisionId: revision.id,
        kind: body.kind,
        openedBy: chair.userId,
        openedAt: now.toISOString(),
        deadline: deadline.toISOString(),
        deadlineTimeZone: body.deadlineTimeZone,
        remindBeforeHours: body.remindBeforeHours ?? 24,
        status: "open" as const,
      };
      const label = `${doc.symbol ?? doc.title}, ${revisionLabel(n)}`;
      const opened = sql`exists (select 1 from procedures where id = ${row.id})`;
      try {
        await writeAudited(
          auditContext(c),
          [{ action: `procedure.open`, targetType: "procedure", targetId: row.id, after: row }],
          [
            db.insert(procedures).values(row),
            mailHeads(
              db,
              c.env,
              {
                kind: body.kind === "silence" ? "silence_opened" : "round_opened",
                subject: body.kind === "silence" ? `Silence procedure: ${label}` : `Consensus round: ${label}`,
                text:
                  body.kind === "silence"
                    ? `The Chair has placed ${label} under a silence procedure. Unless a seat objects before ${row.deadline} (UTC; time zone of the procedure: ${row.deadlineTimeZone}), the text is adopted.\n\nRecord your seat's position in Plenary.`
                    : `The Chair has opened a consensus round on ${label}, until ${row.deadline} (UTC).\n\nRecord your seat's position in Plenary.`,
              },
              sql`1 = 1`,
              opened,
            ),
          ],
        );
      } catch (err) {
        if (String(err).includes("UNIQUE")) throw conflict("A procedure is already open on this revision.");
        throw err;
      }
      return c.json({ procedure: presentProcedure({ ...row, reminderSentAt: null, closedAt: null, closedBy: null, decision: null, brokenBySeat: null, brokenByUser: null, brokenText: null }) }, 201);
    },
  )
  .post(
    "/documents/:id/revisions/:n/procedures/:pid/close",
    describeRoute({ tags: ["consensus"], summary: "The Chair closes a procedure by hand with a recorded decision" }),
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
      if (proc.status !== "open" && proc.status !== "broken") throw conflict(`This procedure was already closed (${proc.status}).`);
      const now = new Date().toISOString();
      const closed = sql`exists (select 1 from procedures where id = ${pid} and closed_at = ${now} and closed_by = ${chair.userId})`;
      const result = await writeAudited(
        auditContext(c),
        [{ action: "procedure.close", targetType: "procedure", targetId: pid, before: { status: proc.status }, after: { status: outcome, decision }, onlyIf: closed }],
        [
          db
            .update(procedures)
            .set({ status: outcome, closedAt: now, closedBy: chair.userId, decision })
            .where(and(eq(procedures.id, pid), inArray(procedures.status, ["open", "broken"])))
            .returning({ id: procedures.id }),
          ...(outcome === "adopted" ? [db.update(revisions).set({ adoptedAt: now }).where(and(eq(revisions.id, revision.id), closed))] : []),
          ...announce(db, c.env, doc, revision, outcome, closed, decision),
        ],
      );
      if ((result[0] as unknown[]).length === 0) throw conflict("This procedure was closed meanwhile.");
      return c.json({ procedure: { id: pid, status: outcome, closedAt: now, decision } }, 200);
    },
  )
  .get("/consensus/position-delegates", describeRoute({ tags: ["consensus"], summary: "Delegates allowed to record one's seat's positions (for its head)" }), async (c) => {
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
    describeRoute({ tags: ["consensus"], summary: "The head of delegation chooses which delegates may record the seat's positions" }),
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
  .get("/consensus/pending", describeRoute({ tags: ["consensus"], summary: "Revisions on which one's seat has not (re-)confirmed a position, with deadlines" }), async (c) => {
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

/** The outcome, announced to every head of delegation in the same batch. */
export function announce(db: Db, env: AppEnv["Bindings"], doc: DocumentRow, revision: RevisionRow, outcome: "adopted" | "not_adopted", onlyIf: ReturnType<typeof sql>, decision?: string | null) {
  const label = `${doc.symbol ?? doc.title}, ${revisionLabel(revision.number)}`;
  return [
    mailHeads(
      db,
      env,
      {
        kind: "procedure_outcome",
        subject: outcome === "adopted" ? `Adopted: ${label}` : `Not adopted: ${label}`,
        text: `${label} was ${outcome === "adopted" ? "adopted" : "not adopted"}.${decision ? `\n\nDecision: ${decision}` : ""}\n\nReservations stay recorded in context, beside their paragraphs.`,
      },
      sql`1 = 1`,
      onlyIf,
    ),
  ];
}
