import { and, asc, eq } from "drizzle-orm";
import { Hono } from "hono";
import { describeRoute } from "hono-openapi";
import { errors, jsonResponse } from "../openapi";
import { z } from "zod";
import { auditContext, writeAudited } from "../audit";
import { seats, users } from "../db/schema";
import type { AppEnv } from "../env";
import { personNameFor } from "../people";
import { authorize, can } from "../policy";
import { v } from "../validation";

const NameVisibilityBody = z.strictObject({ namePublic: z.boolean() });

/**
 * The members directory. Seats are public, as in any UN membership list.
 * Delegates are listed by name to members and officers; to the public and
 * observers only those who allowed it (worker/people.ts). Email addresses are
 * shown only to the secretariat and to colleagues on the same seat.
 */
export const members = new Hono<AppEnv>()
  .get(
    "/",
    describeRoute({ tags: ["members"], summary: "Seats with their groups, and the delegates whose names the caller may see", responses: { 200: jsonResponse("Seats with their groups, and the delegates whose names the caller may see") } }),
    async (c) => {
      const actor = c.get("actor");
      const db = c.get("db");
      const allNames = can(actor, "people.viewNames");
      const [seatRows, people] = await db.batch([
        db.select().from(seats).orderBy(asc(seats.name)),
        db
          .select({ id: users.id, name: users.name, namePublic: users.namePublic, email: users.email, seatId: users.seatId, seatRole: users.seatRole })
          .from(users)
          // Not even a count of the others: only people the caller may see named.
          .where(allNames ? eq(users.active, true) : and(eq(users.active, true), eq(users.namePublic, true)))
          .orderBy(asc(users.name)),
      ]);
      const bySeat = new Map<string, { id: string; name: string; email: string | null; head: boolean }[]>();
      for (const p of people) {
        const name = personNameFor(actor, p);
        if (!p.seatId || !name) continue;
        const email = can(actor, "members.viewContacts", { seatId: p.seatId }) ? p.email : null;
        const list = bySeat.get(p.seatId) ?? [];
        list.push({ id: p.id, name, email, head: p.seatRole === "head" });
        bySeat.set(p.seatId, list);
      }
      const me = actor.kind === "user" ? people.find((p) => p.id === actor.userId) : undefined;
      return c.json(
        {
          /** "all": every delegate is listed; "consented": only those who let the public see their name. */
          delegateNames: allNames ? ("all" as const) : ("consented" as const),
          me: actor.kind === "user" ? { namePublic: me?.namePublic ?? false } : null,
          seats: seatRows.map((s) => ({
            id: s.id,
            name: s.name,
            shortName: s.shortName,
            kind: s.kind,
            regionalGroup: s.regionalGroup,
            stakeholderGroup: s.stakeholderGroup,
            // Heads first, then by name.
            delegates: (bySeat.get(s.id) ?? []).sort((a, b) => Number(b.head) - Number(a.head)),
          })),
        },
        200,
      );
    },
  )
  .put(
    "/me",
    describeRoute({ tags: ["members"], summary: "Let the public and observers see one's name (in the directory and wherever one's name appears), or stop it", responses: { 200: jsonResponse("Done"), ...errors(400, 401) } }),
    v("json", NameVisibilityBody),
    async (c) => {
      const actor = authorize(c.get("actor"), "profile.update");
      const db = c.get("db");
      const { namePublic } = c.req.valid("json");
      const [before] = await db.select({ namePublic: users.namePublic }).from(users).where(eq(users.id, actor.userId));
      await writeAudited(
        auditContext(c),
        [{ action: "user.name_public", targetType: "user", targetId: actor.userId, before: { namePublic: before?.namePublic ?? false }, after: { namePublic } }],
        [db.update(users).set({ namePublic, updatedAt: new Date().toISOString() }).where(eq(users.id, actor.userId))],
      );
      return c.json({ namePublic }, 200);
    },
  );
