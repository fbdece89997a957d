// Who may do what. Every route asks `can` (or `authorize`); no route compares
// role strings itself. test/policy.test.ts walks the whole matrix.
import type { OfficerRole, SeatKind, SeatRole } from "./db/schema";
import { forbidden, unauthorized } from "./errors";

export type SignedIn = {
  kind: "user";
  userId: string;
  name: string;
  email: string;
  seatId: string | null;
  seatKind: SeatKind | null;
  seatName: string | null;
  seatRole: SeatRole | null;
  officerRole: OfficerRole | null;
  facilitatedTrackIds: number[];
  locale: string;
  timeZone: string;
};
export type Actor = { kind: "anonymous" } | SignedIn;
export const ANONYMOUS: Actor = { kind: "anonymous" };

/** What an action is about, where the answer depends on it. */
export type Scope = {
  trackId?: number;
  seatId?: string | null;
  /** For invitations and role changes: the roles being handed out. */
  grants?: { seatRole?: SeatRole | null; officerRole?: OfficerRole | null; facilitatedTrackIds?: number[] };
};

export const ROLES = [
  "public",
  "observer",
  "delegate",
  "head",
  "cofacilitator",
  "vice_chair",
  "chair",
  "secretariat",
] as const;
export type Role = (typeof ROLES)[number];

/** The roles an actor holds; co-facilitation counts only for the tracks they lead. */
export function rolesOf(actor: Actor, scope: Scope = {}): Set<Role> {
  const roles = new Set<Role>(["public"]);
  if (actor.kind === "anonymous") return roles;
  if (actor.seatKind === "observer") roles.add("observer");
  else if (actor.seatRole === "head") roles.add("head");
  else if (actor.seatRole === "delegate") roles.add("delegate");
  if (scope.trackId !== undefined && actor.facilitatedTrackIds.includes(scope.trackId)) roles.add("cofacilitator");
  if (actor.officerRole) roles.add(actor.officerRole);
  return roles;
}

type Rule = (actor: SignedIn, roles: Set<Role>, scope: Scope) => boolean;

const anyone = () => true;
const signedIn: Rule = () => true;
const secretariat: Rule = (_a, r) => r.has("secretariat");
const member: Rule = (_a, r) => r.has("head") || r.has("delegate");

/** A head of delegation may bring delegates onto their own seat; the secretariat may grant anything. */
const inviteOrAssign: Rule = (a, r, s) =>
  r.has("secretariat") ||
  (r.has("head") &&
    s.seatId === a.seatId &&
    s.grants?.seatRole === "delegate" &&
    !s.grants.officerRole &&
    !s.grants.facilitatedTrackIds?.length);

export const RULES = {
  "tracks.view": anyone,
  "tracks.editMandate": (_a, r) => r.has("cofacilitator") || r.has("chair") || r.has("secretariat"),
  "members.view": anyone,
  "members.viewDelegates": signedIn,
  "members.viewContacts": (a, r, s) => r.has("secretariat") || (member(a, r, s) && s.seatId === a.seatId),
  "profile.update": signedIn,
  "users.list": secretariat,
  "users.invite": inviteOrAssign,
  "users.changeRoles": secretariat,
  "users.deactivate": secretariat,
  "outbox.view": secretariat,
  "audit.view": secretariat,
} satisfies Record<string, Rule | typeof anyone>;

export type Action = keyof typeof RULES;
export const ACTIONS = Object.keys(RULES) as Action[];

export function can(actor: Actor, action: Action, scope: Scope = {}): boolean {
  const rule = RULES[action] as Rule;
  if (rule === anyone) return true;
  if (actor.kind === "anonymous") return false;
  return rule(actor, rolesOf(actor, scope), scope);
}

/** For actions that need a signed-in actor: 401 when anonymous, 403 when the role does not allow it. */
export function authorize(actor: Actor, action: Action, scope: Scope = {}): SignedIn {
  if (actor.kind === "anonymous") throw unauthorized();
  if (!can(actor, action, scope)) throw forbidden();
  return actor;
}
