// The tracks' documents in the demo seed, dated around the seeded meetings so a
// new user finds a believable record and a report compiles to real chapters:
// - track 1: an issues paper whose zero draft drew comments and amendments
//   (disposed of, dispositions published with Rev.1), Rev.1 presented at last
//   week's track meeting and adopted under a silence procedure, with positions
//   of most seats, two reservations on named paragraphs and one general one;
// - track 2: an issues paper adopted as its zero draft, with comments and one
//   reservation, taken up at the track's coming meeting;
// - track 3: draft elements open for comments now, a few comments in;
// - track 4: a members-only non-paper, a working copy never issued.
// Paragraph identities are stable strings ("p-t1-01"), as issuing keeps them.
// Imports carry .ts extensions so Node can run this file directly.
import { DAY, GENEVA, genevaWorkday, iso } from "./calendar.ts";
import type { Seed } from "./demo.ts";

type BlockKind = "heading" | "paragraph" | "list_item";
type Block = { pid: string; kind: BlockKind; html: string };
type Disposition = "accepted" | "partly_accepted" | "not_accepted" | "noted";
type Stance = "support" | "can_live" | "reservation" | "objection" | "abstain";

const HOUR = 3_600_000;
const heading = (pid: string, html: string): Block => ({ pid, kind: "heading", html });
const para = (pid: string, html: string): Block => ({ pid, kind: "paragraph", html });
const item = (pid: string, html: string): Block => ({ pid, kind: "list_item", html });

/** The text members see and select in a paragraph: the restricted inline markup without its tags. */
const plain = (html: string) => html.replace(/<[^>]*>/g, "");
/** Top-level [square brackets], counted as the documents feature counts them. */
const brackets = (blocks: Block[]) =>
  blocks.reduce((n, b) => {
    let depth = 0;
    for (const c of b.html) {
      if (c === "[") n += depth++ === 0 ? 1 : 0;
      else if (c === "]" && depth > 0) depth--;
    }
    return n;
  }, 0);

// ── Track 1: Fundamental principles ─────────────────────────────────────────

const T1_COMMON = {
  intro1: para(
    "p-t1-02",
    "At its first session, the Working Group requested the co-facilitators of track 1 to identify fundamental principles of data governance at all levels as relevant for development, building on existing principles and frameworks, for consideration by the Working Group and inclusion in its progress report to the General Assembly.",
  ),
  intro2: para(
    "p-t1-03",
    "The present paper draws on the written contributions received from members, observers and the public, on the Global Digital Compact, and on existing frameworks, including the Personal Data Protection and Privacy Principles of the United Nations system, the Fundamental Principles of Official Statistics, the African Union Data Policy Framework and the OECD Recommendation on Enhancing Access to and Sharing of Data. It does not seek to replace these instruments, but to identify the principles they share and the gaps that remain for developing countries.",
  ),
  rights: para(
    "p-t1-09",
    "<strong>Human rights.</strong> Data governance must respect, protect and promote human rights, including the right to privacy, the right to freedom of expression and the right to non-discrimination, online as well as offline, in accordance with international human rights law.",
  ),
  transparency: para(
    "p-t1-11",
    "<strong>Transparency and accountability.</strong> Those who collect and use data, whether public or private, should be transparent about their practices and accountable for their effects. Individuals and communities should have access to effective remedies where their rights are affected.",
  ),
  security: para(
    "p-t1-16",
    "<strong>Security and resilience.</strong> Data infrastructure and data systems should be secure and resilient. Data governance should build trust through cybersecurity measures proportionate to risk and through cooperation in responding to incidents.",
  ),
  way: para(
    "p-t1-20",
    "The co-facilitators propose that these principles serve as the basis for the contribution of the track to the progress report, and that the track examine further how they apply to public sector data, to official statistics and to data held by the private sector.",
  ),
};

const T1_ZERO: Block[] = [
  heading("p-t1-01", "A. Introduction"),
  T1_COMMON.intro1,
  T1_COMMON.intro2,
  heading("p-t1-04", "B. Purpose and scope of the principles"),
  para(
    "p-t1-05",
    "The principles are intended to guide data governance at the national, regional and international levels. They are voluntary in nature and should be applied taking into account different national circumstances and levels of development.",
  ),
  para(
    "p-t1-06",
    "For the purposes of the present paper, data governance is understood as the norms, institutions, processes and technical arrangements through which data are collected, stored, shared, used and reused, and through which the rights and interests of individuals and States in relation to data are protected.",
  ),
  heading("p-t1-07", "C. Fundamental principles"),
  para(
    "p-t1-08",
    "<strong>Development orientation.</strong> Data governance should contribute to the achievement of the Sustainable Development Goals and enable all countries, in particular developing countries, to harness data for inclusive and sustainable development and to bridge the digital divides between and within countries.",
  ),
  T1_COMMON.rights,
  para(
    "p-t1-10",
    "<strong>Fairness and equity.</strong> The benefits of data should be shared equitably within and among countries. Data governance should address imbalances in the capacity to collect, process and derive value from data [and should avoid reinforcing existing concentrations of market power].",
  ),
  T1_COMMON.transparency,
  para(
    "p-t1-12",
    "<strong>Privacy and data protection.</strong> Personal data should be processed lawfully, fairly and for specified purposes, with appropriate safeguards for data security and for sensitive categories of data.",
  ),
  para(
    "p-t1-13",
    "<strong>Trusted data flows.</strong> Data should be able to flow within and across borders [with trust], subject to legitimate public policy objectives. Measures affecting data flows should be transparent, non-discriminatory and no more restrictive than necessary.",
  ),
  para(
    "p-t1-14",
    "<strong>Data as a public good.</strong> Data of public value should be treated as a global public good and made openly available wherever possible, in particular data on health, climate and food security.",
  ),
  para(
    "p-t1-15",
    "<strong>Interoperability.</strong> Legal, technical and institutional frameworks for data should be interoperable to the extent possible, so that data systems at different levels can work together without imposing a single model.",
  ),
  T1_COMMON.security,
  para(
    "p-t1-17",
    "<strong>Inclusiveness.</strong> Data governance should be inclusive and allow the meaningful participation of Governments, the private sector, civil society, academia and international organizations, in their respective roles and responsibilities.",
  ),
  para(
    "p-t1-18",
    "<strong>Capacity-building.</strong> Developing countries, in particular the least developed countries, should be supported in building the skills needed to govern data and to benefit from it.",
  ),
  heading("p-t1-19", "D. Way forward"),
  T1_COMMON.way,
];

