import { useQuery } from "@tanstack/react-query";
import { useEffect, useRef, useState, type ClipboardEvent, type KeyboardEvent } from "react";
import { ApiError } from "../api";
import { ParagraphView, revLabel } from "../components/documents";
import { EditableBlock, splitAtCaret } from "../components/EditableBlock";
import { describeError, FormMessages, useForm } from "../components/form";
import { StaleSavePanel } from "../components/StaleSavePanel";
import { ZonedDateTimeField, ZoneSelect } from "../components/ZonedDateTimeField";
import { DateTime, ErrorState, Loading, PageTitle, useFormatDate } from "../components/ui";
import { useI18n } from "../i18n";
import { instantToZonedLocal, zonedToInstant } from "../../worker/lib/zonedTime";
import { documentQuery, draftQuery, importDocx, useDocumentWrites } from "../queries/documents";
import { staleCurrent } from "../queries/stale";
import { Link, navigate } from "../router";
import { pasteToBlocks, sanitizeInline, textToBlocks, toPlainText } from "../../worker/documents/markup";
import { IssueBody } from "../../worker/documents/schemas";
import { BLOCK_KINDS, type Block, type BlockKind } from "../../worker/documents/types";

type EditBlock = { key: string; pid: string | null; kind: BlockKind; html: string };
type Draft = { version: number; blocks: Block[]; updatedAt: string | null; updatedBy: string | null };

let counter = 0;
const newKey = () => `b${++counter}`;
const toEdit = (blocks: Block[]): EditBlock[] => blocks.map((b) => ({ key: newKey(), pid: b.pid ?? null, kind: b.kind, html: b.html }));
const isEmptyHtml = (html: string) => toPlainText(sanitizeInline(html)).trim() === "";

