// The whole matrix of roles by actions, first against the policy module, then
// through the HTTP routes that ask it.
import { describe, expect, it } from "vitest";
import { ACTIONS, ANONYMOUS, can, type Action, type Actor, type Role, type Scope } from "../worker/policy";
import { Agent, DEMO_ACCOUNTS, signIn } from "./helpers";

const person = (over: Partial<Extract<Actor, { kind: "user" }>>): Actor => ({
  kind: "user",
  userId: "u-x",
  name: "X",
  email: "x@plenary.test",
  seatId: null,
  seatKind: null,
  seatName: null,
  seatRole: null,
  officerRole: null,
  facilitatedTrackIds: [],
  locale: "en",
  timeZone: "Europe/Zurich",
  ...over,
});

const PERSONAS: Record<Role, Actor> = {
  public: ANONYMOUS,
  observer: person({ seatId: "obs-european-union", seatKind: "observer", seatRole: "head" }),
  delegate: person({ seatId: "ms-kenya", seatKind: "member_state", seatRole: "delegate" }),
  head: person({ seatId: "ms-brazil", seatKind: "member_state", seatRole: "head" }),
  cofacilitator: person({ seatId: "ms-switzerland", seatKind: "member_state", seatRole: "delegate", facilitatedTrackIds: [1] }),
  vice_chair: person({ officerRole: "vice_chair" }),
  chair: person({ officerRole: "chair" }),
  secretariat: person({ officerRole: "secretariat" }),
};

// The scope each action is asked about: track 1; the actor's own seat for
// seat-level actions; a delegate invitation to Brazil for invitations.
const SCOPES: Partial<Record<Action, Scope>> = {
  "tracks.editMandate": { trackId: 1 },
  "members.viewContacts": { seatId: "ms-brazil" },
  "users.invite": { seatId: "ms-brazil", grants: { seatRole: "delegate" } },
  "users.changeRoles": { seatId: "ms-brazil", grants: { seatRole: "delegate" } },
  "documents.view": { trackId: 1, visibility: "members" },
  "documents.edit": { trackId: 1, visibility: "members" },
  "comments.create": { trackId: 1, visibility: "members" },
  "comments.reply": { trackId: 1, visibility: "members" },
  "comments.edit": { trackId: 1, visibility: "members", authorId: "u-x", seatId: "ms-brazil" },
  "comments.dispose": { trackId: 1, visibility: "members" },
  "comments.viewDispositions": { trackId: 1, visibility: "members" },
  // On a public draft: reading the text is not reading the deliberations.
  "deliberations.view": { trackId: 1, visibility: "public" },
  "positions.record": { trackId: 1, visibility: "members", seatId: "ms-brazil" },
  "positions.allowDelegates": { seatId: "ms-brazil" },
  "consensus.run": { trackId: 1, visibility: "members" },
  "meetings.view": { trackId: 1, visibility: "members" },
  "meetings.schedule": { trackId: 1, visibility: "members" },
  "meetings.reply": { trackId: 1, visibility: "members" },
  // A public meeting: its link and register are still for members and officers only.
  "meetings.join": { trackId: 1, visibility: "public" },
  "meetings.viewRegister": { trackId: 1, visibility: "public" },
  "meetings.keepRegister": { trackId: 1, visibility: "members" },
  "minutes.keep": { trackId: 1, visibility: "members" },
  "minutes.correct": { trackId: 1, visibility: "members", attended: true },
  "materials.recover": { trackId: 1, visibility: "members" },
};

