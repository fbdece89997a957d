// Shared by the consensus integrity tests: a document to take positions on, and an env
// whose D1 lets a competing action land at a chosen moment, to make races deterministic.
import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { expect } from "vitest";
import { app } from "../worker/index";
import { Agent, DEMO_ACCOUNTS, ORIGIN, env, signIn } from "./helpers";

export const HOUR = 3_600_000;
export const HEADS = 54;
export const headOf = (seat: string) => `head.${seat}@plenary.test`;
const window = () => ({ commentsOpenAt: new Date(Date.now() - HOUR).toISOString(), commentsCloseAt: new Date(Date.now() + 72 * HOUR).toISOString(), commentsTimeZone: "Europe/Zurich" });
const TEXT = [
  { kind: "paragraph", html: "Principle one: data governance serves development.", pid: null },
  { kind: "paragraph", html: "Principle two: [cross-border] data flows are trusted.", pid: null },
];

/** An issued members' draft (Rev.0); `nextRevision` issues the next one. */
export async function issuedDocument(symbol = "WG/DG/2026/11") {
  const cofac = await signIn(DEMO_ACCOUNTS.cofacilitator);
  const { body } = await cofac.json("/api/documents", { json: { trackId: 1, kind: "draft_outcome", title: "Principles", symbol, visibility: "members" } });
  const id = body.document.id as string;
  await cofac.fetch(`/api/documents/${id}/draft`, { method: "PUT", json: { baseVersion: 1, blocks: TEXT } });
  await cofac.fetch(`/api/documents/${id}/revisions`, { json: { baseVersion: 2, ...window() } });
  const nextRevision = async () => {
    const draft = await cofac.json(`/api/documents/${id}/draft`);
    const issued = await cofac.fetch(`/api/documents/${id}/revisions`, { json: { baseVersion: draft.body.draft.version, ...window() } });
    expect(issued.status).toBe(201);
  };
  return { id, nextRevision };
}

export const record = (agent: Agent, id: string, n: number, json: Record<string, unknown>) =>
  agent.json(`/api/documents/${id}/revisions/${n}/position`, { method: "PUT", json: { baseVersion: null, ...json } });
export const openSilence = (chair: Agent, id: string, n: number, deadlineMs = Date.now() + 73 * HOUR) =>
  chair.json(`/api/documents/${id}/revisions/${n}/procedures`, { json: { kind: "silence", deadline: new Date(deadlineMs).toISOString(), deadlineTimeZone: "Europe/Zurich" } });

export type TestEnv = typeof env;

/**
 * An env whose D1 calls `hook` around the first batch that runs SQL matching `when`:
 * `before` lands between a request's reads and its write (the widest window a real race
 * can have); `after` runs once that batch committed.
 */
function interceptFirstBatch(when: RegExp, hook: { before?: () => Promise<unknown>; after?: () => void }, base: TestEnv): TestEnv {
  let prepared: string[] = [];
  let fired = false;
  const DB = new Proxy(base.DB, {
    get(target, key) {
      if (key === "prepare")
        return (query: string) => {
          prepared.push(query);
          return target.prepare(query);
        };
      if (key === "batch")
        return async (statements: D1PreparedStatement[]) => {
          const matches = !fired && prepared.some((q) => when.test(q));
          prepared = [];
          if (matches) fired = true;
          if (matches && hook.before) await hook.before();
          const result = await target.batch(statements);
          if (matches) hook.after?.();
          return result;
        };
      const value = Reflect.get(target, key);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
  return { ...base, DB };
}

/** The competitor runs (once) just before the first batch matching `when`. */
export const raceBefore = (when: RegExp, competitor: () => Promise<unknown>, base: TestEnv = env): TestEnv =>
  interceptFirstBatch(when, { before: competitor }, base);

/** The first batch matching `when` throws: before it runs (nothing written) or after it committed (the answer is lost). */
export function failOnce(when: RegExp, base: TestEnv = env, after = false): TestEnv {
  return after
    ? interceptFirstBatch(when, { after: () => { throw new Error("simulated crash after commit"); } }, base)
    : interceptFirstBatch(when, { before: async () => { throw new Error("D1_ERROR: simulated failure"); } }, base);
}

/** The same request as Agent.fetch, through the app with another env. */
export async function via(agent: Agent, e: TestEnv, path: string, init: { method?: string; json?: unknown } = {}) {
  const headers = new Headers({ cookie: agent.cookie, origin: ORIGIN });
  if (init.json !== undefined) headers.set("content-type", "application/json");
  const ctx = createExecutionContext();
  const res = await app.request(`${ORIGIN}${path}`, { method: init.method ?? (init.json !== undefined ? "POST" : "GET"), headers, body: init.json === undefined ? undefined : JSON.stringify(init.json) }, e, ctx);
  await waitOnExecutionContext(ctx);
  return { status: res.status, body: (await res.json()) as any };
}
