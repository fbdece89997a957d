import { asc, eq } from "drizzle-orm";
import { Hono } from "hono";
import { describeRoute } from "hono-openapi";
import { seats, users } from "../db/schema";
import type { AppEnv } from "../env";
import { can } from "../policy";

/**
 * The members directory. Seats are public, as in any UN membership list;
 * delegates' names need a sign-in, and their email addresses are shown only
 * to the secretariat and to colleagues on the same seat.
 */
export const members = new Hono<AppEnv>().get(
  "/",
  describeRoute({ tags: ["members"], summary: "Seats with their groups, and delegates for signed-in members" }),
  async (c) => {
    const actor = c.get("actor");
    const db = c.get("db");
    const withDelegates = can(actor, "members.viewDelegates");
    const [seatRows, people] = await db.batch([
      db.select().from(seats).orderBy(asc(seats.name)),
      db
        .select({ id: users.id, name: users.name, email: users.email, seatId: users.seatId, seatRole: users.seatRole })
        .from(users)
        .where(withDelegates ? eq(users.active, true) : eq(users.id, ""))
        .orderBy(asc(users.name)),
    ]);
    const bySeat = new Map<string, { id: string; name: string; email: string | null; head: boolean }[]>();
    for (const p of people) {
      if (!p.seatId) continue;
      const email = can(actor, "members.viewContacts", { seatId: p.seatId }) ? p.email : null;
      const list = bySeat.get(p.seatId) ?? [];
      list.push({ id: p.id, name: p.name, email, head: p.seatRole === "head" });
      bySeat.set(p.seatId, list);
    }
    return c.json(
      {
        seats: seatRows.map((s) => ({
          id: s.id,
          name: s.name,
          shortName: s.shortName,
          kind: s.kind,
          regionalGroup: s.regionalGroup,
          stakeholderGroup: s.stakeholderGroup,
          // Heads first, then by name.
          delegates: withDelegates ? (bySeat.get(s.id) ?? []).sort((a, b) => Number(b.head) - Number(a.head)) : null,
        })),
      },
      200,
    );
  },
);
