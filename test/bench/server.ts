// Prepares a fresh, large local D1 and runs the app on workerd via
// `wrangler dev`, in its own process group so it can be stopped as a whole.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { closeSync, existsSync, openSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { delimiter, join, resolve } from "node:path";
import { documentsCheckSql, documentsSql, verifyDocuments, type DocumentsCheck } from "./seed-documents.ts";
import { meetingsCheckSql, meetingsSql, verifyMeetings, type MeetingsCheck } from "./seed-meetings.ts";
import { reportsCheckSql, reportsSql, verifyReports, type ReportsCheck } from "./seed-reports.ts";

const root = resolve(import.meta.dirname, "../..");
const bin = join(root, "node_modules/.bin");
// Works from `npm run bench` and from a bare `node test/bench/run.ts`.
const env = { ...process.env, CI: "true", PATH: `${bin}${delimiter}${process.env.PATH ?? ""}` };

export const STATE_DIR = join(root, ".wrangler/bench-state");

export function prepareDatabase(scale: number) {
  rmSync(STATE_DIR, { recursive: true, force: true });
  const run = (cmd: string, args: string[]) =>
    execFileSync(cmd, args, { cwd: root, env, stdio: ["ignore", "pipe", "pipe"], encoding: "utf8" });
  process.stderr.write(run(process.execPath, ["scripts/prepare-db.ts", "--persist-to", STATE_DIR, "--scale", String(scale)]));
  run("wrangler", ["d1", "execute", "DB", "--local", "--persist-to", STATE_DIR, "--file", join(import.meta.dirname, "seed-history.sql")]);
  // The track draft is generated (timestamps relative to now), so it is written out first.
  const documentsFile = join(STATE_DIR, "seed-documents.sql");
  writeFileSync(documentsFile, documentsSql());
  run("wrangler", ["d1", "execute", "DB", "--local", "--persist-to", STATE_DIR, "--file", documentsFile]);
  // So are the meetings (dates relative to now), after the documents.
  const meetingsFile = join(STATE_DIR, "seed-meetings.sql");
  writeFileSync(meetingsFile, meetingsSql());
  run("wrangler", ["d1", "execute", "DB", "--local", "--persist-to", STATE_DIR, "--file", meetingsFile]);
  // Then what a progress report compiles from: adopted track texts, more comments, earlier meetings.
  const reportsFile = join(STATE_DIR, "seed-reports.sql");
  writeFileSync(reportsFile, reportsSql());
  run("wrangler", ["d1", "execute", "DB", "--local", "--persist-to", STATE_DIR, "--file", reportsFile]);
  const query = (sql: string) =>
    JSON.parse(run("wrangler", ["d1", "execute", "DB", "--local", "--persist-to", STATE_DIR, "--json", "--command", sql]))[0].results[0];
  const counts = query(
    "SELECT (SELECT count(*) FROM users) AS users, (SELECT count(*) FROM seats) AS seats, " +
      "(SELECT count(*) FROM audit_log) AS audit, (SELECT count(*) FROM outbox) AS outbox",
  ) as { users: number; seats: number; audit: number; outbox: number };
  const documents = query(documentsCheckSql) as DocumentsCheck;
  verifyDocuments(documents);
  const meetings = query(meetingsCheckSql) as MeetingsCheck;
  verifyMeetings(meetings);
  const reports = query(reportsCheckSql) as ReportsCheck;
  verifyReports(reports);
  return { ...counts, documents, meetings, reports };
}

export async function freePort(preferred: number): Promise<number> {
  for (let port = preferred; port < preferred + 50; port++) {
    const ok = await new Promise<boolean>((done) => {
      const probe = createServer()
        .once("error", () => done(false))
        .listen(port, "127.0.0.1", () => probe.close(() => done(true)));
    });
    if (ok) return port;
  }
  throw new Error(`No free port in ${preferred}..${preferred + 49}`);
}

export type Server = { origin: string; stop: () => Promise<void>; log: string };

export async function startServer(port: number): Promise<Server> {
  const log = join(STATE_DIR, "wrangler.log");
  const out = openSync(log, "w");
  const child: ChildProcess = spawn(
    "wrangler",
    ["dev", "--port", String(port), "--ip", "127.0.0.1", "--persist-to", STATE_DIR],
    { cwd: root, env, stdio: ["ignore", out, out], detached: true },
  );
  closeSync(out);
  const pid = child.pid!;
  let exited = false;
  child.once("exit", () => (exited = true));

  const killGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-pid, signal);
    } catch {
      // Already gone.
    }
  };
  const alive = () => {
    try {
      process.kill(-pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  // Last resort if the bench process dies without reaching stop().
  const onExit = () => killGroup("SIGKILL");
  process.once("exit", onExit);

  const stop = async () => {
    process.off("exit", onExit);
    killGroup("SIGTERM");
    for (let i = 0; i < 50 && alive(); i++) await sleep(100);
    if (alive()) killGroup("SIGKILL");
  };

  const origin = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 90_000;
  while (true) {
    if (exited) {
      await stop();
      throw new Error(`wrangler dev exited before serving:\n${tail(log)}`);
    }
    try {
      const res = await fetch(`${origin}/api/health`, { signal: AbortSignal.timeout(2000) });
      if (res.ok) break;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`wrangler dev did not answer /api/health within 90 s:\n${tail(log)}`);
    }
    await sleep(250);
  }
  return { origin, stop, log };
}

export const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

export function tail(file: string, lines = 30) {
  return existsSync(file) ? readFileSync(file, "utf8").split("\n").slice(-lines).join("\n") : "(no log)";
}
