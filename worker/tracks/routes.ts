import { asc, eq } from "drizzle-orm";
import { Hono } from "hono";
import { describeRoute } from "hono-openapi";
import { errors, jsonResponse } from "../openapi";
import { z } from "zod";
import { auditContext, writeAudited } from "../audit";
import { seats, trackFacilitators, trackSeats, tracks, users } from "../db/schema";
import { aliased } from "../db/alias";
import type { AppEnv } from "../env";
import { notFound } from "../errors";
import { personNameFor } from "../people";
import { authorize, can } from "../policy";
import { v } from "../validation";
import { MandateBody } from "./schemas";

const SlugParam = z.strictObject({ slug: z.string().regex(/^[a-z0-9-]{1,64}$/, { error: "Not a track slug." }) });

export const trackRoutes = new Hono<AppEnv>()
  .get("/", describeRoute({ tags: ["tracks"], summary: "The four intersessional tracks with their co-facilitators", responses: { 200: jsonResponse("The four intersessional tracks with their co-facilitators") } }), async (c) => {
    const db = c.get("db");
    const [trackRows, facilitators, seatCounts] = await db.batch([
      db.select().from(tracks).orderBy(asc(tracks.id)),
      db
        .select({ trackId: trackFacilitators.trackId, name: users.name, namePublic: users.namePublic, seatName: aliased(seats.name, "seat_name"), seatKind: seats.kind })
        .from(trackFacilitators)
        .innerJoin(users, eq(users.id, trackFacilitators.userId))
        .leftJoin(seats, eq(seats.id, users.seatId))
        .where(eq(users.active, true)),
      db.select({ trackId: trackSeats.trackId }).from(trackSeats),
    ]);
    return c.json(
      {
        tracks: trackRows.map((t) => ({
          ...t,
          coFacilitators: facilitators.filter((f) => f.trackId === t.id).map(({ trackId: _t, namePublic, ...f }) => ({ ...f, name: personNameFor(c.get("actor"), { name: f.name, namePublic }) })),
          seatCount: seatCounts.filter((s) => s.trackId === t.id).length,
        })),
      },
      200,
    );
  })
  .get(
    "/:slug",
    describeRoute({ tags: ["tracks"], summary: "A track: mandate, co-facilitators and participating seats", responses: { 200: jsonResponse("A track: mandate, co-facilitators and participating seats"), ...errors(400, 404) } }),
    v("param", SlugParam),
    async (c) => {
      const db = c.get("db");
      const track = await db.query.tracks.findFirst({ where: eq(tracks.slug, c.req.valid("param").slug) });
      if (!track) throw notFound("The track");
      const [facilitators, participating] = await db.batch([
        db
          .select({ id: users.id, name: users.name, namePublic: users.namePublic, seatId: aliased(seats.id, "seat_id"), seatName: aliased(seats.name, "seat_name"), seatKind: seats.kind })
          .from(trackFacilitators)
          .innerJoin(users, eq(users.id, trackFacilitators.userId))
          .leftJoin(seats, eq(seats.id, users.seatId))
          .where(eq(trackFacilitators.trackId, track.id)),
        db
          .select({ id: seats.id, name: seats.name, kind: seats.kind, regionalGroup: seats.regionalGroup, stakeholderGroup: seats.stakeholderGroup })
          .from(trackSeats)
          .innerJoin(seats, eq(seats.id, trackSeats.seatId))
          .where(eq(trackSeats.trackId, track.id))
          .orderBy(asc(seats.name)),
      ]);
      return c.json(
        {
          track,
          coFacilitators: facilitators.map(({ namePublic, ...f }) => ({ ...f, name: personNameFor(c.get("actor"), { name: f.name, namePublic }) })),
          seats: participating,
          canEditMandate: can(c.get("actor"), "tracks.editMandate", { trackId: track.id }),
        },
        200,
      );
    },
  )
  .patch(
    "/:slug",
    describeRoute({ tags: ["tracks"], summary: "Edit a track's mandate (its co-facilitators, the chair or the secretariat)", responses: { 200: jsonResponse("Done"), ...errors(400, 401, 404) } }),
    v("param", SlugParam),
    v("json", MandateBody),
    async (c) => {
      const db = c.get("db");
      const track = await db.query.tracks.findFirst({ where: eq(tracks.slug, c.req.valid("param").slug) });
      if (!track) throw notFound("The track");
      authorize(c.get("actor"), "tracks.editMandate", { trackId: track.id });
      const { mandate } = c.req.valid("json");
      await writeAudited(
        auditContext(c),
        [{ action: "track.mandate", targetType: "track", targetId: track.id, before: { mandate: track.mandate }, after: { mandate } }],
        [db.update(tracks).set({ mandate }).where(eq(tracks.id, track.id))],
      );
      return c.json({ track: { ...track, mandate } }, 200);
    },
  );