const Y = true;
const N = false;
//                            public observer delegate head  cofac vice  chair secr
const EXPECTED: Record<Action, boolean[]> = {
  "tracks.view":             [Y,     Y,       Y,       Y,    Y,    Y,    Y,    Y],
  "tracks.editMandate":      [N,     N,       N,       N,    Y,    N,    Y,    Y],
  "members.view":            [Y,     Y,       Y,       Y,    Y,    Y,    Y,    Y],
  "members.viewContacts":    [N,     N,       N,       Y,    N,    N,    N,    Y],
  "profile.update":          [N,     Y,       Y,       Y,    Y,    Y,    Y,    Y],
  "users.list":              [N,     N,       N,       N,    N,    N,    N,    Y],
  "users.invite":            [N,     N,       N,       Y,    N,    N,    N,    Y],
  "users.changeRoles":       [N,     N,       N,       N,    N,    N,    N,    Y],
  "users.deactivate":        [N,     N,       N,       N,    N,    N,    N,    Y],
  "users.reactivate":        [N,     N,       N,       N,    N,    N,    N,    Y],
  "outbox.view":             [N,     N,       N,       N,    N,    N,    N,    Y],
  "audit.view":              [N,     N,       N,       N,    N,    N,    N,    Y],
  "documents.view":          [N,     N,       Y,       Y,    Y,    Y,    Y,    Y],
  "documents.edit":          [N,     N,       N,       N,    Y,    N,    Y,    Y],
  "comments.create":         [N,     N,       Y,       Y,    Y,    N,    N,    N],
  "comments.reply":          [N,     N,       Y,       Y,    Y,    N,    Y,    Y],
  "comments.edit":           [N,     N,       N,       Y,    N,    N,    N,    N],
  "comments.dispose":        [N,     N,       N,       N,    Y,    N,    Y,    Y],
  "comments.viewDispositions": [N,   N,       N,       N,    Y,    N,    Y,    Y],
  "deliberations.view":      [N,     N,       Y,       Y,    Y,    Y,    Y,    Y],
  "people.viewNames":        [N,     N,       Y,       Y,    Y,    Y,    Y,    Y],
  "positions.record":        [N,     N,       N,       Y,    N,    N,    N,    N],
  "positions.allowDelegates": [N,    N,       N,       Y,    N,    N,    N,    N],
  "consensus.run":           [N,     N,       N,       N,    N,    Y,    Y,    N],
  "meetings.view":           [N,     N,       Y,       Y,    Y,    Y,    Y,    Y],
  "meetings.schedule":       [N,     N,       N,       N,    Y,    N,    Y,    Y],
  "meetings.reply":          [N,     N,       Y,       Y,    Y,    Y,    Y,    Y],
  "meetings.join":           [N,     N,       Y,       Y,    Y,    Y,    Y,    Y],
  "meetings.viewRegister":   [N,     N,       Y,       Y,    Y,    Y,    Y,    Y],
  "meetings.keepRegister":   [N,     N,       N,       N,    Y,    N,    Y,    Y],
  "meetings.follow":         [N,     Y,       Y,       Y,    Y,    Y,    Y,    Y],
  "minutes.keep":            [N,     N,       N,       N,    Y,    N,    Y,    Y],
  "minutes.correct":         [N,     N,       Y,       Y,    Y,    Y,    Y,    Y],
  "materials.recover":       [N,     N,       N,       N,    N,    N,    N,    Y],
  "reports.compile":         [N,     N,       N,       N,    N,    N,    N,    Y],
  "reports.translate":       [N,     N,       N,       N,    N,    N,    N,    Y],
  "reports.publish":         [N,     N,       N,       N,    N,    N,    N,    Y],
};

