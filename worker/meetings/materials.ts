// Files attached to a meeting or one of its agenda items. The bytes go to R2
// (a local bucket under .wrangler/ in development and tests); D1 keeps the list.
// A removed file is kept under deleted/ for the secretariat to restore.
import { and, asc, eq } from "drizzle-orm";
import { type Context, Hono } from "hono";
import { describeRoute } from "hono-openapi";
import { emptyResponse, errors, fileResponse, jsonResponse } from "../openapi";
import { auditContext, writeAudited } from "../audit";
import { newId } from "../auth/crypto";
import { agendaItems, deletedMaterials, materials } from "../db/schema";
import type { AppEnv, Db } from "../env";
import { ApiError, badRequest, conflict, notFound } from "../errors";
import { type Action, authorize } from "../policy";
import { v } from "../validation";
import { loadMeeting, meetingFor, meetingScope } from "./access";
import { MATERIAL_MAX_BYTES, MATERIAL_TYPES, MaterialParam, MeetingParam } from "./schemas";

/** Multipart framing around the file is small; anything past this is over the limit for sure. */
export const MATERIAL_REQUEST_LIMIT = MATERIAL_MAX_BYTES + 64 * 1024;

const tooLarge = () =>
  new ApiError(413, "payload_too_large", `Files may be at most ${MATERIAL_MAX_BYTES / 1024 / 1024} MB.`, { fields: [{ field: "file", message: "Too large." }] });

/** The first bytes must match what the extension claims, so a renamed program is not served as a PDF. */
function looksLike(ext: string, head: Uint8Array): boolean {
  const starts = (...sig: number[]) => sig.every((b, i) => head[i] === b);
  switch (ext) {
    case "pdf":
      return starts(0x25, 0x50, 0x44, 0x46); // %PDF
    case "docx":
    case "xlsx":
    case "pptx":
    case "odt":
      return starts(0x50, 0x4b, 0x03, 0x04); // a ZIP container
    case "png":
      return starts(0x89, 0x50, 0x4e, 0x47);
    case "jpg":
    case "jpeg":
      return starts(0xff, 0xd8, 0xff);
    default:
      return !head.includes(0); // text: no NUL bytes
  }
}

/**
 * The one rule for when a meeting's papers may change (added, removed or restored): not
 * once the meeting is cancelled, and not once its minutes are approved, since the papers
 * are part of the record the approved minutes lock.
 */
const papersFor = (c: Context<AppEnv>, id: string, action: Action) => meetingFor(c, id, action, "minutes");

async function sha256Hex(bytes: ArrayBuffer | Uint8Array<ArrayBuffer>): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
  return [...digest].map((b) => b.toString(16).padStart(2, "0")).join("");
}

const DELETED_PREFIX = "deleted/";

/** A removed paper of meeting `meetingId`, or 404. */
async function deletedPaper(db: Db, meetingId: string, materialId: string) {
  const [row] = await db.select().from(deletedMaterials).where(and(eq(deletedMaterials.id, materialId), eq(deletedMaterials.meetingId, meetingId)));
  if (!row) throw notFound("The removed file");
  return row;
}

