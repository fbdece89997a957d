// D1 round trips and queries per request for the hot endpoints: each prepared
// statement run on its own, or each batch, is one trip to the database; each
// statement is one query, whether run alone or in a batch.
import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { app } from "../worker/index";
import { DEMO_ACCOUNTS, ORIGIN, env, signIn } from "./helpers";

function countingD1(db: D1Database) {
  let trips = 0;
  let queries = 0;
  const wrapStatement = (stmt: D1PreparedStatement): D1PreparedStatement =>
    new Proxy(stmt, {
      get(target, prop, receiver) {
        const value = Reflect.get(target, prop, receiver);
        if (prop === "bind") return (...args: unknown[]) => wrapStatement(value.apply(target, args));
        if (["first", "all", "run", "raw"].includes(String(prop))) {
          return (...args: unknown[]) => {
            trips++;
            queries++;
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
          queries += stmts.length;
          // Unwrap so D1 receives its own statement objects.
          return value.call(target, stmts);
        };
      }
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
  return { db: proxy, trips: () => trips, queries: () => queries };
}

/** GETs `path` through the app with a counting D1; expects 200. */
async function countFor(path: string, cookie = "") {
  const counter = countingD1(env.DB);
  const ctx = createExecutionContext();
  const res = await app.fetch(new Request(`${ORIGIN}${path}`, { headers: cookie ? { cookie } : {} }), { ...env, DB: counter.db }, ctx);
  const body = await res.text();
  await waitOnExecutionContext(ctx);
  expect(res.status, body.slice(0, 300)).toBe(200);
  return { trips: counter.trips(), queries: counter.queries(), body };
}

async function tripsFor(path: string, cookie = "") {
  return (await countFor(path, cookie)).trips;
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

describe("calendar feeds of 500 meetings", () => {
  const ZONES = ["Europe/Zurich", "America/New_York", "Asia/Bangkok"];

  /** 500 public meetings over the coming year, straight into D1 (this file's own database). */
  async function insertMeetings(count: number) {
    const chair = await env.DB.prepare("SELECT id FROM users WHERE email = ?1").bind(DEMO_ACCOUNTS.chair).first<string>("id");
    const insert = env.DB.prepare(
      "INSERT INTO meetings (id, title, kind, track_id, starts_at, ends_at, time_zone, format, room, online_url, visibility, created_by, created_at, updated_at) " +
        "VALUES (?1, ?2, ?3, NULL, ?4, ?5, ?6, 'hybrid', 'Room XIX, Palais des Nations', 'https://meet.example.org/rt', 'public', ?7, ?8, ?8)",
    );
    const now = Date.now();
    const ids = Array.from({ length: count }, (_, i) => `rt-feed-${String(i + 1).padStart(4, "0")}`);
    await env.DB.batch(
      ids.map((id, i) => {
        const start = now + 86_400_000 + i * 17 * 3_600_000;
        return insert.bind(id, `Meeting ${i + 1}`, i % 5 === 0 ? "informal" : "plenary", new Date(start).toISOString(), new Date(start + 7_200_000).toISOString(), ZONES[i % 3], chair, new Date(now).toISOString());
      }),
    );
    return ids;
  }

  const uids = (ics: string) => new Set([...ics.matchAll(/^UID:(.+)\r$/gm)].map((m) => m[1]));

  it("the public and personal feeds each answer in at most 3 D1 queries with all 500 meetings", async () => {
    const ids = await insertMeetings(500);

    const pub = await countFor("/api/meetings.ics");
    expect(pub.body.split("BEGIN:VEVENT\r\n").length - 1).toBeGreaterThanOrEqual(500);
    expect(ids.filter((id) => !uids(pub.body).has(`${id}@plenary`))).toEqual([]);
    expect(pub.queries).toBeLessThanOrEqual(3);

    const delegate = await signIn(DEMO_ACCOUNTS.delegate);
    const made = await delegate.json("/api/me/calendar-feed", { method: "POST" });
    expect(made.status).toBe(201);
    const mine = await countFor(new URL(made.body.url).pathname);
    expect(mine.body.split("BEGIN:VEVENT\r\n").length - 1).toBeGreaterThanOrEqual(500);
    expect(ids.filter((id) => !uids(mine.body).has(`${id}@plenary`))).toEqual([]);
    expect(mine.body).toContain("Join online: https://meet.example.org/rt");
    expect(mine.queries).toBeLessThanOrEqual(3);
  });
});

describe("round trips of published reports", () => {
  it("a public report page, its files and the archive each take one D1 round trip", async () => {
    const secretariat = await signIn(DEMO_ACCOUNTS.secretariat);
    const created = await secretariat.json("/api/reports", { json: { title: "Progress report", symbol: "A/81/RT1", session: 81 } });
    const id = created.body.report.id;
    const review = await secretariat.json(`/api/reports/${id}/review`, {
      json: { commentsOpenAt: new Date(Date.now() - 3_600_000).toISOString(), commentsCloseAt: new Date(Date.now() + 86_400_000).toISOString(), commentsTimeZone: "Europe/Zurich" },
    });
    const documentId = (await secretariat.json(`/api/reports/${id}`)).body.report.documentId;
    const chair = await signIn(DEMO_ACCOUNTS.chair);
    const proc = await chair.json(`/api/documents/${documentId}/revisions/${review.body.revision.number}/procedures`, {
      json: { kind: "round", deadline: new Date(Date.now() + 96 * 3_600_000).toISOString(), deadlineTimeZone: "Europe/Zurich" },
    });
    await chair.json(`/api/documents/${documentId}/revisions/${review.body.revision.number}/procedures/${proc.body.procedure.id}/close`, { json: { outcome: "adopted", decision: "Adopted." } });
    expect((await secretariat.json(`/api/reports/${id}/publish`, { json: {} })).status).toBe(201);

    const page = await countFor("/published/A/81/RT1");
    expect(page.body).toContain("A/81/RT1");
    expect(page.trips).toBe(1);
    expect((await countFor("/published/A/81/RT1.json")).trips).toBe(1);
    expect((await countFor("/published")).trips).toBe(1);
  });
});
