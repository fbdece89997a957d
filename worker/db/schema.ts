// Drizzle view of the tables. The SQL in migrations/ is the source of truth;
// keep this file in step with it.
import { integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";

import {
  AMENDMENT_OPS,
  LANGUAGES,
  ATTENDANCE_STATUSES,
  BLOCK_KINDS,
  CORRECTION_STATUSES,
  DISPOSITIONS,
  MEETING_FORMATS,
  MEETING_KINDS,
  MEETING_REPLIES,
  MINUTES_STATUSES,
  OFFICER_ROLES,
  PROCEDURE_KINDS,
  PUBLICATION_KINDS,
  REGIONAL_GROUPS,
  SEAT_KINDS,
  SEAT_ROLES,
  SECTION_TYPES,
  STAKEHOLDER_GROUPS,
  STANCES,
  STORED_DOCUMENT_KINDS,
  VISIBILITIES,
} from "./enums";

export * from "./enums";

export const seats = sqliteTable("seats", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  shortName: text("short_name").notNull(),
  kind: text("kind", { enum: SEAT_KINDS }).notNull(),
  regionalGroup: text("regional_group", { enum: REGIONAL_GROUPS }),
  stakeholderGroup: text("stakeholder_group", { enum: STAKEHOLDER_GROUPS }),
  createdAt: text("created_at").notNull(),
});

export const users = sqliteTable("users", {
  id: text("id").primaryKey(),
  email: text("email").notNull(),
  name: text("name").notNull(),
  passwordHash: text("password_hash"),
  seatId: text("seat_id"),
  seatRole: text("seat_role", { enum: SEAT_ROLES }),
  officerRole: text("officer_role", { enum: OFFICER_ROLES }),
  locale: text("locale").notNull(),
  timeZone: text("time_zone").notNull(),
  active: integer("active", { mode: "boolean" }).notNull(),
  createdAt: text("created_at").notNull(),
  updatedAt: text("updated_at").notNull(),
  /** migrations/0008_add_name_public.sql: the person lets the public see their name. */
  namePublic: integer("name_public", { mode: "boolean" }).notNull().default(false),
});

export const sessions = sqliteTable("sessions", {
  id: text("id").primaryKey(),
  userId: text("user_id").notNull(),
  createdAt: text("created_at").notNull(),
  expiresAt: text("expires_at").notNull(),
});

export const tracks = sqliteTable("tracks", {
  id: integer("id").primaryKey(),
  slug: text("slug").notNull(),
  title: text("title").notNull(),
  shortTitle: text("short_title").notNull(),
  mandate: text("mandate").notNull(),
});

export const trackFacilitators = sqliteTable(
  "track_facilitators",
  { trackId: integer("track_id").notNull(), userId: text("user_id").notNull() },
  (t) => [primaryKey({ columns: [t.trackId, t.userId] })],
);

export const trackSeats = sqliteTable(
  "track_seats",
  { trackId: integer("track_id").notNull(), seatId: text("seat_id").notNull() },
  (t) => [primaryKey({ columns: [t.trackId, t.seatId] })],
);

export const invitations = sqliteTable("invitations", {
  id: text("id").primaryKey(),
  tokenHash: text("token_hash").notNull(),
  email: text("email").notNull(),
  name: text("name").notNull(),
  seatId: text("seat_id"),
  seatRole: text("seat_role", { enum: SEAT_ROLES }),
  officerRole: text("officer_role", { enum: OFFICER_ROLES }),
  invitedBy: text("invited_by").notNull(),
  createdAt: text("created_at").notNull(),
  expiresAt: text("expires_at").notNull(),
  acceptedAt: text("accepted_at"),
  revokedAt: text("revoked_at"),
});

export const passwordResets = sqliteTable("password_resets", {
  tokenHash: text("token_hash").primaryKey(),
  userId: text("user_id").notNull(),
  createdAt: text("created_at").notNull(),
  expiresAt: text("expires_at").notNull(),
  usedAt: text("used_at"),
});

export const rateLimits = sqliteTable("rate_limits", {
  key: text("key").primaryKey(),
  windowStart: text("window_start").notNull(),
  count: integer("count").notNull(),
});

export const outbox = sqliteTable("outbox", {
  id: text("id").primaryKey(),
  toAddress: text("to_address").notNull(),
  subject: text("subject").notNull(),
  bodyText: text("body_text").notNull(),
  kind: text("kind").notNull(),
  transport: text("transport").notNull(),
  status: text("status", { enum: ["stored", "sent", "failed"] }).notNull(),
  error: text("error"),
  createdAt: text("created_at").notNull(),
  /** The unredacted text, only until it is sent (or in local development): never shown. */
  fullText: text("full_text"),
});

