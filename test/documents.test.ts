import { describe, expect, it } from "vitest";
import { Agent, DEMO_ACCOUNTS, auditRows, env, signIn } from "./helpers";

const HOUR = 3_600_000;
const windowOpen = () => ({
  commentsOpenAt: new Date(Date.now() - HOUR).toISOString(),
  commentsCloseAt: new Date(Date.now() + 72 * HOUR).toISOString(),
  commentsTimeZone: "Europe/Zurich",
});

const P = (html: string, pid?: string | null) => ({ kind: "paragraph" as const, html, pid: pid ?? null });

async function newDocument(cofac: Agent, visibility: "members" | "public" = "members") {
  const res = await cofac.json("/api/documents", {
    json: { trackId: 1, kind: "draft_outcome", title: "Draft principles of data governance", symbol: null, visibility },
  });
  expect(res.status).toBe(201);
  return res.body.document.id as string;
}

async function saveAndIssue(cofac: Agent, id: string, blocks: unknown[], window = windowOpen()) {
  const { body } = await cofac.json(`/api/documents/${id}/draft`);
  const saved = await cofac.json(`/api/documents/${id}/draft`, { method: "PUT", json: { baseVersion: body.draft.version, blocks } });
  expect(saved.status).toBe(200);
  const issued = await cofac.json(`/api/documents/${id}/revisions`, { json: { baseVersion: saved.body.draft.version, ...window } });
  expect(issued.status).toBe(201);
  return issued.body.revision;
}

const ZERO = [
  { kind: "heading", html: "I. Introduction", pid: null },
  P("Data governance should serve development and the <em>public interest</em>."),
  P("States should cooperate on [interoperable] data systems."),
  P("Benefits of data should be shared fairly between and within countries."),
  P("Cross-border data flows should be safe, secure and trusted."),
];

async function page(agent: Agent, id: string, n: number) {
  return agent.json(`/api/documents/${id}/revisions/${n}`);
}

