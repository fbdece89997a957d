// Replies, dispositions, edits and retries on a draft's comments (issue 11, items 16 and 17):
// one window rule for every writer, versioned dispositions that freeze once published,
// edits only by the author while still on the seat that commented, and idempotency keys
// that never answer with another request's comment.
import { describe, expect, it } from "vitest";
import { type Agent, DEMO_ACCOUNTS, auditRows, env, signIn } from "./helpers";

const HOUR = 3_600_000;
const open = () => ({
  commentsOpenAt: new Date(Date.now() - HOUR).toISOString(),
  commentsCloseAt: new Date(Date.now() + 72 * HOUR).toISOString(),
  commentsTimeZone: "Europe/Zurich",
});
const key = () => crypto.randomUUID();
const TEXT = [
  { kind: "paragraph", html: "Data governance should serve development.", pid: null },
  { kind: "paragraph", html: "States should cooperate on [interoperable] data systems.", pid: null },
];

async function issuedDocument(cofac: Agent, window = open()) {
  const created = await cofac.json("/api/documents", { json: { trackId: 1, kind: "draft_outcome", title: "Integrity draft", symbol: null, visibility: "members" } });
  expect(created.status).toBe(201);
  const id = created.body.document.id as string;
  const { body } = await cofac.json(`/api/documents/${id}/draft`);
  const saved = await cofac.json(`/api/documents/${id}/draft`, { method: "PUT", json: { baseVersion: body.draft.version, blocks: TEXT } });
  const issued = await cofac.json(`/api/documents/${id}/revisions`, { json: { baseVersion: saved.body.draft.version, ...window } });
  expect(issued.status).toBe(201);
  return id;
}

const comment = (agent: Agent, id: string, json: Record<string, unknown>, n = 0) =>
  agent.json(`/api/documents/${id}/revisions/${n}/comments`, { json: { kind: "general", idempotencyKey: key(), ...json } });

describe("replies follow the comment window, for everyone", () => {
  it("refuses replies by members and by the track's leads once the window has closed", async () => {
    const cofac = await signIn(DEMO_ACCOUNTS.cofacilitator);
    const chair = await signIn(DEMO_ACCOUNTS.chair);
    const member = await signIn(DEMO_ACCOUNTS.head);
    const id = await issuedDocument(cofac);
    const first = await comment(member, id, { body: "Please add a reference to capacity building." });
    expect(first.status).toBe(201);
    // The window closes (late comments not allowed).
    await env.DB.prepare("UPDATE revisions SET comments_close_at = ?1 WHERE document_id = ?2").bind(new Date(Date.now() - 1000).toISOString(), id).run();
    for (const who of [member, cofac, chair]) {
      const reply = await comment(who, id, { parentId: first.body.comment.id, body: "A reply after the window." });
      expect(reply.status).toBe(409);
      expect(reply.body.error.message).toMatch(/closed/);
    }
    // When late comments are allowed, a lead's reply goes through and is marked late like anyone's.
    expect((await cofac.fetch(`/api/documents/${id}/revisions/0`, { method: "PATCH", json: { allowLate: true } })).status).toBe(200);
    const late = await comment(cofac, id, { parentId: first.body.comment.id, body: "Noted; see Rev.1." });
    expect(late.status).toBe(201);
    expect(late.body.comment.late).toBe(true);
  });

  it("refuses every reply on an adopted (locked) revision", async () => {
    const cofac = await signIn(DEMO_ACCOUNTS.cofacilitator);
    const secretariat = await signIn(DEMO_ACCOUNTS.secretariat);
    const member = await signIn(DEMO_ACCOUNTS.head);
    const id = await issuedDocument(cofac);
    const first = await comment(member, id, { body: "A comment before adoption." });
    await env.DB.prepare("UPDATE revisions SET adopted_at = ?1 WHERE document_id = ?2").bind(new Date().toISOString(), id).run();
    for (const who of [member, cofac, secretariat]) {
      const reply = await comment(who, id, { parentId: first.body.comment.id, body: "A reply on the adopted text." });
      expect(reply.status).toBe(409);
      expect(reply.body.error.message).toMatch(/adopted/);
    }
  });
});

