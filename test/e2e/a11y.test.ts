// axe-core on every screen: no serious or critical violations. Also saves screenshots
// (desktop, 375 px mobile, Arabic) to /tmp/shots for a human look.
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { axeSerious, launch, latestLink, newContext, shot, signIn } from "./browser";
import { adoptedReport, call, fullTranslation } from "./report-fixtures";

let browser: Browser;
let staff: BrowserContext;
let staffPage: Page;
let trackSlug = "";
let invitationPath = "";
let docId = "";
let heldMeetingId = "";
let trackMeetingId = "";

beforeAll(async () => {
  browser = await launch();
  staff = await newContext(browser);
  staffPage = await staff.newPage();
  await signIn(staffPage, "secretariat@plenary.test");
  // An open invitation, so the accept screen has something to show.
  const made = await staffPage.evaluate(async () => {
    const res = await fetch("/api/invitations", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: `axe.${Date.now()}@example.org`, name: "Axe Check", seatId: "ms-brazil", seatRole: "delegate" }),
    });
    const tracks = (await (await fetch("/api/tracks")).json()) as { tracks: { slug: string }[] };
    return { status: res.status, slug: tracks.tracks[0]!.slug };
  });
  expect(made.status).toBe(201);
  trackSlug = made.slug;
  invitationPath = new URL(await latestLink(staffPage, "invitations")).pathname;
  docId = await makeDocument(staffPage);
  // The demo seed holds a plenary with approved minutes and a track meeting with minutes out for corrections.
  const seeded = await staffPage.evaluate(async () => {
    const from = new Date(Date.now() - 60 * 86_400_000).toISOString().slice(0, 10);
    const list = (await (await fetch(`/api/meetings?from=${from}`)).json()) as { meetings: { id: string; kind: string; startsAt: string }[] };
    const held = list.meetings.filter((m) => Date.parse(m.startsAt) < Date.now());
    return { plenary: held.find((m) => m.kind === "plenary")?.id ?? "", track: held.find((m) => m.kind === "track")?.id ?? "" };
  });
  expect(seeded.plenary && seeded.track).toBeTruthy();
  heldMeetingId = seeded.plenary;
  trackMeetingId = seeded.track;
});

/** A public track-1 document with a zero draft and a Rev.1 (one paragraph edited, one bracketed), and a member's amendment. */
async function makeDocument(page: Page): Promise<string> {
  const id = await page.evaluate(async () => {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const json = (method: string, url: string, body: unknown): Promise<any> =>
      fetch(url, { method, headers: { "content-type": "application/json" }, body: JSON.stringify(body) }).then(async (r) => {
        if (!r.ok) throw new Error(`${method} ${url}: ${r.status} ${await r.text()}`);
        return r.json();
      });
    const { document } = await json("POST", "/api/documents", { trackId: 1, kind: "draft_outcome", title: "Axe check draft", symbol: "A/AC.999/2026/L.1", visibility: "public" });
    const id = document.id as string;
    const now = Date.now();
    const window = { commentsOpenAt: new Date(now - 60_000).toISOString(), commentsCloseAt: new Date(now + 7 * 86_400_000).toISOString(), commentsTimeZone: "Europe/Zurich" };
    const text = (second: string) => [
      { kind: "heading", html: "I. Principles" },
      { kind: "paragraph", html: "Data governance should be <em>inclusive</em> and [rights-based] at all levels." },
      { kind: "paragraph", html: second },
      { kind: "list_item", html: "(a) transparency;" },
    ];
    let { draft } = await json("PUT", `/api/documents/${id}/draft`, { baseVersion: 1, blocks: text("Members shall share data for development.") });
    await json("POST", `/api/documents/${id}/revisions`, { baseVersion: draft.version, ...window });
    ({ draft } = (await fetch(`/api/documents/${id}/draft`).then((r) => r.json())) as { draft: typeof draft });
    const blocks = draft.blocks.map((b: { html: string }) => (b.html.startsWith("Members") ? { ...b, html: "Members shall exchange data [responsibly] for development." } : b));
    ({ draft } = await json("PUT", `/api/documents/${id}/draft`, { baseVersion: draft.version, blocks }));
    await json("POST", `/api/documents/${id}/revisions`, { baseVersion: draft.version, ...window, allowLate: true });
    return id;
  });
  const member = await (await newContext(browser)).newPage();
  await signIn(member, "head.brazil@plenary.test");
  await member.evaluate(async (id) => {
    const rev = (await fetch(`/api/documents/${id}/revisions/1`).then((r) => r.json())) as { paragraphs: { pid: string; html: string }[] };
    const pid = rev.paragraphs.find((p) => p.html.startsWith("Members"))!.pid;
    await fetch(`/api/documents/${id}/revisions/1/comments`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ paragraphId: pid, kind: "amendment", op: "replace", quote: "exchange data", proposedText: "share data", body: "Keep the earlier wording.", idempotencyKey: crypto.randomUUID() }),
    });
  }, id);
  await member.context().close();
  return id;
}

