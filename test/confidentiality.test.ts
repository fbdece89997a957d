// Issue 11, "Confidentiality", items 5–8: who sees what (BRIEF, "Who sees what").
// Deliberations (comments, amendments, replies, positions, the board) stay with
// members and officers; unpublished dispositions with the officers; working drafts
// with their editors; delegates' names reach the public only as they allow.
// Publishing a report publishes its adopted text, nothing around it.
import { describe, expect, it } from "vitest";
import { strFromU8, unzipSync } from "fflate";
import { extractText, getDocumentProxy } from "unpdf";
import { Agent, DEMO_ACCOUNTS, env, signIn } from "./helpers";

const HOUR = 3_600_000;
const window = () => ({ commentsOpenAt: new Date(Date.now() - HOUR).toISOString(), commentsCloseAt: new Date(Date.now() + 72 * HOUR).toISOString(), commentsTimeZone: "Europe/Zurich" });
const headOf = (seat: string) => `head.${seat}@plenary.test`;
const key = () => crypto.randomUUID();

let symbols = 0;
const nextSymbol = () => `A/81/${700 + ++symbols}`;

/** The Chair opens a consensus round on a revision and closes it as adopted. */
async function adopt(documentId: string, n: number) {
  const chair = await signIn(DEMO_ACCOUNTS.chair);
  const opened = await chair.json(`/api/documents/${documentId}/revisions/${n}/procedures`, {
    json: { kind: "round", deadline: new Date(Date.now() + 96 * HOUR).toISOString(), deadlineTimeZone: "Europe/Zurich" },
  });
  expect(opened.status).toBe(201);
  const closed = await chair.json(`/api/documents/${documentId}/revisions/${n}/procedures/${opened.body.procedure.id}/close`, { json: { outcome: "adopted", decision: "Adopted by consensus." } });
  expect(closed.status).toBe(200);
  return opened.body.procedure.id as string;
}

/** A track draft written, issued and (optionally) commented on through the real routes. */
async function trackDraft(trackId: number, visibility: "public" | "members", paragraphs: string[]) {
  const cofac = await signIn(DEMO_ACCOUNTS.cofacilitator);
  const chair = await signIn(DEMO_ACCOUNTS.chair);
  // Track 1 is the demo co-facilitator's; the Chair leads the others' business too.
  const editor = trackId === 1 ? cofac : chair;
  const created = await editor.json("/api/documents", { json: { trackId, kind: "draft_outcome", title: `Draft of track ${trackId}`, symbol: null, visibility } });
  expect(created.status).toBe(201);
  const id = created.body.document.id as string;
  expect((await editor.fetch(`/api/documents/${id}/draft`, { method: "PUT", json: { baseVersion: 1, blocks: paragraphs.map((html) => ({ kind: "paragraph", html })) } })).status).toBe(200);
  expect((await editor.fetch(`/api/documents/${id}/revisions`, { json: { baseVersion: 2, ...window() } })).status).toBe(201);
  const rev = (await editor.json(`/api/documents/${id}/revisions/0`)).body;
  return { id, editor, pids: rev.paragraphs.map((p: any) => p.pid as string) };
}

async function newReport(secretariat: Agent) {
  const symbol = nextSymbol();
  const res = await secretariat.json("/api/reports", { json: { title: "Progress report of the Working Group", symbol, session: 81 } });
  expect(res.status).toBe(201);
  const detail = (await secretariat.json(`/api/reports/${res.body.report.id}`)).body;
  return { id: res.body.report.id as string, documentId: detail.report.documentId as string, symbol };
}

const userName = async (email: string) => (await env.DB.prepare("SELECT name FROM users WHERE email = ?1").bind(email).first<{ name: string }>())!.name;
const userId = async (email: string) => (await env.DB.prepare("SELECT id FROM users WHERE email = ?1").bind(email).first<{ id: string }>())!.id;

