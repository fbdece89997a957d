// Meeting papers (issue 11, item 15): one rule for when the set of papers is locked (upload,
// removal and restoration alike), and removal that the secretariat can undo: the file is
// kept under deleted/ in R2, the audit row carries its size and SHA-256, and the secretariat
// lists, downloads and restores removed papers through the API.
import { describe, expect, it } from "vitest";
import { Agent, DEMO_ACCOUNTS, auditRows, env, signIn } from "./helpers";

const day = 86_400_000;
const future = (days: number, hour: number) => `${new Date(Date.now() + days * day).toISOString().slice(0, 10)}T${String(hour).padStart(2, "0")}:00`;
const pdf = new TextEncoder().encode("%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n");

async function sha256Hex(bytes: Uint8Array<ArrayBuffer>) {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
  return [...digest].map((b) => b.toString(16).padStart(2, "0")).join("");
}

async function trackMeeting(cofac: Agent, title: string, days: number) {
  const res = await cofac.json("/api/meetings", {
    json: {
      title,
      kind: "track",
      trackId: 1,
      start: future(days, 9),
      end: future(days, 11),
      timeZone: "Europe/Zurich",
      format: "online",
      onlineUrl: "https://meet.example.org/t1",
      overrideReason: "Test meeting",
      agenda: [{ title: "Issues paper" }],
    },
  });
  expect(res.status).toBe(201);
  return res.body.meeting.id as string;
}

function upload(agent: Agent, meetingId: string, bytes: Uint8Array<ArrayBuffer>, name: string, agendaItemId?: string) {
  const form = new FormData();
  form.set("file", new File([bytes], name, { type: "application/pdf" }));
  if (agendaItemId) form.set("agendaItemId", agendaItemId);
  return agent.fetch(`/api/meetings/${meetingId}/materials`, { method: "POST", body: form });
}

const approveMinutes = (id: string) =>
  env.DB.prepare("UPDATE meetings SET minutes_status = 'approved', minutes_approved_at = ?1 WHERE id = ?2").bind(new Date().toISOString(), id).run();

describe("the papers of a meeting whose minutes are approved", () => {
  it("can be neither added nor removed: one lock for both", async () => {
    const cofac = await signIn(DEMO_ACCOUNTS.cofacilitator);
    const id = await trackMeeting(cofac, "Locked papers", 60);
    const up = await upload(cofac, id, pdf, "Before approval.pdf");
    expect(up.status).toBe(201);
    const { material } = (await up.json()) as { material: { id: string } };
    await approveMinutes(id);

    const late = await upload(cofac, id, pdf, "After approval.pdf");
    expect(late.status).toBe(409);
    expect(((await late.json()) as { error: { message: string } }).error.message).toMatch(/approved/);
    expect((await cofac.fetch(`/api/meetings/${id}/materials/${material.id}`, { method: "DELETE" })).status).toBe(409);
    const page = (await cofac.json(`/api/meetings/${id}`)).body;
    expect(page.materials.map((m: { fileName: string }) => m.fileName)).toEqual(["Before approval.pdf"]);
  });
});

