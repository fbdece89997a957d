// Translating a progress report end to end. A report is compiled, issued, adopted by the
// Chair and published through the API; then, in the browser, the secretariat opens its
// Arabic translation (fields right to left), translates the title and a paragraph, saves in
// progress, runs into a colleague's newer save (the dialogue loads it), marks the translation
// final and publishes it; an anonymous reader then gets the Arabic page right to left.
// Before adoption the screen explains why there is nothing to translate yet.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, test } from "vitest";
import { mkdirSync } from "node:fs";
import { axeSerious, launch, newContext, shot } from "./browser";
import { adoptedReport, apiSignIn, call, fullTranslation, type AdoptedReport } from "./report-fixtures";

let browser: Browser;
let staff: Page;
let report: AdoptedReport;
// Distinct from the symbols other test files publish on the same server.
const symbol = `A/81/${700 + (Date.now() % 200)}`;

beforeAll(async () => {
  browser = await launch();
  staff = await (await newContext(browser)).newPage();
  await apiSignIn(staff, "secretariat@plenary.test");
  report = await adoptedReport(browser, staff, symbol);
});
afterAll(async () => {
  await browser?.close();
});

const stateTag = (page: Page) => page.locator(".rtr-state .tag");
/** What the screen shows without scrolling (the full-page shots of a long report are unwieldy). */
async function view(page: Page, name: string) {
  mkdirSync("/tmp/shots", { recursive: true });
  await page.screenshot({ path: `/tmp/shots/${name}.png` });
}

test("before adoption the screen explains that translation starts once the report is adopted; its document links to the workspace", async () => {
  const { report: draft } = await call(staff, "POST", "/api/reports", { title: "A report still being drafted", symbol: "A/81/699", session: 81 });
  await staff.goto(`/reports/${draft.id}/translations/fr`);
  await staff.getByRole("heading", { level: 1, name: "Translation into French" }).waitFor();
  await staff.getByRole("heading", { level: 2, name: "Translation starts once the report is adopted." }).waitFor();
  expect(await staff.getByRole("textbox").count()).toBe(0);

  // Its document has no revision yet: the document page points to the report workspace, never to the generic editor.
  const detail = await call(staff, "GET", `/api/reports/${draft.id}`);
  await staff.goto(`/documents/${detail.report.documentId}`);
  const link = staff.getByRole("link", { name: "Open the report workspace" });
  await link.waitFor();
  expect(await link.getAttribute("href")).toBe(`/reports/${draft.id}`);
  expect(await staff.getByRole("link", { name: "Edit the working copy" }).count()).toBe(0);
});

test("the adopted revision shows its footnotes, numbered, under their paragraph, and links to the workspace", async () => {
  await staff.goto(`/documents/${report.documentId}/rev/${report.revision}`);
  const notes = staff.getByRole("list", { name: /^Footnotes to paragraph \d+$/ }).filter({ hasText: "See the meeting records in annex II." });
  await notes.waitFor();
  const n = Number(await notes.getAttribute("start"));
  expect(n).toBeGreaterThan(0);
  // The reference after the paragraph's text leads to the note, and the note back to it.
  const ref = staff.getByRole("link", { name: `Footnote ${n}`, exact: true });
  expect(await ref.getAttribute("href")).toBe(`#fn-${n}`);
  expect(await notes.getByRole("link", { name: `Back to the reference to footnote ${n}` }).getAttribute("href")).toBe(`#fnref-${n}`);
  expect(await staff.getByRole("link", { name: "Open the report workspace" }).getAttribute("href")).toBe(`/reports/${report.id}`);
  expect(await staff.getByRole("link", { name: "Edit the working copy" }).count()).toBe(0);
  await ref.click();
  await expect.poll(() => staff.evaluate(() => location.hash)).toBe(`#fn-${n}`);
  await view(staff, "report-revision-footnote");
});

