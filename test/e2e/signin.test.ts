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

test("a head of delegation signs in and sees their seat on the dashboard", async () => {
  const page = await (await newContext(browser)).newPage();
  await page.goto("/");
  // App pages send anonymous visitors to sign in, remembering where they were going.
  await page.waitForURL((u) => u.pathname === "/signin");
  await signIn(page, "head.brazil@plenary.test");
  const main = page.getByRole("main");
  await expect(main.getByRole("heading", { level: 1 }).textContent()).resolves.toMatch(/^Welcome, /);
  await expect(main.textContent()).resolves.toContain("head of delegation of Brazil");
  const current = page.getByRole("navigation", { name: "Main" }).locator('[aria-current="page"]');
  await expect(current.textContent()).resolves.toBe("Dashboard");
  // Not the secretariat: no Admin in the navigation.
  await expect(page.getByRole("link", { name: "Admin" }).count()).resolves.toBe(0);
});

test("a wrong password shows the error in a live region, and the fields stay usable", async () => {
  const page = await (await newContext(browser)).newPage();
  await page.goto("/signin");
  await page.getByRole("button", { name: "Sign in" }).click();
  // Client-side validation first, beside the field.
  const email = page.getByLabel("Email address");
  await expect(email.getAttribute("aria-invalid")).resolves.toBe("true");
  await email.fill("chair@plenary.test");
  await page.getByLabel("Password", { exact: true }).fill("not-the-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByText("The email or password is not correct.").waitFor();
  expect(new URL(page.url()).pathname).toBe("/signin");
});
