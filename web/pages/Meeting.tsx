// One meeting: when (in its own zone and the reader's), where, how to join; the reader's
// reply; the agenda with linked revisions and papers; the attendance register and quorum;
// and what changed. Editors change the agenda and attach papers; the register is kept here.
import { useQuery } from "@tanstack/react-query";
import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from "react";
import { ApiError } from "../api";
import { revLabel } from "../components/documents";
import { describeError, FormMessages } from "../components/form";
import { groupSeats } from "../components/groups";
import { DateTime, ErrorState, Loading, PageTitle } from "../components/ui";
import { useI18n, type MessageKey, type Translate } from "../i18n";
import { formatTimeRange, isolate, ltr, zoneLettersAndOffset } from "../i18n/time";
import { MeetingTime } from "../components/meetings/MeetingTime";
import type { Locale } from "../../worker/auth/schemas";
import { ATTENDANCE_STATUSES, MEETING_REPLIES, type AttendanceStatus, type MeetingReply } from "../../worker/db/enums";
import { MATERIAL_MAX_BYTES, MATERIAL_TYPES } from "../../worker/meetings/schemas";
import { documentQuery } from "../queries/documents";
import {
  agendaDocumentsQuery,
  meetingUrls,
  useAgenda,
  useAttendance,
  useRemoveMaterial,
  useReply,
  useUploadMaterial,
  type AgendaEntry,
  type HistoryEntry,
  type Material,
  type RegisterSeat,
} from "../queries/meeting";
import { meetingQuery, type MeetingDetail } from "../queries/meetings";
import { Link } from "../router";
import { useMe } from "../session";

const enc = encodeURIComponent;

// ---------------------------------------------------------------- small pieces

function formatSize(bytes: number, locale: Locale): string {
  const unit = bytes >= 1024 * 1024 ? "megabyte" : "kilobyte";
  const value = unit === "megabyte" ? bytes / 1024 / 1024 : Math.max(bytes / 1024, 0.1);
  return new Intl.NumberFormat(locale, { style: "unit", unit, unitDisplay: "short", maximumFractionDigits: value < 10 ? 1 : 0 }).format(value);
}

const fileType = (name: string) => (name.split(".").pop() ?? "").toUpperCase();

function MaterialList({ id, files, canRemove }: { id: string; files: Material[]; canRemove: boolean }) {
  const { t, locale } = useI18n();
  const remove = useRemoveMaterial(id);
  const [error, setError] = useState<string | null>(null);
  if (files.length === 0) return null;
  return (
    <>
      <ul className="materials">
        {files.map((f) => (
          <li key={f.id}>
            <a href={meetingUrls.material(id, f.id)} download={f.fileName}>
              <span dir="auto">{f.fileName}</span>
            </a>{" "}
            <span className="muted small">
              ({fileType(f.fileName)}, {formatSize(f.size, locale)})
            </span>
            {canRemove && (
              <button
                type="button"
                className="link-button small"
                disabled={remove.isPending}
                onClick={() => {
                  if (!window.confirm(t("meeting.material.confirmRemove", { name: f.fileName }))) return;
                  setError(null);
                  remove.mutate(f.id, { onError: (err) => setError(describeError(err, t).message) });
                }}
              >
                {t("meeting.material.remove")}
                <span className="visually-hidden"> {f.fileName}</span>
              </button>
            )}
          </li>
        ))}
      </ul>
      <FormMessages alert={error} />
    </>
  );
}

// ---------------------------------------------------------------- the page

