// Compiles a progress report's generated sections from what the group did:
// the tracks' adopted texts with their reservations, the meetings held, the
// comments received, attendance by regional and stakeholder group, and the
// annexes. Every generated block names its source. The text is English, the
// report's original language; translations come later, paragraph by paragraph.
//
// A report is written to be published, so it is compiled for the public: it reads
// only public meetings, public documents' adopted texts with the reservations
// recorded in them, and comments counted on public drafts; each source says so.
import { and, asc, desc, eq, inArray, isNotNull, isNull, ne, sql } from "drizzle-orm";
import { attendance, comments, documents, materials, meetings, positions, revisionParagraphs, revisions, seats, tracks } from "../db/schema";
import type { RegionalGroup, SeatKind, StakeholderGroup } from "../db/enums";
import type { Db } from "../env";
import { aliased } from "../db/alias";
import { escapeText } from "../documents/markup";
import { formatDate } from "../documents/export";
import { revisionLabel } from "../documents/types";
import type { ReportBlock, SectionType, SourceRef } from "./model";

export const REGION_NAMES: Record<RegionalGroup, string> = {
  african: "African States",
  asia_pacific: "Asia-Pacific States",
  eastern_european: "Eastern European States",
  grulac: "Latin American and Caribbean States",
  weog: "Western European and other States",
};
export const STAKEHOLDER_NAMES: Record<StakeholderGroup, string> = {
  civil_society: "civil society",
  private_sector: "the private sector",
  technical_community: "the technical community",
  academia: "academia",
  international_organizations: "international organizations",
};
const FORMAT_NAMES = { in_person: "in person", hybrid: "in hybrid format", online: "online" } as const;

/** A section of the template a new report starts from. */
export type TemplateSection = { key: string; type: SectionType; title: string; trackId: number | null };

export function reportTemplate(trackList: { id: number; title: string }[]): TemplateSection[] {
  return [
    { key: "introduction", type: "introduction", title: "Introduction", trackId: null },
    ...trackList.map((t) => ({ key: `track-${t.id}`, type: "track" as const, title: t.title, trackId: t.id })),
    { key: "work", type: "work", title: "Work of the Working Group", trackId: null },
    { key: "annex-members", type: "annex_members", title: "List of members and observers", trackId: null },
    { key: "annex-meetings", type: "annex_meetings", title: "Meetings of the Working Group", trackId: null },
  ];
}

/** Which sections the compiler writes; custom sections are the secretariat's own. */
export const isGenerated = (type: SectionType) => type !== "custom";

type SectionSpec = { key: string; type: SectionType; trackId: number | null; sourceRevisionId: string | null };

