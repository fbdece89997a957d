// Meetings for the calendar endpoints, as SQL applied after the demo seed:
// 520 meetings from 300 days ago to 390 days ahead (so every one is inside the
// feeds' window of a year back), 500 of them public: plenary meetings, track
// meetings and open informal consultations, plus 20 members-only informal
// consultations. Scheduled on Geneva, New York, Bangkok and Nairobi wall clocks
// (and a few in UTC); about one in twenty cancelled. Each has an agenda; held
// meetings have minutes, an attendance register and replies from the heads of
// delegation. Deterministic (seeded PRNG) except for dates, relative to now.
//
// Also a personal calendar-feed token for Brazil's head of delegation, whose
// feed is loaded by `GET /api/calendar/<token>.ics`.
import { createHash } from "node:crypto";
import { instantToZonedLocal, zonedToInstant } from "../../worker/lib/zonedTime.ts";
import { mulberry32 } from "./seed-documents.ts";

export const TOTAL_MEETINGS = 520;
export const PUBLIC_MEETINGS = 500;
const FIRST_DAY = -300;
const LAST_DAY = 390;
const DAY = 86_400_000;

/** The personal feed's secret (the database keeps only its SHA-256) and whose it is. */
export const BENCH_CALENDAR_TOKEN = "bench-calendar-feed-head-brazil-2026";
export const BENCH_CALENDAR_OWNER = "head.brazil@plenary.test";

type Zone = "Europe/Zurich" | "America/New_York" | "Asia/Bangkok" | "Africa/Nairobi" | "UTC";
type Planned = {
  n: number;
  id: string;
  kind: "plenary" | "track" | "informal";
  trackId: number | null;
  day: number;
  zone: Zone;
  start: string;
  minutes: number;
  format: "in_person" | "online" | "hybrid";
  room: string | null;
  visibility: "public" | "members";
  cancelled: boolean;
  sequence: number;
  title: string;
  agenda: string[];
};

const ROOMS: Record<Zone, string[]> = {
  "Europe/Zurich": ["Room XIX, Palais des Nations", "Room XXIV, Palais des Nations", "Room XVII, Palais des Nations", "Room S1, Palais des Nations"],
  "America/New_York": ["Conference Room 4, United Nations Headquarters", "Conference Room 11, United Nations Headquarters"],
  "Asia/Bangkok": ["Conference Room 3, United Nations Conference Centre, Bangkok"],
  "Africa/Nairobi": ["Conference Room 2, United Nations Office at Nairobi"],
  UTC: [],
};
/** Local start and length in minutes, by zone and kind. */
const SLOTS: Record<Zone, Record<Planned["kind"], [string, number][]>> = {
  "Europe/Zurich": {
    plenary: [["10:00", 180], ["15:00", 180]],
    track: [["09:00", 120], ["14:00", 120], ["16:00", 90], ["08:00", 90]],
    informal: [["13:15", 75], ["18:00", 90]],
  },
  "America/New_York": {
    plenary: [["10:00", 180]],
    track: [["09:00", 120], ["13:15", 75]],
    informal: [["13:15", 75]],
  },
  "Asia/Bangkok": { plenary: [["09:30", 180]], track: [["14:00", 120]], informal: [["14:00", 90]] },
  "Africa/Nairobi": { plenary: [["10:00", 180]], track: [["10:00", 120]], informal: [["11:00", 90]] },
  UTC: { plenary: [["12:00", 120]], track: [["12:00", 90], ["06:00", 90]], informal: [["12:00", 60]] },
};
const TRACK_NAMES = ["Fundamental principles", "Interoperability", "Sharing the benefits of data", "Safe, secure and trusted data flows"];
const TOPICS = ["the structure of the progress report", "the road map for the intersessional period", "capacity-building proposals", "the modalities of stakeholder participation", "follow-up and review"];
const AGENDAS: Record<Planned["kind"], string[]> = {
  plenary: [
    "Opening of the meeting",
    "Adoption of the agenda and organization of work",
    "Reports of the co-facilitators of the intersessional tracks",
    "Consideration of the draft progress report to the General Assembly",
    "Dates of the next meetings",
    "Other matters",
  ],
  track: ["Adoption of the agenda", "Presentation of the issues paper by the co-facilitators", "Exchange of views on the draft elements", "Way forward"],
  informal: ["Introduction by the Chair", "Exchange of views", "Next steps"],
};
const MINUTES = [
  "The meeting was opened at the scheduled time. The Chair welcomed delegations and recalled the mandate of the Working Group.",
  "The agenda was adopted without amendment.",
  "Statements were made by the representatives of Brazil, Kenya, Switzerland and Indonesia, and by APC and the International Chamber of Commerce.",
  "Several delegations requested more time to consult their capitals; the co-facilitators will circulate a revised text.",
  "The Working Group agreed to continue its consideration of the item at its next meeting.",
];

