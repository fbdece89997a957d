// The demo seed's documents are written as rows, not through the routes: these
// checks hold them to what the routes would have written, and show that a report
// compiled from the seed has real chapters.
import { describe, expect, it } from "vitest";
import { countBrackets } from "../worker/documents/markup";
import { DEMO_ACCOUNTS, env, signIn } from "./helpers";

const all = async <T>(sql: string) => (await env.DB.prepare(sql).all<T>()).results;
const plain = (html: string) => html.replace(/<[^>]*>/g, "");

describe("the demo seed's documents", () => {
  it("are consistent as the documents feature writes them: numbering, counts, identities, working copies", async () => {
    const revisions = await all<{ id: string; document_id: string; number: number; paragraph_count: number; bracket_count: number; adopted_at: string | null }>(
      "SELECT * FROM revisions ORDER BY document_id, number",
    );
    expect(revisions.length).toBeGreaterThanOrEqual(4);
    const rows = await all<{ revision_id: string; paragraph_id: string; position: number; number: number | null; kind: string; html: string }>(
      "SELECT * FROM revision_paragraphs ORDER BY revision_id, position",
    );
    const created = new Map((await all<{ id: string; document_id: string; created_in: number }>("SELECT * FROM paragraphs")).map((p) => [p.id, p]));
    for (const r of revisions) {
      const text = rows.filter((p) => p.revision_id === r.id);
      expect(text.map((p) => p.position), r.id).toEqual(text.map((_, i) => i));
      expect(r.paragraph_count, r.id).toBe(text.length);
      expect(r.bracket_count, r.id).toBe(countBrackets(text.map((p) => p.html)));
      const numbered = text.filter((p) => p.kind === "paragraph");
      expect(numbered.map((p) => p.number), r.id).toEqual(numbered.map((_, i) => i + 1));
      expect(text.filter((p) => p.kind !== "paragraph").every((p) => p.number === null), r.id).toBe(true);
      for (const p of text) {
        const identity = created.get(p.paragraph_id)!;
        expect(identity.document_id).toBe(r.document_id);
        // Created in the first revision of the document that holds it.
        const first = revisions.filter((x) => x.document_id === r.document_id && rows.some((y) => y.revision_id === x.id && y.paragraph_id === p.paragraph_id))[0]!;
        expect(identity.created_in, p.paragraph_id).toBe(first.number);
      }
    }
    // The working copy carries the latest revision's text and identities.
    for (const d of await all<{ id: string; draft_json: string }>("SELECT id, draft_json FROM documents")) {
      const latest = revisions.filter((r) => r.document_id === d.id).at(-1);
      if (!latest) continue;
      const text = rows.filter((p) => p.revision_id === latest.id).map((p) => ({ pid: p.paragraph_id, kind: p.kind, html: p.html }));
      expect(JSON.parse(d.draft_json), d.id).toEqual(text);
    }
  });

  it("keeps comment counters equal to the comments, anchors amendments in their text, and one idempotency key per comment", async () => {
    const counters = await all<{ document_id: string; paragraph_key: string; revision_number: number; total: number; amendments: number }>(
      "SELECT document_id, paragraph_key, revision_number, total, amendments FROM comment_counts ORDER BY 1, 2, 3",
    );
    const recount = await all<typeof counters[number]>(
      "SELECT c.document_id, coalesce(c.paragraph_id, '') AS paragraph_key, r.number AS revision_number, count(*) AS total, sum(c.kind = 'amendment') AS amendments " +
        "FROM comments c JOIN revisions r ON r.id = c.revision_id WHERE c.parent_id IS NULL GROUP BY 1, 2, 3 ORDER BY 1, 2, 3",
    );
    expect(counters.length).toBeGreaterThan(0);
    expect(counters).toEqual(recount);

    const amendments = await all<{ id: string; op: string; quote: string | null; prefix: string; suffix: string; html: string }>(
      "SELECT c.id, c.op, c.quote, c.prefix, c.suffix, p.html FROM comments c JOIN revision_paragraphs p ON p.revision_id = c.revision_id AND p.paragraph_id = c.paragraph_id WHERE c.kind = 'amendment'",
    );
    expect(amendments.length).toBeGreaterThan(0);
    for (const a of amendments) expect(plain(a.html), a.id).toContain(`${a.prefix}${a.quote ?? ""}${a.suffix}`);

    // Replies answer a comment on the same paragraph, after it; dispositions are the co-facilitators'.
    const replies = await all<{ id: string; ok: number }>(
      "SELECT r.id, (r.created_at > p.created_at AND r.paragraph_id IS p.paragraph_id AND r.revision_id = p.revision_id AND r.disposition IS NULL) AS ok FROM comments r JOIN comments p ON p.id = r.parent_id",
    );
    expect(replies.every((r) => r.ok === 1)).toBe(true);
    const disposers = await all<{ n: number }>(
      "SELECT count(*) AS n FROM comments c JOIN documents d ON d.id = c.document_id WHERE c.disposed_by IS NOT NULL AND c.disposed_by NOT IN (SELECT user_id FROM track_facilitators WHERE track_id = d.track_id)",
    );
    expect(disposers[0]!.n).toBe(0);
  });

  it("adopts texts only through a closed silence procedure, with positions recorded before its deadline", async () => {
    const adopted = await all<{ id: string; adopted_at: string; deadline: string; closed_at: string; status: string }>(
      "SELECT r.id, r.adopted_at, p.deadline, p.closed_at, p.status FROM revisions r LEFT JOIN procedures p ON p.revision_id = r.id WHERE r.adopted_at IS NOT NULL",
    );
    expect(adopted.map((a) => a.id).sort()).toEqual(["rev-t1-1", "rev-t2-0"]);
    const now = new Date().toISOString();
    for (const a of adopted) {
      expect(a.status).toBe("adopted");
      expect(a.adopted_at).toBe(a.closed_at);
      expect(a.deadline < a.closed_at && a.closed_at < now).toBe(true);
      const late = await all<{ n: number }>(`SELECT count(*) AS n FROM positions WHERE revision_id = '${a.id}' AND recorded_at > '${a.deadline}'`);
      expect(late[0]!.n).toBe(0);
    }
    const history = await all<{ n: number }>(
      "SELECT count(*) AS n FROM positions p WHERE NOT EXISTS (SELECT 1 FROM position_history h WHERE h.revision_id = p.revision_id AND h.seat_id = p.seat_id AND h.stance = p.stance AND h.recorded_at = p.recorded_at)",
    );
    expect(history[0]!.n).toBe(0);
    // Nothing is left for the scheduler to close, and no seat is asked to act on an adopted text.
    expect((await all<{ n: number }>("SELECT count(*) AS n FROM procedures WHERE status = 'open'"))[0]!.n).toBe(0);
    const kenya = await signIn(`head.kenya@plenary.test`);
    expect((await kenya.json("/api/consensus/pending")).body.items).toEqual([]);
  });

  it("compiles into a report with track chapters, reservations in context, and the comments received", async () => {
    const secretariat = await signIn(DEMO_ACCOUNTS.secretariat);
    const created = await secretariat.json("/api/reports", { json: { title: "Progress report of the Working Group on Data Governance", symbol: "A/81/100", session: 81 } });
    expect(created.status).toBe(201);
    const { body } = await secretariat.json(`/api/reports/${created.body.report.id}`);
    const section = (key: string) => body.sections.find((s: any) => s.key === key);

    const t1 = section("track-1").blocks as any[];
    expect(t1[0].html).toContain("T1/2026/1, Rev.1 (adopted on");
    // The general reservation is a note to the opening sentence; the others sit on the paragraphs they name.
    expect(t1[0].footnotes).toEqual([expect.stringMatching(/^Reservation by United States of America: /)]);
    const noted = t1.filter((b) => b.footnotes?.length && b !== t1[0]);
    expect(noted.map((b) => [b.source.pid, b.footnotes.map((f: string) => f.split(":")[0])])).toEqual([
      ["p-t1-12", ["Reservation by Access Now"]],
      ["p-t1-13", ["Reservation by Russian Federation"]],
    ]);
    expect(t1.filter((b) => b.kind === "paragraph" && b.source.pid).length).toBe(16);
    expect(section("track-2").blocks[0].html).toContain("T2/2026/1, Zero draft (adopted on");
    expect(section("track-2").blocks.flatMap((b: any) => b.footnotes ?? [])).toEqual([expect.stringMatching(/^Reservation by India: /)]);
    // Track 3's draft is still open for comments and track 4 has only a working copy.
    for (const key of ["track-3", "track-4"]) expect(section(key).blocks.map((b: any) => b.html).join(" ")).toMatch(/has not adopted a text yet/);

    const work = section("work").blocks.map((b: any) => b.html).join("\n");
    const top = (await all<{ n: number; a: number; seats: number }>("SELECT count(*) AS n, sum(kind = 'amendment') AS a, count(DISTINCT seat_id) AS seats FROM comments WHERE parent_id IS NULL"))[0]!;
    expect(top.n).toBeGreaterThanOrEqual(20);
    expect(work).toContain(`received ${top.n} comments on 3 drafts of its tracks, including ${top.a} proposed amendments, from ${top.seats} seats`);
  });
});