export default function DocumentEditor({ params }: { params: Record<string, string> }) {
  const id = params.id ?? "";
  const { t } = useI18n();
  const docQ = useQuery(documentQuery(id));
  const draftQ = useQuery(draftQuery(id));
  const writes = useDocumentWrites();
  const [blocks, setBlocks] = useState<EditBlock[] | null>(null);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [dirty, setDirty] = useState(false);
  const [conflict, setConflict] = useState<Draft | null>(null);
  const [imported, setImported] = useState<{ blocks: Block[]; file: string } | null>(null);
  const [importing, setImporting] = useState(false);
  const els = useRef(new Map<string, HTMLDivElement>());
  const focusKey = useRef<string | null>(null);
  const save = useForm();
  const importForm = useForm();
  const fmt = useFormatDate();

  useEffect(() => {
    if (draftQ.data && !blocks) {
      setDraft(draftQ.data.draft);
      setBlocks(toEdit(draftQ.data.draft.blocks));
    }
  }, [draftQ.data, blocks]);
  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [dirty]);

  if (docQ.isPending || draftQ.isPending) return <Loading />;
  if (docQ.error) return <ErrorState error={docQ.error} retry={() => docQ.refetch()} />;
  if (draftQ.error) return <ErrorState error={draftQ.error} retry={() => draftQ.refetch()} />;
  if (!blocks || !draft) return <Loading />;
  const { document: d, revisions } = docQ.data;
  const base = `/documents/${encodeURIComponent(id)}`;

  const change = (next: EditBlock[]) => {
    setBlocks(next);
    setDirty(true);
  };
  const current = (): Block[] =>
    blocks.map((b) => ({ pid: b.pid, kind: b.kind, html: sanitizeInline(els.current.get(b.key)?.innerHTML ?? b.html) }));
  /** Replace block `key` by `list` (the first keeps its identity), focusing `focusIndex` of them. */
  const splice = (key: string, list: Omit<EditBlock, "key">[], focusIndex: number) => {
    const i = blocks.findIndex((b) => b.key === key);
    if (i < 0) return;
    const made = list.map((b) => ({ ...b, key: newKey() }));
    focusKey.current = made[focusIndex]?.key ?? null;
    // Keep what the other blocks hold now (their DOM is live, their state may be stale).
    const live = blocks.map((b) => ({ ...b, html: sanitizeInline(els.current.get(b.key)?.innerHTML ?? b.html) }));
    change([...live.slice(0, i), ...made, ...live.slice(i + 1)]);
  };

  const onPaste = (b: EditBlock) => (e: ClipboardEvent<HTMLDivElement>) => {
    const html = e.clipboardData.getData("text/html");
    const text = e.clipboardData.getData("text/plain");
    let pasted = html ? pasteToBlocks(html) : [];
    if (pasted.length === 0 && text) pasted = textToBlocks(text);
    e.preventDefault();
    if (pasted.length === 0) return;
    const el = e.currentTarget;
    if (isEmptyHtml(el.innerHTML)) {
      splice(b.key, pasted.map((p, i) => ({ pid: i === 0 ? b.pid : null, kind: p.kind, html: p.html })), pasted.length - 1);
      return;
    }
    if (pasted.length === 1) {
      document.execCommand("insertHTML", false, pasted[0]!.html);
      setDirty(true);
      return;
    }
    const cut = splitAtCaret(el);
    if (!cut) return;
    const first = pasted[0]!;
    const last = pasted.at(-1)!;
    const list = [
      { pid: b.pid, kind: isEmptyHtml(cut.head) ? first.kind : b.kind, html: cut.head + first.html },
      ...pasted.slice(1, -1).map((p) => ({ pid: null, kind: p.kind, html: p.html })),
      { pid: null, kind: last.kind, html: last.html + cut.tail },
    ];
    splice(b.key, list, list.length - 1);
  };

  const onKeyDown = (b: EditBlock) => (e: KeyboardEvent<HTMLDivElement>) => {
    // Enter starts a new paragraph; Shift+Enter is a line break inside this one.
    if (e.key === "Enter" && !e.shiftKey && !e.nativeEvent.isComposing) {
      e.preventDefault();
      const cut = splitAtCaret(e.currentTarget);
      if (!cut) return;
      splice(b.key, [{ pid: b.pid, kind: b.kind, html: cut.head }, { pid: null, kind: b.kind === "heading" ? "paragraph" : b.kind, html: cut.tail }], 1);
    }
  };

  const move = (i: number, by: number) => {
    const next = [...blocks];
    const [b] = next.splice(i, 1);
    next.splice(i + by, 0, b!);
    change(next);
  };
  const insertAfter = (i: number) => {
    const b = { key: newKey(), pid: null, kind: "paragraph" as const, html: "" };
    focusKey.current = b.key;
    change([...blocks.slice(0, i + 1), b, ...blocks.slice(i + 1)]);
  };

  async function saveDraft(baseVersion: number): Promise<Draft | null> {
    try {
      const res = await writes.saveDraft(id, { baseVersion, blocks: current() });
      setDraft(res.draft);
      setBlocks(toEdit(res.draft.blocks));
      setDirty(false);
      setConflict(null);
      return res.draft;
    } catch (err) {
      const theirs = staleCurrent<Draft>(err);
      if (!theirs) throw err;
      setConflict(theirs);
      return null;
    }
  }

  const nextNumber = revisions.length ? revisions.at(-1)!.number + 1 : 0;
  const nextLabel = revLabel(t, nextNumber);
  const previous = revisions.at(-1);

  return (
    <>
      <p className="breadcrumb">
        <Link href={base}>{t("editor.backToDocument")}</Link>
      </p>
      <PageTitle>{t("editor.title", { title: d.title })}</PageTitle>
      <p className="lead">{t("editor.intro")}</p>
      <p className="muted">
        {draft.updatedAt ? (
          <>
            {t("editor.version", { version: draft.version, name: draft.updatedBy ?? "" })}{" "}
            <DateTime iso={draft.updatedAt} />
          </>
        ) : (
          t("editor.versionNew")
        )}
      </p>

      <div className="live" aria-live="assertive">
        {conflict && (
          <StaleSavePanel
            className="conflict"
            message={t("editor.conflict", { name: conflict.updatedBy ?? "?", date: conflict.updatedAt ? fmt(conflict.updatedAt) : "" })}
            theirsLabel={t("editor.theirText")}
            theirs={conflict.blocks.map((b, i) => (
              <ParagraphView key={i} kind={b.kind} number={null} html={b.html} />
            ))}
            actions={
              <>
                <button
                  type="button"
                  className="button secondary"
                  onClick={() => {
                    setDraft(conflict);
                    setBlocks(toEdit(conflict.blocks));
                    setDirty(false);
                    setConflict(null);
                  }}
                >
                  {t("editor.loadTheirs")}
                </button>
                <button
                  type="button"
                  className="button danger"
                  onClick={() => void save.submit({ success: true, data: conflict.version }, async (v) => ((await saveDraft(v)) ? t("editor.saved", { version: v + 1 }) : undefined))}
                >
                  {t("editor.keepMine")}
                </button>
              </>
            }
          />
        )}
      </div>

      <div className="editor-bar" role="toolbar" aria-label={t("editor.formatting")}>
        <button type="button" className="button secondary small" onMouseDown={(e) => e.preventDefault()} onClick={() => document.execCommand("bold")}>
          <strong>{t("editor.bold")}</strong>
        </button>
        <button type="button" className="button secondary small" onMouseDown={(e) => e.preventDefault()} onClick={() => document.execCommand("italic")}>
          <em>{t("editor.italic")}</em>
        </button>
        <span className="bar-gap" />
        {dirty && <span className="unsaved">{t("editor.unsaved")}</span>}
        <button
          type="button"
          className="button"
          disabled={save.busy}
          onClick={() => void save.submit({ success: true, data: draft.version }, async (v) => {
            const saved = await saveDraft(v);
            return saved ? t("editor.saved", { version: saved.version }) : undefined;
          })}
        >
          {save.busy ? t("common.saving") : t("common.save")}
        </button>
      </div>
      <FormMessages alert={save.alert} status={save.status} />
      <p className="hint">{t("editor.pasteHint")}</p>

      {blocks.length === 0 && <p className="notice">{t("editor.empty")}</p>}
      <ol className="blocks">
        {blocks.map((b, i) => (
          <li key={b.key} className={`block block-${b.kind}`}>
            <div className="block-tools">
              <span className="block-n" aria-hidden="true">
                {i + 1}
              </span>
              <select
                aria-label={t("editor.blockKind", { n: i + 1 })}
                value={b.kind}
                onChange={(e) => change(blocks.map((x) => (x.key === b.key ? { ...x, kind: e.target.value as BlockKind } : x)))}
              >
                {BLOCK_KINDS.map((k) => (
                  <option key={k} value={k}>
                    {t(`editor.kind.${k}`)}
                  </option>
                ))}
              </select>
              <button type="button" className="icon-button" aria-label={t("editor.moveUp", { n: i + 1 })} title={t("editor.moveUp", { n: i + 1 })} disabled={i === 0} onClick={() => move(i, -1)}>
                ↑
              </button>
              <button type="button" className="icon-button" aria-label={t("editor.moveDown", { n: i + 1 })} title={t("editor.moveDown", { n: i + 1 })} disabled={i === blocks.length - 1} onClick={() => move(i, 1)}>
                ↓
              </button>
              <button type="button" className="icon-button" aria-label={t("editor.insertAfter", { n: i + 1 })} title={t("editor.insertAfter", { n: i + 1 })} onClick={() => insertAfter(i)}>
                +
              </button>
              <button type="button" className="icon-button danger" aria-label={t("editor.delete", { n: i + 1 })} title={t("editor.delete", { n: i + 1 })} onClick={() => change(blocks.filter((x) => x.key !== b.key))}>
                ×
              </button>
            </div>
            <EditableBlock
              block={b}
              label={t("editor.blockText", { n: i + 1 })}
              register={(el) => (el ? els.current.set(b.key, el) : els.current.delete(b.key))}
              autoFocus={focusKey.current === b.key}
              onInput={() => setDirty(true)}
              onPaste={onPaste(b)}
              onKeyDown={onKeyDown(b)}
            />
          </li>
        ))}
      </ol>
      <button type="button" className="button secondary" onClick={() => insertAfter(blocks.length - 1)}>
        {t("editor.addBlock")}
      </button>

      <section className="card" aria-labelledby="import-title">
        <h2 id="import-title">{t("editor.import")}</h2>
        <FormMessages alert={importForm.alert} status={importing ? t("editor.importing") : null} />
        <div className="field">
          <label htmlFor="docx-file">{t("editor.import")}</label>
          <input
            id="docx-file"
            type="file"
            accept=".docx,application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            aria-describedby="docx-hint"
            onChange={async (e) => {
              const file = e.target.files?.[0];
              if (!file) return;
              importForm.setAlert(null);
              setImporting(true);
              try {
                setImported({ blocks: await importDocx(id, file), file: file.name });
              } catch (err) {
                importForm.setAlert(err instanceof ApiError && err.status > 0 ? err.message : describeError(err, t).message);
              } finally {
                setImporting(false);
                e.target.value = "";
              }
            }}
          />
          <p className="hint" id="docx-hint">
            {t("editor.importHint")}
          </p>
        </div>
        {imported && (
          <div className="import-preview">
            <p role="status">{t("editor.imported", { count: imported.blocks.length, file: imported.file })}</p>
            <div className="their-text">
              {imported.blocks.slice(0, 5).map((b, i) => (
                <ParagraphView key={i} kind={b.kind} number={null} html={b.html} />
              ))}
              {imported.blocks.length > 5 && <p className="muted">…</p>}
            </div>
            <div className="actions">
              <button
                type="button"
                className="button"
                onClick={() => {
                  change(toEdit(imported.blocks));
                  setImported(null);
                }}
              >
                {t("editor.replaceWithImport")}
              </button>
              <button type="button" className="button secondary" onClick={() => setImported(null)}>
                {t("common.cancel")}
              </button>
            </div>
          </div>
        )}
      </section>

      <IssueForm
        id={id}
        label={nextLabel}
        previousLabel={previous && !previous.dispositionsPublishedAt ? revLabel(t, previous.number) : null}
        prepare={async () => (dirty || conflict ? saveDraft(draft.version) : draft)}
      />
    </>
  );
}

