// The minutes of a meeting, item by item: draft → circulated for corrections until a
// closing time → approved and locked. Keepers write and save each item (a stale save is
// caught), circulate, change the window, answer corrections and approve; attendees
// propose corrections while the window is open; everyone else reads.
import { useQuery } from "@tanstack/react-query";
import { useEffect, useId, useState, type ReactNode } from "react";
import { ApiError } from "../api";
import { TwoZoneTime } from "../components/consensus/common";
import { describeError, FormMessages } from "../components/form";
import { StaleSavePanel } from "../components/StaleSavePanel";
import { ZonedDateTimeField, ZoneSelect } from "../components/ZonedDateTimeField";
import { DateTime, ErrorState, Loading, PageTitle } from "../components/ui";
import { useI18n } from "../i18n";
import { describeSlot, formatDateTime, GENEVA } from "../i18n/time";
import { instantToZonedLocal, zonedToInstant } from "../../worker/lib/zonedTime";
import {
  minutesHistoryQuery,
  minutesQuery,
  useApproveMinutes,
  useCirculate,
  useMinutesWindow,
  useResolveCorrection,
  useSaveMinutesItem,
  useSubmitCorrection,
  type Correction,
  type MinutesData,
  type MinutesItem,
} from "../queries/meeting";
import { staleCurrent } from "../queries/stale";
import { Link } from "../router";
import { useMe } from "../session";

const DAY = 86_400_000;

const STATUS_ID = "minutes-status";
/** After the stage moves, the form that moved it is gone: focus goes to the new status, which is read out. */
const focusStatus = () => requestAnimationFrame(() => document.getElementById(STATUS_ID)?.focus());

/** 18:00 seven days ahead on the wall clock of `zone`. */
const defaultClosing = (zone: string) => `${instantToZonedLocal(Date.now() + 7 * DAY, zone).slice(0, 10)}T18:00`;

export default function Minutes({ params }: { params: Record<string, string> }) {
  const id = params.id ?? "";
  const { t, locale } = useI18n();
  const { me } = useMe();
  const q = useQuery(minutesQuery(id));
  if (q.isPending) return <Loading />;
  if (q.error) return <ErrorState error={q.error} retry={() => q.refetch()} />;
  const data = q.data;
  const m = data.meeting;
  const keep = data.permissions.keep;
  const windowOpen = data.status === "circulated" && !!data.correctionsCloseAt && Date.parse(data.correctionsCloseAt) > Date.now();
  const openCorrections = data.corrections.filter((c) => c.status === "open").length;

  return (
    <>
      <p className="breadcrumb">
        <Link href={`/meetings/${encodeURIComponent(id)}`}>{t("minutes.back")}</Link>
      </p>
      <PageTitle title={t("minutes.title", { title: m.title })}>{t("minutes.title", { title: m.title })}</PageTitle>
      <p className="muted">
        {/* The meeting page's full form, in the meeting's own zone only. */}
        {t("minutes.held", { when: describeSlot(t, locale, m, m.timeZone, false).here })}
        {m.status === "cancelled" && <strong> · {t("minutes.meetingCancelled")}</strong>}
      </p>

      <Stepper data={data} />
      <StatusLine data={data} keep={keep} windowOpen={windowOpen} openCorrections={openCorrections} />

      {keep && <KeeperControls data={data} windowOpen={windowOpen} openCorrections={openCorrections} />}

      {data.items.length === 0 ? (
        <p className="muted">{t("minutes.noItems")}</p>
      ) : (
        data.items.map((item) => (
          <ItemSection key={item.id} id={id} item={item} data={data} signedIn={!!me} corrections={data.corrections.filter((c) => c.agendaItemId === item.id)} />
        ))
      )}
    </>
  );
}