describe("5. publishing a report publishes its adopted text, nothing else", () => {
  it("keeps the report's document, comments, board and position history members-only after publication", async () => {
    const secretariat = await signIn(DEMO_ACCOUNTS.secretariat);
    const { id, documentId, symbol } = await newReport(secretariat);
    expect((await secretariat.json(`/api/reports/${id}/review`, { json: window() })).status).toBe(201);
    const kenya = await signIn(DEMO_ACCOUNTS.delegate);
    const pid = (await kenya.json(`/api/documents/${documentId}/revisions/0`)).body.paragraphs.find((p: any) => p.number === 2).pid;
    expect((await kenya.json(`/api/documents/${documentId}/revisions/0/comments`, { json: { paragraphId: pid, kind: "general", body: "A review comment kept among members.", idempotencyKey: key() } })).status).toBe(201);
    expect((await (await signIn(headOf("mexico"))).json(`/api/documents/${documentId}/revisions/0/position`, { method: "PUT", json: { baseVersion: null, stance: "support", explanation: "Our support, for members." } })).status).toBe(200);
    await adopt(documentId, 0);
    expect((await secretariat.json(`/api/reports/${id}/publish`, { json: {} })).status).toBe(201);

    for (const reader of [new Agent(), await signIn(DEMO_ACCOUNTS.observer)]) {
      // The adopted text is public…
      expect((await reader.fetch(`/published/${symbol}`)).status).toBe(200);
      // …its review is not.
      for (const path of [
        `/api/documents/${documentId}`,
        `/api/documents/${documentId}/revisions/0`,
        `/api/documents/${documentId}/revisions/0/comments?paragraph=${pid}`,
        `/api/documents/${documentId}/revisions/0/board`,
        `/api/documents/${documentId}/revisions/0/position/history`,
        `/api/documents/${documentId}/revisions/0/compilation?format=html`,
        `/api/reports/${id}`,
      ]) {
        expect((await reader.fetch(path)).status, path).toBe(404);
      }
    }
    const visibility = await env.DB.prepare("SELECT visibility FROM documents WHERE id = ?1").bind(documentId).first<{ visibility: string }>();
    expect(visibility!.visibility).toBe("members");
  });

  it("comments, amendments, the board and position history of a public draft are for members and officers", async () => {
    const { id, pids } = await trackDraft(1, "public", ["Deliberation test paragraph one.", "Deliberation test paragraph two."]);
    const kenya = await signIn(DEMO_ACCOUNTS.delegate);
    expect((await kenya.json(`/api/documents/${id}/revisions/0/comments`, { json: { paragraphId: pids[0], kind: "general", body: "Kenya's public-draft comment.", idempotencyKey: key() } })).status).toBe(201);
    expect((await (await signIn(headOf("mexico"))).json(`/api/documents/${id}/revisions/0/position`, { method: "PUT", json: { baseVersion: null, stance: "reservation", explanation: "Mexico's reservation before adoption.", paragraphIds: [pids[1]] } })).status).toBe(200);
    const anon = new Agent();
    const observer = await signIn(DEMO_ACCOUNTS.observer);
    // The issued text of a public draft is public…
    expect((await anon.fetch(`/api/documents/${id}/revisions/0/text`)).status).toBe(200);
    for (const reader of [anon, observer]) {
      const page = await reader.json(`/api/documents/${id}/revisions/0`);
      expect(page.status).toBe(200);
      // …not what members said about it, nor how much.
      expect(page.body.paragraphs.every((p: any) => p.comments.total === 0)).toBe(true);
      expect(page.body.permissions.deliberations).toBe(false);
      for (const path of [`/api/documents/${id}/revisions/0/comments?paragraph=${pids[0]}`, `/api/documents/${id}/revisions/0/board`, `/api/documents/${id}/revisions/0/position/history`, `/api/documents/${id}/revisions/0/compilation?format=html`]) {
        const res = await reader.fetch(path);
        expect(res.status, path).toBeGreaterThanOrEqual(401);
        expect(res.status, path).toBeLessThanOrEqual(404);
        const body = await res.text();
        expect(body).not.toContain("Kenya's public-draft comment.");
        expect(body).not.toContain("Mexico's reservation before adoption.");
      }
    }
    // Members and officers still deliberate.
    expect((await kenya.json(`/api/documents/${id}/revisions/0/comments?paragraph=${pids[0]}`)).body.comments[0].body).toBe("Kenya's public-draft comment.");
    expect((await kenya.json(`/api/documents/${id}/revisions/0`)).body.permissions.deliberations).toBe(true);
    expect((await (await signIn(DEMO_ACCOUNTS.chair)).json(`/api/documents/${id}/revisions/0/board`)).body.concerns[0].position.explanation).toBe("Mexico's reservation before adoption.");
  });
});

