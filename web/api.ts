import { hc, type ClientResponse } from "hono/client";
import type { AppType } from "../worker/index";

/** The typed client for the Worker API; paths and bodies are checked against the routes. */
export const api = hc<AppType>("/", { init: { credentials: "same-origin" } }).api;

export type FieldError = { field: string; message: string };
export type ErrorBody = { error: { code: string; message: string; details?: { fields?: FieldError[] } } };

/** A failed API call, carrying the server's `{ error }` body. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: ErrorBody,
  ) {
    super(body.error.message);
  }
  get code() {
    return this.body.error.code;
  }
  get fields(): FieldError[] {
    return this.body.error.details?.fields ?? [];
  }
}

// Only the success outputs (explicit 2xx codes) are in the route types; errors are thrown.
type Success<R> = R extends ClientResponse<infer T, infer S, "json"> ? (S extends 200 | 201 | 202 ? T : never) : never;

/** Awaits a typed call, throws ApiError on failure, and returns the JSON body (undefined for 204). */
export async function request<R extends ClientResponse<unknown, number, string>>(call: Promise<R>): Promise<Success<R>> {
  let res: R;
  try {
    res = await call;
  } catch {
    throw new ApiError(0, { error: { code: "network", message: "" } });
  }
  if (res.status === 204) return undefined as Success<R>;
  const body: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    const err =
      body && typeof body === "object" && "error" in body
        ? (body as ErrorBody)
        : { error: { code: "http_error", message: `HTTP ${res.status}` } };
    throw new ApiError(res.status, err);
  }
  return body as Success<R>;
}
