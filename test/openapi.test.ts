// The API description checked by an independent validator: the OpenAPI Initiative's own
// 3.1 schemas (schema-base: the document, and every schema in it in the OAS dialect),
// run by @hyperjump/json-schema, which interprets schemas and so runs inside workerd.
import { BASIC } from "@hyperjump/json-schema/experimental";
import { validate } from "@hyperjump/json-schema/openapi-3-1";
import { beforeAll, describe, expect, it } from "vitest";
import { Agent } from "./helpers";

type Response = { $ref?: string; description?: string; content?: Record<string, { schema?: { $ref?: string } }> };
type Spec = { paths: Record<string, Record<string, { responses?: Record<string, Response> }>>; components: { responses: Record<string, Response> } };

let spec: Spec;
beforeAll(async () => {
  const res = await new Agent().fetch("/api/openapi.json");
  expect(res.status).toBe(200);
  spec = (await res.json()) as Spec;
});

const operations = () => Object.entries(spec.paths).flatMap(([path, ops]) => Object.entries(ops).map(([method, op]) => ({ name: `${method.toUpperCase()} ${path}`, op })));

describe("the OpenAPI description", () => {
  it("is a valid OpenAPI 3.1 document", async () => {
    const output = await validate("https://spec.openapis.org/oas/3.1/schema-base", spec as never, BASIC);
    const where = (output.valid ? [] : (output.errors ?? [])).map((e) => `${e.instanceLocation} (${e.absoluteKeywordLocation})`);
    expect(where).toEqual([]);
    expect(output.valid).toBe(true);
  });

  it("documents a success and its errors for every operation, errors in the one shared shape", () => {
    const ops = operations();
    expect(ops.length).toBeGreaterThan(90);
    for (const { name, op } of ops) {
      const codes = Object.keys(op.responses ?? {});
      expect(codes.filter((c) => /^[23]\d\d$/.test(c)), name).not.toEqual([]);
      expect(codes, name).toContain("500");
      for (const code of codes.filter((c) => /^[45]/.test(c))) {
        const ref = op.responses![code]!.$ref ?? "";
        expect(ref, `${name} ${code}`).toMatch(/^#\/components\/responses\//);
        const shared = spec.components.responses[ref.split("/").pop()!]!;
        expect(shared.content?.["application/json"]?.schema?.$ref, `${name} ${code}`).toBe("#/components/schemas/Error");
      }
    }
  });

  it("describes the errors an operation is known to answer", () => {
    const op = (method: string, path: string) => spec.paths[path]![method]!.responses!;
    // A stale save, a missing meeting, a signed-out caller, a forged origin.
    expect(Object.keys(op("put", "/api/reports/{id}/sections/{key}"))).toEqual(expect.arrayContaining(["200", "400", "401", "403", "404", "409"]));
    expect(Object.keys(op("get", "/api/meetings/{id}"))).toEqual(expect.arrayContaining(["200", "404"]));
    expect(Object.keys(op("post", "/api/auth/login"))).toEqual(expect.arrayContaining(["200", "400", "401", "429"]));
    expect(Object.keys(op("get", "/api/calendar/{file}"))).toEqual(expect.arrayContaining(["200", "304", "404"]));
    expect(Object.keys(op("get", "/api/calendar/{file}")["200"]!.content!)).toEqual(["text/calendar"]);
  });
});
