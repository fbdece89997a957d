// `npm run bench`: seeds a large local D1, serves the built app on workerd
// (`wrangler dev`), loads each endpoint from this process with autocannon and
// prints req/s, p50 and p95 beside the GET /api/health floor of the same run.
// Add endpoints in ./endpoints.ts; its optional `setup` runs once, signed in,
// before anything is measured (e.g. to create what the rows read). Knobs:
// BENCH_SECONDS (5), BENCH_SCALE (40 extra delegates per seat), BENCH_PORT
// (8791, or the next free one). After each row the runner waits for the server
// to be idle again, so a slow row's last requests do not land on the next.
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { accounts, DEMO_PASSWORD, endpoints, floor, setup, type Account, type Call, type Endpoint } from "./endpoints.ts";
import { load, type LoadResult } from "./load.ts";
import { freePort, prepareDatabase, startServer, type Server } from "./server.ts";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const WARMUP_SECONDS = 1;
const SCALE = Number(process.env.BENCH_SCALE ?? 40);
const DEFAULT_CONNECTIONS = 32;
const RESULTS = resolve(import.meta.dirname, "../../.wrangler/bench-results.json");
const COOKIE = "__Host-plenary_session";

type Row = LoadResult & { name: string; connections: number; seconds: number; bytes: number; floorP95: number; ratio: number; target?: number; goal?: string; note?: string };

const log = (msg: string) => process.stderr.write(`${msg}\n`);
const pathOf = (e: Endpoint) => (typeof e.path === "function" ? e.path() : e.path);
const label = (e: Endpoint) => e.name ?? `${e.method ?? "GET"} ${pathOf(e)}`;
const connectionsOf = (e: Endpoint) => e.connections ?? DEFAULT_CONNECTIONS;
const secondsOf = (e: Endpoint) => Math.max(SECONDS, e.seconds ?? 0);

let server: Server | undefined;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, async () => {
    log(`\n${signal}: stopping the server`);
    await server?.stop();
    process.exit(130);
  });
}

