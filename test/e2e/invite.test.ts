import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, test } from "vitest";
import { latestLink, launch, newContext, shot, signIn } from "./browser";

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

test("the secretariat invites a delegate, who follows the mailed link and lands signed in", async () => {
  const email = `amina.${Date.now()}@example.org`;
  const admin = await (await newContext(browser)).newPage();
  await signIn(admin, "secretariat@plenary.test");
  await admin.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Admin" }).click();
  await admin.getByRole("heading", { level: 1, name: "People and invitations" }).waitFor();

  const form = admin.locator("form", { has: admin.getByRole("button", { name: "Send the invitation" }) });
  await form.getByLabel("Email address").fill(email);
  await form.getByLabel("Full name").fill("Amina Odhiambo");
  await form.getByLabel("Seat", { exact: true }).selectOption({ label: "Kenya" });
  await form.getByLabel("Role on the seat").selectOption("delegate");
  await form.getByRole("button", { name: "Send the invitation" }).click();
  await admin.getByText(`The invitation to ${email} was sent.`).waitFor();
  await admin.locator(".invitation", { hasText: email }).getByText(/Waiting, expires/).waitFor();

  await admin.getByRole("link", { name: "Outbox" }).click();
  await admin.getByRole("heading", { level: 1, name: "Outbox" }).waitFor();
  // The secretariat sees the mail without its link; only the invitee gets that.
  const mail = admin.locator(".mail", { hasText: email }).first();
  await mail.getByText(/\[link removed/).waitFor();
  expect(await mail.locator('a[href*="/invitations/"]').count()).toBe(0);
  const href = await latestLink(admin, "invitations", email);
  expect(href).toMatch(/\/invitations\/[\w-]{20,}$/);

  const guest = await (await newContext(browser)).newPage();
  await guest.goto(href!);
  await guest.getByRole("heading", { level: 1, name: "Accept your invitation" }).waitFor();
  await expect(guest.getByRole("main").textContent()).resolves.toContain("delegate of Kenya");
  await guest.getByLabel("Full name").fill("Amina W. Odhiambo");
  await guest.getByLabel("Password", { exact: true }).fill("a long enough passphrase");
  await guest.getByLabel("Repeat the password").fill("a long enough passphrase");
  await guest.getByRole("button", { name: "Accept and sign in" }).click();
  await guest.waitForURL((u) => u.pathname === "/");
  await guest.getByRole("heading", { level: 1, name: "Welcome, Amina W. Odhiambo" }).waitFor();
  await expect(guest.getByRole("main").textContent()).resolves.toContain("delegate of Kenya");
  await shot(guest, "invite-landed-dashboard");

  // The link works once.
  const again = await (await newContext(browser)).newPage();
  await again.goto(href!);
  await again.getByRole("heading", { level: 1, name: "This invitation can no longer be used" }).waitFor();
});

test("a head of delegation invites a delegate to their own seat from the dashboard", async () => {
  const email = `chen.${Date.now()}@example.org`;
  const head = await (await newContext(browser)).newPage();
  await signIn(head, "head.china@plenary.test");
  await head.getByRole("link", { name: "Invite delegates to your seat" }).click();
  await head.getByRole("heading", { level: 1, name: "Invite delegates of China" }).waitFor();
  // No people list and no seat choice: only delegates of the head's own seat.
  expect(await head.getByRole("heading", { name: "People" }).count()).toBe(0);
  expect(await head.getByLabel("Seat", { exact: true }).count()).toBe(0);
  const form = head.locator("form", { has: head.getByRole("button", { name: "Send the invitation" }) });
  await form.getByLabel("Email address").fill(email);
  await form.getByLabel("Full name").fill("Chen Wei");
  await form.getByRole("button", { name: "Send the invitation" }).click();
  await head.getByText(`The invitation to ${email} was sent.`).waitFor();
  await head.locator(".invitation", { hasText: email }).getByText(/Waiting, expires/).waitFor();
  await expect(head.locator(".invitation", { hasText: email }).textContent()).resolves.toContain("China");
});