export const auditLog = sqliteTable("audit_log", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  at: text("at").notNull(),
  actorUserId: text("actor_user_id"),
  actorSeatId: text("actor_seat_id"),
  action: text("action").notNull(),
  targetType: text("target_type").notNull(),
  targetId: text("target_id"),
  beforeJson: text("before_json"),
  afterJson: text("after_json"),
  requestId: text("request_id"),
});

// Documents (migrations/0002_create_documents.sql)
export const documents = sqliteTable("documents", {
  id: text("id").primaryKey(),
  trackId: integer("track_id"),
  kind: text("kind", { enum: STORED_DOCUMENT_KINDS }).notNull(),
  title: text("title").notNull(),
  symbol: text("symbol"),
  visibility: text("visibility", { enum: VISIBILITIES }).notNull(),
  createdBy: text("created_by").notNull(),
  createdAt: text("created_at").notNull(),
  updatedAt: text("updated_at").notNull(),
  draftJson: text("draft_json").notNull(),
  draftVersion: integer("draft_version").notNull(),
  draftUpdatedBy: text("draft_updated_by"),
  draftUpdatedAt: text("draft_updated_at"),
});

export const paragraphs = sqliteTable("paragraphs", {
  id: text("id").primaryKey(),
  documentId: text("document_id").notNull(),
  createdIn: integer("created_in").notNull(),
});

export const revisions = sqliteTable("revisions", {
  id: text("id").primaryKey(),
  documentId: text("document_id").notNull(),
  number: integer("number").notNull(),
  issuedAt: text("issued_at").notNull(),
  issuedBy: text("issued_by").notNull(),
  commentsOpenAt: text("comments_open_at").notNull(),
  commentsCloseAt: text("comments_close_at").notNull(),
  commentsTimeZone: text("comments_time_zone").notNull(),
  allowLate: integer("allow_late", { mode: "boolean" }).notNull(),
  paragraphCount: integer("paragraph_count").notNull(),
  bracketCount: integer("bracket_count").notNull(),
  dispositionsPublishedAt: text("dispositions_published_at"),
  adoptedAt: text("adopted_at"),
});

export const revisionParagraphs = sqliteTable(
  "revision_paragraphs",
  {
    revisionId: text("revision_id").notNull(),
    paragraphId: text("paragraph_id").notNull(),
    position: integer("position").notNull(),
    number: integer("number"),
    kind: text("kind", { enum: BLOCK_KINDS }).notNull(),
    html: text("html").notNull(),
    /** JSON array of inline markup; null when the paragraph has none. */
    footnotes: text("footnotes"),
    /** For reports: the section key. */
    section: text("section"),
  },
  (t) => [primaryKey({ columns: [t.revisionId, t.paragraphId] })],
);

export const comments = sqliteTable("comments", {
  id: text("id").primaryKey(),
  documentId: text("document_id").notNull(),
  revisionId: text("revision_id").notNull(),
  paragraphId: text("paragraph_id"),
  parentId: text("parent_id"),
  seatId: text("seat_id"),
  authorId: text("author_id").notNull(),
  kind: text("kind", { enum: ["general", "amendment"] }).notNull(),
  op: text("op", { enum: AMENDMENT_OPS }),
  quote: text("quote"),
  prefix: text("prefix"),
  suffix: text("suffix"),
  proposedText: text("proposed_text"),
  body: text("body").notNull(),
  late: integer("late", { mode: "boolean" }).notNull(),
  idempotencyKey: text("idempotency_key").notNull(),
  createdAt: text("created_at").notNull(),
  updatedAt: text("updated_at").notNull(),
  disposition: text("disposition", { enum: DISPOSITIONS }),
  dispositionReason: text("disposition_reason"),
  disposedBy: text("disposed_by"),
  disposedAt: text("disposed_at"),
  /** migrations/0011: raised by each change of the disposition, for stale-save checks. */
  dispositionVersion: integer("disposition_version").notNull().default(0),
});

export const commentEdits = sqliteTable("comment_edits", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  commentId: text("comment_id").notNull(),
  editedAt: text("edited_at").notNull(),
  editedBy: text("edited_by").notNull(),
  body: text("body").notNull(),
  proposedText: text("proposed_text"),
});

// Positions and consensus (migrations/0003_create_positions.sql)

export const positions = sqliteTable(
  "positions",
  {
    revisionId: text("revision_id").notNull(),
    seatId: text("seat_id").notNull(),
    stance: text("stance", { enum: STANCES }).notNull(),
    explanation: text("explanation"),
    paragraphIds: text("paragraph_ids").notNull(),
    recordedBy: text("recorded_by").notNull(),
    recordedAt: text("recorded_at").notNull(),
    confirmedFrom: integer("confirmed_from"),
    version: integer("version").notNull(),
  },
  (t) => [primaryKey({ columns: [t.revisionId, t.seatId] })],
);