describe("policy matrix", () => {
  it("covers every action", () => {
    expect(Object.keys(EXPECTED).sort()).toEqual([...ACTIONS].sort());
  });

  const roles = Object.keys(PERSONAS) as Role[];
  for (const action of ACTIONS) {
    it(action, () => {
      const actual = roles.map((r) => can(PERSONAS[r], action, SCOPES[action]));
      expect(Object.fromEntries(roles.map((r, i) => [r, actual[i]]))).toEqual(
        Object.fromEntries(roles.map((r, i) => [r, EXPECTED[action][i]])),
      );
    });
  }

  it("co-facilitation counts only for the facilitator's own track", () => {
    expect(can(PERSONAS.cofacilitator, "tracks.editMandate", { trackId: 1 })).toBe(true);
    expect(can(PERSONAS.cofacilitator, "tracks.editMandate", { trackId: 2 })).toBe(false);
  });

  it("public documents are readable by all; plenary documents belong to the Chair, Vice-Chairs and secretariat", () => {
    const pub = { trackId: 1, visibility: "public" as const };
    expect((Object.keys(PERSONAS) as Role[]).every((r) => can(PERSONAS[r], "documents.view", pub))).toBe(true);
    const plenary = { trackId: null, visibility: "members" as const };
    expect(can(PERSONAS.vice_chair, "documents.edit", plenary)).toBe(true);
    expect(can(PERSONAS.cofacilitator, "documents.edit", plenary)).toBe(false);
    expect(can(PERSONAS.head, "comments.edit", { authorId: "someone-else" })).toBe(false);
  });

  it("a comment's author edits it only while on the seat it was made for; seatless comments stay their officer's", () => {
    const onBrazil = { trackId: 1, visibility: "members" as const, authorId: "u-x", seatId: "ms-brazil" };
    expect(can(PERSONAS.head, "comments.edit", onBrazil)).toBe(true);
    // The same person moved to Kenya's seat, or a caller that forgot to say which seat the comment was for.
    expect(can(person({ seatId: "ms-kenya", seatKind: "member_state", seatRole: "delegate" }), "comments.edit", onBrazil)).toBe(false);
    expect(can(PERSONAS.head, "comments.edit", { ...onBrazil, seatId: undefined })).toBe(false);
    expect(can(PERSONAS.chair, "comments.edit", { ...onBrazil, seatId: null })).toBe(true);
    expect(can(PERSONAS.head, "comments.edit", { ...onBrazil, seatId: null })).toBe(false);
  });

  it("a delegate records the seat's position only when the head allowed it, and only for their own seat", () => {
    const scope = { trackId: 1, visibility: "members" as const, seatId: "ms-kenya" };
    expect(can(PERSONAS.delegate, "positions.record", scope)).toBe(false);
    expect(can(PERSONAS.delegate, "positions.record", { ...scope, positionDelegateIds: ["u-x"] })).toBe(true);
    expect(can(PERSONAS.delegate, "positions.record", { ...scope, seatId: "ms-brazil", positionDelegateIds: ["u-x"] })).toBe(false);
    expect(can(PERSONAS.observer, "positions.record", { ...scope, seatId: "obs-european-union" })).toBe(false);
  });

  it("a head may invite only delegates, only to their own seat", () => {
    const head = PERSONAS.head;
    expect(can(head, "users.invite", { seatId: "ms-brazil", grants: { seatRole: "delegate" } })).toBe(true);
    expect(can(head, "users.invite", { seatId: "ms-kenya", grants: { seatRole: "delegate" } })).toBe(false);
    expect(can(head, "users.invite", { seatId: "ms-brazil", grants: { seatRole: "head" } })).toBe(false);
    expect(can(head, "users.invite", { seatId: "ms-brazil", grants: { seatRole: "delegate", officerRole: "chair" } })).toBe(false);
  });
});

// Every role that may schedule posts the same slot: the override reason lets the later ones through.
const MEETING = {
  title: "Policy check",
  kind: "plenary",
  trackId: null,
  start: "2027-05-04T10:00",
  end: "2027-05-04T11:00",
  timeZone: "Europe/Zurich",
  format: "online",
  overrideReason: "Policy test",
};