describe("dispositions", () => {
  it("name the version they change: a stale one answers 409 with the current disposition", async () => {
    const cofac = await signIn(DEMO_ACCOUNTS.cofacilitator);
    const chair = await signIn(DEMO_ACCOUNTS.chair);
    const member = await signIn(DEMO_ACCOUNTS.head);
    const id = await issuedDocument(cofac);
    const { body } = await comment(member, id, { body: "Remove the brackets." });
    const cid = body.comment.id as string;
    // The version is for those who may see unpublished dispositions.
    expect(body.comment.dispositionVersion).toBeNull();
    expect((await cofac.json(`/api/documents/${id}/revisions/0/comments`)).body.comments[0].dispositionVersion).toBe(0);
    const put = (agent: Agent, json: unknown) => agent.json(`/api/documents/${id}/comments/${cid}/disposition`, { method: "PUT", json });

    const missing = await put(cofac, { disposition: "accepted" });
    expect(missing.status).toBe(400);
    expect(missing.body.error.details.fields.map((f: any) => f.field)).toContain("baseVersion");

    const first = await put(cofac, { disposition: "partly_accepted", reason: "Brackets removed.", baseVersion: 0 });
    expect(first.status).toBe(200);
    expect(first.body.disposition).toMatchObject({ value: "partly_accepted", version: 1 });

    // The Chair saw version 0 too: their change is refused, with what the co-facilitator saved.
    const stale = await put(chair, { disposition: "not_accepted", reason: "Keep the brackets.", baseVersion: 0 });
    expect(stale.status).toBe(409);
    expect(stale.body.error.details.current).toMatchObject({ value: "partly_accepted", reason: "Brackets removed.", version: 1 });
    const matrix = await cofac.json(`/api/documents/${id}/revisions/0/dispositions`);
    expect(matrix.body.rows[0]).toMatchObject({ disposition: "partly_accepted", dispositionReason: "Brackets removed." });

    const second = await put(chair, { disposition: "not_accepted", reason: "Keep the brackets.", baseVersion: 1 });
    expect(second.status).toBe(200);
    expect(second.body.disposition.version).toBe(2);
    const audit = (await auditRows("comment.dispose")).filter((r) => r.target_id === cid);
    expect(audit).toHaveLength(2);
    expect(JSON.parse(audit[1]!.before_json!)).toMatchObject({ disposition: "partly_accepted", version: 1 });
    expect(JSON.parse(audit[1]!.after_json!)).toMatchObject({ disposition: "not_accepted", version: 2 });
  });

  it("are a public record once published: changes are refused (409), by the API and by the database", async () => {
    const cofac = await signIn(DEMO_ACCOUNTS.cofacilitator);
    const member = await signIn(DEMO_ACCOUNTS.head);
    const id = await issuedDocument(cofac);
    const disposed = (await comment(member, id, { body: "Disposed before publication." })).body.comment.id as string;
    const undisposed = (await comment(member, id, { body: "Left without a disposition." })).body.comment.id as string;
    const ok = await cofac.json(`/api/documents/${id}/comments/${disposed}/disposition`, { method: "PUT", json: { disposition: "accepted", baseVersion: 0 } });
    expect(ok.status).toBe(200);

    // Rev.1 is issued with the matrix of the zero draft published.
    const { body: draft } = await cofac.json(`/api/documents/${id}/draft`);
    expect((await cofac.json(`/api/documents/${id}/revisions`, { json: { baseVersion: draft.draft.version, ...open(), publishDispositions: true } })).status).toBe(201);
    const published = await member.json(`/api/documents/${id}/revisions/0/dispositions`);
    expect(published.status).toBe(200);

    for (const [cid, baseVersion] of [[disposed, 1], [undisposed, 0]] as const) {
      const change = await cofac.json(`/api/documents/${id}/comments/${cid}/disposition`, { method: "PUT", json: { disposition: "not_accepted", reason: "Changed my mind.", baseVersion } });
      expect(change.status).toBe(409);
      expect(change.body.error.message).toMatch(/published/);
    }
    const after = await member.json(`/api/documents/${id}/revisions/0/dispositions`);
    expect(after.body.rows).toEqual(published.body.rows);
    // Carried into Rev.1, the comment shows its disposition as published and fixed.
    const carried = await member.json(`/api/documents/${id}/revisions/1/comments`);
    expect(carried.body.comments.find((c: any) => c.id === disposed)).toMatchObject({ disposition: { value: "accepted" }, dispositionVersion: 1, dispositionPublished: true });
    // Not even SQL run against the database changes a published disposition.
    await expect(env.DB.prepare("UPDATE comments SET disposition = 'noted', disposition_reason = 'x' WHERE id = ?1").bind(disposed).run()).rejects.toThrow(/immutable/);
  });
});

