// Input schemas shared by the API and the React forms.
import { z } from "zod";
import { LANGUAGES, OFFICER_ROLES, SEAT_ROLES } from "../db/enums";

export const LOCALES = LANGUAGES;
export type Locale = (typeof LOCALES)[number];

export const Email = z.email({ error: "Enter a valid email address." }).max(254).transform((e) => e.toLowerCase());
export const Password = z
  .string()
  .min(12, { error: "Use at least 12 characters." })
  .max(200, { error: "Use at most 200 characters." });
export const PersonName = z.string().trim().min(1, { error: "Enter a name." }).max(120);

const isTimeZone = (tz: string) => {
  try {
    new Intl.DateTimeFormat("en", { timeZone: tz });
    return tz.includes("/") || tz === "UTC";
  } catch {
    return false;
  }
};
export const TimeZone = z.string().max(64).refine(isTimeZone, { error: "Unknown time zone." });

export const LoginBody = z.strictObject({ email: Email, password: z.string().min(1).max(200) });
export const ResetRequestBody = z.strictObject({ email: Email });
export const ResetConfirmBody = z.strictObject({ token: z.string().min(20).max(100), password: Password });
export const AcceptInvitationBody = z.strictObject({ name: PersonName, password: Password });
export const ProfileBody = z
  .strictObject({ name: PersonName, locale: z.enum(LOCALES), timeZone: TimeZone })
  .partial();

const Grants = {
  seatId: z.string().min(1).max(64).nullable().optional(),
  seatRole: z.enum(SEAT_ROLES).nullable().optional(),
  officerRole: z.enum(OFFICER_ROLES).nullable().optional(),
};
const seatNeedsRole = (g: { seatId?: string | null; seatRole?: string | null }) => !g.seatId === !g.seatRole;

export const InviteBody = z
  .strictObject({ email: Email, name: PersonName, ...Grants })
  .refine(seatNeedsRole, { error: "A seat needs a role (head or delegate), and a role needs a seat.", path: ["seatRole"] })
  .refine((g) => g.seatId || g.officerRole, { error: "Choose a seat or an officer role.", path: ["seatId"] });

// A partial update: the route checks seat and role together after merging with the current values.
export const RolesBody = z.strictObject({ ...Grants, facilitatedTrackIds: z.array(z.int().min(1).max(99)).max(4).optional() });
