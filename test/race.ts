// Deterministic races: an env whose D1 lets a competing action land at a chosen moment
// (between a request's reads and its write), and a way to send a request through it.
import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { app } from "../worker/index";
import { Agent, ORIGIN, env } from "./helpers";

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