/** Every generated block is compiled for the public, and its source says so. */
const forPublic = (source: SourceRef): SourceRef => ({ ...source, audience: "public" });
const p = (html: string, source: SourceRef, footnotes?: string[]): ReportBlock => ({ kind: "paragraph", html, source: forPublic(source), ...(footnotes?.length ? { footnotes } : {}) });
const li = (html: string, source: SourceRef): ReportBlock => ({ kind: "list_item", html, source: forPublic(source) });
const heading = (html: string, source: SourceRef): ReportBlock => ({ kind: "heading", html, source: forPublic(source) });
const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString("en-GB")} ${n === 1 ? one : many}`;
const join = (parts: string[]) => (parts.length <= 1 ? parts.join("") : `${parts.slice(0, -1).join(", ")} and ${parts.at(-1)}`);

/**
 * Generates the blocks of the given sections from the database as it is now.
 * Two round trips: the facts, then the chosen revisions' paragraphs and reservations.
 */
export async function generateSections(db: Db, specs: SectionSpec[], now = new Date()): Promise<Map<string, ReportBlock[]>> {
  const nowIso = now.toISOString();
  const chosen = specs.map((s) => s.sourceRevisionId).filter((id): id is string => !!id);
  const revisionColumns = {
    id: revisions.id,
    number: revisions.number,
    adoptedAt: revisions.adoptedAt,
    // Aliased: a D1 batch maps columns by name, and both tables have an `id`.
    documentId: aliased(documents.id, "document_id"),
    title: documents.title,
    symbol: documents.symbol,
    trackId: documents.trackId,
  };
  const held = and(eq(meetings.status, "scheduled"), eq(meetings.visibility, "public"), sql`${meetings.endsAt} <= ${nowIso}`);
  const [trackRows, adopted, chosenRows, heldMeetings, commentRows, attendanceRows, seatRows, materialCount] = await db.batch([
    db.select({ id: tracks.id, title: tracks.title, shortTitle: tracks.shortTitle }).from(tracks).orderBy(asc(tracks.id)),
    db
      .select(revisionColumns)
      .from(revisions)
      .innerJoin(documents, eq(documents.id, revisions.documentId))
      .where(and(isNotNull(revisions.adoptedAt), isNotNull(documents.trackId), ne(documents.kind, "progress_report"), eq(documents.visibility, "public")))
      .orderBy(desc(revisions.adoptedAt)),
    db
      .select(revisionColumns)
      .from(revisions)
      .innerJoin(documents, eq(documents.id, revisions.documentId))
      .where(chosen.length ? and(inArray(revisions.id, chosen), eq(documents.visibility, "public")) : sql`0`),
    db
      .select({ id: meetings.id, title: meetings.title, kind: meetings.kind, trackId: meetings.trackId, format: meetings.format, room: meetings.room, startsAt: meetings.startsAt })
      .from(meetings)
      .where(held)
      .orderBy(asc(meetings.startsAt)),
    // Comments and amendments per seat and document, not replies, not on reports themselves.
    db
      .select({
        seatId: comments.seatId,
        documentId: comments.documentId,
        total: sql<number>`count(*)`,
        amendments: sql<number>`sum(${comments.kind} = 'amendment')`,
      })
      .from(comments)
      .innerJoin(documents, eq(documents.id, comments.documentId))
      .where(and(isNull(comments.parentId), ne(documents.kind, "progress_report"), eq(documents.visibility, "public")))
      .groupBy(comments.seatId, comments.documentId),
    db
      .select({ seatId: attendance.seatId, present: sql<number>`sum(${attendance.status} = 'present')`, recorded: sql<number>`count(*)` })
      .from(attendance)
      .innerJoin(meetings, eq(meetings.id, attendance.meetingId))
      .where(held)
      .groupBy(attendance.seatId),
    db
      .select({ id: seats.id, name: seats.name, kind: seats.kind, regionalGroup: seats.regionalGroup, stakeholderGroup: seats.stakeholderGroup })
      .from(seats)
      .orderBy(asc(seats.name)),
    db.select({ n: sql<number>`count(*)` }).from(materials).innerJoin(meetings, eq(meetings.id, materials.meetingId)).where(held),
  ]);

  // The text each track chapter takes: the chosen revision, else the track's latest adopted one.
  const sourceFor = new Map<string, (typeof adopted)[number]>();
  for (const s of specs) {
    if (s.type !== "track") continue;
    const pick = s.sourceRevisionId ? chosenRows.find((r) => r.id === s.sourceRevisionId) : adopted.find((r) => r.trackId === s.trackId);
    if (pick) sourceFor.set(s.key, pick);
  }
  const revisionIds = [...new Set([...sourceFor.values()].map((r) => r.id))];
  const [paragraphRows, reservationRows] = revisionIds.length
    ? await db.batch([
        db
          .select({ revisionId: revisionParagraphs.revisionId, pid: revisionParagraphs.paragraphId, kind: revisionParagraphs.kind, number: revisionParagraphs.number, html: revisionParagraphs.html, footnotes: revisionParagraphs.footnotes })
          .from(revisionParagraphs)
          .where(inArray(revisionParagraphs.revisionId, revisionIds))
          .orderBy(asc(revisionParagraphs.revisionId), asc(revisionParagraphs.position)),
        db
          .select({ revisionId: positions.revisionId, stance: positions.stance, explanation: positions.explanation, paragraphIds: positions.paragraphIds, seatName: seats.name })
          .from(positions)
          .innerJoin(seats, eq(seats.id, positions.seatId))
          .where(and(inArray(positions.revisionId, revisionIds), inArray(positions.stance, ["reservation", "objection"])))
          .orderBy(asc(seats.name)),
      ])
    : [[], []];

  const seatById = new Map(seatRows.map((s) => [s.id, s]));
  const out = new Map<string, ReportBlock[]>();
  for (const s of specs) {
    switch (s.type) {
      case "introduction":
        out.set(s.key, introduction(heldMeetings, seatRows, now));
        break;
      case "track": {
        const track = trackRows.find((t) => t.id === s.trackId);
        const rev = sourceFor.get(s.key);
        out.set(
          s.key,
          rev
            ? trackChapter(rev, paragraphRows.filter((r) => r.revisionId === rev.id), reservationRows.filter((r) => r.revisionId === rev.id && rev.adoptedAt))
            : [p(`Track ${s.trackId} (${escapeText(track?.shortTitle ?? "")}) has not adopted a text yet.`, { type: "template", label: "No public adopted text" })],
        );
        break;
      }
      case "work":
        out.set(s.key, workOfTheGroup(heldMeetings, commentRows, attendanceRows, seatById, trackRows, materialCount[0]?.n ?? 0));
        break;
      case "annex_members":
        out.set(s.key, membersAnnex(seatRows));
        break;
      case "annex_meetings":
        out.set(s.key, meetingsAnnex(heldMeetings));
        break;
      case "custom":
        break;
    }
  }
  return out;
}

type MeetingFact = { id: string; title: string; kind: "plenary" | "track" | "informal"; trackId: number | null; format: "in_person" | "online" | "hybrid"; room: string | null; startsAt: string };
type SeatFact = { id: string; name: string; kind: SeatKind; regionalGroup: RegionalGroup | null; stakeholderGroup: StakeholderGroup | null };

function introduction(held: MeetingFact[], seatRows: SeatFact[], now: Date): ReportBlock[] {
  const template: SourceRef = { type: "template", label: "Standard introduction" };
  const states = seatRows.filter((s) => s.kind === "member_state").length;
  const others = seatRows.filter((s) => s.kind === "non_state").length;
  const period = held.length
    ? `from ${formatDate(held[0]!.startsAt)} to ${formatDate(now.toISOString())}`
    : `up to ${formatDate(now.toISOString())}`;
  return [
    p(
      "The present report is submitted pursuant to General Assembly resolution 78/160, in which the Assembly requested the Commission on Science and Technology for Development to establish a dedicated multi-stakeholder working group on data governance at all levels and to report on its progress to the Assembly.",
      template,
    ),
    p(`It covers the work of the Working Group ${period}.`, { type: "meetings", label: `${plural(held.length, "public meeting")} held` }),
    p(
      `The Working Group is composed of ${plural(states, "Member State")} and ${plural(others, "representative")} of non-State stakeholders. Its work is organized in four intersessional tracks, each led by two co-facilitators.`,
      { type: "seats", label: "Seats of the Working Group" },
    ),
  ];
}

type RevisionFact = { id: string; number: number; adoptedAt: string | null; documentId: string; title: string; symbol: string | null };
type ParagraphFact = { pid: string; kind: "heading" | "paragraph" | "list_item"; number: number | null; html: string; footnotes: string | null };
type ReservationFact = { stance: string; explanation: string | null; paragraphIds: string; seatName: string };

/** A track's adopted public text; each reservation recorded in it a footnote to the paragraph it names (or the first). */
function trackChapter(rev: RevisionFact, rows: ParagraphFact[], reservations: ReservationFact[]): ReportBlock[] {
  const name = `${rev.symbol ?? rev.title}, ${revisionLabel(rev.number)}`;
  const publicText = " (public text)";
  const notesFor = new Map<string, string[]>();
  const general: string[] = [];
  for (const r of reservations) {
    const what = r.stance === "objection" ? "Objection" : "Reservation";
    const note = `${what} by ${escapeText(r.seatName)}: ${escapeText(r.explanation ?? "")}`;
    const pids = (JSON.parse(r.paragraphIds) as string[]).filter((pid) => rows.some((x) => x.pid === pid));
    if (pids.length === 0) general.push(note);
    for (const pid of pids) notesFor.set(pid, [...(notesFor.get(pid) ?? []), note]);
  }
  const adoptedOn = rev.adoptedAt ? `adopted on ${formatDate(rev.adoptedAt)}` : "not adopted";
  const intro = p(`The track's text, ${escapeText(name)} (${adoptedOn}), reads as follows.`, {
    type: "revision",
    documentId: rev.documentId,
    revision: rev.number,
    pid: "",
    label: `${name}${publicText}`,
  }, general);
  return [
    intro,
    ...rows.map((r): ReportBlock => {
      const own = r.footnotes ? (JSON.parse(r.footnotes) as string[]) : [];
      const notes = [...own, ...(notesFor.get(r.pid) ?? [])];
      return {
        kind: r.kind,
        html: r.html,
        ...(notes.length ? { footnotes: notes } : {}),
        source: forPublic({ type: "revision", documentId: rev.documentId, revision: rev.number, pid: r.pid, label: `${r.number ? `${name}, para. ${r.number}` : name}${publicText}` }),
      };
    }),
  ];
}