describe("routes ask the policy", () => {
  const accounts: [string, string | null][] = [
    ["public", null],
    ["observer", DEMO_ACCOUNTS.observer],
    ["delegate", DEMO_ACCOUNTS.delegate],
    ["head", DEMO_ACCOUNTS.head],
    ["cofacilitator", DEMO_ACCOUNTS.cofacilitator],
    ["vice_chair", DEMO_ACCOUNTS.viceChair],
    ["chair", DEMO_ACCOUNTS.chair],
    ["secretariat", DEMO_ACCOUNTS.secretariat],
  ];
  const agents = new Map<string, Agent>();
  const agent = async (role: string, email: string | null) => {
    if (!agents.has(role)) agents.set(role, email ? await signIn(email) : new Agent());
    return agents.get(role)!;
  };

  // role → expected status for each request
  const cases: { name: string; path: string; init?: { method?: string; json?: unknown }; expect: number[] }[] = [
    { name: "list people", path: "/api/admin/users", expect: [401, 403, 403, 403, 403, 403, 403, 200] },
    { name: "read outbox", path: "/api/admin/outbox", expect: [401, 403, 403, 403, 403, 403, 403, 200] },
    { name: "read audit log", path: "/api/admin/audit", expect: [401, 403, 403, 403, 403, 403, 403, 200] },
    { name: "read tracks", path: "/api/tracks/principles", expect: [200, 200, 200, 200, 200, 200, 200, 200] },
    {
      name: "edit track 1 mandate",
      path: "/api/tracks/principles",
      init: { method: "PATCH", json: { mandate: "Identify fundamental principles of data governance, as revised by the test." } },
      expect: [401, 403, 403, 403, 200, 403, 200, 200],
    },
    {
      name: "edit track 2 mandate",
      path: "/api/tracks/interoperability",
      init: { method: "PATCH", json: { mandate: "Examine options for interoperability, as revised by the test." } },
      expect: [401, 403, 403, 403, 403, 403, 200, 200],
    },
    {
      name: "schedule a track 1 meeting",
      path: "/api/meetings",
      init: { json: { ...MEETING, kind: "track", trackId: 1 } },
      expect: [401, 403, 403, 403, 201, 403, 201, 201],
    },
    { name: "schedule a plenary meeting", path: "/api/meetings", init: { json: MEETING }, expect: [401, 403, 403, 403, 403, 201, 201, 201] },
    { name: "read the fairness view", path: "/api/meetings/fairness", expect: [401, 200, 200, 200, 200, 200, 200, 200] },
    { name: "update own profile", path: "/api/me", init: { method: "PATCH", json: { timeZone: "Africa/Nairobi" } }, expect: [401, 200, 200, 200, 200, 200, 200, 200] },
  ];

  for (const c of cases) {
    it(c.name, async () => {
      const got: Record<string, number> = {};
      const want: Record<string, number> = {};
      for (const [i, [role, email]] of accounts.entries()) {
        got[role] = (await (await agent(role, email)).fetch(c.path, c.init)).status;
        want[role] = c.expect[i]!;
      }
      expect(got).toEqual(want);
    });
  }

  it("shows delegates to members and officers (to others only those who allowed it) and contacts only to the secretariat and the seat's own members", async () => {
    const brazil = (body: any) => body.seats.find((s: any) => s.id === "ms-brazil");
    // Nobody in the demo has allowed the public to see their name.
    const anon = await (await agent("public", null)).json("/api/seats");
    expect(brazil(anon.body).delegates).toEqual([]);
    expect(anon.body.delegateNames).toBe("consented");
    const observer = await (await agent("observer", DEMO_ACCOUNTS.observer)).json("/api/seats");
    expect(brazil(observer.body).delegates).toEqual([]);
    const kenya = await (await agent("delegate", DEMO_ACCOUNTS.delegate)).json("/api/seats");
    expect(brazil(kenya.body).delegates.length).toBeGreaterThan(0);
    expect(brazil(kenya.body).delegates.every((d: any) => d.email === null)).toBe(true);
    const head = await (await agent("head", DEMO_ACCOUNTS.head)).json("/api/seats");
    expect(brazil(head.body).delegates.some((d: any) => d.email === DEMO_ACCOUNTS.head)).toBe(true);
    const sec = await (await agent("secretariat", DEMO_ACCOUNTS.secretariat)).json("/api/seats");
    expect(sec.body.seats.find((s: any) => s.id === "ms-kenya").delegates.every((d: any) => d.email)).toBe(true);
  });
});