describe("revisions and paragraph identity", () => {
  it("carries comments over edits, inserts, moves and deletions", async () => {
    const cofac = await signIn(DEMO_ACCOUNTS.cofacilitator);
    const member = await signIn(DEMO_ACCOUNTS.head);
    const id = await newDocument(cofac);
    const zero = await saveAndIssue(cofac, id, ZERO);
    expect(zero).toMatchObject({ number: 0, label: "Zero draft", bracketCount: 1, paragraphCount: 5, window: "open" });

    const z = await page(member, id, 0);
    expect(z.body.paragraphs.map((p: any) => p.number)).toEqual([null, 1, 2, 3, 4]);
    const [, p1, p2, p3, p4] = z.body.paragraphs.map((p: any) => p.pid);

    const comment = (pid: string, body: string, extra = {}) =>
      member.json(`/api/documents/${id}/revisions/0/comments`, {
        json: { paragraphId: pid, kind: "general", body, idempotencyKey: crypto.randomUUID(), ...extra },
      });
    expect((await comment(p1, "Add a reference to human rights.")).status).toBe(201);
    expect((await comment(p2, "Remove the brackets.", { kind: "amendment", op: "replace", quote: "[interoperable]", proposedText: "interoperable" })).status).toBe(201);
    expect((await comment(p3, "This paragraph should stay.")).status).toBe(201);
    expect((await comment(p4, "Name the existing arrangements.")).status).toBe(201);

    // The co-facilitator's next text: p1 edited, a new paragraph first, p4 moved before p2, p3 deleted.
    const { body: draft } = await cofac.json(`/api/documents/${id}/draft`);
    const blocks = draft.draft.blocks;
    expect(blocks.every((b: any) => b.pid)).toBe(true);
    const next = [
      blocks[0],
      P("The Working Group recalls its mandate under the Global Digital Compact."),
      { ...blocks[1], html: "Data governance should serve development, human rights and the <em>public interest</em>." },
      blocks[4],
      blocks[2],
    ];
    const rev1 = await saveAndIssue(cofac, id, next);
    expect(rev1).toMatchObject({ number: 1, label: "Rev.1", paragraphCount: 5 });

    const r1 = await page(member, id, 1);
    const pids = r1.body.paragraphs.map((p: any) => p.pid);
    expect(pids).toEqual([blocks[0].pid, expect.any(String), p1, p4, p2]);
    expect(pids).not.toContain(p3);
    const counts = Object.fromEntries(r1.body.paragraphs.map((p: any) => [p.pid, p.comments]));
    expect(counts[p1]).toEqual({ total: 1, carried: 1, amendments: 0 });
    expect(counts[p2]).toEqual({ total: 1, carried: 1, amendments: 1 });

    const thread = await member.json(`/api/documents/${id}/revisions/1/comments?paragraph=${p1}`);
    expect(thread.body.comments).toHaveLength(1);
    expect(thread.body.comments[0]).toMatchObject({ carriedOver: true, revision: { label: "Zero draft" }, seat: { name: "Brazil" } });

    // A co-facilitator who pastes the whole text again, without identities, keeps them by similarity.
    const pasted = r1.body.paragraphs.map((p: any) => ({ kind: p.kind, html: p.html.replace("recalls", "recalls again"), pid: null }));
    const rev2 = await saveAndIssue(cofac, id, pasted);
    const r2 = await page(member, id, rev2.number);
    expect(r2.body.paragraphs.map((p: any) => p.pid)).toEqual(pids);

    const diff = await member.json(`/api/documents/${id}/diff?from=0&to=1`);
    expect(diff.status).toBe(200);
    const status = Object.fromEntries(diff.body.changes.map((ch: any) => [ch.pid, ch.status]));
    expect(status[p1]).toBe("edited");
    expect(status[p3]).toBe("deleted");
    expect(status[pids[1]]).toBe("new");
    expect(["moved", "unchanged"]).toContain(status[p4]);
    expect(diff.body.changes.filter((ch: any) => ch.status === "moved").length).toBeGreaterThan(0);
    const etag = diff.res.headers.get("etag")!;
    expect((await member.fetch(`/api/documents/${id}/diff?from=0&to=1`, { headers: { "if-none-match": etag } })).status).toBe(304);
    const edited = diff.body.changes.find((ch: any) => ch.pid === p1);
    expect(edited.words.some((w: any) => w.op === "insert" && w.text.includes("human"))).toBe(true);
    expect((await auditRows("revision.issue")).length).toBe(3);
  });

  it("serves the issued text once, cacheably, and the live page without it", async () => {
    const cofac = await signIn(DEMO_ACCOUNTS.cofacilitator);
    const member = await signIn(DEMO_ACCOUNTS.head);
    const id = await newDocument(cofac);
    await saveAndIssue(cofac, id, ZERO);
    const text = await member.fetch(`/api/documents/${id}/revisions/0/text`);
    expect(text.status).toBe(200);
    expect(text.headers.get("cache-control")).toContain("immutable");
    expect(text.headers.get("cache-control")).toContain("private");
    const etag = text.headers.get("etag")!;
    expect(((await text.json()) as any).paragraphs[1].html).toContain("<em>public interest</em>");
    expect((await member.fetch(`/api/documents/${id}/revisions/0/text`, { headers: { "if-none-match": etag } })).status).toBe(304);
    expect((await new Agent().fetch(`/api/documents/${id}/revisions/0/text`, { headers: { "if-none-match": etag } })).status).toBe(404);
    const light = await member.json(`/api/documents/${id}/revisions/0?text=0`);
    expect(light.body.paragraphs[1]).not.toHaveProperty("html");
    expect(light.body.paragraphs[1]).toMatchObject({ number: 1, comments: { total: 0 } });
  });

  it("keeps the page's comment counters equal to the comments themselves", async () => {
    const cofac = await signIn(DEMO_ACCOUNTS.cofacilitator);
    const member = await signIn(DEMO_ACCOUNTS.head);
    const id = await newDocument(cofac);
    await saveAndIssue(cofac, id, ZERO);
    const pid = (await page(member, id, 0)).body.paragraphs[2].pid;
    const post = (json: Record<string, unknown>) => member.json(`/api/documents/${id}/revisions/0/comments`, { json: { idempotencyKey: crypto.randomUUID(), ...json } });
    const first = await post({ paragraphId: pid, kind: "general", body: "One" });
    await post({ paragraphId: pid, kind: "amendment", op: "delete", quote: "[interoperable]", body: "Two" });
    await post({ parentId: first.body.comment.id, kind: "general", body: "A reply does not count" });
    await post({ kind: "general", body: "On the whole document" });
    await member.fetch(`/api/documents/${id}/revisions/0/comments`, { json: { paragraphId: pid, kind: "general", body: "Retry", idempotencyKey: "same-key-123" } });
    await member.fetch(`/api/documents/${id}/revisions/0/comments`, { json: { paragraphId: pid, kind: "general", body: "Retry", idempotencyKey: "same-key-123" } });
    const zero = await page(member, id, 0);
    expect(zero.body.paragraphs[2].comments).toEqual({ total: 3, carried: 0, amendments: 1 });
    expect(zero.body.documentComments).toEqual({ total: 1, carried: 0, amendments: 0 });
    const { body } = await cofac.json(`/api/documents/${id}/draft`);
    await cofac.fetch(`/api/documents/${id}/revisions`, { json: { baseVersion: body.draft.version, ...windowOpen() } });
    const one = await page(member, id, 1);
    expect(one.body.paragraphs.find((p: any) => p.pid === pid).comments).toEqual({ total: 3, carried: 3, amendments: 1 });
  });

  it("refuses a stale save with 409 and the newer text", async () => {
    const a = await signIn(DEMO_ACCOUNTS.cofacilitator);
    const b = await signIn(DEMO_ACCOUNTS.secretariat);
    const id = await newDocument(a);
    const first = await a.json(`/api/documents/${id}/draft`, { method: "PUT", json: { baseVersion: 1, blocks: [P("Text by A.")] } });
    expect(first.status).toBe(200);
    const stale = await b.json(`/api/documents/${id}/draft`, { method: "PUT", json: { baseVersion: 1, blocks: [P("Text by B.")] } });
    expect(stale.status).toBe(409);
    expect(stale.body.error.details.current.blocks[0].html).toBe("Text by A.");
    expect(stale.body.error.details.current.version).toBe(2);
    expect((await a.json(`/api/documents/${id}/draft`)).body.draft.blocks[0].html).toBe("Text by A.");
    // The refused save left no audit row behind; the accepted one did.
    expect((await auditRows("document.draft_save")).filter((r) => r.target_id === id)).toHaveLength(1);
  });

  it("sanitises pasted markup and refuses empty or oversized input", async () => {
    const cofac = await signIn(DEMO_ACCOUNTS.cofacilitator);
    const id = await newDocument(cofac);
    const saved = await cofac.json(`/api/documents/${id}/draft`, {
      method: "PUT",
      json: { baseVersion: 1, blocks: [P('<b onclick="x()">Bold</b> and <script>alert(1)</script><i>italic</i>')] },
    });
    expect(saved.body.draft.blocks[0].html).not.toContain("script>");
    expect(saved.body.draft.blocks[0].html).not.toContain("onclick");
    expect(saved.body.draft.blocks[0].html).toContain("<strong>Bold</strong>");
    const big = await cofac.json(`/api/documents/${id}/draft`, { method: "PUT", json: { baseVersion: 2, blocks: [P("x".repeat(20_001))] } });
    expect(big.status).toBe(400);
    expect(big.body.error.details.fields[0].field).toBe("blocks.0.html");
    const window = await cofac.json(`/api/documents/${id}/revisions`, {
      json: { baseVersion: 2, commentsOpenAt: "2026-12-01T10:00:00+01:00", commentsCloseAt: "2026-12-01T09:00:00+01:00", commentsTimeZone: "Europe/Zurich" },
    });
    expect(window.status).toBe(400);
    expect(window.body.error.details.fields[0].field).toBe("commentsCloseAt");
    const docx = await cofac.fetch(`/api/documents/${id}/draft/import`, { method: "POST", body: new Uint8Array([1, 2, 3, 4]), headers: { "content-type": "application/octet-stream" } });
    expect(docx.status).toBe(422);
  });
});

