import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { useEffect, useId, useRef, useState, type KeyboardEvent } from "react";
import { ApiError } from "../api";
import { CommentBody, DispositionBody, EditCommentBody } from "../../worker/documents/schemas";
import { DISPOSITIONS, type Disposition } from "../../worker/documents/types";
import { useI18n, type MessageKey } from "../i18n";
import { commentsQuery, historyQuery, useCommentWrites, type CommentItem, type CurrentDisposition, type RevisionData } from "../queries/documents";
import { staleCurrent } from "../queries/stale";
import { useMe } from "../session";
import { revLabel } from "./documents";
import { FormMessages, formValues, SelectField, TextAreaField, useForm } from "./form";
import { DateTime, ErrorState, Loading } from "./ui";

export type Quote = { pid: string; quote: string; prefix: string; suffix: string };

type Props = {
  docId: string;
  rev: RevisionData;
  pid: string | null;
  title: string;
  quote: Quote | null;
  onClose: () => void;
};

/** One paragraph's (or the whole document's) comments: a labelled region that takes focus when opened. */
export function Thread({ docId, rev, pid, title, quote, onClose }: Props) {
  const { t } = useI18n();
  const n = rev.revision.number;
  const q = useInfiniteQuery(commentsQuery(docId, n, pid));
  const headingRef = useRef<HTMLHeadingElement>(null);
  const headingId = useId();
  useEffect(() => {
    headingRef.current?.focus();
  }, []);
  const comments = q.data?.pages.flatMap((p) => p.comments) ?? [];
  const canWrite = rev.permissions.comment && n === rev.latest && (rev.revision.window === "open" || (rev.revision.window === "closed" && rev.revision.allowLate));
  const onKey = (e: KeyboardEvent) => {
    if (e.key === "Escape" && !e.defaultPrevented) {
      e.stopPropagation();
      onClose();
    }
  };

  return (
    <section className="thread" role="region" aria-labelledby={headingId} onKeyDown={onKey}>
      <div className="thread-head">
        <h2 id={headingId} ref={headingRef} tabIndex={-1} className="thread-title">
          {title}
        </h2>
        <button type="button" className="button secondary small" onClick={onClose}>
          {t("thread.close")}
        </button>
      </div>
      {q.isPending ? (
        <Loading />
      ) : q.error ? (
        <ErrorState error={q.error} retry={() => q.refetch()} />
      ) : comments.length === 0 ? (
        <p className="muted">{t("thread.empty")}</p>
      ) : (
        <ol className="comments">
          {comments.map((c) => (
            <li key={c.id}>
              <CommentView docId={docId} rev={rev} pid={pid} c={c} />
            </li>
          ))}
        </ol>
      )}
      {q.hasNextPage && (
        <button type="button" className="button secondary small" disabled={q.isFetchingNextPage} onClick={() => q.fetchNextPage()}>
          {q.isFetchingNextPage ? t("app.loading") : t("thread.more")}
        </button>
      )}
      {canWrite ? (
        <CommentForm docId={docId} rev={rev} pid={pid} quote={quote} />
      ) : (
        n === rev.latest && (
          <p className="notice small">
            {!rev.permissions.comment ? t("thread.cannotComment") : rev.revision.window === "not_open" ? t("thread.notOpen") : t("thread.closedWindow")}
          </p>
        )
      )}
    </section>
  );
}

/** Amendments as inline changes: struck-out words and inserted words, with text labels for screen readers. */
export function Amendment({ op, quote, proposedText }: { op: string | null; quote: string | null; proposedText: string | null }) {
  const { t } = useI18n();
  if (!op) return quote ? <blockquote className="quote">{quote}</blockquote> : null;
  return (
    <p className="amendment" dir="auto">
      <span className="amendment-label">{t(`thread.amendment.${op}` as MessageKey)}: </span>
      {op === "insert" ? (
        quote && <span className="quote-inline">…{quote} </span>
      ) : (
        quote && (
          <del>
            <span className="visually-hidden">{t("thread.deleted")} </span>
            {quote}
          </del>
        )
      )}{" "}
      {op !== "delete" && proposedText && (
        <ins>
          <span className="visually-hidden">{t("thread.inserted")} </span>
          {proposedText}
        </ins>
      )}
    </p>
  );
}

function DispositionBadge({ value }: { value: string }) {
  const { t } = useI18n();
  return <span className={`tag disp disp-${value}`}>{t(`disposition.${value}` as MessageKey)}</span>;
}

