// Demo membership for `npm start`, the tests and the benchmark: 27 Member
// States over the five regional groups, 27 non-state members over the five
// stakeholder groups, observers, officers, co-facilitators and delegates; and a
// calendar around the seeding day: two meetings held (minutes approved, minutes
// out for corrections) and four ahead; and the tracks' documents (./documents.ts):
// adopted texts with comments, dispositions and reservations, a draft open for
// comments and a working copy.
// Imports carry .ts extensions so Node can run this file directly.
import type { RegionalGroup, StakeholderGroup } from "../db/schema.ts";
import { DAY, GENEVA, genevaWorkday, iso } from "./calendar.ts";
import { addDocuments } from "./documents.ts";

export const DEMO_PASSWORD = "plenary-demo-2026";

type SeatSeed = [id: string, name: string, shortName: string];

const MEMBER_STATES: Record<RegionalGroup, SeatSeed[]> = {
  african: [
    ["ms-kenya", "Kenya", "KEN"],
    ["ms-nigeria", "Nigeria", "NGA"],
    ["ms-south-africa", "South Africa", "ZAF"],
    ["ms-egypt", "Egypt", "EGY"],
    ["ms-senegal", "Senegal", "SEN"],
    ["ms-ethiopia", "Ethiopia", "ETH"],
    ["ms-rwanda", "Rwanda", "RWA"],
  ],
  asia_pacific: [
    ["ms-china", "China", "CHN"],
    ["ms-india", "India", "IND"],
    ["ms-japan", "Japan", "JPN"],
    ["ms-indonesia", "Indonesia", "IDN"],
    ["ms-saudi-arabia", "Saudi Arabia", "SAU"],
    ["ms-bangladesh", "Bangladesh", "BGD"],
  ],
  eastern_european: [
    ["ms-poland", "Poland", "POL"],
    ["ms-russian-federation", "Russian Federation", "RUS"],
    ["ms-romania", "Romania", "ROU"],
    ["ms-estonia", "Estonia", "EST"],
  ],
  grulac: [
    ["ms-brazil", "Brazil", "BRA"],
    ["ms-mexico", "Mexico", "MEX"],
    ["ms-chile", "Chile", "CHL"],
    ["ms-colombia", "Colombia", "COL"],
    ["ms-costa-rica", "Costa Rica", "CRI"],
  ],
  weog: [
    ["ms-switzerland", "Switzerland", "CHE"],
    ["ms-germany", "Germany", "DEU"],
    ["ms-united-states", "United States of America", "USA"],
    ["ms-france", "France", "FRA"],
    ["ms-canada", "Canada", "CAN"],
  ],
};

const NON_STATE: Record<StakeholderGroup, SeatSeed[]> = {
  civil_society: [
    ["ns-apc", "Association for Progressive Communications", "APC"],
    ["ns-access-now", "Access Now", "AccessNow"],
    ["ns-it-for-change", "IT for Change", "ITfC"],
    ["ns-research-ict-africa", "Research ICT Africa", "RIA"],
    ["ns-derechos-digitales", "Derechos Digitales", "DD"],
    ["ns-global-partners-digital", "Global Partners Digital", "GPD"],
  ],
  private_sector: [
    ["ns-icc", "International Chamber of Commerce", "ICC"],
    ["ns-gsma", "GSMA", "GSMA"],
    ["ns-digital-africa-business", "Digital Africa Business Council", "DABC"],
    ["ns-asia-cloud", "Asia Cloud Computing Association", "ACCA"],
    ["ns-latam-fintech", "Latin American Fintech Alliance", "LAFA"],
    ["ns-sme-data", "SME Data Alliance", "SMEDA"],
  ],
  technical_community: [
    ["ns-isoc", "Internet Society", "ISOC"],
    ["ns-w3c", "World Wide Web Consortium", "W3C"],
    ["ns-afrinic", "AFRINIC", "AFRINIC"],
    ["ns-apnic", "APNIC", "APNIC"],
    ["ns-lacnic", "LACNIC", "LACNIC"],
  ],
  academia: [
    ["ns-uct", "University of Cape Town", "UCT"],
    ["ns-tsinghua", "Tsinghua University", "THU"],
    ["ns-uchile", "Universidad de Chile", "UCH"],
    ["ns-oii", "Oxford Internet Institute", "OII"],
    ["ns-iiit-bangalore", "IIIT Bangalore", "IIITB"],
  ],
  international_organizations: [
    ["ns-itu", "International Telecommunication Union", "ITU"],
    ["ns-unesco", "UNESCO", "UNESCO"],
    ["ns-oecd", "OECD", "OECD"],
    ["ns-world-bank", "World Bank", "WB"],
    ["ns-wto", "World Trade Organization", "WTO"],
  ],
};