describe("comments", () => {
  it("only while the window is open; late ones when allowed, and marked late", async () => {
    const cofac = await signIn(DEMO_ACCOUNTS.cofacilitator);
    const member = await signIn(DEMO_ACCOUNTS.nonState);
    const id = await newDocument(cofac);
    await saveAndIssue(cofac, id, ZERO, {
      commentsOpenAt: new Date(Date.now() - 48 * HOUR).toISOString(),
      commentsCloseAt: new Date(Date.now() - HOUR).toISOString(),
      commentsTimeZone: "Europe/Zurich",
    });
    const send = () => member.json(`/api/documents/${id}/revisions/0/comments`, { json: { kind: "general", body: "Too late?", idempotencyKey: crypto.randomUUID() } });
    const closed = await send();
    expect(closed.status).toBe(409);
    expect(closed.body.error.message).toMatch(/closed/);
    expect((await cofac.fetch(`/api/documents/${id}/revisions/0`, { method: "PATCH", json: { allowLate: true } })).status).toBe(200);
    const late = await send();
    expect(late.status).toBe(201);
    expect(late.body.comment.late).toBe(true);
  });

  it("a retry with the same idempotency key never duplicates", async () => {
    const cofac = await signIn(DEMO_ACCOUNTS.cofacilitator);
    const member = await signIn(DEMO_ACCOUNTS.head);
    const id = await newDocument(cofac);
    await saveAndIssue(cofac, id, ZERO);
    const json = { kind: "general", body: "Sent on a bad connection.", idempotencyKey: "retry-key-0001" };
    const first = await member.json(`/api/documents/${id}/revisions/0/comments`, { json });
    const second = await member.json(`/api/documents/${id}/revisions/0/comments`, { json });
    expect(first.status).toBe(201);
    expect(second.status).toBe(200);
    expect(second.body.comment.id).toBe(first.body.comment.id);
    const list = await member.json(`/api/documents/${id}/revisions/0/comments`);
    expect(list.body.comments).toHaveLength(1);
  });

  it("a paragraph of another document answers 404; bad bodies 400", async () => {
    const cofac = await signIn(DEMO_ACCOUNTS.cofacilitator);
    const member = await signIn(DEMO_ACCOUNTS.head);
    const a = await newDocument(cofac);
    const b = await newDocument(cofac);
    await saveAndIssue(cofac, a, ZERO);
    await saveAndIssue(cofac, b, ZERO);
    const foreign = (await page(member, b, 0)).body.paragraphs[1].pid;
    const res = await member.json(`/api/documents/${a}/revisions/0/comments`, {
      json: { paragraphId: foreign, kind: "general", body: "Wrong place", idempotencyKey: crypto.randomUUID() },
    });
    expect(res.status).toBe(404);
    const empty = await member.json(`/api/documents/${a}/revisions/0/comments`, { json: { kind: "general", body: "   ", idempotencyKey: crypto.randomUUID() } });
    expect(empty.status).toBe(400);
    expect(empty.body.error.details.fields[0].field).toBe("body");
    const noWords = await member.json(`/api/documents/${a}/revisions/0/comments`, {
      json: { kind: "amendment", op: "replace", body: "Better words", idempotencyKey: crypto.randomUUID() },
    });
    expect(noWords.status).toBe(400);
    expect(noWords.body.error.details.fields[0].field).toBe("proposedText");
  });

  it("edits keep their history; only the author may edit", async () => {
    const cofac = await signIn(DEMO_ACCOUNTS.cofacilitator);
    const member = await signIn(DEMO_ACCOUNTS.head);
    const other = await signIn(DEMO_ACCOUNTS.delegate);
    const id = await newDocument(cofac);
    await saveAndIssue(cofac, id, ZERO);
    const { body } = await member.json(`/api/documents/${id}/revisions/0/comments`, { json: { kind: "general", body: "First wording", idempotencyKey: crypto.randomUUID() } });
    const cid = body.comment.id;
    expect((await other.fetch(`/api/documents/${id}/comments/${cid}`, { method: "PATCH", json: { body: "Hijack" } })).status).toBe(403);
    const edited = await member.json(`/api/documents/${id}/comments/${cid}`, { method: "PATCH", json: { body: "Second wording" } });
    expect(edited.body.comment).toMatchObject({ body: "Second wording", edited: true });
    const history = await member.json(`/api/documents/${id}/comments/${cid}/history`);
    expect(history.body.edits.map((e: any) => e.body)).toEqual(["First wording"]);
  });
});