/** "Paper (final).pdf" → a header-safe attachment name, keeping non-ASCII through filename*. */
export function disposition(name: string) {
  const ascii = name.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

export const materialRoutes = new Hono<AppEnv>()
  .post(
    "/:id/materials",
    describeRoute({ tags: ["meetings"], summary: `Attach a file (multipart field "file", optional "agendaItemId"; at most 20 MB)`, responses: { 201: jsonResponse("Created"), ...errors(400, 401, 404, 409, 415) } }),
    v("param", MeetingParam),
    async (c) => {
      const { db, m, actor } = await papersFor(c, c.req.valid("param").id, "meetings.schedule");
      if (Number(c.req.header("content-length") ?? 0) > MATERIAL_REQUEST_LIMIT) throw tooLarge();
      if (!c.req.header("content-type")?.startsWith("multipart/form-data")) throw badRequest("file", "Send the file as multipart/form-data.");
      let form: FormData;
      try {
        form = await c.req.formData();
      } catch {
        throw badRequest("file", "The upload could not be read.");
      }
      const file = form.get("file");
      if (!file || typeof file === "string") throw badRequest("file", "Choose a file.");
      if (file.size > MATERIAL_MAX_BYTES) throw tooLarge();
      if (file.size === 0) throw badRequest("file", "The file is empty.");
      const fileName = file.name.trim().slice(0, 200) || "file";
      const ext = fileName.split(".").pop()?.toLowerCase() ?? "";
      const contentType = MATERIAL_TYPES[ext];
      const bytes = new Uint8Array(await file.arrayBuffer());
      if (!contentType || !looksLike(ext, bytes.subarray(0, 8)))
        throw new ApiError(415, "unsupported_type", `Attach PDF, Word, Excel, PowerPoint, OpenDocument text, plain text, CSV, PNG or JPEG files.`, {
          fields: [{ field: "file", message: "This type of file is not accepted." }],
        });
      const itemField = form.get("agendaItemId");
      const agendaItemId = typeof itemField === "string" && itemField ? itemField : null;
      if (agendaItemId) {
        const [item] = await db.select({ id: agendaItems.id }).from(agendaItems).where(and(eq(agendaItems.id, agendaItemId), eq(agendaItems.meetingId, m.id)));
        if (!item) throw badRequest("agendaItemId", "Not an item of this meeting's agenda.");
      }
      const id = newId();
      const objectKey = `meetings/${m.id}/${id}`;
      await c.env.MATERIALS.put(objectKey, bytes, { httpMetadata: { contentType } });
      const row = { id, meetingId: m.id, agendaItemId, objectKey, fileName, contentType, size: bytes.byteLength, uploadedBy: actor.userId, uploadedAt: new Date().toISOString() };
      try {
        const after = { material: id, fileName, size: row.size, sha256: await sha256Hex(bytes) };
        await writeAudited(auditContext(c), [{ action: "meeting.material.add", targetType: "meeting", targetId: m.id, after }], [
          db.insert(materials).values(row),
        ]);
      } catch (err) {
        // Do not leave an orphaned object behind when the row could not be written.
        await c.env.MATERIALS.delete(objectKey);
        throw err;
      }
      const { objectKey: _k, uploadedBy: _u, ...shown } = row;
      return c.json({ material: shown }, 201);
    },
  )
  .get("/:id/materials/:materialId", describeRoute({ tags: ["meetings"], summary: "Download a material", responses: { 200: fileResponse("The file, with the type it was uploaded as", "*/*"), ...errors(400, 404) } }), v("param", MaterialParam), async (c) => {
    const db = c.get("db");
    const { id, materialId } = c.req.valid("param");
    const m = await loadMeeting(db, c.get("actor"), id);
    const [row] = await db.select().from(materials).where(and(eq(materials.id, materialId), eq(materials.meetingId, m.id)));
    if (!row) throw notFound("The file");
    const object = await c.env.MATERIALS.get(row.objectKey);
    if (!object) throw notFound("The file");
    return new Response(object.body, {
      headers: {
        "content-type": row.contentType,
        "content-length": String(row.size),
        "content-disposition": disposition(row.fileName),
        "cache-control": m.visibility === "public" ? "public, max-age=3600" : "private, max-age=3600",
        "x-content-type-options": "nosniff",
      },
    });
  })
  .delete("/:id/materials/:materialId", describeRoute({ tags: ["meetings"], summary: "Remove a material (kept for the secretariat to restore)", responses: { 204: emptyResponse("Done"), ...errors(400, 401, 404, 409) } }), v("param", MaterialParam), async (c) => {
    const { id, materialId } = c.req.valid("param");
    const { db, m, actor } = await papersFor(c, id, "meetings.schedule");
    const [row] = await db.select().from(materials).where(and(eq(materials.id, materialId), eq(materials.meetingId, m.id)));
    if (!row) throw notFound("The file");
    // Copy first, then move the row, then drop the original: a failure at any step loses nothing.
    const object = await c.env.MATERIALS.get(row.objectKey);
    const bytes = object ? await object.arrayBuffer() : null;
    const sha256 = bytes ? await sha256Hex(bytes) : null;
    const keptAt = bytes ? `${DELETED_PREFIX}${row.objectKey}` : row.objectKey;
    if (bytes) await c.env.MATERIALS.put(keptAt, bytes, { httpMetadata: { contentType: row.contentType }, sha256: sha256! });
    const { objectKey: _key, ...kept } = row;
    const deletedAt = new Date().toISOString();
    try {
      await writeAudited(
        auditContext(c),
        [{ action: "meeting.material.remove", targetType: "meeting", targetId: m.id, before: { material: row.id, fileName: row.fileName, size: row.size, sha256, keptAt } }],
        [db.delete(materials).where(eq(materials.id, row.id)), db.insert(deletedMaterials).values({ ...kept, objectKey: keptAt, sha256, deletedBy: actor.userId, deletedAt })],
      );
    } catch (err) {
      if (bytes) await c.env.MATERIALS.delete(keptAt);
      throw err;
    }
    if (bytes) await c.env.MATERIALS.delete(row.objectKey);
    return c.body(null, 204);
  })
  .get(
    "/:id/deleted-materials",
    describeRoute({ tags: ["meetings"], summary: "Removed materials of a meeting, newest first, with their SHA-256 (secretariat)", responses: { 200: jsonResponse("Removed materials of a meeting, newest first, with their SHA-256 (secretariat)"), ...errors(400, 401, 403, 404) } }),
    v("param", MeetingParam),
    async (c) => {
      const db = c.get("db");
      const m = await loadMeeting(db, c.get("actor"), c.req.valid("param").id);
      authorize(c.get("actor"), "materials.recover", meetingScope(m));
      const rows = await db.select().from(deletedMaterials).where(eq(deletedMaterials.meetingId, m.id)).orderBy(asc(deletedMaterials.deletedAt));
      return c.json({ materials: rows.reverse().map(({ objectKey: _k, meetingId: _m, ...shown }) => shown) }, 200);
    },
  )
  .get(
    "/:id/deleted-materials/:materialId",
    describeRoute({ tags: ["meetings"], summary: "Download a removed material (secretariat)", responses: { 200: fileResponse("The removed file, with the type it was uploaded as", "*/*"), ...errors(400, 401, 403, 404) } }),
    v("param", MaterialParam),
    async (c) => {
      const { id, materialId } = c.req.valid("param");
      const db = c.get("db");
      const m = await loadMeeting(db, c.get("actor"), id);
      authorize(c.get("actor"), "materials.recover", meetingScope(m));
      const row = await deletedPaper(db, m.id, materialId);
      const object = row.sha256 ? await c.env.MATERIALS.get(row.objectKey) : null;
      if (!object) throw notFound("The removed file's content");
      return new Response(object.body, {
        headers: {
          "content-type": row.contentType,
          "content-length": String(row.size),
          "content-disposition": disposition(row.fileName),
          "cache-control": "private, no-store",
          "x-content-type-options": "nosniff",
        },
      });
    },
  )
  .post(
    "/:id/deleted-materials/:materialId/restore",
    describeRoute({ tags: ["meetings"], summary: "Restore a removed material with its id, name and agenda item (secretariat; 409 once the minutes are approved)", responses: { 200: jsonResponse("Done"), ...errors(400, 401, 404, 409) } }),
    v("param", MaterialParam),
    async (c) => {
      const { id, materialId } = c.req.valid("param");
      const { db, m } = await papersFor(c, id, "materials.recover");
      const row = await deletedPaper(db, m.id, materialId);
      const object = row.sha256 ? await c.env.MATERIALS.get(row.objectKey) : null;
      const bytes = object ? await object.arrayBuffer() : null;
      if (!bytes || (await sha256Hex(bytes)) !== row.sha256) throw conflict("The kept copy of this file is missing or damaged; it cannot be restored.", { sha256: row.sha256 });
      const objectKey = `meetings/${m.id}/${row.id}`;
      // The agenda item may have been dropped since: the file then belongs to the meeting as a whole.
      const [item] = row.agendaItemId
        ? await db.select({ id: agendaItems.id }).from(agendaItems).where(and(eq(agendaItems.id, row.agendaItemId), eq(agendaItems.meetingId, m.id)))
        : [];
      const restored = {
        id: row.id,
        meetingId: m.id,
        agendaItemId: item?.id ?? null,
        objectKey,
        fileName: row.fileName,
        contentType: row.contentType,
        size: row.size,
        uploadedBy: row.uploadedBy,
        uploadedAt: row.uploadedAt,
      };
      await c.env.MATERIALS.put(objectKey, bytes, { httpMetadata: { contentType: row.contentType }, sha256: row.sha256! });
      try {
        await writeAudited(
          auditContext(c),
          [{ action: "meeting.material.restore", targetType: "meeting", targetId: m.id, after: { material: row.id, fileName: row.fileName, size: row.size, sha256: row.sha256 } }],
          [db.delete(deletedMaterials).where(eq(deletedMaterials.id, row.id)), db.insert(materials).values(restored)],
        );
      } catch (err) {
        await c.env.MATERIALS.delete(objectKey);
        throw err;
      }
      await c.env.MATERIALS.delete(row.objectKey);
      const { objectKey: _k, uploadedBy: _u, ...shown } = restored;
      return c.json({ material: shown }, 200);
    },
  );