/** Rev.1: the comments on the zero draft taken in, paragraph 7 new, the paragraph on data as a public good deleted. */
const T1_REV1: Block[] = [
  heading("p-t1-01", "A. Introduction"),
  T1_COMMON.intro1,
  T1_COMMON.intro2,
  heading("p-t1-04", "B. Purpose and scope of the principles"),
  para(
    "p-t1-05",
    "The principles are intended to guide data governance at the national, regional and international levels. They are voluntary in nature and are to be applied in accordance with national legislation and international obligations, taking into account different national circumstances, capacities and levels of development.",
  ),
  para(
    "p-t1-06",
    "For the purposes of the present paper, data governance is understood as the norms, institutions, processes and technical arrangements through which data are collected, stored, shared, used and reused, and through which the rights and interests of individuals, communities and States in relation to data are protected.",
  ),
  heading("p-t1-07", "C. Fundamental principles"),
  para(
    "p-t1-08",
    "<strong>Development orientation.</strong> Data governance should contribute to the achievement of the Sustainable Development Goals and enable all countries, in particular developing countries, to harness data for inclusive and sustainable development and to bridge the digital and data divides between and within countries.",
  ),
  T1_COMMON.rights,
  para(
    "p-t1-21",
    "<strong>Sovereignty and national policy space.</strong> Data governance should respect the sovereignty of States and their right to determine their own policies on data within their jurisdiction, consistent with their obligations under international law.",
  ),
  para(
    "p-t1-10",
    "<strong>Fairness and equity.</strong> The benefits of data should be shared equitably within and among countries. Data governance should address imbalances in the capacity to collect, process and derive value from data, and should avoid reinforcing existing concentrations of market power.",
  ),
  T1_COMMON.transparency,
  para(
    "p-t1-12",
    "<strong>Privacy and data protection.</strong> Personal data should be processed lawfully, fairly and for specified purposes, with appropriate safeguards for data security and for sensitive categories of data. Access by public authorities to personal data held by the private sector should be subject to legal safeguards and to the principles of necessity and proportionality.",
  ),
  para(
    "p-t1-13",
    "<strong>Trusted data flows.</strong> Data should be able to flow within and across borders with trust, subject to legitimate public policy objectives, including the protection of privacy, security and public order. Measures affecting data flows should be transparent, non-discriminatory and no more restrictive than necessary to achieve those objectives.",
  ),
  para(
    "p-t1-15",
    "<strong>Interoperability.</strong> Legal, technical and institutional frameworks for data should be interoperable to the extent possible, building on open and consensus-based standards, so that data systems at different levels can work together without imposing a single model.",
  ),
  T1_COMMON.security,
  para(
    "p-t1-17",
    "<strong>Inclusiveness.</strong> Data governance should be inclusive and allow the meaningful participation of Governments, the private sector, civil society, the technical and academic communities and international organizations, in their respective roles and responsibilities.",
  ),
  para(
    "p-t1-18",
    "<strong>Capacity-building.</strong> Developing countries, in particular the least developed countries, landlocked developing countries and small island developing States, should be supported in building the skills, institutions and infrastructure needed to govern data and to benefit from it, including through North-South, South-South and triangular cooperation.",
  ),
  heading("p-t1-19", "D. Way forward"),
  T1_COMMON.way,
];

// ── Track 2: Interoperability ───────────────────────────────────────────────