describe("dispositions", () => {
  it("co-facilitators dispose with a reason; members see them once published with the next revision", async () => {
    const cofac = await signIn(DEMO_ACCOUNTS.cofacilitator);
    const member = await signIn(DEMO_ACCOUNTS.head);
    const id = await newDocument(cofac);
    await saveAndIssue(cofac, id, ZERO);
    const pid = (await page(member, id, 0)).body.paragraphs[2].pid;
    const { body } = await member.json(`/api/documents/${id}/revisions/0/comments`, {
      json: { paragraphId: pid, kind: "amendment", op: "replace", quote: "[interoperable]", proposedText: "interoperable", body: "Agreed language.", idempotencyKey: crypto.randomUUID() },
    });
    const cid = body.comment.id;
    expect((await member.fetch(`/api/documents/${id}/comments/${cid}/disposition`, { method: "PUT", json: { disposition: "accepted", baseVersion: 0 } })).status).toBe(403);
    const noReason = await cofac.json(`/api/documents/${id}/comments/${cid}/disposition`, { method: "PUT", json: { disposition: "partly_accepted", baseVersion: 0 } });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.details.fields[0].field).toBe("reason");
    expect((await cofac.fetch(`/api/documents/${id}/comments/${cid}/disposition`, { method: "PUT", json: { disposition: "partly_accepted", reason: "Brackets removed; wording kept.", baseVersion: 0 } })).status).toBe(200);

    expect((await member.fetch(`/api/documents/${id}/revisions/0/dispositions`)).status).toBe(403);
    const own = await member.json(`/api/documents/${id}/revisions/0/comments?paragraph=${pid}`);
    expect(own.body.comments[0].disposition).toBeNull();
    const matrix = await cofac.json(`/api/documents/${id}/revisions/0/dispositions`);
    expect(matrix.body.rows[0]).toMatchObject({ seatName: "Brazil", paragraphNumber: 2, disposition: "partly_accepted" });

    const { body: draft } = await cofac.json(`/api/documents/${id}/draft`);
    const issued = await cofac.json(`/api/documents/${id}/revisions`, { json: { baseVersion: draft.draft.version, ...windowOpen(), publishDispositions: true } });
    expect(issued.status).toBe(201);
    const csv = await member.fetch(`/api/documents/${id}/revisions/0/dispositions?format=csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-type")).toContain("text/csv");
    const text = await csv.text();
    expect(text).toContain("Brazil");
    expect(text).toContain("Brackets removed; wording kept.");
    const docx = await member.fetch(`/api/documents/${id}/revisions/0/dispositions?format=docx`);
    expect(docx.status).toBe(200);
    expect(new Uint8Array(await docx.arrayBuffer()).slice(0, 2)).toEqual(new Uint8Array([0x50, 0x4b]));
    const carried = await member.json(`/api/documents/${id}/revisions/1/comments?paragraph=${pid}`);
    expect(carried.body.comments[0].disposition).toMatchObject({ value: "partly_accepted", reason: "Brackets removed; wording kept." });

    const html = await (await member.fetch(`/api/documents/${id}/revisions/1/compilation?format=html`)).text();
    expect(html).toContain("Agreed language.");
    expect(html).toMatch(/2\./);
  });
});

describe("visibility", () => {
  it("a members-only draft never reaches the public or observers, through any endpoint", async () => {
    const cofac = await signIn(DEMO_ACCOUNTS.cofacilitator);
    const id = await newDocument(cofac, "members");
    await saveAndIssue(cofac, id, ZERO);
    const publicId = await newDocument(cofac, "public");
    await saveAndIssue(cofac, publicId, ZERO);
    for (const agent of [new Agent(), await signIn(DEMO_ACCOUNTS.observer)]) {
      for (const path of [
        `/api/documents/${id}`,
        `/api/documents/${id}/revisions/0`,
        `/api/documents/${id}/revisions/0/comments`,
        `/api/documents/${id}/diff?from=0&to=0`,
        `/api/documents/${id}/revisions/0/compilation?format=html`,
        `/api/documents/${id}/revisions/0/compilation?format=docx`,
        `/api/documents/${id}/revisions/0/dispositions?format=csv`,
        `/api/documents/${id}/draft`,
      ]) {
        expect((await agent.fetch(path)).status, path).toBe(404);
      }
      // The list holds exactly the public documents of the track (the demo seed has one too), never the members-only one.
      const list = await agent.json("/api/documents?trackId=1");
      const listed = list.body.documents.map((d: any) => d.id).sort();
      const publicOnes = (await env.DB.prepare("SELECT id FROM documents WHERE track_id = 1 AND visibility = 'public'").all<{ id: string }>()).results.map((r) => r.id).sort();
      expect(publicOnes).toContain(publicId);
      expect(listed).toEqual(publicOnes);
      expect(listed).not.toContain(id);
      expect((await agent.fetch(`/api/documents/${publicId}/revisions/0`)).status).toBe(200);
    }
    expect((await (await signIn(DEMO_ACCOUNTS.delegate)).fetch(`/api/documents/${id}/revisions/0`)).status).toBe(200);
  });

  it("only the track's co-facilitators, the Chair and the secretariat write documents", async () => {
    const other = await signIn(DEMO_ACCOUNTS.head);
    const res = await other.fetch("/api/documents", { json: { trackId: 1, kind: "non_paper", title: "A non-paper", visibility: "members" } });
    expect(res.status).toBe(403);
    const chair = await signIn(DEMO_ACCOUNTS.chair);
    expect((await chair.fetch("/api/documents", { json: { trackId: null, kind: "draft_outcome", title: "Draft progress report", visibility: "members" } })).status).toBe(201);
    const cofac = await signIn(DEMO_ACCOUNTS.cofacilitator);
    expect((await cofac.fetch("/api/documents", { json: { trackId: 2, kind: "non_paper", title: "Another track", visibility: "members" } })).status).toBe(403);
  });
});
