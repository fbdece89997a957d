// Word diffs, paragraph identity across revisions, and revision comparison.

import { toPlainText } from "./markup";
import type { Block, DiffToken, IssuedParagraph, ParagraphChange } from "./types";

// Words (letters, marks, digits, inner apostrophes), whitespace runs, single
// punctuation; Han/kana characters one by one since Chinese has no spaces.
const TOKEN =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]|[\p{L}\p{M}\p{N}_]+(?:['’][\p{L}\p{M}\p{N}_]+)*|\s+|[^\s\p{L}\p{M}\p{N}_]/gu;

export function tokenize(s: string): string[] {
  return s.match(TOKEN) ?? [];
}

/**
 * Diff units: each token with the whitespace after it. Half as many units as
 * tokens, and spaces no longer match each other by accident, so diffs of long
 * paragraphs stay fast and readable.
 */
function diffUnits(s: string): string[] {
  const units: string[] = [];
  for (const t of tokenize(s)) {
    if (units.length && !t.trim()) units[units.length - 1] += t;
    else units.push(t);
  }
  return units;
}

/** What a unit is compared by: its token without trailing whitespace. */
const unitKey = (u: string) => u.trimEnd() || u;

// Past this many edits the texts have little in common and a plain replacement
// reads better than a word salad; the cap also bounds time and memory.
const MAX_EDITS = 1500;

type Op = DiffToken["op"];

/** Myers' O(ND) diff over interned units; returns one op per unit, or null past the cap. */
function myers(a: Int32Array, b: Int32Array): Op[] | null {
  const n = a.length;
  const m = b.length;
  const max = Math.min(n + m, MAX_EDITS, Math.ceil((n + m) / 2) + 8);
  const off = max + 1;
  const v = new Int32Array(2 * max + 3);
  // V for step d (k in [-d, d]) is kept at trace[d*d ..], since sum of (2i+1) for i < d is d*d.
  const trace = new Int32Array((max + 1) * (max + 1));
  let last = -1;
  for (let d = 0; d <= max && last < 0; d++) {
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[off + k - 1]! < v[off + k + 1]!) ? v[off + k + 1]! : v[off + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) x++, y++;
      v[off + k] = x;
      if (x >= n && y >= m) {
        last = d;
        break;
      }
    }
    trace.set(v.subarray(off - d, off + d + 1), d * d);
  }
  if (last < 0) return null;
  const ops: Op[] = [];
  let x = n;
  let y = m;
  for (let d = last; d > 0; d--) {
    const base = (d - 1) * (d - 1) + d - 1; // index of k = 0 in step d - 1
    const at = (k: number) => trace[base + k]!;
    const k = x - y;
    const down = k === -d || (k !== d && at(k - 1) < at(k + 1));
    const pk = down ? k + 1 : k - 1;
    const px = at(pk);
    const py = px - pk;
    while (x > px && y > py) ops.push("equal"), x--, y--;
    ops.push(down ? "insert" : "delete");
    x = px;
    y = py;
  }
  while (x > 0 && y > 0) ops.push("equal"), x--, y--;
  return ops.reverse();
}

/** Word-level diff of two plain texts; tokens of the same op are merged. */
export function diffWords(a: string, b: string): DiffToken[] {
  const ta = diffUnits(a);
  const tb = diffUnits(b);
  const ids = new Map<string, number>();
  const intern = (t: string) => {
    let id = ids.get(t);
    if (id === undefined) ids.set(t, (id = ids.size));
    return id;
  };
  const ia = Int32Array.from(ta, (u) => intern(unitKey(u)));
  const ib = Int32Array.from(tb, (u) => intern(unitKey(u)));
  // Common prefix and suffix cost nothing to diff.
  let pre = 0;
  while (pre < ia.length && pre < ib.length && ia[pre] === ib[pre]) pre++;
  let suf = 0;
  while (suf < ia.length - pre && suf < ib.length - pre && ia[ia.length - 1 - suf] === ib[ib.length - 1 - suf]) suf++;
  const midA = ia.subarray(pre, ia.length - suf);
  const midB = ib.subarray(pre, ib.length - suf);
  const mid = myers(midA, midB) ?? [...Array<Op>(midA.length).fill("delete"), ...Array<Op>(midB.length).fill("insert")];

  const out: { op: Op; text: string }[] = [];
  let i = 0;
  let j = 0;
  const emit = (op: Op) => {
    if (op === "insert") out.push({ op, text: tb[j++]! });
    else if (op === "delete") out.push({ op, text: ta[i++]! });
    else {
      // Same word, maybe different spacing after it: the spacing is a change.
      const x = ta[i++]!;
      const y = tb[j++]!;
      const core = unitKey(x);
      out.push({ op, text: x === y ? x : core });
      if (x !== y) out.push({ op: "delete", text: x.slice(core.length) }, { op: "insert", text: y.slice(core.length) });
    }
  };
  for (let k = 0; k < pre; k++) emit("equal");
  for (const op of mid) emit(op);
  for (let k = 0; k < suf; k++) emit("equal");
  return tidy(out);
}