const T2_ZERO: Block[] = [
  heading("p-t2-01", "A. Introduction"),
  para(
    "p-t2-02",
    "The co-facilitators of track 2 were asked to examine options and make proposals to support interoperability between national, regional and international data systems, including its technical, legal and institutional aspects, with attention to the needs of developing countries.",
  ),
  para(
    "p-t2-03",
    "Interoperability is understood in the present paper as the ability of data systems, and of the institutions and rules that govern them, to exchange data and to make use of the data exchanged, while respecting the legal requirements that apply to each of them.",
  ),
  heading("p-t2-04", "B. Dimensions of interoperability"),
  para(
    "p-t2-05",
    "<strong>Technical interoperability</strong> rests on common or compatible data formats, metadata, identifiers and application programming interfaces. Open standards developed through consensus-based processes lower the cost of participation for developing countries and for small and medium-sized enterprises.",
  ),
  para(
    "p-t2-06",
    "<strong>Semantic interoperability</strong> requires shared classifications and definitions, so that data mean the same thing across systems. The international statistical community, through the United Nations Statistical Commission, offers well-tested practice in this regard.",
  ),
  para(
    "p-t2-07",
    "<strong>Legal interoperability</strong> concerns the compatibility of national and regional rules on data, including on data protection, cybersecurity and access to data. Mechanisms such as mutual recognition, model contractual clauses and certification may allow data to move between jurisdictions whose rules differ.",
  ),
  para(
    "p-t2-08",
    "<strong>Institutional interoperability</strong> depends on the capacity of public institutions to coordinate across sectors and borders, and on regional arrangements such as the African Union Data Policy Framework and the ASEAN Framework on Digital Data Governance.",
  ),
  heading("p-t2-09", "C. Questions for the Working Group"),
  para("p-t2-10", "The co-facilitators invite members to consider, among others, the following questions:"),
  item("p-t2-11", "(a) Which existing standards and frameworks could serve as common reference points for interoperability at the international level?"),
  item("p-t2-12", "(b) How can developing countries take part effectively in the bodies that develop standards for data?"),
  item("p-t2-13", "(c) What role could the United Nations system play in mapping and connecting existing regional arrangements?"),
  para(
    "p-t2-14",
    "The co-facilitators will prepare a mapping of existing interoperability frameworks for discussion at the first meeting of the track.",
  ),
];

// ── Track 3: Sharing the benefits of data ───────────────────────────────────

const T3_ZERO: Block[] = [
  heading("p-t3-01", "A. Introduction"),
  para(
    "p-t3-02",
    "Data generate value for economies and societies, but that value is unevenly distributed. A small number of firms and countries hold most of the capacity to collect, store and analyse data at scale, while many developing countries remain mainly sources of raw data.",
  ),
  para(
    "p-t3-03",
    "The present zero draft sets out elements for the consideration of the Working Group on how the benefits of data could be shared more equitably, drawing on the contributions received in response to the call issued by the co-facilitators.",
  ),
  heading("p-t3-04", "B. Elements for consideration"),
  para(
    "p-t3-05",
    "<strong>Data for development.</strong> Public and private actors could make data of public interest, including on health, agriculture, climate and disaster risk, available for the achievement of the Sustainable Development Goals, [on a voluntary basis and on mutually agreed terms].",
  ),
  para(
    "p-t3-06",
    "<strong>Capacity-building.</strong> The Working Group could encourage programmes that strengthen national statistical systems, data infrastructure and skills in developing countries, building on the Cape Town Global Action Plan for Sustainable Development Data.",
  ),
  para(
    "p-t3-07",
    "<strong>Value creation at home.</strong> Developing countries should be able to build domestic capacities to add value to data generated within their territories, [including through policies on data localization where appropriate][in ways consistent with their international obligations].",
  ),
  para(
    "p-t3-08",
    "<strong>Data collaboratives.</strong> Trusted arrangements for sharing data between Governments, businesses, researchers and communities, such as data trusts and data collaboratives, could be documented and their lessons shared.",
  ),
  para(
    "p-t3-09",
    "<strong>Measurement.</strong> The Working Group could invite UNCTAD and other relevant international organizations to improve the measurement of the value of data and of cross-border data flows, in particular for developing countries.",
  ),
  heading("p-t3-10", "C. Next steps"),
  para("p-t3-11", "Members are invited to comment on these elements by the deadline indicated. The co-facilitators will prepare Rev.1 in the light of the comments received."),
];

// ── Track 4: a working copy, never issued (no identities yet) ───────────────

const T4_DRAFT = [
  { pid: null, kind: "heading", html: "Options to facilitate safe, secure and trusted data flows" },
  {
    pid: null,
    kind: "paragraph",
    html: "This non-paper is an informal working text of the co-facilitators, shared with members ahead of the first meeting of the track. It has no status and does not prejudge the outcome of the work of the track.",
  },
  { pid: null, kind: "paragraph", html: "The contributions received point to the following options, among others:" },
  { pid: null, kind: "list_item", html: "(a) a mapping of regional and international arrangements on cross-border data flows, prepared with UNCTAD and the WTO secretariat;" },
  { pid: null, kind: "list_item", html: "(b) model clauses and other tools that make data protection regimes compatible with one another;" },
  { pid: null, kind: "list_item", html: "(c) technical assistance to developing countries in negotiating and implementing commitments on data flows." },
  { pid: null, kind: "paragraph", html: "[Further options to be added after the briefings at the first meeting of the track.]" },
];

