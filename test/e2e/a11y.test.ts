// axe-core on every screen: no serious or critical violations. Also saves screenshots
// (desktop, 375 px mobile, Arabic) to /tmp/shots for a human look.
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { axeSerious, launch, latestLink, newContext, shot, signIn } from "./browser";

let browser: Browser;
let staff: BrowserContext;
let staffPage: Page;
let trackSlug = "";
let invitationPath = "";

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
});
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
];
const signedIn = () => [
  ["/", "dashboard"],
  ["/tracks", "tracks"],
  [`/tracks/${trackSlug}`, "track"],
  ["/meetings", "meetings"],
  ["/reports", "reports"],
  ["/members", "members"],
  ["/admin", "admin"],
  ["/admin/outbox", "outbox"],
  ["/admin/audit", "audit"],
  ["/profile", "profile"],
];

describe("axe on every screen", () => {
  test("anonymous screens", async () => {
    const page = await (await newContext(browser)).newPage();
    for (const [path, name] of anonymous()) await check(page, path!, name!);
  });

  test("signed-in screens (secretariat)", async () => {
    for (const [path, name] of signedIn()) await check(staffPage, path!, name!);
  });

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
  });
});
