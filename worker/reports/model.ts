// Shapes of the progress-report feature shared by the routes, the compiler and
// the renderers (HTML page, PDF, DOCX, Atom). The renderers take a
// `RenderedReport`: a self-contained snapshot, so a published report renders
// the same bytes from its frozen JSON forever.

import { LANGUAGES, PUBLICATION_KINDS, SECTION_TYPES } from "../db/enums";

export { PUBLICATION_KINDS, SECTION_TYPES };

export const REPORT_LANGUAGES = LANGUAGES;
export type ReportLanguage = (typeof REPORT_LANGUAGES)[number];
export const RTL_LANGUAGES: ReadonlySet<ReportLanguage> = new Set(["ar"]);

/** Languages whose script the PDF's built-in Times fonts (WinAnsi) can set. */
export const PDF_LANGUAGES: ReadonlySet<ReportLanguage> = new Set(["en", "fr", "es"]);

export const REPORT_STATES = ["drafting", "under_review", "adopted", "published"] as const;
export type ReportState = (typeof REPORT_STATES)[number];

export type SectionType = (typeof SECTION_TYPES)[number];

export const TRANSLATION_STATES = ["missing", "in_progress", "final"] as const;
export type TranslationState = (typeof TRANSLATION_STATES)[number];

export type PublicationKind = (typeof PUBLICATION_KINDS)[number];

/** Annexes are the sections whose key starts "annex-"; they follow the body and are not numbered. */
export const isAnnexKey = (key: string) => key.startsWith("annex-");

/**
 * Where a generated paragraph came from; shown beside it in the editor. `audience`
 * says whom the compiler read for: "public" (only what the public may see), the
 * report being written to be published. Blocks compiled before it was recorded lack it.
 */
export type SourceRef = (
  | { type: "revision"; documentId: string; revision: number; pid: string; label: string }
  /** `meetingId` when the block is about one meeting; aggregates only say what they counted. */
  | { type: "meetings"; meetingId?: string; label: string }
  | { type: "comments"; label: string }
  | { type: "attendance"; label: string }
  | { type: "seats"; label: string }
  | { type: "template"; label: string }
) & { audience?: "public" };

/** One block of a report section. `html` is the documents' restricted inline markup. */
export type ReportBlock = {
  pid?: string | null;
  kind: "heading" | "paragraph" | "list_item";
  html: string;
  /** Footnotes of this block, restricted inline markup; their references follow the block's text. */
  footnotes?: string[];
  source?: SourceRef | null;
};

/** What the renderers draw. Paragraph and footnote numbers are already assigned. */
export type RenderBlock =
  /** A chapter of the body: `label` "I.", "II." … */
  | { type: "chapter"; label: string; html: string }
  /** An annex, on a new page: `label` "Annex I" … (localised by the compiler). */
  | { type: "annex"; label: string; html: string }
  | { type: "heading"; html: string }
  /** `number` is null for unnumbered paragraphs (annexes). `notes` are footnote numbers. */
  | { type: "paragraph"; number: number | null; html: string; notes: number[] }
  | { type: "list_item"; html: string; notes: number[] };

export type RenderedReport = {
  /** The full symbol of this text, e.g. "A/81/148" or "A/81/148/Corr.1". */
  symbol: string;
  /** Distribution, localised: "General" / "Générale" … */
  distribution: string;
  /** The document's date, "YYYY-MM-DD" (publication date, or today for drafts). */
  date: string;
  language: ReportLanguage;
  /** The language the report was written in (the UN "Original:" line). */
  originalLanguage: ReportLanguage;
  /** "Eighty-first session" in the report's language. */
  session: string;
  /** "Item 17 of the preliminary list", may be null. */
  agendaItem: string | null;
  /** Restricted inline markup like the blocks' html (escaped text, or a translated title); plain text only in <title> and file metadata. */
  title: string;
  /** For drafts: "Draft: Rev.1, not adopted"; null for published texts. */
  watermark: string | null;
  /** "original", "revision" (…/Rev.1) or "corrigendum" (…/Corr.1). */
  kind: PublicationKind;
  blocks: RenderBlock[];
  footnotes: { number: number; html: string }[];
};