async function signIn(origin: string, email: string) {
  const res = await fetch(`${origin}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json", origin },
    body: JSON.stringify({ email, password: DEMO_PASSWORD }),
  });
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith(`${COOKIE}=`));
  if (res.status !== 200 || !cookie) throw new Error(`Sign-in as ${email} answered ${res.status}: ${await res.text()}`);
  return cookie.split(";")[0]!;
}

// Numbers the per-request bodies of `bodyFor` endpoints, unique over the run.
let sent = 0;

function requestFor(origin: string, e: Endpoint, cookies: Map<Account, string>) {
  const method = e.method ?? "GET";
  const headers: Record<string, string> = {};
  if (e.as) headers.cookie = cookies.get(e.as)!;
  if (method !== "GET") headers.origin = origin;
  if (e.body !== undefined || e.bodyFor) headers["content-type"] = "application/json";
  const bodyFor = e.bodyFor;
  const nextBody = bodyFor ? () => JSON.stringify(bodyFor(++sent)) : undefined;
  return { url: origin + pathOf(e), method, headers, body: e.body === undefined ? undefined : JSON.stringify(e.body), nextBody };
}

async function measure(origin: string, e: Endpoint, cookies: Map<Account, string>) {
  const req = requestFor(origin, e, cookies);
  const expect = e.expect ?? 200;
  const started = performance.now();
  const probe = await fetch(req.url, { method: req.method, headers: req.headers, body: req.nextBody?.() ?? req.body });
  const body = await probe.arrayBuffer();
  const probeMs = performance.now() - started;
  if (probe.status !== expect) {
    throw new Error(`${label(e)} answered ${probe.status}, expected ${expect}: ${new TextDecoder().decode(body).slice(0, 300)}`);
  }
  const note = await e.verify?.(new TextDecoder().decode(body), new Uint8Array(body));
  const connections = connectionsOf(e);
  const seconds = secondsOf(e);
  const result = await load({ ...req, connections, seconds, warmupSeconds: WARMUP_SECONDS });
  await settle(origin);
  return { ...result, bytes: body.byteLength, connections, seconds, note, probeMs };
}

/** Waits (up to 20 s) until the floor answers three times in a row within 100 ms: the last row's work is done. */
async function settle(origin: string) {
  const until = Date.now() + 20_000;
  for (let quick = 0; quick < 3 && Date.now() < until; ) {
    const started = performance.now();
    await fetch(origin + floor.path).then((r) => r.arrayBuffer());
    quick = performance.now() - started < 100 ? quick + 1 : 0;
    if (quick === 0) await new Promise((done) => setTimeout(done, 100));
  }
}

function table(rows: Row[]) {
  const head = ["endpoint", "conc", "n", "req/s", "p50 ms", "p95 ms", "p95 ÷ health p95", "target", "bytes", "non-2xx"];
  const cells = rows.map((r) => [
    r.name,
    String(r.connections),
    `${r.requests}${r.seconds === SECONDS ? "" : ` in ${r.seconds} s`}`,
    r.rps.toFixed(r.rps < 10 ? 1 : 0),
    r.p50.toFixed(1),
    r.p95.toFixed(1),
    `${r.ratio.toFixed(1)}×`,
    [r.target === undefined ? "" : `≤ ${r.target}× ${r.ratio <= r.target ? "met" : "MISSED"}`, r.goal ?? ""].filter(Boolean).join("; "),
    r.bytes.toLocaleString("en-US"),
    String(r.non2xx + r.errors + r.timeouts),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]) => c.map((v, i) => (i === 0 ? v.padEnd(widths[i]!) : v.padStart(widths[i]!))).join(" | ");
  return [line(head), widths.map((w) => "-".repeat(w)).join("-|-"), ...cells.map(line)].join("\n");
}

async function main() {
  const started = Date.now();
  log(`Preparing a fresh local D1 (scale ${SCALE})…`);
  const counts = prepareDatabase(SCALE);
  const docs = counts.documents;
  log(`Data: ${counts.users} people, ${counts.seats} seats, ${counts.audit} audit rows, ${counts.outbox} outbox messages.`);
  log(`Track draft: ${docs.paragraphs} paragraphs × 2 revisions, ${docs.comments} comments (${docs.amendments} amendments) from ${docs.commentingSeats} seats, ${docs.replies} replies; busiest paragraph ${docs.busiest} with ${docs.busiestComments}.`);
  const mtg = counts.meetings;
  const meetingsLine =
    `${mtg.meetings} meetings (${mtg.inPublicFeed} public, ${mtg.cancelled} cancelled) in ${mtg.zones} time zones from ${mtg.first.slice(0, 10)} to ${mtg.last.slice(0, 10)}, ` +
    `${mtg.agendaItems} agenda items, ${mtg.replies} replies, ${mtg.attendance} register rows`;
  log(`Meetings: ${meetingsLine}.`);
  const rep = counts.reports;
  const reportsLine =
    `report sources: ${rep.adoptedTexts} adopted track texts of ${rep.minParagraphs} paragraphs with ${rep.reservations} reservations, ` +
    `${rep.topLevelComments.toLocaleString("en-US")} top-level comments in all, ${rep.heldMeetings} meetings held since ${rep.firstMeeting.slice(0, 10)} ` +
    `(${rep.addedMeetings} of them added before the feeds' year) with ${rep.heldRegisterRows.toLocaleString("en-US")} register rows`;
  log(`Reports: ${reportsLine}.`);

  const port = await freePort(Number(process.env.BENCH_PORT ?? 8791));
  log(`Starting wrangler dev on 127.0.0.1:${port}…`);
  server = await startServer(port);
  const { origin } = server;

  const used = new Set(endpoints.flatMap((e) => (e.as ? [e.as] : [])));
  const cookies = new Map<Account, string>();
  for (const who of used) cookies.set(who, await signIn(origin, accounts[who]));
  // Setup calls the API as any account (signed in on first use) and answers parsed JSON.
  const call: Call = async ({ as, method = "GET", path, body }) => {
    if (as && !cookies.has(as)) cookies.set(as, await signIn(origin, accounts[as]));
    const headers: Record<string, string> = {};
    if (as) headers.cookie = cookies.get(as)!;
    if (method !== "GET") headers.origin = origin;
    if (body !== undefined) headers["content-type"] = "application/json";
    const res = await fetch(origin + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await res.text();
    let json: unknown = null;
    try {
      json = JSON.parse(text);
    } catch {
      json = text;
    }
    return { status: res.status, body: json };
  };
  let setupLine = "";
  if (setup) {
    log("Setup…");
    setupLine = (await setup(call, log)) ?? "";
    if (setupLine) log(`Setup: ${setupLine}.`);
  }

  // The floor is measured at every concurrency in use, so each ratio compares like with like.
  const levels = [...new Set([DEFAULT_CONNECTIONS, ...endpoints.map(connectionsOf)])];
  const floors = new Map<number, number>();
  const rows: Row[] = [];
  const jobs = [...levels.map((connections) => ({ ...floor, connections, isFloor: true })), ...endpoints];
  for (const e of jobs) {
    const name = label(e);
    log(`  ${name} × ${connectionsOf(e)} for ${secondsOf(e)} s`);
    const m = await measure(origin, e, cookies);
    if ("isFloor" in e) floors.set(m.connections, m.p95);
    const floorP95 = floors.get(m.connections)!;
    log(`    first response in ${m.probeMs.toFixed(0)} ms${m.note ? `; ${m.note}` : ""}`);
    rows.push({ ...m, name, floorP95, ratio: m.p95 / floorP95, ...("isFloor" in e ? {} : { target: e.target, goal: e.goal }) });
  }
  await server.stop();
  server = undefined;

  const output = table(rows);
  console.log(
    `\nPlenary bench: ${counts.users} people, ${counts.audit} audit rows, ${counts.outbox} outbox messages; ` +
      `track draft of ${docs.paragraphs} paragraphs × 2 revisions with ${docs.comments} comments from ${docs.commentingSeats} seats and ${docs.replies} replies; ` +
      `${meetingsLine}; ` +
      `${reportsLine}; ` +
      (setupLine ? `${setupLine}; ` : "") +
      `${SECONDS} s per endpoint after ${WARMUP_SECONDS} s warm-up; wrangler dev (workerd) on 127.0.0.1.\n` +
      `n = responses measured (over ${SECONDS} s unless stated); bytes = decoded response body; ratio = p95 ÷ GET /api/health p95 at the same concurrency.\n`,
  );
  console.log(output);
  for (const r of rows.filter((r) => r.target !== undefined)) {
    const verdict = r.ratio <= r.target! ? "met" : `missed by ${(r.ratio / r.target!).toFixed(1)}× (${(r.p95 - r.target! * r.floorP95).toFixed(1)} ms over)`;
    console.log(
      `\n${r.name}: p95 ${r.p95.toFixed(1)} ms = ${r.ratio.toFixed(1)}× the health p95 of ${r.floorP95.toFixed(1)} ms ` +
        `at ${r.connections} clients; target ≤ ${r.target}×: ${verdict}. Response ${(r.bytes / 1024).toFixed(1)} KiB.`,
    );
  }
  for (const r of rows.filter((r) => r.goal !== undefined)) {
    console.log(
      `\n${r.name}: p95 ${r.p95.toFixed(1)} ms = ${r.ratio.toFixed(1)}× the health p95 of ${r.floorP95.toFixed(1)} ms at ${r.connections} clients; ` +
        `${r.note ? `${r.note}, ` : ""}${(r.bytes / 1024).toFixed(1)} KiB. Goal ${r.goal}: checked by test/round-trips.test.ts, not measurable here.`,
    );
  }
  mkdirSync(dirname(RESULTS), { recursive: true });
  writeFileSync(
    RESULTS,
    JSON.stringify({ at: new Date().toISOString(), seconds: SECONDS, scale: SCALE, data: counts, results: rows }, null, 2) + "\n",
  );
  log(`\nResults also in ${join(".wrangler", "bench-results.json")}; took ${Math.round((Date.now() - started) / 1000)} s.`);

  const failed = rows.filter((r) => r.non2xx + r.errors + r.timeouts > 0);
  if (failed.length) {
    log(`Unexpected answers under load: ${failed.map((r) => `${r.name} ${JSON.stringify(r.statusCodes)}`).join("; ")}`);
    process.exitCode = 1;
  }
  const silent = rows.filter((r) => r.requests === 0);
  if (silent.length) {
    log(`No response within the measured seconds (give the row more \`seconds\` or fewer connections): ${silent.map((r) => r.name).join("; ")}`);
    process.exitCode = 1;
  }
}

try {
  await main();
} catch (err) {
  log(err instanceof Error ? (err.stack ?? err.message) : String(err));
  process.exitCode = 1;
} finally {
  await server?.stop();
}