describe("6. a report compiles only what its readers may see", () => {
  it("leaves out members-only meetings and members-only adopted texts, and says in every source that it read public material", async () => {
    // A members-only text, adopted.
    const secret = "A members-only principle nobody outside may read.";
    const { id: docId } = await trackDraft(4, "members", [secret]);
    await adopt(docId, 0);
    // A members-only meeting, held last week, with an attendance register.
    const now = Date.now();
    const chairId = await userId(DEMO_ACCOUNTS.chair);
    const at = (ms: number) => new Date(ms).toISOString();
    await env.DB.prepare(
      `INSERT INTO meetings (id, title, kind, track_id, starts_at, ends_at, time_zone, format, room, online_url, description, visibility, status, minutes_status, sequence, version, created_by, created_at, updated_at)
       VALUES ('m-closed-consultation', 'Closed consultation on secret matters', 'informal', NULL, ?1, ?2, 'Europe/Zurich', 'in_person', 'Room XXIV', NULL, '', 'members', 'scheduled', 'draft', 0, 1, ?3, ?1, ?1)`,
    ).bind(at(now - 7 * 24 * HOUR), at(now - 7 * 24 * HOUR + HOUR), chairId).run();
    await env.DB.prepare("INSERT INTO attendance (meeting_id, seat_id, status, recorded_by, recorded_at) VALUES ('m-closed-consultation', 'ms-kenya', 'present', ?1, ?2)").bind(chairId, at(now)).run();

    const secretariat = await signIn(DEMO_ACCOUNTS.secretariat);
    const { id } = await newReport(secretariat);
    const d = (await secretariat.json(`/api/reports/${id}`)).body;
    const all = JSON.stringify(d.sections);
    expect(all).not.toContain(secret);
    expect(all).not.toContain("Closed consultation on secret matters");
    expect(all).not.toContain("m-closed-consultation");
    expect(d.sections.find((s: any) => s.key === "track-4").blocks.map((b: any) => b.html).join(" ")).toMatch(/has not adopted a text yet/);

    // The meetings counted are the public ones held.
    const held = (await env.DB.prepare("SELECT count(*) AS n FROM meetings WHERE status = 'scheduled' AND visibility = 'public' AND ends_at <= ?1").bind(at(Date.now())).first<{ n: number }>())!.n;
    const work = d.sections.find((s: any) => s.key === "work").blocks.map((b: any) => b.html).join("\n");
    expect(work).toContain(`The Working Group held ${held} meeting`);

    // Every generated block says whom it was compiled for.
    const blocks = d.sections.filter((s: any) => s.generated).flatMap((s: any) => s.blocks);
    expect(blocks.length).toBeGreaterThan(10);
    for (const b of blocks) {
      expect(b.source?.audience, b.html).toBe("public");
      if (b.source.type !== "template" && b.source.type !== "seats") expect(b.source.label, b.html).toMatch(/public/i);
    }

    // Nor can the secretariat point a chapter at a members-only text.
    const rev = await env.DB.prepare("SELECT id FROM revisions WHERE document_id = ?1").bind(docId).first<{ id: string }>();
    const pick = await secretariat.json(`/api/reports/${id}/sections/track-4/source`, { method: "PUT", json: { revisionId: rev!.id } });
    expect(pick.status).toBe(400);
    expect(JSON.stringify((await secretariat.json(`/api/reports/${id}`)).body.sections)).not.toContain(secret);
  });
});