test("the secretariat translates into Arabic, saves in progress, meets a newer save, marks final and publishes", async () => {
  await staff.goto(`/reports/${report.id}/translations/ar`);
  await staff.getByRole("heading", { level: 1, name: "Translation into Arabic" }).waitFor();
  await stateTag(staff).getByText("Not started").waitFor();
  await staff.getByText(/^0 of \d+ paragraphs translated/).waitFor();

  // The fields are in Arabic, right to left; the original beside them stays English, left to right.
  const title = staff.getByRole("textbox", { name: "Title in Arabic" });
  expect(await title.getAttribute("dir")).toBe("rtl");
  expect(await title.getAttribute("lang")).toBe("ar");
  expect(await staff.locator(".rtr-source-text").first().getAttribute("dir")).toBe("ltr");
  const footnote = staff.getByRole("textbox", { name: /^Footnote \d+ in Arabic$/ }).last();
  expect(await footnote.getAttribute("dir")).toBe("rtl");

  await title.fill("التقرير المرحلي للفريق العامل المعني بحوكمة البيانات");
  const first = staff.getByRole("textbox", { name: "Paragraph 1 in Arabic" });
  await first.click();
  await staff.keyboard.type("يقدّم هذا التقرير عمل الفريق العامل.");
  await staff.keyboard.press("Enter");
  await staff.keyboard.type("سطر ثانٍ.");
  await staff.getByText("Unsaved changes").waitFor();
  // From the field just left, the next untranslated one.
  await staff.getByRole("button", { name: "Go to the next untranslated paragraph" }).click();
  await expect.poll(() => staff.evaluate(() => document.activeElement?.getAttribute("aria-labelledby"))).toBe(
    await staff.getByRole("textbox", { name: "Paragraph 2 in Arabic" }).getAttribute("aria-labelledby"),
  );
  // Ctrl+S saves in progress.
  await staff.keyboard.press("Control+s");
  await staff.getByText("Saved as in progress (version 1).").waitFor();
  const saved = await call(staff, "GET", `/api/reports/${report.id}/translations/ar`);
  const firstPid = saved.source.find((p: { number: number | null; kind: string }) => p.kind === "paragraph" && p.number === 1).pid;
  // Enter broke the line inside the paragraph.
  expect(saved.translation.paragraphs[firstPid].html).toBe("يقدّم هذا التقرير عمل الفريق العامل.<br>سطر ثانٍ.");
  await stateTag(staff).getByText("In progress").waitFor();
  await staff.getByText(/^2 of \d+ paragraphs translated/).waitFor();
  await shot(staff, "report-translation-ar-in-progress");
  await view(staff, "report-translation-ar-top");
  await staff.getByRole("textbox", { name: /^Footnote \d+ in Arabic$/ }).first().scrollIntoViewIfNeeded();
  await view(staff, "report-translation-ar-footnote");

  // The filter leaves only what is still to translate.
  await staff.getByLabel("Show only untranslated paragraphs").check();
  expect(await title.isVisible()).toBe(false);
  expect(await staff.getByRole("textbox", { name: "Paragraph 2 in Arabic" }).isVisible()).toBe(true);
  await staff.getByLabel("Show only untranslated paragraphs").uncheck();

  // A colleague fills every paragraph meanwhile (through the API, to keep the test fast).
  const page = await call(staff, "GET", `/api/reports/${report.id}/translations/ar`);
  await call(staff, "PUT", `/api/reports/${report.id}/translations/ar`, { baseVersion: 1, state: "in_progress", paragraphs: fullTranslation(page.source, "نص") });

  // Not final while this screen still has untranslated texts: said, and the focus goes to the first.
  await staff.getByRole("button", { name: "Mark as final" }).click();
  await staff.getByText(/^The translation cannot be final yet\. Not translated: \d+/).waitFor();
  expect(await staff.evaluate(() => document.activeElement?.getAttribute("role"))).toBe("textbox");

  // Saving now is stale: the dialogue offers their version, which replaces the fields.
  await staff.getByRole("button", { name: "Save as in progress" }).click();
  const dialog = staff.getByRole("dialog", { name: "Someone else saved this translation" });
  await dialog.waitFor();
  await dialog.getByText(/^Version 2 of this translation was saved on/).waitFor();
  await view(staff, "report-translation-ar-stale");
  await dialog.getByRole("button", { name: "Load their version" }).click();
  await staff.getByText("Their version 2 is loaded. Your unsaved changes were discarded.").waitFor();
  expect(await dialog.isVisible()).toBe(false);
  expect(await title.textContent()).toBe("نص العنوان");
  const total = Number((await staff.getByText(/^\d+ of \d+ paragraphs translated/).textContent())!.match(/of (\d+)/)![1]);
  await staff.getByText(`${total} of ${total} paragraphs translated`).waitFor();

  await staff.getByRole("button", { name: "Mark as final" }).click();
  await staff.getByText("Marked as final (version 3).").waitFor();
  await stateTag(staff).getByText("Final").waitFor();

  // The original is published: this final translation can be published beside it.
  staff.once("dialog", (d) => void d.accept());
  await staff.getByRole("button", { name: "Publish this translation" }).click();
  const link = staff.getByRole("link", { name: `Read the published Arabic text of ${symbol}` });
  await link.waitFor();
  expect(await link.getAttribute("href")).toBe(`/published/${symbol}?lang=ar`);
  await stateTag(staff).getByText("Published").waitFor();
  expect(await title.getAttribute("aria-readonly")).toBe("true");
  expect(await staff.getByRole("button", { name: "Save as in progress" }).count()).toBe(0);
  await staff.evaluate(() => window.scrollTo(0, 0));
  await view(staff, "report-translation-ar-published");

  // Anyone reads the Arabic text, right to left.
  const reader = await (await newContext(browser)).newPage();
  const res = await reader.goto(`/published/${symbol}?lang=ar`);
  expect(res?.status()).toBe(200);
  expect(await reader.evaluate(() => [document.documentElement.dir, document.documentElement.lang])).toEqual(["rtl", "ar"]);
  await reader.getByText("نص العنوان").first().waitFor();
  await reader.context().close();
});