describe("a removed paper", () => {
  it("is kept for the secretariat, with its size and hash in the audit, and can be restored as it was", async () => {
    const cofac = await signIn(DEMO_ACCOUNTS.cofacilitator);
    const secretariat = await signIn(DEMO_ACCOUNTS.secretariat);
    const chair = await signIn(DEMO_ACCOUNTS.chair);
    const member = await signIn(DEMO_ACCOUNTS.head);
    const id = await trackMeeting(cofac, "Recoverable papers", 61);
    const item = (await cofac.json(`/api/meetings/${id}`)).body.agenda[0].id as string;
    const bytes = new Uint8Array([...pdf, ...new TextEncoder().encode("% the only copy of the co-facilitators' paper\n")]);
    const up = await upload(cofac, id, bytes, "Issues paper — final.pdf", item);
    const { material } = (await up.json()) as { material: { id: string } };
    const hash = await sha256Hex(bytes);

    expect((await cofac.fetch(`/api/meetings/${id}/materials/${material.id}`, { method: "DELETE" })).status).toBe(204);
    expect((await new Agent().fetch(`/api/meetings/${id}/materials/${material.id}`)).status).toBe(404);
    expect((await cofac.json(`/api/meetings/${id}`)).body.materials).toHaveLength(0);

    // The audit row says what was removed, well enough to tell the file apart.
    const removed = (await auditRows("meeting.material.remove")).find((r) => r.target_id === id)!;
    expect(JSON.parse(removed.before_json!)).toMatchObject({ material: material.id, fileName: "Issues paper — final.pdf", size: bytes.byteLength, sha256: hash });
    // The bytes are kept in R2, out of the meetings/ prefix that is served.
    const kept = await env.MATERIALS.list({ prefix: "deleted/" });
    expect(kept.objects.map((o) => o.key)).toContain(`deleted/meetings/${id}/${material.id}`);
    expect(await env.MATERIALS.head(`meetings/${id}/${material.id}`)).toBeNull();

    // Only the secretariat sees and restores removed papers.
    expect((await cofac.fetch(`/api/meetings/${id}/deleted-materials`)).status).toBe(403);
    expect((await chair.fetch(`/api/meetings/${id}/deleted-materials`)).status).toBe(403);
    expect((await member.fetch(`/api/meetings/${id}/deleted-materials`)).status).toBe(403);
    expect((await new Agent().fetch(`/api/meetings/${id}/deleted-materials`)).status).toBe(401);
    const list = await secretariat.json(`/api/meetings/${id}/deleted-materials`);
    expect(list.status).toBe(200);
    expect(list.body.materials).toEqual([
      expect.objectContaining({ id: material.id, fileName: "Issues paper — final.pdf", size: bytes.byteLength, sha256: hash, agendaItemId: item, deletedAt: expect.any(String) }),
    ]);
    const copy = await secretariat.fetch(`/api/meetings/${id}/deleted-materials/${material.id}`);
    expect(copy.status).toBe(200);
    expect(new Uint8Array(await copy.arrayBuffer())).toEqual(bytes);
    expect((await cofac.fetch(`/api/meetings/${id}/deleted-materials/${material.id}`)).status).toBe(403);
    expect((await cofac.fetch(`/api/meetings/${id}/deleted-materials/${material.id}/restore`, { method: "POST" })).status).toBe(403);

    const restored = await secretariat.json(`/api/meetings/${id}/deleted-materials/${material.id}/restore`, { method: "POST" });
    expect(restored.status).toBe(200);
    expect(restored.body.material).toMatchObject({ id: material.id, fileName: "Issues paper — final.pdf", agendaItemId: item, size: bytes.byteLength });
    const back = await new Agent().fetch(`/api/meetings/${id}/materials/${material.id}`);
    expect(back.status).toBe(200);
    expect(new Uint8Array(await back.arrayBuffer())).toEqual(bytes);
    expect((await secretariat.json(`/api/meetings/${id}/deleted-materials`)).body.materials).toEqual([]);
    expect((await env.MATERIALS.list({ prefix: `deleted/meetings/${id}/` })).objects).toHaveLength(0);
    const audit = (await auditRows("meeting.material.restore")).find((r) => r.target_id === id)!;
    expect(JSON.parse(audit.after_json!)).toMatchObject({ material: material.id, size: bytes.byteLength, sha256: hash });
    expect((await secretariat.fetch(`/api/meetings/${id}/deleted-materials/${material.id}/restore`, { method: "POST" })).status).toBe(404);
  });

  it("is not restored into approved minutes' papers either", async () => {
    const cofac = await signIn(DEMO_ACCOUNTS.cofacilitator);
    const secretariat = await signIn(DEMO_ACCOUNTS.secretariat);
    const id = await trackMeeting(cofac, "Removed, then locked", 62);
    const { material } = (await (await upload(cofac, id, pdf, "Withdrawn.pdf")).json()) as { material: { id: string } };
    expect((await cofac.fetch(`/api/meetings/${id}/materials/${material.id}`, { method: "DELETE" })).status).toBe(204);
    await approveMinutes(id);
    expect((await secretariat.fetch(`/api/meetings/${id}/deleted-materials/${material.id}/restore`, { method: "POST" })).status).toBe(409);
    // Still listed, still kept.
    expect((await secretariat.json(`/api/meetings/${id}/deleted-materials`)).body.materials).toHaveLength(1);
  });
});
