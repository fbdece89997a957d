// Starts `wrangler dev` on a fresh, seeded local D1 for the browser tests.
// Assumes `vite build` already produced dist/client (npm test runs it first).
import { spawn, type ChildProcess } from "node:child_process";
import { cpSync, existsSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { resolve } from "node:path";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
  }
}

const ROOT = resolve(import.meta.dirname, "../..");
// Per run, so two runs at once (two engineers, or CI and a local run) never share a database.
const PERSIST = `.wrangler/e2e-state-${process.pid}`;
// A private copy of the built client: a `vite build` elsewhere (it empties dist/client)
// must not pull the pages out from under a running test.
const CLIENT = `.wrangler/e2e-client-${process.pid}`;
const bin = (name: string) => resolve(ROOT, "node_modules/.bin", name);

function run(cmd: string, args: string[]): Promise<void> {
  return new Promise((ok, fail) => {
    const child = spawn(cmd, args, { cwd: ROOT, stdio: ["ignore", "inherit", "inherit"], env: { ...process.env, CI: "true", PATH: `${resolve(ROOT, "node_modules/.bin")}:${process.env.PATH}` } });
    child.on("exit", (code) => (code === 0 ? ok() : fail(new Error(`${cmd} ${args.join(" ")} exited with ${code}`))));
  });
}

/** A port nobody listens on, so a stale server from an earlier run can never answer for this one. */
function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const srv = createServer();
    srv.once("error", fail);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => ok(port));
    });
  });
}

function stop(server: ChildProcess) {
  try {
    process.kill(-server.pid!, "SIGTERM");
  } catch {
    /* already gone */
  }
}

export default async function setup(project: TestProject) {
  const PORT = await freePort();
  rmSync(resolve(ROOT, PERSIST), { recursive: true, force: true });
  if (!existsSync(resolve(ROOT, "dist/client/index.html"))) throw new Error("Run `vite build` first: dist/client is missing.");
  rmSync(resolve(ROOT, CLIENT), { recursive: true, force: true });
  cpSync(resolve(ROOT, "dist/client"), resolve(ROOT, CLIENT), { recursive: true });
  await run(bin("node"), ["scripts/prepare-db.ts", "--persist-to", PERSIST]);

  const log: string[] = [];
  // Mailed links point at this server; DEV_MAILBOX keeps them readable at /api/dev/mail.
  const vars = ["--var", `PUBLIC_ORIGIN:http://127.0.0.1:${PORT}`, "--var", "DEV_MAILBOX:on"];
  const server: ChildProcess = spawn(bin("wrangler"), ["dev", "--port", String(PORT), "--ip", "127.0.0.1", "--persist-to", PERSIST, "--assets", CLIENT, ...vars], {
    cwd: ROOT,
    detached: true, // its own process group, so teardown stops workerd too
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, CI: "true", PATH: `${resolve(ROOT, "node_modules/.bin")}:${process.env.PATH}` },
  });
  server.stdout?.on("data", (d) => log.push(String(d)));
  server.stderr?.on("data", (d) => log.push(String(d)));

  const baseUrl = `http://127.0.0.1:${PORT}`;
  const deadline = Date.now() + 90_000;
  for (;;) {
    try {
      const res = await fetch(`${baseUrl}/api/health`);
      if (res.ok) break;
    } catch {
      /* not up yet */
    }
    if (server.exitCode !== null || Date.now() > deadline) {
      stop(server);
      throw new Error(`wrangler dev did not start:\n${log.join("").slice(-4000)}`);
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  project.provide("baseUrl", baseUrl);

  return async () => {
    stop(server);
    // workerd may outlive a polite request; make sure the group is gone.
    await new Promise((r) => setTimeout(r, 1500));
    try {
      process.kill(-server.pid!, "SIGKILL");
    } catch {
      /* already gone */
    }
    rmSync(resolve(ROOT, PERSIST), { recursive: true, force: true });
    rmSync(resolve(ROOT, CLIENT), { recursive: true, force: true });
  };
}