/** Deletions before insertions in each change, lone spaces between changes absorbed, same ops merged. */
function tidy(tokens: DiffToken[]): DiffToken[] {
  // A whitespace-only equal between two changes reads better as part of the change.
  const t: DiffToken[] = [];
  tokens.forEach((x, k) => {
    const between = k > 0 && k < tokens.length - 1 && tokens[k - 1]!.op !== "equal" && tokens[k + 1]!.op !== "equal";
    if (x.op === "equal" && between && !x.text.trim()) t.push({ op: "delete", text: x.text }, { op: "insert", text: x.text });
    else t.push(x);
  });
  const out: DiffToken[] = [];
  let dels = "";
  let ins = "";
  const flush = () => {
    if (dels) out.push({ op: "delete", text: dels });
    if (ins) out.push({ op: "insert", text: ins });
    dels = ins = "";
  };
  for (const x of t) {
    if (x.op === "delete") dels += x.text;
    else if (x.op === "insert") ins += x.text;
    else {
      flush();
      const last = out[out.length - 1];
      if (last?.op === "equal") last.text += x.text;
      else out.push({ op: "equal", text: x.text });
    }
  }
  flush();
  return out;
}

function wordCounts(s: string): { counts: Map<string, number>; total: number } {
  const counts = new Map<string, number>();
  let total = 0;
  for (const t of tokenize(s.toLowerCase())) {
    if (!/[\p{L}\p{N}]/u.test(t)) continue;
    counts.set(t, (counts.get(t) ?? 0) + 1);
    total++;
  }
  return { counts, total };
}

function dice(x: ReturnType<typeof wordCounts>, y: ReturnType<typeof wordCounts>): number {
  if (x.total === 0 && y.total === 0) return 1;
  if (x.total === 0 || y.total === 0) return 0;
  let common = 0;
  for (const [w, c] of x.counts) common += Math.min(c, y.counts.get(w) ?? 0);
  return (2 * common) / (x.total + y.total);
}

/** Dice coefficient over word multisets, case-insensitive, in [0, 1]. */
export function similarity(a: string, b: string): number {
  return dice(wordCounts(a), wordCounts(b));
}

const MATCH_THRESHOLD = 0.5;

/**
 * Stable identities for the blocks of a new revision: kept pids first, then
 * identical text, then the most similar unclaimed previous paragraph.
 */
