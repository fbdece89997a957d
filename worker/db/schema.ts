// Drizzle view of the tables. The SQL in migrations/ is the source of truth;
// keep this file in step with it.
import { integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";

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
