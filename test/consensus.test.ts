import { createExecutionContext, createScheduledController, waitOnExecutionContext } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import worker from "../worker/index";
import { consensusTick } from "../worker/consensus/scheduler";
import { Agent, DEMO_ACCOUNTS, auditRows, env, signIn } from "./helpers";

const HOUR = 3_600_000;
const window = () => ({ commentsOpenAt: new Date(Date.now() - HOUR).toISOString(), commentsCloseAt: new Date(Date.now() + 72 * HOUR).toISOString(), commentsTimeZone: "Europe/Zurich" });
const TEXT = [
  { kind: "paragraph", html: "Principle one: data governance serves development.", pid: null },
  { kind: "paragraph", html: "Principle two: [cross-border] data flows are trusted.", pid: null },
  { kind: "paragraph", html: "Principle three: benefits are shared.", pid: null },
];

async function issuedDocument() {
  const cofac = await signIn(DEMO_ACCOUNTS.cofacilitator);
  const { body } = await cofac.json("/api/documents", { json: { trackId: 1, kind: "draft_outcome", title: "Principles", symbol: "WG/DG/2026/1", visibility: "members" } });
  const id = body.document.id as string;
  await cofac.fetch(`/api/documents/${id}/draft`, { method: "PUT", json: { baseVersion: 1, blocks: TEXT } });
  await cofac.fetch(`/api/documents/${id}/revisions`, { json: { baseVersion: 2, ...window() } });
  return { id, cofac };
}

const headOf = (seat: string) => `head.${seat}@plenary.test`;
const record = (agent: Agent, id: string, n: number, json: Record<string, unknown>) =>
  agent.json(`/api/documents/${id}/revisions/${n}/position`, { method: "PUT", json: { baseVersion: null, ...json } });

describe("positions", () => {
  it("a seat's head records positions; tallies count by regional and stakeholder group", async () => {
    const { id } = await issuedDocument();
    const board0 = await (await signIn(DEMO_ACCOUNTS.head)).json(`/api/documents/${id}/revisions/0/board`);
    const pid = (await (await signIn(DEMO_ACCOUNTS.head)).json(`/api/documents/${id}/revisions/0`)).body.paragraphs[1].pid;
    expect(board0.body.totals).toMatchObject({ seats: 54, responded: 0 });

    expect((await record(await signIn(headOf("brazil")), id, 0, { stance: "support" })).status).toBe(200);
    expect((await record(await signIn(headOf("mexico")), id, 0, { stance: "reservation", explanation: "Paragraph 2 goes too far.", paragraphIds: [pid] })).status).toBe(200);
    expect((await record(await signIn(headOf("kenya")), id, 0, { stance: "can_live" })).status).toBe(200);
    expect((await record(await signIn(headOf("apc")), id, 0, { stance: "reservation", explanation: "Name human rights.", paragraphIds: [pid] })).status).toBe(200);
    const html = await (await (await signIn(DEMO_ACCOUNTS.chair)).fetch(`/api/documents/${id}/revisions/0/compilation?format=html`)).text();
    // Each reservation sits right after the paragraph it names.
    expect(html.indexOf("Reservation \u2014 Mexico:")).toBeGreaterThan(html.indexOf("<strong>2.</strong>"));
    expect(html.indexOf("Reservation \u2014 Mexico:")).toBeLessThan(html.indexOf("<strong>3.</strong>"));

    const board = await (await signIn(DEMO_ACCOUNTS.chair)).json(`/api/documents/${id}/revisions/0/board`);
    const tally = (group: string) => board.body.tallies.find((t: any) => t.group === group);
    expect(tally("grulac")).toMatchObject({ constituency: "member_states", seats: 5, support: 1, reservation: 1, no_response: 3 });
    expect(tally("african")).toMatchObject({ can_live: 1, no_response: 6 });
    expect(tally("civil_society")).toMatchObject({ constituency: "non_state", reservation: 1 });
    expect(board.body.totals).toMatchObject({ responded: 4, reservations: 2, objections: 0 });
    expect(board.body.mostReserved[0]).toEqual({ pid, number: 2, count: 2 });
    expect(board.body.concerns.map((c: any) => c.seat.name).sort()).toEqual(["Association for Progressive Communications", "Mexico"]);
    expect(board.body.notResponded).toHaveLength(50);
  });

  it("needs an explanation for a reservation or objection; observers and delegates without leave hold none", async () => {
    const { id } = await issuedDocument();
    const head = await signIn(headOf("chile"));
    const bare = await record(head, id, 0, { stance: "objection" });
    expect(bare.status).toBe(400);
    expect(bare.body.error.details.fields[0].field).toBe("explanation");
    expect((await record(await signIn(DEMO_ACCOUNTS.delegate), id, 0, { stance: "support" })).status).toBe(403);
    expect((await record(await signIn(DEMO_ACCOUNTS.observer), id, 0, { stance: "support" })).status).toBe(404);
    expect((await record(new Agent(), id, 0, { stance: "support" })).status).toBe(404);
  });

  it("a head lets a delegate record; two delegates changing at once: the stale one gets 409", async () => {
    const { id } = await issuedDocument();
    const head = await signIn(headOf("kenya"));
    const delegateId = (await env.DB.prepare("SELECT id FROM users WHERE email = ?1").bind(DEMO_ACCOUNTS.delegate).first<{ id: string }>())!.id;
    expect((await head.fetch("/api/consensus/position-delegates", { method: "PUT", json: { userIds: [delegateId] } })).status).toBe(200);
    const delegate = await signIn(DEMO_ACCOUNTS.delegate);
    const first = await record(delegate, id, 0, { stance: "support" });
    expect(first.status).toBe(200);
    expect(first.body.position.version).toBe(1);
    const byHead = await head.json(`/api/documents/${id}/revisions/0/position`, { method: "PUT", json: { stance: "abstain", baseVersion: 1 } });
    expect(byHead.status).toBe(200);
    const stale = await delegate.json(`/api/documents/${id}/revisions/0/position`, { method: "PUT", json: { stance: "can_live", baseVersion: 1 } });
    expect(stale.status).toBe(409);
    expect(stale.body.error.details.current.stance).toBe("abstain");
    const dup = await record(delegate, id, 0, { stance: "support" });
    expect(dup.status).toBe(409);
    const history = await head.json(`/api/documents/${id}/revisions/0/position/history`);
    expect(history.body.history.map((h: any) => h.stance)).toEqual(["abstain", "support"]);
  });

  it("a new revision marks positions as given on an earlier text and asks their seats to confirm", async () => {
    const { id, cofac } = await issuedDocument();
    const head = await signIn(headOf("senegal"));
    await record(head, id, 0, { stance: "support" });
    const { body } = await cofac.json(`/api/documents/${id}/draft`);
    await cofac.fetch(`/api/documents/${id}/revisions`, { json: { baseVersion: body.draft.version, ...window() } });

    const board = await head.json(`/api/documents/${id}/revisions/1/board`);
    const senegal = board.body.seats.find((s: any) => s.seat.id === "ms-senegal");
    expect(senegal.position).toBeNull();
    expect(senegal.earlier).toMatchObject({ stance: "support", revisionNumber: 0 });
    expect(board.body.tallies.find((t: any) => t.group === "african").earlierText).toBe(1);
    const mail = await env.DB.prepare("SELECT subject FROM outbox WHERE to_address = ?1 AND kind = 'position_reconfirm'").bind(headOf("senegal")).first<{ subject: string }>();
    expect(mail?.subject).toMatch(/Rev\.1 issued/);
    const pending = await head.json("/api/consensus/pending");
    expect(pending.body.items.map((i: any) => i.documentId)).toContain(id);

    const confirmed = await head.json(`/api/documents/${id}/revisions/1/position/confirm`, { json: { baseVersion: null } });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.position).toMatchObject({ stance: "support", confirmedFrom: 0 });
    expect((await head.json("/api/consensus/pending")).body.items.map((i: any) => i.documentId)).not.toContain(id);
  });
});