const OBSERVERS: SeatSeed[] = [
  ["obs-european-union", "European Union", "EU"],
  ["obs-african-union", "African Union Commission", "AUC"],
  ["obs-holy-see", "Holy See", "VAT"],
  ["obs-public-interest-data", "Public Interest Data Network", "PIDN"],
];

const GIVEN = ["Amina", "Kwame", "Li", "Priya", "Sofia", "Jonas", "Olga", "Mateo", "Aiko", "Fatou", "Lucas", "Nadia", "Tomás", "Ingrid", "Yusuf", "Mei", "Carlos", "Anya", "Omar", "Claire", "Tariq", "Elena", "Kofi", "Hana", "Rafael", "Zainab", "Pierre", "Irina", "Diego", "Leila"];
const FAMILY = ["Okafor", "Mensah", "Wang", "Sharma", "García", "Müller", "Ivanova", "Rossi", "Tanaka", "Diop", "Silva", "Haddad", "Novak", "Lindqvist", "Bello", "Chen", "Mendoza", "Petrova", "Farouk", "Dubois", "Rahman", "Kowalska", "Asante", "Sato", "Moreno", "Kamara", "Laurent", "Sokolova", "Castillo", "Nasser"];

const personName = (i: number) => `${GIVEN[i % GIVEN.length]} ${FAMILY[(i * 7 + 3) % FAMILY.length]}`;

export const TRACKS = [
  {
    id: 1,
    slug: "principles",
    shortTitle: "Fundamental principles",
    title: "Track 1: Fundamental principles of data governance at all levels as relevant for development",
    mandate:
      "Identify and elaborate fundamental principles of data governance at all levels as relevant for development, building on existing principles and frameworks, for consideration by the Working Group and inclusion in its progress report to the General Assembly.",
  },
  {
    id: 2,
    slug: "interoperability",
    shortTitle: "Interoperability",
    title: "Track 2: Proposals to support interoperability between national, regional and international data systems",
    mandate:
      "Examine options and make proposals to support interoperability between national, regional and international data systems, including technical, legal and institutional aspects, with attention to the needs of developing countries.",
  },
  {
    id: 3,
    slug: "benefits",
    shortTitle: "Sharing the benefits of data",
    title: "Track 3: Considerations of sharing the benefits of data",
    mandate:
      "Consider approaches to sharing the benefits of data, including data for development, capacity-building and the equitable distribution of the value created by data, and report options to the Working Group.",
  },
  {
    id: 4,
    slug: "data-flows",
    shortTitle: "Safe, secure and trusted data flows",
    title: "Track 4: Options to facilitate safe, secure and trusted data flows, including cross-border data flows",
    mandate:
      "Identify options to facilitate safe, secure and trusted data flows, including cross-border data flows as relevant for development, taking into account existing regional and international arrangements.",
  },
] as const;

