import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, test } from "vitest";
import { launch, newContext, signIn } from "./browser";

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

const htmlAttrs = (page: import("playwright-core").Page) =>
  page.evaluate(() => ({ dir: document.documentElement.dir, lang: document.documentElement.lang }));

test("switching to Arabic mirrors the layout, translates the navigation, and survives a reload", async () => {
  const context = await newContext(browser);
  const page = await context.newPage();
  await signIn(page, "delegate.kenya@plenary.test");
  await page.getByLabel("Language").selectOption("ar");
  await page.getByRole("link", { name: "لوحة المعلومات" }).waitFor();
  expect(await htmlAttrs(page)).toEqual({ dir: "rtl", lang: "ar" });
  await expect(page.getByRole("navigation", { name: "التنقّل الرئيسي" }).textContent()).resolves.toContain("الأعضاء");

  await page.reload();
  await page.getByRole("link", { name: "لوحة المعلومات" }).waitFor();
  expect(await htmlAttrs(page)).toEqual({ dir: "rtl", lang: "ar" });

  // Saved on the account: a fresh browser signs in and gets Arabic back.
  const other = await (await newContext(browser)).newPage();
  await signIn(other, "delegate.kenya@plenary.test", undefined, { waitForWelcome: false });
  await other.getByRole("link", { name: "لوحة المعلومات" }).waitFor();
  expect(await htmlAttrs(other)).toEqual({ dir: "rtl", lang: "ar" });

  // Back to English for the account, through the same switcher (label now in Arabic).
  await other.getByLabel("اللغة").selectOption("en");
  await other.getByRole("link", { name: "Dashboard" }).waitFor();
  expect(await htmlAttrs(other)).toEqual({ dir: "ltr", lang: "en" });
  await context.close();
});

test("an anonymous visitor's language choice is kept in this browser", async () => {
  const page = await (await newContext(browser)).newPage();
  await page.goto("/signin");
  await page.getByLabel("Language").selectOption("fr");
  await page.getByRole("heading", { level: 1, name: "Se connecter à Plenary" }).waitFor();
  await page.reload();
  await page.getByRole("heading", { level: 1, name: "Se connecter à Plenary" }).waitFor();
  expect(await htmlAttrs(page)).toEqual({ dir: "ltr", lang: "fr" });
});