export default function Meeting({ params }: { params: Record<string, string> }) {
  const id = params.id ?? "";
  const { t } = useI18n();
  const { me } = useMe();
  const q = useQuery(meetingQuery(id));
  if (q.isPending) return <Loading />;
  if (q.error) return <ErrorState error={q.error} retry={() => q.refetch()} />;
  const data = q.data;
  const m = data.meeting;
  const cancelled = m.status === "cancelled";
  const ended = Date.parse(m.endsAt) <= Date.now();
  const base = `/meetings/${enc(id)}`;
  const agendaLocked = cancelled || m.minutesStatus === "approved";

  return (
    <>
      <p className="breadcrumb">
        <Link href="/meetings">{t("meeting.back")}</Link>
      </p>
      <header className="meeting-header">
        <p className="eyebrow">
          {t(`meeting.kind.${m.kind}`)}
          {data.track && (
            <>
              {" · "}
              <Link href={`/tracks/${enc(data.track.slug)}`}>{data.track.shortTitle}</Link>
            </>
          )}
        </p>
        <PageTitle title={m.title}>
          <span dir="auto">{m.title}</span>
        </PageTitle>
        {cancelled && (
          <div className="cancelled-banner">
            <p>
              <strong>{t("meeting.cancelled")}</strong>
            </p>
            {m.cancelReason && <p dir="auto">{t("meeting.cancelledReason", { reason: m.cancelReason })}</p>}
          </div>
        )}
        <MeetingTime m={m} />
        <dl className="facts meeting-facts">
          <dt>{t("meeting.format")}</dt>
          <dd>{t(`meeting.format.${m.format}`)}</dd>
          {m.format !== "online" && (
            <>
              <dt>{t("meeting.room")}</dt>
              <dd>{m.room ? <bdi>{m.room}</bdi> : t("meeting.roomTbc")}</dd>
            </>
          )}
          <dt>{t("meeting.visibility")}</dt>
          <dd>{t(`meeting.visibility.${m.visibility}`)}</dd>
          {!cancelled && m.format !== "in_person" && !m.onlineUrl && !me && (
            <>
              <dt>{t("meeting.online")}</dt>
              <dd>
                <Link href={`/signin?next=${enc(base)}`}>{t("meeting.signInToJoin")}</Link>
              </dd>
            </>
          )}
        </dl>
        <div className="actions meeting-actions">
          {m.onlineUrl && !cancelled && !ended && (
            <a className="button join-button" href={m.onlineUrl} target="_blank" rel="noopener noreferrer">
              {t("meeting.join")}
              <span className="visually-hidden"> {t("meeting.opensNewTab")}</span>
            </a>
          )}
          <a className="button secondary" href={meetingUrls.ics(id)} download>
            {t("meeting.addToCalendar")}
          </a>
          {/* Draft minutes are the keepers' working text: others see the link once there is something to read. */}
          {(data.permissions.keepMinutes || m.minutesStatus !== "draft") && (
            <Link className="button secondary" href={`${base}/minutes`}>
              {t("meeting.minutesLink")}
            </Link>
          )}
          {data.permissions.edit && !cancelled && (
            <Link className="button secondary" href={`${base}/edit`}>
              {t("meeting.edit")}
            </Link>
          )}
        </div>
        {m.description && (
          <p className="meeting-description" dir="auto">
            {m.description}
          </p>
        )}
      </header>

      <Replies data={data} ended={ended} />
      <Agenda data={data} locked={agendaLocked} />
      <Register data={data} signedIn={!!me} />
      {data.history.length > 0 && <History data={data} />}
    </>
  );
}

// ---------------------------------------------------------------- replies

