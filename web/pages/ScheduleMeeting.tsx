// Schedule a meeting (/meetings/new) or edit and reschedule one (/meetings/:id/edit).
// Times are typed as wall-clock times in a chosen zone and echoed back in words, in that
// zone and the reader's. While the slot changes, the server checks it for conflicts and
// shows each regional group's local hours; saving over a conflict needs a reason.
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useEffect, useRef, useState, type ReactNode } from "react";
import { ApiError } from "../api";
import { Field, FormMessages, SelectField, TextAreaField, useForm, type FieldErrors } from "../components/form";
import { ZoneSelect } from "../components/ZonedDateTimeField";
import { ErrorState, Loading, PageTitle } from "../components/ui";
import { useI18n, type MessageKey, type Translate } from "../i18n";
import { describeSlot, formatTimeRange, GENEVA, intlLocale, zonePlace, zoneShortName } from "../i18n/time";
import { MeetingTime } from "../components/meetings/MeetingTime";
import { instantToZonedLocal, zonedToInstant } from "../../worker/lib/zonedTime";
import { CancelBody, CreateBody, UpdateBody } from "../../worker/meetings/schemas";
import { MEETING_FORMATS, MEETING_KINDS, type MeetingFormat, type MeetingKind } from "../../worker/db/enums";
import type { Conflict } from "../../worker/meetings/conflicts";
import { conflictDetails, staleCurrent } from "../queries/stale";
import { tracksQuery } from "../queries/tracks";
import {
  meetingQuery,
  slotCheckQuery,
  useMeetingMutations,
  type CheckBody,
  type MeetingDetail,
  type SlotCheck,
  type UpdateBody as UpdateJson,
} from "../queries/meetings";
import { Link, navigate } from "../router";
import { useMe, useTimeZone, type Me } from "../session";
import type { Locale } from "../../worker/auth/schemas";

const DEFAULT_HOURS = 3;

type Values = {
  title: string;
  kind: MeetingKind;
  trackId: string;
  start: string;
  end: string;
  timeZone: string;
  format: MeetingFormat;
  room: string;
  onlineUrl: string;
  description: string;
  visibility: "public" | "members";
};
type Meeting = MeetingDetail["meeting"];

/** "2027-01-13T10:00" plus some hours, on the same wall clock. */
function addHours(local: string, hours: number): string {
  const ms = Date.parse(`${local}:00Z`);
  return Number.isNaN(ms) ? "" : new Date(ms + hours * 3_600_000).toISOString().slice(0, 16);
}

/** Who may schedule what: the Chair and secretariat everything, Vice-Chairs plenary business, co-facilitators their tracks. */
function scopeOf(me: Me | null, tracks: { id: number }[]) {
  const officer = me?.officerRole ?? null;
  const plenary = officer === "chair" || officer === "vice_chair" || officer === "secretariat";
  const allTracks = officer === "chair" || officer === "secretariat";
  const trackIds = tracks.map((t) => t.id).filter((id) => allTracks || !!me?.facilitatedTrackIds.includes(id));
  const kinds = MEETING_KINDS.filter((k) => (k === "plenary" ? plenary : k === "track" ? trackIds.length > 0 : plenary || trackIds.length > 0));
  return { plenary, trackIds, kinds };
}

const conflictsOf = (err: unknown): Conflict[] | null => conflictDetails<{ conflicts?: Conflict[] }>(err)?.conflicts ?? null;

export default function ScheduleMeeting({ params }: { params: Record<string, string> }) {
  return params.id ? <EditMeeting id={params.id} /> : <MeetingForm meeting={null} trackTitle={null} />;
}

function EditMeeting({ id }: { id: string }) {
  const { t } = useI18n();
  const q = useQuery(meetingQuery(id));
  if (q.isPending) return <Loading />;
  if (q.error) return <ErrorState error={q.error} retry={() => q.refetch()} />;
  const { meeting, track, permissions } = q.data;
  const back = `/meetings/${encodeURIComponent(id)}`;
  if (!permissions.edit || meeting.status === "cancelled")
    return (
      <>
        <PageTitle>{t("schedule.editTitle", { title: meeting.title })}</PageTitle>
        <p className="notice">{t(meeting.status === "cancelled" ? "schedule.isCancelled" : "schedule.notAllowed")}</p>
        <p>
          <Link href={back}>{t("schedule.backToMeeting")}</Link>
        </p>
      </>
    );
  // A new version (after a reload) starts the form afresh from the current meeting.
  return <MeetingForm key={meeting.version} meeting={meeting} trackTitle={track?.shortTitle ?? null} />;
}

