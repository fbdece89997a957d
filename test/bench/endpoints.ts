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

import { BENCH_DOC_ID, BUSIEST_PARAGRAPH, NUMBERED_PARAGRAPHS } from "./seed-documents.ts";
import { BENCH_CALENDAR_TOKEN, BENCH_MEETING_ID, checkBody, listWindow, PUBLIC_MEETINGS } from "./seed-meetings.ts";

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
  path: string;
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
  /** The status every response should have; 200 unless given. */
  expect?: number;
  /** A goal: p95 at most this multiple of the health floor's p95; the table marks it met or missed. */
  target?: number;
  /** A goal the bench cannot measure (a workerd test checks it), shown as is in the target column. */
  goal?: string;
  /** Checks the body of the first response; throws if it is wrong, returns a note for the report. */
  verify?: (body: string) => string;
};

/** Counts the events of an ICS body; fewer than `min` fails the run. */
const vevents = (min: number) => (body: string) => {
  const n = body.split("BEGIN:VEVENT\r\n").length - 1;
  if (n < min) throw new Error(`${n} VEVENTs in the feed, expected at least ${min}`);
  return `${n} VEVENTs`;
};

const doc = `/api/documents/${BENCH_DOC_ID}`;

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
