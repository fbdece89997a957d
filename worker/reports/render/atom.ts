// The Atom 1.0 feed (RFC 4287) of published texts, corrigenda included, so
// delegations and libraries can follow new reports without an account.

import { xmlEscape } from "../../documents/docx-export";
import { ENDONYMS, REPORT_LABELS } from "../labels";
import type { ArchiveItem } from "./html";

/** RFC 3339 for Atom dates: a bare day becomes midnight UTC. */
function atomDate(s: string): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(s)) return `${s}T00:00:00Z`;
  const d = new Date(s);
  return Number.isNaN(d.getTime()) ? s : d.toISOString().replace(/\.\d{3}Z$/, "Z");
}

/**
 * `archivePath` is the HTML page the feed mirrors (rel=alternate); without it,
 * the feed's parent path ("/reports/feed.atom" → "/reports").
 */
export function renderAtomFeed(items: ArchiveItem[], opts: { baseUrl: string; feedPath: string; updated: string; archivePath?: string }): string {
  const l = REPORT_LABELS.en;
  const abs = (href: string) => new URL(href, opts.baseUrl).toString();
  const feedUrl = abs(opts.feedPath);
  const archiveUrl = abs(opts.archivePath ?? (opts.feedPath.replace(/\/[^/]*$/, "") || "/"));
  const entries = [...items]
    .sort((a, b) => (a.publishedAt < b.publishedAt ? 1 : a.publishedAt > b.publishedAt ? -1 : 0))
    .map((item) => {
      const published = atomDate(item.publishedAt);
      const summary =
        `${item.session}. ${l.kinds[item.kind]}. ${l.languages}: ${item.languages.map((x) => ENDONYMS[x]).join(", ")}. ` +
        `${l.contentHash}: ${item.sha256}`;
      return (
        "<entry>" +
        `<id>urn:plenary:publication:${xmlEscape(item.sha256)}</id>` +
        `<title>${xmlEscape(`${item.symbol} \u2014 ${item.title}`)}</title>` +
        `<updated>${xmlEscape(published)}</updated><published>${xmlEscape(published)}</published>` +
        `<link rel="alternate" type="text/html" href="${xmlEscape(abs(item.href))}"/>` +
        `<category term="${item.kind}" label="${xmlEscape(l.kinds[item.kind])}"/>` +
        `<summary>${xmlEscape(summary)}</summary>` +
        "</entry>"
      );
    });
  return (
    '<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">' +
    `<id>${xmlEscape(feedUrl)}</id>` +
    `<title>${xmlEscape(`${l.archiveTitle} \u2014 ${l.workingGroup}`)}</title>` +
    `<updated>${xmlEscape(atomDate(opts.updated))}</updated>` +
    `<author><name>${xmlEscape(l.workingGroup)}</name></author>` +
    `<link rel="self" type="application/atom+xml" href="${xmlEscape(feedUrl)}"/>` +
    `<link rel="alternate" type="text/html" href="${xmlEscape(archiveUrl)}"/>` +
    `<generator>Plenary</generator>\n` +
    entries.join("\n") +
    "\n</feed>\n"
  );
}
