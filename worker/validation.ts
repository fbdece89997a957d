import type { ValidationTargets } from "hono";
import { validator } from "hono-openapi";
import type { StandardSchemaV1 } from "@standard-schema/spec";
import { ApiError, fieldErrors } from "./errors";

/**
 * The one validator every route uses: zod schema in, typed value out, and a
 * 400 naming each bad field. Routes registered with it appear in the OpenAPI
 * description, generated from the same schema.
 */
export function v<S extends StandardSchemaV1, T extends keyof ValidationTargets>(target: T, schema: S) {
  return validator(target, schema, (result) => {
    if (!result.success) {
      const fields = fieldErrors(result.error as never);
      const names = fields.map((f) => f.field).join(", ");
      throw new ApiError(400, "invalid_input", `Check these fields: ${names}.`, { fields });
    }
  });
}