const ordinal = (k: number) => `${k}${k % 100 >= 11 && k % 100 <= 13 ? "th" : (["th", "st", "nd", "rd"][k % 10] ?? "th")}`;

/** The meetings, without dates: the same on every run. */
export function meetingPlan(): Planned[] {
  const rand = mulberry32(5245);
  const pick = <T,>(list: readonly T[]) => list[Math.floor(rand() * list.length)]!;
  const counts = { plenary: 0, track: [0, 0, 0, 0], informal: 0 };
  const out: Planned[] = [];
  let nextTrack = 0;
  for (let i = 0; i < TOTAL_MEETINGS; i++) {
    const n = i + 1;
    const membersOnly = i % 26 === 13;
    const r = rand();
    const kind: Planned["kind"] = membersOnly ? "informal" : r < 0.14 ? "plenary" : r < 0.9 ? "track" : "informal";
    const trackId = kind === "track" ? (nextTrack++ % 4) + 1 : null;
    const z = rand();
    const zone: Zone =
      kind === "plenary"
        ? z < 0.85 ? "Europe/Zurich" : "America/New_York"
        : kind === "informal"
          ? z < 0.7 ? "Europe/Zurich" : "America/New_York"
          : z < 0.5 ? "Europe/Zurich" : z < 0.7 ? "America/New_York" : z < 0.85 ? "Asia/Bangkok" : z < 0.95 ? "Africa/Nairobi" : "UTC";
    const [start, minutes] = pick(SLOTS[zone][kind]);
    const f = rand();
    const format: Planned["format"] =
      zone === "UTC" ? "online" : kind === "plenary" ? "hybrid" : kind === "track" ? (f < 0.5 ? "online" : f < 0.85 ? "hybrid" : "in_person") : f < 0.5 ? "in_person" : "online";
    const day = FIRST_DAY + Math.floor((i * (LAST_DAY - FIRST_DAY + 1)) / TOTAL_MEETINGS);
    const cancelled = rand() < 0.06;
    const title =
      kind === "plenary"
        ? `${ordinal(++counts.plenary)} plenary meeting of the Working Group`
        : kind === "track"
          ? `Track ${trackId} (${TRACK_NAMES[trackId! - 1]}), meeting ${++counts.track[trackId! - 1]!}`
          : `Informal consultation on ${pick(TOPICS)}${membersOnly ? " (members only)" : ""}`;
    const items = AGENDAS[kind];
    const length = kind === "plenary" ? 4 + Math.floor(rand() * 3) : kind === "track" ? 3 + Math.floor(rand() * 2) : 2;
    out.push({
      n,
      id: `mtg-bench-${String(n).padStart(4, "0")}`,
      kind,
      trackId,
      day,
      zone,
      start,
      minutes,
      format,
      room: format === "online" ? null : pick(ROOMS[zone]),
      visibility: membersOnly ? "members" : "public",
      cancelled,
      sequence: cancelled ? 1 + (rand() < 0.3 ? 1 : 0) : rand() < 0.1 ? 1 : 0,
      title,
      agenda: items.slice(0, Math.min(length, items.length)),
    });
  }
  return out;
}

const plan = meetingPlan();

