// Value lists shared by the tables, the API schemas and the React client.
// Kept free of drizzle so the client bundle does not pull it in.
export const REGIONAL_GROUPS = ["african", "asia_pacific", "eastern_european", "grulac", "weog"] as const;
export const STAKEHOLDER_GROUPS = [
  "civil_society",
  "private_sector",
  "technical_community",
  "academia",
  "international_organizations",
] as const;
export const SEAT_KINDS = ["member_state", "non_state", "observer"] as const;
export const SEAT_ROLES = ["head", "delegate"] as const;
export const OFFICER_ROLES = ["chair", "vice_chair", "secretariat"] as const;

export type RegionalGroup = (typeof REGIONAL_GROUPS)[number];
export type StakeholderGroup = (typeof STAKEHOLDER_GROUPS)[number];
export type SeatKind = (typeof SEAT_KINDS)[number];
export type SeatRole = (typeof SEAT_ROLES)[number];
export type OfficerRole = (typeof OFFICER_ROLES)[number];

export const STANCES = ["support", "can_live", "reservation", "objection", "abstain"] as const;
export type Stance = (typeof STANCES)[number];

export const MEETING_KINDS = ["plenary", "track", "informal"] as const;
export const MEETING_FORMATS = ["in_person", "online", "hybrid"] as const;
export const MEETING_REPLIES = ["in_person", "online", "not_attending"] as const;
export const ATTENDANCE_STATUSES = ["present", "absent", "excused"] as const;
export const MINUTES_STATUSES = ["draft", "circulated", "approved"] as const;
export const CORRECTION_STATUSES = ["open", "accepted", "declined"] as const;
export type MeetingKind = (typeof MEETING_KINDS)[number];
export type MeetingFormat = (typeof MEETING_FORMATS)[number];
export type MeetingReply = (typeof MEETING_REPLIES)[number];
export type AttendanceStatus = (typeof ATTENDANCE_STATUSES)[number];
export type MinutesStatus = (typeof MINUTES_STATUSES)[number];

/** The six official UN languages: the interface, the reports and their translations. */
export const LANGUAGES = ["en", "fr", "es", "ar", "zh", "ru"] as const;
export type Language = (typeof LANGUAGES)[number];

export const DOCUMENT_KINDS = ["issues_paper", "synthesis_note", "draft_outcome", "non_paper"] as const;
/** Progress reports are documents too, but are created and edited under Reports. */
export const STORED_DOCUMENT_KINDS = [...DOCUMENT_KINDS, "progress_report"] as const;
export const VISIBILITIES = ["members", "public"] as const;
export const BLOCK_KINDS = ["heading", "paragraph", "list_item"] as const;
export const DISPOSITIONS = ["accepted", "partly_accepted", "not_accepted", "noted"] as const;
export const AMENDMENT_OPS = ["replace", "insert", "delete"] as const;
export const PROCEDURE_KINDS = ["silence", "round"] as const;
export type ProcedureKind = (typeof PROCEDURE_KINDS)[number];
/** Progress reports: the kinds of section a report is compiled from, and of published text. */
export const SECTION_TYPES = ["introduction", "track", "work", "annex_members", "annex_meetings", "custom"] as const;
export const PUBLICATION_KINDS = ["original", "revision", "corrigendum"] as const;

/**
 * A list item that carries its own enumerator, "(a) …", "(iv) …" or "a) …", as UN drafts write
 * them into the text: it gets no bullet or dash. The one rule for the import, the page, and the
 * HTML, DOCX and PDF renderings; group 1 is the enumerator.
 */
export const LIST_ENUMERATOR = /^\s*(\(?[a-z0-9]{1,4}\))\s+/i;
