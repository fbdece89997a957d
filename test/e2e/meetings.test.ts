// Scheduling end to end: the Chair schedules a plenary through the form at a slot that
// overlaps a meeting in the same room, sees the conflict named (and which regions get
// night hours), gives a reason, saves and lands on the meeting page. Kenya's delegate then
// replies "Online" (it persists), downloads the .ics, and finds the meeting in the calendar
// in Geneva time and in Nairobi time. The month grid, 375 px and Arabic views are checked.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, test } from "vitest";
import { instantToZonedLocal, zonedToInstant } from "../../worker/lib/zonedTime";
import { axeSerious, launch, newContext, shot, signIn } from "./browser";

let browser: Browser;
const stamp = Date.now().toString(36);
const existingTitle = `Bureau briefing ${stamp}`;
const title = `Extra plenary on the report ${stamp}`;
const ROOM = `Room XX-${stamp}`;
// Three weeks ahead, as a Geneva calendar day.
const day = instantToZonedLocal(Date.now() + 21 * 86_400_000, "Europe/Zurich").slice(0, 10);
/** "13:00" in Nairobi for "11:00" in Geneva that day (12:00 in summer). */
const nairobi = (hhmm: string) => instantToZonedLocal(zonedToInstant(`${day}T${hhmm}`, "Europe/Zurich")!.ms, "Africa/Nairobi").slice(11);

beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

async function expectNoSeriousAxe(page: Page, what: string) {
  const violations = await axeSerious(page);
  if (violations.length) console.log(`axe on ${what}:`, JSON.stringify(violations, null, 2));
  expect(violations).toEqual([]);
}

test("the Chair schedules over a conflict with a reason; a member replies and downloads the .ics", async () => {
  const chair = await (await newContext(browser)).newPage();
  await signIn(chair, "chair@plenary.test");

  // The meeting already in the room, made through the API.
  const created = await chair.evaluate(
    async ([title, day, room]) => {
      const res = await fetch("/api/meetings", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ title, kind: "plenary", trackId: null, start: `${day}T10:00`, end: `${day}T12:00`, timeZone: "Europe/Zurich", format: "in_person", room }),
      });
      return { status: res.status, body: await res.text() };
    },
    [existingTitle, day, ROOM] as const,
  );
  expect(created.status, created.body).toBe(201);

  // 1. From the calendar to the form.
  await chair.goto("/meetings");
  await chair.getByRole("heading", { level: 1, name: "Meetings" }).waitFor();
  await chair.getByRole("link", { name: "Schedule a meeting" }).click();
  await chair.waitForURL((u) => u.pathname === "/meetings/new");
  await chair.getByRole("heading", { level: 1, name: "Schedule a meeting" }).waitFor();

  const form = chair.locator("form.schedule-form");
  await form.getByLabel("Title", { exact: true }).fill(title);
  await expect(form.getByLabel("Kind of meeting").inputValue()).resolves.toBe("plenary");
  await expect(form.getByLabel("Time zone of these times").inputValue()).resolves.toBe("Europe/Zurich");
  await form.getByLabel("Starts", { exact: true }).fill(`${day}T11:00`);
  await form.getByLabel("Ends", { exact: true }).fill(`${day}T14:00`);
  await form.getByLabel("Room", { exact: true }).fill(ROOM);
  // The slot in words, with its date and zone.
  await form.getByRole("group", { name: "The chosen slot in words" }).getByText(/11:00–14:00 Geneva \((CET|CEST)\)/).waitFor();

  // 2. The conflict panel names the meeting in the same room, and why.
  const status = chair.getByRole("status").filter({ has: chair.getByRole("heading", { name: "Conflicts" }) });
  await status.getByRole("link", { name: new RegExp(existingTitle) }).waitFor();
  await status.getByText(`Same room: ${ROOM}`).waitFor();
  await status.getByText(/10:00–12:00 Geneva/).waitFor();
  // 11:00 in Geneva is 05:00 in Bogotá: flagged for GRULAC.
  const grulac = chair.getByRole("row", { name: /Latin American and Caribbean States/ });
  await grulac.getByText("Outside 07:00–22:00").waitFor();
  await shot(chair, "meetings-form-conflict");
  await expectNoSeriousAxe(chair, "the schedule form with a conflict");

  // 3. Saving needs a reason; with one, the meeting is saved and its page opens.
  await chair.getByRole("button", { name: "Schedule the meeting" }).click();
  const reason = chair.getByLabel("Reason for scheduling despite the conflicts");
  await chair.locator(".field-error", { hasText: "Give a reason" }).waitFor();
  await expect(reason.evaluate((el) => el === document.activeElement)).resolves.toBe(true);
  await reason.fill("The Bureau briefing ends early; the Chair agreed to share the room.");
  await chair.getByRole("button", { name: "Schedule the meeting" }).click();
  await chair.waitForURL((u) => /^\/meetings\/[^/]+$/.test(u.pathname) && u.pathname !== "/meetings/new");
  const meetingPath = new URL(chair.url()).pathname;
  await chair.getByRole("heading", { level: 1, name: title }).waitFor();

  // 4. The calendar: list and month grid, both accessible.
  await chair.goto("/meetings");
  await chair.getByRole("link", { name: title }).waitFor();
  await expectNoSeriousAxe(chair, "the calendar list");
  await chair.goto(`/meetings?view=month&month=${day.slice(0, 7)}`);
  await chair.getByRole("table").getByRole("link", { name: new RegExp(title) }).waitFor();
  await shot(chair, "meetings-month");
  await expectNoSeriousAxe(chair, "the month grid");
  // The month grid is reachable from the keyboard: the previous-month button, then back.
  await chair.getByRole("button", { name: "Previous month" }).focus();
  await chair.keyboard.press("Enter");
  await chair.waitForURL((u) => u.searchParams.get("month") !== day.slice(0, 7));
  await chair.getByRole("button", { name: "Next month" }).click();
  await chair.getByRole("table").getByRole("link", { name: new RegExp(title) }).waitFor();
  await chair.context().close();

  // 5. Kenya's delegate replies "Online"; the reply is kept.
  const kenya = await (await newContext(browser)).newPage();
  await signIn(kenya, "delegate.kenya@plenary.test");
  await kenya.goto(meetingPath);
  await kenya.getByRole("heading", { level: 1, name: title }).waitFor();
  const replyGroup = kenya.getByRole("group", { name: "Your reply" }).or(kenya.getByRole("radiogroup", { name: "Your reply" }));
  await replyGroup.getByRole("radio", { name: "Online", exact: true }).check();
  await kenya.getByText("Saved", { exact: true }).waitFor();
  await kenya.reload();
  await kenya.getByRole("heading", { level: 1, name: title }).waitFor();
  await expect(replyGroup.getByRole("radio", { name: "Online", exact: true }).isChecked()).resolves.toBe(true);

  // 6. The calendar file downloads, with the meeting in it.
  const [download] = await Promise.all([kenya.waitForEvent("download"), kenya.getByRole("link", { name: "Add to calendar (.ics)" }).click()]);
  const stream = await download.createReadStream();
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c as Buffer);
  const ics = Buffer.concat(chunks).toString("utf8").replace(/\r\n[ \t]/g, ""); // unfold long lines
  expect(ics).toContain("BEGIN:VCALENDAR");
  expect(ics).toContain(`SUMMARY:${title}`);

  // 7. The calendar list shows it in Geneva time and in Nairobi time, with the reply.
  await kenya.goto("/meetings");
  const item = kenya.getByRole("listitem").filter({ has: kenya.getByRole("link", { name: title, exact: true }) });
  await item.getByText(/11:00–14:00 Geneva \((CET|CEST)\)/).waitFor();
  await item.getByText(`${nairobi("11:00")}–${nairobi("14:00")} your time (Nairobi, `).waitFor();
  await item.getByText("Your reply: Online").waitFor();
  await shot(kenya, "meetings-list-kenya");
  await kenya.context().close();
});