/** The most recent plenary held at least a week before the run: agenda, minutes, register and replies. */
export const BENCH_MEETING_ID = plan.filter((m) => m.kind === "plenary" && !m.cancelled && m.day <= -7).at(-1)!.id;
/** The first plenary in Geneva at least two weeks ahead: the conflict check proposes a slot on top of it. */
const checkTarget = plan.find((m) => m.kind === "plenary" && !m.cancelled && m.zone === "Europe/Zurich" && m.day >= 14)!;

/** The calendar date `day` days from `now` on the wall clock of `zone`. */
const localDate = (now: number, day: number, zone: string) => instantToZonedLocal(now + day * DAY, zone).slice(0, 10);

/** A body for POST /api/meetings/check: an online-and-in-room plenary overlapping a seeded one in the same room. */
export function checkBody(now = Date.now()) {
  const date = localDate(now, checkTarget.day, checkTarget.zone);
  return {
    kind: "plenary",
    trackId: null,
    start: `${date}T${checkTarget.start}`,
    end: `${date}T${String(Number(checkTarget.start.slice(0, 2)) + 2).padStart(2, "0")}:${checkTarget.start.slice(3)}`,
    timeZone: checkTarget.zone,
    format: "hybrid",
    room: checkTarget.room,
  };
}

/** The calendar years the seed covers, for the list endpoint: 2026-01-01 to 2028-01-01 when run in late 2026. */
export function listWindow(now = Date.now()) {
  const year = (ms: number) => new Date(ms).getUTCFullYear();
  return { from: `${year(now + FIRST_DAY * DAY)}-01-01`, to: `${year(now + LAST_DAY * DAY) + 1}-01-01` };
}

const q = (v: string | number | null) => (v === null ? "NULL" : typeof v === "number" ? String(v) : `'${v.replace(/'/g, "''")}'`);
const chunks = <T,>(list: T[], size: number) => Array.from({ length: Math.ceil(list.length / size) }, (_, i) => list.slice(i * size, i * size + size));

