import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { CreateDocumentBody } from "../../worker/documents/schemas";
import { DOCUMENT_KINDS, VISIBILITIES } from "../../worker/documents/types";
import { useI18n } from "../i18n";
import { documentListQuery, useDocumentWrites } from "../queries/documents";
import { Link, navigate } from "../router";
import { revLabel, WindowInfo } from "./documents";
import { Field, FormMessages, formValues, SelectField, useForm } from "./form";
import { ErrorState, Loading } from "./ui";

/** The track's documents, newest first, and the co-facilitators' "New document" form. */
export function TrackDocuments({ trackId }: { trackId: number }) {
  const { t } = useI18n();
  const q = useQuery(documentListQuery(trackId));
  const { create } = useDocumentWrites();
  const [creating, setCreating] = useState(false);
  const form = useForm();

  return (
    <section aria-labelledby="documents" className="card">
      <h2 id="documents">{t("doc.section")}</h2>
      {q.isPending ? (
        <Loading />
      ) : q.error ? (
        <ErrorState error={q.error} retry={() => q.refetch()} />
      ) : (
        <>
          {q.data.documents.length === 0 ? (
            <p className="muted">{t("doc.none")}</p>
          ) : (
            <ul className="doc-list">
              {q.data.documents.map((d) => (
                <li key={d.id} className="doc-item">
                  <h3 className="doc-item-title">
                    <Link href={`/documents/${d.id}`}>{d.title}</Link>
                  </h3>
                  <p className="doc-meta">
                    <span>{t(`doc.kind.${d.kind}`)}</span>
                    {d.symbol && (
                      <>
                        {" · "}
                        <span className="symbol">{d.symbol}</span>
                      </>
                    )}
                    {" · "}
                    <span>{d.latest ? t("doc.latest", { label: revLabel(t, d.latest.number) }) : t("doc.noRevision")}</span>
                    {d.visibility === "members" && (
                      <>
                        {" · "}
                        <span>{t("doc.visibility.members")}</span>
                      </>
                    )}
                  </p>
                  {d.latest && <WindowInfo w={d.latest} compact />}
                </li>
              ))}
            </ul>
          )}
          {q.data.canCreate &&
            (creating ? (
              <form
                ref={form.formRef}
                noValidate
                className="form limited new-doc"
                aria-labelledby="new-doc-title"
                onSubmit={(e) => {
                  e.preventDefault();
                  const v = formValues(e.currentTarget);
                  const parsed = CreateDocumentBody.safeParse({
                    trackId,
                    kind: v.kind,
                    title: v.title ?? "",
                    symbol: v.symbol ?? null,
                    visibility: v.visibility,
                  });
                  void form.submit(parsed, async (body) => {
                    const res = await create(body);
                    navigate(`/documents/${res.document.id}/edit`);
                  });
                }}
              >
                <h3 id="new-doc-title">{t("doc.new")}</h3>
                <FormMessages alert={form.alert} status={form.status} />
                <Field label={t("doc.title")} name="title" required error={form.errors.title} autoComplete="off" />
                <div className="form-row">
                  <SelectField label={t("doc.kind")} name="kind" defaultValue="draft_outcome" error={form.errors.kind}>
                    {DOCUMENT_KINDS.map((k) => (
                      <option key={k} value={k}>
                        {t(`doc.kind.${k}`)}
                      </option>
                    ))}
                  </SelectField>
                  <SelectField label={t("doc.visibility")} name="visibility" defaultValue="members" error={form.errors.visibility}>
                    {VISIBILITIES.map((k) => (
                      <option key={k} value={k}>
                        {t(`doc.visibility.${k}`)}
                      </option>
                    ))}
                  </SelectField>
                </div>
                <Field label={t("doc.symbol")} name="symbol" hint={t("doc.symbolHint")} error={form.errors.symbol} autoComplete="off" dir="ltr" />
                <div className="actions">
                  <button type="submit" className="button" disabled={form.busy}>
                    {form.busy ? t("common.saving") : t("doc.create")}
                  </button>
                  <button type="button" className="button secondary" onClick={() => setCreating(false)}>
                    {t("common.cancel")}
                  </button>
                </div>
              </form>
            ) : (
              <button type="button" className="button" onClick={() => setCreating(true)}>
                {t("doc.new")}
              </button>
            ))}
        </>
      )}
    </section>
  );
}