/** Opens the thread of the revision's second numbered paragraph. */
async function openThread(page: Page) {
  await page.getByRole("button", { name: /^Comments on paragraph 2:/ }).click();
  await page.getByRole("region", { name: "Comments on paragraph 2" }).locator("article.comment").first().waitFor();
}
afterAll(async () => {
  await browser?.close();
});

async function settle(page: Page) {
  await page.locator("h1").first().waitFor();
  await page.waitForFunction(() => !document.querySelector(".loading"));
}

async function check(page: Page, path: string, name: string) {
  await page.goto(path);
  await settle(page);
  const violations = await axeSerious(page);
  if (violations.length) console.log(`axe on ${path}:`, JSON.stringify(violations, null, 2));
  await shot(page, name);
  expect(violations, `serious/critical axe violations on ${path}`).toEqual([]);
  expect(await page.locator("h1").count(), `one h1 on ${path}`).toBe(1);
}

const anonymous = () => [
  ["/signin", "signin"],
  [invitationPath, "invitation-accept"],
  ["/reset-password", "reset-request"],
  ["/reset-password/abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG", "reset-set"],
  ["/meetings", "meetings-anonymous"],
  [`/meetings/${heldMeetingId}`, "meeting-anonymous"],
];
const signedIn = () => [
  ["/", "dashboard"],
  ["/tracks", "tracks"],
  [`/tracks/${trackSlug}`, "track"],
  ["/meetings", "meetings"],
  ["/meetings?view=month", "meetings-month"],
  ["/meetings/new", "meeting-schedule"],
  [`/meetings/${heldMeetingId}`, "meeting-held"],
  [`/meetings/${heldMeetingId}/minutes`, "minutes-approved"],
  [`/meetings/${trackMeetingId}`, "meeting-track"],
  [`/meetings/${trackMeetingId}/minutes`, "minutes-circulated"],
  [`/meetings/${trackMeetingId}/edit`, "meeting-edit"],
  ["/reports", "reports"],
  ["/members", "members"],
  ["/admin", "admin"],
  ["/admin/outbox", "outbox"],
  ["/admin/audit", "audit"],
  ["/profile", "profile"],
  [`/documents/${docId}/rev/1`, "doc-revision"],
  [`/documents/${docId}/edit`, "doc-editor-axe"],
  [`/documents/${docId}/compare?from=0&to=1`, "doc-compare-axe"],
  [`/documents/${docId}/rev/1/dispositions`, "doc-dispositions"],
];

/**
 * Progress reports through the API: one being drafted (its introduction edited by hand), and
 * one taken through review, adoption by the Chair (a consensus round closed as adopted) and publication.
 */
