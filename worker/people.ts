// How a person is shown: the one rule every response that carries a person's
// name goes through. Members and officers see names; the public and observers
// see a name only where its person allowed it (users.name_public, set in the
// members directory). Seats are always named: positions belong to the seat.
import type { OfficerRole } from "./db/schema";
import { type Actor, can } from "./policy";

/** What the rule needs to know about a person; null fields come from outer joins. */
export type Person = { name: string | null; namePublic: boolean | null };

export function personNameFor(viewer: Actor, person: Person): string | null {
  if (!person.name) return null;
  return person.namePublic || can(viewer, "people.viewNames") ? person.name : null;
}

const OFFICES: Record<OfficerRole, string> = { chair: "Chair", vice_chair: "Vice-Chair", secretariat: "Secretariat" };

/** An officer's office, for where a name is hidden and there is no seat to name instead. */
export const officeName = (role: OfficerRole | null | undefined) => (role ? OFFICES[role] : null);
