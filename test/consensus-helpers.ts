// Shared by the consensus integrity tests: a document to take positions on. The race
// helpers (an env whose D1 lets a competing action land at a chosen moment) are in race.ts.
import { expect } from "vitest";
import { Agent, DEMO_ACCOUNTS, env, signIn } from "./helpers";
export { failOnce, raceBefore, type TestEnv, via } from "./race";

export const HOUR = 3_600_000;
export const HEADS = 54;
export const headOf = (seat: string) => `head.${seat}@plenary.test`;
const window = () => ({ commentsOpenAt: new Date(Date.now() - HOUR).toISOString(), commentsCloseAt: new Date(Date.now() + 72 * HOUR).toISOString(), commentsTimeZone: "Europe/Zurich" });
const TEXT = [
  { kind: "paragraph", html: "Principle one: data governance serves development.", pid: null },
  { kind: "paragraph", html: "Principle two: [cross-border] data flows are trusted.", pid: null },
];

/** An issued members' draft (Rev.0); `nextRevision` issues the next one. */
export async function issuedDocument(symbol = "WG/DG/2026/11") {
  const cofac = await signIn(DEMO_ACCOUNTS.cofacilitator);
  const { body } = await cofac.json("/api/documents", { json: { trackId: 1, kind: "draft_outcome", title: "Principles", symbol, visibility: "members" } });
  const id = body.document.id as string;
  await cofac.fetch(`/api/documents/${id}/draft`, { method: "PUT", json: { baseVersion: 1, blocks: TEXT } });
  await cofac.fetch(`/api/documents/${id}/revisions`, { json: { baseVersion: 2, ...window() } });
  const nextRevision = async () => {
    const draft = await cofac.json(`/api/documents/${id}/draft`);
    const issued = await cofac.fetch(`/api/documents/${id}/revisions`, { json: { baseVersion: draft.body.draft.version, ...window() } });
    expect(issued.status).toBe(201);
  };
  return { id, nextRevision };
}

export const record = (agent: Agent, id: string, n: number, json: Record<string, unknown>) =>
  agent.json(`/api/documents/${id}/revisions/${n}/position`, { method: "PUT", json: { baseVersion: null, ...json } });
export const openSilence = (chair: Agent, id: string, n: number, deadlineMs = Date.now() + 73 * HOUR) =>
  chair.json(`/api/documents/${id}/revisions/${n}/procedures`, { json: { kind: "silence", deadline: new Date(deadlineMs).toISOString(), deadlineTimeZone: "Europe/Zurich" } });