function Stepper({ data }: { data: MinutesData }) {
  const { t } = useI18n();
  const steps = ["draft", "circulated", "approved"] as const;
  const current = steps.indexOf(data.status);
  return (
    <ol className="stepper" aria-label={t("minutes.stages")}>
      {steps.map((s, i) => (
        <li key={s} className={i < current ? "done" : i === current ? "current" : "todo"} aria-current={i === current ? "step" : undefined}>
          <span className="step-n" aria-hidden="true">
            {i < current ? "✓" : i + 1}
          </span>
          <span>
            {t(`minutes.stage.${s}`)}
            {i < current && <span className="visually-hidden"> ({t("minutes.stage.done")})</span>}
            {s === "circulated" && data.correctionsCloseAt && (
              <span className="step-detail">
                {" "}
                {t("minutes.stage.until")} <DateTime iso={data.correctionsCloseAt} />
              </span>
            )}
            {s === "approved" && data.approvedAt && (
              <span className="step-detail">
                {" "}
                <DateTime iso={data.approvedAt} />
              </span>
            )}
          </span>
        </li>
      ))}
    </ol>
  );
}

function StatusLine({ data, keep, windowOpen, openCorrections }: { data: MinutesData; keep: boolean; windowOpen: boolean; openCorrections: number }) {
  const { t } = useI18n();
  let text: ReactNode;
  if (data.status === "draft") text = keep ? t("minutes.status.draftKeeper") : t("minutes.status.draft");
  else if (data.status === "approved") text = t("minutes.status.approved");
  else if (windowOpen)
    text = (
      <>
        {t("minutes.status.open")} <TwoZoneTime iso={data.correctionsCloseAt!} />
      </>
    );
  else text = openCorrections ? t("minutes.status.closedPending", { count: openCorrections }) : t("minutes.status.closed");
  return (
    <div id={STATUS_ID} tabIndex={-1} className={`status-line minutes-status minutes-${data.status}`}>
      <p>{text}</p>
    </div>
  );
}

// ---------------------------------------------------------------- the keepers' controls

function KeeperControls({ data, windowOpen, openCorrections }: { data: MinutesData; windowOpen: boolean; openCorrections: number }) {
  const { t } = useI18n();
  const held = Date.parse(data.meeting.startsAt) <= Date.now();
  return (
    <section className="card keeper-controls" aria-labelledby="k-title">
      <h2 id="k-title">{t("minutes.keeper")}</h2>
      {data.status === "draft" && (held ? <CirculateForm id={data.meeting.id} /> : <p className="muted">{t("minutes.notHeld")}</p>)}
      {data.status === "circulated" && (
        <>
          <WindowForm id={data.meeting.id} closesAt={data.correctionsCloseAt!} windowOpen={windowOpen} />
          <ApproveButton id={data.meeting.id} windowOpen={windowOpen} openCorrections={openCorrections} />
        </>
      )}
    </section>
  );
}

function CirculateForm({ id }: { id: string }) {
  const { t } = useI18n();
  const circulate = useCirculate(id);
  return (
    <ClosingForm
      title={t("minutes.circulate")}
      hint={t("minutes.circulateHint")}
      initial={defaultClosing}
      future
      busy={circulate.isPending}
      save={(closesAt, timeZone) =>
        circulate.mutateAsync({ closesAt, timeZone }).then((res) => {
          focusStatus();
          return res;
        })
      }
      submitLabel={t("minutes.circulate")}
    />
  );
}

function WindowForm({ id, closesAt, windowOpen }: { id: string; closesAt: string; windowOpen: boolean }) {
  const { t } = useI18n();
  const change = useMinutesWindow(id);
  return (
    <ClosingForm
      title={t("minutes.changeWindow")}
      hint={t("minutes.changeWindowHint")}
      initial={(zone) => instantToZonedLocal(closesAt, zone)}
      busy={change.isPending}
      save={(at, timeZone) => change.mutateAsync({ closesAt: at, timeZone })}
      saved={t("minutes.windowSaved")}
      submitLabel={t("minutes.saveWindow")}
      secondary
      closeNow={windowOpen}
    />
  );
}

/**
 * When corrections close, typed on the wall clock of a zone (Geneva's by default): circulating
 * sets it (only in the future), the window form moves it (a past time, or "close now", closes it).
 * After a save the field shows the closing time the server kept, and `saved` is said.
 */
