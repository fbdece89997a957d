// The development mailbox: mail as its recipients get it, sign-in links included, so
// invitations and resets can be followed locally where no mail is sent. It exists only
// when DEV_MAILBOX=on, which `npm start`, `npm run dev` and the tests pass on the command
// line; wrangler.toml never sets it, so a deployed Worker answers 404 as for any unknown route.
import { and, desc, eq, sql } from "drizzle-orm";
import { Hono } from "hono";
import { describeRoute } from "hono-openapi";
import { errors, jsonResponse } from "../openapi";
import { z } from "zod";
import { outbox } from "../db/schema";
import type { AppEnv } from "../env";
import { errorJson } from "../errors";
import { v } from "../validation";

const DevMailQuery = z.strictObject({
  to: z.string().max(254).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(20),
});

export const devMail = new Hono<AppEnv>().get(
  "/mail",
  // Before validation, so a deployed Worker answers exactly as for a route that does not exist.
  async (c, next) =>
    c.env.DEV_MAILBOX === "on" ? next() : errorJson(c, 404, "not_found", `No API route for ${c.req.method} ${new URL(c.req.url).pathname}.`),
  describeRoute({ tags: ["development"], summary: "Local development only (DEV_MAILBOX=on): the newest mail with its links; 404 when deployed", responses: { 200: jsonResponse("The newest mail, links included"), ...errors(404) } }),
  v("query", DevMailQuery),
  async (c) => {
    const { to, limit } = c.req.valid("query");
    const messages = await c
      .get("db")
      .select({
        id: outbox.id,
        to: outbox.toAddress,
        subject: outbox.subject,
        kind: outbox.kind,
        createdAt: outbox.createdAt,
        text: sql<string>`coalesce(${outbox.fullText}, ${outbox.bodyText})`,
      })
      .from(outbox)
      .where(and(to ? eq(outbox.toAddress, to.toLowerCase()) : undefined))
      .orderBy(desc(outbox.createdAt), desc(outbox.id))
      .limit(limit);
    return c.json({ messages }, 200);
  },
);
