// Shared browser helpers: Debian's Chromium through playwright-core.
import axe from "axe-core";
import { mkdirSync } from "node:fs";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { inject } from "vitest";

export const DEMO_PASSWORD = "plenary-demo-2026";
export const baseUrl = () => inject("baseUrl");

export function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

export async function newContext(browser: Browser, opts: { width?: number; height?: number; locale?: string } = {}): Promise<BrowserContext> {
  return browser.newContext({
    baseURL: baseUrl(),
    viewport: { width: opts.width ?? 1280, height: opts.height ?? 900 },
    locale: opts.locale ?? "en-GB",
    timezoneId: "Europe/Zurich",
  });
}

export async function signIn(page: Page, email: string, password = DEMO_PASSWORD, { waitForWelcome = true } = {}) {
  if (new URL(page.url()).pathname !== "/signin") await page.goto("/signin");
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((u) => u.pathname === "/");
  if (waitForWelcome) await page.getByRole("heading", { level: 1, name: /^Welcome, / }).waitFor();
}

type Violation = { id: string; impact?: string | null; help: string; nodes: { target: unknown; failureSummary?: string }[] };

/** Runs axe-core in the page; returns violations with impact serious or critical. */
export async function axeSerious(page: Page): Promise<Violation[]> {
  // page.addScriptTag({ content }) is an inline <script>, which our CSP (script-src 'self')
  // rightly blocks; evaluating through the DevTools protocol is not subject to CSP.
  await page.evaluate(`${axe.source}\n;void 0;`);
  const result = await page.evaluate(async () => {
    const w = window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: Violation[]; passes: unknown[] }> } };
    return w.axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"] } });
  });
  if (result.passes.length === 0) throw new Error("axe checked nothing: is the page empty?");
  return result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 5).map((n) => ({ target: n.target, failureSummary: n.failureSummary })) }));
}

export async function shot(page: Page, name: string) {
  mkdirSync("/tmp/shots", { recursive: true });
  await page.screenshot({ path: `/tmp/shots/${name}.png`, fullPage: true });
}

/**
 * The newest invitation or reset link mailed (to `to`, when given), from the development
 * mailbox: the Outbox screen shows these mails with their links removed, and the test
 * server runs with DEV_MAILBOX=on.
 */
export async function latestLink(page: Page, kind: "invitations" | "reset-password", to?: string): Promise<string> {
  const body = await page.evaluate(async (query) => {
    const res = await fetch(`/api/dev/mail?${query}`);
    return (await res.json()) as { messages: { text: string }[] };
  }, new URLSearchParams({ limit: "20", ...(to ? { to } : {}) }).toString());
  for (const m of body.messages) {
    const found = m.text.match(new RegExp(`https?://\\S+/${kind}/\\S+`));
    if (found) return found[0];
  }
  throw new Error(`no ${kind} link in the development mailbox`);
}
