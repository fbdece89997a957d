import { z } from "zod";
import { TimeZone } from "../auth/schemas";
import { PROCEDURE_KINDS, STANCES } from "../db/enums";

export const MIN_SILENCE_HOURS = 72;

export const PositionBody = z
  .strictObject({
    stance: z.enum(STANCES),
    explanation: z.string().trim().max(5000).nullable().optional(),
    paragraphIds: z.array(z.string().max(64)).max(200).optional(),
    // The version the client last saw; null when it saw no position.
    baseVersion: z.int().min(1).nullable(),
  })
  .refine((p) => !["reservation", "objection"].includes(p.stance) || !!p.explanation, {
    error: "Explain a reservation or an objection.",
    path: ["explanation"],
  })
  .refine((p) => p.stance === "reservation" || !p.paragraphIds?.length, {
    error: "Only a reservation names paragraphs.",
    path: ["paragraphIds"],
  });

export const ConfirmBody = z.strictObject({ baseVersion: z.int().min(1).nullable() });

export const ProcedureBody = z.strictObject({
  kind: z.enum(PROCEDURE_KINDS),
  deadline: z.iso.datetime({ offset: true, error: "Use an ISO 8601 date and time with its offset." }),
  deadlineTimeZone: TimeZone,
  remindBeforeHours: z.int().min(1).max(240).optional(),
});

export const CloseBody = z.strictObject({
  outcome: z.enum(["adopted", "not_adopted"]),
  decision: z.string().trim().min(1, { error: "Record the decision." }).max(5000),
});

export const ProcedureParam = z.strictObject({
  id: z.string().regex(/^[A-Za-z0-9-]{1,64}$/),
  n: z.coerce.number().int().min(0).max(999),
  pid: z.string().regex(/^[A-Za-z0-9-]{1,64}$/),
});

export const DelegatesBody = z.strictObject({ userIds: z.array(z.string().regex(/^[A-Za-z0-9-]{1,64}$/)).max(50) });
