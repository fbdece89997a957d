// Positions and consensus end to end: the Chair puts Rev.1 under a silence procedure (the
// form refuses less than 72 hours), India's head of delegation finds it on the dashboard,
// records an objection with its explanation, and the board shows the silence broken and
// one objection in the Asia-Pacific group. Then the Chair closes it by hand; Arabic and
// 375 px views are checked.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, test } from "vitest";
import { instantToZonedLocal } from "../../worker/lib/zonedTime";
import { axeSerious, launch, newContext, shot, signIn } from "./browser";

let browser: Browser;
let docId = "";
const title = `Interoperability outcome ${Date.now()}`;

beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

/** Creates a public track-2 document and issues a zero draft and a Rev.1, through the API. */
async function makeDocument(page: Page): Promise<string> {
  return page.evaluate(async (title) => {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const json = (method: string, url: string, body: unknown): Promise<any> =>
      fetch(url, { method, headers: { "content-type": "application/json" }, body: JSON.stringify(body) }).then(async (r) => {
        if (!r.ok) throw new Error(`${method} ${url}: ${r.status} ${await r.text()}`);
        return r.json();
      });
    const { document } = await json("POST", "/api/documents", { trackId: 2, kind: "draft_outcome", title, visibility: "public" });
    const id = document.id as string;
    const now = Date.now();
    const window = { commentsOpenAt: new Date(now - 60_000).toISOString(), commentsCloseAt: new Date(now + 7 * 86_400_000).toISOString(), commentsTimeZone: "Europe/Zurich" };
    const blocks = [
      { kind: "heading", html: "II. Interoperability" },
      { kind: "paragraph", html: "Data systems should be interoperable at all levels." },
      { kind: "paragraph", html: "Members shall adopt [open] standards." },
      { kind: "paragraph", html: "Capacity building supports developing countries." },
    ];
    let { draft } = await json("PUT", `/api/documents/${id}/draft`, { baseVersion: 1, blocks });
    await json("POST", `/api/documents/${id}/revisions`, { baseVersion: draft.version, ...window });
    ({ draft } = (await fetch(`/api/documents/${id}/draft`).then((r) => r.json())) as { draft: typeof draft });
    const edited = draft.blocks.map((b: { html: string }) => (b.html.startsWith("Members") ? { ...b, html: "Members should adopt [open] standards." } : b));
    ({ draft } = await json("PUT", `/api/documents/${id}/draft`, { baseVersion: draft.version, blocks: edited }));
    await json("POST", `/api/documents/${id}/revisions`, { baseVersion: draft.version, ...window });
    return id;
  }, title);
}

