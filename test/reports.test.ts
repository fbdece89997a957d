import { describe, expect, it } from "vitest";
import { unzipSync, strFromU8 } from "fflate";
import { renderModel } from "../worker/reports/text";
import { blockWords, countWords } from "../worker/lib/words";
import { Agent, DEMO_ACCOUNTS, auditRows, env, signIn } from "./helpers";

const HOUR = 3_600_000;
const window = () => ({ commentsOpenAt: new Date(Date.now() - HOUR).toISOString(), commentsCloseAt: new Date(Date.now() + 72 * HOUR).toISOString(), commentsTimeZone: "Europe/Zurich" });
const headOf = (seat: string) => `head.${seat}@plenary.test`;

let symbols = 0;
const nextSymbol = () => `A/81/${150 + ++symbols}`;

/** A track 1 text taken through the real machinery: issued, commented on, a reservation recorded, adopted by the Chair. */
async function adoptedTrackText() {
  const cofac = await signIn(DEMO_ACCOUNTS.cofacilitator);
  const { body } = await cofac.json("/api/documents", { json: { trackId: 1, kind: "draft_outcome", title: "Principles of data governance", symbol: "WG/DG/2026/T1", visibility: "public" } });
  const id = body.document.id as string;
  await cofac.fetch(`/api/documents/${id}/draft`, {
    method: "PUT",
    json: {
      baseVersion: 1,
      blocks: [
        { kind: "heading", html: "Principles" },
        { kind: "paragraph", html: "Data governance serves <em>sustainable development</em> for all." },
        { kind: "paragraph", html: "Cross-border data flows rest on trust, privacy and security." },
        { kind: "paragraph", html: "The benefits of data are shared fairly between countries." },
      ],
    },
  });
  await cofac.fetch(`/api/documents/${id}/revisions`, { json: { baseVersion: 2, ...window() } });
  const rev = (await cofac.json(`/api/documents/${id}/revisions/0`)).body;
  const pid2 = rev.paragraphs.find((p: any) => p.number === 2).pid;
  const kenya = await signIn(DEMO_ACCOUNTS.delegate);
  const comment = await kenya.json(`/api/documents/${id}/revisions/0/comments`, { json: { paragraphId: pid2, kind: "general", body: "Name development first.", idempotencyKey: crypto.randomUUID() } });
  expect(comment.status).toBe(201);
  const mexico = await signIn(headOf("mexico"));
  expect((await mexico.json(`/api/documents/${id}/revisions/0/position`, { method: "PUT", json: { baseVersion: null, stance: "reservation", explanation: "Trust needs binding rules.", paragraphIds: [pid2] } })).status).toBe(200);
  await adopt(id, 0);
  return { id, pid2 };
}

/** The Chair opens a consensus round on a revision and closes it as adopted. */
async function adopt(documentId: string, n: number) {
  const chair = await signIn(DEMO_ACCOUNTS.chair);
  const opened = await chair.json(`/api/documents/${documentId}/revisions/${n}/procedures`, {
    json: { kind: "round", deadline: new Date(Date.now() + 96 * HOUR).toISOString(), deadlineTimeZone: "Europe/Zurich" },
  });
  expect(opened.status).toBe(201);
  const pid = opened.body.procedure.id;
  const closed = await chair.json(`/api/documents/${documentId}/revisions/${n}/procedures/${pid}/close`, { json: { outcome: "adopted", decision: "Adopted by consensus." } });
  expect(closed.status).toBe(200);
}

async function newReport(secretariat: Agent, extra: Record<string, unknown> = {}) {
  const symbol = nextSymbol();
  const res = await secretariat.json("/api/reports", { json: { title: "Progress report of the Working Group on Data Governance", symbol, session: 81, ...extra } });
  expect(res.status).toBe(201);
  return { id: res.body.report.id as string, symbol };
}

const detail = (agent: Agent, id: string) => agent.json(`/api/reports/${id}`).then((r) => r.body);
const section = (d: any, key: string) => d.sections.find((s: any) => s.key === key);
const text = (s: any) => s.blocks.map((b: any) => b.html).join("\n");