test("anonymous visitors, 375 px and Arabic", async () => {
  // Anonymous: public meetings only, no schedule button, feeds offered.
  const anon = await (await newContext(browser, { width: 375, height: 800 })).newPage();
  await anon.goto("/meetings");
  await anon.getByRole("link", { name: title }).waitFor();
  await expect(anon.getByRole("link", { name: "Schedule a meeting" }).count()).resolves.toBe(0);
  await anon.getByText("Subscribe to the calendar").click();
  await anon.getByLabel("All public meetings").waitFor();
  await expect(anon.getByLabel("All public meetings").inputValue()).resolves.toMatch(/\/api\/meetings\.ics$/);
  // Month view at 375 px: a list of days, nothing wider than the screen.
  await anon.goto(`/meetings?view=month&month=${day.slice(0, 7)}`);
  await anon.getByRole("link", { name: new RegExp(title) }).waitFor();
  const overflow = await anon.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await shot(anon, "meetings-month-375");
  await anon.context().close();

  // Arabic, right to left: the form mirrors and its strings are translated.
  const ar = await (await newContext(browser)).newPage();
  await signIn(ar, "chair@plenary.test");
  await ar.evaluate(() => fetch("/api/me", { method: "PATCH", headers: { "content-type": "application/json" }, body: JSON.stringify({ locale: "ar" }) }));
  await ar.goto("/meetings/new");
  await ar.getByRole("heading", { level: 1, name: "جدولة اجتماع" }).waitFor();
  await expect(ar.evaluate(() => document.documentElement.dir)).resolves.toBe("rtl");
  await ar.getByLabel("يبدأ").fill(`${day}T11:00`);
  await ar.getByLabel("القاعة").fill(ROOM);
  await ar.getByRole("heading", { name: "التعارضات" }).waitFor();
  await ar.getByRole("link", { name: new RegExp(existingTitle) }).waitFor();
  await shot(ar, "meetings-form-ar");
  await ar.evaluate(() => fetch("/api/me", { method: "PATCH", headers: { "content-type": "application/json" }, body: JSON.stringify({ locale: "en" }) }));
  await ar.context().close();
});

