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

describe("revision page", () => {
  it("answers in at most 3 D1 round trips, however many comments", async () => {
    const cofac = await signIn(DEMO_ACCOUNTS.cofacilitator);
    const member = await signIn(DEMO_ACCOUNTS.head);
    const created = await cofac.json("/api/documents", { json: { trackId: 1, kind: "draft_outcome", title: "Round trips", visibility: "members" } });
    const id = created.body.document.id;
    const blocks = Array.from({ length: 40 }, (_, i) => ({ kind: "paragraph", html: `Paragraph ${i + 1} on data governance.`, pid: null }));
    await cofac.fetch(`/api/documents/${id}/draft`, { method: "PUT", json: { baseVersion: 1, blocks } });
    const window = { commentsOpenAt: new Date(Date.now() - 3_600_000).toISOString(), commentsCloseAt: new Date(Date.now() + 86_400_000).toISOString(), commentsTimeZone: "Europe/Zurich" };
    await cofac.fetch(`/api/documents/${id}/revisions`, { json: { baseVersion: 2, ...window } });
    const page = await member.json(`/api/documents/${id}/revisions/0`);
    for (const p of page.body.paragraphs.slice(0, 10)) {
      await member.fetch(`/api/documents/${id}/revisions/0/comments`, { json: { paragraphId: p.pid, kind: "general", body: "A comment.", idempotencyKey: crypto.randomUUID() } });
    }
    expect(await tripsFor(`/api/documents/${id}/revisions/0`, member.cookie)).toBeLessThanOrEqual(3);
  });
});

describe("comment thread", () => {
  it("a page of a paragraph's comments takes the session, one batch and the replies", async () => {
    const cofac = await signIn(DEMO_ACCOUNTS.cofacilitator);
    const member = await signIn(DEMO_ACCOUNTS.head);
    const { body } = await cofac.json("/api/documents", { json: { trackId: 1, kind: "non_paper", title: "Threads", visibility: "members" } });
    const id = body.document.id;
    await cofac.fetch(`/api/documents/${id}/draft`, { method: "PUT", json: { baseVersion: 1, blocks: [{ kind: "paragraph", html: "One paragraph.", pid: null }] } });
    const window = { commentsOpenAt: new Date(Date.now() - 3_600_000).toISOString(), commentsCloseAt: new Date(Date.now() + 86_400_000).toISOString(), commentsTimeZone: "Europe/Zurich" };
    await cofac.fetch(`/api/documents/${id}/revisions`, { json: { baseVersion: 2, ...window } });
    const pid = (await member.json(`/api/documents/${id}/revisions/0`)).body.paragraphs[0].pid;
    const first = await member.json(`/api/documents/${id}/revisions/0/comments`, { json: { paragraphId: pid, kind: "general", body: "Comment", idempotencyKey: crypto.randomUUID() } });
    await cofac.fetch(`/api/documents/${id}/revisions/0/comments`, { json: { parentId: first.body.comment.id, kind: "general", body: "Reply", idempotencyKey: crypto.randomUUID() } });
    const thread = await member.json(`/api/documents/${id}/revisions/0/comments?paragraph=${pid}`);
    expect(thread.body.comments[0]).toMatchObject({ seat: { name: "Brazil" }, author: expect.any(String), replies: [expect.objectContaining({ body: "Reply" })] });
    expect(thread.body.comments[0].seat.name).not.toBe(thread.body.comments[0].author);
    expect(await tripsFor(`/api/documents/${id}/revisions/0/comments?paragraph=${pid}`, member.cookie)).toBe(3);
  });
});