export type Seed = {
  seats: { id: string; name: string; short_name: string; kind: string; regional_group: string | null; stakeholder_group: string | null; created_at: string }[];
  users: { id: string; email: string; name: string; password_hash: string; seat_id: string | null; seat_role: string | null; officer_role: string | null; locale: string; time_zone: string; active: number; created_at: string; updated_at: string }[];
  tracks: { id: number; slug: string; title: string; short_title: string; mandate: string }[];
  track_facilitators: { track_id: number; user_id: string }[];
  track_seats: { track_id: number; seat_id: string }[];
  meetings: {
    id: string; title: string; kind: string; track_id: number | null; starts_at: string; ends_at: string; time_zone: string; format: string;
    room: string | null; online_url: string | null; description: string; visibility: string; status: string; minutes_status: string;
    corrections_close_at: string | null; minutes_approved_at: string | null; minutes_approved_by: string | null; sequence: number; version: number;
    created_by: string; created_at: string; updated_at: string;
  }[];
  agenda_items: { id: string; meeting_id: string; position: number; title: string; revision_id: string | null; minutes: string; minutes_version: number }[];
  minutes_versions: { agenda_item_id: string; version: number; text: string; stage: string; saved_by: string; saved_at: string }[];
  minutes_corrections: {
    id: string; meeting_id: string; agenda_item_id: string; user_id: string; seat_id: string | null; text: string; status: string;
    response: string | null; resolved_by: string | null; resolved_at: string | null; created_at: string;
  }[];
  meeting_replies: { meeting_id: string; user_id: string; seat_id: string | null; reply: string; replied_at: string }[];
  attendance: { meeting_id: string; seat_id: string; status: string; recorded_by: string; recorded_at: string }[];
  documents: {
    id: string; track_id: number | null; kind: string; title: string; symbol: string | null; visibility: string; created_by: string; created_at: string;
    updated_at: string; draft_json: string; draft_version: number; draft_updated_by: string | null; draft_updated_at: string | null;
  }[];
  paragraphs: { id: string; document_id: string; created_in: number }[];
  revisions: {
    id: string; document_id: string; number: number; issued_at: string; issued_by: string; comments_open_at: string; comments_close_at: string;
    comments_time_zone: string; allow_late: number; paragraph_count: number; bracket_count: number; dispositions_published_at: string | null; adopted_at: string | null;
  }[];
  revision_paragraphs: { revision_id: string; paragraph_id: string; position: number; number: number | null; kind: string; html: string }[];
  comments: {
    id: string; document_id: string; revision_id: string; paragraph_id: string | null; parent_id: string | null; seat_id: string | null; author_id: string;
    kind: string; op: string | null; quote: string | null; prefix: string | null; suffix: string | null; proposed_text: string | null; body: string; late: number;
    idempotency_key: string; created_at: string; updated_at: string; disposition: string | null; disposition_reason: string | null; disposed_by: string | null; disposed_at: string | null;
  }[];
  comment_counts: { document_id: string; paragraph_key: string; revision_number: number; total: number; amendments: number }[];
  procedures: {
    id: string; revision_id: string; kind: string; opened_by: string; opened_at: string; deadline: string; deadline_time_zone: string; remind_before_hours: number;
    reminder_sent_at: string | null; status: string; closed_at: string | null; closed_by: string | null; decision: string | null;
    broken_by_seat: string | null; broken_by_user: string | null; broken_text: string | null;
  }[];
  positions: {
    revision_id: string; seat_id: string; stance: string; explanation: string | null; paragraph_ids: string; recorded_by: string; recorded_at: string;
    confirmed_from: number | null; version: number;
  }[];
  position_history: { revision_id: string; seat_id: string; stance: string; explanation: string | null; paragraph_ids: string; recorded_by: string; recorded_at: string; kind: string }[];
};

/** Accounts documented in the README, all with DEMO_PASSWORD. */
export const DEMO_ACCOUNTS = {
  secretariat: "secretariat@plenary.test",
  chair: "chair@plenary.test",
  viceChair: "vice-chair@plenary.test",
  cofacilitator: "cofacilitator@plenary.test",
  head: "head.brazil@plenary.test",
  delegate: "delegate.kenya@plenary.test",
  nonState: "head.apc@plenary.test",
  observer: "observer.european-union@plenary.test",
} as const;

const TZ: Record<string, string> = {
  african: "Africa/Nairobi",
  asia_pacific: "Asia/Shanghai",
  eastern_european: "Europe/Warsaw",
  grulac: "America/Sao_Paulo",
  weog: "Europe/Zurich",
};

/**
 * Builds the demo data. `hash` turns the demo password into a stored hash;
 * `extraDelegatesPerSeat` grows the data set for benchmarks; meetings are dated
 * around `now`.
 */
