import { z } from "zod";
import { TimeZone } from "../auth/schemas";
import { BLOCK_KINDS, VISIBILITIES } from "../documents/types";
import { REPORT_LANGUAGES } from "./model";

const Id = z.string().regex(/^[A-Za-z0-9-]{1,64}$/, { error: "Not an id." });
const IsoTime = z.iso.datetime({ offset: true, error: "Use an ISO 8601 date and time with its offset." });
const Symbol = z.string().trim().min(3).max(60).regex(/^[A-Z0-9./()\-]*$/, { error: "A symbol looks like A/81/148." });
const Inline = z.string().max(20_000);

export const ReportParam = z.strictObject({ id: Id });
export const SectionParam = z.strictObject({ id: Id, key: z.string().regex(/^[a-z0-9-]{1,40}$/, { error: "Not a section key." }) });
export const LanguageParam = z.strictObject({ id: Id, lang: z.enum(REPORT_LANGUAGES) });
export const PublicationParam = z.strictObject({ id: Id, pub: Id });

export const CreateReportBody = z.strictObject({
  title: z.string().trim().min(3).max(300),
  symbol: Symbol.nullable().optional(),
  session: z.int().min(1).max(200),
  agendaItem: z.string().trim().max(200).nullable().optional(),
  wordLimit: z.int().min(500).max(50_000).optional(),
  visibility: z.enum(VISIBILITIES).optional(),
});
export const UpdateReportBody = CreateReportBody.partial();

const Source = z.looseObject({ type: z.enum(["revision", "meetings", "comments", "attendance", "seats", "template"]), label: z.string().max(500) });
export const ReportBlockInput = z.strictObject({
  pid: z.string().max(64).nullable().optional(),
  kind: z.enum(BLOCK_KINDS),
  html: Inline,
  footnotes: z.array(Inline).max(30).optional(),
  source: Source.nullable().optional(),
});
export const SectionBody = z.strictObject({
  baseVersion: z.int().min(1),
  title: z.string().trim().min(1).max(300).optional(),
  blocks: z.array(ReportBlockInput).max(2000, { error: "At most 2,000 paragraphs in a section." }),
});
export const NewSectionBody = z.strictObject({ title: z.string().trim().min(1).max(300), annex: z.boolean().optional() });
export const SourceBody = z.strictObject({ revisionId: Id.nullable() });
export const RegenerateBody = z.strictObject({
  keys: z.array(z.string().max(40)).max(50).optional(),
  /** Replace hand-edited generated sections too. */
  discardEdits: z.boolean().optional(),
});

export const ReviewBody = z
  .strictObject({ commentsOpenAt: IsoTime, commentsCloseAt: IsoTime, commentsTimeZone: TimeZone, allowLate: z.boolean().optional() })
  .refine((b) => Date.parse(b.commentsCloseAt) > Date.parse(b.commentsOpenAt), { error: "The window must close after it opens.", path: ["commentsCloseAt"] });

export const CorrigendumBody = z.strictObject({
  /** The published text being corrected (an original or a revision). */
  publicationId: Id,
  corrections: z
    .array(z.strictObject({ paragraph: z.int().min(1).max(10_000), html: Inline.min(1) }))
    .min(1, { error: "Give at least one correction." })
    .max(200),
});

export const TranslationBody = z.strictObject({
  baseVersion: z.int().min(0),
  state: z.enum(["in_progress", "final"]),
  /** Keyed by paragraph identity; "$title" holds the title. */
  paragraphs: z.record(z.string().max(64), z.strictObject({ html: Inline, footnotes: z.array(Inline).max(30).optional() })),
});

/**
 * The public pages' one parameter. Other parameters are ignored rather than refused: links
 * to a published report travel with tracking parameters that must not break them.
 */
export const PublishedQuery = z.object({ lang: z.enum(REPORT_LANGUAGES).optional() });

export const ExportQuery = z.strictObject({
  format: z.enum(["pdf", "docx", "html"]),
  /** An issued revision's number, or "working" for the sections as they are now. */
  revision: z.union([z.literal("working"), z.coerce.number().int().min(0).max(999)]).optional(),
  lang: z.enum(REPORT_LANGUAGES).optional(),
});
