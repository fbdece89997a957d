// Dashboard pieces: "Positions to record" (who acts next, with deadlines) and, for a head of
// delegation, the delegates allowed to record the seat's positions.
import { useQuery } from "@tanstack/react-query";
import { useId, useState } from "react";
import { useI18n, type MessageKey } from "../../i18n";
import { delegatesQuery, pendingQuery, useSetPositionDelegates } from "../../queries/consensus";
import { Link } from "../../router";
import { revLabel } from "../documents";
import { FormMessages, useForm } from "../form";
import { ErrorState, Loading } from "../ui";
import { TwoZoneTime } from "./common";

export function PendingPositions() {
  const { t } = useI18n();
  const q = useQuery(pendingQuery);
  const headingId = useId();
  return (
    <section className="card pending-positions" aria-labelledby={headingId}>
      <h2 id={headingId}>{t("pending.title")}</h2>
      {q.isPending ? (
        <Loading />
      ) : q.error ? (
        <ErrorState error={q.error} retry={() => q.refetch()} />
      ) : q.data.items.length === 0 ? (
        <p className="muted">{t("pending.none")}</p>
      ) : (
        <ul className="plain pending-list">
          {q.data.items.map((it) => (
            <li key={`${it.documentId}-${it.revision.number}`}>
              <Link href={`/documents/${encodeURIComponent(it.documentId)}/rev/${it.revision.number}/board`}>
                {it.title}, {revLabel(t, it.revision.number)}
              </Link>
              {it.procedure ? (
                <p className="small">
                  {t(it.procedure.kind === "silence" ? "pending.silenceUntil" : "pending.roundUntil")}{" "}
                  {it.procedure.deadline && <TwoZoneTime iso={it.procedure.deadline} />}
                </p>
              ) : (
                <p className="small muted">{t("pending.noDeadline")}</p>
              )}
              {it.earlier && (
                <p className="small">
                  {t("pending.reconfirm", { label: it.earlier.label, stance: t(`stance.${it.earlier.stance}` as MessageKey) })}
                </p>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export function PositionDelegates() {
  const { t } = useI18n();
  const q = useQuery(delegatesQuery);
  const headingId = useId();
  return (
    <section className="card position-delegates" aria-labelledby={headingId}>
      <h2 id={headingId}>{t("delegates.title")}</h2>
      <p className="hint">{t("delegates.hint")}</p>
      {q.isPending ? (
        <Loading />
      ) : q.error ? (
        <ErrorState error={q.error} retry={() => q.refetch()} />
      ) : q.data.delegates.length === 0 ? (
        <p className="muted">{t("delegates.none")}</p>
      ) : (
        <DelegatesForm delegates={q.data.delegates} legend={t("delegates.title")} />
      )}
    </section>
  );
}

function DelegatesForm({ delegates, legend }: { delegates: { id: string; name: string; allowed: boolean }[]; legend: string }) {
  const { t } = useI18n();
  const setDelegates = useSetPositionDelegates();
  const form = useForm();
  const [chosen, setChosen] = useState(() => new Set(delegates.filter((d) => d.allowed).map((d) => d.id)));
  return (
    <form
      ref={form.formRef}
      noValidate
      className="form"
      onSubmit={(e) => {
        e.preventDefault();
        void form.submit({ success: true, data: [...chosen] }, async (ids) => {
          await setDelegates(ids);
          return t("delegates.saved");
        });
      }}
    >
      <FormMessages alert={form.alert} status={form.status} />
      <fieldset className="checks">
        <legend className="visually-hidden">{legend}</legend>
        {delegates.map((d) => (
          <label key={d.id} className="check">
            <input
              type="checkbox"
              name="userIds"
              value={d.id}
              checked={chosen.has(d.id)}
              onChange={(e) => {
                const next = new Set(chosen);
                if (e.currentTarget.checked) next.add(d.id);
                else next.delete(d.id);
                setChosen(next);
              }}
            />
            <span>{d.name}</span>
          </label>
        ))}
      </fieldset>
      <div className="actions">
        <button type="submit" className="button small" disabled={form.busy}>
          {form.busy ? t("common.saving") : t("common.save")}
        </button>
      </div>
    </form>
  );
}