/** Adds the tracks' documents; the meetings must be seeded first (texts are dated around them). */
export function addDocuments(seed: Seed, now: number) {
  const userByEmail = (email: string) => seed.users.find((u) => u.email === email)!;
  const headOf = (seatId: string) => seed.users.find((u) => u.seat_id === seatId && u.seat_role === "head")!;
  const chair = userByEmail("chair@plenary.test").id;
  /** The Member State co-facilitator of a track: the one who issues its texts and disposes of comments. */
  const facilitator = (trackId: number) => {
    const ids = new Set(seed.track_facilitators.filter((f) => f.track_id === trackId).map((f) => f.user_id));
    return seed.users.find((u) => ids.has(u.id) && u.seat_id?.startsWith("ms-"))!;
  };
  const meeting = (id: string) => {
    const m = seed.meetings.find((x) => x.id === id)!;
    return { start: Date.parse(m.starts_at), end: Date.parse(m.ends_at) };
  };
  const between = (from: number, to: number, f: number) => Math.round(from + (to - from) * f);
  const counts = new Map<string, Seed["comment_counts"][number]>();

  const document = (d: { id: string; trackId: number; kind: string; title: string; symbol: string | null; visibility: string; createdAt: number }) => {
    const by = facilitator(d.trackId).id;
    seed.documents.push({
      id: d.id, track_id: d.trackId, kind: d.kind, title: d.title, symbol: d.symbol, visibility: d.visibility, created_by: by, created_at: iso(d.createdAt),
      updated_at: iso(d.createdAt), draft_json: "[]", draft_version: 1, draft_updated_by: null, draft_updated_at: null,
    });
    return by;
  };
  /** Issues `blocks` as the document's next revision, as the issue route would: identities kept, paragraphs numbered, working copy updated. */
  const issue = (
    docId: string,
    r: { id: string; number: number; blocks: Block[]; issued: number; close: number; adopted?: number },
  ) => {
    const doc = seed.documents.find((d) => d.id === docId)!;
    const known = new Set(seed.paragraphs.filter((p) => p.document_id === docId).map((p) => p.id));
    let numbered = 0;
    r.blocks.forEach((b, position) => {
      if (!known.has(b.pid)) seed.paragraphs.push({ id: b.pid, document_id: docId, created_in: r.number });
      seed.revision_paragraphs.push({ revision_id: r.id, paragraph_id: b.pid, position, number: b.kind === "paragraph" ? ++numbered : null, kind: b.kind, html: b.html });
    });
    const previous = seed.revisions.filter((x) => x.document_id === docId).at(-1);
    // Issuing with "publish dispositions" publishes those of the text it replaces.
    if (previous) previous.dispositions_published_at = iso(r.issued);
    seed.revisions.push({
      id: r.id, document_id: docId, number: r.number, issued_at: iso(r.issued), issued_by: doc.created_by, comments_open_at: iso(r.issued),
      comments_close_at: iso(r.close), comments_time_zone: GENEVA, allow_late: 0, paragraph_count: r.blocks.length, bracket_count: brackets(r.blocks),
      dispositions_published_at: null, adopted_at: r.adopted === undefined ? null : iso(r.adopted),
    });
    // Saved once before each issue; each issue bumps the version again.
    Object.assign(doc, {
      draft_json: JSON.stringify(r.blocks.map(({ pid, kind, html }) => ({ pid, kind, html }))),
      draft_version: doc.draft_version + 2,
      draft_updated_by: doc.created_by,
      draft_updated_at: iso(r.issued),
      updated_at: iso(r.issued),
    });
  };

  type CommentSpec = {
    id: string; revisionId: string; pid: string | null; seat: string; at: number; body: string;
    /** Words in the text: `quote` for replace and delete, the words it follows for insert. */
    amend?: { op: "replace" | "insert" | "delete"; quote?: string; after?: string; proposed?: string };
    disposition?: [Disposition, string | null, number];
    parent?: string;
    /** Someone other than the seat's head of delegation. */
    author?: string;
  };
  const comment = (c: CommentSpec) => {
    const revision = seed.revisions.find((r) => r.id === c.revisionId)!;
    const author = c.author ? seed.users.find((u) => u.id === c.author)! : headOf(c.seat);
    let anchor = { quote: null as string | null, prefix: null as string | null, suffix: null as string | null };
    if (c.amend) {
      const html = seed.revision_paragraphs.find((p) => p.revision_id === c.revisionId && p.paragraph_id === c.pid)!.html;
      const text = plain(html);
      const words = c.amend.op === "insert" ? c.amend.after! : c.amend.quote!;
      const at = text.indexOf(words);
      if (at < 0) throw new Error(`Seed comment ${c.id}: "${words}" is not in ${c.pid}`);
      const [start, end] = c.amend.op === "insert" ? [at + words.length, at + words.length] : [at, at + words.length];
      anchor = { quote: c.amend.op === "insert" ? null : words, prefix: text.slice(Math.max(0, start - 32), start), suffix: text.slice(end, end + 32) };
    }
    const [disposition, reason, disposedAt] = c.disposition ?? [null, null, null];
    seed.comments.push({
      id: c.id, document_id: revision.document_id, revision_id: c.revisionId, paragraph_id: c.pid, parent_id: c.parent ?? null, seat_id: c.seat, author_id: author.id,
      kind: c.amend ? "amendment" : "general", op: c.amend?.op ?? null, ...anchor, proposed_text: c.amend?.proposed ?? null, body: c.body, late: 0,
      idempotency_key: `seed-${c.id}`, created_at: iso(c.at), updated_at: iso(c.at), disposition, disposition_reason: reason,
      disposed_by: disposition ? seed.documents.find((d) => d.id === revision.document_id)!.created_by : null, disposed_at: disposedAt === null ? null : iso(disposedAt),
    });
    if (c.parent) return;
    // The revision page's counters, as the comment's own transaction keeps them.
    const key = `${revision.document_id}|${c.pid ?? ""}|${revision.number}`;
    const row = counts.get(key) ?? { document_id: revision.document_id, paragraph_key: c.pid ?? "", revision_number: revision.number, total: 0, amendments: 0 };
    row.total++;
    if (c.amend) row.amendments++;
    counts.set(key, row);
  };

  /** Positions recorded one after another between `from` and `to`, by each seat's head; history kept. */
  const positions = (revisionId: string, list: [seat: string, stance: Stance, explanation?: string | null, pids?: string[]][], from: number, to: number) => {
    list.forEach(([seat, stance, explanation = null, pids = []], k) => {
      const row = {
        revision_id: revisionId, seat_id: seat, stance, explanation, paragraph_ids: JSON.stringify(pids), recorded_by: headOf(seat).id,
        recorded_at: iso(between(from, to, (k + 1) / (list.length + 1))),
      };
      seed.positions.push({ ...row, confirmed_from: null, version: 1 });
      seed.position_history.push({ ...row, kind: "record" });
    });
  };
  /** A silence procedure the scheduler closed at its deadline: adopted. */
  const silence = (id: string, revisionId: string, opened: number, deadline: number, closed: number) => {
    seed.procedures.push({
      id, revision_id: revisionId, kind: "silence", opened_by: chair, opened_at: iso(opened), deadline: iso(deadline), deadline_time_zone: GENEVA,
      remind_before_hours: 24, reminder_sent_at: iso(deadline - 24 * HOUR), status: "adopted", closed_at: iso(closed), closed_by: null,
      decision: "Adopted under the silence procedure: no objection by the deadline.", broken_by_seat: null, broken_by_user: null, broken_text: null,
    });
  };
  const linkAgendaItem = (itemId: string, revisionId: string) => {
    seed.agenda_items.find((i) => i.id === itemId)!.revision_id = revisionId;
  };

  const plenary = meeting("meeting-demo-plenary-1");
  const track1Meeting = meeting("meeting-demo-track1-1");

  // Track 1: zero draft a few days after the plenary set up the tracks, two weeks for comments;
  // Rev.1 a week before the track meeting, which presented it; silence from that evening, adopted four days on.
  {
    const t1 = {
      created: genevaWorkday(plenary.start, 1, "11:00"),
      zero: genevaWorkday(plenary.start, 3, "10:00"),
      zeroClose: genevaWorkday(plenary.start, 17, "18:00", true),
      rev1: genevaWorkday(track1Meeting.start, -7, "10:00", true),
      rev1Close: genevaWorkday(track1Meeting.start, -2, "18:00", true),
      silence: track1Meeting.end + 30 * 60_000,
      deadline: genevaWorkday(track1Meeting.start, 4, "18:00"),
    };
    const adopted = t1.deadline + 4_000; // the scheduler's next tick
    const cofac = document({
      id: "doc-t1-issues-paper", trackId: 1, kind: "issues_paper", symbol: "T1/2026/1", visibility: "public", createdAt: t1.created,
      title: "Fundamental principles of data governance at all levels as relevant for development: issues paper by the co-facilitators",
    });
    issue("doc-t1-issues-paper", { id: "rev-t1-0", number: 0, blocks: T1_ZERO, issued: t1.zero, close: t1.zeroClose });
    const inZero = (f: number) => between(t1.zero, t1.zeroClose, f);
    // Disposed of the afternoon before Rev.1 was issued (or, at the latest, the evening the window closed).
    const disposed = (k: number) => Math.max(genevaWorkday(t1.rev1, -1, "14:00", true), t1.zeroClose + HOUR) + k * 10 * 60_000;
    const z = "rev-t1-0";
    comment({
      id: "c-t1-01", revisionId: z, pid: "p-t1-18", seat: "ms-kenya", author: userByEmail("delegate.kenya@plenary.test").id, at: inZero(0.1),
      body: "Kenya, on behalf of the Group of African States, asks that the principle on capacity-building refer to institutions and infrastructure as well as skills, to the countries in special situations, and to South-South and triangular cooperation.",
      disposition: ["accepted", "Paragraph 15 of Rev.1 reflects the proposal.", disposed(0)],
    });
    comment({
      id: "c-t1-02", revisionId: z, pid: "p-t1-05", seat: "ms-india", at: inZero(0.15),
      amend: { op: "replace", quote: "should be applied taking into account", proposed: "are to be applied in accordance with national legislation and international obligations, taking into account" },
      body: "Voluntary principles must be applied within national legal frameworks and consistently with the obligations of each State.",
      disposition: ["accepted", null, disposed(1)],
    });
    comment({
      id: "c-t1-03", revisionId: z, pid: "p-t1-06", seat: "ns-derechos-digitales", at: inZero(0.2),
      amend: { op: "insert", after: "rights and interests of individuals", proposed: ", communities" },
      body: "Collective interests in data, including those of indigenous peoples and local communities, should be recognized alongside those of individuals and States.",
      disposition: ["accepted", null, disposed(2)],
    });
    comment({
      id: "c-t1-04", revisionId: z, pid: "p-t1-08", seat: "ms-brazil", at: inZero(0.25),
      amend: { op: "replace", quote: "digital divides", proposed: "digital and data divides" },
      body: "The data divide is distinct from the connectivity divide and deserves to be named.",
      disposition: ["accepted", null, disposed(3)],
    });
    comment({
      id: "c-t1-05", revisionId: z, pid: "p-t1-10", seat: "ns-icc", at: inZero(0.3),
      amend: { op: "replace", quote: "[and should avoid reinforcing existing concentrations of market power]", proposed: "and should promote competition and innovation" },
      body: "Questions of market power are for competition authorities. A positive formulation would serve the principle better.",
      disposition: ["not_accepted", "Most comments supported the bracketed words; the brackets were removed and the wording retained.", disposed(4)],
    });
    comment({
      id: "c-t1-06", revisionId: z, pid: "p-t1-12", seat: "ns-access-now", at: inZero(0.35),
      body: "The principle should address access by public authorities to personal data, which should require independent prior authorization and effective oversight.",
      disposition: ["partly_accepted", "A sentence on access by public authorities, subject to legal safeguards, necessity and proportionality, was added; independent authorization did not gather support.", disposed(5)],
    });
    comment({
      id: "c-t1-07", revisionId: z, pid: "p-t1-13", seat: "ms-china", at: inZero(0.4),
      body: "The notion of data flows “with trust” has no agreed meaning. China proposes to refer to data flows in accordance with national laws and regulations, and to the legitimate public policy objectives of States.",
      disposition: ["partly_accepted", "The brackets were removed, as the notion is used in the Global Digital Compact, and the legitimate public policy objectives are now spelled out.", disposed(6)],
    });
    comment({
      id: "c-t1-08", revisionId: z, pid: "p-t1-14", seat: "ms-united-states", at: inZero(0.45),
      amend: { op: "delete", quote: "Data of public value should be treated as a global public good" },
      body: "The concept of data as a global public good has no agreed definition and would have implications for intellectual property and trade rules. We propose to delete the paragraph.",
      disposition: ["accepted", "The paragraph was deleted; the equitable sharing of benefits is addressed in paragraph 8 of Rev.1 and will be taken up by track 3.", disposed(7)],
    });
    comment({
      id: "c-t1-09", revisionId: z, pid: "p-t1-14", seat: "ns-it-for-change", at: inZero(0.5),
      body: "We strongly support this paragraph. Data of public value, such as data on health, climate and agriculture, are essential for developing countries and should not be left to commercial terms alone.",
      disposition: ["not_accepted", "No common understanding of data as a global public good emerged; the concern is reflected in paragraph 8 of Rev.1 and will be taken up by track 3.", disposed(8)],
    });
    comment({
      id: "c-t1-10", revisionId: z, pid: "p-t1-15", seat: "ms-japan", at: inZero(0.55),
      amend: { op: "insert", after: "interoperable to the extent possible,", proposed: " building on open and consensus-based standards," },
      body: "Japan supports this principle and suggests a reference to open and consensus-based standards.",
      disposition: ["accepted", null, disposed(9)],
    });
    comment({
      id: "c-t1-11", revisionId: z, pid: "p-t1-17", seat: "ns-isoc", at: inZero(0.6),
      amend: { op: "replace", quote: "academia", proposed: "the technical and academic communities" },
      body: "The technical community should be named alongside the academic community, as in the Global Digital Compact.",
      disposition: ["accepted", null, disposed(10)],
    });
    comment({
      id: "c-t1-12", revisionId: z, pid: null, seat: "ms-egypt", at: inZero(0.7),
      body: "Egypt requests that the principles include an explicit reference to the sovereignty of States over data generated within their territories and to national policy space.",
      disposition: ["partly_accepted", "A new paragraph 7 on sovereignty and national policy space was added, consistent with international law; the wording “sovereignty over data” did not gather support.", disposed(11)],
    });
    comment({
      id: "c-t1-13", revisionId: z, pid: null, seat: "ns-oecd", at: inZero(0.8),
      body: "The OECD secretariat welcomes the paper and stands ready to support the track, drawing on the OECD Recommendation on Enhancing Access to and Sharing of Data.",
      disposition: ["noted", "Noted with appreciation.", disposed(12)],
    });
    comment({ id: "c-t1-14", revisionId: z, pid: "p-t1-14", parent: "c-t1-09", seat: "ms-south-africa", at: inZero(0.55), body: "South Africa shares this view and would support retaining the paragraph." });
    comment({
      id: "c-t1-15", revisionId: z, pid: "p-t1-13", parent: "c-t1-07", seat: "ms-switzerland", author: cofac, at: inZero(0.5),
      body: "The co-facilitators thank China and will propose in Rev.1 a reference to the legitimate public policy objectives of States.",
    });

    issue("doc-t1-issues-paper", { id: "rev-t1-1", number: 1, blocks: T1_REV1, issued: t1.rev1, close: t1.rev1Close, adopted });
    const inRev1 = (f: number) => between(t1.rev1, t1.rev1Close, f);
    comment({ id: "c-t1-16", revisionId: "rev-t1-1", pid: "p-t1-21", seat: "ms-saudi-arabia", at: inRev1(0.3), body: "Saudi Arabia welcomes the new paragraph 7 on sovereignty and national policy space." });
    comment({
      id: "c-t1-17", revisionId: "rev-t1-1", pid: null, seat: "ms-mexico", at: inRev1(0.6),
      body: "Mexico thanks the co-facilitators for a balanced Rev.1, which reflects the comments received, and is ready to join consensus.",
    });

    silence("proc-t1-1-silence", "rev-t1-1", t1.silence, t1.deadline, adopted);
    const support = (seats: string[]) => seats.map((s): [string, Stance] => [s, "support"]);
    positions(
      "rev-t1-1",
      [
        ...support(["ms-switzerland", "ns-apc", "ms-kenya", "ms-brazil", "ms-germany", "ms-nigeria", "ms-south-africa", "ms-senegal", "ms-rwanda", "ms-japan"]),
        ["ms-china", "can_live", "China can live with the text on the understanding that paragraph 11 does not prejudge the regulation of data by each State under its national law."],
        ["ms-russian-federation", "reservation", "The Russian Federation reserves its position on paragraph 11. The notion of data flows “with trust” has not been agreed intergovernmentally, and measures on cross-border data flows are a matter for national regulation.", ["p-t1-13"]],
        ...support(["ms-mexico", "ms-chile", "ms-colombia", "ms-poland", "ms-romania", "ms-estonia", "ms-france", "ms-canada"]),
        ["ms-egypt", "can_live", "Egypt welcomes paragraph 7 and can live with the text as a whole."],
        ["ms-saudi-arabia", "can_live", null],
        ["ms-india", "can_live", "India joins consensus and notes that the principles are to be applied in accordance with national legislation, as paragraph 3 states."],
        ["ms-indonesia", "support"],
        ["ms-united-states", "reservation", "The United States joins the adoption of the paper as a basis for further work but reserves its position on the principles as a whole, which should not be read as prejudging discussions in other forums, including on trade and on cross-border data flows."],
        ["ns-access-now", "reservation", "Access Now reserves its position on paragraph 10: access by public authorities to personal data should require independent prior authorization and effective oversight, as international human rights law requires.", ["p-t1-12"]],
        ...support(["ns-it-for-change", "ns-research-ict-africa", "ns-derechos-digitales", "ns-global-partners-digital", "ns-digital-africa-business", "ns-isoc", "ns-w3c"]),
        ["ns-icc", "can_live", "The ICC can live with paragraph 8 and supports the text as a whole."],
        ["ns-gsma", "can_live", null],
        ["ns-asia-cloud", "can_live", null],
        ...support(["ns-afrinic", "ns-apnic", "ns-uct", "ns-tsinghua", "ns-uchile", "ns-oii", "ns-itu", "ns-unesco", "ns-oecd", "ns-world-bank"]),
      ],
      t1.silence + 2 * HOUR,
      t1.deadline - 3 * HOUR,
    );
    linkAgendaItem("meeting-demo-track1-1-item-2", "rev-t1-1");
  }

  // Track 2: the issues paper, two weeks for comments, dispositions published and silence opened
  // three weeks after the plenary; adopted as it stood, one reservation. The coming track meeting takes it up.
  {
    const t2 = {
      created: genevaWorkday(plenary.start, 2, "11:00"),
      zero: genevaWorkday(plenary.start, 4, "10:00"),
      zeroClose: genevaWorkday(plenary.start, 18, "18:00", true),
      silence: genevaWorkday(plenary.start, 21, "10:00"),
    };
    const deadline = genevaWorkday(t2.silence, 4, "18:00");
    const adopted = deadline + 3_000;
    document({
      id: "doc-t2-issues-paper", trackId: 2, kind: "issues_paper", symbol: "T2/2026/1", visibility: "public", createdAt: t2.created,
      title: "Interoperability between national, regional and international data systems: issues paper by the co-facilitators",
    });
    issue("doc-t2-issues-paper", { id: "rev-t2-0", number: 0, blocks: T2_ZERO, issued: t2.zero, close: t2.zeroClose, adopted });
    const inZero = (f: number) => between(t2.zero, t2.zeroClose, f);
    const disposed = (k: number) => Math.max(genevaWorkday(t2.silence, -1, "14:00", true), t2.zeroClose + HOUR) + k * 15 * 60_000;
    const z = "rev-t2-0";
    comment({
      id: "c-t2-01", revisionId: z, pid: "p-t2-05", seat: "ms-estonia", at: inZero(0.15),
      body: "Estonia suggests referring to the once-only principle and to secure data exchange layers, which have proven their value in public administration.",
      disposition: ["noted", "Examples of national practice will be included in the mapping announced in paragraph 8.", disposed(0)],
    });
    comment({
      id: "c-t2-02", revisionId: z, pid: "p-t2-05", seat: "ns-w3c", at: inZero(0.3),
      amend: { op: "replace", quote: "Open standards", proposed: "Open standards, available royalty-free," },
      body: "Royalty-free licensing is what makes open standards affordable for developing countries and small enterprises.",
      disposition: ["noted", "Kept for the next stage of the work of the track; the issues paper is a basis for discussion.", disposed(1)],
    });
    comment({
      id: "c-t2-03", revisionId: z, pid: "p-t2-07", seat: "ms-india", at: inZero(0.4),
      body: "The paragraph should make clear that mechanisms for legal interoperability are voluntary and respect the regulatory choices of States.",
      disposition: ["not_accepted", "The paragraph describes options without recommending them; the issues paper is a basis for discussion only.", disposed(2)],
    });
    comment({
      id: "c-t2-04", revisionId: z, pid: "p-t2-08", seat: "ms-nigeria", at: inZero(0.5),
      body: "Nigeria asks that the role of the regional economic communities, including ECOWAS, be recognized alongside continental frameworks.",
      disposition: ["noted", "The regional economic communities will be covered by the mapping of frameworks.", disposed(3)],
    });
    comment({
      id: "c-t2-05", revisionId: z, pid: "p-t2-12", seat: "ns-world-bank", at: inZero(0.6),
      body: "The World Bank suggests adding a question on financing the infrastructure that interoperability requires, in particular digital public infrastructure.",
      disposition: ["noted", "To be taken up at the first meeting of the track.", disposed(4)],
    });
    comment({ id: "c-t2-06", revisionId: z, pid: "p-t2-12", parent: "c-t2-05", seat: "ms-bangladesh", at: inZero(0.7), body: "Bangladesh supports this proposal." });
    comment({
      id: "c-t2-07", revisionId: z, pid: null, seat: "ms-germany", at: inZero(0.8),
      body: "Germany welcomes the issues paper and supports its adoption as a basis for the work of the track.",
      disposition: ["noted", "Noted with appreciation.", disposed(5)],
    });
    seed.revisions.find((r) => r.id === z)!.dispositions_published_at = iso(t2.silence - HOUR);

    silence("proc-t2-0-silence", z, t2.silence, deadline, adopted);
    const support = (seats: string[]) => seats.map((s): [string, Stance] => [s, "support"]);
    positions(
      z,
      [
        ...support(["ms-senegal", "ns-isoc", "ms-kenya", "ms-nigeria", "ms-south-africa", "ms-rwanda", "ms-japan", "ms-indonesia"]),
        ["ms-china", "can_live", "China can live with the paper as a basis for discussion."],
        ["ms-india", "reservation", "India reserves its position on paragraph 5. Mutual recognition, model clauses and certification must not be read as constraining the regulatory choices of States on data.", ["p-t2-07"]],
        ...support(["ms-estonia", "ms-poland", "ms-brazil", "ms-chile", "ms-mexico", "ms-germany", "ms-france", "ms-canada", "ms-switzerland"]),
        ...support(["ns-w3c", "ns-apnic", "ns-itu", "ns-world-bank", "ns-oecd", "ns-icc", "ns-apc"]),
        ["ns-gsma", "can_live", "GSMA can live with the text and looks forward to the mapping of frameworks."],
      ],
      t2.silence + 3 * HOUR,
      deadline - 4 * HOUR,
    );
    linkAgendaItem("meeting-demo-track2-1-item-2", z);
  }

  // Track 3: draft elements issued last week, open for comments for two more weeks.
  {
    const created = genevaWorkday(now, -9, "11:00", true);
    const issued = genevaWorkday(now, -6, "10:00", true);
    document({
      id: "doc-t3-draft-elements", trackId: 3, kind: "draft_outcome", symbol: "T3/2026/1", visibility: "public", createdAt: created,
      title: "Considerations on sharing the benefits of data: draft elements by the co-facilitators",
    });
    issue("doc-t3-draft-elements", { id: "rev-t3-0", number: 0, blocks: T3_ZERO, issued, close: genevaWorkday(now, 8, "18:00") });
    const at = (days: number) => Math.min(issued + days * DAY, now - HOUR);
    const z = "rev-t3-0";
    comment({
      id: "c-t3-01", revisionId: z, pid: "p-t3-06", seat: "ms-rwanda", at: at(0.9),
      body: "Rwanda supports this element and proposes to mention digital public infrastructure and the role of regional centres of excellence.",
    });
    comment({
      id: "c-t3-02", revisionId: z, pid: "p-t3-07", seat: "ns-gsma", at: at(1.8),
      amend: { op: "delete", quote: "[including through policies on data localization where appropriate]" },
      body: "Data localization raises costs for businesses and users and can reduce the benefits of data for developing countries.",
    });
    comment({
      id: "c-t3-03", revisionId: z, pid: "p-t3-07", seat: "ns-research-ict-africa", at: at(2.7),
      body: "The element should address how value is captured along the data value chain, including through taxation and competition policy, and not only where data are stored.",
    });
    comment({
      id: "c-t3-04", revisionId: z, pid: "p-t3-05", seat: "ms-colombia", at: at(3.6),
      amend: { op: "replace", quote: "[on a voluntary basis and on mutually agreed terms]", proposed: "on a voluntary basis and on mutually agreed terms" },
      body: "Colombia can accept the bracketed words and proposes to remove the brackets.",
    });
  }

  // Track 4: a members-only non-paper, saved twice, not issued.
  {
    const created = genevaWorkday(now, -4, "16:00", true);
    const by = document({
      id: "doc-t4-non-paper", trackId: 4, kind: "non_paper", symbol: null, visibility: "members", createdAt: created,
      title: "Options to facilitate safe, secure and trusted data flows: non-paper by the co-facilitators",
    });
    const saved = Math.max(created + HOUR, genevaWorkday(now, -2, "17:00", true));
    Object.assign(seed.documents.at(-1)!, { draft_json: JSON.stringify(T4_DRAFT), draft_version: 3, draft_updated_by: by, draft_updated_at: iso(saved), updated_at: iso(saved) });
  }

  seed.comment_counts.push(...counts.values());
}