test("at 375 px the columns stack and nothing scrolls sideways", async () => {
  const small = await (await newContext(browser, { width: 375, height: 760 })).newPage();
  await apiSignIn(small, "secretariat@plenary.test");
  await small.goto(`/reports/${report.id}/translations/fr`);
  await small.getByRole("textbox", { name: "Title in French" }).waitFor();
  expect(await small.getByRole("textbox", { name: "Title in French" }).getAttribute("dir")).toBe("ltr");
  await shot(small, "m-report-translation");
  await view(small, "m-report-translation-top");
  await small.getByRole("textbox", { name: "Paragraph 2 in French" }).scrollIntoViewIfNeeded();
  await view(small, "m-report-translation-rows");
  expect(await small.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  await small.context().close();
});

test("in the Arabic interface the screen mirrors, and axe finds nothing serious", async () => {
  const context = await newContext(browser);
  const page = await context.newPage();
  await apiSignIn(page, "secretariat@plenary.test");
  await page.evaluate(() => fetch("/api/me", { method: "PATCH", headers: { "content-type": "application/json" }, body: JSON.stringify({ locale: "ar" }) }));
  await page.evaluate(() => localStorage.setItem("plenary.locale", "ar"));
  try {
    await page.goto(`/reports/${report.id}/translations/zh`);
    await page.getByRole("heading", { level: 1, name: "الترجمة إلى الصينية" }).waitFor();
    expect(await page.evaluate(() => document.documentElement.dir)).toBe("rtl");
    // The Chinese fields stay left to right inside the right-to-left page.
    expect(await page.getByRole("textbox", { name: "العنوان باللغة الصينية" }).getAttribute("dir")).toBe("ltr");
    await view(page, "report-translation-ui-ar");
    const violations = await axeSerious(page);
    if (violations.length) console.log("axe on the translation screen in Arabic:", JSON.stringify(violations, null, 2));
    expect(violations).toEqual([]);
  } finally {
    await page.evaluate(() => fetch("/api/me", { method: "PATCH", headers: { "content-type": "application/json" }, body: JSON.stringify({ locale: "en" }) }));
    await context.close();
  }
});
