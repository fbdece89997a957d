import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { z } from "zod";

/** One error shape for every failure: `{ error: { code, message, details? } }`. */
export const ErrorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.unknown().optional(),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBody>;

export type FieldError = { field: string; message: string };

export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export const badRequest = (field: string, message: string) =>
  new ApiError(400, "invalid_input", message, { fields: [{ field, message }] satisfies FieldError[] });
export const unauthorized = (message = "Sign in to continue.") => new ApiError(401, "unauthorized", message);
export const forbidden = (message = "Your role does not allow this.") => new ApiError(403, "forbidden", message);
export const notFound = (what: string) => new ApiError(404, "not_found", `${what} was not found.`);
export const conflict = (message: string, details?: unknown) => new ApiError(409, "conflict", message, details);
export const gone = (message: string) => new ApiError(410, "gone", message);

export function errorJson(c: Context, status: ContentfulStatusCode, code: string, message: string, details?: unknown) {
  const body: ErrorBody = { error: { code, message, ...(details === undefined ? {} : { details }) } };
  return c.json(body, status);
}

/** Turns zod issues into field errors; unknown keys are named one by one. */
export function fieldErrors(issues: readonly z.core.$ZodIssue[] | readonly { path?: readonly PropertyKey[] | readonly unknown[]; message: string; code?: string; keys?: string[] }[]): FieldError[] {
  const out: FieldError[] = [];
  for (const issue of issues as readonly { path?: readonly unknown[]; message: string; code?: string; keys?: string[] }[]) {
    const base = (issue.path ?? [])
      .map((p) => (typeof p === "object" && p !== null && "key" in p ? String((p as { key: unknown }).key) : String(p)))
      .join(".");
    if (issue.code === "unrecognized_keys" && issue.keys) {
      for (const key of issue.keys) out.push({ field: base ? `${base}.${key}` : key, message: "Unknown field." });
    } else {
      out.push({ field: base || "(body)", message: issue.message });
    }
  }
  return out;
}

export function handleError(err: Error, c: Context) {
  if (err instanceof ApiError) return errorJson(c, err.status, err.code, err.message, err.details);
  if (err instanceof HTTPException) {
    const status = err.status as ContentfulStatusCode;
    const code = status === 413 ? "payload_too_large" : status === 400 ? "invalid_input" : "http_error";
    return errorJson(c, status, code, err.message || "The request could not be processed.");
  }
  console.error(JSON.stringify({ level: "error", requestId: c.get("requestId"), message: err.message, stack: err.stack }));
  return errorJson(c, 500, "internal", "Something went wrong on our side. The request id identifies it.");
}
