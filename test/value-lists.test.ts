// The value lists and the list-item rule live once, in worker/db/enums.ts: the database's CHECKs
// (test/schema-truth.test.ts), the API's schemas, the client and the exports all read them there.
import { describe, expect, it } from "vitest";
import { LANGUAGES, LIST_ENUMERATOR, PROCEDURE_KINDS, STANCES } from "../worker/db/enums";
import { LOCALES } from "../worker/auth/schemas";
import { textToBlocks } from "../worker/documents/markup";
import { REPORT_LANGUAGES } from "../worker/reports/model";
import { Agent } from "./helpers";

describe("the list-item rule", () => {
  it("knows an enumerated item as UN drafts write it", () => {
    for (const item of ["(a) Data flows", "(iv) Capacity", "b) Interoperability", "(12) Annex", "  (c)  Indented"]) expect(LIST_ENUMERATOR.test(item), item).toBe(true);
    for (const text of ["1. A numbered paragraph", "(a)No space", "(abcde) Too long", "Plain text", "a. Letter and stop"]) expect(LIST_ENUMERATOR.test(text), text).toBe(false);
    expect(LIST_ENUMERATOR.exec("(iv) Capacity")?.[1]).toBe("(iv)");
  });

  it("the text import makes such lines list items, with the enumerator kept in the text", () => {
    const blocks = textToBlocks("The Working Group:\n(a) Notes the progress;\nb) Invites members.\nIt meets again in May.");
    expect(blocks.map((b) => [b.kind, b.html])).toEqual([
      ["paragraph", "The Working Group:"],
      ["list_item", "(a) Notes the progress;"],
      ["list_item", "b) Invites members."],
      ["paragraph", "It meets again in May."],
    ]);
  });
});

describe("value lists", () => {
  it("the interface and the reports offer the same six languages", () => {
    expect([...LOCALES].sort()).toEqual(["ar", "en", "es", "fr", "ru", "zh"]);
    expect(REPORT_LANGUAGES).toBe(LANGUAGES);
    expect(LOCALES).toBe(LANGUAGES);
  });

  it("the API describes its stances and procedure kinds from the same lists", async () => {
    const spec = (await (await new Agent().fetch("/api/openapi.json")).json()) as any;
    const body = (path: string, method: string) => spec.paths[path][method].requestBody.content["application/json"].schema;
    expect(body("/api/documents/{id}/revisions/{n}/position", "put").properties.stance.enum).toEqual([...STANCES]);
    expect(body("/api/documents/{id}/revisions/{n}/procedures", "post").properties.kind.enum).toEqual([...PROCEDURE_KINDS]);
  });
});
