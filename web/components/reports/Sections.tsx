// The report's text: a table of contents and one section open at a time. The secretariat
// edits a section's title and blocks (heading, numbered paragraph, list item), their
// footnotes, and sees beside each generated block where it came from. Each section is saved
// on its own with the version it started from; a colleague's newer save is shown (409) and
// the person chooses. Unsaved text stays while another section is open, and counts live.
import { useEffect, useId, useRef, useState, type ClipboardEvent, type KeyboardEvent, type ReactNode, type Ref } from "react";
import { pasteToBlocks, sanitizeInline, textToBlocks, toPlainText } from "../../../worker/documents/markup";
import { BLOCK_KINDS, type BlockKind } from "../../../worker/documents/types";
import { useI18n, type MessageKey, type Translate } from "../../i18n";
import { useReportWrites, type ReportSection, type SectionBlock } from "../../queries/reports";
import { staleCurrent } from "../../queries/stale";
import { Link } from "../../router";
import { ParagraphView, RichText } from "../documents";
import { EditableBlock, splitAtCaret } from "../EditableBlock";
import { describeError, Field, FormMessages, SelectField } from "../form";
import { StaleSavePanel } from "../StaleSavePanel";
import { DateTime } from "../ui";
import { isEmptyBlock, revisionHref, useNumber, type LiveSection } from "./common";

export type EditFootnote = { key: string; html: string };
export type EditBlock = { key: string; pid: string | null; kind: BlockKind; html: string; footnotes: EditFootnote[]; source: SectionBlock["source"] | null };
export type Draft = { baseVersion: number; title: string; blocks: EditBlock[]; dirty: boolean; stale: ReportSection | null };
export type Drafts = Record<string, Draft>;

let counter = 0;
const newKey = () => `rb${++counter}`;

export const toDraft = (s: Pick<ReportSection, "version" | "title" | "blocks">): Draft => ({
  baseVersion: s.version,
  title: s.title,
  dirty: false,
  stale: null,
  blocks: s.blocks.map((b) => ({
    key: newKey(),
    pid: b.pid ?? null,
    kind: b.kind,
    html: b.html,
    footnotes: (b.footnotes ?? []).map((html) => ({ key: newKey(), html })),
    source: b.source ?? null,
  })),
});

const emptyBlock = (kind: BlockKind = "paragraph"): EditBlock => ({ key: newKey(), pid: null, kind, html: "", footnotes: [], source: null });

/** The section as the server stores it (the server also drops empty blocks and footnotes). */
const toBody = (d: Draft) =>
  d.blocks.map((b) => ({
    pid: b.pid,
    kind: b.kind,
    html: sanitizeInline(b.html),
    footnotes: b.footnotes.map((f) => sanitizeInline(f.html)).filter((f) => toPlainText(f).trim() !== ""),
    source: b.source,
  }));

/** Plain text of a draft, for copying it somewhere safe. */
const draftText = (d: Draft) =>
  [d.title, ...d.blocks.map((b) => [toPlainText(b.html), ...b.footnotes.map((f, i) => `[${i + 1}] ${toPlainText(f.html)}`)].join("\n"))].join("\n\n");

const kindName = (t: Translate, k: BlockKind) => t(`editor.kind.${k}` as MessageKey);

/** The name of a block for screen readers and its textbox: "Paragraph 12", "Heading (block 2)". */
function blockName(t: Translate, b: { kind: BlockKind }, i: number, number: number | null, annex: boolean) {
  if (b.kind === "paragraph" && number !== null) return t("report.block.paragraph", { n: number });
  if (b.kind === "paragraph" && annex) return t("report.block.unnumbered", { n: i + 1 });
  return t("report.block.other", { kind: kindName(t, b.kind), n: i + 1 });
}

// ---------------------------------------------------------------- table of contents