async function makeReports(page: Page): Promise<{ drafting: string; published: string }> {
  const symbol = `A/81/${2000 + (Date.now() % 7999)}`;
  const made = await page.evaluate(async (symbol) => {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const json = (method: string, url: string, body?: unknown): Promise<any> =>
      fetch(url, { method, headers: { "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) }).then(async (r) => {
        if (!r.ok) throw new Error(`${method} ${url}: ${r.status} ${await r.text()}`);
        return r.json();
      });
    const drafting = (await json("POST", "/api/reports", { title: "Axe check report", session: 81 })).report.id as string;
    const detail = await json("GET", `/api/reports/${drafting}`);
    const intro = detail.sections[0];
    await json("PUT", `/api/reports/${drafting}/sections/${intro.key}`, {
      baseVersion: intro.version,
      blocks: [...intro.blocks, { kind: "paragraph", html: "The Working Group met <em>four times</em>.", footnotes: ["See annex II."] }],
    });
    const published = (await json("POST", "/api/reports", { title: "Axe check published report", symbol, session: 81 })).report.id as string;
    const now = Date.now();
    await json("POST", `/api/reports/${published}/review`, { commentsOpenAt: new Date(now - 60_000).toISOString(), commentsCloseAt: new Date(now + 7 * 86_400_000).toISOString(), commentsTimeZone: "Europe/Zurich" });
    return { drafting, published, documentId: (await json("GET", `/api/reports/${published}`)).report.documentId as string };
  }, symbol);
  const chair = await (await newContext(browser)).newPage();
  await signIn(chair, "chair@plenary.test");
  await chair.evaluate(async (documentId) => {
    const post = (url: string, body: unknown) => fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) }).then((r) => r.json());
    const { procedure } = (await post(`/api/documents/${documentId}/revisions/0/procedures`, { kind: "round", deadline: new Date(Date.now() + 86_400_000).toISOString(), deadlineTimeZone: "Europe/Zurich" })) as { procedure: { id: string } };
    await post(`/api/documents/${documentId}/revisions/0/procedures/${procedure.id}/close`, { outcome: "adopted", decision: "Adopted." });
  }, made.documentId);
  await chair.context().close();
  const status = await page.evaluate(async (id) => (await fetch(`/api/reports/${id}/publish`, { method: "POST" })).status, made.published);
  expect(status).toBe(201);
  return { drafting: made.drafting, published: made.published };
}

describe("axe on the report screens", () => {
  test("list and workspace (drafting, a footnote being written; published, corrigendum errors shown), in English, Arabic and at 375 px", async () => {
    const { drafting, published } = await makeReports(staffPage);
    await check(staffPage, "/reports", "rw-axe-list");
    await check(staffPage, `/reports/${drafting}`, "rw-axe-drafting");
    // The per-section counts open, a footnote being written, an empty corrigendum row refused.
    await staffPage.locator(".word-details summary").click();
    await staffPage.getByRole("button", { name: /^Add a footnote: Paragraph 1$/ }).click();
    await staffPage.getByRole("textbox", { name: "Footnote 1 to Paragraph 1" }).waitFor();
    let violations = await axeSerious(staffPage);
    if (violations.length) console.log("axe on the workspace (editing):", JSON.stringify(violations, null, 2));
    expect(violations).toEqual([]);
    await check(staffPage, `/reports/${published}`, "rw-axe-published");
    const corr = staffPage.getByRole("region", { name: "Issue a corrigendum" });
    await corr.getByRole("button", { name: "Issue the corrigendum" }).click();
    await corr.locator(".field-error").first().waitFor();
    violations = await axeSerious(staffPage);
    if (violations.length) console.log("axe on the workspace (corrigendum errors):", JSON.stringify(violations, null, 2));
    await shot(staffPage, "rw-axe-published-errors");
    expect(violations).toEqual([]);

    const ar = await newContext(browser);
    const page = await ar.newPage();
    await signIn(page, "secretariat.data@plenary.test");
    await page.evaluate(() => fetch("/api/me", { method: "PATCH", headers: { "content-type": "application/json" }, body: JSON.stringify({ locale: "ar" }) }));
    await page.evaluate(() => localStorage.setItem("plenary.locale", "ar"));
    try {
      await check(page, "/reports", "rw-axe-list-ar");
      expect(await page.evaluate(() => document.documentElement.dir)).toBe("rtl");
      await check(page, `/reports/${drafting}`, "rw-axe-drafting-ar");
      await check(page, `/reports/${published}`, "rw-axe-published-ar");
    } finally {
      await page.evaluate(() => fetch("/api/me", { method: "PATCH", headers: { "content-type": "application/json" }, body: JSON.stringify({ locale: "en" }) }));
      await ar.close();
    }

    const mobile = await newContext(browser, { width: 375, height: 760 });
    const m = await mobile.newPage();
    await signIn(m, "secretariat@plenary.test");
    for (const [path, name] of [["/reports", "rw-m-list"], [`/reports/${drafting}`, "rw-m-drafting"], [`/reports/${published}`, "rw-m-published"]] as const) {
      await check(m, path, name);
      expect(await m.evaluate(() => document.documentElement.scrollWidth), `${path} fits 375 px`).toBeLessThanOrEqual(375);
    }
    await mobile.close();

    // The public pages as an anonymous reader sees them (they carry no script; reports.test.ts reads them with JavaScript off).
    const symbol = await staffPage.evaluate(async (id) => ((await (await fetch(`/api/reports/${id}`)).json()) as { report: { symbol: string } }).report.symbol, published);
    const anon = await newContext(browser);
    const pub = await anon.newPage();
    try {
      await check(pub, "/published", "published-archive");
      await check(pub, `/published/${symbol}`, "published-report");
    } finally {
      await anon.close();
    }
  }, 180_000);
});