describe("7. a revision's compilation discloses no unpublished disposition", () => {
  it("leaves out the dispositions of an earlier revision that were never published, even when this revision's are", async () => {
    const { id, editor, pids } = await trackDraft(1, "members", ["First principle of the compilation test.", "Second principle of the compilation test."]);
    const kenya = await signIn(DEMO_ACCOUNTS.delegate);
    const made = await kenya.json(`/api/documents/${id}/revisions/0/comments`, { json: { paragraphId: pids[0], kind: "general", body: "Comment on the zero draft.", idempotencyKey: key() } });
    expect(made.status).toBe(201);
    const reason0 = "Zero-draft working note never published.";
    expect((await editor.json(`/api/documents/${id}/comments/${made.body.comment.id}/disposition`, { method: "PUT", json: { baseVersion: 0, disposition: "not_accepted", reason: reason0 } })).status).toBe(200);
    // Rev.1 issued without publishing the zero draft's dispositions.
    const draft = (await editor.json(`/api/documents/${id}/draft`)).body.draft;
    expect((await editor.json(`/api/documents/${id}/revisions`, { json: { baseVersion: draft.version, ...window() } })).status).toBe(201);
    const made1 = await kenya.json(`/api/documents/${id}/revisions/1/comments`, { json: { paragraphId: pids[1], kind: "general", body: "Comment on Rev.1.", idempotencyKey: key() } });
    const reason1 = "Rev.1 disposition, published.";
    expect((await editor.json(`/api/documents/${id}/comments/${made1.body.comment.id}/disposition`, { method: "PUT", json: { baseVersion: 0, disposition: "noted", reason: reason1 } })).status).toBe(200);
    expect((await editor.json(`/api/documents/${id}/revisions/1/publish-dispositions`, { json: {} })).status).toBe(200);

    for (const format of ["html", "docx"]) {
      const res = await kenya.fetch(`/api/documents/${id}/revisions/1/compilation?format=${format}`);
      expect(res.status).toBe(200);
      const body = format === "docx" ? strFromU8(unzipSync(new Uint8Array(await res.arrayBuffer()))["word/document.xml"]!) : await res.text();
      expect(body).toContain("Comment on the zero draft.");
      expect(body).toContain(reason1);
      expect(body, format).not.toContain(reason0);
    }
    // The officers still see their own notes.
    expect(await (await editor.fetch(`/api/documents/${id}/revisions/1/compilation?format=html`)).text()).toContain(reason0);
  });
});

