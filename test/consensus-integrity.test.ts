// Issue 11, "Consensus integrity": one test per defect. Races are made deterministic with
// an env whose D1 runs a competing action just before a chosen batch (see `raceBefore`).
import { createExecutionContext, createScheduledController, waitOnExecutionContext } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import worker from "../worker/index";
import { consensusTick } from "../worker/consensus/scheduler";
import { HEADS, HOUR, failOnce, headOf, issuedDocument, openSilence, raceBefore, record, via } from "./consensus-helpers";
import { DEMO_ACCOUNTS, auditRows, env, signIn } from "./helpers";

const procedureOf = (pid: string) => env.DB.prepare("SELECT * FROM procedures WHERE id = ?1").bind(pid).first<{ status: string; closed_at: string | null; broken_by_seat: string | null }>();
const revisionOf = (docId: string, n: number) => env.DB.prepare("SELECT id, adopted_at FROM revisions WHERE document_id = ?1 AND number = ?2").bind(docId, n).first<{ id: string; adopted_at: string | null }>();
const auditFor = async (action: string, targetId: string) => (await auditRows(action)).filter((r) => r.target_id === targetId);
const outcomeMail = async (subjectPart: string) =>
  (await env.DB.prepare("SELECT count(*) AS n FROM outbox WHERE kind = 'procedure_outcome' AND subject LIKE ?1").bind(`%${subjectPart}%`).first<{ n: number }>())!.n;

