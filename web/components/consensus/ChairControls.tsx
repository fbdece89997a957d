// The Chair's controls: open a consensus round or a silence procedure (deadline typed in a
// chosen zone, Geneva by default), or close a procedure by hand with the decision. A silence
// cannot be opened while a seat objects to the text: the form says which seats, before
// and (if an objection lands meanwhile) after the Chair submits.
import { useId, useState } from "react";
import { PROCEDURE_KINDS } from "../../../worker/db/enums";
import { useI18n } from "../../i18n";
import { intlLocale } from "../../i18n/time";
import { instantToZonedLocal, zonedToInstant } from "../../../worker/lib/zonedTime";
import { objectingSeats, useConsensusWrites, type Board } from "../../queries/consensus";
import { Field, FormMessages, TextAreaField, useForm } from "../form";
import { ZoneSelect } from "../ZonedDateTimeField";
import { GENEVA, TwoZoneTime } from "./common";
import { CloseBody, MIN_SILENCE_HOURS, ProcedureBody } from "../../../worker/consensus/schemas";

const HOUR = 3_600_000;

/** 18:00 four days from now, on the wall clock of `zone` (always more than 72 hours away). */
const defaultDeadline = (zone: string) => `${instantToZonedLocal(Date.now() + 96 * HOUR, zone).slice(0, 10)}T18:00`;

export function ChairControls({ board, docId }: { board: Board; docId: string }) {
  const { t } = useI18n();
  const headingId = useId();
  if (board.revision.adoptedAt) return null;
  const open = board.procedures.find((p) => p.status === "open");
  const closable = board.procedures.find((p) => p.status === "open" || p.status === "broken");
  return (
    <section className="card chair-controls" aria-labelledby={headingId}>
      <h2 id={headingId}>{t("chair.title")}</h2>
      {closable && <CloseForm board={board} docId={docId} pid={closable.id} kind={closable.kind} />}
      {!open && <OpenForm board={board} docId={docId} />}
    </section>
  );
}