export function matchIdentities<B extends Block>(
  previous: IssuedParagraph[],
  next: B[],
  newPid: () => string,
): { pid: string; block: B }[] {
  const prevIndex = new Map(previous.map((p, i) => [p.pid, i]));
  const claimed = new Set<string>();
  const assigned: (string | null)[] = next.map((b) => {
    if (b.pid && prevIndex.has(b.pid) && !claimed.has(b.pid)) {
      claimed.add(b.pid);
      return b.pid;
    }
    return null;
  });

  const prevText = previous.map((p) => toPlainText(p.html));
  const nextText = next.map((b) => toPlainText(b.html));

  // Identical text: closest unclaimed previous paragraph, same kind preferred.
  next.forEach((b, i) => {
    if (assigned[i] !== null) return;
    let best = -1;
    let bestScore = Infinity;
    previous.forEach((p, j) => {
      if (claimed.has(p.pid) || prevText[j] !== nextText[i]) return;
      const score = Math.abs(i - j) + (p.kind === b.kind ? 0 : 1e6);
      if (score < bestScore) (best = j), (bestScore = score);
    });
    if (best >= 0) {
      assigned[i] = previous[best]!.pid;
      claimed.add(previous[best]!.pid);
    }
  });

  // Similar text: all candidate pairs, best first, greedily.
  const prevWords = previous.map((_, j) => wordCounts(prevText[j]!));
  const pairs: { i: number; j: number; sim: number; dist: number }[] = [];
  next.forEach((_, i) => {
    if (assigned[i] !== null) return;
    const w = wordCounts(nextText[i]!);
    previous.forEach((p, j) => {
      if (claimed.has(p.pid)) return;
      const pw = prevWords[j]!;
      // Dice can't reach the threshold when lengths differ too much.
      if ((2 * Math.min(w.total, pw.total)) / (w.total + pw.total || 1) < MATCH_THRESHOLD) return;
      const sim = dice(w, pw);
      if (sim >= MATCH_THRESHOLD) pairs.push({ i, j, sim, dist: Math.abs(i - j) });
    });
  });
  pairs.sort((x, y) => y.sim - x.sim || x.dist - y.dist || x.i - y.i);
  for (const { i, j } of pairs) {
    const pid = previous[j]!.pid;
    if (assigned[i] !== null || claimed.has(pid)) continue;
    assigned[i] = pid;
    claimed.add(pid);
  }

  return next.map((block, i) => ({ pid: assigned[i] ?? newPid(), block }));
}

/** Indices (into `seq`) of one longest increasing subsequence. */
function longestIncreasing(seq: number[]): Set<number> {
  const tails: number[] = []; // index into seq of the smallest tail for each length
  const parent = new Array<number>(seq.length).fill(-1);
  seq.forEach((x, i) => {
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (seq[tails[mid]!]! < x) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) parent[i] = tails[lo - 1]!;
    tails[lo] = i;
  });
  const keep = new Set<number>();
  for (let i = tails.length ? tails[tails.length - 1]! : -1; i >= 0; i = parent[i]!) keep.add(i);
  return keep;
}

/**
 * Paragraph-by-paragraph changes between two revisions, in `to` order, with
 * each deleted paragraph placed after its nearest surviving predecessor.
 */
export function diffRevisions(from: IssuedParagraph[], to: IssuedParagraph[]): ParagraphChange[] {
  const fromIndex = new Map(from.map((p, i) => [p.pid, i]));
  const toPids = new Set(to.map((p) => p.pid));

  // The order of shared paragraphs: those off the longest common order moved.
  const shared = to.filter((p) => fromIndex.has(p.pid));
  const stay = longestIncreasing(shared.map((p) => fromIndex.get(p.pid)!));
  const moved = new Set(shared.filter((_, i) => !stay.has(i)).map((p) => p.pid));

  // Deleted paragraphs hang off the nearest earlier paragraph that survives.
  const leading: IssuedParagraph[] = [];
  const after = new Map<string, IssuedParagraph[]>();
  let anchor: string | null = null;
  for (const p of from) {
    if (toPids.has(p.pid)) anchor = p.pid;
    else if (anchor === null) leading.push(p);
    else after.set(anchor, [...(after.get(anchor) ?? []), p]);
  }
  const deleted = (p: IssuedParagraph): ParagraphChange => ({ status: "deleted", pid: p.pid, from: p });

  const out: ParagraphChange[] = leading.map(deleted);
  for (const t of to) {
    const i = fromIndex.get(t.pid);
    if (i === undefined) {
      out.push({ status: "new", pid: t.pid, to: t });
    } else {
      const f = from[i]!;
      const a = toPlainText(f.html);
      const b = toPlainText(t.html);
      const changed = a !== b || f.kind !== t.kind;
      if (moved.has(t.pid)) out.push({ status: "moved", pid: t.pid, from: f, to: t, words: changed ? diffWords(a, b) : null });
      else if (changed) out.push({ status: "edited", pid: t.pid, from: f, to: t, words: diffWords(a, b) });
      else out.push({ status: "unchanged", pid: t.pid, from: f, to: t });
    }
    for (const d of after.get(t.pid) ?? []) out.push(deleted(d));
  }
  return out;
}