describe("1. an objection on record always breaks silence", () => {
  it("confirming an earlier objection on the revision under silence breaks it; the scheduler does not adopt", async () => {
    const { id, nextRevision } = await issuedDocument();
    const india = await signIn(headOf("india"));
    expect((await record(india, id, 0, { stance: "objection", explanation: "Paragraph 2 prejudges national law." })).status).toBe(200);
    await nextRevision();
    const chair = await signIn(DEMO_ACCOUNTS.chair);
    const opened = await openSilence(chair, id, 1);
    expect(opened.status).toBe(201);
    const pid = opened.body.procedure.id;

    const confirmed = await india.json(`/api/documents/${id}/revisions/1/position/confirm`, { json: { baseVersion: null } });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.position.stance).toBe("objection");
    expect(confirmed.body.silenceBroken).toBe(true);
    expect(await procedureOf(pid)).toMatchObject({ status: "broken", broken_by_seat: "ms-india" });
    expect(await auditFor("procedure.broken", pid)).toHaveLength(1);

    await consensusTick(env, Date.now() + 100 * HOUR);
    expect((await revisionOf(id, 1))!.adopted_at).toBeNull();
    expect(await procedureOf(pid)).toMatchObject({ status: "broken" });
    expect(await auditFor("procedure.adopted", pid)).toHaveLength(0);
  });

  it("opening a silence over objections recorded on the revision answers 409 naming the seats; a round may still open", async () => {
    const { id } = await issuedDocument();
    await record(await signIn(headOf("india")), id, 0, { stance: "objection", explanation: "Paragraph 2 prejudges national law." });
    await record(await signIn(headOf("apc")), id, 0, { stance: "objection", explanation: "Human rights are missing." });
    await record(await signIn(headOf("brazil")), id, 0, { stance: "reservation", explanation: "On paragraph 1." });
    const chair = await signIn(DEMO_ACCOUNTS.chair);
    const before = (await env.DB.prepare("SELECT count(*) AS n FROM outbox WHERE kind = 'silence_opened'").first<{ n: number }>())!.n;

    const refused = await openSilence(chair, id, 0);
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toMatch(/India/);
    expect(refused.body.error.details.objections).toEqual([
      { seatId: "ns-apc", seatName: "Association for Progressive Communications" },
      { seatId: "ms-india", seatName: "India" },
    ]);
    const rev = (await revisionOf(id, 0))!;
    expect((await env.DB.prepare("SELECT count(*) AS n FROM procedures WHERE revision_id = ?1").bind(rev.id).first<{ n: number }>())!.n).toBe(0);
    expect((await env.DB.prepare("SELECT count(*) AS n FROM outbox WHERE kind = 'silence_opened'").first<{ n: number }>())!.n).toBe(before);

    const round = await chair.json(`/api/documents/${id}/revisions/0/procedures`, { json: { kind: "round", deadline: new Date(Date.now() + 24 * HOUR).toISOString(), deadlineTimeZone: "Europe/Zurich" } });
    expect(round.status).toBe(201);
  });

  it("an objection recorded while the Chair opens a silence: the opening is refused, nothing is mailed or audited", async () => {
    const { id } = await issuedDocument();
    const chair = await signIn(DEMO_ACCOUNTS.chair);
    const india = await signIn(headOf("india"));
    const raced = raceBefore(/insert into "procedures"/i, async () => {
      expect((await record(india, id, 0, { stance: "objection", explanation: "Too late for a silence." })).status).toBe(200);
    });
    const before = (await env.DB.prepare("SELECT count(*) AS n FROM outbox WHERE kind = 'silence_opened'").first<{ n: number }>())!.n;
    const opened = await via(chair, raced, `/api/documents/${id}/revisions/0/procedures`, { json: { kind: "silence", deadline: new Date(Date.now() + 73 * HOUR).toISOString(), deadlineTimeZone: "Europe/Zurich" } });
    expect(opened.status).toBe(409);
    expect(opened.body.error.details.objections).toEqual([{ seatId: "ms-india", seatName: "India" }]);
    const rev = (await revisionOf(id, 0))!;
    expect((await env.DB.prepare("SELECT count(*) AS n FROM procedures WHERE revision_id = ?1").bind(rev.id).first<{ n: number }>())!.n).toBe(0);
    expect((await env.DB.prepare("SELECT count(*) AS n FROM outbox WHERE kind = 'silence_opened'").first<{ n: number }>())!.n).toBe(before);
    expect((await auditRows("procedure.open")).filter((r) => JSON.parse(r.after_json!).revisionId === rev.id)).toHaveLength(0);
  });

  it("a silence opened between an objection's checks and its write is broken by it", async () => {
    const { id } = await issuedDocument();
    const chair = await signIn(DEMO_ACCOUNTS.chair);
    let pid = "";
    const raced = raceBefore(/into "positions"|update "positions"/i, async () => {
      const opened = await openSilence(chair, id, 0);
      expect(opened.status).toBe(201);
      pid = opened.body.procedure.id;
    });
    const res = await via(await signIn(headOf("india")), raced, `/api/documents/${id}/revisions/0/position`, { method: "PUT", json: { baseVersion: null, stance: "objection", explanation: "Paragraph 2 prejudges national law." } });
    expect(res.status).toBe(200);
    expect(res.body.silenceBroken).toBe(true);
    expect(await procedureOf(pid)).toMatchObject({ status: "broken", broken_by_seat: "ms-india" });
    expect(await auditFor("procedure.broken", pid)).toHaveLength(1);
  });

  it("the scheduler never adopts a revision with an objection on record: it closes the silence as broken", async () => {
    const { id } = await issuedDocument();
    const chair = await signIn(DEMO_ACCOUNTS.chair);
    const deadline = Date.now() + 73 * HOUR;
    const pid = (await openSilence(chair, id, 0, deadline)).body.procedure.id;
    // An objection that reached the table without breaking silence (data from before this fix).
    const rev = (await revisionOf(id, 0))!;
    const indiaHead = (await env.DB.prepare("SELECT id FROM users WHERE email = ?1").bind(headOf("india")).first<{ id: string }>())!.id;
    await env.DB.prepare("INSERT INTO positions (revision_id, seat_id, stance, explanation, recorded_by, recorded_at) VALUES (?1, 'ms-india', 'objection', 'Stored earlier.', ?2, ?3)").bind(rev.id, indiaHead, new Date().toISOString()).run();

    const before = await outcomeMail("");
    await consensusTick(env, deadline + 60_000);
    expect((await revisionOf(id, 0))!.adopted_at).toBeNull();
    expect(await procedureOf(pid)).toMatchObject({ status: "broken", broken_by_seat: "ms-india" });
    expect(await auditFor("procedure.adopted", pid)).toHaveLength(0);
    expect(await auditFor("procedure.broken", pid)).toHaveLength(1);
    expect(await outcomeMail("")).toBe(before);
  });
});

