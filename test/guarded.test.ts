// The one guarded write (worker/db/guarded.ts), against the real D1: a save applies only at
// the version it read, its audit row follows only the save that won, and a UNIQUE race is
// told apart from any other failure.
import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { drizzle } from "drizzle-orm/d1";
import { describe, expect, it } from "vitest";
import { isUniqueViolation, uniqueOr409, versionedUpdate, writeGuarded } from "../worker/db/guarded";
import * as schema from "../worker/db/schema";
import { auditLog, documents, tracks } from "../worker/db/schema";

const db = drizzle(env.DB, { schema });
const ctx = { db, actor: { kind: "anonymous" } as const, requestId: "guarded-test" };

describe("the guarded write", () => {
  it("applies only at the version it read; the audit row follows only the save that won", async () => {
    const [doc] = await db.select().from(documents).limit(1);
    const save = (at: string) =>
      versionedUpdate(db, documents, {
        row: eq(documents.id, doc!.id),
        version: documents.draftVersion,
        base: doc!.draftVersion,
        set: { draftJson: JSON.stringify([{ pid: null, kind: "paragraph", html: at }]) },
        stamp: { draftUpdatedAt: at, draftUpdatedBy: doc!.createdBy },
      });
    const audit = [{ action: "test.save", targetType: "document", targetId: doc!.id }];
    const first = await writeGuarded(ctx, save("2030-01-01T00:00:00.000Z"), audit);
    // A second save from the same stale version: refused, and no audit row.
    const second = await writeGuarded(ctx, save("2030-01-01T00:00:01.000Z"), audit);
    expect(first.won).toBe(true);
    expect(second.won).toBe(false);
    const [now] = await db.select().from(documents).where(eq(documents.id, doc!.id));
    expect(now!.draftVersion).toBe(doc!.draftVersion + 1);
    expect(now!.draftUpdatedAt).toBe("2030-01-01T00:00:00.000Z");
    expect(await db.select().from(auditLog).where(eq(auditLog.requestId, "guarded-test"))).toHaveLength(1);
    // With `stale`, losing throws what it returns.
    await expect(writeGuarded(ctx, save("2030-01-01T00:00:02.000Z"), audit, { stale: () => new Error("stale save") })).rejects.toThrow("stale save");
  });

  it("tells a UNIQUE violation from any other failure", async () => {
    const [t] = await db.select().from(tracks).limit(1);
    const duplicate = { slug: t!.slug, title: "Copy", shortTitle: "Copy", mandate: "Copy" };
    const unique = await db.insert(tracks).values(duplicate).then(() => null, (e: unknown) => e);
    const notNull = await db.insert(tracks).values({ ...duplicate, slug: "fresh-slug", title: null as unknown as string }).then(() => null, (e: unknown) => e);
    expect(unique).not.toBeNull();
    expect(notNull).not.toBeNull();
    expect(isUniqueViolation(unique)).toBe(true);
    expect(isUniqueViolation(notNull)).toBe(false);
    await expect(uniqueOr409(() => db.insert(tracks).values(duplicate), "That slug was just taken.")).rejects.toMatchObject({ status: 409, message: "That slug was just taken." });
  });
});