function ClosingForm(props: {
  title: string;
  hint: string;
  initial: (zone: string) => string;
  future?: boolean;
  busy: boolean;
  save: (closesAt: string, timeZone: string) => Promise<{ correctionsCloseAt: string }>;
  saved?: string;
  submitLabel: string;
  secondary?: boolean;
  closeNow?: boolean;
}) {
  const { t } = useI18n();
  const [zone, setZone] = useState(GENEVA);
  const [local, setLocal] = useState(() => props.initial(GENEVA));
  const [error, setError] = useState<string | null>(null);
  const [alert, setAlert] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const send = (at: string, z: string) => {
    if (props.busy) return;
    setAlert(null);
    setStatus(null);
    props.save(at, z).then(
      (res) => {
        setLocal(instantToZonedLocal(res.correctionsCloseAt, zone));
        setStatus(props.saved ?? null);
      },
      (err) => {
        const { message, fields } = describeError(err, t);
        if (fields.closesAt) setError(fields.closesAt);
        else setAlert(message);
      },
    );
  };
  return (
    <form
      className="form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        const instant = zonedToInstant(local, zone);
        if (!instant) return setError(t("minutes.badTime"));
        if (props.future && instant.ms <= Date.now()) return setError(t("minutes.future"));
        setError(null);
        send(local, zone);
      }}
    >
      <h3>{props.title}</h3>
      <p className="hint">{props.hint}</p>
      <div className="form-row">
        <ZoneSelect label={t("minutes.zone")} name="timeZone" value={zone} onChange={(e) => setZone(e.target.value)} />
        <ZonedDateTimeField
          label={t("minutes.closes")}
          name="closesAt"
          zone={zone}
          value={local}
          onChange={(e) => setLocal(e.target.value)}
          error={error ?? undefined}
          echo={(when, z) => t("minutes.closesHint", { when, zone: z })}
        />
      </div>
      <FormMessages alert={alert} status={status} />
      <div className="actions">
        <button type="submit" className={props.secondary ? "button secondary" : "button"} aria-disabled={props.busy}>
          {props.submitLabel}
        </button>
        {props.closeNow && (
          <button type="button" className="button secondary" aria-disabled={props.busy} onClick={() => send(instantToZonedLocal(Date.now(), "UTC"), "UTC")}>
            {t("minutes.closeNow")}
          </button>
        )}
      </div>
    </form>
  );
}

function ApproveButton({ id, windowOpen, openCorrections }: { id: string; windowOpen: boolean; openCorrections: number }) {
  const { t, locale } = useI18n();
  const approve = useApproveMinutes(id);
  const [alert, setAlert] = useState<string | null>(null);
  return (
    <div className="approve">
      <h3>{t("minutes.approveTitle")}</h3>
      <p className="hint">{windowOpen ? t("minutes.approveWait") : openCorrections ? t("minutes.approvePending", { count: openCorrections }) : t("minutes.approveHint")}</p>
      <FormMessages alert={alert} />
      <button
        type="button"
        className="button"
        onClick={() => {
          if (approve.isPending) return;
          setAlert(null);
          approve.mutateAsync().then(focusStatus, (err) => {
            // The server explains a refusal (window still open, corrections unanswered); say it in the reader's language.
            const details = (err instanceof ApiError ? err.body.error.details : undefined) as { correctionsCloseAt?: string; openCorrections?: number } | undefined;
            if (details?.correctionsCloseAt) setAlert(t("minutes.approveOpen", { when: formatDateTime(details.correctionsCloseAt, locale, GENEVA) }));
            else if (details?.openCorrections) setAlert(t("minutes.approvePending", { count: details.openCorrections }));
            else setAlert(describeError(err, t).message);
          });
        }}
      >
        {t("minutes.approve")}
      </button>
    </div>
  );
}

// ---------------------------------------------------------------- one agenda item