function initialValues(meeting: Meeting | null, kinds: readonly MeetingKind[], trackIds: number[]): Values {
  if (meeting)
    return {
      title: meeting.title,
      kind: meeting.kind,
      trackId: meeting.trackId == null ? "" : String(meeting.trackId),
      start: instantToZonedLocal(meeting.startsAt, meeting.timeZone),
      end: instantToZonedLocal(meeting.endsAt, meeting.timeZone),
      timeZone: meeting.timeZone,
      format: meeting.format,
      room: meeting.room ?? "",
      onlineUrl: meeting.onlineUrl ?? "",
      description: meeting.description,
      visibility: meeting.visibility,
    };
  const kind = kinds[0] ?? "plenary";
  return {
    title: "",
    kind,
    trackId: kind === "track" && trackIds.length === 1 ? String(trackIds[0]) : "",
    start: "",
    end: "",
    timeZone: GENEVA,
    format: "hybrid",
    room: "",
    onlineUrl: "",
    description: "",
    visibility: kind === "informal" ? "members" : "public",
  };
}

function MeetingForm({ meeting, trackTitle }: { meeting: Meeting | null; trackTitle: string | null }) {
  const { t } = useI18n();
  const { me } = useMe();
  const readerZone = useTimeZone();
  const tracks = useQuery(tracksQuery);
  const scope = scopeOf(me, tracks.data?.tracks ?? []);
  const editing = !!meeting;
  const [v, setValues] = useState<Values>(() => initialValues(meeting, scope.kinds, scope.trackIds));
  const [visibilityTouched, setVisibilityTouched] = useState(editing);
  const [agenda, setAgenda] = useState<{ key: number; title: string }[]>([]);
  const [overrideReason, setOverrideReason] = useState("");
  const [reason, setReason] = useState("");
  const [serverConflicts, setServerConflicts] = useState<Conflict[] | null>(null);
  const [stale, setStale] = useState(false);
  const form = useForm();
  const { create, update, reload } = useMeetingMutations();
  const agendaKey = useRef(0);
  const addButton = useRef<HTMLButtonElement>(null);

  // Once the tracks load, a person who may only schedule track business starts on a track meeting.
  useEffect(() => {
    if (editing || !tracks.data) return;
    setValues((cur) => (scope.kinds.includes(cur.kind) ? cur : initialValues(null, scope.kinds, scope.trackIds)));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [tracks.data]);

  const set = <K extends keyof Values>(key: K, value: Values[K]) => setValues((cur) => ({ ...cur, [key]: value }));
  const setKind = (kind: MeetingKind) =>
    setValues((cur) => ({
      ...cur,
      kind,
      trackId: kind === "plenary" ? "" : cur.trackId || (kind === "track" && scope.trackIds.length === 1 ? String(scope.trackIds[0]) : ""),
      visibility: visibilityTouched ? cur.visibility : kind === "informal" ? "members" : "public",
    }));
  const setStart = (start: string) =>
    setValues((cur) => {
      // A new start with no end, or one past the end, brings the end along (same length, or three hours).
      const length = cur.start && cur.end ? Date.parse(`${cur.end}:00Z`) - Date.parse(`${cur.start}:00Z`) : NaN;
      const keep = Number.isFinite(length) && length > 0 ? length / 3_600_000 : DEFAULT_HOURS;
      const end = start ? addHours(start, keep) : cur.end;
      return { ...cur, start, end };
    });

  const startAt = zonedToInstant(v.start, v.timeZone);
  const endAt = zonedToInstant(v.end, v.timeZone);
  const slotOk = !!startAt && !!endAt && endAt.ms > startAt.ms;
  const trackId = v.kind === "plenary" || !v.trackId ? null : Number(v.trackId);
  const room = v.format === "online" ? null : v.room.trim() || null;

  // The slot as the server checks it, once it makes sense; debounced so typing does not flood a slow link.
  const slot: CheckBody | null =
    slotOk && (v.kind !== "track" || trackId != null)
      ? { kind: v.kind, trackId, start: v.start, end: v.end, timeZone: v.timeZone, format: v.format, room, ...(meeting ? { meetingId: meeting.id } : {}) }
      : null;
  const slotJson = JSON.stringify(slot);
  const [checked, setChecked] = useState<CheckBody | null>(slot);
  useEffect(() => {
    const timer = setTimeout(() => setChecked(JSON.parse(slotJson) as CheckBody | null), 400);
    setServerConflicts(null);
    return () => clearTimeout(timer);
  }, [slotJson]);
  const check = useQuery({ ...slotCheckQuery(checked ?? ({} as CheckBody)), enabled: !!checked, placeholderData: keepPreviousData });

  // In edit mode the server asks for a reason only when the time, room or format changes.
  const placeChanged =
    !meeting ||
    (!!startAt && startAt.ms !== Date.parse(meeting.startsAt)) ||
    (!!endAt && endAt.ms !== Date.parse(meeting.endsAt)) ||
    v.format !== meeting.format ||
    (v.format !== "online" && room !== (meeting.room ?? null));
  const conflicts = serverConflicts ?? (checked && check.data ? check.data.conflicts : []);
  const needsOverride = conflicts.length > 0 && placeChanged;

  const localErrors = (): FieldErrors => {
    const errs: FieldErrors = {};
    if (!v.title.trim()) errs.title = t("validation.required");
    if (v.kind === "track" && trackId == null) errs.trackId = t("schedule.error.track");
    if (!startAt) errs.start = t("schedule.error.dateTime");
    if (!endAt) errs.end = t("schedule.error.dateTime");
    else if (startAt && endAt.ms <= startAt.ms) errs.end = t("schedule.error.endBeforeStart");
    if (v.format !== "in_person" && v.onlineUrl.trim() && !/^https:\/\/\S+$/.test(v.onlineUrl.trim())) errs.onlineUrl = t("schedule.error.https");
    if (needsOverride && overrideReason.trim().length < 3) errs.overrideReason = t("schedule.error.override");
    return errs;
  };

  /** 409s: conflicts found on save, a stale version; anything else goes to the form's alert. */
  const handle = async (call: () => Promise<{ meeting: { id: string } }>) => {
    try {
      const { meeting: saved } = await call();
      navigate(`/meetings/${encodeURIComponent(saved.id)}`);
    } catch (err) {
      const found = conflictsOf(err);
      if (found) {
        setServerConflicts(found);
        form.setAlert(t("schedule.conflictsOnSave"));
        requestAnimationFrame(() => form.formRef.current?.querySelector<HTMLElement>('[name="overrideReason"]')?.focus());
        return;
      }
      if (staleCurrent(err)) {
        setStale(true);
        return;
      }
      throw err;
    }
  };

  const submit = () => {
    const errs = localErrors();
    if (Object.keys(errs).length) {
      form.setErrors(errs);
      form.setAlert(t("common.formErrors"));
      form.formRef.current?.querySelector<HTMLElement>(`[name="${Object.keys(errs)[0]}"]`)?.focus();
      return;
    }
    const onlineUrl = v.format === "in_person" ? null : v.onlineUrl.trim() || null;
    if (!meeting) {
      const items = agenda.map((a) => a.title.trim()).filter(Boolean);
      const body = {
        title: v.title.trim(),
        kind: v.kind,
        trackId,
        start: v.start,
        end: v.end,
        timeZone: v.timeZone,
        format: v.format,
        room,
        onlineUrl,
        description: v.description,
        visibility: v.visibility,
        ...(items.length ? { agenda: items.map((title) => ({ title })) } : {}),
        ...(needsOverride ? { overrideReason: overrideReason.trim() } : {}),
      };
      void form.submit(CreateBody.safeParse(body), (json) => handle(() => create(json)));
      return;
    }
    // Only what changed; start, end and zone travel together. Hidden fields keep their values.
    const patch: UpdateJson = { version: meeting.version };
    if (v.title.trim() !== meeting.title) patch.title = v.title.trim();
    if (v.start !== instantToZonedLocal(meeting.startsAt, meeting.timeZone) || v.end !== instantToZonedLocal(meeting.endsAt, meeting.timeZone) || v.timeZone !== meeting.timeZone)
      Object.assign(patch, { start: v.start, end: v.end, timeZone: v.timeZone });
    if (v.format !== meeting.format) patch.format = v.format;
    if (v.format !== "online" && room !== (meeting.room ?? null)) patch.room = room;
    if (v.format !== "in_person" && onlineUrl !== (meeting.onlineUrl ?? null)) patch.onlineUrl = onlineUrl;
    if (v.description !== meeting.description) patch.description = v.description;
    if (v.visibility !== meeting.visibility) patch.visibility = v.visibility;
    if (reason.trim()) patch.reason = reason.trim();
    if (needsOverride) patch.overrideReason = overrideReason.trim();
    void form.submit(UpdateBody.safeParse(patch), (json) => handle(() => update(meeting.id, json)));
  };

  const allTracks = tracks.data?.tracks ?? [];
  const back = meeting ? `/meetings/${encodeURIComponent(meeting.id)}` : "/meetings";
  const title = meeting ? t("schedule.editTitle", { title: meeting.title }) : t("schedule.title");

  return (
    <>
      <p className="breadcrumb">
        <Link href={back}>{meeting ? t("schedule.backToMeeting") : t("schedule.backToCalendar")}</Link>
      </p>
      <PageTitle>{title}</PageTitle>
      {!editing && tracks.data && scope.kinds.length === 0 ? (
        <p className="notice">{t("schedule.notAllowed")}</p>
      ) : (
        <>
          {stale && (
            <div className="alert alert-error" role="alert">
              <p>{t("schedule.stale")}</p>
              <button type="button" className="button secondary" onClick={() => void reload(meeting!.id)}>
                {t("schedule.reload")}
              </button>
            </div>
          )}
          <FormMessages alert={form.alert} status={form.status} />

          <form
            ref={form.formRef}
            noValidate
            className="form schedule-form"
            onSubmit={(e) => {
              e.preventDefault();
              submit();
            }}
          >
            <fieldset>
              <legend>{t("schedule.section.what")}</legend>
              <Field label={t("schedule.field.title")} name="title" value={v.title} onChange={(e) => set("title", e.target.value)} required maxLength={200} error={form.errors.title} />
              {editing ? (
                <dl className="facts inline">
                  <dt>{t("schedule.field.kind")}</dt>
                  <dd>
                    {t(`schedule.kind.${v.kind}` as MessageKey)}
                    {trackTitle ? ` · ${trackTitle}` : ""}
                  </dd>
                </dl>
              ) : (
                <div className="form-row">
                  <SelectField label={t("schedule.field.kind")} name="kind" value={v.kind} onChange={(e) => setKind(e.target.value as MeetingKind)} error={form.errors.kind}>
                    {(scope.kinds.length ? scope.kinds : MEETING_KINDS).map((k) => (
                      <option key={k} value={k}>
                        {t(`schedule.kind.${k}` as MessageKey)}
                      </option>
                    ))}
                  </SelectField>
                  {v.kind !== "plenary" && (
                    <SelectField
                      label={v.kind === "track" ? t("schedule.field.track") : t("schedule.field.trackOptional")}
                      name="trackId"
                      value={v.trackId}
                      onChange={(e) => set("trackId", e.target.value)}
                      required={v.kind === "track" || !scope.plenary}
                      error={form.errors.trackId}
                    >
                      {(v.kind === "track" || !scope.plenary) && !v.trackId && <option value="">{t("schedule.pickTrack")}</option>}
                      {v.kind === "informal" && scope.plenary && <option value="">{t("schedule.noTrack")}</option>}
                      {allTracks
                        .filter((tr) => scope.trackIds.includes(tr.id))
                        .map((tr) => (
                          <option key={tr.id} value={tr.id}>
                            {tr.shortTitle}
                          </option>
                        ))}
                    </SelectField>
                  )}
                </div>
              )}
            </fieldset>

            <fieldset>
              <legend>{t("schedule.section.when")}</legend>
              <ZoneSelect
                label={t("schedule.field.timeZone")}
                name="timeZone"
                value={v.timeZone}
                onChange={(e) => set("timeZone", e.target.value)}
                hint={t("schedule.timeZoneHint")}
                error={form.errors.timeZone}
              />
              <div className="form-row">
                <Field label={t("schedule.field.start")} name="start" type="datetime-local" value={v.start} onChange={(e) => setStart(e.target.value)} required error={form.errors.start} />
                <Field label={t("schedule.field.end")} name="end" type="datetime-local" value={v.end} min={v.start || undefined} onChange={(e) => set("end", e.target.value)} required error={form.errors.end} />
              </div>
              <SlotEcho start={startAt?.iso ?? null} end={endAt?.iso ?? null} zone={v.timeZone} readerZone={readerZone} />
            </fieldset>

            <fieldset>
              <legend>{t("schedule.section.where")}</legend>
              <RadioGroup
                legend={t("schedule.field.format")}
                name="format"
                value={v.format}
                options={MEETING_FORMATS.map((f) => ({ value: f, label: t(`schedule.format.${f}` as MessageKey) }))}
                onChange={(f) => set("format", f as MeetingFormat)}
                error={form.errors.format}
              />
              <div className="form-row">
                {v.format !== "online" && (
                  <Field label={t("schedule.field.room")} name="room" value={v.room} onChange={(e) => set("room", e.target.value)} maxLength={120} hint={t("schedule.roomHint")} error={form.errors.room} />
                )}
                {v.format !== "in_person" && (
                  <Field
                    label={t("schedule.field.onlineUrl")}
                    name="onlineUrl"
                    type="url"
                    inputMode="url"
                    dir="ltr"
                    placeholder="https://"
                    value={v.onlineUrl}
                    onChange={(e) => set("onlineUrl", e.target.value)}
                    maxLength={500}
                    hint={t("schedule.onlineUrlHint")}
                    error={form.errors.onlineUrl}
                  />
                )}
              </div>
            </fieldset>

            <CheckPanel slotReady={!!slot} checking={!!checked && check.isFetching} error={check.error} data={checked ? (check.data ?? null) : null} conflicts={conflicts} />

            {needsOverride && (
              <TextAreaField
                label={t("schedule.field.overrideReason")}
                name="overrideReason"
                value={overrideReason}
                onChange={(e) => setOverrideReason(e.target.value)}
                rows={3}
                maxLength={500}
                required
                hint={t("schedule.overrideHint")}
                error={form.errors.overrideReason}
              />
            )}

            <fieldset>
              <legend>{t("schedule.section.details")}</legend>
              <TextAreaField label={t("schedule.field.description")} name="description" value={v.description} onChange={(e) => set("description", e.target.value)} rows={4} maxLength={5000} error={form.errors.description} />
              <RadioGroup
                legend={t("schedule.field.visibility")}
                name="visibility"
                value={v.visibility}
                options={[
                  { value: "public", label: t("schedule.visibility.public") },
                  { value: "members", label: t("schedule.visibility.members") },
                ]}
                onChange={(x) => {
                  setVisibilityTouched(true);
                  set("visibility", x as Values["visibility"]);
                }}
                error={form.errors.visibility}
              />
            </fieldset>

            {!editing && (
              <fieldset className="agenda-fieldset">
                <legend>{t("schedule.section.agenda")}</legend>
                <p className="hint">{t("schedule.agendaHint")}</p>
                {agenda.length > 0 && (
                  <ol className="agenda-inputs">
                    {agenda.map((item, i) => (
                      <li key={item.key} className="agenda-input">
                        <Field
                          label={t("schedule.agendaItem", { n: i + 1 })}
                          name={`agenda-${item.key}`}
                          value={item.title}
                          maxLength={200}
                          onChange={(e) => setAgenda((list) => list.map((a) => (a.key === item.key ? { ...a, title: e.target.value } : a)))}
                        />
                        <button
                          type="button"
                          className="button secondary small"
                          onClick={() => {
                            setAgenda((list) => list.filter((a) => a.key !== item.key));
                            addButton.current?.focus();
                          }}
                        >
                          {t("schedule.removeItem", { n: i + 1 })}
                        </button>
                      </li>
                    ))}
                  </ol>
                )}
                {form.errors.agenda && <p className="field-error">{form.errors.agenda}</p>}
                <button
                  ref={addButton}
                  type="button"
                  className="button secondary small"
                  onClick={() => {
                    const key = ++agendaKey.current;
                    setAgenda((list) => [...list, { key, title: "" }]);
                    requestAnimationFrame(() => form.formRef.current?.querySelector<HTMLElement>(`[name="agenda-${key}"]`)?.focus());
                  }}
                >
                  {t("schedule.addItem")}
                </button>
              </fieldset>
            )}

            {editing && (
              <TextAreaField label={t("schedule.field.reason")} name="reason" value={reason} onChange={(e) => setReason(e.target.value)} rows={2} maxLength={500} hint={t("schedule.reasonHint")} error={form.errors.reason} />
            )}

            <div className="actions">
              <button type="submit" className="button" disabled={form.busy}>
                {form.busy ? t("common.saving") : editing ? t("schedule.saveChanges") : t("schedule.submit")}
              </button>
              <Link href={back}>{t("schedule.discard")}</Link>
            </div>
          </form>
        </>
      )}

      {meeting && Date.parse(meeting.startsAt) > Date.now() && <CancelMeeting meeting={meeting} />}
    </>
  );
}

function RadioGroup({
  legend,
  name,
  value,
  options,
  onChange,
  error,
}: {
  legend: string;
  name: string;
  value: string;
  options: { value: string; label: string }[];
  onChange: (v: string) => void;
  error?: string;
}) {
  const errorId = `${name}-error`;
  return (
    <fieldset className="radio-group" aria-describedby={error ? errorId : undefined}>
      <legend>{legend}</legend>
      <div className="checks">
        {options.map((o) => (
          <label key={o.value} className="check">
            <input type="radio" name={name} value={o.value} checked={value === o.value} onChange={() => onChange(o.value)} aria-invalid={error ? true : undefined} />
            {o.label}
          </label>
        ))}
      </div>
      {error && (
        <p className="field-error" id={errorId}>
          {error}
        </p>
      )}
    </fieldset>
  );
}

/** The chosen slot in words: in its own zone and in the reader's. */
function SlotEcho({ start, end, zone, readerZone }: { start: string | null; end: string | null; zone: string; readerZone: string }) {
  const { t, locale } = useI18n();
  let body: ReactNode;
  if (!start || !end) body = <p className="muted">{t("schedule.echo.incomplete")}</p>;
  else if (Date.parse(end) <= Date.parse(start)) body = <p className="field-error">{t("schedule.error.endBeforeStart")}</p>;
  else {
    const s = describeSlot(t, locale, { startsAt: start, endsAt: end, timeZone: zone }, readerZone);
    body = (
      <>
        <p>
          <time dateTime={start}>{s.here}</time>
        </p>
        <p>{s.yours ? <time dateTime={start}>{s.yours}</time> : t("schedule.echo.sameZone")}</p>
      </>
    );
  }
  return (
    <div className="slot-echo" aria-label={t("schedule.echo.label")} role="group">
      {body}
    </div>
  );
}

function reasonText(t: Translate, locale: Locale, r: Conflict["reasons"][number]): string {
  if (r.type === "people") return t("schedule.reason.people", { names: new Intl.ListFormat(intlLocale(locale), { type: "conjunction" }).format(r.names) });
  if (r.type === "room") return t("schedule.reason.room", { room: r.room });
  return t("schedule.reason.seats", { common: r.common, of: r.of });
}

function CheckPanel({
  slotReady,
  checking,
  error,
  data,
  conflicts,
}: {
  slotReady: boolean;
  checking: boolean;
  error: unknown;
  data: SlotCheck | null;
  conflicts: Conflict[];
}) {
  const { t, locale } = useI18n();
  const outside = data?.regions.filter((r) => r.outside).length ?? 0;
  let status: ReactNode;
  if (!slotReady) status = <p className="muted">{t("schedule.check.waiting")}</p>;
  else if (error) status = <p className="alert alert-error">{t("schedule.check.failed", { message: error instanceof ApiError ? error.message || t("app.networkError") : String(error) })}</p>;
  else if (!data) status = <p className="muted">{t("schedule.check.checking")}</p>;
  else if (conflicts.length === 0) status = <p className="check-ok">{t("schedule.check.none")}</p>;
  else
    status = (
      <>
        <p className="check-warn">{t("schedule.check.found", { count: conflicts.length })}</p>
        <ul className="conflicts">
          {conflicts.map((c) => (
            <li key={c.meetingId}>
              <p className="conflict-title">
                <a href={`/meetings/${encodeURIComponent(c.meetingId)}`} target="_blank" rel="noopener">
                  {c.title}
                  <span className="visually-hidden"> ({t("schedule.newTab")})</span>
                </a>{" "}
                <span className="muted">· {c.track ?? t(`schedule.kind.${c.kind}` as MessageKey)}</span>
              </p>
              <p className="small">
                <MeetingTime m={c} compact />
              </p>
              <ul className="conflict-reasons">
                {c.reasons.map((r, i) => (
                  <li key={i}>{reasonText(t, locale, r)}</li>
                ))}
              </ul>
            </li>
          ))}
        </ul>
      </>
    );

  return (
    <section className={`check-panel card${conflicts.length ? " has-conflicts" : ""}`} aria-labelledby="conflicts-heading" aria-busy={checking || undefined}>
      <div role="status" aria-live="polite">
        <h2 id="conflicts-heading">{t("schedule.check.title")}</h2>
        {status}
      </div>
      {data && (
        <>
          <h2 id="regions-heading">{t("schedule.regions.title")}</h2>
          <p className="small">{outside === 0 ? t("schedule.regions.allWithin") : t("schedule.regions.outsideCount", { count: outside })}</p>
          <div className="table-wrap" role="region" aria-labelledby="regions-heading" tabIndex={0}>
            <table className="regions-table">
              <thead>
                <tr>
                  <th scope="col">{t("fairness.col.region")}</th>
                  <th scope="col">{t("schedule.regions.local")}</th>
                  <th scope="col">{t("schedule.regions.hours")}</th>
                </tr>
              </thead>
              <tbody>
                {data.regions.map((r) => (
                  <tr key={r.region} className={r.outside ? "is-outside" : undefined}>
                    <th scope="row">
                      {t(`region.${r.region}` as MessageKey)}
                      <span className="region-zone">{zonePlace(t, r.zone)}</span>
                    </th>
                    <td>
                      <time dateTime={data.startsAt}>{formatTimeRange(data.startsAt, data.endsAt, locale, r.zone)}</time>{" "}
                      <span className="muted">({zoneShortName(data.startsAt, locale, r.zone)})</span>
                    </td>
                    <td>{r.outside ? <span className="tag tag-outside">{t("schedule.regions.outside")}</span> : <span className="muted">{t("schedule.regions.within")}</span>}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}

function CancelMeeting({ meeting }: { meeting: Meeting }) {
  const { t } = useI18n();
  const form = useForm();
  const { cancel } = useMeetingMutations();
  const [reason, setReason] = useState("");
  const [confirming, setConfirming] = useState(false);
  const confirmRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
  }, [confirming]);

  return (
    <section className="card danger-zone" aria-labelledby="cancel-heading">
      <h2 id="cancel-heading">{t("schedule.cancel.title")}</h2>
      <p>{t("schedule.cancel.intro")}</p>
      <FormMessages alert={form.alert} status={form.status} />
      <form
        ref={form.formRef}
        noValidate
        className="form limited"
        onSubmit={(e) => {
          e.preventDefault();
          const parsed = CancelBody.safeParse({ version: meeting.version, reason });
          if (!confirming) {
            if (!parsed.success) {
              form.setErrors({ reason: reason.trim() ? t("validation.min", { min: 3 }) : t("validation.required") });
              form.setAlert(t("common.formErrors"));
              form.formRef.current?.querySelector<HTMLElement>('[name="reason"]')?.focus();
              return;
            }
            form.setErrors({});
            form.setAlert(null);
            setConfirming(true);
            return;
          }
          void form.submit(parsed, async (json) => {
            try {
              await cancel(meeting.id, json);
            } catch (err) {
              setConfirming(false);
              throw err;
            }
            navigate(`/meetings/${encodeURIComponent(meeting.id)}`);
          });
        }}
      >
        <TextAreaField
          label={t("schedule.cancel.reason")}
          name="reason"
          value={reason}
          onChange={(e) => {
            setReason(e.target.value);
            setConfirming(false);
          }}
          rows={3}
          maxLength={500}
          required
          hint={t("schedule.cancel.reasonHint")}
          error={form.errors.reason}
        />
        {confirming ? (
          <div className="confirm" role="group" aria-labelledby="cancel-confirm">
            <p id="cancel-confirm">
              <strong>{t("schedule.cancel.confirm", { title: meeting.title })}</strong>
            </p>
            <div className="actions">
              <button ref={confirmRef} type="submit" className="button danger" disabled={form.busy}>
                {t("schedule.cancel.yes")}
              </button>
              <button type="button" className="button secondary" onClick={() => setConfirming(false)}>
                {t("schedule.cancel.no")}
              </button>
            </div>
          </div>
        ) : (
          <div className="actions">
            <button type="submit" className="button danger">
              {t("schedule.cancel.start")}
            </button>
          </div>
        )}
      </form>
    </section>
  );
}
