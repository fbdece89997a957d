// Exports of a revision and its comments: the disposition matrix (CSV, DOCX)
// and the compilation of comments under each paragraph (HTML, DOCX).

import { type DocxBlock, docxDocument } from "./docx-export";
import { escapeText, sanitizeInline } from "./markup";
import type { CommentRow, Disposition, DocumentMeta, IssuedParagraph, Reservation } from "./types";

const DISPOSITION_LABELS: Record<Disposition, string> = {
  accepted: "Accepted",
  partly_accepted: "Partly accepted",
  not_accepted: "Not accepted",
  noted: "Noted",
};
const OP_LABELS = { replace: "Replace", insert: "Insert", delete: "Delete" } as const;

/** "7 October 2025", in Geneva time like the meetings; ISO date if Intl lacks the zone. */
export function formatDate(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  try {
    return new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "Europe/Zurich" }).format(d);
  } catch {
    return d.toISOString().slice(0, 10);
  }
}

const paragraphLabel = (r: CommentRow) =>
  r.paragraphNumber !== null ? String(r.paragraphNumber) : r.paragraphPid ? "Unnumbered" : "Whole document";
const seatLabel = (r: { seatName: string | null; authorName: string | null }) => r.seatName ?? r.authorName ?? "";
const dispositionLabel = (r: CommentRow) => (r.disposition ? DISPOSITION_LABELS[r.disposition] : "Pending");
const amendmentLabel = (r: CommentRow) =>
  r.kind === "amendment" && r.op ? `${OP_LABELS[r.op]}${r.quote ? ` \u201C${r.quote}\u201D` : ""}` : "";

// ---------- CSV ----------