function CommentView({ docId, rev, pid, c, reply = false }: { docId: string; rev: RevisionData; pid: string | null; c: CommentItem | CommentItem["replies"][number]; reply?: boolean }) {
  const { t } = useI18n();
  const [editing, setEditing] = useState(false);
  const [history, setHistory] = useState(false);
  const [replying, setReplying] = useState(false);
  const windowOk = rev.revision.window === "open" || (rev.revision.window === "closed" && rev.revision.allowLate);
  const canEdit = c.mine && !c.disposition && windowOk && c.revision.number === rev.revision.number;
  const replies = "replies" in c ? c.replies : [];
  return (
    <article className={reply ? "comment reply" : "comment"} aria-label={`${c.seat?.name ?? c.author}, ${c.revision.label}`}>
      <header className="comment-head">
        <strong>{c.seat?.name ?? c.author}</strong>
        {c.seat && <span className="muted"> · {c.author}</span>}
        <span className="muted">
          {" · "}
          <DateTime iso={c.createdAt} />
          {" · "}
          {revLabel(t, c.revision.number)}
        </span>
        <span className="badges">
          {c.carriedOver && <span className="tag tag-carried">{t("thread.carried", { label: revLabel(t, c.revision.number) })}</span>}
          {c.late && <span className="tag tag-late">{t("thread.late")}</span>}
          {c.edited && (
            <button type="button" className="linklike tag" aria-expanded={history} onClick={() => setHistory(!history)}>
              {t("thread.edited")}
              <span className="visually-hidden">: {history ? t("thread.hideHistory") : t("thread.history")}</span>
            </button>
          )}
        </span>
      </header>
      {history && <History docId={docId} cid={c.id} />}
      {editing ? (
        <EditForm docId={docId} rev={rev} pid={pid} c={c} done={() => setEditing(false)} />
      ) : (
        <>
          {c.kind === "amendment" || c.quote ? <Amendment op={c.kind === "amendment" ? c.op : null} quote={c.quote} proposedText={c.proposedText} /> : null}
          <p className="comment-body" dir="auto">{c.body}</p>
        </>
      )}
      {!reply && c.disposition && (
        <p className="disposition">
          <strong>{t("thread.disposition")}:</strong> <DispositionBadge value={c.disposition.value} />
          {c.disposition.reason && <span> {c.disposition.reason}</span>}
        </p>
      )}
      <div className="comment-actions">
        {canEdit && !editing && (
          <button type="button" className="button secondary small" onClick={() => setEditing(true)}>
            {t("thread.editComment")}
          </button>
        )}
        {/* One rule for every writer: replies, the co-facilitators' too, go in while the window is open. */}
        {!reply && rev.permissions.reply && windowOk && rev.revision.number === rev.latest && (
          <button type="button" className="button secondary small" aria-expanded={replying} onClick={() => setReplying(!replying)}>
            {t("thread.reply")}
          </button>
        )}
      </div>
      {!reply && rev.permissions.dispose && <DispositionForm docId={docId} rev={rev} pid={pid} c={c as CommentItem} />}
      {replies.length > 0 && (
        <ol className="comments replies" aria-label={t("thread.replies")}>
          {replies.map((r) => (
            <li key={r.id}>
              <CommentView docId={docId} rev={rev} pid={pid} c={r} reply />
            </li>
          ))}
        </ol>
      )}
      {replying && <ReplyForm docId={docId} rev={rev} pid={pid} parentId={c.id} done={() => setReplying(false)} />}
    </article>
  );
}

function History({ docId, cid }: { docId: string; cid: string }) {
  const { t } = useI18n();
  const q = useQuery(historyQuery(docId, cid));
  if (q.isPending) return <Loading />;
  if (q.error) return <ErrorState error={q.error} />;
  if (q.data.edits.length === 0) return <p className="muted small">{t("thread.noHistory")}</p>;
  return (
    <ol className="history">
      {q.data.edits.map((e, i) => (
        <li key={i}>
          <span className="muted small">
            {t("thread.wordingOf")}{" "}
            <DateTime iso={e.editedAt} />
          </span>
          {e.proposedText && <p className="small">“{e.proposedText}”</p>}
          <p className="small comment-body">{e.body}</p>
        </li>
      ))}
    </ol>
  );
}

/** A fresh idempotency key per submission, kept across retries until the server answers. */
function useIdempotencyKey() {
  const key = useRef<string | null>(null);
  return {
    get: () => (key.current ??= crypto.randomUUID()),
    reset: () => {
      key.current = null;
    },
  };
}