test("the Chair reschedules in another zone (a stale edit asks for a reload), then cancels with a confirmation", async () => {
  const chair = await (await newContext(browser)).newPage();
  await signIn(chair, "chair@plenary.test");
  const id = await chair.evaluate(
    async ([title, day]) => {
      const list = (await fetch(`/api/meetings?from=${day}`).then((r) => r.json())) as { meetings: { id: string; title: string }[] };
      return list.meetings.find((m) => m.title === title)!.id;
    },
    [existingTitle, day] as const,
  );
  const patchDescription = () =>
    chair.evaluate(async (id) => {
      const { meeting } = (await fetch(`/api/meetings/${id}`).then((r) => r.json())) as { meeting: { version: number } };
      await fetch(`/api/meetings/${id}`, { method: "PATCH", headers: { "content-type": "application/json" }, body: JSON.stringify({ version: meeting.version, description: "Briefing notes circulated." }) });
    }, id);

  await chair.goto(`/meetings/${id}/edit`);
  await chair.getByRole("heading", { level: 1, name: `Edit “${existingTitle}”` }).waitFor();
  const form = chair.locator("form.schedule-form");
  await expect(form.getByLabel("Starts", { exact: true }).inputValue()).resolves.toBe(`${day}T10:00`);
  await expect(form.getByLabel("Time zone of these times").inputValue()).resolves.toBe("Europe/Zurich");

  // Typed in New York time; the end keeps the two-hour length.
  const move = async () => {
    await form.getByLabel("Time zone of these times").selectOption("America/New_York");
    await form.getByLabel("Starts", { exact: true }).fill(`${day}T06:00`);
    await expect(form.getByLabel("Ends", { exact: true }).inputValue()).resolves.toBe(`${day}T08:00`);
    await form.getByRole("group", { name: "The chosen slot in words" }).getByText(/06:00–08:00 New York/).waitFor();
    await chair.getByRole("status").getByRole("link", { name: new RegExp(title) }).waitFor();
    await chair.getByLabel("Reason for scheduling despite the conflicts").fill("Only the Bureau attends; the plenary room is large enough.");
    await chair.getByLabel("Reason for the change (optional)").fill("Moved for the delegations in the Americas.");
  };
  await move();
  await patchDescription(); // someone else saves first
  await chair.getByRole("button", { name: "Save the changes" }).click();
  await chair.getByRole("alert").getByText("Someone changed this meeting since you opened it.").waitFor();
  await chair.getByRole("button", { name: "Reload the meeting" }).click();
  await expect.poll(() => form.getByLabel("Description", { exact: true }).inputValue()).toBe("Briefing notes circulated.");
  await move();
  await chair.getByRole("button", { name: "Save the changes" }).click();
  await chair.waitForURL((u) => u.pathname === `/meetings/${id}`);
  const saved = await chair.evaluate((id) => fetch(`/api/meetings/${id}`).then((r) => r.json() as Promise<{ meeting: Record<string, unknown> }>), id);
  const start = zonedToInstant(`${day}T06:00`, "America/New_York")!.ms;
  expect(saved.meeting).toMatchObject({ timeZone: "America/New_York", startsAt: new Date(start).toISOString(), endsAt: new Date(start + 2 * 3_600_000).toISOString(), room: ROOM });
  expect(saved.meeting.overrideReason).toBe("Only the Bureau attends; the plenary room is large enough.");

  // Cancelling asks for a reason, then for confirmation.
  await chair.goto(`/meetings/${id}/edit`);
  const cancel = chair.getByRole("region", { name: "Cancel this meeting" });
  await cancel.getByRole("button", { name: "Cancel the meeting…" }).click();
  await cancel.locator(".field-error", { hasText: "Fill in this field." }).waitFor();
  await cancel.getByLabel("Reason for cancelling").fill("The briefing is held with the plenary instead.");
  await cancel.getByRole("button", { name: "Cancel the meeting…" }).click();
  await cancel.getByText(`Cancel “${existingTitle}”? Participants will be told at once.`).waitFor();
  await cancel.getByRole("button", { name: "Yes, cancel the meeting" }).click();
  await chair.waitForURL((u) => u.pathname === `/meetings/${id}`);

  // It stays in the calendar, struck through and labelled.
  await chair.goto("/meetings");
  const item = chair.getByRole("listitem").filter({ has: chair.getByRole("link", { name: existingTitle, exact: true }) });
  await item.getByText("Cancelled", { exact: true }).waitFor();
  await expect(item.evaluate((el) => getComputedStyle(el.querySelector(".meeting-title")!).textDecorationLine)).resolves.toBe("line-through");
  await chair.context().close();
});
