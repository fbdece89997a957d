// Query parameters are input like bodies (issue 11, item 21): malformed values answer 400
// naming the parameter, never 500. Every GET operation in the OpenAPI description is called
// signed in (secretariat, a head) and signed out, with real ids in its path, and every
// declared query parameter (and common undeclared ones) set to malformed values.
import { beforeAll, describe, expect, it } from "vitest";
import { Agent, DEMO_ACCOUNTS, env, signIn } from "./helpers";

type Parameter = { in: string; name: string };
type Operation = { path: string; query: string[]; names: Set<string> };

const MALFORMED = [
  "2026-02-31",
  "2026-02-31T10:00:00Z",
  "2026-13-45T99:99:99.999Z",
  "0000-00-00",
  "9999-12-31T23:59:59.999Z",
  "garbage",
  "-1",
  "0",
  "1e309",
  "-1e309",
  "NaN",
  "Infinity",
  "0x10",
  "1.5",
  "99999999999999999999",
  "%00",
  "%FF%FE",
  "%E2%80%AE",
  "xx",
  "zz",
  "",
  "%20",
  "[]",
  "{}",
  "null",
  "true",
  "..%2F..%2Fetc",
  "%F0%9F%92%A5",
  "x".repeat(5000),
];
/** Parameters people and scripts often send; each is tried alone and all together. */
const UNDECLARED: [string, string][] = [
  ["from", "2026-02-31"],
  ["to", "garbage"],
  ["limit", "-1"],
  ["limit", "1e309"],
  ["cursor", "%00"],
  ["lang", "xx"],
  ["format", "zz"],
  ["page", "NaN"],
  ["offset", "-5"],
  ["before", "2026-02-31T25:00:00Z"],
  ["after", "%FF"],
  ["track", "%00"],
  ["text", "2"],
  ["revision", "-1"],
  ["q", "x".repeat(5000)],
];

let operations: Operation[] = [];
const ids: Record<string, string> = {};

function fill(path: string): string | null {
  const documents = path.startsWith("/api/documents/");
  const reports = path.startsWith("/api/reports/");
  const meetings = path.startsWith("/api/meetings/");
  return path.replace(/\{(\w+)\}/g, (_m, name: string) => {
    const value =
      name === "id" ? (documents ? ids.document : reports ? ids.report : meetings ? ids.meeting : "nope") : name === "n" ? "0" : (ids[name] ?? "nope");
    return encodeURIComponent(value ?? "nope");
  });
}

beforeAll(async () => {
  const spec = (await (await new Agent().fetch("/api/openapi.json")).json()) as { paths: Record<string, Record<string, { parameters?: Parameter[] }>> };
  operations = Object.entries(spec.paths).flatMap(([path, ops]) =>
    ops.get
      ? [{ path, query: (ops.get.parameters ?? []).filter((p) => p.in === "query").map((p) => p.name), names: new Set((ops.get.parameters ?? []).map((p) => p.name)) }]
      : [],
  );
  const one = async (sql: string) => (await env.DB.prepare(sql).first<{ id: string }>())?.id ?? "nope";
  ids.document = await one("SELECT d.id FROM documents d JOIN comments c ON c.document_id = d.id ORDER BY d.created_at LIMIT 1");
  ids.cid = await one(`SELECT id FROM comments WHERE document_id = '${ids.document}' LIMIT 1`);
  ids.meeting = await one("SELECT m.id FROM meetings m JOIN agenda_items a ON a.meeting_id = m.id ORDER BY m.starts_at LIMIT 1");
  ids.itemId = await one(`SELECT id FROM agenda_items WHERE meeting_id = '${ids.meeting}' LIMIT 1`);
  ids.slug = "principles";
  ids.lang = "fr";
  ids.file = "nope.ics";
  ids.token = "nope";
  const secretariat = await signIn(DEMO_ACCOUNTS.secretariat);
  const report = await secretariat.json("/api/reports", { json: { title: "Progress report for the fuzz", session: 81 } });
  ids.report = report.status === 201 ? report.body.report.id : "nope";
});

describe("query parameters", () => {
  it("finds the operations to call", () => {
    expect(operations.length).toBeGreaterThan(30);
    expect(operations.some((o) => o.query.length > 0)).toBe(true);
  });

  it.each([
    ["secretariat", DEMO_ACCOUNTS.secretariat],
    ["a head of delegation", DEMO_ACCOUNTS.head],
    ["the public", null],
  ])("never answer 5xx, and a 400 names a parameter that was sent, for %s", async (_who, email) => {
    const agent = email ? await signIn(email) : new Agent();
    const failures: string[] = [];
    /** A 400 must name what was wrong: a parameter sent, or one the operation declares (a required one left out, a path parameter). */
    const call = async (path: string, params: [string, string][], declared = new Set<string>()) => {
      // Values go in raw (already percent-encoded where they contain %), as a client could send them.
      const query = params.map(([k, v]) => `${k}=${v.includes("%") ? v : encodeURIComponent(v)}`).join("&");
      const url = `${path}?${query}`;
      const res = await agent.fetch(url);
      if (res.status >= 500) {
        failures.push(`${res.status} GET ${url.slice(0, 160)}`);
        return;
      }
      if (res.status === 400 && res.headers.get("content-type")?.includes("json")) {
        const body = (await res.json()) as { error: { code: string; details?: { fields?: { field: string }[] } } };
        const named = body.error.details?.fields?.map((f) => f.field.split(".")[0]) ?? [];
        const sent = new Set([...params.map(([k]) => k), ...declared]);
        if (!named.some((n) => sent.has(n!))) failures.push(`400 without naming a sent parameter: GET ${url.slice(0, 160)} → ${JSON.stringify(body.error).slice(0, 200)}`);
      } else await res.arrayBuffer();
    };
    for (const op of operations) {
      const path = fill(op.path);
      if (!path) continue;
      for (const name of op.query) for (const value of MALFORMED) await call(path, [[name, value]], op.names);
      for (const name of op.query) await call(path, [[name, "a"], [name, "b"]], op.names); // repeated
      for (const param of UNDECLARED) await call(path, [param], op.names);
      await call(path, UNDECLARED, op.names);
    }
    // Pages outside the API description read query parameters too.
    for (const path of ["/published", "/published/feed.atom", "/published/A/81/999", "/published/A/81/999.pdf", "/api/health"]) {
      for (const value of MALFORMED) await call(path, [["lang", value]], new Set(["lang"]));
      await call(path, UNDECLARED, new Set(["lang"]));
    }
    expect(failures).toEqual([]);
  }, 180_000);

  it.each([
    ["/api/meetings?from=2026-02-31", "from"],
    ["/api/meetings?to=2026-02-30T10:00:00Z", "to"],
    ["/api/meetings/fairness?from=2026-04-31", "from"],
    ["/api/meetings/fairness?to=2026-13-01", "to"],
    ["/api/meetings?from=2026-03-10&to=2026-03-01", "to"],
    ["/published/A/81/999?lang=xx", "lang"],
  ])("%s answers 400 naming %s", async (url, field) => {
    const res = await (await signIn(DEMO_ACCOUNTS.head)).json(url);
    expect(res.status).toBe(400);
    expect(res.body.error.details.fields.map((f: { field: string }) => f.field)).toContain(field);
  });
});
