// The consensus forms' schemas. They mirror worker/consensus/schemas.ts rule for rule:
// that module imports STANCES from worker/db/schema, which would pull drizzle into the
// client bundle (~35 kB). Once STANCES lives in worker/db/enums.ts, import the server's
// schemas here instead. Until then the type checks below fail the build if the two drift.
import { z } from "zod";
import { TimeZone } from "../../../worker/auth/schemas";
import type * as Server from "../../../worker/consensus/schemas";
import { STANCE_ORDER } from "../../queries/consensus";

export const MIN_SILENCE_HOURS = 72 satisfies typeof Server.MIN_SILENCE_HOURS;

export const PositionBody = z
  .strictObject({
    stance: z.enum(STANCE_ORDER),
    explanation: z.string().trim().max(5000).nullable().optional(),
    paragraphIds: z.array(z.string().max(64)).max(200).optional(),
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

export const ProcedureBody = z.strictObject({
  kind: z.enum(["silence", "round"]),
  deadline: z.iso.datetime({ offset: true, error: "Use an ISO 8601 date and time with its offset." }),
  deadlineTimeZone: TimeZone,
  remindBeforeHours: z.int().min(1).max(240).optional(),
});

export const CloseBody = z.strictObject({
  outcome: z.enum(["adopted", "not_adopted"]),
  decision: z.string().trim().min(1, { error: "Record the decision." }).max(5000),
});

// Compile-time: the mirrors accept and produce exactly what the server's schemas do.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const check = <T extends true>() => undefined as unknown as T;
void check<Same<z.input<typeof PositionBody>, z.input<typeof Server.PositionBody>>>();
void check<Same<z.output<typeof PositionBody>, z.output<typeof Server.PositionBody>>>();
void check<Same<z.input<typeof ProcedureBody>, z.input<typeof Server.ProcedureBody>>>();
void check<Same<z.output<typeof CloseBody>, z.output<typeof Server.CloseBody>>>();