function ItemSection({ id, item, data, corrections, signedIn }: { id: string; item: MinutesItem; data: MinutesData; corrections: Correction[]; signedIn: boolean }) {
  const { t } = useI18n();
  const headingId = `item-${item.id}`;
  const keep = data.permissions.keep;
  return (
    <section className="minutes-item card" aria-labelledby={headingId}>
      <h2 id={headingId}>
        <span className="item-n">{item.position}.</span> <bdi>{item.title}</bdi>
      </h2>
      {keep ? (
        <ItemEditor id={id} item={item} />
      ) : item.minutes ? (
        <div className="minutes-text" dir="auto">
          {item.minutes}
        </div>
      ) : (
        <p className="muted">{data.status === "draft" ? t("minutes.notYet") : t("minutes.empty")}</p>
      )}
      {/* Keepers change the text itself; a correction form is for the other attendees. */}
      {corrections.length > 0 && (
        <div className="corrections">
          <h3>{t("minutes.corrections", { count: corrections.length })}</h3>
          <ul className="plain correction-list">
            {corrections.map((c) => (
              <CorrectionView key={c.id} id={id} c={c} canResolve={keep} />
            ))}
          </ul>
        </div>
      )}
      {data.permissions.correct && !keep && (
        <details className="history-box correction-details">
          <summary>{t("minutes.proposeLabel", { n: item.position })}</summary>
          <CorrectionForm id={id} item={item} />
        </details>
      )}
      {((signedIn && data.status !== "draft") || keep) && <ItemHistory id={id} item={item} />}
    </section>
  );
}

type Stale = { text: string; version: number };

function ItemEditor({ id, item }: { id: string; item: MinutesItem }) {
  const { t } = useI18n();
  const uid = useId();
  const save = useSaveMinutesItem(id);
  const [text, setText] = useState(item.minutes);
  const [version, setVersion] = useState(item.version);
  const [saved, setSaved] = useState(item.minutes);
  const [stale, setStale] = useState<Stale | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [alert, setAlert] = useState<string | null>(null);
  // Someone else's save arrives with a refetch: take it when nothing is being edited here.
  useEffect(() => {
    if (item.version > version && text === saved) {
      setText(item.minutes);
      setSaved(item.minutes);
      setVersion(item.version);
    }
  }, [item.version]); // eslint-disable-line react-hooks/exhaustive-deps
  const dirty = text !== saved;

  return (
    <form
      className="form item-editor"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        setStatus(null);
        setAlert(null);
        if (save.isPending || stale) return;
        const sent = text;
        save.mutate(
          { itemId: item.id, text: sent, version },
          {
            onSuccess: (res) => {
              setVersion(res.version);
              setSaved(sent);
              setStale(null);
              setStatus(t("minutes.itemSaved", { n: item.position }));
            },
            onError: (err) => {
              const current = staleCurrent<Partial<Stale>>(err);
              if (current) setStale({ text: current.text ?? "", version: current.version ?? 0 });
              else setAlert(describeError(err, t).message);
            },
          },
        );
      }}
    >
      <div className="field">
        <label htmlFor={`${uid}-text`}>{t("minutes.itemLabel", { n: item.position })}</label>
        <textarea id={`${uid}-text`} name="minutes" rows={8} dir="auto" value={text} onChange={(e) => setText(e.target.value)} maxLength={50_000} />
      </div>
      {stale && (
        <StaleSavePanel
          message={t("minutes.stale")}
          hint={t("minutes.staleTheirs")}
          theirs={stale.text || t("minutes.emptyText")}
          actions={
            <>
              <button
                type="button"
                className="button secondary small"
                onClick={() => {
                  setText(stale.text);
                  setSaved(stale.text);
                  setVersion(stale.version);
                  setStale(null);
                }}
              >
                {t("minutes.loadTheirs")}
              </button>
              <button
                type="button"
                className="button secondary small"
                onClick={() => {
                  // Having seen their text, the next save replaces it.
                  setVersion(stale.version);
                  setStale(null);
                }}
              >
                {t("minutes.keepMine")}
              </button>
            </>
          }
        />
      )}
      <FormMessages alert={alert} />
      <div className="actions">
        <button type="submit" className="button" aria-disabled={save.isPending || !!stale}>
          {save.isPending ? t("common.saving") : t("minutes.saveItem", { n: item.position })}
        </button>
        <span className="live small" aria-live="polite">
          {dirty ? <span className="unsaved">{t("minutes.unsaved")}</span> : status && <span className="saved-status">{status}</span>}
        </span>
      </div>
    </form>
  );
}

