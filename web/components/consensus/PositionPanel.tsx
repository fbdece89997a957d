// "Your seat's position": record, change or re-confirm the seat's stance on this revision.
// Every write names the version the delegate saw; a 409 shows what another delegate of the
// seat recorded meanwhile instead of overwriting it.
import { useQuery } from "@tanstack/react-query";
import { useId, useState } from "react";
import { useI18n } from "../../i18n";
import { paragraphNumbersQuery, STANCE_ORDER, useConsensusWrites, type Board, type Stance } from "../../queries/consensus";
import { staleCurrent } from "../../queries/stale";
import { FormMessages, TextAreaField, useForm } from "../form";
import { revLabel } from "../documents";
import { DateTime } from "../ui";
import { StanceTag, stanceLabel } from "./common";
import { PositionBody } from "../../../worker/consensus/schemas";

type Current = { stance: Stance; explanation: string | null; paragraphIds?: string; version: number; recordedAt: string };

/** Why positions can no longer change, or null while they can. */
export function positionsClosed(board: Board): "adopted" | "deadline" | null {
  if (board.revision.adoptedAt) return "adopted";
  const open = board.procedures.find((p) => p.status === "open");
  if (open && Date.parse(open.deadline) <= Date.now()) return "deadline";
  return null;
}

export function PositionPanel({ board, docId }: { board: Board; docId: string }) {
  const { t } = useI18n();
  const n = board.revision.number;
  const writes = useConsensusWrites(docId, n);
  const mine = board.mine;
  const closed = positionsClosed(board);
  const [editing, setEditing] = useState(false);
  const [conflict, setConflict] = useState<Current | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const confirmForm = useForm();
  const headingId = useId();

  if (!mine) return null;
  const position = mine.position;
  const earlier = !position ? mine.earlier : null;
  const showForm = !closed && (editing || (!position && !earlier));

  return (
    <section className="card position-panel" aria-labelledby={headingId}>
      <h2 id={headingId}>{t("position.title", { seat: mine.seat.name })}</h2>
      <FormMessages alert={null} status={status} />
      {conflict && (
        <div className="alert alert-error conflict" role="alert">
          <p>{t("position.conflict")}</p>
          <p>
            {t("position.conflictNow")} <StanceTag stance={conflict.stance} /> <DateTime iso={conflict.recordedAt} />
          </p>
          {conflict.explanation && <p className="explanation" dir="auto">{conflict.explanation}</p>}
        </div>
      )}
      {position ? (
        <div className="position-current">
          <p>
            {t("position.current")} <StanceTag stance={position.stance} />
          </p>
          <p className="muted small">
            {position.confirmedFrom !== null ? t("position.confirmedFrom", { label: revLabel(t, position.confirmedFrom) }) + " " : ""}
            {t("position.recordedBy", { name: position.recordedBy ?? "?" })} <DateTime iso={position.recordedAt} />
          </p>
          {position.explanation && (
            <p className="explanation" dir="auto">
              {position.explanation}
            </p>
          )}
          {position.paragraphs.length > 0 && <p className="small">{t("position.paragraphs", { list: position.paragraphs.map((p) => p.number ?? "–").join(", ") })}</p>}
        </div>
      ) : earlier ? (
        <div className="position-earlier notice">
          <p>
            {t("position.earlier", { label: revLabel(t, earlier.revisionNumber) })} <StanceTag stance={earlier.stance} />
          </p>
          <p className="small">{t("position.earlierHint", { label: board.revision.label })}</p>
          {!closed && !editing && (
            <form
              ref={confirmForm.formRef}
              className="actions"
              onSubmit={(e) => {
                e.preventDefault();
                setStatus(null);
                void confirmForm.submit({ success: true, data: null }, async () => {
                  const res = await writes.confirm(null);
                  setStatus(res.silenceBroken ? t("position.savedBroke") : t("position.confirmed"));
                });
              }}
            >
              <FormMessages alert={confirmForm.alert} />
              {/* Confirming an objection breaks silence just as recording one does. */}
              {earlier.stance === "objection" && board.procedures.some((p) => p.status === "open" && p.kind === "silence") && <p className="alert alert-error">{t("position.breaksSilence")}</p>}
              <button type="submit" className="button" disabled={confirmForm.busy}>
                {t("position.confirm", { label: revLabel(t, n) })}
              </button>
              <button type="button" className="button secondary" onClick={() => setEditing(true)}>
                {t("position.change")}
              </button>
            </form>
          )}
        </div>
      ) : (
        !closed && <p>{t("position.none")}</p>
      )}

      {closed && <p className="muted">{t(closed === "adopted" ? "position.closedAdopted" : "position.closedDeadline")}</p>}
      {!closed && position && !editing && (
        <p>
          <button
            type="button"
            className="button secondary"
            onClick={() => {
              setStatus(null);
              setEditing(true);
            }}
          >
            {t("position.change")}
          </button>
        </p>
      )}
      {showForm && (
        <PositionForm
          board={board}
          docId={docId}
          onDone={(msg) => {
            setStatus(msg);
            setEditing(false);
            setConflict(null);
          }}
          onCancel={position || earlier ? () => setEditing(false) : undefined}
          onConflict={(c) => setConflict(c)}
        />
      )}
    </section>
  );
}

