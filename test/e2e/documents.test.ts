// Track drafts end to end: a co-facilitator writes and issues a zero draft, a member proposes
// an amendment on selected words, the co-facilitator disposes of it and issues Rev.1, and the
// member sees the word-level change and their comment carried over with its disposition.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, test } from "vitest";
import { launch, newContext, shot, signIn } from "./browser";

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

/** Pastes HTML into the focused element, as a word processor's clipboard would. */
async function pasteHtml(page: Page, html: string, text: string) {
  await page.evaluate(
    ([h, t]) => {
      const dt = new DataTransfer();
      dt.setData("text/html", h!);
      dt.setData("text/plain", t!);
      document.activeElement!.dispatchEvent(new ClipboardEvent("paste", { clipboardData: dt, bubbles: true, cancelable: true }));
    },
    [html, text],
  );
}

/** Selects `words` inside the paragraph whose text contains them. */
async function selectWords(page: Page, words: string) {
  await page.evaluate((w) => {
    const walker = document.createTreeWalker(document.querySelector(".paragraphs")!, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const i = n.textContent!.indexOf(w);
      if (i < 0) continue;
      const r = document.createRange();
      r.setStart(n, i);
      r.setEnd(n, i + w.length);
      const sel = window.getSelection()!;
      sel.removeAllRanges();
      sel.addRange(r);
      return;
    }
    throw new Error(`"${w}" is not in the text`);
  }, words);
}