export const positionHistory = sqliteTable("position_history", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  revisionId: text("revision_id").notNull(),
  seatId: text("seat_id").notNull(),
  stance: text("stance").notNull(),
  explanation: text("explanation"),
  paragraphIds: text("paragraph_ids").notNull(),
  recordedBy: text("recorded_by").notNull(),
  recordedAt: text("recorded_at").notNull(),
  kind: text("kind", { enum: ["record", "confirm"] }).notNull(),
});

export const positionDelegates = sqliteTable(
  "position_delegates",
  {
    seatId: text("seat_id").notNull(),
    userId: text("user_id").notNull(),
    grantedBy: text("granted_by").notNull(),
    grantedAt: text("granted_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.seatId, t.userId] })],
);

export const procedures = sqliteTable("procedures", {
  id: text("id").primaryKey(),
  revisionId: text("revision_id").notNull(),
  kind: text("kind", { enum: PROCEDURE_KINDS }).notNull(),
  openedBy: text("opened_by").notNull(),
  openedAt: text("opened_at").notNull(),
  deadline: text("deadline").notNull(),
  deadlineTimeZone: text("deadline_time_zone").notNull(),
  remindBeforeHours: integer("remind_before_hours").notNull(),
  reminderSentAt: text("reminder_sent_at"),
  status: text("status", { enum: ["open", "adopted", "broken", "not_adopted"] }).notNull(),
  closedAt: text("closed_at"),
  closedBy: text("closed_by"),
  decision: text("decision"),
  brokenBySeat: text("broken_by_seat"),
  brokenByUser: text("broken_by_user"),
  brokenText: text("broken_text"),
  // migrations/0007_add_procedure_claims.sql
  transitionClaim: text("transition_claim"),
  reminderClaim: text("reminder_claim"),
});

export const commentCounts = sqliteTable(
  "comment_counts",
  {
    documentId: text("document_id").notNull(),
    paragraphKey: text("paragraph_key").notNull(),
    revisionNumber: integer("revision_number").notNull(),
    total: integer("total").notNull(),
    amendments: integer("amendments").notNull(),
  },
  (t) => [primaryKey({ columns: [t.documentId, t.paragraphKey, t.revisionNumber] })],
);

export const meetings = sqliteTable("meetings", {
  id: text("id").primaryKey(),
  title: text("title").notNull(),
  kind: text("kind", { enum: MEETING_KINDS }).notNull(),
  trackId: integer("track_id"),
  startsAt: text("starts_at").notNull(),
  endsAt: text("ends_at").notNull(),
  timeZone: text("time_zone").notNull(),
  format: text("format", { enum: MEETING_FORMATS }).notNull(),
  room: text("room"),
  onlineUrl: text("online_url"),
  description: text("description").notNull(),
  visibility: text("visibility", { enum: VISIBILITIES }).notNull(),
  status: text("status", { enum: ["scheduled", "cancelled"] }).notNull(),
  cancelReason: text("cancel_reason"),
  overrideReason: text("override_reason"),
  quorum: integer("quorum"),
  minutesStatus: text("minutes_status", { enum: MINUTES_STATUSES }).notNull(),
  correctionsCloseAt: text("corrections_close_at"),
  minutesApprovedAt: text("minutes_approved_at"),
  minutesApprovedBy: text("minutes_approved_by"),
  sequence: integer("sequence").notNull(),
  version: integer("version").notNull(),
  createdBy: text("created_by").notNull(),
  createdAt: text("created_at").notNull(),
  updatedAt: text("updated_at").notNull(),
});

export const agendaItems = sqliteTable("agenda_items", {
  id: text("id").primaryKey(),
  meetingId: text("meeting_id").notNull(),
  position: integer("position").notNull(),
  title: text("title").notNull(),
  revisionId: text("revision_id"),
  minutes: text("minutes").notNull(),
  minutesVersion: integer("minutes_version").notNull(),
});

export const minutesVersions = sqliteTable("minutes_versions", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  agendaItemId: text("agenda_item_id").notNull(),
  version: integer("version").notNull(),
  text: text("text").notNull(),
  stage: text("stage", { enum: MINUTES_STATUSES }).notNull(),
  savedBy: text("saved_by").notNull(),
  savedAt: text("saved_at").notNull(),
});

export const minutesCorrections = sqliteTable("minutes_corrections", {
  id: text("id").primaryKey(),
  meetingId: text("meeting_id").notNull(),
  agendaItemId: text("agenda_item_id").notNull(),
  userId: text("user_id").notNull(),
  seatId: text("seat_id"),
  text: text("text").notNull(),
  status: text("status", { enum: CORRECTION_STATUSES }).notNull(),
  response: text("response"),
  resolvedBy: text("resolved_by"),
  resolvedAt: text("resolved_at"),
  createdAt: text("created_at").notNull(),
});

export const materials = sqliteTable("materials", {
  id: text("id").primaryKey(),
  meetingId: text("meeting_id").notNull(),
  agendaItemId: text("agenda_item_id"),
  objectKey: text("object_key").notNull(),
  fileName: text("file_name").notNull(),
  contentType: text("content_type").notNull(),
  size: integer("size").notNull(),
  uploadedBy: text("uploaded_by").notNull(),
  uploadedAt: text("uploaded_at").notNull(),
});

/** migrations/0011: papers removed from a meeting, kept for the secretariat to restore. */
export const deletedMaterials = sqliteTable("deleted_materials", {
  id: text("id").primaryKey(),
  meetingId: text("meeting_id").notNull(),
  agendaItemId: text("agenda_item_id"),
  objectKey: text("object_key").notNull(),
  fileName: text("file_name").notNull(),
  contentType: text("content_type").notNull(),
  size: integer("size").notNull(),
  sha256: text("sha256"),
  uploadedBy: text("uploaded_by").notNull(),
  uploadedAt: text("uploaded_at").notNull(),
  deletedBy: text("deleted_by").notNull(),
  deletedAt: text("deleted_at").notNull(),
});

export const meetingReplies = sqliteTable(
  "meeting_replies",
  {
    meetingId: text("meeting_id").notNull(),
    userId: text("user_id").notNull(),
    seatId: text("seat_id"),
    reply: text("reply", { enum: MEETING_REPLIES }).notNull(),
    repliedAt: text("replied_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.meetingId, t.userId] })],
);

export const attendance = sqliteTable(
  "attendance",
  {
    meetingId: text("meeting_id").notNull(),
    seatId: text("seat_id").notNull(),
    status: text("status", { enum: ATTENDANCE_STATUSES }).notNull(),
    recordedBy: text("recorded_by").notNull(),
    recordedAt: text("recorded_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.meetingId, t.seatId] })],
);

export const calendarTokens = sqliteTable("calendar_tokens", {
  userId: text("user_id").primaryKey(),
  tokenHash: text("token_hash").notNull(),
  createdAt: text("created_at").notNull(),
});

// Progress reports (migrations/0006_create_reports.sql)

export const reports = sqliteTable("reports", {
  id: text("id").primaryKey(),
  documentId: text("document_id").notNull(),
  session: integer("session").notNull(),
  agendaItem: text("agenda_item"),
  wordLimit: integer("word_limit").notNull(),
  originalLanguage: text("original_language", { enum: LANGUAGES }).notNull(),
  reopenedAt: text("reopened_at"),
  createdBy: text("created_by").notNull(),
  createdAt: text("created_at").notNull(),
});

export const reportSections = sqliteTable(
  "report_sections",
  {
    reportId: text("report_id").notNull(),
    key: text("key").notNull(),
    position: integer("position").notNull(),
    type: text("type", { enum: SECTION_TYPES }).notNull(),
    title: text("title").notNull(),
    trackId: integer("track_id"),
    sourceRevisionId: text("source_revision_id"),
    blocksJson: text("blocks_json").notNull(),
    generatedHash: text("generated_hash"),
    generatedAt: text("generated_at"),
    version: integer("version").notNull(),
    updatedBy: text("updated_by"),
    updatedAt: text("updated_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.reportId, t.key] })],
);

export const reportTranslations = sqliteTable(
  "report_translations",
  {
    reportId: text("report_id").notNull(),
    revisionId: text("revision_id").notNull(),
    language: text("language", { enum: LANGUAGES }).notNull(),
    state: text("state", { enum: ["in_progress", "final"] }).notNull(),
    paragraphsJson: text("paragraphs_json").notNull(),
    version: integer("version").notNull(),
    updatedBy: text("updated_by").notNull(),
    updatedAt: text("updated_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.revisionId, t.language] })],
);

export const publications = sqliteTable("publications", {
  id: text("id").primaryKey(),
  reportId: text("report_id").notNull(),
  kind: text("kind", { enum: PUBLICATION_KINDS }).notNull(),
  symbol: text("symbol").notNull(),
  title: text("title").notNull(),
  revisionId: text("revision_id"),
  correctsId: text("corrects_id"),
  publishedAt: text("published_at").notNull(),
  publishedBy: text("published_by").notNull(),
});

export const publicationTexts = sqliteTable(
  "publication_texts",
  {
    publicationId: text("publication_id").notNull(),
    language: text("language", { enum: LANGUAGES }).notNull(),
    content: text("content").notNull(),
    sha256: text("sha256").notNull(),
    publishedAt: text("published_at").notNull(),
    publishedBy: text("published_by").notNull(),
  },
  (t) => [primaryKey({ columns: [t.publicationId, t.language] })],
);
