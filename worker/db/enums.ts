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