/** Submit for review, then adopt through the consensus machinery. */
async function reviewAndAdopt(secretariat: Agent, id: string) {
  const review = await secretariat.json(`/api/reports/${id}/review`, { json: window() });
  expect(review.status).toBe(201);
  const d = await detail(secretariat, id);
  await adopt(d.report.documentId, review.body.revision.number);
  return review.body.revision.number as number;
}

describe("compiling a report from the group's data", () => {
  it("takes each track's adopted text with reservations as footnotes, and counts meetings, comments and attendance", async () => {
    const { id: docId, pid2 } = await adoptedTrackText();
    const secretariat = await signIn(DEMO_ACCOUNTS.secretariat);
    const { id } = await newReport(secretariat);
    const d = await detail(secretariat, id);
    expect(d.report.state).toBe("drafting");
    expect(d.sections.map((s: any) => s.key)).toEqual(["introduction", "track-1", "track-2", "track-3", "track-4", "work", "annex-members", "annex-meetings"]);

    const t1 = section(d, "track-1");
    const para = t1.blocks.find((b: any) => b.source?.pid === pid2);
    expect(para.html).toBe("Cross-border data flows rest on trust, privacy and security.");
    expect(para.footnotes).toEqual(["Reservation by Mexico: Trust needs binding rules."]);
    expect(para.source).toMatchObject({ type: "revision", documentId: docId, revision: 0 });
    expect(para.source.label).toContain("WG/DG/2026/T1, Zero draft, para. 2");
    // A track with no adopted text says so rather than staying empty.
    expect(text(section(d, "track-4"))).toMatch(/has not adopted a text yet/);

    // The work of the group agrees with the database.
    const db = env.DB;
    const now = new Date().toISOString();
    const held = (await db.prepare("SELECT count(*) AS n FROM meetings WHERE status = 'scheduled' AND ends_at <= ?1").bind(now).first<{ n: number }>())!.n;
    const comments = (await db.prepare("SELECT count(*) AS n FROM comments c JOIN documents d ON d.id = c.document_id WHERE c.parent_id IS NULL AND d.kind != 'progress_report'").first<{ n: number }>())!.n;
    expect(held).toBeGreaterThan(0);
    const work = text(section(d, "work"));
    expect(work).toContain(`The Working Group held ${held} meeting`);
    expect(work).toContain(`received ${comments} comment`);
    expect(work).toMatch(/African States \(\d+ seats\): present at \d+ per cent/);
    expect(work).toMatch(/Stakeholders from civil society/);
    expect(text(section(d, "annex-members"))).toContain("Kenya");
    expect(text(section(d, "annex-meetings"))).toContain("1st plenary meeting (first session)");
    expect(d.words.total).toBeGreaterThan(100);
    expect(d.words.limit).toBe(8500);
    expect((await auditRows("report.create")).some((r) => r.target_id === id)).toBe(true);
  });

  it("regenerating picks up newer data and keeps sections edited by hand", async () => {
    const secretariat = await signIn(DEMO_ACCOUNTS.secretariat);
    const { id } = await newReport(secretariat);
    let d = await detail(secretariat, id);
    const intro = section(d, "introduction");
    const edited = [...intro.blocks.slice(0, 1), { kind: "paragraph", html: "A sentence the secretariat wrote by hand." }];
    const saved = await secretariat.json(`/api/reports/${id}/sections/introduction`, { method: "PUT", json: { baseVersion: intro.version, blocks: edited } });
    expect(saved.status).toBe(200);
    expect(saved.body.section.edited).toBe(true);

    // New data: a fresh adopted track text and a comment on it.
    await adoptedTrackText();
    const res = await secretariat.json(`/api/reports/${id}/regenerate`, { json: {} });
    expect(res.status).toBe(200);
    expect(res.body.kept).toEqual(["introduction"]);
    expect(res.body.regenerated).toEqual(expect.arrayContaining(["track-1", "work"]));
    d = await detail(secretariat, id);
    expect(text(section(d, "introduction"))).toContain("A sentence the secretariat wrote by hand.");
    expect(text(section(d, "track-1"))).toContain("Cross-border data flows rest on trust");

    // Asked explicitly, the hand edits go.
    const forced = await secretariat.json(`/api/reports/${id}/regenerate`, { json: { keys: ["introduction"], discardEdits: true } });
    expect(forced.body.regenerated).toEqual(["introduction"]);
    d = await detail(secretariat, id);
    expect(text(section(d, "introduction"))).not.toContain("by hand");
    expect(section(d, "introduction").edited).toBe(false);
  });
});

