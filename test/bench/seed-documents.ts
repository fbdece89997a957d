// A large track draft for the documents endpoints, as SQL applied after the
// demo seed: one members-only document on track 1 with a zero draft and Rev.1
// of 200 paragraphs each (the same paragraph identities, so comments carry
// over), 3,000 top-level comments and amendments from the 54 member seats and
// 500 replies. Deterministic (seeded PRNG) except for timestamps, which are
// relative to now so Rev.1's comment window is open during the run.
//
// Seats and authors come from the database: the k-th member seat (member
// States and non-state members, ordered by id) and its head of delegation.

export const BENCH_DOC_ID = "doc-bench-track1";
export const PARAGRAPHS = 200;
export const TOP_LEVEL_COMMENTS = 3000;
export const REPLIES = 500;
export const MEMBER_SEATS = 54;
/** The paragraph with the most comments by construction; the seed check confirms it. */
export const BUSIEST_PARAGRAPH = "p-bench-024";

const pid = (i: number) => `p-bench-${String(i + 1).padStart(3, "0")}`;

// Headings at these positions (kind 'heading', number NULL); the rest are numbered paragraphs.
const HEADINGS = new Map<number, string>([
  [0, "I. Introduction"],
  [12, "II. Scope and objectives"],
  [33, "III. Fundamental principles of data governance"],
  [58, "IV. Data governance at the national level"],
  [81, "V. Interoperability of data systems"],
  [104, "VI. Sharing the benefits of data"],
  [127, "VII. Safe, secure and trusted data flows"],
  [150, "VIII. Capacity-building and technical assistance"],
  [172, "IX. Institutional arrangements"],
  [188, "X. Follow-up and review"],
]);

/** Ids of the numbered paragraphs (not headings), for comments and the POST benchmark. */
export const NUMBERED_PARAGRAPHS = Array.from({ length: PARAGRAPHS }, (_, i) => i)
  .filter((i) => !HEADINGS.has(i))
  .map(pid);