function CommentForm({ docId, rev, pid, quote }: { docId: string; rev: RevisionData; pid: string | null; quote: Quote | null }) {
  const { t } = useI18n();
  const { me } = useMe();
  const form = useForm();
  const idem = useIdempotencyKey();
  const writes = useCommentWrites(docId, rev.revision.number, pid);
  const [kind, setKind] = useState<"general" | "amendment">(quote ? "amendment" : "general");
  const [op, setOp] = useState<"replace" | "insert" | "delete">("replace");
  const [formKey, setFormKey] = useState(0);
  useEffect(() => {
    if (quote) setKind("amendment");
  }, [quote]);
  const nameBase = useId();

  return (
    <form
      key={formKey}
      ref={form.formRef}
      noValidate
      className="form comment-form"
      aria-labelledby={`${nameBase}-title`}
      onSubmit={(e) => {
        e.preventDefault();
        const v = formValues(e.currentTarget);
        const amend = kind === "amendment";
        const typedQuote = v.quote?.trim() || null;
        const anchored = quote && typedQuote === quote.quote.trim();
        const parsed = CommentBody.safeParse({
          paragraphId: pid,
          kind,
          op: amend ? op : null,
          quote: typedQuote,
          prefix: anchored ? quote.prefix : null,
          suffix: anchored ? quote.suffix : null,
          proposedText: amend && op !== "delete" ? (v.proposedText ?? null) : null,
          body: v.body ?? "",
          idempotencyKey: idem.get(),
        });
        void form.submit(parsed, async (body) => {
          try {
            await writes.post(body);
          } catch (err) {
            if (err instanceof ApiError && err.status === 0) throw new ApiError(0, { error: { code: "network", message: t("thread.retry") } });
            throw err;
          }
          idem.reset();
          setFormKey((k) => k + 1);
          setKind("general");
          return t("thread.sent");
        });
      }}
    >
      <h3 id={`${nameBase}-title`}>{t("thread.yourComment")}</h3>
      {me?.seat && <p className="muted small">{t("thread.commentAs", { seat: me.seat.name })}</p>}
      <FormMessages alert={form.alert} status={form.status} />
      <fieldset className="checks">
        <legend>{t("thread.kind")}</legend>
        {(["general", "amendment"] as const).map((k) => (
          <label key={k} className="check">
            <input type="radio" name="kind" value={k} checked={kind === k} onChange={() => setKind(k)} />
            {t(`thread.kind.${k}`)}
          </label>
        ))}
      </fieldset>
      {kind === "amendment" && (
        <>
          <fieldset className="checks">
            <legend>{t("thread.op")}</legend>
            {(["replace", "insert", "delete"] as const).map((o) => (
              <label key={o} className="check">
                <input type="radio" name="op" value={o} checked={op === o} onChange={() => setOp(o)} />
                {t(`thread.op.${o}`)}
              </label>
            ))}
            {form.errors.op && <p className="field-error">{form.errors.op}</p>}
          </fieldset>
          <TextAreaField key={quote ? `${quote.prefix}|${quote.quote}` : "none"} label={t("thread.quote")} name="quote" rows={2} defaultValue={quote?.quote ?? ""} hint={t("thread.quoteHint")} error={form.errors.quote} />
          {op !== "delete" && <TextAreaField label={t("thread.proposed")} name="proposedText" rows={2} error={form.errors.proposedText} />}
        </>
      )}
      <TextAreaField label={t("thread.body")} name="body" rows={3} hint={t("thread.bodyHint")} error={form.errors.body} />
      <div className="actions">
        <button type="submit" className="button" disabled={form.busy}>
          {form.busy ? t("thread.sending") : t("thread.submit")}
        </button>
      </div>
    </form>
  );
}

function ReplyForm({ docId, rev, pid, parentId, done }: { docId: string; rev: RevisionData; pid: string | null; parentId: string; done: () => void }) {
  const { t } = useI18n();
  const form = useForm();
  const idem = useIdempotencyKey();
  const writes = useCommentWrites(docId, rev.revision.number, pid);
  return (
    <form
      ref={form.formRef}
      noValidate
      className="form reply-form"
      onSubmit={(e) => {
        e.preventDefault();
        const v = formValues(e.currentTarget);
        const parsed = CommentBody.safeParse({ parentId, kind: "general", body: v.body ?? "", idempotencyKey: idem.get() });
        void form.submit(parsed, async (body) => {
          await writes.post(body);
          idem.reset();
          done();
        });
      }}
    >
      <FormMessages alert={form.alert} />
      <TextAreaField label={t("thread.replyLabel")} name="body" rows={2} error={form.errors.body} autoFocus />
      <div className="actions">
        <button type="submit" className="button small" disabled={form.busy}>
          {t("thread.sendReply")}
        </button>
        <button type="button" className="button secondary small" onClick={done}>
          {t("common.cancel")}
        </button>
      </div>
    </form>
  );
}

