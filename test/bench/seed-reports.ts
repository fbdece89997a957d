// What a progress report compiles from, as SQL applied after the documents and
// meetings seeds: for each of the four tracks a public issues paper whose one
// revision (200 paragraphs: headings and numbered paragraphs) the Chair adopted,
// with reservations recorded against some paragraphs (the report's footnotes);
// enough further comments on these texts that the database holds 5,000
// top-level comments; and enough earlier meetings, held more than a year ago
// with minutes and a register, that 300 meetings have been held.
//
// The added meetings end before the calendar feeds' year of history and before
// the meetings list's window, so the meetings rows keep measuring the data of
// ./seed-meetings.ts. Comments and meetings are capped in SQL at the totals
// above, whatever the demo seed and the other seeds hold. Deterministic (seeded
// PRNG) except for timestamps, relative to now.
import { instantToZonedLocal, zonedToInstant } from "../../worker/lib/zonedTime.ts";
import { MEMBER_SEATS, mulberry32, paragraphText } from "./seed-documents.ts";

export const REPORT_TRACKS = 4;
export const TRACK_PARAGRAPHS = 200;
/** Top-level comments on the tracks' texts in the whole database, the bench draft's 3,000 included. */
export const TOP_LEVEL_COMMENTS_TOTAL = 5000;
/** Meetings held (scheduled, ended) in the whole database. */
export const HELD_MEETINGS_TOTAL = 300;

export const reportDocId = (track: number) => `doc-bench-report-t${track}`;
const revId = (track: number) => `rev-bench-report-t${track}`;
const pid = (track: number, i: number) => `p-rt${track}-${String(i + 1).padStart(3, "0")}`;
/** Candidates beyond what the totals need; the SQL keeps only as many as are missing. */
const COMMENT_CANDIDATES = 2800;
const MEETING_CANDIDATES = 200;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const TRACK_NAMES = ["Fundamental principles", "Interoperability", "Sharing the benefits of data", "Safe, secure and trusted data flows"];
const TITLES = [
  "Fundamental principles of data governance at all levels as relevant for development: elements adopted by the track",
  "Interoperability between national, regional and international data systems: proposals adopted by the track",
  "Sharing the benefits of data: considerations adopted by the track",
  "Safe, secure and trusted data flows, including cross-border data flows: options adopted by the track",
];
/** Ten headings per track at these positions; the other 190 positions are numbered paragraphs. */
const HEADING_AT = [0, 14, 35, 58, 80, 103, 127, 150, 171, 188];
const HEADINGS = [
  ["Introduction", "Mandate and methods of work", "Principles of inclusiveness and equity", "Principles of accountability and transparency", "Human rights and data protection", "Data for development", "Institutional principles", "Relationship with existing frameworks", "Implementation", "Follow-up"],
  ["Introduction", "Technical interoperability", "Semantic interoperability and common standards", "Legal interoperability", "Institutional interoperability", "Interoperability of official statistics", "Regional data systems", "Digital public infrastructure", "Capacity-building", "Follow-up"],
  ["Introduction", "The value created by data", "Data for the Sustainable Development Goals", "Equitable access to data", "Open data and data commons", "Data and artificial intelligence", "Financing and investment", "Capacity-building and technology transfer", "Measuring the benefits of data", "Follow-up"],
  ["Introduction", "Trust in data flows", "Cross-border data flows and development", "Privacy and personal data", "Security of data flows", "Regional and international arrangements", "Data localization measures", "Cooperation between authorities", "Capacity-building", "Follow-up"],
];
const RESERVATIONS = [
  "Our delegation does not consider this paragraph to reflect agreed language and reserves its position on it.",
  "We join the consensus on the understanding that nothing in this text creates new obligations for States.",
  "The reference to cross-border data flows is without prejudice to national legislation on data localization.",
  "We dissociate ourselves from this paragraph, which goes beyond the mandate of the Working Group.",
  "We interpret this paragraph as applying only in accordance with national priorities and circumstances.",
  "The text should have recognized the specific needs of the least developed countries.",
  "We reserve our position pending consultations with our capital on the financial implications.",
];
const BODIES = [
  "We support this paragraph as drafted.",
  "The language should be aligned with agreed language from General Assembly resolution 78/213.",
  "We propose to refer explicitly to the needs of developing countries.",
  "This paragraph should be merged with the preceding one.",
  "We request clarification on the meaning of this term.",
  "We would prefer a more action-oriented formulation.",
  "The reference to human rights must be retained.",
  "We suggest recognizing existing regional frameworks.",
];
const PROPOSALS = ["in accordance with applicable international law", "as appropriate", "trusted", "including through capacity-building"];