export function SectionsToc({
  sections,
  live,
  labels,
  drafts,
  openKey,
  onOpen,
  children,
}: {
  sections: ReportSection[];
  live: LiveSection[];
  labels: Map<string, string>;
  drafts: Drafts;
  openKey: string | null;
  onOpen: (key: string) => void;
  children?: ReactNode;
}) {
  const { t } = useI18n();
  const num = useNumber();
  const id = useId();
  return (
    <nav className="report-toc" aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`}>{t("report.toc")}</h3>
      <ol className="plain toc-list">
        {sections.map((s) => {
          const words = live.find((l) => l.key === s.key)?.words ?? 0;
          const d = drafts[s.key];
          return (
            <li key={s.key}>
              <button type="button" className="toc-item" aria-current={openKey === s.key ? "true" : undefined} onClick={() => onOpen(s.key)}>
                <span className="toc-label">{labels.get(s.key)}</span>{" "}
                <span className="toc-title">
                  <bdi>{d?.dirty ? d.title : s.title}</bdi>
                  <span className="toc-meta">
                    {s.annex ? t("report.words.annexCount", { n: num(words) }) : t(words === 1 ? "report.words.countOne" : "report.words.count", { n: num(words) })}
                    {s.edited && <span className="tag tag-edited">{t("report.edited")}</span>}
                    {d?.dirty && <span className="tag tag-unsaved">{t("report.unsavedTag")}</span>}
                  </span>
                </span>
              </button>
            </li>
          );
        })}
      </ol>
      {children}
    </nav>
  );
}

/** A hand-written section before the annexes, or an annex at the end. */
export function AddSectionForm({ id, onAdded }: { id: string; onAdded: (key: string) => void }) {
  const { t } = useI18n();
  const writes = useReportWrites(id);
  const [title, setTitle] = useState("");
  const [annex, setAnnex] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [alert, setAlert] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <details className="add-section">
      <summary>{t("report.addSection")}</summary>
      <form
        className="form"
        noValidate
        onSubmit={async (e) => {
          e.preventDefault();
          if (busy) return;
          setAlert(null);
          if (!title.trim()) return setError(t("validation.required"));
          setError(null);
          setBusy(true);
          try {
            const res = await writes.addSection(title.trim(), annex);
            setTitle("");
            setAnnex(false);
            onAdded(res.section.key);
          } catch (err) {
            const { message, fields } = describeError(err, t);
            if (fields.title) setError(fields.title);
            else setAlert(message);
          } finally {
            setBusy(false);
          }
        }}
      >
        <Field label={t("report.newSectionTitle")} name="title" value={title} onChange={(e) => setTitle(e.target.value)} maxLength={300} dir="auto" error={error ?? undefined} />
        <label className="check">
          <input type="checkbox" checked={annex} onChange={(e) => setAnnex(e.target.checked)} />
          {t("report.newSectionAnnex")}
        </label>
        <FormMessages alert={alert} />
        <div className="actions">
          <button type="submit" className="button secondary small" aria-disabled={busy}>
            {t("report.addSectionSubmit")}
          </button>
        </div>
      </form>
    </details>
  );
}

// ---------------------------------------------------------------- one section, read only

export function SectionView({ section, label, numbers, headingRef }: { section: ReportSection; label: string; numbers: (number | null)[]; headingRef?: Ref<HTMLHeadingElement> }) {
  const { t } = useI18n();
  return (
    <section className="report-section" aria-labelledby={`sec-${section.key}`}>
      <h3 id={`sec-${section.key}`} ref={headingRef} tabIndex={-1}>
        <span className="sec-label">{label}</span> <bdi>{section.title}</bdi>
        {section.edited && <span className="tag tag-edited">{t("report.edited")}</span>}
      </h3>
      {section.annex && <p className="hint">{t("report.annexHint")}</p>}
      {section.blocks.length === 0 && <p className="muted">{t("report.sectionEmpty")}</p>}
      <div className="paragraphs">
        {section.blocks.map((b, i) => (
          <div key={i} className="report-read-block">
            <ParagraphView kind={b.kind} number={numbers[i] ?? null} html={b.html}>
              {(b.footnotes?.length ?? 0) > 0 && (
                <ol className="footnotes-read small">
                  {b.footnotes!.map((f, j) => (
                    <li key={j}>
                      <RichText html={f} />
                    </li>
                  ))}
                </ol>
              )}
            </ParagraphView>
            {b.source && <SourceNote source={b.source} />}
          </div>
        ))}
      </div>
    </section>
  );
}

function SourceNote({ source, id }: { source: NonNullable<SectionBlock["source"]>; id?: string }) {
  const { t } = useI18n();
  return (
    <p className="block-source small" id={id}>
      <span className="source-label">{t("report.source")}</span>{" "}
      {source.type === "revision" ? (
        <Link href={revisionHref(source.documentId, source.revision)}>
          <bdi>{source.label}</bdi>
        </Link>
      ) : source.type === "meetings" && source.meetingId ? (
        <Link href={`/meetings/${source.meetingId}`}>
          <bdi>{source.label}</bdi>
        </Link>
      ) : (
        <bdi>{source.label}</bdi>
      )}
    </p>
  );
}

// ---------------------------------------------------------------- one section, edited

type EditorProps = {
  id: string;
  section: ReportSection;
  draft: Draft;
  setDraft: (update: (d: Draft) => Draft) => void;
  replaceDraft: (d: Draft) => void;
  label: string;
  numbers: (number | null)[];
  liveWords: number;
  headingRef?: Ref<HTMLHeadingElement>;
  onRemoved: () => void;
};

export function SectionEditor({ id, section, draft, setDraft, replaceDraft, label, numbers, liveWords, headingRef, onRemoved }: EditorProps) {
  const { t } = useI18n();
  const writes = useReportWrites(id);
  const num = useNumber();
  const uid = useId();
  const focusKey = useRef<string | null>(null);
  const sectionRef = useRef<HTMLElement>(null);
  const [busy, setBusy] = useState(false);
  const [alert, setAlert] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [titleError, setTitleError] = useState<string | null>(null);
  const [confirmRemove, setConfirmRemove] = useState(false);
  const blocks = draft.blocks;

  useEffect(() => {
    setStatus(null);
    setAlert(null);
    setTitleError(null);
    setConfirmRemove(false);
  }, [section.key]);

  const change = (update: (d: Draft) => Draft) => {
    setStatus(null);
    setDraft((d) => ({ ...update(d), dirty: true }));
  };
  const setBlocks = (next: (b: EditBlock[]) => EditBlock[]) => change((d) => ({ ...d, blocks: next(d.blocks) }));
  const patchBlock = (key: string, patch: Partial<EditBlock>) => setBlocks((bs) => bs.map((b) => (b.key === key ? { ...b, ...patch } : b)));


  async function save(baseVersion: number) {
    if (busy) return;
    setAlert(null);
    setStatus(null);
    setTitleError(null);
    if (!draft.title.trim()) {
      setTitleError(t("validation.required"));
      sectionRef.current?.querySelector<HTMLElement>('[name="title"]')?.focus();
      return;
    }
    setBusy(true);
    try {
      const res = await writes.saveSection(section.key, { baseVersion, title: draft.title.trim(), blocks: toBody(draft) as never });
      replaceDraft(toDraft(res.section as ReportSection));
      setStatus(t("report.sectionSaved", { title: res.section.title, version: res.section.version }));
    } catch (err) {
      const theirs = staleCurrent<ReportSection>(err);
      if (theirs) {
        setDraft((d) => ({ ...d, stale: theirs }));
      } else {
        const { message, fields } = describeError(err, t);
        if (fields.title) setTitleError(fields.title);
        setAlert(message);
      }
    } finally {
      setBusy(false);
    }
  }

  const insertAfter = (i: number, kind: BlockKind = "paragraph") => {
    const b = emptyBlock(kind);
    focusKey.current = b.key;
    setBlocks((bs) => [...bs.slice(0, i + 1), b, ...bs.slice(i + 1)]);
  };
  const move = (i: number, by: number) =>
    setBlocks((bs) => {
      const next = [...bs];
      const [b] = next.splice(i, 1);
      next.splice(i + by, 0, b!);
      return next;
    });

  const onKeyDown = (b: EditBlock) => (e: KeyboardEvent<HTMLDivElement>) => {
    // Enter starts a new block; Shift+Enter is a line break inside this one.
    if (e.key !== "Enter" || e.shiftKey || e.nativeEvent.isComposing) return;
    e.preventDefault();
    const cut = splitAtCaret(e.currentTarget);
    if (!cut) return;
    const first = { ...b, key: newKey(), html: cut.head };
    const second = { ...emptyBlock(b.kind === "heading" ? "paragraph" : b.kind), html: cut.tail };
    focusKey.current = second.key;
    setBlocks((bs) => bs.flatMap((x) => (x.key === b.key ? [first, second] : [x])));
  };
  const onPaste = (b: EditBlock) => (e: ClipboardEvent<HTMLDivElement>) => {
    const html = e.clipboardData.getData("text/html");
    const text = e.clipboardData.getData("text/plain");
    let pasted = html ? pasteToBlocks(html) : [];
    if (pasted.length === 0 && text) pasted = textToBlocks(text);
    e.preventDefault();
    if (pasted.length === 0) return;
    if (pasted.length === 1) {
      document.execCommand("insertHTML", false, pasted[0]!.html);
      return;
    }
    // Several paragraphs: each becomes a block after this one (or replaces it when empty).
    const made = pasted.map((p) => ({ ...emptyBlock(p.kind), html: p.html }));
    focusKey.current = made.at(-1)!.key;
    const empty = isEmptyBlock({ html: e.currentTarget.innerHTML });
    setBlocks((bs) => bs.flatMap((x) => (x.key === b.key ? (empty ? made : [x, ...made]) : [x])));
  };

  const stale = draft.stale;
  const editedNote = section.generated ? (section.edited ? t("report.generatedEdited") : t("report.generatedNote")) : t("report.customNote");

  return (
    <section ref={sectionRef} className="report-section report-section-edit" aria-labelledby={`sec-${section.key}`}>
      <h3 id={`sec-${section.key}`} ref={headingRef} tabIndex={-1}>
        <span className="sec-label">{label}</span> <bdi>{draft.title || section.title}</bdi>
        {section.edited && <span className="tag tag-edited">{t("report.edited")}</span>}
      </h3>
      <p className="muted small section-meta">
        {editedNote}
        {section.generatedAt && (
          <>
            {" "}
            {t("report.generatedAt")} <DateTime iso={section.generatedAt} />.
          </>
        )}{" "}
        {t("report.sectionWords", { n: num(liveWords) })}
        {section.annex && <> {t("report.annexHint")}</>}
      </p>

      <Field
        label={t("report.sectionTitle")}
        name="title"
        value={draft.title}
        dir="auto"
        maxLength={300}
        error={titleError ?? undefined}
        onChange={(e) => {
          const v = e.target.value;
          change((d) => ({ ...d, title: v }));
        }}
      />

      {section.type === "track" && section.candidates && <SourcePicker id={id} section={section} dirty={draft.dirty} onChanged={(s) => replaceDraft(toDraft(s))} />}

      <div className="editor-bar" role="toolbar" aria-label={t("report.toolbar", { title: draft.title || section.title })}>
        <button type="button" className="button secondary small" onMouseDown={(e) => e.preventDefault()} onClick={() => document.execCommand("bold")}>
          <strong>{t("report.bold")}</strong>
        </button>
        <button type="button" className="button secondary small" onMouseDown={(e) => e.preventDefault()} onClick={() => document.execCommand("italic")}>
          <em>{t("report.italic")}</em>
        </button>
        <span className="bar-gap" />
        {draft.dirty && <span className="unsaved">{t("report.unsaved")}</span>}
        <button type="button" className="button" aria-disabled={busy || !!stale} onClick={() => !stale && void save(draft.baseVersion)}>
          {busy ? t("common.saving") : t("report.saveSection")}
        </button>
      </div>

      {stale && (
        <StaleSavePanel
          className="report-stale"
          message={t("report.stale")}
          hint={
            <>
              {t("report.staleWhen")} <DateTime iso={stale.updatedAt} />
            </>
          }
          theirsLabel={t("report.staleTheirs")}
          theirsOpen
          theirs={
            <>
              <h4 dir="auto">{stale.title}</h4>
              {stale.blocks.map((b, i) => (
                <ParagraphView key={i} kind={b.kind} number={null} html={b.html} />
              ))}
            </>
          }
          actions={
            <>
              <button
                type="button"
                className="button secondary small"
                onClick={() => {
                  // The 409's copy of the section does not say whether it differs from the generated text: the report is reloaded too.
                  writes.takeSection(stale);
                  replaceDraft(toDraft(stale));
                  setStatus(t("report.loadedTheirs"));
                }}
              >
                {t("report.loadTheirs")}
              </button>
              <button
                type="button"
                className="button secondary small"
                onClick={() =>
                  navigator.clipboard.writeText(draftText(draft)).then(
                    () => setStatus(t("report.copied")),
                    () => setAlert(t("report.copyFailed")),
                  )
                }
              >
                {t("report.copyMine")}
              </button>
              <button
                type="button"
                className="button danger small"
                onClick={() => {
                  const v = stale.version;
                  setDraft((d) => ({ ...d, stale: null, baseVersion: v }));
                  void save(v);
                }}
              >
                {t("report.keepMine")}
              </button>
            </>
          }
        />
      )}
      <FormMessages alert={alert} status={status} />
      <p className="hint">{t("report.editHint")}</p>

      {blocks.length === 0 && <p className="notice">{t("report.sectionEmpty")}</p>}
      <ol className="blocks report-blocks">
        {blocks.map((b, i) => {
          const n = numbers[i] ?? null;
          const name = blockName(t, b, i, n, section.annex);
          const sourceId = b.source ? `${uid}-src-${b.key}` : undefined;
          return (
            <li key={b.key} className={`block block-${b.kind} report-block`}>
              <div className="report-block-main">
                <div className="block-tools">
                  <span className="block-n para-n" aria-hidden="true">
                    {n !== null ? `${n}.` : ""}
                  </span>
                  <select aria-label={t("report.block.kind", { name })} value={b.kind} onChange={(e) => patchBlock(b.key, { kind: e.target.value as BlockKind })}>
                    {BLOCK_KINDS.map((k) => (
                      <option key={k} value={k}>
                        {kindName(t, k)}
                      </option>
                    ))}
                  </select>
                  <button type="button" className="icon-button" aria-label={t("report.block.up", { name })} title={t("report.block.up", { name })} disabled={i === 0} onClick={() => move(i, -1)}>
                    ↑
                  </button>
                  <button type="button" className="icon-button" aria-label={t("report.block.down", { name })} title={t("report.block.down", { name })} disabled={i === blocks.length - 1} onClick={() => move(i, 1)}>
                    ↓
                  </button>
                  <button type="button" className="icon-button" aria-label={t("report.block.after", { name })} title={t("report.block.after", { name })} onClick={() => insertAfter(i)}>
                    +
                  </button>
                  <button type="button" className="icon-button danger" aria-label={t("report.block.remove", { name })} title={t("report.block.remove", { name })} onClick={() => setBlocks((bs) => bs.filter((x) => x.key !== b.key))}>
                    ×
                  </button>
                </div>
                <EditableBlock
                  block={b}
                  label={name}
                  describedBy={sourceId}
                  autoFocus={focusKey.current === b.key}
                  onInput={(e) => patchBlock(b.key, { html: sanitizeInline(e.currentTarget.innerHTML) })}
                  onKeyDown={onKeyDown(b)}
                  onPaste={onPaste(b)}
                />
                <Footnotes block={b} name={name} onChange={(footnotes) => patchBlock(b.key, { footnotes })} />
              </div>
              <div className="report-block-side">{b.source ? <SourceNote source={b.source} id={sourceId} /> : <p className="block-source small muted">{t("report.noSource")}</p>}</div>
            </li>
          );
        })}
      </ol>
      <div className="actions">
        <button type="button" className="button secondary" onClick={() => insertAfter(blocks.length - 1)}>
          {t("editor.addBlock")}
        </button>
        {section.type === "custom" &&
          (confirmRemove ? (
            <span className="confirm-inline" role="group" aria-label={t("report.removeSection")}>
              <span>{t("report.removeConfirm", { title: section.title })}</span>
              <button
                type="button"
                className="button danger small"
                onClick={async () => {
                  try {
                    await writes.removeSection(section.key);
                    onRemoved();
                  } catch (err) {
                    setAlert(describeError(err, t).message);
                  }
                }}
              >
                {t("report.removeYes")}
              </button>
              <button type="button" className="button secondary small" onClick={() => setConfirmRemove(false)}>
                {t("common.cancel")}
              </button>
            </span>
          ) : (
            <button type="button" className="button danger" onClick={() => setConfirmRemove(true)}>
              {t("report.removeSection")}
            </button>
          ))}
      </div>
    </section>
  );
}

function Footnotes({ block, name, onChange }: { block: EditBlock; name: string; onChange: (f: EditFootnote[]) => void }) {
  const { t } = useI18n();
  const focus = useRef<string | null>(null);
  const notes = block.footnotes;
  return (
    <div className="footnotes-edit">
      {notes.length > 0 && (
        <ol className="footnote-list">
          {notes.map((f, j) => {
            const label = t("report.footnote.label", { n: j + 1, name });
            return (
              <li key={f.key}>
                <EditableBlock
                  block={f}
                  className="block-text footnote-text"
                  label={label}
                  autoFocus={focus.current === f.key}
                  onInput={(e) => onChange(notes.map((x) => (x.key === f.key ? { ...x, html: sanitizeInline(e.currentTarget.innerHTML) } : x)))}
                  onKeyDown={(e) => {
                    if (e.key === "Enter" && !e.shiftKey) e.preventDefault();
                  }}
                />
                <button type="button" className="icon-button danger" aria-label={t("report.footnote.remove", { label })} title={t("report.footnote.remove", { label })} onClick={() => onChange(notes.filter((x) => x.key !== f.key))}>
                  ×
                </button>
              </li>
            );
          })}
        </ol>
      )}
      <button
        type="button"
        className="link-button small"
        onClick={() => {
          const f = { key: newKey(), html: "" };
          focus.current = f.key;
          onChange([...notes, f]);
        }}
      >
        {t("report.footnote.add", { name })}
      </button>
    </div>
  );
}

/** Which revision a track chapter takes: the track's latest adopted one, or a chosen one. */
function SourcePicker({ id, section, dirty, onChanged }: { id: string; section: ReportSection; dirty: boolean; onChanged: (s: ReportSection) => void }) {
  const { t } = useI18n();
  const writes = useReportWrites(id);
  const [choice, setChoice] = useState(section.sourceRevisionId ?? "");
  const [alert, setAlert] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => setChoice(section.sourceRevisionId ?? ""), [section.sourceRevisionId]);
  const candidates = section.candidates ?? [];
  return (
    <div className="source-picker">
      <SelectField
        label={t("report.sourcePick")}
        name="revisionId"
        value={choice}
        onChange={(e) => setChoice(e.target.value)}
        hint={section.edited || dirty ? t("report.sourcePickEdited") : t("report.sourcePickHint")}
      >
        <option value="">{t("report.sourceLatest")}</option>
        {candidates.map((c) => (
          <option key={c.id} value={c.id}>
            {c.label} {c.adoptedAt ? t("report.sourceAdopted") : t("report.sourceNotAdopted")}
          </option>
        ))}
      </SelectField>
      <FormMessages alert={alert} status={status} />
      <div className="actions">
        <button
          type="button"
          className="button secondary small"
          aria-disabled={busy || choice === (section.sourceRevisionId ?? "")}
          onClick={async () => {
            if (busy || choice === (section.sourceRevisionId ?? "")) return;
            setAlert(null);
            setStatus(null);
            setBusy(true);
            try {
              const res = await writes.setSource(section.key, choice || null);
              onChanged(res.section as ReportSection);
              setStatus(t("report.sourceChanged"));
            } catch (err) {
              setAlert(describeError(err, t).message);
            } finally {
              setBusy(false);
            }
          }}
        >
          {t("report.sourceApply")}
        </button>
      </div>
    </div>
  );
}