function Replies({ data, ended }: { data: MeetingDetail; ended: boolean }) {
  const { t } = useI18n();
  const m = data.meeting;
  const reply = useReply(m.id);
  const [choice, setChoice] = useState<MeetingReply | null>(data.replies.myReply);
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => setChoice(data.replies.myReply), [data.replies.myReply]);
  const open = data.permissions.reply && !ended && m.status !== "cancelled";
  const options = MEETING_REPLIES.filter((r) => !(r === "in_person" && m.format === "online") && !(r === "online" && m.format === "in_person"));
  const seatName = (seatId: string | null) => (seatId ? data.register.find((s) => s.id === seatId)?.name : null);
  const { counts } = data.replies;
  const total = counts.in_person + counts.online + counts.not_attending;

  const choose = (r: MeetingReply) => {
    const before = choice;
    setChoice(r);
    setStatus(t("common.saving"));
    setError(null);
    reply.mutate(r, {
      onSuccess: () => setStatus(t("meeting.reply.saved")),
      onError: (err) => {
        setChoice(before);
        setStatus(null);
        setError(describeError(err, t).message);
      },
    });
  };

  return (
    <section aria-labelledby="m-replies" className="card">
      <h2 id="m-replies">{t("meeting.replies")}</h2>
      {open && (
        <fieldset className="checks reply-choices">
          <legend>{t("meeting.reply.legend")}</legend>
          {options.map((r) => (
            <label key={r} className="check">
              <input type="radio" name="reply" value={r} checked={choice === r} onChange={() => choose(r)} />
              {t(`meeting.reply.${r}`)}
            </label>
          ))}
        </fieldset>
      )}
      {open && <FormMessages alert={error} status={status} statusClass="saved-status" />}
      {!open && data.replies.myReply && <p>{t("meeting.reply.yours", { reply: t(`meeting.reply.${data.replies.myReply}`) })}</p>}
      <p className="reply-counts">
        {total === 0
          ? t("meeting.reply.none")
          : options.map((r) => t(`meeting.reply.count.${r}`, { count: counts[r] }))
              .join(" · ")}
      </p>
      {data.replies.people.length > 0 && (
        <details className="history-box">
          <summary>{t("meeting.reply.who", { count: data.replies.people.length })}</summary>
          <ul className="plain reply-people">
            {data.replies.people.map((p, i) => (
              <li key={i}>
                {p.name ? <span dir="auto">{p.name}</span> : <span dir="auto">{seatName(p.seatId) ?? t("meeting.history.someone")}</span>}
                {p.name && seatName(p.seatId) && <span className="muted"> ({seatName(p.seatId)})</span>}: {t(`meeting.reply.${p.reply}`)}
              </li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}

// ---------------------------------------------------------------- agenda and materials

function Agenda({ data, locked }: { data: MeetingDetail; locked: boolean }) {
  const { t } = useI18n();
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);
  const m = data.meeting;
  const canEdit = data.permissions.edit && !locked;
  const canAttach = data.permissions.edit && m.status !== "cancelled";
  const generalFiles = data.materials.filter((f) => !f.agendaItemId);

  return (
    <>
      <section aria-labelledby="m-agenda">
        <h2 id="m-agenda">{t("meeting.agenda")}</h2>
        <FormMessages status={saved} />
        {editing ? (
          <AgendaEditor
            data={data}
            onDone={(msg) => {
              setEditing(false);
              setSaved(msg);
            }}
          />
        ) : (
          <>
            {data.agenda.length === 0 ? (
              <p className="muted">{t("meeting.agenda.empty")}</p>
            ) : (
              <ol className="agenda">
                {data.agenda.map((item) => (
                  <li key={item.id} className="agenda-item">
                    <h3>
                      <bdi>{item.title}</bdi>
                    </h3>
                    {item.revision && (
                      <p className="agenda-doc">
                        {t("meeting.agenda.document")}{" "}
                        <Link href={`/documents/${enc(item.revision.documentId)}/rev/${item.revision.number}`}>
                          {t("meeting.agenda.docLabel", { title: isolate(item.revision.documentTitle), rev: revLabel(t, item.revision.number) })}
                        </Link>
                      </p>
                    )}
                    <MaterialList id={m.id} files={data.materials.filter((f) => f.agendaItemId === item.id)} canRemove={canEdit} />
                  </li>
                ))}
              </ol>
            )}
            {canEdit && (
              <button
                type="button"
                className="button secondary"
                onClick={() => {
                  setSaved(null);
                  setEditing(true);
                }}
              >
                {t("meeting.agenda.edit")}
              </button>
            )}
          </>
        )}
      </section>
      <section aria-labelledby="m-papers">
        <h2 id="m-papers">{t("meeting.papers")}</h2>
        {generalFiles.length === 0 ? <p className="muted">{t("meeting.papers.none")}</p> : <MaterialList id={m.id} files={generalFiles} canRemove={canEdit} />}
        {canAttach && <UploadForm id={m.id} agenda={data.agenda} />}
      </section>
    </>
  );
}

type DraftItem = { key: string; id?: string; title: string; revision: AgendaEntry["revision"] };
let keySeq = 0;

function AgendaEditor({ data, onDone }: { data: MeetingDetail; onDone: (message: string) => void }) {
  const { t } = useI18n();
  const save = useAgenda(data.meeting.id);
  const [items, setItems] = useState<DraftItem[]>(() => data.agenda.map((i) => ({ key: i.id, id: i.id, title: i.title, revision: i.revision })));
  const [picking, setPicking] = useState<string | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [alert, setAlert] = useState<string | null>(null);
  const [announce, setAnnounce] = useState("");
  const listRef = useRef<HTMLOListElement>(null);
  const focusNext = useRef<string | null>(null);

  useEffect(() => {
    if (!focusNext.current) return;
    listRef.current?.querySelector<HTMLElement>(focusNext.current)?.focus();
    focusNext.current = null;
  });

  const update = (key: string, patch: Partial<DraftItem>) => setItems((list) => list.map((i) => (i.key === key ? { ...i, ...patch } : i)));
  const move = (index: number, by: -1 | 1) => {
    const next = [...items];
    const [item] = next.splice(index, 1);
    next.splice(index + by, 0, item!);
    setItems(next);
    setAnnounce(t("meeting.agenda.moved", { title: item!.title || t("meeting.agenda.untitled"), n: index + by + 1 }));
    // Keep focus on the same button of the moved item, or its other arrow at the ends.
    const edge = index + by === 0 ? "down" : index + by === next.length - 1 ? "up" : by < 0 ? "up" : "down";
    focusNext.current = `[data-key="${item!.key}"] [data-move="${edge}"]`;
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (save.isPending) return;
    const bad: Record<string, string> = {};
    items.forEach((i) => {
      if (!i.title.trim()) bad[i.key] = t("validation.required");
    });
    setErrors(bad);
    if (Object.keys(bad).length) {
      setAlert(t("common.formErrors"));
      listRef.current?.querySelector<HTMLElement>(`[data-key="${Object.keys(bad)[0]}"] input`)?.focus();
      return;
    }
    setAlert(null);
    save.mutate(
      { version: data.meeting.version, items: items.map((i) => ({ ...(i.id ? { id: i.id } : {}), title: i.title.trim(), revisionId: i.revision?.id ?? null })) },
      {
        onSuccess: () => onDone(t("meeting.agenda.saved")),
        onError: (err) => {
          setAlert(describeError(err, t).message);
          // Field names come back as "items.2.title": show them on that item.
          const byItem: Record<string, string> = {};
          if (err instanceof ApiError)
            for (const f of err.fields) {
              const n = Number(f.field.split(".")[1]);
              const item = items[n];
              if (item) byItem[item.key] = f.message;
            }
          setErrors(byItem);
        },
      },
    );
  };

  return (
    <form className="form agenda-editor" noValidate onSubmit={submit}>
      <FormMessages alert={alert} />
      <p className="visually-hidden" aria-live="polite">
        {announce}
      </p>
      {items.length === 0 && <p className="muted">{t("meeting.agenda.empty")}</p>}
      <ol className="plain agenda-edit-list" ref={listRef}>
        {items.map((item, index) => {
          const n = index + 1;
          const errorId = `agenda-err-${item.key}`;
          return (
            <li key={item.key} data-key={item.key} className="agenda-edit-item">
              <div className="agenda-edit-row">
                <span className="block-n" aria-hidden="true">
                  {n}
                </span>
                <div className="field grow">
                  <label htmlFor={`agenda-title-${item.key}`}>{t("meeting.agenda.itemTitle", { n })}</label>
                  <input
                    id={`agenda-title-${item.key}`}
                    name={`title-${n}`}
                    value={item.title}
                    maxLength={200}
                    dir="auto"
                    aria-invalid={errors[item.key] ? true : undefined}
                    aria-describedby={errors[item.key] ? errorId : undefined}
                    onChange={(e) => update(item.key, { title: e.target.value })}
                  />
                  {errors[item.key] && (
                    <p className="field-error" id={errorId}>
                      {errors[item.key]}
                    </p>
                  )}
                </div>
                <div className="agenda-edit-tools">
                  <button type="button" className="icon-button" data-move="up" disabled={index === 0} onClick={() => move(index, -1)} aria-label={t("meeting.agenda.up", { n })}>
                    ↑
                  </button>
                  <button
                    type="button"
                    className="icon-button"
                    data-move="down"
                    disabled={index === items.length - 1}
                    onClick={() => move(index, 1)}
                    aria-label={t("meeting.agenda.down", { n })}
                  >
                    ↓
                  </button>
                  <button
                    type="button"
                    className="icon-button danger"
                    onClick={() => {
                      setItems(items.filter((i) => i.key !== item.key));
                      setAnnounce(t("meeting.agenda.removed", { title: item.title || t("meeting.agenda.untitled") }));
                      focusNext.current = items[index + 1] ? `[data-key="${items[index + 1]!.key}"] input` : items[index - 1] ? `[data-key="${items[index - 1]!.key}"] input` : null;
                    }}
                    aria-label={t("meeting.agenda.remove", { n })}
                  >
                    ×
                  </button>
                </div>
              </div>
              <div className="agenda-edit-doc">
                {item.revision ? (
                  <p className="small">
                    {t("meeting.agenda.document")}{" "}
                    {t("meeting.agenda.docLabel", { title: isolate(item.revision.documentTitle), rev: revLabel(t, item.revision.number) })}{" "}
                    <button type="button" className="link-button small" onClick={() => update(item.key, { revision: null })}>
                      {t("meeting.agenda.unlink", { n })}
                    </button>
                  </p>
                ) : null}
                {picking === item.key ? (
                  <RevisionPicker
                    trackId={data.meeting.trackId}
                    n={n}
                    onPick={(revision) => {
                      update(item.key, { revision });
                      setPicking(null);
                      focusNext.current = `[data-key="${item.key}"] [data-pick]`;
                    }}
                    onCancel={() => {
                      setPicking(null);
                      focusNext.current = `[data-key="${item.key}"] [data-pick]`;
                    }}
                  />
                ) : (
                  <button type="button" className="link-button small" data-pick onClick={() => setPicking(item.key)}>
                    {item.revision ? t("meeting.agenda.changeDoc", { n }) : t("meeting.agenda.linkDoc", { n })}
                  </button>
                )}
              </div>
            </li>
          );
        })}
      </ol>
      <div className="actions">
        <button
          type="button"
          className="button secondary"
          onClick={() => {
            const key = `new-${++keySeq}`;
            setItems([...items, { key, title: "", revision: null }]);
            focusNext.current = `[data-key="${key}"] input`;
          }}
        >
          {t("meeting.agenda.add")}
        </button>
      </div>
      <div className="actions">
        <button type="submit" className="button" aria-disabled={save.isPending}>
          {save.isPending ? t("common.saving") : t("meeting.agenda.save")}
        </button>
        <button type="button" className="button secondary" onClick={() => onDone("")}>
          {t("common.cancel")}
        </button>
      </div>
    </form>
  );
}

/** Pick a document of the meeting's track, then one of its issued revisions. */
function RevisionPicker({ trackId, n, onPick, onCancel }: { trackId: number | null; n: number; onPick: (r: NonNullable<AgendaEntry["revision"]>) => void; onCancel: () => void }) {
  const { t } = useI18n();
  const uid = useId();
  const docs = useQuery(agendaDocumentsQuery(trackId));
  const [docId, setDocId] = useState("");
  const doc = useQuery({ ...documentQuery(docId), enabled: !!docId });
  const [number, setNumber] = useState<string>("");
  const issued = doc.data?.revisions ?? [];
  const selectRef = useRef<HTMLSelectElement>(null);
  useEffect(() => selectRef.current?.focus(), []);
  useEffect(() => {
    if (issued.length) setNumber(String(issued[issued.length - 1]!.number));
  }, [docId, issued.length]); // eslint-disable-line react-hooks/exhaustive-deps
  const withRevisions = (docs.data?.documents ?? []).filter((d) => d.latest);

  return (
    <div className="revision-picker" role="group" aria-labelledby={`${uid}-t`}>
      <p id={`${uid}-t`} className="small strong">
        {t("meeting.agenda.pickTitle", { n })}
      </p>
      {docs.isPending ? (
        <Loading />
      ) : docs.error ? (
        <ErrorState error={docs.error} retry={() => docs.refetch()} />
      ) : withRevisions.length === 0 ? (
        <p className="muted small">{t("meeting.agenda.noDocs")}</p>
      ) : (
        <div className="form-row">
          <div className="field">
            <label htmlFor={`${uid}-doc`}>{t("meeting.agenda.pickDoc")}</label>
            <select id={`${uid}-doc`} ref={selectRef} value={docId} onChange={(e) => setDocId(e.target.value)}>
              <option value="">{t("meeting.agenda.chooseDoc")}</option>
              {withRevisions.map((d) => (
                <option key={d.id} value={d.id}>
                  {d.symbol ? `${d.symbol} – ${d.title}` : d.title}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${uid}-rev`}>{t("meeting.agenda.pickRev")}</label>
            <select id={`${uid}-rev`} value={number} disabled={!docId || doc.isPending} onChange={(e) => setNumber(e.target.value)}>
              {issued.map((r) => (
                <option key={r.number} value={r.number}>
                  {revLabel(t, r.number)}
                </option>
              ))}
            </select>
          </div>
        </div>
      )}
      <div className="actions">
        <button
          type="button"
          className="button small"
          disabled={!docId || number === ""}
          onClick={() => {
            const d = doc.data?.document;
            const r = issued.find((x) => x.number === Number(number));
            if (!d || !r) return;
            onPick({ id: r.id, number: r.number, label: revLabel(t, r.number), documentId: d.id, documentTitle: d.title });
          }}
        >
          {t("meeting.agenda.link")}
        </button>
        <button type="button" className="button secondary small" onClick={onCancel}>
          {t("common.cancel")}
        </button>
      </div>
    </div>
  );
}

const ACCEPT = [...Object.keys(MATERIAL_TYPES).map((e) => `.${e}`), ...new Set(Object.values(MATERIAL_TYPES))].join(",");
const MAX_MB = MATERIAL_MAX_BYTES / 1024 / 1024;

function UploadForm({ id, agenda }: { id: string; agenda: AgendaEntry[] }) {
  const { t, locale } = useI18n();
  const uid = useId();
  const upload = useUploadMaterial(id);
  const fileRef = useRef<HTMLInputElement>(null);
  const abortRef = useRef<AbortController | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [milestone, setMilestone] = useState(0);

  const check = (file: File | undefined): string | null => {
    if (!file) return t("meeting.upload.choose");
    const ext = file.name.split(".").pop()?.toLowerCase() ?? "";
    if (!MATERIAL_TYPES[ext]) return t("meeting.upload.badType");
    if (file.size > MATERIAL_MAX_BYTES) return t("meeting.upload.tooLargeLocal", { size: formatSize(file.size, locale), max: MAX_MB });
    return null;
  };

  return (
    <form
      className="form card limited upload-form"
      noValidate
      onSubmit={async (e) => {
        e.preventDefault();
        const file = fileRef.current?.files?.[0];
        const problem = check(file);
        setStatus(null);
        setError(problem);
        if (problem || !file) {
          fileRef.current?.focus();
          return;
        }
        const itemId = String(new FormData(e.currentTarget).get("agendaItemId") ?? "") || null;
        const form = e.currentTarget;
        abortRef.current = new AbortController();
        setProgress(0);
        setMilestone(0);
        try {
          await upload(
            file,
            itemId,
            (f) => {
              setProgress(f);
              // Announce every quarter, not every event.
              setMilestone((m) => Math.max(m, Math.floor(f * 4) * 25));
            },
            abortRef.current.signal,
          );
          form.reset();
          setStatus(t("meeting.upload.done", { name: file.name }));
        } catch (err) {
          if (err instanceof ApiError && err.code === "aborted") setStatus(t("meeting.upload.cancelled"));
          else if (err instanceof ApiError && err.status === 413) setError(t("meeting.upload.tooLarge", { max: MAX_MB }));
          else if (err instanceof ApiError && err.status === 415) setError(t("meeting.upload.badType"));
          else setError(describeError(err, t).message);
          fileRef.current?.focus();
        } finally {
          setProgress(null);
          abortRef.current = null;
        }
      }}
    >
      <h3>{t("meeting.upload.title")}</h3>
      <div className="field">
        <label htmlFor={`${uid}-file`}>{t("meeting.upload.file")}</label>
        <input
          ref={fileRef}
          id={`${uid}-file`}
          type="file"
          name="file"
          accept={ACCEPT}
          aria-invalid={error ? true : undefined}
          aria-describedby={`${uid}-hint${error ? ` ${uid}-err` : ""}`}
          onChange={(e) => {
            setStatus(null);
            setError(check(e.target.files?.[0] ?? undefined) === t("meeting.upload.choose") ? null : check(e.target.files?.[0]));
          }}
        />
        <p className="hint" id={`${uid}-hint`}>
          {t("meeting.upload.hint", { max: MAX_MB })}
        </p>
        {error && (
          <p className="field-error" id={`${uid}-err`}>
            {error}
          </p>
        )}
      </div>
      <div className="field">
        <label htmlFor={`${uid}-item`}>{t("meeting.upload.attachTo")}</label>
        <select id={`${uid}-item`} name="agendaItemId" defaultValue="">
          <option value="">{t("meeting.upload.wholeMeeting")}</option>
          {agenda.map((i) => (
            <option key={i.id} value={i.id}>
              {i.position}. {i.title}
            </option>
          ))}
        </select>
      </div>
      {progress !== null && (
        <div className="upload-progress">
          <label htmlFor={`${uid}-progress`}>{t("meeting.upload.progress", { percent: Math.round(progress * 100) })}</label>
          <progress id={`${uid}-progress`} max={1} value={progress} />
        </div>
      )}
      <div className="live" aria-live="polite" aria-atomic="true">
        {progress !== null && milestone > 0 && milestone < 100 && <p className="visually-hidden">{t("meeting.upload.progress", { percent: milestone })}</p>}
        {status && <p className="alert alert-ok">{status}</p>}
      </div>
      <div className="actions">
        <button type="submit" className="button" disabled={progress !== null}>
          {t("meeting.upload.submit")}
        </button>
        {progress !== null && (
          <button type="button" className="button secondary" onClick={() => abortRef.current?.abort()}>
            {t("meeting.upload.cancel")}
          </button>
        )}
      </div>
    </form>
  );
}

// ---------------------------------------------------------------- register and quorum

type Draft = Record<string, AttendanceStatus | null>;

function Register({ data, signedIn }: { data: MeetingDetail; signedIn: boolean }) {
  const { t } = useI18n();
  const m = data.meeting;
  const keep = data.permissions.keepRegister && m.status !== "cancelled" && m.minutesStatus !== "approved";
  const opensAt = Date.parse(m.startsAt) - 60 * 60_000;
  const isOpen = Date.now() >= opensAt;
  return (
    <section aria-labelledby="m-register">
      <h2 id="m-register">{t("meeting.register")}</h2>
      {keep && isOpen ? (
        <RegisterEditor data={data} />
      ) : (
        <>
          <Quorum q={data.quorum} />
          {keep && !isOpen && (
            <p className="notice">
              {t("meeting.register.opensAt")} <DateTime iso={new Date(opensAt).toISOString()} />
            </p>
          )}
          {!signedIn ? (
            <p className="muted">{t("meeting.register.signIn")}</p>
          ) : !data.permissions.viewRegister ? (
            <p className="muted">{t("meeting.register.membersOnly")}</p>
          ) : data.register.some((s) => s.status) ? (
            <RegisterList seats={data.register} />
          ) : (
            <p className="muted">{t("meeting.register.empty")}</p>
          )}
        </>
      )}
    </section>
  );
}

function Quorum({ q }: { q: MeetingDetail["quorum"] }) {
  const { t } = useI18n();
  return (
    <p className={`quorum ${q.met ? "quorum-met" : "quorum-not-met"}`} role="status">
      <strong>{t("meeting.quorum.label")}</strong>{" "}
      {t(q.met ? "meeting.quorum.met" : "meeting.quorum.notMet", { present: q.present, of: q.of, required: q.required })}
    </p>
  );
}

const statusLabel = (t: Translate, s: AttendanceStatus | null) => (s ? t(`meeting.attendance.${s}`) : t("meeting.attendance.unmarked"));

/** The register's seats by constituency and group (Member States by region, then non-state members, then observers). */
function RegisterSections({ seats, list }: { seats: RegisterSeat[]; list: (seats: RegisterSeat[]) => ReactNode }) {
  const { t } = useI18n();
  return (
    <>
      {groupSeats(seats).map((section) => (
        <div key={section.kind} className="register-section">
          <h3>{t(section.label)}</h3>
          {section.groups.map((g) => (
            <div key={g.key} className="register-group">
              {section.kind !== "observer" && <h4>{t(g.label)}</h4>}
              {list(g.seats)}
            </div>
          ))}
        </div>
      ))}
    </>
  );
}

function RegisterList({ seats }: { seats: RegisterSeat[] }) {
  const { t } = useI18n();
  return (
    <RegisterSections
      seats={seats}
      list={(group) => (
        <ul className="plain register-list">
          {group.map((s) => (
            <li key={s.id}>
              <span dir="auto">{s.name}</span> <span className={`att att-${s.status ?? "none"}`}>{statusLabel(t, s.status)}</span>
            </li>
          ))}
        </ul>
      )}
    />
  );
}

function RegisterEditor({ data }: { data: MeetingDetail }) {
  const { t } = useI18n();
  const save = useAttendance(data.meeting.id);
  const initial: Draft = Object.fromEntries(data.register.map((s) => [s.id, s.status]));
  const [draft, setDraft] = useState<Draft>(initial);
  // Start again from the saved register whenever it changes (after a save, or someone else's).
  const savedKey = data.register.map((s) => s.status ?? "-").join("");
  useEffect(() => setDraft(initial), [savedKey]); // eslint-disable-line react-hooks/exhaustive-deps
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const changed = data.register.filter((s) => draft[s.id] && draft[s.id] !== s.status);
  const unmarked = data.register.filter((s) => !draft[s.id]);
  const members = data.register.filter((s) => s.kind !== "observer");
  const present = members.filter((s) => draft[s.id] === "present").length;
  const q = { ...data.quorum, present, met: present >= data.quorum.required };

  return (
    <form
      className="form register-form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        if (save.isPending) return;
        setStatus(null);
        setError(null);
        if (changed.length === 0) {
          setStatus(t("meeting.register.nothing"));
          return;
        }
        save.mutate(
          changed.map((s) => ({ seatId: s.id, status: draft[s.id]! })),
          {
            onSuccess: () => setStatus(t("meeting.register.saved", { count: changed.length })),
            onError: (err) => setError(describeError(err, t).message),
          },
        );
      }}
    >
      <div className="register-bar">
        <Quorum q={q} />
        <div className="actions">
          <button
            type="button"
            className="button secondary small"
            disabled={unmarked.length === 0}
            onClick={() => {
              setDraft({ ...draft, ...Object.fromEntries(unmarked.map((s) => [s.id, "absent" as const])) });
              setStatus(t("meeting.register.markedAbsent", { count: unmarked.length }));
            }}
          >
            {t("meeting.register.markAbsent")}
          </button>
          <button type="submit" className="button small" aria-disabled={save.isPending}>
            {save.isPending ? t("common.saving") : t("meeting.register.save")}
          </button>
          <span className="muted small">{t("meeting.register.unsaved", { count: changed.length })}</span>
        </div>
        <FormMessages alert={error} status={status} />
      </div>
      <RegisterSections
        seats={data.register}
        list={(group) => (
          <ul className="plain register-grid">
            {group.map((s) => (
              <li key={s.id} className={draft[s.id] !== s.status ? "is-changed" : undefined}>
                <label htmlFor={`att-${s.id}`} dir="auto">
                  {s.name}
                </label>
                <select
                  id={`att-${s.id}`}
                  name={`att-${s.id}`}
                  value={draft[s.id] ?? ""}
                  onChange={(e) => setDraft({ ...draft, [s.id]: (e.target.value || null) as AttendanceStatus | null })}
                >
                  {!s.status && <option value="">{t("meeting.attendance.unmarked")}</option>}
                  {ATTENDANCE_STATUSES.map((a) => (
                    <option key={a} value={a}>
                      {t(`meeting.attendance.${a}`)}
                    </option>
                  ))}
                </select>
              </li>
            ))}
          </ul>
        )}
      />
      <div className="actions">
        <button type="submit" className="button" aria-disabled={save.isPending}>
          {save.isPending ? t("common.saving") : t("meeting.register.save")}
        </button>
      </div>
    </form>
  );
}

// ---------------------------------------------------------------- history

const FIELD_KEYS: Record<string, MessageKey> = {
  title: "meeting.field.title",
  startsAt: "meeting.field.time",
  endsAt: "meeting.field.time",
  timeZone: "meeting.field.timeZone",
  format: "meeting.field.format",
  room: "meeting.field.room",
  onlineUrl: "meeting.field.onlineUrl",
  description: "meeting.field.description",
  visibility: "meeting.field.visibility",
  quorum: "meeting.field.quorum",
};

type Snapshot = { startsAt?: string; endsAt?: string; timeZone?: string; reason?: string; [k: string]: unknown } | null;

function History({ data }: { data: MeetingDetail }) {
  const { t, locale } = useI18n();
  const zone = data.meeting.timeZone;
  const span = (s: Snapshot, fallback: Snapshot) => {
    const start = s?.startsAt ?? fallback?.startsAt;
    const end = s?.endsAt ?? fallback?.endsAt;
    const z = s?.timeZone ?? zone;
    if (!start || !end) return "–";
    return `${formatTimeRange(start, end, locale, z, "long")} (${ltr(zoneLettersAndOffset(Date.parse(start), z, locale))})`;
  };
  const describe = (h: HistoryEntry) => {
    const before = h.before as Snapshot;
    const after = h.after as Snapshot;
    const who = h.by ?? t("meeting.history.someone");
    switch (h.action) {
      case "meeting.create":
        return <p>{t("meeting.history.created", { who })}</p>;
      case "meeting.reschedule":
        return (
          <>
            <p>{t("meeting.history.rescheduled", { who })}</p>
            <p className="history-change">
              <del>{span(before, null)}</del> <span aria-hidden="true">→</span>
              <span className="visually-hidden">{t("meeting.history.to")}</span> <ins>{span(after, before)}</ins>
            </p>
            {after?.reason && <p className="muted" dir="auto">{t("meeting.history.reason", { reason: String(after.reason) })}</p>}
          </>
        );
      case "meeting.cancel":
        return (
          <>
            <p>{t("meeting.history.cancelled", { who })}</p>
            {after?.reason && <p className="muted" dir="auto">{t("meeting.history.reason", { reason: String(after.reason) })}</p>}
          </>
        );
      default: {
        const fields = [...new Set(Object.keys(after ?? {}).filter((k) => FIELD_KEYS[k]).map((k) => t(FIELD_KEYS[k]!)))];
        return (
          <>
            <p>{t("meeting.history.updated", { who, fields: fields.join(", ") || "–" })}</p>
            {after?.reason && <p className="muted" dir="auto">{t("meeting.history.reason", { reason: String(after.reason) })}</p>}
          </>
        );
      }
    }
  };
  return (
    <section aria-labelledby="m-history">
      <h2 id="m-history">{t("meeting.history")}</h2>
      <ol className="plain history-list">
        {data.history.map((h, i) => (
          <li key={i}>
            <p className="muted small">
              <DateTime iso={h.at} />
            </p>
            {describe(h)}
          </li>
        ))}
      </ol>
    </section>
  );
}
