import { z } from "zod";
import { TimeZone } from "../auth/schemas";
import { AMENDMENT_OPS, BLOCK_KINDS, DISPOSITIONS, DOCUMENT_KINDS, VISIBILITIES } from "./types";

export const MAX_BLOCKS = 2000;
const Id = z.string().regex(/^[A-Za-z0-9-]{1,64}$/, { error: "Not an id." });
const IsoTime = z.iso.datetime({ offset: true, error: "Use an ISO 8601 date and time with its offset." });

export const DocumentParam = z.strictObject({ id: Id });
export const RevisionParam = z.strictObject({ id: Id, n: z.coerce.number().int().min(0).max(999) });
export const CommentParam = z.strictObject({ id: Id, cid: Id });

export const ListQuery = z.strictObject({ trackId: z.coerce.number().int().min(1).max(99).optional() });

export const CreateDocumentBody = z.strictObject({
  trackId: z.int().min(1).max(99).nullable(),
  kind: z.enum(DOCUMENT_KINDS),
  title: z.string().trim().min(3).max(300),
  symbol: z.string().trim().max(60).regex(/^[A-Z0-9./()\-]*$/, { error: "A symbol looks like A/AC.123/2026/L.1." }).nullable().optional(),
  visibility: z.enum(VISIBILITIES),
});
export const UpdateDocumentBody = CreateDocumentBody.omit({ trackId: true, kind: true }).partial();

export const BlockInput = z.strictObject({
  pid: z.string().max(64).nullable().optional(),
  kind: z.enum(BLOCK_KINDS),
  html: z.string().max(20_000),
});
export const DraftBody = z.strictObject({
  baseVersion: z.int().min(1),
  blocks: z.array(BlockInput).max(MAX_BLOCKS, { error: `At most ${MAX_BLOCKS} paragraphs.` }),
});

export const IssueBody = z
  .strictObject({
    baseVersion: z.int().min(1),
    commentsOpenAt: IsoTime,
    commentsCloseAt: IsoTime,
    commentsTimeZone: TimeZone,
    allowLate: z.boolean().optional(),
    publishDispositions: z.boolean().optional(),
  })
  .refine((b) => Date.parse(b.commentsCloseAt) > Date.parse(b.commentsOpenAt), {
    error: "The window must close after it opens.",
    path: ["commentsCloseAt"],
  });

export const WindowBody = z.strictObject({ commentsCloseAt: IsoTime.optional(), allowLate: z.boolean().optional() });

export const CommentsQuery = z.strictObject({
  paragraph: z.string().max(64).optional(), // a paragraph id, or absent for whole-document comments
  after: z.string().max(80).optional(), // the `next` cursor of the previous page
  limit: z.coerce.number().int().min(1).max(100).default(30),
});

export const CommentBody = z
  .strictObject({
    paragraphId: Id.nullable().optional(),
    parentId: Id.nullable().optional(),
    kind: z.enum(["general", "amendment"]),
    op: z.enum(AMENDMENT_OPS).nullable().optional(),
    quote: z.string().max(2000).nullable().optional(),
    prefix: z.string().max(200).nullable().optional(),
    suffix: z.string().max(200).nullable().optional(),
    proposedText: z.string().trim().max(10_000).nullable().optional(),
    body: z.string().trim().min(1, { error: "Write a comment." }).max(10_000),
    idempotencyKey: z.string().min(8).max(64),
  })
  .refine((c) => c.kind === "general" || !!c.op, { error: "Choose replace, insert or delete.", path: ["op"] })
  .refine((c) => c.kind !== "amendment" || c.op === "delete" || !!c.proposedText, {
    error: "Give the proposed words.",
    path: ["proposedText"],
  })
  .refine((c) => !(c.parentId && c.kind === "amendment"), { error: "A reply cannot be an amendment.", path: ["kind"] });

export const EditCommentBody = z.strictObject({
  body: z.string().trim().min(1).max(10_000).optional(),
  proposedText: z.string().trim().max(10_000).nullable().optional(),
});

export const DispositionBody = z
  .strictObject({
    disposition: z.enum(DISPOSITIONS),
    reason: z.string().trim().max(4000).default(""),
    /** The disposition version the change was made from (0 before the first); a stale one gets 409. */
    baseVersion: z.number().int().min(0),
  })
  .refine((d) => d.reason.length > 0 || d.disposition === "accepted", {
    error: "Give the reason for this disposition.",
    path: ["reason"],
  });

export const PageQuery = z.strictObject({ text: z.enum(["0", "1"]).optional() });

export const DiffQuery = z.strictObject({
  from: z.coerce.number().int().min(0).max(999),
  to: z.coerce.number().int().min(0).max(999),
});
export const FormatQuery = z.strictObject({ format: z.enum(["json", "csv", "docx", "html"]).default("json") });
