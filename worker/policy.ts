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
  /** A track's id; null for plenary business. */
  trackId?: number | null;
  /** A document's visibility. */
  visibility?: "members" | "public";
  /** Who wrote the thing being changed. */
  authorId?: string;
  /** Delegates the seat's head has allowed to record its positions. */
  positionDelegateIds?: string[];
  seatId?: string | null;
  /** For meeting minutes: the person's seat was present, or they said they would attend. */
  attended?: boolean;
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
  if (typeof scope.trackId === "number" && actor.facilitatedTrackIds.includes(scope.trackId)) roles.add("cofacilitator");
  if (actor.officerRole) roles.add(actor.officerRole);
  return roles;
}

type Rule = (actor: SignedIn, roles: Set<Role>, scope: Scope) => boolean;

const anyone = () => true;
const signedIn: Rule = () => true;
const secretariat: Rule = (_a, r) => r.has("secretariat");
const member: Rule = (_a, r) => r.has("head") || r.has("delegate");

/** People who speak for a Member State or non-state seat (not observers). */
const memberSeat: Rule = (a, r) => (r.has("head") || r.has("delegate")) && a.seatKind !== "observer";
const officer: Rule = (_a, r) => r.has("chair") || r.has("vice_chair") || r.has("secretariat");
/** Track business belongs to its co-facilitators; plenary business to the Chair. Both to the secretariat. */
const leadsBusiness: Rule = (_a, r, s) =>
  r.has("secretariat") || r.has("chair") || (s.trackId == null ? r.has("vice_chair") : r.has("cofacilitator"));
/** Members-only documents: members, co-facilitators and officers; observers follow public ones. */
const readsDocument: Rule = (a, r, s) =>
  s.visibility === "public" || memberSeat(a, r, s) || officer(a, r, s) || a.facilitatedTrackIds.length > 0;

/** Members, co-facilitators and officers take part in the work; observers and the public follow what is public. */
const takesPart: Rule = (a, r, s) => memberSeat(a, r, s) || officer(a, r, s) || a.facilitatedTrackIds.length > 0;

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
  "members.viewContacts": (a, r, s) => r.has("secretariat") || (member(a, r, s) && s.seatId === a.seatId),
  "profile.update": signedIn,
  "users.list": secretariat,
  "users.invite": inviteOrAssign,
  "users.changeRoles": secretariat,
  "users.deactivate": secretariat,
  /** Bringing an account back is the secretariat's act alone, never an invitation's; rights are then granted again one by one. */
  "users.reactivate": secretariat,
  "outbox.view": secretariat,
  "audit.view": secretariat,
  "documents.view": (a, r, s) => readsDocument(a, r, s),
  "documents.edit": leadsBusiness,
  "comments.create": (a, r, s) => memberSeat(a, r, s) && readsDocument(a, r, s),
  "comments.reply": (a, r, s) => (memberSeat(a, r, s) || leadsBusiness(a, r, s)) && readsDocument(a, r, s),
  // The author, still on the seat the comment was made for (`seatId`: the comment's seat, null for none).
  "comments.edit": (a, _r, s) => s.authorId === a.userId && s.seatId !== undefined && s.seatId === a.seatId,
  "comments.dispose": leadsBusiness,
  "comments.viewDispositions": leadsBusiness,
  /**
   * Deliberations on a draft (comments, amendments, replies, seats' positions, the board,
   * position history) belong to members and officers, even on public documents.
   */
  "deliberations.view": (a, r, s) => takesPart(a, r, s) && readsDocument(a, r, s),
  /** Names of people: members and officers see them; others only where the person allowed it (worker/people.ts). */
  "people.viewNames": takesPart,
  // Positions belong to the seat: its head records them, or a delegate the head allowed.
  "positions.record": (a, r, s) =>
    memberSeat(a, r, s) &&
    s.seatId === a.seatId &&
    (r.has("head") || (s.positionDelegateIds ?? []).includes(a.userId)) &&
    readsDocument(a, r, s),
  "positions.allowDelegates": (a, r, s) => r.has("head") && s.seatId === a.seatId,
  // The Chair (or a Vice-Chair presiding) runs consensus rounds and silence procedures.
  "consensus.run": (_a, r) => r.has("chair") || r.has("vice_chair"),
  // Meetings follow the same split: the Chair schedules plenary meetings, co-facilitators their track's.
  "meetings.view": (a, r, s) => readsDocument(a, r, s),
  "meetings.schedule": leadsBusiness,
  "meetings.reply": (a, r, s) => readsDocument(a, r, s),
  /** The online link: members, co-facilitators and officers; never observers or the public, even for a public meeting. */
  "meetings.join": takesPart,
  /** The attendance register (which seat was there): the same people as the online link. */
  "meetings.viewRegister": takesPart,
  "meetings.keepRegister": leadsBusiness,
  /** Signed-in people follow the schedule: their own next meetings and the fairness view. */
  "meetings.follow": signedIn,
  "minutes.keep": leadsBusiness,
  "minutes.correct": (a, r, s) => leadsBusiness(a, r, s) || (readsDocument(a, r, s) && s.attended === true),
  /** Removed meeting papers are kept; the secretariat lists, reads and restores them. */
  "materials.recover": secretariat,
  // The secretariat compiles, translates and publishes the progress reports; review and
  // adoption use the documents' and consensus rules, as for any plenary document.
  "reports.compile": secretariat,
  "reports.translate": secretariat,
  "reports.publish": secretariat,
} satisfies Record<string, Rule | typeof anyone>;

export type Action = keyof typeof RULES;
export const ACTIONS = Object.keys(RULES) as Action[];

const PUBLIC_READS = new Set<Action>(["documents.view", "meetings.view"]);

export function can(actor: Actor, action: Action, scope: Scope = {}): boolean {
  const rule = RULES[action] as Rule;
  if (rule === anyone) return true;
  // Public documents and meetings are readable without signing in.
  if (actor.kind === "anonymous") return PUBLIC_READS.has(action) && scope.visibility === "public";
  return rule(actor, rolesOf(actor, scope), scope);
}

/** For actions that need a signed-in actor: 401 when anonymous, 403 when the role does not allow it. */
export function authorize(actor: Actor, action: Action, scope: Scope = {}): SignedIn {
  if (actor.kind === "anonymous") throw unauthorized();
  if (!can(actor, action, scope)) throw forbidden();
  return actor;
}