type CommentFact = { seatId: string | null; documentId: string; total: number; amendments: number };
type AttendanceFact = { seatId: string; present: number; recorded: number };

function workOfTheGroup(
  held: MeetingFact[],
  commentRows: CommentFact[],
  attendanceRows: AttendanceFact[],
  seatById: Map<string, SeatFact>,
  trackRows: { id: number; shortTitle: string }[],
  materialCount: number,
): ReportBlock[] {
  const meetingsSource: SourceRef = { type: "meetings", label: `${plural(held.length, "public meeting")} held` };
  const blocks: ReportBlock[] = [heading("Meetings", meetingsSource)];
  const byKind = (k: MeetingFact["kind"]) => held.filter((m) => m.kind === k).length;
  const byFormat = (f: MeetingFact["format"]) => held.filter((m) => m.format === f).length;
  if (held.length === 0) {
    blocks.push(p("The Working Group has not yet held a meeting.", meetingsSource));
  } else {
    blocks.push(
      p(
        `The Working Group held ${plural(held.length, "meeting")} between ${formatDate(held[0]!.startsAt)} and ${formatDate(held.at(-1)!.startsAt)}: ${join(
          [
            byKind("plenary") && plural(byKind("plenary"), "plenary meeting"),
            byKind("track") && plural(byKind("track"), "track meeting"),
            byKind("informal") && plural(byKind("informal"), "informal consultation"),
          ].filter((x): x is string => !!x),
        )}. ${join(
          (["in_person", "hybrid", "online"] as const).filter((f) => byFormat(f) > 0).map((f) => `${byFormat(f).toLocaleString("en-GB")} ${byFormat(f) === 1 ? "was" : "were"} held ${FORMAT_NAMES[f]}`),
        )}.`,
        meetingsSource,
      ),
    );
    const perTrack = trackRows
      .map((t) => ({ t, n: held.filter((m) => m.trackId === t.id && m.kind === "track").length }))
      .filter((x) => x.n > 0);
    if (perTrack.length) {
      blocks.push(p(`Track meetings were held as follows: ${join(perTrack.map(({ t, n }) => `${escapeText(t.shortTitle)}, ${plural(n, "meeting")}`))}.`, meetingsSource));
    }
    if (materialCount > 0) blocks.push(p(`Members and the secretariat circulated ${plural(materialCount, "paper")} for these meetings.`, meetingsSource));
  }

  // Contributions and comments on the tracks' drafts.
  const drafts = new Set(commentRows.map((r) => r.documentId)).size;
  const commentsSource: SourceRef = { type: "comments", label: `Comments on ${plural(drafts, "public draft")} of the tracks` };
  blocks.push(heading("Contributions and comments", commentsSource));
  const total = commentRows.reduce((n, r) => n + r.total, 0);
  const amendments = commentRows.reduce((n, r) => n + (r.amendments ?? 0), 0);
  const commenting = new Set(commentRows.map((r) => r.seatId).filter((x): x is string => !!x));
  const ofKind = (k: SeatKind) => [...commenting].filter((id) => seatById.get(id)?.kind === k).length;
  blocks.push(
    total === 0
      ? p("No comments on the tracks' drafts have been received yet.", commentsSource)
      : p(
          `The Working Group received ${plural(total, "comment")} on ${plural(drafts, "draft")} of its tracks, including ${plural(amendments, "proposed amendment")}, from ${plural(commenting.size, "seat")}: ${plural(ofKind("member_state"), "Member State")} and ${plural(ofKind("non_state"), "non-State stakeholder")}.`,
          commentsSource,
        ),
  );

  // Participation: attendance and comments, by regional group and by stakeholder group.
  const attendanceSource: SourceRef = { type: "attendance", label: `Registers of the ${plural(held.length, "public meeting")} held` };
  blocks.push(heading("Participation", attendanceSource));
  const attendanceBy = new Map(attendanceRows.map((r) => [r.seatId, r]));
  const commentsBy = new Map<string, number>();
  for (const r of commentRows) if (r.seatId) commentsBy.set(r.seatId, (commentsBy.get(r.seatId) ?? 0) + r.total);
  const allSeats = [...seatById.values()];
  const groupLine = (label: string, members: SeatFact[]) => {
    const present = members.reduce((n, s) => n + (attendanceBy.get(s.id)?.present ?? 0), 0);
    const recorded = members.reduce((n, s) => n + (attendanceBy.get(s.id)?.recorded ?? 0), 0);
    const said = members.reduce((n, s) => n + (commentsBy.get(s.id) ?? 0), 0);
    const rate = recorded ? `present at ${Math.round((present / recorded) * 100)} per cent of the meetings recorded` : "no attendance recorded";
    return li(`${label} (${plural(members.length, "seat")}): ${rate}; ${plural(said, "comment")}.`, attendanceSource);
  };
  const registers = attendanceRows.reduce((n, r) => n + r.recorded, 0);
  blocks.push(
    p(
      registers
        ? "Attendance at the meetings whose registers were kept, and the comments made, were as follows for the regional groups of Member States and for the stakeholder groups."
        : "No attendance register has been kept yet; comments made were as follows for the regional groups of Member States and for the stakeholder groups.",
      attendanceSource,
    ),
  );
  for (const [group, label] of Object.entries(REGION_NAMES) as [RegionalGroup, string][]) {
    const members = allSeats.filter((s) => s.kind === "member_state" && s.regionalGroup === group);
    if (members.length) blocks.push(groupLine(label, members));
  }
  for (const [group, label] of Object.entries(STAKEHOLDER_NAMES) as [StakeholderGroup, string][]) {
    const members = allSeats.filter((s) => s.kind === "non_state" && s.stakeholderGroup === group);
    if (members.length) blocks.push(groupLine(`Stakeholders from ${label}`, members));
  }
  return blocks;
}

