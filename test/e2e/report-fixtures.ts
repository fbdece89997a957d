// A progress report taken through the real machinery for the browser tests, through the API:
// the secretariat compiles it (plus a paragraph with a footnote) and issues it for review,
// the Chair opens a consensus round on that revision and closes it as adopted, and the
// secretariat may publish it.
import type { Browser, Page } from "playwright-core";
import { DEMO_PASSWORD, newContext } from "./browser";

/** Signs in through the API (the sign-in form has its own tests), leaving the page on /signin. */
export async function apiSignIn(page: Page, email: string) {
  await page.goto("/signin");
  const status = await page.evaluate(
    async ([email, password]) =>
      (await fetch("/api/auth/login", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email, password }) })).status,
    [email, DEMO_PASSWORD] as const,
  );
  if (status !== 200) throw new Error(`sign-in of ${email}: HTTP ${status}`);
}

/** A JSON call from the page (same origin, its session); throws with the answer on failure. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function call(page: Page, method: string, url: string, body?: unknown): Promise<any> {
  const res = await page.evaluate(
    async ([method, url, body]) => {
      const r = await fetch(url, { method, headers: body === undefined ? {} : { "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) });
      return { status: r.status, text: await r.text() };
    },
    [method, url, body] as const,
  );
  if (res.status >= 300) throw new Error(`${method} ${url}: ${res.status} ${res.text}`);
  return res.text ? JSON.parse(res.text) : null;
}

export type AdoptedReport = { id: string; symbol: string; documentId: string; revision: number };

/**
 * Creates a report with `symbol`, adds a footnoted paragraph to its introduction, issues it,
 * has the Chair adopt it, and (unless told otherwise) publishes it. `staff` is a page signed in
 * as the secretariat; a Chair's context is opened and closed here.
 */
export async function adoptedReport(browser: Browser, staff: Page, symbol: string, { publish = true, title = "Progress report of the Working Group on Data Governance" } = {}): Promise<AdoptedReport> {
  const { report } = await call(staff, "POST", "/api/reports", { title, symbol, session: 81 });
  const id = report.id as string;
  let detail = await call(staff, "GET", `/api/reports/${id}`);
  const intro = detail.sections.find((s: { type: string }) => s.type === "introduction") ?? detail.sections[0];
  await call(staff, "PUT", `/api/reports/${id}/sections/${intro.key}`, {
    baseVersion: intro.version,
    blocks: [
      ...intro.blocks.map((b: { pid?: string | null; kind: string; html: string; footnotes?: string[] }) => ({ pid: b.pid ?? null, kind: b.kind, html: b.html, ...(b.footnotes ? { footnotes: b.footnotes } : {}) })),
      { kind: "paragraph", html: "The Working Group met <em>four times</em> in 2025.", footnotes: ["See the meeting records in annex II."] },
    ],
  });
  const now = Date.now();
  await call(staff, "POST", `/api/reports/${id}/review`, {
    commentsOpenAt: new Date(now - 60_000).toISOString(),
    commentsCloseAt: new Date(now + 7 * 86_400_000).toISOString(),
    commentsTimeZone: "Europe/Zurich",
  });
  detail = await call(staff, "GET", `/api/reports/${id}`);
  const documentId = detail.report.documentId as string;
  const revision = detail.report.latestRevision.number as number;

  const chairContext = await newContext(browser);
  try {
    const chair = await chairContext.newPage();
    await apiSignIn(chair, "chair@plenary.test");
    const { procedure } = await call(chair, "POST", `/api/documents/${documentId}/revisions/${revision}/procedures`, {
      kind: "round",
      deadline: new Date(now + 4 * 86_400_000).toISOString(),
      deadlineTimeZone: "Europe/Zurich",
    });
    await call(chair, "POST", `/api/documents/${documentId}/revisions/${revision}/procedures/${procedure.id}/close`, { outcome: "adopted", decision: "Adopted by consensus." });
  } finally {
    await chairContext.close();
  }
  if (publish) await call(staff, "POST", `/api/reports/${id}/publish`);
  return { id, symbol, documentId, revision };
}

/** Every paragraph (and footnote) of the adopted text, "translated" by a marker, for filling through the API. */
export function fullTranslation(source: { pid: string; html: string; footnotes?: string[] }[], marker: string) {
  const paragraphs: Record<string, { html: string; footnotes?: string[] }> = { $title: { html: `${marker} العنوان` } };
  for (const p of source) {
    paragraphs[p.pid] = { html: `${marker} ${p.pid.slice(0, 6)}`, ...(p.footnotes?.length ? { footnotes: p.footnotes.map((_, i) => `${marker} حاشية ${i + 1}`) } : {}) };
  }
  return paragraphs;
}