describe("editing a comment", () => {
  it("needs its author, still on the seat the comment was made for", async () => {
    const cofac = await signIn(DEMO_ACCOUNTS.cofacilitator);
    const secretariat = await signIn(DEMO_ACCOUNTS.secretariat);
    const delegate = await signIn(DEMO_ACCOUNTS.delegate); // Kenya
    const kenyaHead = await signIn("head.kenya@plenary.test");
    const id = await issuedDocument(cofac);
    const { body } = await comment(delegate, id, { body: "Kenya's first wording." });
    const cid = body.comment.id as string;
    expect(body.comment.seat.id).toBe("ms-kenya");
    const edit = (agent: Agent, text: string) => agent.json(`/api/documents/${id}/comments/${cid}`, { method: "PATCH", json: { body: text } });

    // The comment is the seat's, but only its author rewords it.
    expect((await edit(kenyaHead, "The head's wording")).status).toBe(403);
    const user = await env.DB.prepare("SELECT id FROM users WHERE email = ?1").bind(DEMO_ACCOUNTS.delegate).first<{ id: string }>();
    const move = (seatId: string) => secretariat.json(`/api/admin/users/${user!.id}/roles`, { method: "PATCH", json: { seatId, seatRole: "delegate" } });

    expect((await move("ms-brazil")).status).toBe(200);
    const moved = await edit(delegate, "Rewritten from Brazil's seat");
    expect(moved.status).toBe(403);
    const unchanged = await delegate.json(`/api/documents/${id}/revisions/0/comments`);
    expect(unchanged.body.comments.find((c: any) => c.id === cid).body).toBe("Kenya's first wording.");

    expect((await move("ms-kenya")).status).toBe(200);
    const back = await edit(delegate, "Kenya's second wording.");
    expect(back.status).toBe(200);
    expect(back.body.comment.body).toBe("Kenya's second wording.");
  });
});

describe("idempotency keys", () => {
  it("answer a retry with its own comment, and refuse a key reused for another document or body (422)", async () => {
    const cofac = await signIn(DEMO_ACCOUNTS.cofacilitator);
    const member = await signIn(DEMO_ACCOUNTS.head);
    const a = await issuedDocument(cofac);
    const b = await issuedDocument(cofac);
    const idempotencyKey = "reused-key-0001";
    const first = await comment(member, a, { body: "Confidential remark on document A.", idempotencyKey });
    expect(first.status).toBe(201);
    const retry = await comment(member, a, { body: "Confidential remark on document A.", idempotencyKey });
    expect(retry.status).toBe(200);
    expect(retry.body.comment.id).toBe(first.body.comment.id);

    const elsewhere = await member.fetch(`/api/documents/${b}/revisions/0/comments`, { json: { kind: "general", body: "A remark on document B.", idempotencyKey } });
    expect(elsewhere.status).toBe(422);
    const text = await elsewhere.text();
    expect(text).not.toContain("Confidential remark");
    expect(text).not.toContain(first.body.comment.id);
    expect(JSON.parse(text).error.details.fields[0].field).toBe("idempotencyKey");

    const sameDocumentOtherWords = await comment(member, a, { body: "Different words, same key.", idempotencyKey });
    expect(sameDocumentOtherWords.status).toBe(422);
    const otherParagraph = (await member.json(`/api/documents/${a}/revisions/0`)).body.paragraphs[0].pid;
    const sameWordsOtherParagraph = await comment(member, a, { body: "Confidential remark on document A.", paragraphId: otherParagraph, idempotencyKey });
    expect(sameWordsOtherParagraph.status).toBe(422);

    // Nothing was written for the refused requests.
    const onB = await member.json(`/api/documents/${b}/revisions/0/comments`);
    expect(onB.body.comments).toHaveLength(0);
    const onA = await member.json(`/api/documents/${a}/revisions/0/comments`);
    expect(onA.body.comments).toHaveLength(1);
  });

  it("a retried reply is answered with the reply, even after the window closed", async () => {
    const cofac = await signIn(DEMO_ACCOUNTS.cofacilitator);
    const member = await signIn(DEMO_ACCOUNTS.head);
    const id = await issuedDocument(cofac);
    const first = await comment(member, id, { body: "A comment." });
    const json = { parentId: first.body.comment.id, body: "A reply sent twice.", idempotencyKey: "reply-key-0001" };
    const reply = await comment(member, id, json);
    expect(reply.status).toBe(201);
    await env.DB.prepare("UPDATE revisions SET comments_close_at = ?1 WHERE document_id = ?2").bind(new Date(Date.now() - 1000).toISOString(), id).run();
    const again = await comment(member, id, json);
    expect(again.status).toBe(200);
    expect(again.body.comment.id).toBe(reply.body.comment.id);
  });
});
