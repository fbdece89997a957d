// The endpoints `npm run bench` loads. To benchmark a new endpoint, add one
// entry to `endpoints` below; nothing else needs to change. Every entry is
// checked once before it is loaded (status must equal `expect`), so a broken
// route fails the run instead of producing fast-looking 401s or 404s.
//
// `as` names a demo account from `accounts`; the runner signs each one in
// once and sends its session cookie. Add an account there to load a route as
// a different role. Mutating methods get a same-origin `origin` header.
//
// The documents rows read the track draft from ./seed-documents.ts: 200
// paragraphs in two revisions, 3,000 comments from 54 seats and 500 replies.
// The meetings rows read ./seed-meetings.ts: 520 meetings over two years, 500
// of them public, with agendas, replies and registers.
// The reports rows read ./seed-reports.ts (four adopted track texts of 200
// paragraphs, 5,000 top-level comments, 300 meetings held) and the report
// `setup` below compiles, takes through review and adoption, and publishes.

import { gzipSync } from "node:zlib";
import { PDFDocument } from "pdf-lib";
import { BENCH_DOC_ID, BUSIEST_PARAGRAPH, NUMBERED_PARAGRAPHS } from "./seed-documents.ts";
import { BENCH_CALENDAR_TOKEN, BENCH_MEETING_ID, checkBody, listWindow, PUBLIC_MEETINGS } from "./seed-meetings.ts";
import { HELD_MEETINGS_TOTAL, REPORT_TRACKS, TOP_LEVEL_COMMENTS_TOTAL, TRACK_PARAGRAPHS } from "./seed-reports.ts";

export const DEMO_PASSWORD = "plenary-demo-2026";

/** Demo accounts the runner signs in once, by the name endpoints use in `as`. */
export const accounts = {
  secretariat: "secretariat@plenary.test",
  /** Head of delegation of Brazil: a member seat, reads members-only drafts and comments. */
  head: "head.brazil@plenary.test",
  /** Schedules plenary meetings. */
  chair: "chair@plenary.test",
} as const;

export type Account = keyof typeof accounts;

export type Endpoint = {
  /** Label in the table; defaults to "METHOD path". */
  name?: string;
  method?: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  /** A function when the path depends on what `setup` created; called when the row is measured. */
  path: string | (() => string);
  /** Signed in as this account; anonymous when left out. */
  as?: Account;
  /** JSON request body. */
  body?: unknown;
  /**
   * A JSON body per request instead of `body`, for writes that must differ
   * (idempotency keys); `n` is unique within the run.
   */
  bodyFor?: (n: number) => unknown;
  /** Concurrent connections; 32 unless the route is deliberately slow. */
  connections?: number;
  /** Measure for at least this many seconds (BENCH_SECONDS otherwise): for routes so slow that a short run gets few responses. */
  seconds?: number;
  /** The status every response should have; 200 unless given. */
  expect?: number;
  /** A goal: p95 at most this multiple of the health floor's p95; the table marks it met or missed. */
  target?: number;
  /** A goal the bench cannot measure (a workerd test checks it), shown as is in the target column. */
  goal?: string;
  /** Checks the first response (as text, and its raw bytes); throws if it is wrong, returns a note for the report. */
  verify?: (body: string, bytes: Uint8Array) => string | Promise<string>;
};

/** One API call for `setup`, as the given account (anonymous without); the body parsed as JSON when it is JSON. */
export type Call = (req: { as?: Account; method?: Endpoint["method"]; path: string; body?: unknown }) => Promise<{ status: number; body: any }>;
/**
 * Runs once after the server is up and before anything is measured, to create
 * what rows read (their `path` may then be a function); returns a description
 * of what it made for the table's header, or nothing. Optional: set it to undefined.
 */
export type Setup = (call: Call, log: (msg: string) => void) => Promise<string | void>;

/** Counts the events of an ICS body; fewer than `min` fails the run. */
const vevents = (min: number) => (body: string) => {
  const n = body.split("BEGIN:VEVENT\r\n").length - 1;
  if (n < min) throw new Error(`${n} VEVENTs in the feed, expected at least ${min}`);
  return `${n} VEVENTs`;
};

const doc = `/api/documents/${BENCH_DOC_ID}`;

/** The progress report `setup` publishes; the report rows read it. */
export const BENCH_REPORT_SYMBOL = "A/81/150";
const report = { id: "", revision: -1 };
const published = `/published/${BENCH_REPORT_SYMBOL}`;

const HOUR = 3_600_000;

/**
 * Runs once before anything is measured. Creates the bench report as the
 * secretariat (compiled from the seeded data), submits it for review, has the
 * Chair adopt it in a consensus round and publishes it, as test/reports.test.ts
 * does. Returns a description of the report for the table's header.
 */