describe("8. one rule decides what the public sees of a person", () => {
  it("hides delegates' names from the public and observers unless the person allows it: directory, published matrix, tracks", async () => {
    const kenyaName = await userName(DEMO_ACCOUNTS.delegate);
    const cofacName = await userName(DEMO_ACCOUNTS.cofacilitator);
    const anon = new Agent();
    const observer = await signIn(DEMO_ACCOUNTS.observer);
    const kenya = await signIn(DEMO_ACCOUNTS.delegate);

    // A public draft whose dispositions are published: the matrix is public, its authors' names are not.
    const { id, editor, pids } = await trackDraft(1, "public", ["Names test paragraph."]);
    const made = await kenya.json(`/api/documents/${id}/revisions/0/comments`, { json: { paragraphId: pids[0], kind: "general", body: "A comment by Kenya's delegate.", idempotencyKey: key() } });
    expect((await editor.json(`/api/documents/${id}/comments/${made.body.comment.id}/disposition`, { method: "PUT", json: { baseVersion: 0, disposition: "accepted", reason: "" } })).status).toBe(200);
    expect((await editor.json(`/api/documents/${id}/revisions/0/publish-dispositions`, { json: {} })).status).toBe(200);

    const names = [kenyaName, cofacName];
    for (const reader of [anon, observer]) {
      const seats = await reader.json("/api/seats");
      const listed = JSON.stringify(seats.body);
      for (const n of names) expect(listed).not.toContain(n);
      for (const path of [`/api/documents/${id}/revisions/0/dispositions`, `/api/documents/${id}/revisions/0/dispositions?format=csv`, "/api/tracks", "/api/tracks/principles"]) {
        const res = await reader.fetch(path);
        expect(res.status, path).toBe(200);
        const body = await res.text();
        for (const n of names) expect(body, path).not.toContain(n);
      }
    }
    // Members see who wrote what.
    expect(JSON.stringify((await kenya.json(`/api/documents/${id}/revisions/0/dispositions`)).body)).toContain(kenyaName);
    expect(JSON.stringify((await kenya.json("/api/seats")).body)).toContain(cofacName);

    // The person allows it: then the public sees their name, everywhere.
    const cofac = await signIn(DEMO_ACCOUNTS.cofacilitator);
    const allowed = await cofac.json("/api/seats/me", { method: "PUT", json: { namePublic: true } });
    expect(allowed.status).toBe(200);
    expect(JSON.stringify((await anon.json("/api/seats")).body)).toContain(cofacName);
    expect(JSON.stringify((await anon.json("/api/tracks/principles")).body)).toContain(cofacName);
    expect(JSON.stringify((await observer.json("/api/seats")).body)).not.toContain(kenyaName);
    expect((await anon.json("/api/seats/me", { method: "PUT", json: { namePublic: true } })).status).toBe(401);
  });
});

// ---------------------------------------------------------------------------

/** Strings planted in everything the public must never read. */
const PLANTED = {
  reportComment: "PLANTED-report-comment-7f3a",
  reportAmendment: "PLANTED-report-amendment-text-91c2",
  reportAmendmentBody: "PLANTED-report-amendment-why-0b5e",
  reportReply: "PLANTED-report-reply-66d1",
  reportPosition: "PLANTED-report-position-4e8b",
  reportDisposition: "PLANTED-report-disposition-c3a0",
  reportWorking: "PLANTED-report-working-draft-2d9f",
  draftComment: "PLANTED-public-draft-comment-a41e",
  draftAmendment: "PLANTED-public-draft-amendment-5c77",
  draftReply: "PLANTED-public-draft-reply-e09d",
  draftPosition: "PLANTED-public-draft-position-13bb",
  draftDisposition: "PLANTED-public-draft-disposition-8a62",
  draftWorking: "PLANTED-public-draft-working-copy-f5d4",
};

async function bodyText(res: Response): Promise<string> {
  const type = res.headers.get("content-type") ?? "";
  const bytes = new Uint8Array(await res.arrayBuffer());
  if (type.includes("wordprocessingml")) {
    const files = unzipSync(bytes);
    return Object.entries(files)
      .filter(([name]) => name.endsWith(".xml"))
      .map(([, data]) => strFromU8(data))
      .join("\n");
  }
  if (type.includes("application/pdf")) {
    const { text } = await extractText(await getDocumentProxy(bytes), { mergePages: true });
    return text;
  }
  return new TextDecoder().decode(bytes);
}