/** The SQL that seeds the meetings, with dates relative to `now`. */
export function meetingsSql(now = Date.now()): string {
  const iso = (ms: number) => new Date(ms).toISOString();
  const rand = mulberry32(366);
  const chair = "(SELECT id FROM users WHERE email = 'chair@plenary.test')";
  const cofac = (trackId: number) => `(SELECT user_id FROM track_facilitators WHERE track_id = ${trackId} ORDER BY user_id LIMIT 1)`;
  const out: string[] = [];
  const meetingRows: string[] = [];
  const itemRows: string[] = [];
  for (const m of plan) {
    const start = zonedToInstant(`${localDate(now, m.day, m.zone)}T${m.start}`, m.zone)!.ms;
    const end = start + m.minutes * 60_000;
    const created = Math.min(start, now) - Math.floor((20 + rand() * 40) * DAY);
    const updated = m.sequence > 0 ? Math.min(now - DAY, created + Math.floor(rand() * 15 * DAY) + DAY) : created;
    const held = !m.cancelled && end < now;
    const ago = (now - end) / DAY;
    const minutesStatus = !held ? "draft" : ago > 45 ? "approved" : ago > 14 ? "circulated" : "draft";
    const createdBy = m.trackId ? cofac(m.trackId) : chair;
    meetingRows.push(
      `(${[
        q(m.id), q(m.title), q(m.kind), q(m.trackId), q(iso(start)), q(iso(end)), q(m.zone), q(m.format), q(m.room),
        q(m.format === "in_person" ? null : `https://meet.example.org/wgdg/${m.id}`),
        q(m.kind === "plenary" ? "Formal meeting of the Working Group. Interpretation in the six official languages." : ""),
        q(m.visibility), q(m.cancelled ? "cancelled" : "scheduled"), q(m.cancelled ? "Postponed at the request of several delegations." : null),
        q(minutesStatus), q(minutesStatus === "circulated" ? iso(end + 21 * DAY) : null),
        q(minutesStatus === "approved" ? iso(end + 30 * DAY) : null), minutesStatus === "approved" ? createdBy : "NULL",
        m.sequence, 1 + m.sequence + (minutesStatus === "draft" ? 0 : minutesStatus === "circulated" ? 1 : 2), createdBy, q(iso(created)), q(iso(updated)),
      ].join(", ")})`,
    );
    m.agenda.forEach((title, k) => {
      const minutes = held ? MINUTES[(m.n + k) % MINUTES.length]! : "";
      itemRows.push(`(${[q(`${m.id}-ai${k + 1}`), q(m.id), k + 1, q(title), q(minutes), minutes ? 1 : 0].join(", ")})`);
    });
  }
  for (const part of chunks(meetingRows, 40)) {
    out.push(
      "INSERT INTO meetings (id, title, kind, track_id, starts_at, ends_at, time_zone, format, room, online_url, description, visibility, status, " +
        "cancel_reason, minutes_status, corrections_close_at, minutes_approved_at, minutes_approved_by, sequence, version, created_by, created_at, updated_at) VALUES " +
        part.join(", ") +
        ";",
    );
  }
  for (const part of chunks(itemRows, 80)) {
    out.push(`INSERT INTO agenda_items (id, meeting_id, position, title, minutes, minutes_version) VALUES ${part.join(", ")};`);
  }
  const bench = "m.id LIKE 'mtg-bench-%'";
  // The saved text of each held meeting's minutes, as the minutes history shows it.
  out.push(
    "INSERT INTO minutes_versions (agenda_item_id, version, text, stage, saved_by, saved_at) " +
      `SELECT a.id, 1, a.minutes, 'draft', m.created_by, m.ends_at FROM agenda_items a JOIN meetings m ON m.id = a.meeting_id WHERE ${bench} AND a.minutes <> '';`,
  );
  // Replies from about two in five heads of delegation of the seats each meeting concerns.
  out.push(
    "WITH heads AS (SELECT row_number() OVER (ORDER BY s.id) AS k, s.id AS seat_id, " +
      "(SELECT u.id FROM users u WHERE u.seat_id = s.id AND u.seat_role = 'head' ORDER BY u.id LIMIT 1) AS user_id FROM seats s) " +
      "INSERT INTO meeting_replies (meeting_id, user_id, seat_id, reply, replied_at) " +
      "SELECT m.id, h.user_id, h.seat_id, " +
      "CASE WHEN (CAST(substr(m.id, 11) AS INTEGER) + h.k) % 7 = 0 THEN 'not_attending' WHEN m.format = 'online' THEN 'online' " +
      "WHEN m.format = 'in_person' THEN 'in_person' WHEN h.k % 3 = 0 THEN 'in_person' ELSE 'online' END, " +
      "min(strftime('%Y-%m-%dT%H:%M:%fZ', m.created_at, '+' || (h.k % 10 + 1) || ' days'), strftime('%Y-%m-%dT%H:%M:%fZ', m.starts_at, '-1 hours')) " +
      `FROM meetings m JOIN heads h ON (CAST(substr(m.id, 11) AS INTEGER) * 7 + h.k * 11) % 5 < 2 ` +
      `AND (m.track_id IS NULL OR h.seat_id IN (SELECT seat_id FROM track_seats WHERE track_id = m.track_id)) ` +
      `WHERE ${bench} AND m.status = 'scheduled' AND h.user_id IS NOT NULL;`,
  );
  // The register of every held meeting: each seat it concerns, mostly present.
  out.push(
    "WITH ss AS (SELECT row_number() OVER (ORDER BY id) AS k, id FROM seats) " +
      "INSERT INTO attendance (meeting_id, seat_id, status, recorded_by, recorded_at) " +
      "SELECT m.id, ss.id, CASE (CAST(substr(m.id, 11) AS INTEGER) * 5 + ss.k * 3) % 11 WHEN 0 THEN 'absent' WHEN 1 THEN 'excused' WHEN 2 THEN 'absent' ELSE 'present' END, " +
      "(SELECT id FROM users WHERE email = 'secretariat@plenary.test'), m.starts_at " +
      "FROM meetings m JOIN ss ON m.track_id IS NULL OR ss.id IN (SELECT seat_id FROM track_seats WHERE track_id = m.track_id) " +
      `WHERE ${bench} AND m.status = 'scheduled' AND m.ends_at < ${q(iso(now))};`,
  );
  // The history the meeting page shows.
  out.push(
    "INSERT INTO audit_log (at, actor_user_id, actor_seat_id, action, target_type, target_id, before_json, after_json, request_id) " +
      "SELECT m.created_at, m.created_by, (SELECT seat_id FROM users WHERE id = m.created_by), 'meeting.create', 'meeting', m.id, NULL, " +
      "json_object('title', m.title, 'startsAt', m.starts_at, 'endsAt', m.ends_at, 'timeZone', m.time_zone, 'format', m.format), lower(hex(randomblob(8))) " +
      `FROM meetings m WHERE ${bench} ORDER BY m.created_at;`,
  );
  out.push(
    "INSERT INTO audit_log (at, actor_user_id, actor_seat_id, action, target_type, target_id, before_json, after_json, request_id) " +
      "SELECT m.updated_at, m.created_by, (SELECT seat_id FROM users WHERE id = m.created_by), 'meeting.cancel', 'meeting', m.id, " +
      "json_object('status', 'scheduled'), json_object('status', 'cancelled', 'reason', m.cancel_reason), lower(hex(randomblob(8))) " +
      `FROM meetings m WHERE ${bench} AND m.status = 'cancelled' ORDER BY m.updated_at;`,
  );
  const tokenHash = createHash("sha256").update(BENCH_CALENDAR_TOKEN).digest("hex");
  out.push(
    `INSERT INTO calendar_tokens (user_id, token_hash, created_at) SELECT id, ${q(tokenHash)}, ${q(iso(now - 7 * DAY))} FROM users WHERE email = ${q(BENCH_CALENDAR_OWNER)};`,
  );
  return out.join("\n") + "\n";
}

/** Checks the seed landed as intended; returns the figures for the report. */
export const meetingsCheckSql =
  "SELECT count(*) AS meetings, " +
  "sum(visibility = 'public' AND ends_at >= strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-366 days')) AS inPublicFeed, " +
  "sum(status = 'cancelled') AS cancelled, count(DISTINCT time_zone) AS zones, min(starts_at) AS first, max(starts_at) AS last, " +
  "(SELECT count(*) FROM agenda_items WHERE meeting_id LIKE 'mtg-bench-%') AS agendaItems, " +
  "(SELECT count(*) FROM meeting_replies WHERE meeting_id LIKE 'mtg-bench-%') AS replies, " +
  "(SELECT count(*) FROM attendance WHERE meeting_id LIKE 'mtg-bench-%') AS attendance, " +
  `(SELECT count(*) FROM calendar_tokens t JOIN users u ON u.id = t.user_id WHERE u.email = ${q(BENCH_CALENDAR_OWNER)}) AS tokens ` +
  "FROM meetings WHERE id LIKE 'mtg-bench-%'";

export type MeetingsCheck = {
  meetings: number; inPublicFeed: number; cancelled: number; zones: number; first: string; last: string;
  agendaItems: number; replies: number; attendance: number; tokens: number;
};

export function verifyMeetings(c: MeetingsCheck) {
  const problems = [
    c.meetings !== TOTAL_MEETINGS && `${c.meetings} meetings, expected ${TOTAL_MEETINGS}`,
    c.inPublicFeed !== PUBLIC_MEETINGS && `${c.inPublicFeed} public meetings within the feeds' year of history, expected ${PUBLIC_MEETINGS}`,
    c.tokens !== 1 && `no calendar token for ${BENCH_CALENDAR_OWNER}`,
    !(c.replies > 0 && c.attendance > 0) && `${c.replies} replies and ${c.attendance} register rows`,
  ].filter(Boolean);
  if (problems.length) throw new Error(`The benchmark meetings did not seed as intended: ${problems.join("; ")}`);
}