export const setup: Setup | undefined = async (call, log) => {
  const step = async (what: string, req: Parameters<Call>[0], expect: number) => {
    const started = performance.now();
    const res = await call(req);
    const ms = performance.now() - started;
    if (res.status !== expect) throw new Error(`Setup: ${what} answered ${res.status}, expected ${expect}: ${JSON.stringify(res.body).slice(0, 300)}`);
    log(`  ${what}: ${res.status} in ${ms.toFixed(0)} ms`);
    return res.body;
  };
  const created = await step("compile the report (POST /api/reports)", {
    as: "secretariat",
    method: "POST",
    path: "/api/reports",
    body: { title: "Progress report of the Working Group on Data Governance", symbol: BENCH_REPORT_SYMBOL, session: 81, agendaItem: "Item 17 of the preliminary list" },
  }, 201);
  report.id = created.report.id;
  const review = await step("submit for review", {
    as: "secretariat",
    method: "POST",
    path: `/api/reports/${report.id}/review`,
    body: { commentsOpenAt: new Date(Date.now() - HOUR).toISOString(), commentsCloseAt: new Date(Date.now() + 72 * HOUR).toISOString(), commentsTimeZone: "Europe/Zurich" },
  }, 201);
  report.revision = review.revision.number;
  const before = await step("read the report", { as: "secretariat", path: `/api/reports/${report.id}` }, 200);
  const revision = `/api/documents/${before.report.documentId}/revisions/${report.revision}`;
  const opened = await step("open a consensus round (Chair)", {
    as: "chair",
    method: "POST",
    path: `${revision}/procedures`,
    body: { kind: "round", deadline: new Date(Date.now() + 96 * HOUR).toISOString(), deadlineTimeZone: "Europe/Zurich" },
  }, 201);
  await step("close it adopted (Chair)", {
    as: "chair",
    method: "POST",
    path: `${revision}/procedures/${opened.procedure.id}/close`,
    body: { outcome: "adopted", decision: "Adopted by consensus." },
  }, 200);
  await step("publish", { as: "secretariat", method: "POST", path: `/api/reports/${report.id}/publish`, body: {} }, 201);
  const d = await step("read the published report", { as: "secretariat", path: `/api/reports/${report.id}` }, 200);
  if (d.report.state !== "published") throw new Error(`Setup: the report is ${d.report.state}, expected published`);
  type Block = { kind: string; footnotes?: string[] };
  type Section = { annex: boolean; blocks: Block[] };
  const sections = d.sections as Section[];
  const blocks = sections.flatMap((s) => s.blocks);
  const numbered = sections.filter((s) => !s.annex).flatMap((s) => s.blocks).filter((b) => b.kind === "paragraph").length;
  const footnotes = blocks.reduce((n, b) => n + (b.footnotes?.length ?? 0), 0);
  const issued = d.report.latestRevision.paragraphCount as number;
  const words = d.words as { total: number; annexes: number; limit: number };
  return (
    `the published report ${BENCH_REPORT_SYMBOL}: ${sections.length} sections, ${blocks.length.toLocaleString("en-US")} blocks ` +
    `(${issued.toLocaleString("en-US")} issued paragraphs with section headings, ${numbered.toLocaleString("en-US")} numbered in the body, ${footnotes} footnotes), ` +
    `${words.total.toLocaleString("en-US")} words in the body (limit ${words.limit.toLocaleString("en-US")}) and ${words.annexes.toLocaleString("en-US")} in the annexes`
  );
};

/** A PDF: starts with %PDF; notes its size and page count. */
const pdf = async (_: string, bytes: Uint8Array) => {
  const head = new TextDecoder().decode(bytes.slice(0, 5));
  if (head !== "%PDF-") throw new Error(`not a PDF: starts with ${JSON.stringify(head)}`);
  const pages = (await PDFDocument.load(bytes, { updateMetadata: false })).getPageCount();
  return `PDF of ${(bytes.byteLength / 1024).toFixed(0)} KiB, ${pages} pages`;
};

/** The public report page: notes its size gzipped, as a browser would fetch it. */
const reportPage = (body: string, bytes: Uint8Array) => {
  if (!body.includes(BENCH_REPORT_SYMBOL)) throw new Error(`the page does not show ${BENCH_REPORT_SYMBOL}`);
  return `page of ${(bytes.byteLength / 1024).toFixed(0)} KiB, ${(gzipSync(bytes).byteLength / 1024).toFixed(0)} KiB gzipped`;
};

/** The floor: a route that touches no storage, measured in the same run. */
export const floor: Endpoint = { path: "/api/health" };