function membersAnnex(seatRows: SeatFact[]): ReportBlock[] {
  const source: SourceRef = { type: "seats", label: "Seats of the Working Group" };
  const names = (list: SeatFact[]) => list.map((s) => escapeText(s.name)).join(", ");
  const blocks: ReportBlock[] = [heading("Member States", source)];
  for (const [group, label] of Object.entries(REGION_NAMES) as [RegionalGroup, string][]) {
    const list = seatRows.filter((s) => s.kind === "member_state" && s.regionalGroup === group);
    if (list.length) blocks.push(li(`<strong>${label}</strong>: ${names(list)}`, source));
  }
  blocks.push(heading("Non-State stakeholders", source));
  for (const [group, label] of Object.entries(STAKEHOLDER_NAMES) as [StakeholderGroup, string][]) {
    const list = seatRows.filter((s) => s.kind === "non_state" && s.stakeholderGroup === group);
    const title = label.replace(/^the /, "");
    if (list.length) blocks.push(li(`<strong>${title[0]!.toUpperCase()}${title.slice(1)}</strong>: ${names(list)}`, source));
  }
  const observers = seatRows.filter((s) => s.kind === "observer");
  if (observers.length) {
    blocks.push(heading("Observers", source));
    blocks.push(li(names(observers), source));
  }
  return blocks;
}

function meetingsAnnex(held: MeetingFact[]): ReportBlock[] {
  if (held.length === 0) return [p("No meetings have been held yet.", { type: "meetings", label: "Public meetings held" })];
  return held.map((m) =>
    li(
      `${formatDate(m.startsAt)}: ${escapeText(m.title)} (${FORMAT_NAMES[m.format]}${m.room && m.format !== "online" ? `, ${escapeText(m.room)}` : ""})`,
      { type: "meetings", meetingId: m.id, label: `${m.title} (public meeting)` },
    ),
  );
}