type Para = { pid: string; position: number; number: number | null; kind: "heading" | "paragraph"; html: string };

/** A track's adopted text: ten headings and 190 numbered paragraphs, different for each track. */
export function trackText(track: number): Para[] {
  const rand = mulberry32(8100 + track);
  const out: Para[] = [];
  let number = 0;
  for (let i = 0; i < TRACK_PARAGRAPHS; i++) {
    const h = HEADING_AT.indexOf(i);
    if (h >= 0) out.push({ pid: pid(track, i), position: i, number: null, kind: "heading", html: HEADINGS[track - 1]![h]! });
    else out.push({ pid: pid(track, i), position: i, number: ++number, kind: "paragraph", html: paragraphText(rand, false) });
  }
  return out;
}

const q = (v: string | number | null) => (v === null ? "NULL" : typeof v === "number" ? String(v) : `'${v.replace(/'/g, "''")}'`);
const chunks = <T,>(list: T[], size: number) => Array.from({ length: Math.ceil(list.length / size) }, (_, i) => list.slice(i * size, i * size + size));

/** The k-th member seat (ordered by id) and its head of delegation, as in ./seed-documents.ts. */
const HEADS =
  "WITH heads AS (SELECT row_number() OVER (ORDER BY s.id) - 1 AS k, s.id AS seat_id, " +
  "(SELECT u.id FROM users u WHERE u.seat_id = s.id AND u.seat_role = 'head' ORDER BY u.id LIMIT 1) AS user_id " +
  "FROM seats s WHERE s.kind IN ('member_state', 'non_state'))";
const NOW_SQL = "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')";