export const endpoints: Endpoint[] = [
  { path: "/api/tracks" },
  { path: "/api/tracks/principles" },
  { name: "GET /api/seats (anonymous)", path: "/api/seats" },
  { name: "GET /api/seats (secretariat)", path: "/api/seats", as: "secretariat" },
  { path: "/api/me", as: "secretariat" },
  { path: "/api/admin/users", as: "secretariat" },
  { path: "/api/admin/audit", as: "secretariat" },
  { path: "/api/admin/audit?action=user.roles", as: "secretariat" },
  { path: "/api/admin/outbox", as: "secretariat" },
  // Track drafts. The goal: the revision page within 3× the health floor at 32 clients.
  // The client loads the issued text once (immutable, browser-cached) and the live counts on every visit.
  { name: "GET revision page, live part (Rev.1)", path: `${doc}/revisions/1?text=0`, as: "head", target: 3 },
  { name: "GET revision text (Rev.1, 200 ¶)", path: `${doc}/revisions/1/text`, as: "head" },
  { name: "GET revision page with text (Rev.1)", path: `${doc}/revisions/1`, as: "head" },
  { name: "GET thread, busiest ¶, 1st page", path: `${doc}/revisions/1/comments?paragraph=${BUSIEST_PARAGRAPH}`, as: "head" },
  { name: "GET diff zero draft → Rev.1", path: `${doc}/diff?from=0&to=1`, as: "head" },
  { path: "/api/documents?trackId=1", as: "head" },
  // Meetings. The goal: the ICS feed of 500 meetings in at most 3 D1 queries
  // (test/round-trips.test.ts counts them), its p95 reported beside the floor.
  { name: `GET /api/meetings.ics (${PUBLIC_MEETINGS} public meetings)`, path: "/api/meetings.ics", goal: "≤3 D1 queries", verify: vevents(PUBLIC_MEETINGS) },
  { path: "/api/meetings.ics?track=principles", verify: vevents(50) },
  { name: "GET /api/calendar/<token>.ics (Brazil's head)", path: `/api/calendar/${BENCH_CALENDAR_TOKEN}.ics`, goal: "≤3 D1 queries", verify: vevents(300) },
  { path: `/api/meetings?from=${listWindow().from}&to=${listWindow().to}`, as: "head" },
  { name: "GET /api/meetings/<id> (held plenary)", path: `/api/meetings/${BENCH_MEETING_ID}`, as: "head" },
  { path: "/api/meetings/check", method: "POST", as: "chair", body: checkBody() },
  // Progress reports: the report `setup` published, read by the public and exported by a member.
  { name: "GET /published/<symbol> (report page, anonymous)", path: published, verify: reportPage },
  { name: "GET /published/<symbol>.pdf (rendered once, then from R2)", path: `${published}.pdf`, verify: pdf },
  {
    name: "GET /api/reports/<id>/export?format=pdf&revision=<n> (member; issued text, kept in R2)",
    path: () => `/api/reports/${report.id}/export?format=pdf&revision=${report.revision}`,
    as: "head",
    verify: pdf,
  },
  {
    name: "GET /api/reports/<id>/export?format=pdf&revision=working (rendered each time)",
    path: () => `/api/reports/${report.id}/export?format=pdf&revision=working`,
    as: "secretariat",
    connections: 4,
    // Each render takes a second or more of CPU for this 109-page text, so 4 clients wait several seconds: a longer run for a p95.
    seconds: 20,
    verify: pdf,
  },
  // Each request creates a report, compiled from the seeded data on creation, so it runs after the reads.
  {
    name: `POST /api/reports (compile: ${REPORT_TRACKS}×${TRACK_PARAGRAPHS} paras, ${HELD_MEETINGS_TOTAL} meetings, ${TOP_LEVEL_COMMENTS_TOTAL.toLocaleString("en-US")} comments)`,
    method: "POST",
    path: "/api/reports",
    as: "secretariat",
    connections: 4,
    expect: 201,
    bodyFor: (n) => ({ title: "Progress report of the Working Group on Data Governance", symbol: `A/81/B${n}`, session: 81 }),
  },
  // Each request adds a comment (a new idempotency key each time), so it runs after the reads.
  {
    name: "POST comment / amendment on Rev.1",
    method: "POST",
    path: `${doc}/revisions/1/comments`,
    as: "head",
    connections: 8,
    expect: 201,
    bodyFor: (n) => ({
      paragraphId: NUMBERED_PARAGRAPHS[n % NUMBERED_PARAGRAPHS.length],
      ...(n % 3 === 0
        ? { kind: "amendment", op: "replace", quote: "as appropriate", proposedText: "in accordance with national priorities" }
        : { kind: "general" }),
      body: "Our delegation proposes to align this paragraph with agreed language from resolution 78/213.",
      idempotencyKey: `bench-post-${n}`,
    }),
  },
  // PBKDF2 (100k iterations) is slow on purpose, so this runs at low
  // concurrency. Only failed sign-ins are rate limited; this one succeeds.
  // Each request adds a session and an audit row, so it runs last.
  {
    path: "/api/auth/login",
    method: "POST",
    body: { email: accounts.secretariat, password: DEMO_PASSWORD },
    connections: 4,
  },
];