export async function buildDemo(hash: () => Promise<string>, extraDelegatesPerSeat = 0, now = Date.now()): Promise<Seed> {
  const createdAt = "2025-05-01T08:00:00.000Z";
  const seed: Seed = {
    seats: [], users: [], tracks: [], track_facilitators: [], track_seats: [],
    meetings: [], agenda_items: [], minutes_versions: [], minutes_corrections: [], meeting_replies: [], attendance: [],
    documents: [], paragraphs: [], revisions: [], revision_paragraphs: [], comments: [], comment_counts: [], procedures: [], positions: [], position_history: [],
  };
  let n = 0;
  const person = async (
    email: string,
    name: string,
    seatId: string | null,
    seatRole: "head" | "delegate" | null,
    officerRole: string | null,
    timeZone = "Europe/Zurich",
  ) => {
    const id = `u-${String(++n).padStart(4, "0")}`;
    seed.users.push({ id, email, name, password_hash: await hash(), seat_id: seatId, seat_role: seatRole, officer_role: officerRole, locale: "en", time_zone: timeZone, active: 1, created_at: createdAt, updated_at: createdAt });
    return id;
  };
  const local = (id: string) => id.replace(/^(ms|ns|obs)-/, "");

  for (const [group, list] of Object.entries(MEMBER_STATES)) {
    for (const [id, name, shortName] of list) {
      seed.seats.push({ id, name, short_name: shortName, kind: "member_state", regional_group: group, stakeholder_group: null, created_at: createdAt });
    }
  }
  for (const [group, list] of Object.entries(NON_STATE)) {
    for (const [id, name, shortName] of list) {
      seed.seats.push({ id, name, short_name: shortName, kind: "non_state", regional_group: null, stakeholder_group: group, created_at: createdAt });
    }
  }
  for (const [id, name, shortName] of OBSERVERS) {
    seed.seats.push({ id, name, short_name: shortName, kind: "observer", regional_group: null, stakeholder_group: null, created_at: createdAt });
  }

  // Officers and secretariat (UNCTAD, Geneva).
  await person(DEMO_ACCOUNTS.secretariat, "Marie Favre", null, null, "secretariat");
  await person("secretariat.data@plenary.test", "Ahmed Khalil", null, null, "secretariat");
  await person(DEMO_ACCOUNTS.chair, "Isabel Ortega", null, null, "chair");
  await person(DEMO_ACCOUNTS.viceChair, "Tendai Moyo", null, null, "vice_chair", "Africa/Harare");
  await person("vice-chair.2@plenary.test", "Jakub Nowak", null, null, "vice_chair", "Europe/Warsaw");

  // Every seat gets a head of delegation; every other seat a delegate too.
  let i = 0;
  for (const seat of seed.seats) {
    const tz = seat.regional_group ? TZ[seat.regional_group]! : "Europe/Zurich";
    const prefix = seat.kind === "observer" ? "observer" : "head";
    await person(`${prefix}.${local(seat.id)}@plenary.test`, personName(i++), seat.id, "head", null, tz);
    if (i % 2 === 0 || seat.id === "ms-kenya") {
      await person(`delegate.${local(seat.id)}@plenary.test`, personName(i++ + 11), seat.id, "delegate", null, tz);
    }
    for (let k = 0; k < extraDelegatesPerSeat; k++) {
      await person(`delegate${k + 2}.${local(seat.id)}@plenary.test`, personName(i++ + 17), seat.id, "delegate", null, tz);
    }
  }

  // Two co-facilitators per track: one from a Member State, one from a non-state seat.
  const cofacSeats: [string, string][] = [
    ["ms-switzerland", "ns-apc"],
    ["ms-senegal", "ns-isoc"],
    ["ms-indonesia", "ns-uct"],
    ["ms-chile", "ns-icc"],
  ];
  for (const t of TRACKS) {
    seed.tracks.push({ id: t.id, slug: t.slug, title: t.title, short_title: t.shortTitle, mandate: t.mandate });
    for (const seatId of cofacSeats[t.id - 1]!) {
      const email = t.id === 1 && seatId.startsWith("ms-") ? DEMO_ACCOUNTS.cofacilitator : `cofac${t.id}.${local(seatId)}@plenary.test`;
      const userId = await person(email, personName(i++ + 5), seatId, "delegate", null, "Europe/Zurich");
      seed.track_facilitators.push({ track_id: t.id, user_id: userId });
    }
    // Seats choose the tracks they follow; every member follows at least two.
    seed.seats.forEach((s, idx) => {
      if (s.kind === "observer" ? t.id % 2 === 1 : (idx + t.id) % 4 !== 0) seed.track_seats.push({ track_id: t.id, seat_id: s.id });
    });
  }
  addMeetings(seed, now);
  addDocuments(seed, now);
  return seed;
}

const PALAIS = (room: string) => `${room}, Palais des Nations`;

/**
 * A calendar a new user finds alive: the first session's plenary five weeks ago
 * (register kept, minutes approved), a track 1 meeting last week (minutes out for
 * corrections a few more days), and ahead: an early-morning online track meeting
 * (night in Latin America, so the fairness view flags GRULAC), a members-only
 * informal consultation, a hybrid track meeting and the next plenary in six weeks.
 * Held meetings sit in the afternoon, away from the morning slots the tests book.
 * Agenda items that take up a track's text are linked to its revision by
 * `addDocuments`, which dates the texts around these meetings.
 */