/** The SQL that seeds the adopted track texts, the further comments and the earlier meetings, relative to `now`. */
export function reportsSql(now = Date.now()): string {
  const iso = (ms: number) => new Date(ms).toISOString();
  const out: string[] = [];
  const cofac = (track: number) => `(SELECT user_id FROM track_facilitators WHERE track_id = ${track} ORDER BY user_id LIMIT 1)`;
  const chair = "(SELECT id FROM users WHERE email = 'chair@plenary.test')";
  const texts = new Map<number, Para[]>();
  const windows = new Map<number, { issued: number; close: number; adopted: number }>();

  for (let t = 1; t <= REPORT_TRACKS; t++) {
    const text = trackText(t);
    texts.set(t, text);
    // Issued two to three months ago, three weeks for comments, adopted in the last day (after
    // anything the demo seed adopted, so the compiler takes these texts; the check confirms it).
    const issued = now - (95 - 7 * t) * DAY;
    const w = { issued, close: issued + 21 * DAY, adopted: now - (30 - 6 * t) * HOUR };
    windows.set(t, w);
    out.push(
      `INSERT INTO documents (id, track_id, kind, title, symbol, visibility, created_by, created_at, updated_at, draft_json, draft_version) VALUES ` +
        `(${q(reportDocId(t))}, ${t}, 'issues_paper', ${q(TITLES[t - 1]!)}, ${q(`A/AC.295/2026/CRP.${t + 1}`)}, 'public', ${cofac(t)}, ` +
        `${q(iso(issued - 5 * DAY))}, ${q(iso(w.adopted))}, '[]', 2);`,
    );
    out.push(
      `INSERT INTO revisions (id, document_id, number, issued_at, issued_by, comments_open_at, comments_close_at, comments_time_zone, allow_late, paragraph_count, bracket_count, dispositions_published_at, adopted_at) VALUES ` +
        `(${q(revId(t))}, ${q(reportDocId(t))}, 0, ${q(iso(issued))}, ${cofac(t)}, ${q(iso(issued))}, ${q(iso(w.close))}, 'Europe/Zurich', 0, ${text.length}, 0, ` +
        `${q(iso(w.close + 5 * DAY))}, ${q(iso(w.adopted))});`,
    );
    out.push(
      `INSERT INTO procedures (id, revision_id, kind, opened_by, opened_at, deadline, deadline_time_zone, status, closed_at, closed_by, decision) VALUES ` +
        `(${q(`proc-bench-report-t${t}`)}, ${q(revId(t))}, 'round', ${chair}, ${q(iso(w.adopted - 2 * DAY))}, ${q(iso(w.adopted + 2 * DAY))}, 'Europe/Zurich', 'adopted', ` +
        `${q(iso(w.adopted))}, ${chair}, 'Adopted by consensus, with the reservations recorded.');`,
    );
    for (const part of chunks(text, 50)) {
      out.push(`INSERT INTO paragraphs (id, document_id, created_in) VALUES ${part.map((p) => `(${q(p.pid)}, ${q(reportDocId(t))}, 0)`).join(", ")};`);
    }
    for (const part of chunks(text, 40)) {
      out.push(
        `INSERT INTO revision_paragraphs (revision_id, paragraph_id, position, number, kind, html) VALUES ` +
          part.map((p) => `(${q(revId(t))}, ${q(p.pid)}, ${p.position}, ${q(p.number)}, ${q(p.kind)}, ${q(p.html)})`).join(", ") +
          ";",
      );
    }
    out.push(
      `UPDATE documents SET draft_json = (SELECT json_group_array(json_object('pid', paragraph_id, 'kind', kind, 'html', html)) ` +
        `FROM (SELECT * FROM revision_paragraphs WHERE revision_id = ${q(revId(t))} ORDER BY position)) WHERE id = ${q(reportDocId(t))};`,
    );

    // Reservations: seven seats per track, on one to three paragraphs each; one on the text as a whole.
    const rand = mulberry32(900 + t);
    const numbered = text.filter((p) => p.kind === "paragraph");
    const rows = Array.from({ length: 7 }, (_, j) => {
      const k = (t * 13 + j * 7) % MEMBER_SEATS;
      const pids = j === 6 ? [] : [...new Set(Array.from({ length: 1 + Math.floor(rand() * 3) }, () => numbered[Math.floor(rand() * numbered.length)]!.pid))];
      const at = w.adopted - Math.floor((1 + rand() * 3) * DAY);
      return `(${[k, q(RESERVATIONS[(t + j) % RESERVATIONS.length]!), q(JSON.stringify(pids)), q(iso(at))].join(", ")})`;
    });
    for (const table of ["positions", "position_history"] as const) {
      const [cols, extra] = table === "positions" ? ["version", "1"] : ["kind", "'record'"];
      out.push(
        `${HEADS} INSERT INTO ${table} (revision_id, seat_id, stance, explanation, paragraph_ids, recorded_by, recorded_at, ${cols}) ` +
          `SELECT ${q(revId(t))}, h.seat_id, 'reservation', v.column2, v.column3, h.user_id, v.column4, ${extra} ` +
          `FROM (VALUES ${rows.join(", ")}) AS v JOIN heads h ON h.k = v.column1;`,
      );
    }
  }

  // Comments on the adopted texts, ranked so that keeping the first N spreads them evenly over the tracks.
  const rand = mulberry32(5000);
  const pick = <T,>(list: readonly T[]) => list[Math.floor(rand() * list.length)]!;
  const comments = Array.from({ length: COMMENT_CANDIDATES }, (_, i) => {
    const t = (i % REPORT_TRACKS) + 1;
    const w = windows.get(t)!;
    const numbered = texts.get(t)!.filter((p) => p.kind === "paragraph");
    const paragraph = rand() < 0.03 ? null : pick(numbered);
    const amendment = paragraph !== null && rand() < 0.25;
    let op: string | null = null, quote: string | null = null, prefix: string | null = null, suffix: string | null = null, proposed: string | null = null;
    if (amendment) {
      const words = paragraph!.html.split(" ");
      const start = 2 + Math.floor(rand() * (words.length - 12));
      const len = 2 + Math.floor(rand() * 5);
      op = "replace";
      quote = words.slice(start, start + len).join(" ");
      prefix = words.slice(Math.max(0, start - 5), start).join(" ");
      suffix = words.slice(start + len, start + len + 5).join(" ");
      proposed = pick(PROPOSALS);
    }
    const at = w.issued + Math.floor(rand() * (w.close - w.issued));
    const disposition = pick(["accepted", "partly_accepted", "not_accepted", "noted"]);
    const id = `c-rep-${String(i + 1).padStart(5, "0")}`;
    return `(${[
      i + 1, q(id), t, q(paragraph?.pid ?? null), Math.floor(rand() * MEMBER_SEATS), q(amendment ? "amendment" : "general"), q(op), q(quote), q(prefix), q(suffix),
      q(proposed), q(`${pick(BODIES)} ${pick(BODIES)}`), q(iso(at)), q(disposition), q(disposition === "accepted" ? null : "Reflected in part in the adopted text."),
      q(iso(w.close + 5 * DAY)),
    ].join(", ")})`;
  });
  // How many are missing from the total, counted without these (so every chunk agrees).
  const missingComments =
    `(${TOP_LEVEL_COMMENTS_TOTAL} - (SELECT count(*) FROM comments c JOIN documents d ON d.id = c.document_id ` +
    "WHERE c.parent_id IS NULL AND d.kind <> 'progress_report' AND c.document_id NOT LIKE 'doc-bench-report-%'))";
  for (const part of chunks(comments, 40)) {
    out.push(
      `${HEADS} INSERT INTO comments (id, document_id, revision_id, paragraph_id, parent_id, seat_id, author_id, kind, op, quote, prefix, suffix, ` +
        `proposed_text, body, late, idempotency_key, created_at, updated_at, disposition, disposition_reason, disposed_by, disposed_at) ` +
        `SELECT v.column2, 'doc-bench-report-t' || v.column3, 'rev-bench-report-t' || v.column3, v.column4, NULL, h.seat_id, h.user_id, v.column6, v.column7, v.column8, ` +
        `v.column9, v.column10, v.column11, v.column12, 0, 'seed-' || v.column2, v.column13, v.column13, v.column14, v.column15, ` +
        `(SELECT user_id FROM track_facilitators WHERE track_id = v.column3 ORDER BY user_id LIMIT 1), v.column16 ` +
        `FROM (VALUES ${part.join(", ")}) AS v JOIN heads h ON h.k = v.column5 WHERE v.column1 <= ${missingComments};`,
    );
  }
  out.push(
    "INSERT INTO comment_counts (document_id, paragraph_key, revision_number, total, amendments) " +
      "SELECT c.document_id, coalesce(c.paragraph_id, ''), r.number, count(*), sum(c.kind = 'amendment') " +
      "FROM comments c JOIN revisions r ON r.id = c.revision_id WHERE c.parent_id IS NULL AND c.document_id LIKE 'doc-bench-report-%' " +
      "GROUP BY c.document_id, coalesce(c.paragraph_id, ''), r.number;",
  );

  // Earlier meetings, most recent first, every two to three days back from 370 days ago.
  const meetings = Array.from({ length: MEETING_CANDIDATES }, (_, i) => {
    const n = i + 1;
    const day = -370 - Math.floor(i * 2.4);
    const kind = n % 8 === 0 ? "plenary" : n % 8 === 5 ? "informal" : "track";
    const track = kind === "track" ? (i % REPORT_TRACKS) + 1 : null;
    const zone = n % 6 === 3 ? "America/New_York" : "Europe/Zurich";
    const [start, minutes] = kind === "plenary" ? ["10:00", 180] : kind === "informal" ? ["13:15", 75] : n % 2 ? ["09:00", 120] : ["15:00", 120];
    const date = instantToZonedLocal(now + day * DAY, zone).slice(0, 10);
    const startMs = zonedToInstant(`${date}T${start}`, zone)!.ms;
    const endMs = startMs + minutes * 60_000;
    const format = kind === "plenary" ? "hybrid" : kind === "informal" ? "in_person" : n % 3 === 0 ? "hybrid" : "online";
    const room = format === "online" ? null : zone === "Europe/Zurich" ? "Room XIX, Palais des Nations" : "Conference Room 4, United Nations Headquarters";
    const title =
      kind === "plenary"
        ? "Plenary meeting of the Working Group (first year)"
        : kind === "track"
          ? `Track ${track} (${TRACK_NAMES[track! - 1]}), meeting of the first year`
          : "Informal consultation on the programme of work";
    const createdBy = track ? cofac(track) : chair;
    return `(${[
      n, q(`mtg-rep-${String(n).padStart(4, "0")}`), q(title), q(kind), q(track), q(iso(startMs)), q(iso(endMs)), q(zone), q(format), q(room),
      q(format === "in_person" ? null : `https://meet.example.org/wgdg/mtg-rep-${n}`), q(iso(endMs + 30 * DAY)), createdBy, q(iso(startMs - 30 * DAY)),
    ].join(", ")})`;
  });
  const missingMeetings =
    `(${HELD_MEETINGS_TOTAL} - (SELECT count(*) FROM meetings WHERE status = 'scheduled' AND ends_at <= ${NOW_SQL} AND id NOT LIKE 'mtg-rep-%'))`;
  for (const part of chunks(meetings, 40)) {
    out.push(
      "INSERT INTO meetings (id, title, kind, track_id, starts_at, ends_at, time_zone, format, room, online_url, description, visibility, status, " +
        "minutes_status, minutes_approved_at, minutes_approved_by, sequence, version, created_by, created_at, updated_at) " +
        "SELECT v.column2, v.column3, v.column4, v.column5, v.column6, v.column7, v.column8, v.column9, v.column10, v.column11, '', 'public', 'scheduled', " +
        "'approved', v.column12, v.column13, 0, 3, v.column13, v.column14, v.column12 " +
        `FROM (VALUES ${part.join(", ")}) AS v WHERE v.column1 <= ${missingMeetings};`,
    );
  }
  const added = "m.id LIKE 'mtg-rep-%'";
  for (const [k, title, minutes] of [
    [1, "Adoption of the agenda", "The agenda was adopted."],
    [2, "Exchange of views", "Statements were made by Member States and stakeholders; the co-facilitators summarized the discussion."],
    [3, "Way forward", "The Working Group agreed to continue its consideration of the item at its next meeting."],
  ] as const) {
    out.push(`INSERT INTO agenda_items (id, meeting_id, position, title, minutes, minutes_version) SELECT m.id || '-ai${k}', m.id, ${k}, ${q(title)}, ${q(minutes)}, 1 FROM meetings m WHERE ${added};`);
  }
  out.push(
    "INSERT INTO minutes_versions (agenda_item_id, version, text, stage, saved_by, saved_at) " +
      `SELECT a.id, 1, a.minutes, 'draft', m.created_by, m.ends_at FROM agenda_items a JOIN meetings m ON m.id = a.meeting_id WHERE ${added};`,
  );
  out.push(
    "WITH ss AS (SELECT row_number() OVER (ORDER BY id) AS k, id FROM seats) " +
      "INSERT INTO attendance (meeting_id, seat_id, status, recorded_by, recorded_at) " +
      "SELECT m.id, ss.id, CASE (CAST(substr(m.id, 9) AS INTEGER) * 5 + ss.k * 3) % 11 WHEN 0 THEN 'absent' WHEN 1 THEN 'excused' WHEN 2 THEN 'absent' ELSE 'present' END, " +
      "(SELECT id FROM users WHERE email = 'secretariat@plenary.test'), m.starts_at " +
      "FROM meetings m JOIN ss ON m.track_id IS NULL OR ss.id IN (SELECT seat_id FROM track_seats WHERE track_id = m.track_id) " +
      `WHERE ${added};`,
  );
  return out.join("\n") + "\n";
}

/** Checks the seed landed as intended; returns the figures for the report. */
export const reportsCheckSql =
  "SELECT (SELECT count(*) FROM revisions WHERE document_id LIKE 'doc-bench-report-%' AND adopted_at IS NOT NULL) AS adoptedTexts, " +
  "(SELECT min(n) FROM (SELECT count(*) AS n FROM revision_paragraphs WHERE revision_id LIKE 'rev-bench-report-%' GROUP BY revision_id)) AS minParagraphs, " +
  "(SELECT max(n) FROM (SELECT count(*) AS n FROM revision_paragraphs WHERE revision_id LIKE 'rev-bench-report-%' GROUP BY revision_id)) AS maxParagraphs, " +
  "(SELECT count(*) FROM positions WHERE revision_id LIKE 'rev-bench-report-%' AND stance = 'reservation') AS reservations, " +
  // The texts the compiler takes: each track's latest adopted revision.
  "(SELECT count(*) FROM tracks t WHERE (SELECT r.document_id FROM revisions r JOIN documents d ON d.id = r.document_id " +
  "WHERE d.track_id = t.id AND d.kind <> 'progress_report' AND r.adopted_at IS NOT NULL ORDER BY r.adopted_at DESC LIMIT 1) LIKE 'doc-bench-report-%') AS chosenTexts, " +
  "(SELECT count(*) FROM comments c JOIN documents d ON d.id = c.document_id WHERE c.parent_id IS NULL AND d.kind <> 'progress_report') AS topLevelComments, " +
  "(SELECT count(*) FROM comments WHERE document_id LIKE 'doc-bench-report-%') AS trackComments, " +
  `(SELECT count(*) FROM meetings WHERE status = 'scheduled' AND ends_at <= ${NOW_SQL}) AS heldMeetings, ` +
  "(SELECT count(*) FROM meetings WHERE id LIKE 'mtg-rep-%') AS addedMeetings, " +
  `(SELECT count(*) FROM attendance a JOIN meetings m ON m.id = a.meeting_id WHERE m.status = 'scheduled' AND m.ends_at <= ${NOW_SQL}) AS heldRegisterRows, ` +
  "(SELECT min(starts_at) FROM meetings WHERE status = 'scheduled') AS firstMeeting";

export type ReportsCheck = {
  adoptedTexts: number; minParagraphs: number; maxParagraphs: number; reservations: number; chosenTexts: number; topLevelComments: number;
  trackComments: number; heldMeetings: number; addedMeetings: number; heldRegisterRows: number; firstMeeting: string;
};

export function verifyReports(c: ReportsCheck) {
  const problems = [
    c.adoptedTexts !== REPORT_TRACKS && `${c.adoptedTexts} adopted track texts, expected ${REPORT_TRACKS}`,
    (c.minParagraphs !== TRACK_PARAGRAPHS || c.maxParagraphs !== TRACK_PARAGRAPHS) && `${c.minParagraphs}..${c.maxParagraphs} paragraphs per adopted text, expected ${TRACK_PARAGRAPHS}`,
    c.reservations === 0 && "no reservations on the adopted texts",
    c.chosenTexts !== REPORT_TRACKS && `the compiler would take ${c.chosenTexts} of the seeded texts, expected all ${REPORT_TRACKS} (a newer adopted text on a track?)`,
    c.topLevelComments < TOP_LEVEL_COMMENTS_TOTAL && `${c.topLevelComments} top-level comments, expected at least ${TOP_LEVEL_COMMENTS_TOTAL}`,
    c.heldMeetings < HELD_MEETINGS_TOTAL && `${c.heldMeetings} meetings held, expected at least ${HELD_MEETINGS_TOTAL}`,
    c.addedMeetings > MEETING_CANDIDATES - 1 && `all ${MEETING_CANDIDATES} candidate meetings used: raise MEETING_CANDIDATES`,
    c.trackComments >= COMMENT_CANDIDATES && `all ${COMMENT_CANDIDATES} candidate comments used: raise COMMENT_CANDIDATES`,
  ].filter(Boolean);
  if (problems.length) throw new Error(`The report data did not seed as intended: ${problems.join("; ")}`);
}