function csvCell(value: string): string {
  // A leading =, +, -, @ would run as a formula in a spreadsheet.
  const v = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

const CSV_COLUMNS = ["Paragraph", "Seat", "Comment type", "Amendment", "Proposed text", "Comment", "Late", "Made on", "Disposition", "Reason"];

/** The disposition matrix as RFC 4180 CSV with a BOM, so Excel reads UTF-8. */
export function dispositionMatrixCsv(rows: CommentRow[]): string {
  const lines = [CSV_COLUMNS, ...rows.map((r) => [
    paragraphLabel(r),
    seatLabel(r),
    r.kind === "amendment" ? "Amendment" : "General comment",
    amendmentLabel(r),
    r.proposedText ?? "",
    r.body,
    r.late ? "Yes" : "No",
    `${r.revisionLabel}, ${formatDate(r.createdAt)}`,
    dispositionLabel(r),
    r.dispositionReason ?? "",
  ])];
  return "\uFEFF" + lines.map((cells) => cells.map(csvCell).join(",")).join("\r\n") + "\r\n";
}

// ---------- shared pieces ----------

/** An amendment as markup: removed words in <del>, proposed words in <ins>. */
function amendmentHtml(r: CommentRow): string {
  if (r.kind !== "amendment" || !r.op) return "";
  const quote = r.quote ? escapeText(r.quote) : "";
  const proposed = r.proposedText ? escapeText(r.proposedText) : "";
  switch (r.op) {
    case "replace":
      return `<strong>Replace</strong> ${quote ? `<del>${quote}</del>` : "the paragraph"} <strong>with</strong> <ins>${proposed}</ins>`;
    case "insert":
      return `<strong>Insert</strong> <ins>${proposed}</ins>${quote ? ` <strong>after</strong> \u201C${quote}\u201D` : ""}`;
    case "delete":
      return `<strong>Delete</strong> ${quote ? `<del>${quote}</del>` : "the paragraph"}`;
  }
}

function commentHeading(r: CommentRow): string {
  const parts = [seatLabel(r), r.kind === "amendment" ? "amendment" : "comment", `${r.revisionLabel}, ${formatDate(r.createdAt)}`];
  if (r.late) parts.push("late");
  return parts.join(" \u2014 ");
}

function dispositionText(r: CommentRow): string | null {
  if (!r.disposition) return null;
  return `Disposition: ${DISPOSITION_LABELS[r.disposition]}${r.dispositionReason ? ` \u2014 ${r.dispositionReason}` : ""}`;
}

/** Multi-line plain text as markup with <br> line breaks. */
const textHtml = (s: string) => escapeText(s.trim()).replace(/\r?\n/g, "<br>");

function groupComments(paragraphs: IssuedParagraph[], comments: CommentRow[]) {
  const present = new Set(paragraphs.map((p) => p.pid));
  const byPid = new Map<string, CommentRow[]>();
  const general: CommentRow[] = [];
  const orphans: CommentRow[] = [];
  for (const c of comments) {
    if (!c.paragraphPid) general.push(c);
    else if (!present.has(c.paragraphPid)) orphans.push(c);
    else byPid.set(c.paragraphPid, [...(byPid.get(c.paragraphPid) ?? []), c]);
  }
  return { byPid, general, orphans };
}

const headerLine = (meta: DocumentMeta) =>
  `${meta.revisionLabel} \u2014 compilation of comments and amendments${meta.adoptedAt ? ` \u2014 adopted on ${formatDate(meta.adoptedAt)}` : ""}`;

/** Reservations by paragraph; those naming no paragraph stand for the whole text (key null). */
function groupReservations(paragraphs: IssuedParagraph[], reservations: Reservation[]) {
  const present = new Set(paragraphs.map((p) => p.pid));
  const byPid = new Map<string | null, Reservation[]>();
  for (const r of reservations) {
    const key = r.pid && present.has(r.pid) ? r.pid : null;
    byPid.set(key, [...(byPid.get(key) ?? []), r]);
  }
  return byPid;
}

const reservationHtml = (r: Reservation) => `<strong>Reservation \u2014 ${escapeText(r.seatName)}:</strong> ${textHtml(r.explanation)}`;

// ---------- HTML ----------

function commentHtml(r: CommentRow): string {
  const amendment = amendmentHtml(r);
  const disposition = dispositionText(r);
  const replies = r.replies.length
    ? `<ul>${r.replies
        .map((rep) => `<li><p><strong>${escapeText(seatLabel(rep))}</strong>, ${escapeText(formatDate(rep.createdAt))}: ${textHtml(rep.body)}</p></li>`)
        .join("")}</ul>`
    : "";
  return (
    `<li><p><strong>${escapeText(commentHeading(r))}</strong></p>` +
    (amendment ? `<p>${amendment}</p>` : "") +
    `<p>${textHtml(r.body)}</p>` +
    (disposition ? `<p><em>${escapeText(disposition)}</em></p>` : "") +
    replies +
    "</li>"
  );
}

const commentsHtml = (label: string, rows: CommentRow[]) =>
  rows.length ? `<section aria-label="${escapeText(label)}"><ul>${rows.map(commentHtml).join("")}</ul></section>` : "";

/** A standalone, unstyled HTML compilation: each paragraph followed by its comments. */
export function compilationHtml(meta: DocumentMeta, paragraphs: IssuedParagraph[], comments: CommentRow[], reservations: Reservation[] = []): string {
  const { byPid, general, orphans } = groupComments(paragraphs, comments);
  const reserved = groupReservations(paragraphs, reservations);
  const body: string[] = [];
  const whole = reserved.get(null) ?? [];
  if (whole.length) body.push(`<section aria-label="Reservations on the whole text">${whole.map((r) => `<p>${reservationHtml(r)}</p>`).join("")}</section>`);
  for (const p of paragraphs) {
    const html = sanitizeInline(p.html);
    if (p.kind === "heading") body.push(`<h2>${html}</h2>`);
    else if (p.number !== null) body.push(`<p id="para-${p.number}"><strong>${p.number}.</strong> ${html}</p>`);
    else body.push(p.kind === "list_item" ? `<ul><li>${html}</li></ul>` : `<p>${html}</p>`);
    for (const r of reserved.get(p.pid) ?? []) body.push(`<p>${reservationHtml(r)}</p>`);
    const label = p.number !== null ? `Comments on paragraph ${p.number}` : "Comments on this text";
    body.push(commentsHtml(label, byPid.get(p.pid) ?? []));
  }
  if (orphans.length) body.push(`<h2>Comments on paragraphs no longer in this text</h2>`, commentsHtml("Comments on removed paragraphs", orphans));
  if (general.length) body.push(`<h2>Comments on the whole document</h2>`, commentsHtml("Comments on the whole document", general));

  const title = escapeText(meta.title);
  return (
    '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">' +
    '<meta name="viewport" content="width=device-width, initial-scale=1">' +
    `<title>${title} \u2014 ${escapeText(meta.revisionLabel)}</title></head><body><header>` +
    (meta.symbol ? `<p>${escapeText(meta.symbol)}</p>` : "") +
    `<p>${escapeText(formatDate(meta.issuedAt))}</p>` +
    `<h1>${title}</h1>` +
    (meta.trackTitle ? `<p>${escapeText(meta.trackTitle)}</p>` : "") +
    `<p>${escapeText(headerLine(meta))}</p></header><main>` +
    body.join("") +
    "</main></body></html>\n"
  );
}

// ---------- DOCX ----------

function commentBlocks(r: CommentRow): DocxBlock[] {
  const out: DocxBlock[] = [{ type: "paragraph", note: true, html: `<strong>${escapeText(commentHeading(r))}</strong>` }];
  const amendment = amendmentHtml(r);
  if (amendment) out.push({ type: "paragraph", note: true, html: amendment });
  out.push({ type: "paragraph", note: true, html: textHtml(r.body) });
  const disposition = dispositionText(r);
  if (disposition) out.push({ type: "paragraph", note: true, html: `<em>${escapeText(disposition)}</em>` });
  for (const rep of r.replies)
    out.push({ type: "paragraph", note: true, html: `<strong>${escapeText(seatLabel(rep))}</strong>, ${escapeText(formatDate(rep.createdAt))}: ${textHtml(rep.body)}` });
  return out;
}

function headerBlocks(meta: DocumentMeta, subtitle: string): DocxBlock[] {
  const out: DocxBlock[] = [];
  const date = formatDate(meta.issuedAt);
  if (meta.symbol) out.push({ type: "symbol", symbol: meta.symbol, date });
  else out.push({ type: "paragraph", align: "right", html: escapeText(date) });
  out.push({ type: "heading", level: 1, html: escapeText(meta.title) });
  if (meta.trackTitle) out.push({ type: "paragraph", html: escapeText(meta.trackTitle) });
  out.push({ type: "paragraph", html: `<em>${escapeText(subtitle)}</em>` });
  return out;
}

/** The compilation as .docx: numbered paragraphs with their comments and amendments beneath. */
export function compilationDocx(meta: DocumentMeta, paragraphs: IssuedParagraph[], comments: CommentRow[], reservations: Reservation[] = []): Uint8Array {
  const { byPid, general, orphans } = groupComments(paragraphs, comments);
  const reserved = groupReservations(paragraphs, reservations);
  const blocks = headerBlocks(meta, headerLine(meta));
  for (const r of reserved.get(null) ?? []) blocks.push({ type: "paragraph", note: true, html: reservationHtml(r) });
  for (const p of paragraphs) {
    const html = sanitizeInline(p.html);
    if (p.kind === "heading") blocks.push({ type: "heading", level: 2, html });
    else if (p.number !== null) blocks.push({ type: "numbered", number: p.number, html });
    else blocks.push(p.kind === "list_item" ? { type: "list_item", html } : { type: "paragraph", html });
    for (const r of reserved.get(p.pid) ?? []) blocks.push({ type: "paragraph", note: true, html: reservationHtml(r) });
    for (const c of byPid.get(p.pid) ?? []) blocks.push(...commentBlocks(c));
  }
  if (orphans.length) {
    blocks.push({ type: "heading", level: 2, html: "Comments on paragraphs no longer in this text" });
    for (const c of orphans) blocks.push(...commentBlocks(c));
  }
  if (general.length) {
    blocks.push({ type: "heading", level: 2, html: "Comments on the whole document" });
    for (const c of general) blocks.push(...commentBlocks(c));
  }
  return docxDocument(blocks, { title: `${meta.title} \u2014 ${meta.revisionLabel}` });
}

/** The disposition matrix as .docx: a title, then one table row per comment. */
export function dispositionMatrixDocx(meta: DocumentMeta, rows: CommentRow[]): Uint8Array {
  const blocks = headerBlocks(meta, `${meta.revisionLabel} \u2014 disposition of comments`);
  blocks.push({
    type: "table",
    header: ["Paragraph", "Seat", "Comment/amendment", "Disposition", "Reason"],
    rows: rows.map((r) => {
      const amendment = amendmentHtml(r);
      const late = r.late ? " <em>(late)</em>" : "";
      return [
        paragraphLabel(r),
        seatLabel(r),
        { html: (amendment ? `${amendment}<br>` : "") + textHtml(r.body) + late },
        dispositionLabel(r),
        r.dispositionReason ?? "",
      ];
    }),
  });
  return docxDocument(blocks, { title: `${meta.title} \u2014 disposition of comments` });
}
