// Progress reports end to end. The secretariat creates and compiles a report through the
// form (a bad symbol is refused at its field), sees the generated sections with their
// sources and the word count, edits a paragraph (the count follows before saving), saves,
// regenerates (the edited section is kept) and submits it for review. Kenya's delegate
// comments on a paragraph of the report's revision on the ordinary revision page; the
// Chair adopts it on the board (silence procedure opened, then closed as adopted); the
// secretariat publishes it. An anonymous browser without JavaScript reads the public page
// (symbol, numbered paragraphs, SHA-256, no scripts) and downloads the PDF, whose text
// holds the symbol and the numbered paragraphs. Also: two colleagues saving the same
// section (the second gets the 409 dialogue), and the download progress bar.
import type { Browser, Page } from "playwright-core";
import { extractText, getDocumentProxy } from "unpdf";
import { afterAll, beforeAll, expect, test } from "vitest";
import { axeSerious, baseUrl, launch, newContext, shot, signIn } from "./browser";

let browser: Browser;
const stamp = Date.now().toString(36);
// A symbol of its own for each run: published symbols are unique forever.
const symbol = `A/81/${1000 + (Date.now() % 8999)}`;
const title = `Progress report of the Working Group ${stamp}`;
const trackTitle = `Principles outcome ${stamp}`;

beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function api(page: Page, method: string, url: string, body?: unknown): Promise<any> {
  const res = await page.evaluate(
    async ([method, url, body]) => {
      const r = await fetch(url as string, { method: method as string, headers: { "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) });
      return { status: r.status, text: await r.text() };
    },
    [method, url, body] as const,
  );
  if (res.status >= 400) throw new Error(`${method} ${url}: ${res.status} ${res.text}`);
  return res.text ? JSON.parse(res.text) : null;
}

async function expectNoSeriousAxe(page: Page, what: string) {
  const violations = await axeSerious(page);
  if (violations.length) console.log(`axe on ${what}:`, JSON.stringify(violations, null, 2));
  expect(violations).toEqual([]);
}

/** A track-1 text adopted through the API, so the report has a chapter taken from a revision. */
async function adoptedTrackText(secretariat: Page, chair: Page): Promise<string> {
  const { document } = await api(secretariat, "POST", "/api/documents", { trackId: 1, kind: "draft_outcome", title: trackTitle, visibility: "public" });
  const id = document.id as string;
  const blocks = [
    { kind: "heading", html: "Principles" },
    { kind: "paragraph", html: "Data governance should be inclusive, rights-based and development-oriented at all levels." },
    { kind: "paragraph", html: "Members recognise the value of <em>interoperable</em> frameworks." },
  ];
  const { draft } = await api(secretariat, "PUT", `/api/documents/${id}/draft`, { baseVersion: 1, blocks });
  const now = Date.now();
  await api(secretariat, "POST", `/api/documents/${id}/revisions`, {
    baseVersion: draft.version,
    commentsOpenAt: new Date(now - 60_000).toISOString(),
    commentsCloseAt: new Date(now + 7 * 86_400_000).toISOString(),
    commentsTimeZone: "Europe/Zurich",
  });
  const { procedure } = await api(chair, "POST", `/api/documents/${id}/revisions/0/procedures`, {
    kind: "round",
    deadline: new Date(now + 86_400_000).toISOString(),
    deadlineTimeZone: "Europe/Zurich",
  });
  await api(chair, "POST", `/api/documents/${id}/revisions/0/procedures/${procedure.id}/close`, { outcome: "adopted", decision: "Adopted by consensus." });
  return id;
}

test("compile → edit → review → comment → adopt on the board → publish → public page and PDF without JavaScript → corrigendum → revised text", async () => {
  const sec = await (await newContext(browser)).newPage();
  await signIn(sec, "secretariat@plenary.test");
  const chair = await (await newContext(browser)).newPage();
  await signIn(chair, "chair@plenary.test");
  const trackDocId = await adoptedTrackText(sec, chair);

  // 1. The list and the form: a malformed symbol comes back from the server as a 400 shown at its field.
  await sec.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Reports", exact: true }).click();
  await sec.getByRole("heading", { level: 1, name: "Progress reports" }).waitFor();
  expect(await sec.getByRole("link", { name: "Published reports (public archive)" }).getAttribute("href")).toBe("/published");
  const form = sec.locator("form.report-form");
  await form.getByLabel("Title", { exact: true }).fill(title);
  await form.getByLabel("Document symbol").fill("A/81/148 draft");
  await form.getByLabel("Session of the General Assembly").fill("81");
  await form.getByLabel("Agenda item (optional)").fill("Item 17 of the preliminary list");
  await expect(form.getByLabel("Word limit").inputValue()).resolves.toBe("8500");
  await form.getByRole("button", { name: "Create and compile the report" }).click();
  const symbolField = form.getByLabel("Document symbol");
  await sec.waitForFunction(() => document.querySelector('input[name="symbol"]')?.getAttribute("aria-invalid") === "true");
  const describedBy = (await symbolField.getAttribute("aria-describedby")) ?? "";
  const errorText = await sec.locator(`[id="${describedBy.split(" ").at(-1)}"]`).textContent();
  expect(errorText).toMatch(/symbol/i);
  await expect(sec.locator(".field-error").count()).resolves.toBe(1);
  await shot(sec, "rw-list-form-error");
  await symbolField.fill(symbol);
  await form.getByRole("button", { name: "Create and compile the report" }).click();
  await sec.waitForURL((u) => /^\/reports\/[^/]+$/.test(u.pathname));
  const reportId = new URL(sec.url()).pathname.split("/").pop()!;

  // 2. The workspace: stages, the word count, generated sections with their sources.
  await sec.getByRole("heading", { level: 1, name: title }).waitFor();
  await sec.getByText(symbol, { exact: true }).first().waitFor();
  const current = sec.locator('.report-steps [aria-current="step"]');
  await expect(current.textContent()).resolves.toContain("Drafting");
  const total = sec.locator(".word-total");
  await total.getByText(/^[\d,]+ of 8,500 words$/).waitFor();
  const before = Number((await total.locator("strong").textContent())!.split(" of ")[0]!.replace(/,/g, ""));
  expect(before).toBeGreaterThan(50);
  await expect(sec.locator("meter.word-meter").getAttribute("max")).resolves.toBe("8500");
  const toc = sec.getByRole("navigation", { name: "Sections" });
  await toc.getByRole("button", { name: /^II\. Track 1/ }).click();
  const trackSection = sec.locator("section.report-section-edit");
  await trackSection.getByRole("heading", { level: 3, name: /^II\. Track 1/ }).waitFor();
  const sourceLink = trackSection.locator(".block-source a").first();
  await expect(sourceLink.getAttribute("href")).resolves.toBe(`/documents/${trackDocId}/rev/0`);
  await trackSection.getByText(`${trackTitle}, Zero draft, para. 1`).waitFor();
  await trackSection.getByRole("textbox", { name: /^Paragraph \d+$/ }).first().waitFor();
  // The chapter takes the track's latest adopted text unless another revision is chosen.
  await expect(trackSection.getByLabel("Text this chapter takes").inputValue()).resolves.toBe("");
  await trackSection.getByLabel("Text this chapter takes").locator("option", { hasText: `${trackTitle}, Zero draft` }).waitFor({ state: "attached" });
  // Annexes are not counted.
  await sec.locator(".word-details summary").click();
  await sec.locator(".word-annexes").getByText(/not counted toward the limit/).first().waitFor();
  await shot(sec, "rw-workspace-generated");

  // 3. Edit paragraph 1 of the introduction: the count follows before saving; then save.
  await toc.getByRole("button", { name: /^I\. Introduction/ }).click();
  const intro = sec.locator("section.report-section-edit");
  await intro.getByRole("heading", { level: 3, name: /^I\. Introduction/ }).waitFor();
  const p1 = intro.getByRole("textbox", { name: "Paragraph 1", exact: true });
  const edited = "The present report is submitted pursuant to General Assembly resolution 78/160. It records the progress of the Working Group on data governance at all levels in its first year of work, including the texts adopted by its four tracks.";
  const wordsBefore = Number((await total.locator("strong").textContent())!.split(" of ")[0]!.replace(/,/g, ""));
  await p1.fill(edited);
  await total.getByText("(including unsaved changes)").waitFor();
  const wordsLive = Number((await total.locator("strong").textContent())!.split(" of ")[0]!.replace(/,/g, ""));
  expect(wordsLive).not.toBe(wordsBefore);
  await intro.getByText("Unsaved changes").waitFor();
  await intro.getByRole("button", { name: "Save the section" }).click();
  await intro.getByText("“Introduction” was saved (version 2).").waitFor();
  await toc.getByRole("button", { name: /^I\. Introduction/ }).getByText("Edited by hand").waitFor();
  await expect(total.getByText("(including unsaved changes)").count()).resolves.toBe(0);

  // 4. Regenerating keeps the edited introduction and offers to discard the edits.
  const regen = sec.getByRole("region", { name: "Regenerate from data" });
  await regen.getByRole("button", { name: "Regenerate from data" }).click();
  await regen.getByText("Kept because edited by hand: 1").waitFor();
  await regen.getByRole("button", { name: /^Regenerate anyway, discarding my edits\s*: I\. Introduction/ }).waitFor();
  await expectNoSeriousAxe(sec, "the workspace while drafting");

  // 5. Submit for review: the saved sections become the zero draft.
  const review = sec.getByRole("region", { name: "Review" });
  await review.getByRole("button", { name: "Submit Zero draft for review" }).click();
  await review.getByText("Zero draft was issued for review.").waitFor();
  await sec.locator('.report-steps [aria-current="step"]', { hasText: "Under review" }).waitFor();
  await sec.locator(".report-status").getByText(/^Members comment on Zero draft until /).waitFor();
  const { report } = await api(sec, "GET", `/api/reports/${reportId}`);
  const docId = report.documentId as string;
  await expect(sec.locator(".report-status").getByRole("link", { name: "Read Zero draft and its comments" }).getAttribute("href")).resolves.toBe(`/documents/${docId}/rev/0`);
  await shot(sec, "rw-workspace-review");

  // 6. Kenya's delegate comments on paragraph 1 of the report on the revision page.
  const kenya = await (await newContext(browser)).newPage();
  await signIn(kenya, "delegate.kenya@plenary.test");
  // The dashboard points members to reports open for their comments.
  const card = kenya.getByRole("region", { name: "Progress reports open for comments" });
  await expect(card.getByRole("link", { name: `${title}, Zero draft` }).getAttribute("href")).resolves.toBe(`/documents/${docId}/rev/0`);
  await kenya.goto(`/reports/${reportId}`);
  await kenya.getByRole("heading", { level: 1, name: title }).waitFor();
  await kenya.locator(".report-status").getByRole("link", { name: "Comment on Zero draft" }).click();
  await kenya.waitForURL((u) => u.pathname === `/documents/${docId}/rev/0`);
  await kenya.getByText(edited.slice(0, 60)).waitFor();
  await kenya.getByRole("button", { name: /^Comments on paragraph 1:/ }).click();
  const thread = kenya.getByRole("region", { name: "Comments on paragraph 1" });
  await thread.getByLabel("Comment", { exact: true }).fill("Kenya asks that the report also mention the regional consultations held in Nairobi.");
  await thread.getByRole("button", { name: "Send the comment" }).click();
  await thread.getByText("Your comment was sent.").waitFor();
  await kenya.context().close();

  // 7. The Chair puts it under silence procedure on the board, then closes it as adopted.
  await chair.goto(`/reports/${reportId}`);
  await chair.locator(".report-status").getByRole("link", { name: "Open or close the silence procedure on Zero draft" }).click();
  await chair.waitForURL((u) => u.pathname === `/documents/${docId}/rev/0/board`);
  const controls = chair.getByRole("region", { name: "Chair's controls" });
  await controls.getByLabel(/^Silence procedure/).check();
  await controls.getByRole("button", { name: "Put the text under silence procedure" }).click();
  await chair.getByText("Under silence procedure", { exact: true }).waitFor();
  await controls.getByLabel("Adopted", { exact: true }).check();
  await controls.getByLabel(/^Decision/).fill("No objection was raised; the progress report is adopted.");
  await controls.getByRole("button", { name: "Close the procedure" }).click();
  // Once adopted the text is locked: the controls go, and the board says so.
  await chair.locator(".status-adopted").getByText("Adopted on").waitFor();
  await chair.context().close();

  // 8. The secretariat publishes it in the workspace, after confirming.
  await sec.reload();
  await sec.getByRole("heading", { level: 1, name: title }).waitFor();
  await sec.locator('.report-steps [aria-current="step"]', { hasText: "Adopted" }).waitFor();
  await sec.getByText("The adopted text is locked and cannot be edited.", { exact: false }).waitFor();
  await expect(sec.locator("section.report-section-edit").count()).resolves.toBe(0);
  const publish = sec.getByRole("region", { name: "Publication" });
  await publish.getByRole("button", { name: `Publish as ${symbol}…` }).click();
  await publish.getByText(/^Publication is final/).waitFor();
  await publish.getByRole("button", { name: `Yes, publish ${symbol}` }).click();
  await publish.getByText(`${symbol} was published.`).waitFor();
  const hash = (await publish.locator(".published-now code.hash").first().textContent())!;
  expect(hash).toMatch(/^[0-9a-f]{64}$/);
  await sec.locator('.report-steps [aria-current="step"]', { hasText: "Published" }).waitFor();
  const published = sec.getByRole("region", { name: "Published texts" });
  await expect(published.getByRole("link", { name: symbol }).getAttribute("href")).resolves.toBe(`/published/${symbol}`);
  await published.getByText(hash).waitFor();
  await sec.getByRole("region", { name: "Issue a corrigendum" }).waitFor();
  await sec.getByRole("button", { name: "Prepare a revised text…" }).waitFor();
  await shot(sec, "rw-workspace-published");
  await expectNoSeriousAxe(sec, "the workspace once published");

  // 9. Anyone, without JavaScript: the public page, then its PDF.
  const anonymous = await browser.newContext({ baseURL: baseUrl(), javaScriptEnabled: false, locale: "en-GB" });
  const pub = await anonymous.newPage();
  const res = await pub.goto(`/published/${symbol}`);
  expect(res?.status()).toBe(200);
  const html = await pub.content();
  expect(html).not.toMatch(/<script/i);
  const text = await pub.locator("body").innerText();
  expect(text).toContain(symbol);
  expect(text).toContain(hash);
  expect(text).toMatch(/(^|\n)\s*1\.\s*The present report is submitted pursuant/);
  await shot(pub, "rw-public-page-nojs");
  const pdfHref = await pub.locator('a[href$=".pdf"]').first().getAttribute("href");
  expect(pdfHref).toBeTruthy();
  const pdf = await anonymous.request.get(new URL(pdfHref!, baseUrl()).toString());
  expect(pdf.status()).toBe(200);
  expect(pdf.headers()["content-type"]).toBe("application/pdf");
  const doc = await getDocumentProxy(new Uint8Array(await pdf.body()));
  const { text: pdfText } = await extractText(doc, { mergePages: true });
  expect(pdfText).toContain(symbol);
  expect(pdfText).toMatch(/1\.\s*The\s+present\s+report\s+is\s+submitted/);
  expect(pdfText).toMatch(/2\.\s+\S/);
  await anonymous.close();

  // 10. A corrigendum: a paragraph the text does not have is refused at its field (400), then issued.
  const corr = sec.getByRole("region", { name: "Issue a corrigendum" });
  await expect(corr.getByLabel("Published text to correct").inputValue()).resolves.not.toBe("");
  await corr.getByLabel("Paragraph number (correction 1)").fill("999");
  await corr.getByLabel("Corrected text of the paragraph (correction 1)").fill("It covers the work of the Working Group during its first year.");
  await corr.getByRole("button", { name: "Issue the corrigendum" }).click();
  await corr.locator(".field-error", { hasText: `${symbol} has no paragraph 999.` }).waitFor();
  await expect(corr.getByLabel("Paragraph number (correction 1)").getAttribute("aria-invalid")).resolves.toBe("true");
  await shot(sec, "rw-corrigendum-error");
  await corr.getByLabel("Paragraph number (correction 1)").fill("2");
  await corr.getByRole("button", { name: "Issue the corrigendum" }).click();
  await corr.getByText(`${symbol}/Corr.1 was issued.`).waitFor();
  await published.getByRole("link", { name: `${symbol}/Corr.1` }).waitFor();
  await published.getByText("Corrigendum", { exact: true }).waitFor();

  // 11. A revised text: the sections open again for editing, toward /Rev.1.
  const reopen = sec.getByRole("region", { name: "Prepare a revised text" });
  await reopen.getByText(`published as ${symbol}/Rev.1.`, { exact: false }).waitFor();
  await reopen.getByRole("button", { name: "Prepare a revised text…" }).click();
  await reopen.getByRole("button", { name: "Yes, start a revised text" }).click();
  await sec.locator('.report-steps [aria-current="step"]', { hasText: "Drafting" }).waitFor();
  await sec.getByText("A revised text is being prepared: edit the sections, then submit it for review again.").waitFor();
  await sec.locator("section.report-section-edit").getByRole("textbox", { name: "Paragraph 1", exact: true }).waitFor();
  await sec.context().close();
});

test("two colleagues save the same section: the second sees the newer text and chooses; hand edits are regenerated only when confirmed", async () => {
  const a = await (await newContext(browser)).newPage();
  await signIn(a, "secretariat@plenary.test");
  const b = await (await newContext(browser)).newPage();
  await signIn(b, "secretariat.data@plenary.test");
  const { report } = await api(a, "POST", "/api/reports", { title: `Stale save check ${stamp}`, session: 81 });
  for (const page of [a, b]) {
    await page.goto(`/reports/${report.id}`);
    await page.locator("section.report-section-edit").getByRole("textbox", { name: "Paragraph 1", exact: true }).waitFor();
  }
  const theirs = "Text saved first, by the first colleague.";
  const mine = "Text typed meanwhile by the second colleague.";
  const pa = a.locator("section.report-section-edit");
  await pa.getByRole("textbox", { name: "Paragraph 1", exact: true }).fill(theirs);
  await pa.getByRole("button", { name: "Save the section" }).click();
  await pa.getByText("“Introduction” was saved (version 2).").waitFor();

  const pb = b.locator("section.report-section-edit");
  await pb.getByRole("textbox", { name: "Paragraph 1", exact: true }).fill(mine);
  await pb.getByRole("button", { name: "Save the section" }).click();
  const dialogue = pb.getByRole("alert").filter({ hasText: "A colleague saved this section meanwhile." });
  await dialogue.waitFor();
  await dialogue.locator(".their-text").getByText(theirs).waitFor();
  await shot(b, "rw-stale-save");
  await expectNoSeriousAxe(b, "the stale-save dialogue");
  // Keeping mine saves it over theirs, knowingly.
  await dialogue.getByRole("button", { name: "Save my text over theirs" }).click();
  await pb.getByText("“Introduction” was saved (version 3).").waitFor();
  // The first colleague's next save is now the stale one; they load the newer text.
  await pa.getByRole("textbox", { name: "Paragraph 2", exact: true }).fill("Another change.");
  await pa.getByRole("button", { name: "Save the section" }).click();
  const back = pa.getByRole("alert").filter({ hasText: "A colleague saved this section meanwhile." });
  await back.getByRole("button", { name: "Load their version (my changes are discarded)" }).click();
  await expect(pa.getByRole("textbox", { name: "Paragraph 1", exact: true }).textContent()).resolves.toBe(mine);

  // Regenerating keeps the edited introduction; regenerating it anyway takes a confirmation.
  const regen = a.getByRole("region", { name: "Regenerate from data" });
  await regen.getByRole("button", { name: "Regenerate from data" }).click();
  await regen.getByText("Kept because edited by hand: 1").waitFor();
  await regen.getByRole("button", { name: /^Regenerate anyway, discarding my edits\s*: I\. Introduction/ }).click();
  await regen.getByText("The edits made by hand to “I. Introduction” will be lost.").waitFor();
  await regen.getByRole("button", { name: "Yes, discard my edits" }).click();
  await regen.getByText("Regenerated: 1").waitFor();
  await expect(pa.getByRole("textbox", { name: "Paragraph 1", exact: true }).textContent()).resolves.toMatch(/^The present report is submitted pursuant/);
  await expect(a.getByRole("navigation", { name: "Sections" }).getByText("Edited by hand").count()).resolves.toBe(0);
  await a.context().close();
  await b.context().close();
});

test("downloads show their progress on a slow link, and are saved under the server's file name", async () => {
  const page = await (await newContext(browser)).newPage();
  await signIn(page, "secretariat@plenary.test");
  const { report } = await api(page, "POST", "/api/reports", { title: `Download check ${stamp}`, symbol: "A/81/999", session: 81 });
  await page.goto(`/reports/${report.id}`);
  const panel = page.getByRole("region", { name: "Downloads" });
  await panel.getByLabel("Text to download").waitFor();
  await expect(panel.getByLabel("Text to download").inputValue()).resolves.toBe("working");
  // A slow mobile link: about 4 kB/s.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.emulateNetworkConditions", { offline: false, latency: 300, downloadThroughput: 4 * 1024, uploadThroughput: 4 * 1024 });
  const download = page.waitForEvent("download");
  await panel.getByRole("button", { name: "PDF" }).click();
  const bar = panel.locator(".download-progress progress");
  await bar.waitFor();
  await panel.getByText(/^Downloading the PDF: \d+%$/).waitFor();
  await shot(page, "rw-download-progress");
  const file = await download;
  expect(file.suggestedFilename()).toBe("A-81-999-working-en.pdf");
  await panel.getByText(/^A-81-999-working-en\.pdf was downloaded \(/).waitFor();
  await expect(bar.count()).resolves.toBe(0);
  await cdp.send("Network.emulateNetworkConditions", { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
  await page.context().close();
});