function CorrectionView({ id, c, canResolve }: { id: string; c: Correction; canResolve: boolean }) {
  const { t } = useI18n();
  const uid = useId();
  const resolve = useResolveCorrection(id);
  const [response, setResponse] = useState("");
  const [alert, setAlert] = useState<string | null>(null);
  const answer = (status: "accepted" | "declined") => {
    setAlert(null);
    resolve.mutate({ correctionId: c.id, status, ...(response.trim() ? { response: response.trim() } : {}) }, { onError: (err) => setAlert(describeError(err, t).message) });
  };
  return (
    <li className={`correction correction-${c.status}`}>
      <p className="correction-head">
        <strong dir="auto">{c.author ?? c.seat ?? t("meeting.history.someone")}</strong>
        {c.author && c.seat && <span className="muted"> ({c.seat})</span>} <span className={`tag corr-${c.status}`}>{t(`minutes.correction.${c.status}`)}</span>{" "}
        <span className="muted small">
          <DateTime iso={c.createdAt} />
        </span>
      </p>
      <p className="correction-text" dir="auto">
        {c.text}
      </p>
      {c.response && (
        <p className="correction-response" dir="auto">
          <span className="muted">{t("minutes.response")}</span> {c.response}
        </p>
      )}
      {canResolve && c.status === "open" && (
        <div className="resolve-form">
          <div className="field">
            <label htmlFor={`${uid}-resp`}>{t("minutes.responseLabel")}</label>
            <textarea id={`${uid}-resp`} rows={2} dir="auto" maxLength={2000} value={response} onChange={(e) => setResponse(e.target.value)} />
          </div>
          <FormMessages alert={alert} />
          <div className="actions">
            <button type="button" className="button small" disabled={resolve.isPending} onClick={() => answer("accepted")}>
              {t("minutes.accept")}
            </button>
            <button type="button" className="button secondary small" disabled={resolve.isPending} onClick={() => answer("declined")}>
              {t("minutes.decline")}
            </button>
          </div>
        </div>
      )}
    </li>
  );
}

function CorrectionForm({ id, item }: { id: string; item: MinutesItem }) {
  const { t } = useI18n();
  const uid = useId();
  const submit = useSubmitCorrection(id);
  const [text, setText] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  return (
    <form
      className="form correction-form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        setStatus(null);
        if (text.trim().length < 3) return setError(t("validation.min", { min: 3 }));
        setError(null);
        submit.mutate(
          { itemId: item.id, text: text.trim() },
          {
            onSuccess: () => {
              setText("");
              setStatus(t("minutes.correctionSent"));
            },
            onError: (err) => setError(describeError(err, t).message),
          },
        );
      }}
    >
      <div className="field">
        <label htmlFor={`${uid}-c`}>{t("minutes.correctionLabel", { n: item.position })}</label>
        <textarea
          id={`${uid}-c`}
          rows={3}
          dir="auto"
          maxLength={5000}
          value={text}
          onChange={(e) => setText(e.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${uid}-err` : undefined}
        />
        {error && (
          <p className="field-error" id={`${uid}-err`}>
            {error}
          </p>
        )}
      </div>
      <FormMessages status={status} />
      <div className="actions">
        <button type="submit" className="button secondary" disabled={submit.isPending}>
          {t("minutes.propose", { n: item.position })}
        </button>
      </div>
    </form>
  );
}

/** Every saved text of the item, fetched only when the reader opens it. */
function ItemHistory({ id, item }: { id: string; item: MinutesItem }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const q = useQuery({ ...minutesHistoryQuery(id, item.id), enabled: open });
  return (
    <details className="history-box" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>{t("minutes.history", { n: item.position })}</summary>
      {!open ? null : q.isPending ? (
        <Loading />
      ) : q.error ? (
        <ErrorState error={q.error} retry={() => q.refetch()} />
      ) : q.data.versions.length === 0 ? (
        <p className="muted">{t("minutes.historyNone")}</p>
      ) : (
        <ol className="plain history-list">
          {q.data.versions.map((v) => (
            <li key={v.version}>
              <p className="small">
                <strong>{t("minutes.version", { n: v.version })}</strong> · {t(`minutes.stage.${v.stage}`)} · <span dir="auto">{v.savedBy ?? t("meeting.history.someone")}</span> ·{" "}
                <DateTime iso={v.savedAt} />
              </p>
              <div className="minutes-text small" dir="auto">
                {v.text || t("minutes.emptyText")}
              </div>
            </li>
          ))}
        </ol>
      )}
    </details>
  );
}