describe("positions' history", () => {
  it("a position write adds one history row, for its own seat and revision only", async () => {
    const a = await issuedDocument();
    const b = await issuedDocument();
    const count = async (docId: string) => (await env.DB.prepare("SELECT count(*) AS n FROM position_history h JOIN revisions r ON r.id = h.revision_id WHERE r.document_id = ?1").bind(docId).first<{ n: number }>())!.n;
    await record(await signIn(headOf("chile")), b.id, 0, { stance: "support" });
    await record(await signIn(headOf("india")), a.id, 0, { stance: "support" });
    const brazil = await record(await signIn(headOf("brazil")), a.id, 0, { stance: "can_live" });
    expect(brazil.status).toBe(200);
    expect(await count(a.id)).toBe(2);
    expect(await count(b.id)).toBe(1);
  });
});

describe("2. an objection in the last second races the scheduler: exactly one outcome wins", () => {
  it("the scheduler adopts first: the objection answers 409 and is not stored; the audit log and the mail say adopted", async () => {
    const { id } = await issuedDocument();
    const chair = await signIn(DEMO_ACCOUNTS.chair);
    const deadline = Date.now() + 73 * HOUR;
    const pid = (await openSilence(chair, id, 0, deadline)).body.procedure.id;
    const adoptedBefore = await outcomeMail("Adopted:");
    const raced = raceBefore(/into "positions"|update "positions"/i, () => consensusTick(env, deadline + 1000));
    const res = await via(await signIn(headOf("india")), raced, `/api/documents/${id}/revisions/0/position`, { method: "PUT", json: { baseVersion: null, stance: "objection", explanation: "Paragraph 2 prejudges national law." } });
    expect(res.status).toBe(409);
    expect(res.body.error.message).toMatch(/adopted/);

    const rev = (await revisionOf(id, 0))!;
    expect(rev.adopted_at).not.toBeNull();
    expect(await env.DB.prepare("SELECT * FROM positions WHERE revision_id = ?1").bind(rev.id).first()).toBeNull();
    expect(await procedureOf(pid)).toMatchObject({ status: "adopted" });
    expect(await auditFor("procedure.adopted", pid)).toHaveLength(1);
    expect(await auditFor("procedure.broken", pid)).toHaveLength(0);
    expect(await auditFor("position.record", rev.id)).toHaveLength(0);
    expect((await outcomeMail("Adopted:")) - adoptedBefore).toBe(HEADS);
  });

  it("the objection lands first: silence is broken, the scheduler adopts nothing and mails nothing", async () => {
    const { id } = await issuedDocument();
    const chair = await signIn(DEMO_ACCOUNTS.chair);
    const deadline = Date.now() + 73 * HOUR;
    const pid = (await openSilence(chair, id, 0, deadline)).body.procedure.id;
    const india = await signIn(headOf("india"));
    let objection: Awaited<ReturnType<typeof record>> | undefined;
    const before = await outcomeMail("");
    const raced = raceBefore(/update "procedures"/i, async () => {
      objection = await record(india, id, 0, { stance: "objection", explanation: "Paragraph 2 prejudges national law." });
    });
    const tick = await consensusTick(raced, deadline + 1000);
    expect(tick.adopted).toBe(0);
    expect(objection!.status).toBe(200);
    expect(objection!.body.silenceBroken).toBe(true);
    expect((await revisionOf(id, 0))!.adopted_at).toBeNull();
    expect(await procedureOf(pid)).toMatchObject({ status: "broken", broken_by_seat: "ms-india" });
    expect(await auditFor("procedure.adopted", pid)).toHaveLength(0);
    expect(await auditFor("procedure.broken", pid)).toHaveLength(1);
    expect(await outcomeMail("")).toBe(before);
  });
});