function addMeetings(seed: Seed, now: number) {
  const userId = (email: string) => seed.users.find((u) => u.email === email)!.id;
  const headOf = (seatId: string) => seed.users.find((u) => u.seat_id === seatId && u.seat_role === "head")!;
  const chair = userId(DEMO_ACCOUNTS.chair);
  const secretariat = userId(DEMO_ACCOUNTS.secretariat);
  const kenya = seed.users.find((u) => u.email === DEMO_ACCOUNTS.delegate)!;
  const facilitator = (trackId: number) => seed.track_facilitators.find((f) => f.track_id === trackId)!.user_id;
  const seatsOf = (trackId: number | null) =>
    trackId == null ? seed.seats.map((s) => s.id) : seed.track_seats.filter((t) => t.track_id === trackId).map((t) => t.seat_id);

  type Plan = {
    id: string; title: string; kind: "plenary" | "track" | "informal"; trackId: number | null; start: number; minutes: number;
    format: "in_person" | "online" | "hybrid"; room: string | null; description: string; createdBy: string; agenda: string[];
  };
  const meeting = (p: Plan, extra: Partial<Seed["meetings"][number]> = {}) => {
    const created = Math.min(p.start - 30 * DAY, now - 5 * DAY);
    seed.meetings.push({
      id: p.id, title: p.title, kind: p.kind, track_id: p.trackId, starts_at: iso(p.start), ends_at: iso(p.start + p.minutes * 60_000), time_zone: GENEVA,
      format: p.format, room: p.room, online_url: p.format === "in_person" ? null : `https://meet.example.org/wgdg/${p.id}`, description: p.description,
      visibility: p.kind === "informal" ? "members" : "public", status: "scheduled", minutes_status: "draft", corrections_close_at: null,
      minutes_approved_at: null, minutes_approved_by: null, sequence: 0, version: 1, created_by: p.createdBy, created_at: iso(created), updated_at: iso(created),
      ...extra,
    });
    p.agenda.forEach((title, i) =>
      seed.agenda_items.push({ id: `${p.id}-item-${i + 1}`, meeting_id: p.id, position: i + 1, title, revision_id: null, minutes: "", minutes_version: 0 }),
    );
    return { ...p, end: p.start + p.minutes * 60_000, item: (n: number) => `${p.id}-item-${n}` };
  };
  /** Minutes saved for each item, versions kept as the minutes history shows them. */
  const minutes = (itemId: string, texts: [text: string, stage: string, at: number][], by: string) => {
    const item = seed.agenda_items.find((i) => i.id === itemId)!;
    texts.forEach(([text, stage, at], k) => seed.minutes_versions.push({ agenda_item_id: itemId, version: k + 1, text, stage, saved_by: by, saved_at: iso(at) }));
    item.minutes = texts.at(-1)![0];
    item.minutes_version = texts.length;
  };
  /** The register: every seat the meeting concerns, all present but for the given ones. */
  const register = (meetingId: string, trackId: number | null, at: number, exceptions: Record<string, "absent" | "excused">) => {
    for (const seatId of seatsOf(trackId)) {
      seed.attendance.push({ meeting_id: meetingId, seat_id: seatId, status: exceptions[seatId] ?? "present", recorded_by: secretariat, recorded_at: iso(at) });
    }
  };
  /** Replies from the heads of every `step`-th seat the meeting concerns, in person when `k` is even. */
  const replies = (m: { id: string; format: string; trackId: number | null; start: number }, step: number) => {
    seatsOf(m.trackId).forEach((seatId, k) => {
      if (k % step !== 0) return;
      const head = headOf(seatId);
      const reply = k % (step * 5) === 0 ? "not_attending" : m.format === "online" ? "online" : m.format === "in_person" || k % 2 === 0 ? "in_person" : "online";
      seed.meeting_replies.push({ meeting_id: m.id, user_id: head.id, seat_id: seatId, reply, replied_at: iso(Math.min(m.start - (2 + (k % 5)) * DAY, now - DAY)) });
    });
  };

  // Held five weeks ago: register kept, minutes circulated, one correction accepted, approved.
  const firstStart = genevaWorkday(now, -35, "15:00", true);
  const firstEnd = firstStart + 180 * 60_000;
  const first = meeting(
    {
      id: "meeting-demo-plenary-1", title: "1st plenary meeting (first session)", kind: "plenary", trackId: null,
      start: firstStart, minutes: 180, format: "hybrid", room: PALAIS("Room XIX"),
      description: "Opening of the first session. Interpretation in the six official languages of the United Nations.",
      createdBy: chair,
      agenda: [
        "Opening of the session",
        "Adoption of the agenda and organization of work",
        "Establishment of the intersessional tracks and appointment of co-facilitators",
        "Programme of work until the second session",
        "Other matters",
      ],
    },
    {
      minutes_status: "approved", corrections_close_at: iso(firstEnd + 14 * DAY), minutes_approved_at: iso(firstEnd + 17 * DAY),
      minutes_approved_by: chair, version: 3, updated_at: iso(firstEnd + 17 * DAY),
    },
  );
  const corrected =
    "The Working Group established four intersessional tracks and took note of the co-facilitators appointed by the Chair after consultations with the regional groups and stakeholder groups. Kenya, on behalf of the Group of African States, stressed the needs of developing countries.";
  minutes(first.item(1), [["The Chair opened the first session at 15:05 and welcomed the members and observers of the Working Group.", "draft", first.end + DAY]], secretariat);
  minutes(first.item(2), [["The Working Group adopted the provisional agenda and the proposed organization of work without amendment.", "draft", first.end + DAY]], secretariat);
  minutes(first.item(3), [
    ["The Working Group established four intersessional tracks and took note of the co-facilitators appointed by the Chair after consultations with the regional groups and stakeholder groups.", "draft", first.end + DAY],
    [corrected, "circulated", first.end + 9 * DAY],
  ], secretariat);
  minutes(first.item(4), [["The secretariat presented the programme of work. Members asked that track meetings rotate between morning and afternoon slots.", "draft", first.end + DAY]], secretariat);
  seed.minutes_corrections.push({
    id: "correction-demo-1", meeting_id: first.id, agenda_item_id: first.item(3), user_id: kenya.id, seat_id: kenya.seat_id,
    text: "Please reflect that Kenya spoke on behalf of the Group of African States and stressed the needs of developing countries.",
    status: "accepted", response: "Added to the minutes of item 3.", resolved_by: secretariat, resolved_at: iso(first.end + 9 * DAY), created_at: iso(first.end + 6 * DAY),
  });
  register(first.id, null, first.start, { "ms-ethiopia": "excused", "ms-bangladesh": "absent", "ns-sme-data": "absent", "ns-wto": "excused", "obs-holy-see": "absent" });
  replies(first, 2);

  // Held last week: minutes out for corrections until a few days from now; one correction awaits an answer.
  const track1Start = genevaWorkday(now, -7, "14:30", true);
  const circulatedAt = Math.min(track1Start + 2 * DAY, now - 3_600_000);
  const track1 = meeting(
    {
      id: "meeting-demo-track1-1", title: "Track 1 (Fundamental principles), 1st meeting", kind: "track", trackId: 1,
      start: track1Start, minutes: 120, format: "hybrid", room: PALAIS("Room XXIV"),
      description: "First exchange of views on the issues paper of the co-facilitators.",
      createdBy: facilitator(1),
      agenda: ["Adoption of the agenda", "Presentation of the issues paper by the co-facilitators", "Exchange of views on the fundamental principles", "Way forward"],
    },
    { minutes_status: "circulated", corrections_close_at: iso(genevaWorkday(now, 4, "18:00")), version: 2, updated_at: iso(circulatedAt) },
  );
  minutes(track1.item(1), [["The agenda was adopted.", "draft", track1.end + DAY]], facilitator(1));
  minutes(track1.item(2), [["The co-facilitators presented the issues paper, which draws on existing principles of the United Nations system, the OECD and the African Union Data Policy Framework.", "draft", track1.end + DAY]], facilitator(1));
  minutes(track1.item(3), [["Members broadly supported principles of fairness, transparency and accountability. Several delegations asked for a reference to national sovereignty; others stressed the free flow of data with trust.", "draft", track1.end + DAY]], facilitator(1));
  minutes(track1.item(4), [["The co-facilitators will circulate draft elements before the next meeting of the track.", "draft", track1.end + DAY]], facilitator(1));
  seed.minutes_corrections.push({
    id: "correction-demo-2", meeting_id: track1.id, agenda_item_id: track1.item(3), user_id: kenya.id, seat_id: kenya.seat_id,
    text: "Kenya also asked that the principles address capacity-building for developing countries.",
    status: "open", response: null, resolved_by: null, resolved_at: null, created_at: iso(Math.min(circulatedAt + DAY, now - 60_000)),
  });
  register(track1.id, 1, track1.start, { "ms-japan": "absent", "ns-gsma": "excused" });
  replies(track1, 3);

  // Ahead.
  const early = meeting({
    id: "meeting-demo-track2-1", title: "Track 2 (Interoperability), 1st meeting", kind: "track", trackId: 2,
    start: genevaWorkday(now, 10, "07:30"), minutes: 90, format: "online", room: null,
    description: "Held early in Geneva so that delegations in Asia and the Pacific can join in their afternoon.",
    createdBy: facilitator(2), agenda: ["Adoption of the agenda", "Mapping of existing interoperability frameworks", "Way forward"],
  });
  replies(early, 4);
  const informal = meeting({
    id: "meeting-demo-informal-1", title: "Informal consultation on the structure of the progress report", kind: "informal", trackId: null,
    start: genevaWorkday(now, 13, "13:15"), minutes: 75, format: "in_person", room: PALAIS("Room S1"),
    description: "Closed consultation among members, convened by the Chair. No interpretation.",
    createdBy: chair, agenda: ["Introduction by the Chair", "Exchange of views on an annotated outline"],
  });
  replies(informal, 5);
  const track4 = meeting({
    id: "meeting-demo-track4-1", title: "Track 4 (Safe, secure and trusted data flows), 1st meeting", kind: "track", trackId: 4,
    start: genevaWorkday(now, 17, "15:00"), minutes: 120, format: "hybrid", room: PALAIS("Room XXIV"),
    description: "Briefings by UNCTAD and the WTO secretariat on regional data-flow arrangements, followed by an exchange of views.",
    createdBy: facilitator(4), agenda: ["Adoption of the agenda", "Briefings on regional and international arrangements", "Exchange of views", "Way forward"],
  });
  replies(track4, 4);
  const next = meeting({
    id: "meeting-demo-plenary-2", title: "2nd plenary meeting (second session)", kind: "plenary", trackId: null,
    start: genevaWorkday(now, 42, "10:00"), minutes: 180, format: "hybrid", room: PALAIS("Room XIX"),
    description: "Opening of the second session. Interpretation in the six official languages of the United Nations.",
    createdBy: chair,
    agenda: [
      "Opening of the session",
      "Adoption of the agenda",
      "Reports of the co-facilitators of the intersessional tracks",
      "Consideration of the zero draft of the progress report to the General Assembly",
      "Other matters",
    ],
  });
  replies(next, 3);
  // The demo head of delegation (Brazil) has said how they will attend the next plenary.
  const brazil = userId(DEMO_ACCOUNTS.head);
  if (!seed.meeting_replies.some((r) => r.meeting_id === next.id && r.user_id === brazil)) {
    seed.meeting_replies.push({ meeting_id: next.id, user_id: brazil, seat_id: "ms-brazil", reply: "in_person", replied_at: iso(now - DAY) });
  }
}

const sqlValue = (v: string | number | null) => (v === null ? "NULL" : typeof v === "number" ? String(v) : `'${v.replace(/'/g, "''")}'`);

/**
 * The seed as INSERT statements, in dependency order (documents before the agenda
 * items that link their revisions; a comment before its replies). Values are
 * written as literals, one row per statement, so no statement binds parameters
 * or comes near D1's 100 kB limit.
 */
export function seedStatements(seed: Seed): string[] {
  const out: string[] = [];
  for (const table of [
    "seats", "users", "tracks", "track_facilitators", "track_seats",
    "documents", "paragraphs", "revisions", "revision_paragraphs", "comments", "comment_counts", "procedures", "positions", "position_history",
    "meetings", "agenda_items", "minutes_versions", "minutes_corrections", "meeting_replies", "attendance",
  ] as const) {
    for (const row of seed[table] as Record<string, string | number | null>[]) {
      const cols = Object.keys(row);
      out.push(`INSERT INTO ${table} (${cols.join(", ")}) VALUES (${cols.map((c) => sqlValue(row[c] ?? null)).join(", ")});`);
    }
  }
  return out;
}
