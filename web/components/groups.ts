import type { MessageKey } from "../i18n";

export const REGIONS = ["african", "asia_pacific", "eastern_european", "grulac", "weog"] as const;
export const STAKEHOLDERS = ["civil_society", "private_sector", "technical_community", "academia", "international_organizations"] as const;

type SeatLike = { kind: "member_state" | "non_state" | "observer"; regionalGroup: string | null; stakeholderGroup: string | null };
export type Group<S> = { key: string; label: MessageKey; seats: S[] };
export type Section<S> = { kind: SeatLike["kind"]; label: MessageKey; groups: Group<S>[] };

/** Member States by regional group, non-state members by stakeholder group, then observers. */
export function groupSeats<S extends SeatLike>(seats: S[]): Section<S>[] {
  const sections: Section<S>[] = [
    {
      kind: "member_state",
      label: "kinds.member_state",
      groups: REGIONS.map((r) => ({ key: r, label: `region.${r}` as const, seats: seats.filter((s) => s.kind === "member_state" && s.regionalGroup === r) })),
    },
    {
      kind: "non_state",
      label: "kinds.non_state",
      groups: STAKEHOLDERS.map((g) => ({
        key: g,
        label: `stakeholder.${g}` as const,
        seats: seats.filter((s) => s.kind === "non_state" && s.stakeholderGroup === g),
      })),
    },
    { kind: "observer", label: "kinds.observer", groups: [{ key: "observer", label: "kinds.observer", seats: seats.filter((s) => s.kind === "observer") }] },
  ];
  return sections
    .map((s) => ({ ...s, groups: s.groups.filter((g) => g.seats.length > 0) }))
    .filter((s) => s.groups.length > 0);
}