describe("3. closing checks the revision's state", () => {
  it("a broken silence cannot be closed once another procedure adopted the revision", async () => {
    const { id } = await issuedDocument();
    const chair = await signIn(DEMO_ACCOUNTS.chair);
    const silence = (await openSilence(chair, id, 0)).body.procedure.id;
    await record(await signIn(headOf("india")), id, 0, { stance: "objection", explanation: "Paragraph 2 prejudges national law." });
    expect((await procedureOf(silence))!.status).toBe("broken");
    const round = await chair.json(`/api/documents/${id}/revisions/0/procedures`, { json: { kind: "round", deadline: new Date(Date.now() + 24 * HOUR).toISOString(), deadlineTimeZone: "Europe/Zurich" } });
    expect(round.status).toBe(201);
    const adopted = await chair.json(`/api/documents/${id}/revisions/0/procedures/${round.body.procedure.id}/close`, { json: { outcome: "adopted", decision: "Adopted at the fourth meeting, India's objection recorded." } });
    expect(adopted.status).toBe(200);
    const adoptedAt = (await revisionOf(id, 0))!.adopted_at;
    const notAdoptedMail = await outcomeMail("Not adopted:");
    const adoptedMail = await outcomeMail("Adopted:");

    for (const outcome of ["not_adopted", "adopted"]) {
      const late = await chair.json(`/api/documents/${id}/revisions/0/procedures/${silence}/close`, { json: { outcome, decision: "Closing the broken silence." } });
      expect(late.status).toBe(409);
      expect(late.body.error.message).toMatch(/adopted/);
    }
    expect((await revisionOf(id, 0))!.adopted_at).toBe(adoptedAt);
    expect((await procedureOf(silence))!.status).toBe("broken");
    expect(await auditFor("procedure.close", silence)).toHaveLength(0);
    expect(await outcomeMail("Not adopted:")).toBe(notAdoptedMail);
    expect(await outcomeMail("Adopted:")).toBe(adoptedMail);
  });
});

