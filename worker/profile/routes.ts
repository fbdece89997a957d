import { eq } from "drizzle-orm";
import { Hono } from "hono";
import { describeRoute } from "hono-openapi";
import { errors, jsonResponse } from "../openapi";
import { auditContext, writeAudited } from "../audit";
import { ProfileBody } from "../auth/schemas";
import { users } from "../db/schema";
import type { AppEnv } from "../env";
import { authorize } from "../policy";
import { v } from "../validation";
import { toMe } from "./me";

export const profile = new Hono<AppEnv>()
  .get("/", describeRoute({ tags: ["profile"], summary: "The signed-in person, or null", responses: { 200: jsonResponse("The signed-in person, or null") } }), (c) => {
    const actor = c.get("actor");
    return c.json({ user: actor.kind === "user" ? toMe(actor) : null }, 200);
  })
  .patch(
    "/",
    describeRoute({ tags: ["profile"], summary: "Change one's name, preferred language or time zone", responses: { 200: jsonResponse("Done"), ...errors(400, 401) } }),
    v("json", ProfileBody),
    async (c) => {
      const actor = authorize(c.get("actor"), "profile.update");
      const body = c.req.valid("json");
      const db = c.get("db");
      const before = { name: actor.name, locale: actor.locale, timeZone: actor.timeZone };
      const after = { ...before, ...body };
      await writeAudited(
        auditContext(c),
        [{ action: "user.profile", targetType: "user", targetId: actor.userId, before, after }],
        [db.update(users).set({ ...body, updatedAt: new Date().toISOString() }).where(eq(users.id, actor.userId))],
      );
      return c.json({ user: toMe({ ...actor, ...after }) }, 200);
    },
  );