export function mulberry32(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const OPENERS = [
  "Recognizes that",
  "Reaffirms that",
  "Underlines the importance of ensuring that",
  "Encourages Member States to ensure that",
  "Calls upon all relevant stakeholders to ensure that",
  "Stresses the need to ensure that",
  "Notes with concern that",
  "Acknowledges that",
  "Emphasizes that",
  "Invites the Commission on Science and Technology for Development to consider how",
  "Requests the Secretary-General to report on how",
];
const FOLLOW_ON = ["It further recognizes that", "In this regard, it notes that", "It also stresses that", "Moreover,"];
const SUBJECTS = [
  "data governance at all levels",
  "the cross-border flow of data",
  "interoperability between national, regional and international data systems",
  "the equitable sharing of the benefits of data",
  "capacity-building for developing countries, in particular the least developed countries",
  "the protection of personal data and privacy",
  "open data and data for development",
  "efforts to bridge the digital divides between and within countries",
  "official statistics and national statistical systems",
  "data stewardship by public institutions",
  "trusted and secure data flows",
];
const PREDICATES = [
  "should be guided by the principles of fairness, transparency and accountability",
  "requires sustained international cooperation and adequate financing",
  "must respect, protect and promote human rights, including the right to privacy",
  "can contribute to the achievement of the Sustainable Development Goals",
  "should remain inclusive, people-centred and development-oriented",
  "depends on robust legal, technical and institutional frameworks",
  "should build on existing principles and frameworks rather than duplicate them",
  "calls for the meaningful participation of all stakeholders in their respective roles and responsibilities",
];
const QUALIFIERS = [
  "in accordance with national legislation and international obligations",
  "taking into account different national circumstances and levels of development",
  "with full respect for the sovereignty of States",
  "through a multistakeholder approach",
  "in line with the 2030 Agenda for Sustainable Development",
  "as appropriate",
  "on a voluntary basis and on mutually agreed terms",
  "including through South-South and triangular cooperation",
  "with particular attention to the needs of women, youth and persons with disabilities",
];
const BRACKETED = [
  "[on a voluntary basis and on mutually agreed terms]",
  "[including the free flow of data with trust]",
  "[with full respect for the sovereignty of States]",
  "[and in accordance with national legislation]",
  "[shall][should]",
];
const BODIES = [
  "We support this paragraph as drafted and thank the co-facilitators for their balanced text.",
  "The language should be aligned with agreed language from General Assembly resolution 78/213.",
  "This paragraph goes beyond the mandate of the Working Group and should be deleted.",
  "We propose to refer explicitly to the needs of developing countries.",
  "The reference to human rights is essential and must be retained.",
  "We request clarification on the meaning of this term, which has no agreed definition.",
  "We would prefer a more action-oriented formulation.",
  "This duplicates paragraph 14 and could be merged with it.",
  "Our delegation cannot accept the bracketed text.",
  "We suggest adding a reference to the role of the private sector and the technical community.",
  "The paragraph should recognize existing regional frameworks.",
  "We are flexible on the wording but the substance must be preserved.",
];
const REPLY_BODIES = [
  "We share this concern and support the proposal.",
  "We cannot support this amendment, which would upset the balance of the paragraph.",
  "Could the delegation clarify whether this refers to personal or non-personal data?",
  "We would be flexible if the reference to national legislation is retained.",
  "We align ourselves with this comment.",
];
const PROPOSALS = [
  "in accordance with applicable international law",
  "taking into account the specific challenges faced by developing countries",
  "shall",
  "including through the transfer of technology on mutually agreed terms",
  "as appropriate and in line with national priorities",
  "trusted",
];

type Para = { pid: string; position: number; number: number | null; kind: "heading" | "paragraph"; html: string };

/** A paragraph of 40 to 120 words in the register of a UN outcome text; `bracketed` opens with bracketed language. */
export function paragraphText(rand: () => number, bracketed: boolean) {
  const pick = <T>(list: readonly T[]) => list[Math.floor(rand() * list.length)]!;
  const target = 40 + Math.floor(rand() * 81); // 40..120 words
  const sentences: string[] = [];
  let words = 0;
  while (words < target) {
    const qualifier = bracketed && sentences.length === 0 ? pick(BRACKETED) : pick(QUALIFIERS);
    const s = `${sentences.length === 0 ? pick(OPENERS) : pick(FOLLOW_ON)} ${pick(SUBJECTS)} ${pick(PREDICATES)}, ${qualifier}.`;
    const n = s.split(" ").length;
    if (words >= 40 && words + n > 120) break;
    sentences.push(s);
    words += n;
  }
  return sentences.join(" ");
}

/** The zero draft and Rev.1: Rev.1 resolves some brackets and edits about a quarter of the paragraphs. */
export function revisionsText(): [Para[], Para[]] {
  const rand = mulberry32(2026);
  const zero: Para[] = [];
  const rev1: Para[] = [];
  let number = 0;
  for (let i = 0; i < PARAGRAPHS; i++) {
    const heading = HEADINGS.get(i);
    if (heading) {
      zero.push({ pid: pid(i), position: i, number: null, kind: "heading", html: heading });
      rev1.push({ pid: pid(i), position: i, number: null, kind: "heading", html: heading });
      continue;
    }
    number++;
    const html = paragraphText(rand, rand() < 0.12);
    zero.push({ pid: pid(i), position: i, number, kind: "paragraph", html });
    let next = html;
    const r = rand();
    if (html.includes("[") && r < 0.5) next = next.replace("[shall][should]", "should").replace(/\[([^\]]*)\]/g, "$1");
    else if (r < 0.2) next = next.replace("should", "shall");
    else if (r < 0.3) next = `${next} It invites Member States to share good practices in this regard.`;
    rev1.push({ pid: pid(i), position: i, number, kind: "paragraph", html: next });
  }
  return [zero, rev1];
}