const DEFAULT_ZONE = "Europe/Zurich";

function IssueForm({ id, label, previousLabel, prepare }: { id: string; label: string; previousLabel: string | null; prepare: () => Promise<Draft | null> }) {
  const { t } = useI18n();
  const form = useForm();
  const writes = useDocumentWrites();
  const [zone, setZone] = useState(DEFAULT_ZONE);
  const [openAt, setOpenAt] = useState(() => instantToZonedLocal(Date.now() - 60_000, DEFAULT_ZONE));
  const [closeAt, setCloseAt] = useState(() => {
    const day = instantToZonedLocal(Date.now() + 14 * 86_400_000, DEFAULT_ZONE);
    return `${day.slice(0, 10)}T18:00`;
  });
  const o = zonedToInstant(openAt, zone);
  const c = zonedToInstant(closeAt, zone);

  return (
    <section className="card" aria-labelledby="issue-title">
      <h2 id="issue-title">{t("editor.issueTitle", { label })}</h2>
      <p>{t("editor.issueIntro", { label })}</p>
      <FormMessages alert={form.alert} status={form.status} />
      <form
        ref={form.formRef}
        noValidate
        className="form limited"
        onSubmit={(e) => {
          e.preventDefault();
          const f = new FormData(e.currentTarget);
          if (!o || !c) {
            form.setErrors({ ...(o ? {} : { commentsOpenAt: t("editor.badTime") }), ...(c ? {} : { commentsCloseAt: t("editor.badTime") }) });
            form.setAlert(t("common.formErrors"));
            return;
          }
          const fields = {
            baseVersion: 1,
            commentsOpenAt: o.iso,
            commentsCloseAt: c.iso,
            commentsTimeZone: zone,
            allowLate: f.get("allowLate") === "on",
            publishDispositions: f.get("publishDispositions") === "on",
          };
          const parsed = IssueBody.safeParse(fields);
          void form.submit(parsed, async (body) => {
            const saved = await prepare();
            if (!saved) return; // a conflict is shown above
            const res = await writes.issue(id, { ...body, baseVersion: saved.version });
            navigate(`/documents/${encodeURIComponent(id)}/rev/${res.revision.number}`);
          });
        }}
      >
        <ZoneSelect label={t("editor.timeZone")} name="commentsTimeZone" value={zone} onChange={(e) => setZone(e.target.value)} hint={t("editor.timeZoneHint")} error={form.errors.commentsTimeZone} />
        <div className="form-row">
          <ZonedDateTimeField label={t("editor.opens")} name="commentsOpenAt" zone={zone} value={openAt} onChange={(e) => setOpenAt(e.target.value)} error={form.errors.commentsOpenAt} />
          <ZonedDateTimeField label={t("editor.closes")} name="commentsCloseAt" zone={zone} value={closeAt} onChange={(e) => setCloseAt(e.target.value)} error={form.errors.commentsCloseAt} />
        </div>
        <label className="check">
          <input type="checkbox" name="allowLate" />
          {t("editor.allowLate")}
        </label>
        {previousLabel && (
          <label className="check">
            <input type="checkbox" name="publishDispositions" defaultChecked />
            {t("editor.publishPrevious", { label: previousLabel })}
          </label>
        )}
        <div className="actions">
          <button type="submit" className="button" disabled={form.busy}>
            {form.busy ? t("editor.issuing") : t("editor.issue", { label })}
          </button>
        </div>
      </form>
    </section>
  );
}