function OpenForm({ board, docId }: { board: Board; docId: string }) {
  const { t, locale } = useI18n();
  const writes = useConsensusWrites(docId, board.revision.number);
  const form = useForm();
  const blockedId = useId();
  const list = (names: string[]) => new Intl.ListFormat(intlLocale(locale), { type: "conjunction" }).format(names);
  const objecting = board.seats.filter((s) => s.position?.stance === "objection").map((s) => s.seat.name);
  const [kind, setKind] = useState<"silence" | "round">("silence");
  const [zone, setZone] = useState(GENEVA);
  const [local, setLocal] = useState(() => defaultDeadline(GENEVA));
  const instant = zonedToInstant(local, zone);
  const legendId = useId();

  return (
    <form
      ref={form.formRef}
      noValidate
      className="form"
      onSubmit={(e) => {
        e.preventDefault();
        if (!instant) {
          form.setErrors({ deadline: t("chair.badTime") });
          form.setAlert(t("common.formErrors"));
          return;
        }
        if (kind === "silence" && instant.ms - Date.now() < MIN_SILENCE_HOURS * HOUR) {
          form.setErrors({ deadline: t("chair.silenceMin", { hours: MIN_SILENCE_HOURS }) });
          form.setAlert(t("common.formErrors"));
          form.formRef.current?.querySelector<HTMLElement>('[name="deadline"]')?.focus();
          return;
        }
        const remind = Number(new FormData(e.currentTarget).get("remindBeforeHours") || 24);
        void form.submit(ProcedureBody.safeParse({ kind, deadline: instant.iso, deadlineTimeZone: zone, remindBeforeHours: remind }), async (body) => {
          try {
            await writes.open(body);
          } catch (err) {
            const seats = objectingSeats(err);
            if (!seats) throw err;
            form.setAlert(`${t("chair.silenceBlocked", { seats: list(seats.map((s) => s.seatName)) })} ${t("chair.silenceBlockedNext")}`);
            return;
          }
          return t(kind === "silence" ? "chair.openedSilence" : "chair.openedRound");
        });
      }}
    >
      <h3>{t("chair.openTitle", { label: board.revision.label })}</h3>
      <FormMessages alert={form.alert} status={form.status} />
      <fieldset className="checks">
        <legend id={legendId}>{t("chair.kind")}</legend>
        {PROCEDURE_KINDS.map((k) => (
          <label key={k} className="check">
            <input type="radio" name="kind" value={k} checked={kind === k} onChange={() => setKind(k)} />
            <span>
              {t(`procedure.${k}`)} <span className="muted small">— {t(`chair.kindHint.${k}`, { hours: MIN_SILENCE_HOURS })}</span>
            </span>
          </label>
        ))}
      </fieldset>
      <div className="form-row">
        <Field
          label={t("chair.deadline")}
          name="deadline"
          type="datetime-local"
          value={local}
          onChange={(e) => setLocal(e.currentTarget.value)}
          required
          error={form.errors.deadline}
          hint={kind === "silence" ? t("chair.silenceMin", { hours: MIN_SILENCE_HOURS }) : undefined}
        />
        <ZoneSelect
          label={t("chair.zone")}
          name="deadlineTimeZone"
          value={zone}
          onChange={(e) => {
            const next = e.currentTarget.value;
            // Keep the same instant when the zone changes: the wall clock follows.
            if (instant) setLocal(instantToZonedLocal(instant.ms, next));
            setZone(next);
          }}
          error={form.errors.deadlineTimeZone}
        />
        <Field label={t("chair.remind")} name="remindBeforeHours" type="number" min={1} max={240} defaultValue={24} inputMode="numeric" error={form.errors.remindBeforeHours} />
      </div>
      {instant && (
        <p className="small">
          {t("chair.preview")} <TwoZoneTime iso={instant.iso} setIn={zone} />
        </p>
      )}
      {kind === "silence" && objecting.length > 0 && (
        <div className="notice" id={blockedId}>
          <p>{t("chair.silenceBlocked", { seats: list(objecting) })}</p>
          <p>{t("chair.silenceBlockedNext")}</p>
        </div>
      )}
      <div className="actions">
        <button type="submit" className="button" disabled={form.busy} aria-describedby={kind === "silence" && objecting.length > 0 ? blockedId : undefined}>
          {t(kind === "silence" ? "chair.openSilence" : "chair.openRound")}
        </button>
      </div>
    </form>
  );
}

function CloseForm({ board, docId, pid, kind }: { board: Board; docId: string; pid: string; kind: "silence" | "round" }) {
  const { t } = useI18n();
  const writes = useConsensusWrites(docId, board.revision.number);
  const form = useForm();
  const [outcome, setOutcome] = useState<"adopted" | "not_adopted" | "">("");
  return (
    <form
      ref={form.formRef}
      noValidate
      className="form"
      onSubmit={(e) => {
        e.preventDefault();
        const decision = String(new FormData(e.currentTarget).get("decision") ?? "");
        if (!outcome) {
          form.setErrors({ outcome: t("chair.pickOutcome") });
          form.setAlert(t("common.formErrors"));
          return;
        }
        void form.submit(CloseBody.safeParse({ outcome, decision }), async (body) => {
          // The text may have been adopted meanwhile: a 409 reloads the board as it now stands.
          await writes.close(pid, body);
          return t("chair.closed");
        });
      }}
    >
      <h3>{t(`chair.closeTitle.${kind}`)}</h3>
      <FormMessages alert={form.alert} status={form.status} />
      <fieldset className="checks">
        <legend>{t("chair.outcome")}</legend>
        {(["adopted", "not_adopted"] as const).map((o) => (
          <label key={o} className="check">
            <input type="radio" name="outcome" value={o} checked={outcome === o} onChange={() => setOutcome(o)} aria-invalid={form.errors.outcome ? true : undefined} />
            <span>{t(`chair.outcome.${o}`)}</span>
          </label>
        ))}
        {form.errors.outcome && <p className="field-error">{form.errors.outcome}</p>}
      </fieldset>
      <TextAreaField label={t("chair.decision")} name="decision" rows={3} maxLength={5000} dir="auto" required hint={t("chair.decisionHint")} error={form.errors.decision} />
      <div className="actions">
        <button type="submit" className="button" disabled={form.busy}>
          {t("chair.close")}
        </button>
      </div>
    </form>
  );
}
