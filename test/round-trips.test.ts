// D1 round trips per request for the hot endpoints: each prepared statement
// run on its own, or each batch, is one trip to the database.
import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { app } from "../worker/index";
import { DEMO_ACCOUNTS, ORIGIN, env, signIn } from "./helpers";

function countingD1(db: D1Database) {
  let trips = 0;
  const wrapStatement = (stmt: D1PreparedStatement): D1PreparedStatement =>
    new Proxy(stmt, {
      get(target, prop, receiver) {
        const value = Reflect.get(target, prop, receiver);
        if (prop === "bind") return (...args: unknown[]) => wrapStatement(value.apply(target, args));
        if (["first", "all", "run", "raw"].includes(String(prop))) {
          return (...args: unknown[]) => {
            trips++;
            return value.apply(target, args);
          };
        }
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
  const proxy = new Proxy(db, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver);
      if (prop === "prepare") return (sql: string) => wrapStatement(value.call(target, sql));
      if (prop === "batch") {
        return (stmts: D1PreparedStatement[]) => {
          trips++;
          // Unwrap so D1 receives its own statement objects.
          return value.call(target, stmts);
        };
      }
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
  return { db: proxy, trips: () => trips };
}

async function tripsFor(path: string, cookie = "") {
  const counter = countingD1(env.DB);
  const ctx = createExecutionContext();
  const res = await app.fetch(new Request(`${ORIGIN}${path}`, { headers: cookie ? { cookie } : {} }), { ...env, DB: counter.db }, ctx);
  await waitOnExecutionContext(ctx);
  expect(res.status).toBe(200);
  return counter.trips();
}

describe("round trips per request", () => {
  it("health touches no storage", async () => {
    expect(await tripsFor("/api/health")).toBe(0);
  });

  it("reading oneself is one trip: the session lookup", async () => {
    const agent = await signIn(DEMO_ACCOUNTS.head);
    expect(await tripsFor("/api/me", agent.cookie)).toBe(1);
  });

  it("the members directory is the session plus one batch", async () => {
    const agent = await signIn(DEMO_ACCOUNTS.head);
    expect(await tripsFor("/api/seats", agent.cookie)).toBe(2);
    expect(await tripsFor("/api/seats")).toBe(1);
  });

  it("the tracks list is one batch; a track page two trips", async () => {
    expect(await tripsFor("/api/tracks")).toBe(1);
    expect(await tripsFor("/api/tracks/principles")).toBe(2);
  });
});