describe("numbering and word counts", () => {
  it("numbers paragraphs across the whole report, chapters I., annexes apart, footnotes in one sequence", async () => {
    const secretariat = await signIn(DEMO_ACCOUNTS.secretariat);
    const { id, symbol } = await newReport(secretariat);
    // A hand-written annex with a paragraph: annexes are not numbered.
    const annex = await secretariat.json(`/api/reports/${id}/sections`, { json: { title: "Statements by observers", annex: true } });
    expect(annex.status).toBe(201);
    expect(annex.body.section.annex).toBe(true);
    const put = await secretariat.json(`/api/reports/${id}/sections/${annex.body.section.key}`, { method: "PUT", json: { baseVersion: 1, blocks: [{ kind: "paragraph", html: "The European Union made a statement." }] } });
    expect(put.status).toBe(200);
    const n = await secretariat.json(`/api/reports/${id}/review`, { json: window() });
    expect(n.status).toBe(201);
    const d = await detail(secretariat, id);
    expect(d.report.state).toBe("under_review");
    const rev = await secretariat.json(`/api/documents/${d.report.documentId}/revisions/0/text`);
    const paragraphs = rev.body.paragraphs as any[];
    const numbers = paragraphs.filter((p) => p.kind === "paragraph" && !p.section.startsWith("annex-")).map((p) => p.number);
    expect(numbers).toEqual(numbers.map((_, i) => i + 1));
    expect(paragraphs.filter((p) => p.kind === "heading").every((p) => p.number === null)).toBe(true);
    expect(paragraphs.find((p) => p.html === "The European Union made a statement.").number).toBeNull();

    const model = renderModel({ symbol, title: "Report", session: 81, agendaItem: null, date: "2026-11-28", originalLanguage: "en", watermark: null, kind: "original" }, paragraphs);
    const chapters = model.blocks.filter((b) => b.type === "chapter").map((b) => (b as any).label);
    expect(chapters).toEqual(["I.", "II.", "III.", "IV.", "V.", "VI."]);
    expect(model.blocks.filter((b) => b.type === "annex").map((b) => (b as any).label)).toEqual(["Annex I", "Annex II", "Annex III"]);
    const annexAt = model.blocks.findIndex((b) => b.type === "annex");
    expect(model.blocks.slice(annexAt).every((b) => b.type !== "paragraph" || b.number === null)).toBe(true);
    expect(model.footnotes.map((f) => f.number)).toEqual(model.footnotes.map((_, i) => i + 1));
    expect(model.session).toBe("Eighty-first session");
  });

  it("counts words per section and in total against the limit, annexes apart, and warns when over", async () => {
    const secretariat = await signIn(DEMO_ACCOUNTS.secretariat);
    const { id } = await newReport(secretariat, { wordLimit: 500 });
    const d = await detail(secretariat, id);
    const intro = section(d, "introduction");
    const blocks = [{ kind: "paragraph", html: "One two <strong>three</strong> four.", footnotes: ["Five six."] }];
    const saved = await secretariat.json(`/api/reports/${id}/sections/introduction`, { method: "PUT", json: { baseVersion: intro.version, title: "Introduction", blocks } });
    expect(saved.status).toBe(200);
    const words = saved.body.words;
    expect(words.sections.find((s: any) => s.key === "introduction").words).toBe(1 + 6);
    const body = words.sections.filter((s: any) => !s.annex).reduce((n: number, s: any) => n + s.words, 0);
    expect(words.total).toBe(body);
    expect(words.annexes).toBeGreaterThan(0);
    expect(words.over).toBe(words.total > 500);
    const patched = await secretariat.json(`/api/reports/${id}`, { method: "PATCH", json: { wordLimit: 50_000 } });
    expect(patched.status).toBe(200);
    expect((await detail(secretariat, id)).words.over).toBe(false);
    expect(countWords("数据治理促进发展", "zh")).toBeGreaterThan(1);
    // Entities are characters, not words.
    expect(blockWords({ html: "Data &amp; flows", footnotes: ["&lt;b&gt;"] })).toBe(3);
  });
});

