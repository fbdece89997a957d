// Demo membership for `npm start`, the tests and the benchmark: 27 Member
// States over the five regional groups, 27 non-state members over the five
// stakeholder groups, observers, officers, co-facilitators and delegates.
// Imports carry .ts extensions so Node can run this file directly.
import type { RegionalGroup, StakeholderGroup } from "../db/schema.ts";

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
 * `extraDelegatesPerSeat` grows the data set for benchmarks.
 */
export async function buildDemo(hash: () => Promise<string>, extraDelegatesPerSeat = 0): Promise<Seed> {
  const createdAt = "2025-05-01T08:00:00.000Z";
  const seed: Seed = { seats: [], users: [], tracks: [], track_facilitators: [], track_seats: [] };
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
  return seed;
}

const sqlValue = (v: string | number | null) => (v === null ? "NULL" : typeof v === "number" ? String(v) : `'${v.replace(/'/g, "''")}'`);

/** The seed as INSERT statements, in dependency order. */
export function seedStatements(seed: Seed): string[] {
  const out: string[] = [];
  for (const table of ["seats", "users", "tracks", "track_facilitators", "track_seats"] as const) {
    for (const row of seed[table] as Record<string, string | number | null>[]) {
      const cols = Object.keys(row);
      out.push(`INSERT INTO ${table} (${cols.join(", ")}) VALUES (${cols.map((c) => sqlValue(row[c] ?? null)).join(", ")});`);
    }
  }
  return out;
}