describe("axe on every screen", () => {
  test("anonymous screens", async () => {
    const page = await (await newContext(browser)).newPage();
    for (const [path, name] of anonymous()) await check(page, path!, name!);
  });

  test("signed-in screens (secretariat)", async () => {
    for (const [path, name] of signedIn()) await check(staffPage, path!, name!);
  }, 120_000);

  test("admin with the roles form open and errors shown", async () => {
    await staffPage.goto("/admin");
    await settle(staffPage);
    await staffPage.getByRole("button", { name: /^Change roles/ }).first().click();
    await staffPage.locator(".roles-form").waitFor();
    const invite = staffPage.locator("form", { has: staffPage.getByRole("button", { name: "Send the invitation" }) });
    await invite.getByRole("button", { name: "Send the invitation" }).click();
    await invite.locator(".field-error").first().waitFor();
    const violations = await axeSerious(staffPage);
    if (violations.length) console.log("axe on /admin (forms open):", JSON.stringify(violations, null, 2));
    await shot(staffPage, "admin-forms-open");
    expect(violations).toEqual([]);
  });

  test("revision view with a thread open, as a co-facilitator (disposition forms) and a member (comment form)", async () => {
    for (const email of ["cofacilitator@plenary.test", "head.japan@plenary.test"]) {
      const page = await (await newContext(browser)).newPage();
      await signIn(page, email);
      await page.goto(`/documents/${docId}/rev/1`);
      await settle(page);
      await openThread(page);
      const violations = await axeSerious(page);
      if (violations.length) console.log(`axe on the thread (${email}):`, JSON.stringify(violations, null, 2));
      await shot(page, `doc-thread-${email.split("@")[0]}`);
      expect(violations).toEqual([]);
      await page.context().close();
    }
  });

  test("revision view in Arabic, right to left", async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, "head.kenya@plenary.test");
    await page.evaluate(() => fetch("/api/me", { method: "PATCH", headers: { "content-type": "application/json" }, body: JSON.stringify({ locale: "ar" }) }));
    await page.evaluate(() => localStorage.setItem("plenary.locale", "ar"));
    try {
      await page.goto(`/documents/${docId}/rev/1`);
      await settle(page);
      expect(await page.evaluate(() => document.documentElement.dir)).toBe("rtl");
      await page.locator(".para .count-button").nth(2).click();
      await page.locator(".thread article.comment").first().waitFor();
      const violations = await axeSerious(page);
      if (violations.length) console.log("axe on the revision in Arabic:", JSON.stringify(violations, null, 2));
      await shot(page, "doc-revision-ar");
      expect(violations).toEqual([]);
      await page.goto(`/documents/${docId}/compare?from=0&to=1`);
      await settle(page);
      await shot(page, "doc-compare-ar");
    } finally {
      await page.evaluate(() => fetch("/api/me", { method: "PATCH", headers: { "content-type": "application/json" }, body: JSON.stringify({ locale: "en" }) }));
      await context.close();
    }
  });

  test("consensus board as the Chair (procedure form) and a head of delegation (reservation form with errors)", async () => {
    for (const email of ["chair@plenary.test", "head.japan@plenary.test"]) {
      const page = await (await newContext(browser)).newPage();
      await signIn(page, email);
      await page.goto(`/documents/${docId}/rev/1/board`);
      await settle(page);
      await page.locator("table.tally-table").waitFor();
      if (email.startsWith("head")) {
        const panel = page.getByRole("region", { name: /^Your seat's position/ });
        await panel.getByLabel(/^Reservation/).check();
        await panel.getByRole("checkbox", { name: "Paragraph 1" }).waitFor();
        await panel.getByRole("button", { name: "Record the position" }).click();
        await panel.locator(".field-error").first().waitFor();
      }
      const violations = await axeSerious(page);
      if (violations.length) console.log(`axe on the board (${email}):`, JSON.stringify(violations, null, 2));
      await shot(page, `board-axe-${email.split("@")[0]}`);
      expect(violations).toEqual([]);
      expect(await page.locator("h1").count()).toBe(1);
      await page.context().close();
    }
  });

  test("sign-in and dashboard in Arabic", async () => {
    const context = await newContext(browser);
    await context.addInitScript(() => localStorage.setItem("plenary.locale", "ar"));
    const page = await context.newPage();
    await check(page, "/signin", "signin-ar");
    expect(await page.evaluate(() => document.documentElement.dir)).toBe("rtl");
    await check(page, "/members", "members-ar");
  });

  test("mobile screenshots at 375 px", async () => {
    const context = await newContext(browser, { width: 375, height: 760 });
    const page = await context.newPage();
    await check(page, "/signin", "m-signin");
    await signIn(page, "cofacilitator@plenary.test");
    for (const [path, name] of [["/", "m-dashboard"], [`/tracks/${trackSlug}`, "m-track"], ["/members", "m-members"]] as const) {
      await check(page, path, name);
    }
    const wide = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(wide, "no horizontal scrolling at 375 px").toBeLessThanOrEqual(375);
    const m = await newContext(browser, { width: 375, height: 760 });
    const admin = await m.newPage();
    await signIn(admin, "secretariat@plenary.test");
    await check(admin, "/admin", "m-admin");
    await check(admin, "/admin/audit", "m-audit");
    // The revision view at 375 px, with a thread open: no horizontal scrolling.
    await check(page, `/documents/${docId}/rev/1`, "m-doc-revision");
    await openThread(page);
    await shot(page, "m-doc-thread");
    expect(await page.evaluate(() => document.documentElement.scrollWidth), "revision view fits 375 px").toBeLessThanOrEqual(375);
    await check(page, `/documents/${docId}/compare?from=0&to=1`, "m-doc-compare");
    expect(await page.evaluate(() => document.documentElement.scrollWidth), "compare view fits 375 px").toBeLessThanOrEqual(375);
  });
});