describe("silence procedure", () => {
  it("needs at least 72 hours, and only the Chair opens it", async () => {
    const { id } = await issuedDocument();
    const chair = await signIn(DEMO_ACCOUNTS.chair);
    const soon = await chair.json(`/api/documents/${id}/revisions/0/procedures`, { json: { kind: "silence", deadline: new Date(Date.now() + 71 * HOUR).toISOString(), deadlineTimeZone: "Europe/Zurich" } });
    expect(soon.status).toBe(400);
    expect(soon.body.error.details.fields[0].field).toBe("deadline");
    const member = await signIn(DEMO_ACCOUNTS.head);
    expect((await member.fetch(`/api/documents/${id}/revisions/0/procedures`, { json: { kind: "silence", deadline: new Date(Date.now() + 80 * HOUR).toISOString(), deadlineTimeZone: "Europe/Zurich" } })).status).toBe(403);
  });

  it("one objection breaks silence at once, with who, when and the text", async () => {
    const { id } = await issuedDocument();
    const chair = await signIn(DEMO_ACCOUNTS.chair);
    const opened = await chair.json(`/api/documents/${id}/revisions/0/procedures`, { json: { kind: "silence", deadline: new Date(Date.now() + 73 * HOUR).toISOString(), deadlineTimeZone: "Europe/Zurich" } });
    expect(opened.status).toBe(201);
    const announced = await env.DB.prepare("SELECT count(*) AS n FROM outbox WHERE kind = 'silence_opened'").first<{ n: number }>();
    expect(announced!.n).toBe(54);
    const objection = await record(await signIn(headOf("india")), id, 0, { stance: "objection", explanation: "Paragraph 2 prejudges national law." });
    expect(objection.status).toBe(200);
    expect(objection.body.silenceBroken).toBe(true);
    const board = await chair.json(`/api/documents/${id}/revisions/0/board`);
    expect(board.body.procedures[0]).toMatchObject({ kind: "silence", status: "broken", broken: { seatId: "ms-india", text: "Paragraph 2 prejudges national law." } });
    // The scheduler does not adopt a broken procedure.
    await consensusTick(env, Date.now() + 100 * HOUR);
    const after = await chair.json(`/api/documents/${id}/revisions/0/board`);
    expect(after.body.procedures[0].status).toBe("broken");
    expect(after.body.revision.adoptedAt).toBeNull();
    expect((await auditRows("procedure.broken")).length).toBe(1);
  });

  it("the scheduled handler adopts an unbroken silence at its deadline, once, and locks the revision", async () => {
    const { id } = await issuedDocument();
    const chair = await signIn(DEMO_ACCOUNTS.chair);
    const deadline = Date.now() + 73 * HOUR;
    await chair.fetch(`/api/documents/${id}/revisions/0/procedures`, { json: { kind: "silence", deadline: new Date(deadline).toISOString(), deadlineTimeZone: "Europe/Zurich" } });
    await record(await signIn(headOf("japan")), id, 0, { stance: "reservation", explanation: "We join with a reservation on paragraph 3." });

    // Before the deadline nothing closes; 24 hours before it, one reminder to seats without a position.
    const ctx = createExecutionContext();
    await worker.scheduled(createScheduledController({ cron: "* * * * *", scheduledTime: deadline - 2 * HOUR }), env, ctx);
    await waitOnExecutionContext(ctx);
    await consensusTick(env, deadline - HOUR);
    const reminders = await env.DB.prepare("SELECT to_address FROM outbox WHERE kind = 'position_reminder'").all<{ to_address: string }>();
    expect(reminders.results.length).toBe(53);
    expect(reminders.results.map((r) => r.to_address)).not.toContain(headOf("japan"));

    const late = await consensusTick(env, deadline + 5 * 60_000);
    const again = await consensusTick(env, deadline + 6 * 60_000);
    expect(late.closed).toBe(1);
    expect(again.closed).toBe(0);
    const board = await chair.json(`/api/documents/${id}/revisions/0/board`);
    expect(board.body.procedures[0]).toMatchObject({ status: "adopted", closedBy: null });
    expect(board.body.revision.adoptedAt).not.toBeNull();
    expect((await auditRows("procedure.adopted")).filter((r) => r.target_id === board.body.procedures[0].id)).toHaveLength(1);
    const outcome = await env.DB.prepare("SELECT count(*) AS n FROM outbox WHERE kind = 'procedure_outcome'").first<{ n: number }>();
    expect(outcome!.n).toBe(54);

    // Modified consensus: the reservation stays in the text, in context.
    const compilation = await (await chair.fetch(`/api/documents/${id}/revisions/0/compilation?format=html`)).text();
    expect(compilation).toContain("Reservation \u2014 Japan:");
    expect(compilation).toContain("We join with a reservation on paragraph 3.");
    expect(compilation).toMatch(/adopted on/);

    // Locked: no more positions or comments.
    const locked = await record(await signIn(headOf("brazil")), id, 0, { stance: "support" });
    expect(locked.status).toBe(409);
    const comment = await (await signIn(headOf("brazil"))).json(`/api/documents/${id}/revisions/0/comments`, { json: { kind: "general", body: "Too late", idempotencyKey: crypto.randomUUID() } });
    expect(comment.status).toBe(409);
  });

  it("a position after the deadline (before the scheduler ran) answers 409; the Chair may close by hand", async () => {
    const { id } = await issuedDocument();
    const chair = await signIn(DEMO_ACCOUNTS.chair);
    const opened = await chair.json(`/api/documents/${id}/revisions/0/procedures`, { json: { kind: "round", deadline: new Date(Date.now() + 2 * HOUR).toISOString(), deadlineTimeZone: "America/New_York" } });
    expect(opened.status).toBe(201);
    await env.DB.prepare("UPDATE procedures SET deadline = '2020-01-01T00:00:00.000Z'").run();
    const late = await record(await signIn(headOf("france")), id, 0, { stance: "support" });
    expect(late.status).toBe(409);
    expect(late.body.error.message).toMatch(/deadline/);
    const noDecision = await chair.json(`/api/documents/${id}/revisions/0/procedures/${opened.body.procedure.id}/close`, { json: { outcome: "adopted", decision: "" } });
    expect(noDecision.status).toBe(400);
    const closed = await chair.json(`/api/documents/${id}/revisions/0/procedures/${opened.body.procedure.id}/close`, { json: { outcome: "adopted", decision: "Adopted by consensus at the fourth meeting." } });
    expect(closed.status).toBe(200);
    const twice = await chair.json(`/api/documents/${id}/revisions/0/procedures/${opened.body.procedure.id}/close`, { json: { outcome: "adopted", decision: "Again" } });
    expect(twice.status).toBe(409);
  });
});
