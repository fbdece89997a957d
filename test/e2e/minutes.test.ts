// Minutes end to end: the Chair records the register of a meeting already held (Kenya
// present), writes the minutes of an item and circulates them; Kenya's delegate proposes a
// correction; the Chair cannot approve while the window is open, shortens it to now,
// accepts the correction and approves. The minutes are then locked for everyone.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, test } from "vitest";
import { instantToZonedLocal } from "../../worker/lib/zonedTime";
import { axeSerious, launch, newContext, shot, signIn } from "./browser";

let browser: Browser;
const title = `Plenary on data flows ${Date.now()}`;

beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

/** A plenary meeting held on 2 November 2026 in Geneva, with two agenda items. */
function createHeldMeeting(page: Page): Promise<string> {
  return page.evaluate(async (title) => {
    const res = await fetch("/api/meetings", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        title,
        kind: "plenary",
        trackId: null,
        start: "2026-11-02T10:00",
        end: "2026-11-02T13:00",
        timeZone: "Europe/Zurich",
        format: "hybrid",
        room: "Room XVIII, Palais des Nations",
        onlineUrl: "https://meet.example.org/plenary",
        agenda: [{ title: "Opening of the session" }, { title: "Cross-border data flows" }],
        overrideReason: "Test meeting beside other sessions",
      }),
    });
    if (res.status !== 201) throw new Error(`create: ${res.status} ${await res.text()}`);
    return ((await res.json()) as { meeting: { id: string } }).meeting.id;
  }, title);
}

test("register → minutes → circulate → correction → window closed → accepted → approved and locked", async () => {
  const chair = await (await newContext(browser)).newPage();
  await signIn(chair, "chair@plenary.test");
  const id = await createHeldMeeting(chair);

  // 1. The register, from the meeting page: Kenya present; the quorum line counts it.
  await chair.goto(`/meetings/${id}`);
  await chair.getByRole("heading", { level: 1, name: title }).waitFor();
  // Always date, time and zone (the zone letters are isolated for right-to-left pages).
  await chair.getByText(/^Monday,? 2 November 2026, 10:00–13:00 Geneva time \(\u2066CET, UTC\+1\u2069\)$/).waitFor();
  const ics = chair.getByRole("link", { name: "Add to calendar (.ics)" });
  expect(await ics.getAttribute("href")).toBe(`/api/meetings/${id}/calendar.ics`);
  expect(await ics.getAttribute("download")).not.toBeNull();
  const register = chair.getByRole("region", { name: "Attendance register" });
  await register.getByText(/^Quorum: 0 of \d+ member seats present — quorum \(\d+\) not met$/).waitFor();
  await register.getByLabel("Kenya", { exact: true }).selectOption("present");
  await register.getByText(/^Quorum: 1 of \d+ member seats present/).waitFor();
  await register.getByRole("button", { name: "Save the register" }).first().click();
  await register.getByText("The register was saved. Seats recorded: 1.").waitFor();
  await expect(register.getByLabel("Kenya", { exact: true }).inputValue()).resolves.toBe("present");
  expect((await axeSerious(chair)).map((v) => v.id)).toEqual([]);
  await shot(chair, "meeting-register-chair");

  // 2. Minutes of the second item, saved with their version.
  await chair.getByRole("link", { name: "Minutes", exact: true }).click();
  await chair.waitForURL((u) => u.pathname === `/meetings/${id}/minutes`);
  await chair.getByRole("heading", { level: 1, name: `Minutes: ${title}` }).waitFor();
  const text = "The Chair opened the discussion on cross-border data flows. Delegations stressed trust and development.";
  await chair.getByLabel("Minutes of item 2").fill(text);
  await chair.getByText("Unsaved changes").waitFor();
  await chair.getByRole("button", { name: "Save item 2" }).click();
  await chair.getByText("Item 2 saved").waitFor();

  // 3. Circulated for corrections until the default: 18:00 Geneva time a week ahead.
  await expect(chair.getByLabel("Time zone").inputValue()).resolves.toBe("Europe/Zurich");
  await chair.getByRole("button", { name: "Circulate for corrections" }).click();
  await chair.locator('.stepper li[aria-current="step"]', { hasText: "Circulated for corrections" }).waitFor();
  await chair.getByText("Participants may propose corrections until").waitFor();
  await shot(chair, "minutes-circulated-chair");

  // 4. Kenya's delegate (their seat was present) proposes a correction to item 2.
  const kenya = await (await newContext(browser)).newPage();
  await signIn(kenya, "delegate.kenya@plenary.test");
  await kenya.goto(`/meetings/${id}/minutes`);
  await kenya.getByText(text).waitFor();
  expect(await kenya.locator("textarea[name=minutes]").count()).toBe(0);
  const correction = "Kenya also stressed capacity building for developing countries.";
  await kenya.getByText("Propose a correction to item 2").click();
  await kenya.getByLabel("Your correction to item 2").fill(correction);
  await kenya.getByRole("button", { name: "Send the correction to item 2" }).click();
  await kenya.getByText("Your correction was sent to those keeping the minutes.").waitFor();
  await kenya.getByText(correction).waitFor();
  expect((await axeSerious(kenya)).map((v) => v.id)).toEqual([]);
  await kenya.context().close();

  // 5. The Chair cannot approve while the window is open.
  await chair.reload();
  const item2 = chair.getByRole("region", { name: "2. Cross-border data flows" });
  await item2.getByText(correction).waitFor();
  await item2.getByText("Awaiting an answer").waitFor();
  await chair.getByRole("button", { name: "Approve minutes" }).click();
  await chair.getByText(/^The corrections window is open until/).waitFor();

  // 6. The window is shortened to now (a time in the past closes it now).
  await chair.getByLabel("Corrections close").fill(instantToZonedLocal(Date.now(), "Europe/Zurich"));
  await chair.getByRole("button", { name: "Change closing time" }).click();
  await chair.getByText("The closing time was changed.").waitFor();
  await chair.getByText("Corrections awaiting an answer: 1.").waitFor();

  // 7. The correction is accepted with an answer, then the minutes are approved.
  await item2.getByLabel("Answer to this correction (optional)").fill("Added to the minutes.");
  await item2.getByRole("button", { name: "Accept" }).click();
  await item2.getByText("Accepted", { exact: true }).waitFor();
  await item2.getByText("Added to the minutes.").waitFor();
  await chair.getByRole("button", { name: "Approve minutes" }).click();
  await chair.locator('.stepper li[aria-current="step"]', { hasText: "Approved (locked)" }).waitFor();
  await chair.getByText("The minutes were approved and are locked.").waitFor();
  expect(await chair.locator("textarea").count()).toBe(0);
  await chair.getByText(text).waitFor();
  expect((await axeSerious(chair)).map((v) => v.id)).toEqual([]);
  await shot(chair, "minutes-approved-chair");

  // The history of the item, fetched when opened, keeps the circulated text.
  await item2.getByText("Earlier versions of item 2").click();
  await item2.getByText("Version 1").waitFor();

  // The register is locked with the minutes: no more selects on the meeting page.
  await chair.goto(`/meetings/${id}`);
  await chair.getByRole("heading", { level: 1, name: title }).waitFor();
  await chair.getByRole("region", { name: "Attendance register" }).getByText("Present").first().waitFor();
  expect(await chair.getByRole("region", { name: "Attendance register" }).locator("select").count()).toBe(0);
  await chair.context().close();
});
