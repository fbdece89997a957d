// Shapes shared by the documents feature: the working copy, revisions,
// comments and what the pure helpers (diff, import, export) take and give.

import { AMENDMENT_OPS, BLOCK_KINDS, DISPOSITIONS, DOCUMENT_KINDS, STORED_DOCUMENT_KINDS, VISIBILITIES } from "../db/enums";

import type { Block, BlockKind } from "../lib/markup";

export { AMENDMENT_OPS, BLOCK_KINDS, DISPOSITIONS, DOCUMENT_KINDS, VISIBILITIES };
export type DocumentKind = (typeof STORED_DOCUMENT_KINDS)[number];
export type Visibility = (typeof VISIBILITIES)[number];
export type Disposition = (typeof DISPOSITIONS)[number];
export type AmendmentOp = (typeof AMENDMENT_OPS)[number];

/** One block of text, as lib/markup.ts defines it: `{ pid?, kind, html }` in the restricted inline markup. */
export type { Block, BlockKind };

/** A block as issued: reports add footnotes, the section it belongs to, and unnumbered paragraphs (annexes). */
export type IssuableBlock = Block & { footnotes?: string[]; section?: string | null; unnumbered?: boolean };

/** A paragraph as issued in a revision. `number` counts numbered paragraphs (not headings), from 1. */
export type IssuedParagraph = {
  pid: string;
  position: number;
  number: number | null;
  kind: BlockKind;
  html: string;
  /** Inline markup of each footnote; absent when none. */
  footnotes?: string[];
  /** For reports: the section key. */
  section?: string;
};

/** "Zero draft" for 0, "Rev.N" after. */
export const revisionLabel = (n: number) => (n === 0 ? "Zero draft" : `Rev.${n}`);

export type DiffToken = { op: "equal" | "insert" | "delete"; text: string };
export type ParagraphChange =
  | { status: "unchanged"; pid: string; from: IssuedParagraph; to: IssuedParagraph }
  | { status: "edited"; pid: string; from: IssuedParagraph; to: IssuedParagraph; words: DiffToken[] }
  | { status: "moved"; pid: string; from: IssuedParagraph; to: IssuedParagraph; words: DiffToken[] | null }
  | { status: "new"; pid: string; to: IssuedParagraph }
  | { status: "deleted"; pid: string; from: IssuedParagraph };

/** A comment as exports and the disposition matrix see it. */
export type CommentRow = {
  id: string;
  paragraphPid: string | null;
  paragraphNumber: number | null;
  seatName: string | null;
  /** Null where the reader may not see the person's name (worker/people.ts). */
  authorName: string | null;
  kind: "general" | "amendment";
  op: AmendmentOp | null;
  quote: string | null;
  proposedText: string | null;
  body: string;
  late: boolean;
  createdAt: string;
  revisionLabel: string;
  disposition: Disposition | null;
  dispositionReason: string | null;
  replies: { authorName: string | null; seatName: string | null; body: string; createdAt: string }[];
};

export type DocumentMeta = {
  title: string;
  symbol: string | null;
  kind: DocumentKind;
  trackTitle: string | null;
  revisionLabel: string;
  issuedAt: string;
  /** Set once the revision was adopted. */
  adoptedAt?: string | null;
};

/** A seat's reservation, recorded in context beside the paragraphs it names (modified consensus). */
export type Reservation = { pid: string | null; seatName: string; explanation: string };
