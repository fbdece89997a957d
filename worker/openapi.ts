import type { StandardSchemaV1 } from "@standard-schema/spec";
import type { GenerateSpecOptions } from "hono-openapi";
import { resolver } from "hono-openapi";
import { z } from "zod";
import { ErrorBody } from "./errors";

// How each route documents its answers: `responses: { 200: jsonResponse("…"), ...errors(404) }` in its
// describeRoute. Every error shares worker/errors.ts's shape, described once as components.
const ERROR_RESPONSES = {
  400: ["BadRequest", "Invalid input; details.fields names each field that is wrong"],
  401: ["Unauthorized", "Not signed in"],
  403: ["Forbidden", "The role or seat does not allow this, or a change was sent from another site"],
  404: ["NotFound", "Not found, or not visible to this reader (both answer alike)"],
  409: ["Conflict", "The current state does not allow this (a stale version, a duplicate, a closed window or lock); details may carry what is current"],
  410: ["Gone", "The link or token has expired or was already used"],
  413: ["PayloadTooLarge", "The request body is too large"],
  415: ["UnsupportedMediaType", "The file's type is not accepted"],
  422: ["Unprocessable", "Well-formed, but its content cannot be used"],
  429: ["TooManyRequests", "Too many attempts; try again later"],
  500: ["Internal", "Something went wrong on our side; the X-Request-Id header identifies it"],
} as const;
export type ErrorStatus = keyof typeof ERROR_RESPONSES;

const ref = (status: ErrorStatus) => ({ $ref: `#/components/responses/${ERROR_RESPONSES[status][0]}` });

/** The error answers an operation can give, each a reference to the shared component. */
export function errors(...statuses: ErrorStatus[]) {
  return Object.fromEntries(statuses.map((s) => [s, ref(s)])) as Record<ErrorStatus, ReturnType<typeof ref>>;
}

/** A JSON success answer; with the zod schema it follows, where one exists. */
export const jsonResponse = (description: string, schema?: StandardSchemaV1) => ({
  description,
  content: { "application/json": schema ? { schema: resolver(schema) } : {} },
});

/** A success answer in one of several formats (files, pages, feeds), chosen by the request. */
export const fileResponse = (description: string, ...mediaTypes: string[]) => ({
  description,
  content: Object.fromEntries(mediaTypes.map((t) => [t, {}])),
});

export const DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

/** A success answer without a body (204, 304). */
export const emptyResponse = (description: string) => ({ description });

const errorSchema = z.toJSONSchema(ErrorBody) as Record<string, unknown>;
// OpenAPI 3.1 schemas use the OAS dialect by default; naming draft 2020-12 here would not be valid there.
delete errorSchema.$schema;

const mutation = { responses: { ...errors(403, 413, 500) } };

export const openApiOptions: Partial<GenerateSpecOptions> = {
  // Calendar feeds end in .ics; they are API routes, not static files.
  excludeStaticFile: false,
  documentation: {
    openapi: "3.1.0",
    info: {
      title: "Plenary API",
      version: "0.1.0",
      description:
        "Workspace of the CSTD Working Group on Data Governance. Errors share one shape: { error: { code, message, details? } }; invalid input answers 400 with details.fields naming each field.",
    },
    components: {
      securitySchemes: { session: { type: "apiKey", in: "cookie", name: "__Host-plenary_session" } },
      schemas: { Error: errorSchema },
      responses: Object.fromEntries(
        Object.values(ERROR_RESPONSES).map(([name, description]) => [
          name,
          { description, content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } },
        ]),
      ),
    },
  },
  defaultValidationErrorResponse: ref(400) as never,
  // Answers every operation can give: any request may fail on our side; every change is refused
  // from another site (403) and over the body limit (413), whatever its route.
  defaultOptions: {
    GET: { responses: { ...errors(500) } },
    POST: mutation,
    PUT: mutation,
    PATCH: mutation,
    DELETE: mutation,
  },
};