describe("editing, the state machine and publication", () => {
  it("refuses stale saves, bad input and the wrong people", async () => {
    const secretariat = await signIn(DEMO_ACCOUNTS.secretariat);
    const other = await signIn("secretariat.data@plenary.test");
    const { id } = await newReport(secretariat);
    const d = await detail(secretariat, id);
    const work = section(d, "work");
    const first = await secretariat.json(`/api/reports/${id}/sections/work`, { method: "PUT", json: { baseVersion: work.version, blocks: [{ kind: "paragraph", html: "Mine." }] } });
    expect(first.status).toBe(200);
    const stale = await other.json(`/api/reports/${id}/sections/work`, { method: "PUT", json: { baseVersion: work.version, blocks: [{ kind: "paragraph", html: "Theirs." }] } });
    expect(stale.status).toBe(409);
    expect(stale.body.error.details.current.blocks[0].html).toBe("Mine.");
    expect(stale.body.error.details.current.edited).toBe(true);
    const untouched = section(d, "annex-members");
    const staleAnnex = await other.json(`/api/reports/${id}/sections/annex-members`, { method: "PUT", json: { baseVersion: untouched.version + 5, blocks: [] } });
    expect(staleAnnex.body.error.details.current.edited).toBe(false);

    const bad = await secretariat.json(`/api/reports/${id}/sections/work`, { method: "PUT", json: { baseVersion: 1, blocks: [{ kind: "poem", html: "x" }] } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.fields[0].field).toBe("blocks.0.kind");
    expect((await secretariat.json(`/api/reports/${id}/sections/nope`, { method: "PUT", json: { baseVersion: 1, blocks: [] } })).status).toBe(404);
    const missing = await secretariat.json("/api/reports", { json: { title: "x", session: 81 } });
    expect(missing.status).toBe(400);

    const chair = await signIn(DEMO_ACCOUNTS.chair);
    expect((await chair.json(`/api/reports/${id}/sections/work`, { method: "PUT", json: { baseVersion: 2, blocks: [] } })).status).toBe(403);
    expect((await (await signIn(DEMO_ACCOUNTS.delegate)).json("/api/reports", { json: { title: "Mine", session: 81 } })).status).toBe(403);
    expect((await new Agent().json("/api/reports", { json: { title: "Mine", session: 81 } })).status).toBe(401);
    // Members-only drafts are not there for the public.
    expect((await new Agent().json(`/api/reports/${id}`)).status).toBe(404);
    // The generic document editor does not edit a report.
    const put = await secretariat.json(`/api/documents/${d.report.documentId}/draft`, { method: "PUT", json: { baseVersion: 1, blocks: [] } });
    expect(put.status).toBe(409);
  });

  it("goes drafting → under review → adopted → published; publishing needs adoption; a published text never changes", async () => {
    const secretariat = await signIn(DEMO_ACCOUNTS.secretariat);
    const { id, symbol } = await newReport(secretariat);
    expect((await secretariat.json(`/api/reports/${id}/publish`, { json: {} })).status).toBe(409);
    const review = await secretariat.json(`/api/reports/${id}/review`, { json: window() });
    expect(review.status).toBe(201);
    let d = await detail(secretariat, id);
    expect(d.report.state).toBe("under_review");

    // A member comments on the report as on any draft.
    const kenya = await signIn(DEMO_ACCOUNTS.delegate);
    const rev = await kenya.json(`/api/documents/${d.report.documentId}/revisions/0`);
    expect(rev.status).toBe(200);
    const pid = rev.body.paragraphs.find((p: any) => p.number === 3).pid;
    const comment = await kenya.json(`/api/documents/${d.report.documentId}/revisions/0/comments`, { json: { paragraphId: pid, kind: "general", body: "Mention capacity building.", idempotencyKey: crypto.randomUUID() } });
    expect(comment.status).toBe(201);

    const notYet = await secretariat.json(`/api/reports/${id}/publish`, { json: {} });
    expect(notYet.status).toBe(409);
    expect(notYet.body.error.details.state).toBe("under_review");
    expect((await (await signIn(DEMO_ACCOUNTS.chair)).json(`/api/reports/${id}/publish`, { json: {} })).status).toBe(403);

    await adopt(d.report.documentId, 0);
    d = await detail(secretariat, id);
    expect(d.report.state).toBe("adopted");
    const locked = await secretariat.json(`/api/reports/${id}/sections/work`, { method: "PUT", json: { baseVersion: section(d, "work").version, blocks: [] } });
    expect(locked.status).toBe(409);

    const published = await secretariat.json(`/api/reports/${id}/publish`, { json: {} });
    expect(published.status).toBe(201);
    expect(published.body.publication).toMatchObject({ kind: "original", symbol, href: `/published/${symbol}` });
    d = await detail(secretariat, id);
    expect(d.report.state).toBe("published");
    const edit = await secretariat.json(`/api/reports/${id}/sections/work`, { method: "PUT", json: { baseVersion: section(d, "work").version, blocks: [] } });
    expect(edit.status).toBe(409);
    expect(edit.body.error.message).toMatch(/corrigendum/);
    expect((await secretariat.json(`/api/reports/${id}/publish`, { json: {} })).status).toBe(409);
    expect((await secretariat.json(`/api/reports/${id}`, { method: "PATCH", json: { symbol: "A/81/999" } })).status).toBe(409);
    // Nor through the generic document route.
    expect((await secretariat.json(`/api/documents/${d.report.documentId}`, { method: "PATCH", json: { symbol: "A/81/999" } })).status).toBe(409);

    // The stored text, its hash, and the database refusing to change it.
    const sha = published.body.publication.texts[0].sha256 as string;
    const row = await env.DB.prepare("SELECT content, sha256 FROM publication_texts WHERE publication_id = ?1").bind(published.body.publication.id).first<{ content: string; sha256: string }>();
    const digest = [...new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(row!.content)))].map((b) => b.toString(16).padStart(2, "0")).join("");
    expect(digest).toBe(sha);
    await expect(env.DB.prepare("UPDATE publication_texts SET content = 'x' WHERE publication_id = ?1").bind(published.body.publication.id).run()).rejects.toThrow(/immutable/);
    await expect(env.DB.prepare("DELETE FROM publications WHERE id = ?1").bind(published.body.publication.id).run()).rejects.toThrow(/immutable/);

    // Anyone can read it, without JavaScript, and check the hash against the JSON.
    const anon = new Agent();
    const page = await anon.fetch(`/published/${symbol}`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain(symbol);
    expect(html).toContain(sha);
    expect(html).not.toMatch(/<script/i);
    expect(page.headers.get("content-security-policy")).toContain("style-src 'unsafe-inline'");
    const json = await anon.fetch(`/published/${symbol}.json`);
    expect(await json.text()).toBe(row!.content);
    const pdf = await anon.fetch(`/published/${symbol}.pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get("content-type")).toBe("application/pdf");
    expect(new TextDecoder().decode(new Uint8Array(await pdf.arrayBuffer()).slice(0, 5))).toBe("%PDF-");
    // Kept in R2 under the hash after the first request.
    expect(await env.MATERIALS.head(`renders/${sha}.pdf`)).not.toBeNull();
    expect((await anon.fetch(`/published/${symbol}.pdf`, { headers: { "if-none-match": pdf.headers.get("etag")! } })).status).toBe(304);
    const docx = unzipSync(new Uint8Array(await (await anon.fetch(`/published/${symbol}.docx`)).arrayBuffer()));
    expect(strFromU8(docx["word/document.xml"]!)).toContain(symbol);
    expect((await anon.fetch("/published/A/1/404")).status).toBe(404);

    // The archive and the feed announce it.
    expect(await (await anon.fetch("/published")).text()).toContain(symbol);
    const atom = await (await anon.fetch("/published/feed.atom")).text();
    expect(atom).toContain("<feed");
    expect(atom).toContain(symbol);
    expect((await auditRows("report.publish")).some((r) => r.target_id === id)).toBe(true);
  });

  it("issues corrigenda beside the original and revised texts as /Rev.1", async () => {
    const secretariat = await signIn(DEMO_ACCOUNTS.secretariat);
    const { id, symbol } = await newReport(secretariat);
    await reviewAndAdopt(secretariat, id);
    const pub = (await secretariat.json(`/api/reports/${id}/publish`, { json: {} })).body.publication;
    const before = await (await new Agent().fetch(`/published/${symbol}.json`)).text();

    const bad = await secretariat.json(`/api/reports/${id}/corrigenda`, { json: { publicationId: pub.id, corrections: [{ paragraph: 9999, html: "x" }] } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.fields[0].field).toBe("corrections.0.paragraph");
    const corr = await secretariat.json(`/api/reports/${id}/corrigenda`, { json: { publicationId: pub.id, corrections: [{ paragraph: 2, html: "It covers the work of the Working Group in 2026." }] } });
    expect(corr.status).toBe(201);
    expect(corr.body.publication.symbol).toBe(`${symbol}/Corr.1`);
    const corr2 = await secretariat.json(`/api/reports/${id}/corrigenda`, { json: { publicationId: pub.id, corrections: [{ paragraph: 1, html: "Corrected." }] } });
    expect(corr2.body.publication.symbol).toBe(`${symbol}/Corr.2`);

    const anon = new Agent();
    // The original is untouched and points to its corrigenda.
    expect(await (await anon.fetch(`/published/${symbol}.json`)).text()).toBe(before);
    const original = await (await anon.fetch(`/published/${symbol}`)).text();
    expect(original).toContain(`${symbol}/Corr.1`);
    const corrPage = await (await anon.fetch(`/published/${symbol}/Corr.1`)).text();
    expect(corrPage).toContain("For the existing text substitute");
    expect(corrPage).toContain("It covers the work of the Working Group in 2026.");

    // A revised text: reopen, review, adopt, publish as /Rev.1.
    const reopen = await secretariat.json(`/api/reports/${id}/reopen`, { json: {} });
    expect(reopen.status).toBe(200);
    expect((await detail(secretariat, id)).report.state).toBe("drafting");
    await reviewAndAdopt(secretariat, id);
    const rev1 = await secretariat.json(`/api/reports/${id}/publish`, { json: {} });
    expect(rev1.status).toBe(201);
    expect(rev1.body.publication).toMatchObject({ kind: "revision", symbol: `${symbol}/Rev.1` });
    expect(await (await anon.fetch(`/published/${symbol}`)).text()).toContain(`${symbol}/Rev.1`);
  });
});

describe("translations and exports", () => {
  it("translates paragraph by paragraph, marks final, publishes the language; Arabic reads right to left", async () => {
    const secretariat = await signIn(DEMO_ACCOUNTS.secretariat);
    const { id, symbol } = await newReport(secretariat);
    expect((await secretariat.json(`/api/reports/${id}/translations/ar`)).status).toBe(409);
    await reviewAndAdopt(secretariat, id);
    const got = await secretariat.json(`/api/reports/${id}/translations/ar`);
    expect(got.status).toBe(200);
    expect(got.body.translation).toBeNull();
    const source = got.body.source as any[];
    const all: Record<string, { html: string; footnotes?: string[] }> = { $title: { html: "تقرير مرحلي" } };
    for (const p of source) all[p.pid] = { html: `نص ${p.number ?? ""}`, ...(p.footnotes ? { footnotes: p.footnotes.map(() => "حاشية") } : {}) };
    const half = Object.fromEntries(Object.entries(all).slice(0, 3));

    const partial = await secretariat.json(`/api/reports/${id}/translations/ar`, { method: "PUT", json: { baseVersion: 0, state: "in_progress", paragraphs: half } });
    expect(partial.status).toBe(200);
    expect(partial.body.translation).toMatchObject({ state: "in_progress", version: 1 });
    const early = await secretariat.json(`/api/reports/${id}/translations/ar`, { method: "PUT", json: { baseVersion: 1, state: "final", paragraphs: half } });
    expect(early.status).toBe(400);
    expect(early.body.error.details.fields[0].field).toBe("paragraphs");
    const stale = await secretariat.json(`/api/reports/${id}/translations/ar`, { method: "PUT", json: { baseVersion: 0, state: "in_progress", paragraphs: half } });
    expect(stale.status).toBe(409);
    const junk = await secretariat.json(`/api/reports/${id}/translations/ar`, { method: "PUT", json: { baseVersion: 1, state: "in_progress", paragraphs: { "p-nope": { html: "x" } } } });
    expect(junk.status).toBe(400);
    // Every footnote must be translated too, not left empty.
    const noted = source.find((p) => p.footnotes?.length);
    expect(noted).toBeDefined();
    const emptyNote = { ...all, [noted.pid]: { html: "نص", footnotes: noted.footnotes.map(() => "") } };
    const blank = await secretariat.json(`/api/reports/${id}/translations/ar`, { method: "PUT", json: { baseVersion: 1, state: "final", paragraphs: emptyNote } });
    expect(blank.status).toBe(400);
    expect(blank.body.error.details.fields[0].field).toBe(`paragraphs.${noted.pid}`);
    const final = await secretariat.json(`/api/reports/${id}/translations/ar`, { method: "PUT", json: { baseVersion: 1, state: "final", paragraphs: all } });
    expect(final.status).toBe(200);
    const d = await detail(secretariat, id);
    expect(d.translations.languages.find((l: any) => l.language === "ar").state).toBe("final");
    expect(d.translations.languages.find((l: any) => l.language === "fr").state).toBe("missing");

    // Published with the original, because it was final by then.
    const pub = await secretariat.json(`/api/reports/${id}/publish`, { json: {} });
    expect(pub.body.publication.texts.map((t: any) => t.language).sort()).toEqual(["ar", "en"]);
    const page = await (await new Agent().fetch(`/published/${symbol}?lang=ar`)).text();
    expect(page).toMatch(/<html[^>]*lang="ar"/);
    expect(page).toMatch(/<html[^>]*dir="rtl"/);
    expect(page).toContain("تقرير مرحلي");
    expect((await new Agent().fetch(`/published/${symbol}?lang=fr`)).status).toBe(404);
    // Arabic has no PDF in the built-in fonts: a clear answer, not a broken file.
    expect((await new Agent().fetch(`/published/${symbol}.pdf?lang=ar`)).status).toBe(404);
    // A published translation is frozen too.
    expect((await secretariat.json(`/api/reports/${id}/translations/ar`, { method: "PUT", json: { baseVersion: 2, state: "final", paragraphs: all } })).status).toBe(409);

    // French finished later is published on its own.
    const fr = Object.fromEntries(Object.entries(all).map(([k, v]) => [k, { ...v, html: `Texte ${k}` }]));
    expect((await secretariat.json(`/api/reports/${id}/translations/fr`, { method: "PUT", json: { baseVersion: 0, state: "final", paragraphs: fr } })).status).toBe(200);
    const later = await secretariat.json(`/api/reports/${id}/publications/${pub.body.publication.id}/translations/fr`, { json: {} });
    expect(later.status).toBe(201);
    expect((await new Agent().fetch(`/published/${symbol}?lang=fr`)).status).toBe(200);
    expect((await secretariat.json(`/api/reports/${id}/publications/${pub.body.publication.id}/translations/fr`, { json: {} })).status).toBe(409);
  });

  it("exports issued drafts for members as PDF, DOCX and HTML, the working text for its editors; not for the public", async () => {
    const secretariat = await signIn(DEMO_ACCOUNTS.secretariat);
    const { id, symbol } = await newReport(secretariat);
    const kenya = await signIn(DEMO_ACCOUNTS.delegate);
    // The working text (not issued) is the secretariat's: members read what was issued.
    expect((await kenya.fetch(`/api/reports/${id}/export?format=html&revision=working`)).status).toBe(403);
    expect((await kenya.fetch(`/api/reports/${id}/export?format=html`)).status).toBe(403);
    expect((await kenya.json(`/api/reports/${id}`)).body.sections).toEqual([]);
    const working = await secretariat.fetch(`/api/reports/${id}/export?format=html&revision=working`);
    expect(working.status).toBe(200);
    expect(Number(working.headers.get("content-length"))).toBeGreaterThan(1000);
    const html = await working.text();
    expect(html).toContain(symbol);
    expect(html).toMatch(/working text, not issued/);
    await secretariat.json(`/api/reports/${id}/review`, { json: window() });
    const pdf = await kenya.fetch(`/api/reports/${id}/export?format=pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get("content-disposition")).toContain("Zero-draft");
    const docx = await kenya.fetch(`/api/reports/${id}/export?format=docx&revision=0`);
    expect(Object.keys(unzipSync(new Uint8Array(await docx.arrayBuffer())))).toContain("word/document.xml");
    expect((await kenya.json(`/api/reports/${id}/export?format=pdf&revision=7`)).status).toBe(404);
    expect((await kenya.json(`/api/reports/${id}/export?format=exe`)).status).toBe(400);
    expect((await new Agent().json(`/api/reports/${id}/export?format=pdf`)).status).toBe(404);
  });

  it("answers junk with 4xx, never 500", async () => {
    const secretariat = await signIn(DEMO_ACCOUNTS.secretariat);
    const { id } = await newReport(secretariat);
    const junk: unknown[] = [null, 1, "x", [], { baseVersion: "1" }, { blocks: "no" }, { corrections: [{}] }, { paragraphs: [] }, { keys: [1] }];
    const routes: [string, string][] = [
      ["POST", "/api/reports"],
      ["PATCH", `/api/reports/${id}`],
      ["PUT", `/api/reports/${id}/sections/work`],
      ["POST", `/api/reports/${id}/sections`],
      ["PUT", `/api/reports/${id}/sections/track-1/source`],
      ["POST", `/api/reports/${id}/regenerate`],
      ["POST", `/api/reports/${id}/review`],
      ["POST", `/api/reports/${id}/corrigenda`],
      ["PUT", `/api/reports/${id}/translations/fr`],
      ["PUT", `/api/reports/${id}/translations/xx`],
      ["POST", `/api/reports/nope!/publish`],
    ];
    for (const [method, path] of routes) {
      for (const body of junk) {
        const res = await secretariat.fetch(path, { method, json: body });
        expect(res.status, `${method} ${path} ${JSON.stringify(body)}`).toBeGreaterThanOrEqual(400);
        expect(res.status, `${method} ${path} ${JSON.stringify(body)}`).toBeLessThan(500);
      }
    }
    expect((await secretariat.fetch("/published/%E0%A4%A")).status).toBeLessThan(500);
    expect((await secretariat.fetch(`/api/reports/${id}/sections/track-1/source`, { method: "PUT", json: { revisionId: "nope" } })).status).toBe(400);
  });
});