describe("a published report after a full review, seen by the public and by observers", () => {
  it("shows no member comment, position, disposition or working draft on any public route", async () => {
    const secretariat = await signIn(DEMO_ACCOUNTS.secretariat);
    const chair = await signIn(DEMO_ACCOUNTS.chair);
    const kenya = await signIn(DEMO_ACCOUNTS.delegate);
    const mexico = await signIn(headOf("mexico"));
    const brazil = await signIn(DEMO_ACCOUNTS.head);

    // A public track draft under review: comments, an amendment, a reply, a reservation, an unpublished disposition, a newer working copy.
    const draft = await trackDraft(1, "public", ["Walk test: data governance serves development.", "Walk test: flows rest on trust."]);
    const dc = await kenya.json(`/api/documents/${draft.id}/revisions/0/comments`, { json: { paragraphId: draft.pids[0], kind: "general", body: PLANTED.draftComment, idempotencyKey: key() } });
    const da = await brazil.json(`/api/documents/${draft.id}/revisions/0/comments`, { json: { paragraphId: draft.pids[1], kind: "amendment", op: "replace", quote: "trust", proposedText: PLANTED.draftAmendment, body: "Say more.", idempotencyKey: key() } });
    const dr = await draft.editor.json(`/api/documents/${draft.id}/revisions/0/comments`, { json: { parentId: dc.body.comment.id, kind: "general", body: PLANTED.draftReply, idempotencyKey: key() } });
    expect([dc.status, da.status, dr.status]).toEqual([201, 201, 201]);
    expect((await mexico.json(`/api/documents/${draft.id}/revisions/0/position`, { method: "PUT", json: { baseVersion: null, stance: "reservation", explanation: PLANTED.draftPosition, paragraphIds: [draft.pids[1]] } })).status).toBe(200);
    expect((await draft.editor.json(`/api/documents/${draft.id}/comments/${da.body.comment.id}/disposition`, { method: "PUT", json: { baseVersion: 0, disposition: "partly_accepted", reason: PLANTED.draftDisposition } })).status).toBe(200);
    const working = (await draft.editor.json(`/api/documents/${draft.id}/draft`)).body.draft;
    expect((await draft.editor.json(`/api/documents/${draft.id}/draft`, { method: "PUT", json: { baseVersion: working.version, blocks: [...working.blocks, { kind: "paragraph", html: PLANTED.draftWorking }] } })).status).toBe(200);

    // The report: reviewed with comments, an amendment, a reply, positions and dispositions; adopted; published; then reopened with a working draft.
    const { id, documentId, symbol } = await newReport(secretariat);
    expect((await secretariat.json(`/api/reports/${id}/review`, { json: window() })).status).toBe(201);
    const paras = (await kenya.json(`/api/documents/${documentId}/revisions/0`)).body.paragraphs.filter((p: any) => p.number !== null);
    const rc = await kenya.json(`/api/documents/${documentId}/revisions/0/comments`, { json: { paragraphId: paras[0].pid, kind: "general", body: PLANTED.reportComment, idempotencyKey: key() } });
    const ra = await brazil.json(`/api/documents/${documentId}/revisions/0/comments`, { json: { paragraphId: paras[1].pid, kind: "amendment", op: "insert", proposedText: PLANTED.reportAmendment, body: PLANTED.reportAmendmentBody, idempotencyKey: key() } });
    const rr = await secretariat.json(`/api/documents/${documentId}/revisions/0/comments`, { json: { parentId: rc.body.comment.id, kind: "general", body: PLANTED.reportReply, idempotencyKey: key() } });
    expect([rc.status, ra.status, rr.status]).toEqual([201, 201, 201]);
    expect((await mexico.json(`/api/documents/${documentId}/revisions/0/position`, { method: "PUT", json: { baseVersion: null, stance: "reservation", explanation: PLANTED.reportPosition, paragraphIds: [paras[1].pid] } })).status).toBe(200);
    expect((await brazil.json(`/api/documents/${documentId}/revisions/0/position`, { method: "PUT", json: { baseVersion: null, stance: "support" } })).status).toBe(200);
    expect((await secretariat.json(`/api/documents/${documentId}/comments/${ra.body.comment.id}/disposition`, { method: "PUT", json: { baseVersion: 0, disposition: "not_accepted", reason: PLANTED.reportDisposition } })).status).toBe(200);
    const procedureId = await adopt(documentId, 0);
    const published = await secretariat.json(`/api/reports/${id}/publish`, { json: {} });
    expect(published.status).toBe(201);
    const publicationId = published.body.publication.id as string;
    expect((await secretariat.json(`/api/reports/${id}/reopen`, { json: {} })).status).toBe(200);
    const intro = (await secretariat.json(`/api/reports/${id}`)).body.sections.find((s: any) => s.key === "introduction");
    expect((await secretariat.json(`/api/reports/${id}/sections/introduction`, { method: "PUT", json: { baseVersion: intro.version, blocks: [...intro.blocks, { kind: "paragraph", html: PLANTED.reportWorking }] } })).status).toBe(200);

    // Members do see what was planted (so the walk below would notice a leak).
    expect(JSON.stringify((await kenya.json(`/api/documents/${documentId}/revisions/0/comments?paragraph=${paras[0].pid}`)).body)).toContain(PLANTED.reportReply);

    // Every GET route of the API, with every id the review produced.
    const spec = (await new Agent().json("/api/openapi.json")).body;
    const gets = Object.entries(spec.paths as Record<string, Record<string, unknown>>)
      .filter(([, ops]) => "get" in ops)
      .map(([path]) => path);
    expect(gets.length).toBeGreaterThan(20);
    const meeting = await env.DB.prepare("SELECT id FROM meetings WHERE visibility = 'public' LIMIT 1").first<{ id: string }>();
    const values: Record<string, string[]> = {
      id: [documentId, draft.id, id, meeting!.id],
      n: ["0", "1"],
      cid: [rc.body.comment.id, ra.body.comment.id, rr.body.comment.id, dc.body.comment.id, da.body.comment.id, dr.body.comment.id],
      pid: [procedureId],
      pub: [publicationId],
      lang: ["en", "fr"],
      key: ["introduction", "work"],
      slug: ["principles"],
      itemId: ["x"],
      token: ["x"],
      mid: ["x"],
    };
    const expand = (path: string): string[] => {
      const m = /\{(\w+)\}/.exec(path);
      if (!m) return [path];
      const options = values[m[1]!] ?? ["x"];
      return options.flatMap((v) => expand(path.replace(m[0], encodeURIComponent(v))));
    };
    // The query strings each kind of route understands (the rest answer 400, which the walk also checks is not a 500).
    const queriesFor = (path: string): string[] => {
      if (/\/(dispositions|compilation)$/.test(path)) return ["", "?format=html", "?format=docx", "?format=csv"];
      if (/\/export$/.test(path)) return ["?format=html", "?format=docx", "?format=pdf", "?format=html&revision=working", "?format=html&revision=0"];
      if (/\/comments$/.test(path)) return ["", `?paragraph=${paras[0].pid}`, `?paragraph=${paras[1].pid}`, `?paragraph=${draft.pids[0]}`, `?paragraph=${draft.pids[1]}`];
      if (/\/diff$/.test(path)) return ["?from=0&to=1", "?from=0&to=0"];
      return [""];
    };
    const urls = [
      ...gets.flatMap(expand).flatMap((p) => queriesFor(p).map((q) => `${p}${q}`)),
      "/published",
      "/published/feed.atom",
      `/published/${symbol}`,
      `/published/${symbol}.json`,
      `/published/${symbol}.html`,
      `/published/${symbol}.docx`,
      `/published/${symbol}.pdf`,
    ];

    const readers: [string, Agent][] = [
      ["anonymous", new Agent()],
      ["observer", await signIn(DEMO_ACCOUNTS.observer)],
    ];
    let read = 0;
    for (const [who, reader] of readers) {
      for (const url of urls) {
        const res = await reader.fetch(url);
        expect(res.status, `${who} ${url}`).toBeLessThan(500);
        if (res.status !== 200) {
          await res.arrayBuffer();
          continue;
        }
        read++;
        const body = await bodyText(res);
        for (const [what, planted] of Object.entries(PLANTED)) {
          expect(body.includes(planted), `${who} ${url} shows ${what}`).toBe(false);
        }
      }
    }
    // The walk read real pages, the published text among them.
    expect(read).toBeGreaterThan(40);
    expect(await (await new Agent().fetch(`/published/${symbol}`)).text()).toContain(symbol);
  }, 300_000);
});
