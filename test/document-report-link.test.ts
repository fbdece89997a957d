// A progress report's document names its report (GET /api/documents/:id → document.reportId),
// so the client links to the report workspace instead of the generic editor, which refuses it.
import { describe, expect, it } from "vitest";
import { DEMO_ACCOUNTS, signIn } from "./helpers";

describe("GET /api/documents/:id and reports", () => {
  it("gives a progress report's document its report id, and null for other documents", async () => {
    const secretariat = await signIn(DEMO_ACCOUNTS.secretariat);
    const created = await secretariat.json("/api/reports", { json: { title: "Progress report for the link test", symbol: "A/81/321", session: 81 } });
    expect(created.status).toBe(201);
    const reportId = created.body.report.id as string;
    const { body: detail } = await secretariat.json(`/api/reports/${reportId}`);
    const documentId = detail.report.documentId as string;

    const doc = await secretariat.json(`/api/documents/${documentId}`);
    expect(doc.status).toBe(200);
    expect(doc.body.document).toMatchObject({ id: documentId, kind: "progress_report", reportId, title: "Progress report for the link test" });
    // The generic editor still refuses it: its text lives in the report's sections.
    const draft = await secretariat.fetch(`/api/documents/${documentId}/draft`, { method: "PUT", json: { baseVersion: 1, blocks: [] } });
    expect(draft.status).toBe(409);

    const cofac = await signIn(DEMO_ACCOUNTS.cofacilitator);
    const made = await cofac.json("/api/documents", { json: { trackId: 1, kind: "non_paper", title: "A non-paper", visibility: "members" } });
    expect(made.status).toBe(201);
    const other = await cofac.json(`/api/documents/${made.body.document.id}`);
    // The join does not disturb the document's own columns (same-named columns of both tables).
    expect(other.body.document).toMatchObject({ id: made.body.document.id, kind: "non_paper", reportId: null, title: "A non-paper" });
  });
});