const q = (v: string | number | null) => (v === null ? "NULL" : typeof v === "number" ? String(v) : `'${v.replace(/'/g, "''")}'`);
const chunks = <T>(list: T[], size: number) => Array.from({ length: Math.ceil(list.length / size) }, (_, i) => list.slice(i * size, i * size + size));
const brackets = (texts: string[]) => texts.reduce((n, t) => n + (t.match(/\[/g)?.length ?? 0), 0);

/** The SQL that seeds the benchmark document, with timestamps relative to `now`. */
export function documentsSql(now = Date.now()): string {
  const iso = (ms: number) => new Date(ms).toISOString();
  const HOUR = 3_600_000;
  const DAY = 24 * HOUR;
  const rev0 = { id: "rev-bench-0", issued: now - 30 * DAY, open: now - 30 * DAY, close: now - 16 * DAY };
  const rev1 = { id: "rev-bench-1", issued: now - 2 * DAY, open: now - 2 * DAY, close: now + 7 * DAY };
  const [zero, one] = revisionsText();
  const out: string[] = [];
  const cofac = "(SELECT id FROM users WHERE email = 'cofacilitator@plenary.test')";

  out.push(
    `INSERT INTO documents (id, track_id, kind, title, symbol, visibility, created_by, created_at, updated_at, draft_json, draft_version) VALUES ` +
      `(${q(BENCH_DOC_ID)}, 1, 'draft_outcome', 'Fundamental principles of data governance at all levels as relevant for development: draft elements', ` +
      `'A/AC.295/2026/CRP.1', 'members', ${cofac}, ${q(iso(rev0.issued - DAY))}, ${q(iso(rev1.issued))}, ` +
      `'[]', 3);`,
  );
  for (const [r, text, n] of [[rev0, zero, 0], [rev1, one, 1]] as const) {
    out.push(
      `INSERT INTO revisions (id, document_id, number, issued_at, issued_by, comments_open_at, comments_close_at, comments_time_zone, allow_late, paragraph_count, bracket_count, dispositions_published_at) VALUES ` +
        `(${q(r.id)}, ${q(BENCH_DOC_ID)}, ${n}, ${q(iso(r.issued))}, ${cofac}, ${q(iso(r.open))}, ${q(iso(r.close))}, 'Europe/Zurich', 0, ${text.length}, ` +
        `${brackets(text.map((p) => p.html))}, ${n === 0 ? q(iso(rev1.issued)) : "NULL"});`,
    );
  }
  for (const part of chunks(zero, 50)) {
    out.push(`INSERT INTO paragraphs (id, document_id, created_in) VALUES ${part.map((p) => `(${q(p.pid)}, ${q(BENCH_DOC_ID)}, 0)`).join(", ")};`);
  }
  for (const [revId, text] of [[rev0.id, zero], [rev1.id, one]] as const) {
    for (const part of chunks(text, 40)) {
      out.push(
        `INSERT INTO revision_paragraphs (revision_id, paragraph_id, position, number, kind, html) VALUES ` +
          part.map((p) => `(${q(revId)}, ${q(p.pid)}, ${p.position}, ${q(p.number)}, ${q(p.kind)}, ${q(p.html)})`).join(", ") +
          ";",
      );
    }
  }
  // The working copy is Rev.1's text, built in SQL: D1 refuses statements over 100 kB.
  out.push(
    `UPDATE documents SET draft_json = (SELECT json_group_array(json_object('pid', paragraph_id, 'kind', kind, 'html', html)) ` +
      `FROM (SELECT * FROM revision_paragraphs WHERE revision_id = ${q(rev1.id)} ORDER BY position)) WHERE id = ${q(BENCH_DOC_ID)};`,
  );

  // Comments: 55% on the zero draft, the rest on Rev.1. Two percent on the whole
  // document, a tenth on the busiest paragraph, a fifth on eight other contested ones.
  const rand = mulberry32(54);
  const pick = <T>(list: readonly T[]) => list[Math.floor(rand() * list.length)]!;
  const numbered = zero.filter((p) => p.kind === "paragraph");
  const hot = numbered.filter((p) => [7, 31, 45, 77, 90, 121, 140, 166].includes(p.number!));
  const textOf = (rev: 0 | 1) => new Map((rev === 0 ? zero : one).map((p) => [p.pid, p.html]));
  const texts = [textOf(0), textOf(1)];
  type Row = {
    id: string; rev: 0 | 1; paragraph: string | null; parent: string | null; seat: number; kind: "general" | "amendment";
    op: string | null; quote: string | null; prefix: string | null; suffix: string | null; proposed: string | null; body: string;
    at: number; disposition: string | null; reason: string | null;
  };
  const rows: Row[] = [];
  for (let i = 0; i < TOP_LEVEL_COMMENTS; i++) {
    const rev: 0 | 1 = i < TOP_LEVEL_COMMENTS * 0.55 ? 0 : 1;
    const r = rand();
    const paragraph = r < 0.02 ? null : r < 0.12 ? BUSIEST_PARAGRAPH : r < 0.32 ? pick(hot).pid : pick(numbered).pid;
    const amendment = paragraph !== null && rand() < 0.3;
    let op: string | null = null, quote: string | null = null, prefix: string | null = null, suffix: string | null = null, proposed: string | null = null;
    if (amendment) {
      const o = rand();
      op = o < 0.6 ? "replace" : o < 0.85 ? "insert" : "delete";
      const words = texts[rev]!.get(paragraph)!.split(" ");
      const start = 2 + Math.floor(rand() * (words.length - 12));
      const len = op === "insert" ? 0 : 2 + Math.floor(rand() * 6);
      quote = op === "insert" ? null : words.slice(start, start + len).join(" ");
      prefix = words.slice(Math.max(0, start - 5), start).join(" ");
      suffix = words.slice(start + len, start + len + 5).join(" ");
      proposed = op === "delete" ? null : pick(PROPOSALS);
    }
    const window = rev === 0 ? [rev0.open, rev0.close] : [rev1.open, now - HOUR];
    const at = window[0]! + Math.floor(rand() * (window[1]! - window[0]!));
    const disposed = rev === 0 && rand() < 0.6;
    const disposition = disposed ? pick(["accepted", "partly_accepted", "not_accepted", "noted"]) : null;
    rows.push({
      id: `c-bench-${String(i + 1).padStart(5, "0")}`,
      rev, paragraph, parent: null, seat: Math.floor(rand() * MEMBER_SEATS),
      kind: amendment ? "amendment" : "general", op, quote, prefix, suffix, proposed,
      body: `${pick(BODIES)} ${pick(BODIES)}`,
      at, disposition, reason: disposition && disposition !== "accepted" ? "Reflected in part in Rev.1; see the revised paragraph." : null,
    });
  }
  for (let i = 0; i < REPLIES; i++) {
    const parent = rows[Math.floor(rand() * TOP_LEVEL_COMMENTS)]!;
    rows.push({
      id: `c-bench-r${String(i + 1).padStart(4, "0")}`,
      rev: parent.rev, paragraph: parent.paragraph, parent: parent.id,
      seat: (parent.seat + 1 + Math.floor(rand() * (MEMBER_SEATS - 1))) % MEMBER_SEATS,
      kind: "general", op: null, quote: null, prefix: null, suffix: null, proposed: null,
      body: pick(REPLY_BODIES),
      at: Math.min(now - 60_000, parent.at + Math.floor(rand() * 48 * HOUR)),
      disposition: null, reason: null,
    });
  }

  // Seat k and its head come from the database; each statement joins them in.
  const heads =
    "WITH heads AS (SELECT row_number() OVER (ORDER BY s.id) - 1 AS k, s.id AS seat_id, " +
    "(SELECT u.id FROM users u WHERE u.seat_id = s.id AND u.seat_role = 'head' ORDER BY u.id LIMIT 1) AS user_id " +
    "FROM seats s WHERE s.kind IN ('member_state', 'non_state'))";
  for (const part of chunks(rows, 40)) {
    const values = part.map((c) =>
      `(${[
        q(c.id), q(c.rev === 0 ? rev0.id : rev1.id), q(c.paragraph), q(c.parent), c.seat, q(c.kind), q(c.op), q(c.quote), q(c.prefix), q(c.suffix),
        q(c.proposed), q(c.body), q(`seed-${c.id}`), q(iso(c.at)), q(c.disposition), q(c.reason), q(c.disposition ? iso(rev1.issued - DAY) : null),
      ].join(", ")})`,
    );
    out.push(
      `${heads} INSERT INTO comments (id, document_id, revision_id, paragraph_id, parent_id, seat_id, author_id, kind, op, quote, prefix, suffix, ` +
        `proposed_text, body, late, idempotency_key, created_at, updated_at, disposition, disposition_reason, disposed_by, disposed_at) ` +
        `SELECT v.column1, ${q(BENCH_DOC_ID)}, v.column2, v.column3, v.column4, h.seat_id, h.user_id, v.column6, v.column7, v.column8, v.column9, v.column10, ` +
        `v.column11, v.column12, 0, v.column13, v.column14, v.column14, v.column15, v.column16, CASE WHEN v.column15 IS NULL THEN NULL ELSE ${cofac} END, v.column17 ` +
        `FROM (VALUES ${values.join(", ")}) AS v JOIN heads h ON h.k = v.column5;`,
    );
  }
  // The comments went in directly, so rebuild the revision page's counters as migration 0004 does.
  out.push(
    "INSERT INTO comment_counts (document_id, paragraph_key, revision_number, total, amendments) " +
      "SELECT c.document_id, coalesce(c.paragraph_id, ''), r.number, count(*), sum(c.kind = 'amendment') " +
      `FROM comments c JOIN revisions r ON r.id = c.revision_id WHERE c.parent_id IS NULL AND c.document_id = ${q(BENCH_DOC_ID)} ` +
      "GROUP BY c.document_id, coalesce(c.paragraph_id, ''), r.number;",
  );
  return out.join("\n") + "\n";
}

/** Checks the seed landed as intended; returns the figures for the report. */
export const documentsCheckSql =
  `SELECT (SELECT count(*) FROM revision_paragraphs WHERE revision_id = 'rev-bench-1') AS paragraphs, ` +
  `(SELECT count(*) FROM comments WHERE document_id = '${BENCH_DOC_ID}' AND parent_id IS NULL) AS comments, ` +
  `(SELECT count(*) FROM comments WHERE document_id = '${BENCH_DOC_ID}' AND parent_id IS NOT NULL) AS replies, ` +
  `(SELECT count(*) FROM comments WHERE document_id = '${BENCH_DOC_ID}' AND kind = 'amendment') AS amendments, ` +
  `(SELECT count(DISTINCT seat_id) FROM comments WHERE document_id = '${BENCH_DOC_ID}') AS commentingSeats, ` +
  `(SELECT paragraph_id FROM comments WHERE document_id = '${BENCH_DOC_ID}' AND parent_id IS NULL AND paragraph_id IS NOT NULL ` +
  `GROUP BY paragraph_id ORDER BY count(*) DESC LIMIT 1) AS busiest, ` +
  `(SELECT count(*) FROM comments WHERE paragraph_id = '${BUSIEST_PARAGRAPH}' AND parent_id IS NULL) AS busiestComments`;

export type DocumentsCheck = {
  paragraphs: number; comments: number; replies: number; amendments: number; commentingSeats: number; busiest: string; busiestComments: number;
};

export function verifyDocuments(c: DocumentsCheck) {
  const problems = [
    c.paragraphs !== PARAGRAPHS && `${c.paragraphs} paragraphs in Rev.1, expected ${PARAGRAPHS}`,
    c.comments !== TOP_LEVEL_COMMENTS && `${c.comments} top-level comments, expected ${TOP_LEVEL_COMMENTS} (are there ${MEMBER_SEATS} member seats with heads?)`,
    c.replies !== REPLIES && `${c.replies} replies, expected ${REPLIES}`,
    c.commentingSeats !== MEMBER_SEATS && `comments from ${c.commentingSeats} seats, expected ${MEMBER_SEATS}`,
    c.busiest !== BUSIEST_PARAGRAPH && `busiest paragraph is ${c.busiest}, expected ${BUSIEST_PARAGRAPH}`,
  ].filter(Boolean);
  if (problems.length) throw new Error(`The benchmark document did not seed as intended: ${problems.join("; ")}`);
}