function PositionForm({
  board,
  docId,
  onDone,
  onCancel,
  onConflict,
}: {
  board: Board;
  docId: string;
  onDone: (message: string) => void;
  onCancel?: () => void;
  onConflict: (c: Current | null) => void;
}) {
  const { t } = useI18n();
  const n = board.revision.number;
  const writes = useConsensusWrites(docId, n);
  const mine = board.mine!;
  const start = mine.position ?? (mine.earlier ? { ...mine.earlier, explanation: null, paragraphs: [] } : null);
  const [stance, setStance] = useState<Stance | "">(start?.stance ?? "");
  const [picked, setPicked] = useState<Set<string>>(new Set(mine.position?.paragraphs.map((p) => p.pid) ?? []));
  const form = useForm();
  const paragraphs = useQuery({ ...paragraphNumbersQuery(docId, n), enabled: stance === "reservation" });
  const legendId = useId();
  const silenceOpen = board.procedures.some((p) => p.status === "open" && p.kind === "silence");
  const needsWhy = stance === "reservation" || stance === "objection";

  return (
    <form
      ref={form.formRef}
      noValidate
      className="form position-form"
      onSubmit={(e) => {
        e.preventDefault();
        const data = new FormData(e.currentTarget);
        const explanation = String(data.get("explanation") ?? "").trim();
        const parsed = PositionBody.safeParse({
          stance: stance || undefined,
          explanation: explanation || null,
          paragraphIds: stance === "reservation" ? [...picked] : undefined,
          baseVersion: mine.position?.version ?? null,
        });
        // The rules the schema enforces, in the reader's language.
        if (!stance || (needsWhy && !explanation)) {
          const field = !stance ? "stance" : "explanation";
          form.setErrors({ [field]: t(!stance ? "position.pickStance" : "position.explainRequired") });
          form.setAlert(t("common.formErrors"));
          form.formRef.current?.querySelector<HTMLElement>(`[name="${field}"]`)?.focus();
          return;
        }
        void form.submit(parsed, async (body) => {
          try {
            const res = await writes.record(body);
            onConflict(null);
            onDone(res.silenceBroken ? t("position.savedBroke") : t("position.saved"));
          } catch (err) {
            const current = staleCurrent<Current>(err);
            if (current) onConflict(current);
            throw err;
          }
        });
      }}
    >
      <FormMessages alert={form.alert} status={form.status} />
      <fieldset className="checks stance-choices" aria-describedby={form.errors.stance ? `${legendId}-err` : undefined}>
        <legend id={legendId}>{t("position.stance")}</legend>
        {STANCE_ORDER.map((s) => (
          <label key={s} className="check">
            <input type="radio" name="stance" value={s} checked={stance === s} onChange={() => setStance(s)} aria-invalid={form.errors.stance ? true : undefined} />
            <span>
              {stanceLabel(t, s)} <span className="muted small">— {t(`stanceHint.${s}`)}</span>
            </span>
          </label>
        ))}
        {form.errors.stance && (
          <p className="field-error" id={`${legendId}-err`}>
            {form.errors.stance}
          </p>
        )}
      </fieldset>
      {stance === "objection" && silenceOpen && <p className="alert alert-error">{t("position.breaksSilence")}</p>}
      <TextAreaField
        label={
          <>
            {t("position.explanation")} {needsWhy && <span className="muted">({t("common.required")})</span>}
          </>
        }
        name="explanation"
        rows={4}
        maxLength={5000}
        dir="auto"
        defaultValue={mine.position?.explanation ?? ""}
        required={needsWhy}
        hint={t("position.explanationRule")}
        error={form.errors.explanation}
      />
      {stance === "reservation" && (
        <fieldset className="checks paragraph-picks">
          <legend>{t("position.paragraphsPick")}</legend>
          <p className="hint">{t("position.paragraphsHint")}</p>
          {paragraphs.isPending ? (
            <p className="loading">{t("app.loading")}</p>
          ) : paragraphs.error ? (
            <p className="field-error">{t("position.paragraphsError")}</p>
          ) : (
            <ul className="plain pick-grid">
              {paragraphs.data.map((p) => (
                <li key={p.pid}>
                  <label className="check">
                    <input
                      type="checkbox"
                      name="paragraphIds"
                      value={p.pid}
                      checked={picked.has(p.pid)}
                      onChange={(e) => {
                        const next = new Set(picked);
                        if (e.currentTarget.checked) next.add(p.pid);
                        else next.delete(p.pid);
                        setPicked(next);
                      }}
                    />
                    <span>{t("position.paragraphN", { n: p.number })}</span>
                  </label>
                </li>
              ))}
            </ul>
          )}
          {form.errors.paragraphIds && <p className="field-error">{form.errors.paragraphIds}</p>}
        </fieldset>
      )}
      <div className="actions">
        <button type="submit" className="button" disabled={form.busy}>
          {form.busy ? t("common.saving") : mine.position ? t("position.update") : t("position.record")}
        </button>
        {onCancel && (
          <button type="button" className="button secondary" onClick={onCancel}>
            {t("common.cancel")}
          </button>
        )}
      </div>
    </form>
  );
}