test("silence procedure → objection breaks it → board and tallies update", async () => {
  const chair = await (await newContext(browser)).newPage();
  await signIn(chair, "chair@plenary.test");
  docId = await makeDocument(chair);

  // Kenya gave a position on the zero draft: the board lists it as given on an earlier text.
  const kenya = await (await newContext(browser)).newPage();
  await signIn(kenya, "head.kenya@plenary.test");
  const put = await kenya.evaluate(
    (id) => fetch(`/api/documents/${id}/revisions/0/position`, { method: "PUT", headers: { "content-type": "application/json" }, body: JSON.stringify({ stance: "support", baseVersion: null }) }).then((r) => r.status),
    docId,
  );
  expect(put).toBe(200);
  await kenya.context().close();

  // 1. The Chair opens the board from the revision view.
  await chair.goto(`/documents/${docId}/rev/1`);
  await chair.getByRole("link", { name: "Positions and consensus" }).click();
  await chair.waitForURL((u) => u.pathname === `/documents/${docId}/rev/1/board`);
  await chair.getByRole("heading", { level: 1, name: /^Positions and consensus:/ }).waitFor();
  await chair.getByText("No consensus round or silence procedure has been opened on this text.").waitFor();
  await chair.getByText("gave a position on Zero draft:").first().waitFor();

  // 2. Less than 72 hours is refused in the browser already.
  const controls = chair.getByRole("region", { name: "Chair's controls" });
  await controls.getByLabel(/^Silence procedure/).check();
  await expect(controls.getByLabel("Time zone of the deadline").inputValue()).resolves.toBe("Europe/Zurich");
  const HOUR = 3_600_000;
  const at = (hours: number) => instantToZonedLocal(Math.ceil((Date.now() + hours * HOUR) / HOUR) * HOUR, "Europe/Zurich");
  await controls.getByLabel("Deadline", { exact: true }).fill(at(48));
  await controls.getByRole("button", { name: "Put the text under silence procedure" }).click();
  await controls.locator(".field-error", { hasText: "A silence procedure runs at least 72 hours." }).waitFor();
  await controls.getByLabel("Deadline", { exact: true }).fill(at(5 * 24));
  await controls.getByText("The deadline will be:").waitFor();
  await controls.getByRole("button", { name: "Put the text under silence procedure" }).click();
  await chair.getByText("Under silence procedure", { exact: true }).waitFor();
  await chair.getByText("Geneva time").first().waitFor();
  await shot(chair, "consensus-board-chair");

  // 3. India's head of delegation finds it on the dashboard.
  const india = await (await newContext(browser)).newPage();
  await signIn(india, "head.india@plenary.test");
  const pending = india.getByRole("region", { name: "Positions to record" });
  await pending.getByText("Silence procedure until").waitFor();
  await shot(india, "consensus-dashboard-india");
  await pending.getByRole("link", { name: `${title}, Rev.1` }).click();
  await india.waitForURL((u) => u.pathname === `/documents/${docId}/rev/1/board`);
  // Deadline shown in Geneva time and in India's own zone (Asia/Shanghai in the demo data).
  await india.getByText("your time, Asia/Shanghai").first().waitFor();

  // 4. An objection without an explanation is refused; with one, it is recorded.
  const panel = india.getByRole("region", { name: /^Your seat's position/ });
  await panel.getByLabel(/^Objection/).check();
  await panel.getByText("An objection breaks the silence procedure at once.").waitFor();
  await panel.getByRole("button", { name: "Record the position" }).click();
  await panel.locator(".field-error").first().waitFor();
  await panel.getByLabel(/^Explanation/).fill("Paragraph 2 imposes standards that developing countries cannot yet meet.");
  await panel.getByRole("button", { name: "Record the position" }).click();
  await panel.getByText("Your seat's objection was recorded. It broke the silence.").waitFor();

  // 5. The board: silence broken by India, the objection listed, one objection in Asia-Pacific.
  await india.getByText("Silence broken by India on").waitFor();
  const concerns = india.getByRole("region", { name: "Objections and reservations" });
  await concerns.getByText("Paragraph 2 imposes standards that developing countries cannot yet meet.").waitFor();
  await concerns.getByText("India", { exact: true }).waitFor();
  const table = india.locator("table.tally-table");
  const row = table.getByRole("row", { name: /^Asia-Pacific States/ });
  const headers = await table.locator("thead th").allTextContents();
  const cells = await row.locator("th, td").allTextContents();
  expect(cells[headers.indexOf("Objection")]).toBe("1");
  await expect(india.getByText("Objections: 1").textContent()).resolves.toBeTruthy();
  await shot(india, "consensus-board-india-objected");
  const violations = await axeSerious(india);
  if (violations.length) console.log("axe on the board (India):", JSON.stringify(violations, null, 2));
  expect(violations).toEqual([]);

  // 6. The Chair sees it broken and closes the procedure by hand with the decision.
  await chair.reload();
  await chair.getByText("Silence broken by India on").waitFor();
  await controls.getByLabel("Not adopted").check();
  await controls.getByLabel("Decision", { exact: true }).fill("Silence was broken; the co-facilitators will prepare Rev.2.");
  await controls.getByRole("button", { name: "Close the procedure" }).click();
  await chair.getByText("Not adopted; closed on").waitFor();
  await chair.getByText("Silence was broken; the co-facilitators will prepare Rev.2.").first().waitFor();
  await shot(chair, "consensus-board-closed");

  // 6b. India's objection stands on Rev.1: the form says a silence cannot be opened, naming India, and the server refuses it.
  const blocked = "A silence procedure cannot be opened on this text while a seat objects to it: India. One objection breaks silence.";
  await controls.locator(".notice", { hasText: blocked }).waitFor();
  await controls.getByRole("button", { name: "Put the text under silence procedure" }).click();
  await controls.locator(".alert-error", { hasText: blocked }).waitFor();
  await controls.locator(".alert-error", { hasText: "open a consensus round instead" }).waitFor();

  // 7. History of positions, disclosed on demand.
  await india.reload();
  await india.getByText("History of positions on this text").click();
  await india.locator(".history-list li").first().getByText("recorded by Mei Farouk").waitFor();
  await india.context().close();
  await chair.context().close();

  // 8. Kenya supported the zero draft: the dashboard asks to re-confirm; the board confirms it for Rev.1.
  const kenya2 = await (await newContext(browser)).newPage();
  await signIn(kenya2, "head.kenya@plenary.test");
  const todo = kenya2.getByRole("region", { name: "Positions to record" });
  await todo.getByText("Your seat's position on Zero draft was “Support”: confirm it or change it.").waitFor();
  await todo.getByRole("link", { name: `${title}, Rev.1` }).click();
  const mine = kenya2.getByRole("region", { name: /^Your seat's position/ });
  await mine.getByText("Your seat's position on Zero draft was:").waitFor();
  await mine.getByRole("button", { name: "Confirm it for Rev.1" }).click();
  await mine.getByText("The position was confirmed for this text.").waitFor();
  await mine.getByText("Confirmed from Zero draft.").waitFor();
  const african = kenya2.locator("table.tally-table").getByRole("row", { name: /^African States/ });
  const heads = await kenya2.locator("table.tally-table thead th").allTextContents();
  expect((await african.locator("th, td").allTextContents())[heads.indexOf("Support")]).toBe("1");
  await kenya2.context().close();
});

test("board in Arabic (right to left) and at 375 px", async () => {
  expect(docId).not.toBe("");
  const context = await newContext(browser);
  const page = await context.newPage();
  // The board is for members (deliberations.view), even on a public document: Egypt's head, who reads Arabic.
  await signIn(page, "head.egypt@plenary.test");
  await page.evaluate(() => fetch("/api/me", { method: "PATCH", headers: { "content-type": "application/json" }, body: JSON.stringify({ locale: "ar" }) }));
  await page.goto(`/documents/${docId}/rev/1/board`);
  await page.locator("table.tally-table").waitFor();
  expect(await page.evaluate(() => document.documentElement.dir)).toBe("rtl");
  await shot(page, "consensus-board-ar");
  const violations = await axeSerious(page);
  if (violations.length) console.log("axe on the board in Arabic:", JSON.stringify(violations, null, 2));
  expect(violations).toEqual([]);
  await context.close();

  const mobile = await newContext(browser, { width: 375, height: 760 });
  const m = await mobile.newPage();
  await signIn(m, "head.japan@plenary.test");
  await m.goto(`/documents/${docId}/rev/1/board`);
  await m.locator("table.tally-table").waitFor();
  await shot(m, "m-consensus-board");
  expect(await m.evaluate(() => document.documentElement.scrollWidth), "board fits 375 px").toBeLessThanOrEqual(375);
  const narrow = await axeSerious(m);
  if (narrow.length) console.log("axe on the board at 375 px:", JSON.stringify(narrow, null, 2));
  expect(narrow).toEqual([]);
  await mobile.close();
});