function EditForm({ docId, rev, pid, c, done }: { docId: string; rev: RevisionData; pid: string | null; c: CommentItem | CommentItem["replies"][number]; done: () => void }) {
  const { t } = useI18n();
  const form = useForm();
  const writes = useCommentWrites(docId, rev.revision.number, pid);
  return (
    <form
      ref={form.formRef}
      noValidate
      className="form"
      onSubmit={(e) => {
        e.preventDefault();
        const v = formValues(e.currentTarget);
        const parsed = EditCommentBody.safeParse({ body: v.body ?? "", ...(c.kind === "amendment" && c.op !== "delete" ? { proposedText: v.proposedText ?? null } : {}) });
        void form.submit(parsed, async (body) => {
          await writes.edit(c.id, body);
          done();
        });
      }}
    >
      <FormMessages alert={form.alert} />
      {c.kind === "amendment" && c.op !== "delete" && (
        <TextAreaField label={t("thread.proposed")} name="proposedText" rows={2} defaultValue={c.proposedText ?? ""} error={form.errors.proposedText} />
      )}
      <TextAreaField label={t("thread.body")} name="body" rows={3} defaultValue={c.body} error={form.errors.body} />
      <div className="actions">
        <button type="submit" className="button small" disabled={form.busy}>
          {t("thread.saveEdit")}
        </button>
        <button type="button" className="button secondary small" onClick={done}>
          {t("common.cancel")}
        </button>
      </div>
    </form>
  );
}

/**
 * A disposition names the version it was made from. When a colleague saved first (409),
 * theirs is shown and the thread reloads, so saving again replaces it knowingly; once the
 * matrix is published the disposition is a public record and the form is gone.
 */
function DispositionForm({ docId, rev, pid, c }: { docId: string; rev: RevisionData; pid: string | null; c: CommentItem }) {
  const { t } = useI18n();
  const form = useForm();
  const writes = useCommentWrites(docId, rev.revision.number, pid);
  const [theirs, setTheirs] = useState<CurrentDisposition | null>(null);
  if (c.dispositionPublished) return <FormMessages alert={form.alert} />;
  return (
    <form
      ref={form.formRef}
      noValidate
      className="form disposition-form"
      onSubmit={(e) => {
        e.preventDefault();
        const v = formValues(e.currentTarget);
        const parsed = DispositionBody.safeParse({ disposition: v.disposition, reason: v.reason ?? "", baseVersion: c.dispositionVersion ?? 0 });
        void form.submit(parsed, async (body) => {
          setTheirs(null);
          try {
            await writes.dispose(c.id, c.revision.number, body);
          } catch (err) {
            setTheirs(staleCurrent<CurrentDisposition>(err));
            throw err; // the form shows the server's explanation
          }
          return t("thread.dispositionSaved");
        });
      }}
    >
      <FormMessages alert={form.alert} status={form.status} />
      {theirs?.value && (
        <p className="disposition stale-box">
          <strong>{t("thread.disposition")}:</strong> <DispositionBadge value={theirs.value} />
          {theirs.reason && <span dir="auto"> {theirs.reason}</span>}
        </p>
      )}
      <div className="form-row">
        <SelectField label={t("thread.disposition")} name="disposition" defaultValue={c.disposition?.value ?? ""} error={form.errors.disposition}>
          <option value="">{t("thread.noDisposition")}</option>
          {DISPOSITIONS.map((d: Disposition) => (
            <option key={d} value={d}>
              {t(`disposition.${d}`)}
            </option>
          ))}
        </SelectField>
        <TextAreaField label={t("thread.reason")} name="reason" rows={2} defaultValue={c.disposition?.reason ?? ""} hint={t("thread.reasonHint")} error={form.errors.reason} />
      </div>
      <div className="actions">
        <button type="submit" className="button secondary small" disabled={form.busy}>
          {t("thread.saveDisposition")}
        </button>
      </div>
    </form>
  );
}