describe("4. scheduler runs: a retry records nothing twice; one failure stops nothing else", () => {
  async function dueSilence() {
    const { id } = await issuedDocument();
    const chair = await signIn(DEMO_ACCOUNTS.chair);
    const deadline = Date.now() + 73 * HOUR;
    const pid = (await openSilence(chair, id, 0, deadline)).body.procedure.id as string;
    return { id, pid, deadline };
  }

  it("two runs for the same minute at once: one adoption, one audit row, one mail per head", async () => {
    const { pid, deadline } = await dueSilence();
    const minute = deadline + 30_000;
    const before = await outcomeMail("Adopted:");
    const retry = raceBefore(/update "procedures"/i, () => consensusTick(env, minute));
    await consensusTick(retry, minute);
    expect(await auditFor("procedure.adopted", pid)).toHaveLength(1);
    expect((await outcomeMail("Adopted:")) - before).toBe(HEADS);
    // A retry after the first run finished, and a late run for the same minute, change nothing.
    await consensusTick(env, minute);
    const lateRace = raceBefore(/update "procedures"/i, () => consensusTick(env, minute + 60_000));
    await consensusTick(lateRace, minute);
    expect(await auditFor("procedure.adopted", pid)).toHaveLength(1);
    expect((await outcomeMail("Adopted:")) - before).toBe(HEADS);
  });

  it("a late run that overtakes an earlier one adopts once", async () => {
    const { pid, deadline } = await dueSilence();
    const before = await outcomeMail("Adopted:");
    const overtaken = raceBefore(/update "procedures"/i, () => consensusTick(env, deadline + 120_000));
    await consensusTick(overtaken, deadline + 60_000);
    expect(await auditFor("procedure.adopted", pid)).toHaveLength(1);
    expect((await outcomeMail("Adopted:")) - before).toBe(HEADS);
  });

  it("two runs for the same minute send one reminder", async () => {
    const { pid, deadline } = await dueSilence();
    const minute = deadline - 2 * HOUR;
    const retry = raceBefore(/update "procedures"/i, () => consensusTick(env, minute));
    await consensusTick(retry, minute);
    expect(await auditFor("procedure.reminder", pid)).toHaveLength(1);
    const reminded = await env.DB.prepare("SELECT to_address, count(*) AS n FROM outbox WHERE kind = 'position_reminder' AND body_text LIKE ?1 GROUP BY to_address HAVING n > 1")
      .bind(`%${new Date(deadline).toISOString()}%`)
      .all();
    expect(reminded.results).toEqual([]);
  });

  it("one procedure failing does not stop the others, mail delivery or housekeeping", async () => {
    const a = await dueSilence();
    const b = await dueSilence();
    // Only these two are due in 2030.
    await env.DB.prepare("UPDATE procedures SET deadline = '2100-01-01T00:00:00.000Z' WHERE status = 'open'").run();
    await env.DB.prepare("UPDATE procedures SET deadline = '2030-01-01T09:00:00.000Z' WHERE id IN (?1, ?2)").bind(a.pid, b.pid).run();
    const userId = (await env.DB.prepare("SELECT id FROM users WHERE email = ?1").bind(DEMO_ACCOUNTS.chair).first<{ id: string }>())!.id;
    await env.DB.prepare("INSERT INTO sessions (id, user_id, created_at, expires_at) VALUES ('expired-session', ?1, '2020-01-01T00:00:00.000Z', '2020-01-02T00:00:00.000Z')").bind(userId).run();
    const sent: unknown[] = [];
    const mailing = { ...env, MAIL_TRANSPORT: "cloudflare" as const, SEND_EMAIL: { send: async (m: unknown) => void sent.push(m) } as unknown as SendEmail };
    const errors: string[] = [];
    const log = console.error;
    console.error = (...args: unknown[]) => void errors.push(args.map(String).join(" "));
    try {
      const ctx = createExecutionContext();
      // The first adoption's batch fails.
      await worker.scheduled(createScheduledController({ cron: "* * * * *", scheduledTime: Date.parse("2030-01-01T10:17:00.000Z") }), failOnce(/update "procedures"/i, mailing), ctx);
      await waitOnExecutionContext(ctx).catch(() => {});
    } finally {
      console.error = log;
    }
    const statuses = [(await procedureOf(a.pid))!.status, (await procedureOf(b.pid))!.status].sort();
    expect(statuses).toEqual(["adopted", "open"]);
    expect(sent.length).toBeGreaterThan(0);
    expect(await env.DB.prepare("SELECT id FROM sessions WHERE id = 'expired-session'").first()).toBeNull();
    const failure = errors.map((e) => { try { return JSON.parse(e); } catch { return null; } }).find((e) => e?.procedureId);
    expect(failure).toMatchObject({ level: "error", procedureId: expect.any(String), message: expect.stringMatching(/simulated/) });

    // The next minute picks the failed one up.
    await consensusTick(env, Date.parse("2030-01-01T10:18:00.000Z"));
    expect((await procedureOf(a.pid))!.status).toBe("adopted");
    expect((await procedureOf(b.pid))!.status).toBe("adopted");
  });

  it("mail and housekeeping run even when the whole consensus tick throws", async () => {
    const userId = (await env.DB.prepare("SELECT id FROM users WHERE email = ?1").bind(DEMO_ACCOUNTS.chair).first<{ id: string }>())!.id;
    await env.DB.prepare("INSERT INTO sessions (id, user_id, created_at, expires_at) VALUES ('expired-2', ?1, '2020-01-01T00:00:00.000Z', '2020-01-02T00:00:00.000Z')").bind(userId).run();
    await env.DB.prepare("INSERT INTO outbox (id, to_address, subject, body_text, kind, transport, status, created_at) VALUES ('stored-1', 'x@plenary.test', 'S', 'T', 'test', 'cloudflare', 'stored', '2020-01-01T00:00:00.000Z')").run();
    const sent: unknown[] = [];
    let broken = true;
    const DB = new Proxy(env.DB, {
      get(target, key) {
        if (key === "prepare")
          return (q: string) => {
            if (broken && /from "procedures"/i.test(q)) {
              broken = false;
              throw new Error("D1_ERROR: simulated outage");
            }
            return target.prepare(q);
          };
        const value = Reflect.get(target, key);
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
    const failing = { ...env, DB, MAIL_TRANSPORT: "cloudflare" as const, SEND_EMAIL: { send: async (m: unknown) => void sent.push(m) } as unknown as SendEmail };
    const log = console.error;
    console.error = () => {};
    try {
      const ctx = createExecutionContext();
      await worker.scheduled(createScheduledController({ cron: "* * * * *", scheduledTime: Date.parse("2030-01-01T11:17:00.000Z") }), failing, ctx);
      await waitOnExecutionContext(ctx).catch(() => {});
    } finally {
      console.error = log;
    }
    expect(broken).toBe(false);
    expect(sent.length).toBeGreaterThan(0);
    expect(await env.DB.prepare("SELECT id FROM sessions WHERE id = 'expired-2'").first()).toBeNull();
  });
});
