import { drizzle } from "drizzle-orm/d1";
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { requestId } from "hono/request-id";
import { secureHeaders } from "hono/secure-headers";
import { describeRoute, openAPIRouteHandler } from "hono-openapi";
import { admin } from "./admin/routes";
import { auth } from "./auth/routes";
import { sessionMiddleware } from "./auth/session";
import * as schema from "./db/schema";
import type { AppEnv, Bindings } from "./env";
import { ApiError, errorJson, handleError } from "./errors";
import { consensusRoutes } from "./consensus/routes";
import { consensusTick } from "./consensus/scheduler";
import { documentRoutes } from "./documents/routes";
import { housekeeping } from "./housekeeping";
import { invitationRoutes } from "./invitations/routes";
import { devMail } from "./mail/dev";
import { deliverStored } from "./mail/mailer";
import { members } from "./members/routes";
import { jsonResponse, openApiOptions } from "./openapi";
import { feedRoutes } from "./meetings/feeds";
import { MATERIAL_REQUEST_LIMIT } from "./meetings/materials";
import { meetingRoutes } from "./meetings/routes";
import { profile } from "./profile/routes";
import { trackRoutes } from "./tracks/routes";
import { publicReports } from "./reports/public";
import { reportRoutes } from "./reports/routes";

const MAX_BODY_BYTES = 1024 * 1024;
const jsonBodyLimit = bodyLimit({
  maxSize: MAX_BODY_BYTES,
  onError: (c) => errorJson(c, 413, "payload_too_large", "The request body is larger than 1 MB."),
});
// Meeting materials are files up to 20 MB; their route checks type and size itself.
const MATERIAL_UPLOAD = /^\/api\/meetings\/[^/]+\/materials$/;
const materialBodyLimit = bodyLimit({
  maxSize: MATERIAL_REQUEST_LIMIT,
  onError: (c) => errorJson(c, 413, "payload_too_large", "Files may be at most 20 MB.", { fields: [{ field: "file", message: "Too large." }] }),
});
const UNSAFE = new Set(["POST", "PUT", "PATCH", "DELETE"]);

// Published report pages carry their own inline stylesheet (one request on a slow link).
const PUBLIC_PAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const app = new Hono<AppEnv>()
  .use(requestId({ headerName: "X-Request-Id" }))
  // An API answer depends on who asks (the session decides what it holds, even a 404),
  // so unless its route says it is the same for everyone, no shared cache may keep it.
  .use(async (c, next) => {
    await next();
    if (!c.req.path.startsWith("/api/") || c.res.status === 304) return;
    if (!c.res.headers.has("cache-control")) c.res.headers.set("Cache-Control", "private, no-store");
    const vary = c.res.headers.get("vary") ?? "";
    if (!/\bpublic\b/.test(c.res.headers.get("cache-control")!) && !/\bcookie\b/i.test(vary)) c.res.headers.append("Vary", "Cookie");
  })
  // Registered before secureHeaders so this runs after it on the way out.
  .use(async (c, next) => {
    await next();
    if (c.req.path === "/published" || c.req.path.startsWith("/published/")) c.res.headers.set("Content-Security-Policy", PUBLIC_PAGE_CSP);
  })
  .use(
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'none'"],
        frameAncestors: ["'none'"],
        baseUri: ["'none'"],
      },
      referrerPolicy: "same-origin",
      strictTransportSecurity: "max-age=63072000; includeSubDomains",
    }),
  )
  // Mutations must come from our own pages: refuse other origins outright.
  .use(async (c, next) => {
    if (UNSAFE.has(c.req.method)) {
      const origin = c.req.header("origin");
      const site = c.req.header("sec-fetch-site");
      if ((origin && origin !== new URL(c.req.url).origin) || site === "cross-site") {
        throw new ApiError(403, "cross_origin", "Requests that change data must come from Plenary itself.");
      }
    }
    await next();
  })
  // File uploads set their own, larger limit on their route.
  .use((c, next) => {
    if (c.req.path.endsWith("/draft/import")) return next();
    if (MATERIAL_UPLOAD.test(c.req.path)) return materialBodyLimit(c, next);
    return jsonBodyLimit(c, next);
  })
  .use(async (c, next) => {
    c.set("db", drizzle(c.env.DB, { schema }));
    await next();
  })
  .use(sessionMiddleware)
  .get("/api/health", describeRoute({ tags: ["system"], summary: "Liveness; touches no storage", responses: { 200: jsonResponse("The Worker answers, with its clock") } }), (c) =>
    c.json({ ok: true, time: new Date().toISOString() }, 200),
  )
  .route("/api/auth", auth)
  .route("/api/me", profile)
  .route("/api/invitations", invitationRoutes)
  .route("/api/admin", admin)
  .route("/api/seats", members)
  .route("/api/tracks", trackRoutes)
  .route("/api/documents", documentRoutes)
  .route("/api", consensusRoutes)
  .route("/api", feedRoutes)
  .route("/api/meetings", meetingRoutes)
  .route("/api/reports", reportRoutes)
  .route("/api/dev", devMail)
  .route("/published", publicReports);

app.get(
  "/api/openapi.json",
  openAPIRouteHandler(app, openApiOptions),
);

app.notFound((c) => errorJson(c, 404, "not_found", `No API route for ${c.req.method} ${new URL(c.req.url).pathname}.`));
app.onError(handleError);

export type AppType = typeof app;
export { app };

export default {
  fetch: app.fetch,
  // Every minute: close due procedures, queue reminders, send stored mail; hourly housekeeping.
  // Each step runs even if an earlier one failed: the failure is logged as JSON and the
  // next minute's run retries it (every step is safe to repeat).
  async scheduled(controller, env, ctx) {
    const step = async (name: string, run: () => Promise<unknown>) => {
      try {
        await run();
      } catch (err) {
        console.error(JSON.stringify({ level: "error", event: `scheduled.${name}`, scheduledTime: new Date(controller.scheduledTime).toISOString(), message: err instanceof Error ? err.message : String(err), stack: err instanceof Error ? err.stack : undefined }));
      }
    };
    ctx.waitUntil(
      (async () => {
        await step("consensus", () => consensusTick(env, controller.scheduledTime));
        await step("mail", () => deliverStored(drizzle(env.DB, { schema }), env));
        if (new Date(controller.scheduledTime).getUTCMinutes() === 17) await step("housekeeping", () => housekeeping(env));
      })(),
    );
  },
} satisfies ExportedHandler<Bindings>;