describe("axe on the report translation screen", () => {
  test("an adopted report's French translation in progress, in English and in Arabic", async () => {
    const report = await adoptedReport(browser, staffPage, "A/81/990", { publish: false });
    // Half the text translated and saved, so both filled and empty fields are checked.
    const { source } = await call(staffPage, "GET", `/api/reports/${report.id}/translations/fr`);
    const all = fullTranslation(source, "Texte");
    const half = Object.fromEntries(Object.entries(all).filter((_, i) => i % 2 === 0));
    await call(staffPage, "PUT", `/api/reports/${report.id}/translations/fr`, { baseVersion: 0, state: "in_progress", paragraphs: half });
    const path = `/reports/${report.id}/translations/fr`;
    await check(staffPage, path, "report-translation-axe");
    expect(await staffPage.getByRole("textbox", { name: "Title in French" }).getAttribute("lang")).toBe("fr");

    const context = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, "secretariat@plenary.test");
    await page.evaluate(() => fetch("/api/me", { method: "PATCH", headers: { "content-type": "application/json" }, body: JSON.stringify({ locale: "ar" }) }));
    await page.evaluate(() => localStorage.setItem("plenary.locale", "ar"));
    try {
      await check(page, path, "report-translation-axe-ar");
      expect(await page.evaluate(() => document.documentElement.dir)).toBe("rtl");
      // French fields stay left to right inside the right-to-left page.
      expect(await page.getByRole("textbox", { name: "العنوان باللغة الفرنسية" }).getAttribute("dir")).toBe("ltr");
    } finally {
      await page.evaluate(() => fetch("/api/me", { method: "PATCH", headers: { "content-type": "application/json" }, body: JSON.stringify({ locale: "en" }) }));
      await context.close();
    }
  });
});