test("draft → amendment → disposition → Rev.1 → compare and carried-over comment", async () => {
  const title = `Principles of data governance ${Date.now()}`;
  const cofac = await (await newContext(browser)).newPage();
  await signIn(cofac, "cofacilitator@plenary.test");

  // 1. Create the document on track 1.
  await cofac.goto("/tracks/principles");
  await cofac.getByRole("heading", { level: 2, name: "Documents" }).waitFor();
  await cofac.getByRole("button", { name: "New document" }).click();
  await cofac.getByLabel("Title").fill(title);
  await cofac.getByLabel("Kind of document").selectOption("draft_outcome");
  await cofac.getByRole("button", { name: "Create the document" }).click();
  await cofac.getByRole("heading", { level: 1, name: `Working copy: ${title}` }).waitFor();
  const docId = new URL(cofac.url()).pathname.split("/")[2]!;

  // 2. Write: a heading, a bracketed paragraph typed in, two paragraphs pasted from a word processor.
  await cofac.getByRole("button", { name: "Add a paragraph" }).click();
  await cofac.keyboard.type("General principles");
  await cofac.getByLabel("Kind of block 1").selectOption("heading");
  await cofac.getByRole("textbox", { name: "Text of block 1" }).click();
  await cofac.keyboard.press("End");
  await cofac.keyboard.press("Enter"); // a new block
  await cofac.keyboard.type("Data governance should be inclusive and [rights-based] at all levels.");
  await cofac.getByRole("button", { name: "Add a block after block 2" }).click();
  await pasteHtml(
    cofac,
    '<p class="MsoNormal">Members <b>shall</b> share data for development.</p><p class="MsoNormal">States should <i>cooperate</i>.</p>',
    "Members shall share data for development.\nStates should cooperate.",
  );
  await cofac.getByRole("textbox", { name: "Text of block 4" }).waitFor();
  expect(await cofac.getByRole("textbox", { name: "Text of block 3" }).innerHTML()).toContain("<strong>shall</strong>");
  await cofac.getByRole("button", { name: "Save", exact: true }).click();
  await cofac.getByText("The working copy was saved (version 2).").waitFor();
  await shot(cofac, "doc-editor");

  // 3. Issue the zero draft, open now, in Geneva time.
  await expect(cofac.getByLabel("Time zone of these times").inputValue()).resolves.toBe("Europe/Zurich");
  await cofac.getByRole("button", { name: "Save and issue Zero draft" }).click();
  await cofac.waitForURL((u) => u.pathname === `/documents/${docId}/rev/0`);
  await cofac.getByText("1 passage in square brackets").waitFor();
  await cofac.getByText("Open for comments").first().waitFor();
  await shot(cofac, "doc-rev0-cofac");

  // 4. Brazil selects words in paragraph 2 and proposes to replace them.
  const brazil = await (await newContext(browser)).newPage();
  await signIn(brazil, "head.brazil@plenary.test");
  await brazil.goto(`/documents/${docId}`);
  await brazil.waitForURL((u) => u.pathname === `/documents/${docId}/rev/0`);
  await brazil.locator(".para-text mark.bracketed").first().waitFor();
  await selectWords(brazil, "share data");
  await brazil.getByRole("button", { name: "Propose an amendment to the selected words" }).click();
  const thread = brazil.getByRole("region", { name: "Comments on paragraph 2" });
  await thread.waitFor();
  expect(await brazil.evaluate(() => document.activeElement?.textContent)).toBe("Comments on paragraph 2");
  await expect(thread.getByLabel("Proposed amendment").isChecked()).resolves.toBe(true);
  await expect(thread.getByLabel("Words in the text").inputValue()).resolves.toBe("share data");
  await thread.getByLabel("Replace these words").check();
  await thread.getByLabel("Proposed words").fill("exchange data responsibly");
  await thread.getByLabel("Comment", { exact: true }).fill("Sharing is too narrow; exchange should be responsible.");
  await thread.getByRole("button", { name: "Send the comment" }).click();
  await thread.getByText("Your comment was sent.").waitFor();
  const mine = thread.locator("article.comment").first();
  await mine.getByText("Proposes to replace").waitFor();
  await expect(mine.locator("del").textContent()).resolves.toContain("share data");
  await expect(mine.locator("ins").textContent()).resolves.toContain("exchange data responsibly");
  await mine.getByText("Brazil", { exact: true }).waitFor();
  await shot(brazil, "doc-rev0-amendment");

  // 5. The co-facilitator partly accepts it, with a reason.
  await cofac.reload();
  await cofac.getByRole("button", { name: /^Comments on paragraph 2: Comments: 1/ }).click();
  const cThread = cofac.getByRole("region", { name: "Comments on paragraph 2" });
  const comment = cThread.locator("article.comment").first();
  await comment.getByLabel("Disposition").selectOption("partly_accepted");
  await comment.getByLabel("Reason").fill("“Exchange” taken; “responsibly” is covered by paragraph 1.");
  await comment.getByRole("button", { name: "Save the disposition" }).click();
  await comment.getByText("The disposition was saved.").waitFor();
  await shot(cofac, "doc-rev0-disposed");

  // 6. Edit the text and issue Rev.1, publishing the zero draft's dispositions.
  await cofac.getByRole("link", { name: "Edit the working copy" }).click();
  const block = cofac.getByRole("textbox", { name: "Text of block 3" });
  await block.waitFor();
  await block.click();
  await cofac.keyboard.press("ControlOrMeta+A");
  await cofac.keyboard.type("Members shall exchange data for development.");
  await expect(cofac.getByLabel("Publish the dispositions of Zero draft").isChecked()).resolves.toBe(true);
  await cofac.getByRole("button", { name: "Save and issue Rev.1" }).click();
  await cofac.waitForURL((u) => u.pathname === `/documents/${docId}/rev/1`);
  await cofac.getByRole("heading", { level: 1, name: /Rev\.1/ }).waitFor();

  // 7. Brazil compares the two revisions: word-level change.
  await brazil.goto(`/documents/${docId}/compare?from=0&to=1`);
  await brazil.getByRole("heading", { level: 2, name: "Zero draft → Rev.1" }).waitFor();
  const edited = brazil.locator("li.change-edited");
  await edited.getByText("Edited", { exact: true }).waitFor();
  await expect(edited.locator("del").allTextContents()).resolves.toEqual(expect.arrayContaining([expect.stringContaining("share")]));
  await expect(edited.locator("ins").allTextContents()).resolves.toEqual(expect.arrayContaining([expect.stringContaining("exchange")]));
  await shot(brazil, "doc-compare");

  // 8. …and finds the comment carried over into Rev.1 with its published disposition.
  await brazil.getByRole("link", { name: "Back to the document" }).click();
  await brazil.waitForURL((u) => u.pathname === `/documents/${docId}/rev/1`);
  await brazil.getByRole("button", { name: /^Comments on paragraph 2: Comments: 1 \(carried over: 1\)/ }).click();
  const carried = brazil.getByRole("region", { name: "Comments on paragraph 2" }).locator("article.comment").first();
  await carried.getByText("Carried over from Zero draft").waitFor();
  await carried.locator(".disposition").getByText("Partly accepted").waitFor();
  await carried.getByText("“Exchange” taken; “responsibly” is covered by paragraph 1.").waitFor();
  await shot(brazil, "doc-rev1-carried");

  // The disposition matrix of the zero draft is now public to members.
  await brazil.goto(`/documents/${docId}/rev/0/dispositions`);
  await brazil.getByRole("cell", { name: "Partly accepted" }).waitFor();
  await shot(brazil, "doc-matrix");

  // 9. Two editors: a colleague saves while the co-facilitator types; nothing is overwritten silently.
  await cofac.goto(`/documents/${docId}/edit`);
  const first = cofac.getByRole("textbox", { name: "Text of block 2" });
  await first.click();
  await cofac.keyboard.press("End");
  await cofac.keyboard.type(" My unsaved words.");
  await cofac.evaluate(async (id) => {
    const { draft } = (await fetch(`/api/documents/${id}/draft`).then((r) => r.json())) as { draft: { version: number; blocks: { pid?: string; kind: string; html: string }[] } };
    const blocks = draft.blocks.map((b, i) => (i === 1 ? { ...b, html: "A colleague’s wording of paragraph 1." } : b));
    await fetch(`/api/documents/${id}/draft`, { method: "PUT", headers: { "content-type": "application/json" }, body: JSON.stringify({ baseVersion: draft.version, blocks }) });
  }, docId);
  await cofac.getByRole("button", { name: "Save", exact: true }).click();
  const conflict = cofac.getByRole("alert").filter({ hasText: "A colleague saved a newer version" });
  await conflict.waitFor();
  await shot(cofac, "doc-editor-conflict");
  await conflict.getByText("Their version", { exact: true }).click();
  await conflict.getByText("A colleague’s wording of paragraph 1.").waitFor();
  await conflict.getByRole("button", { name: "Load their version (my changes are discarded)" }).click();
  await expect(cofac.getByRole("textbox", { name: "Text of block 2" }).textContent()).resolves.toBe("A colleague’s wording of paragraph 1.");
});
