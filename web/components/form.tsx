import { useId, useRef, useState, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes, type TextareaHTMLAttributes } from "react";
import { ApiError } from "../api";
import { useI18n, type Translate } from "../i18n";

export type FieldErrors = Record<string, string>;

type Issue = { path: readonly PropertyKey[]; code: string; message: string; minimum?: unknown; maximum?: unknown; format?: string };

/** Turns zod issues into translated messages keyed by the top-level field name. */
export function issuesToErrors(issues: readonly Issue[], t: Translate): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of issues) {
    const field = String(issue.path[0] ?? "form");
    if (out[field]) continue;
    if (issue.code === "too_small") out[field] = Number(issue.minimum) <= 1 ? t("validation.required") : t("validation.min", { min: Number(issue.minimum) });
    else if (issue.code === "too_big") out[field] = t("validation.max", { max: Number(issue.maximum) });
    else if (issue.code === "invalid_format" && issue.format === "email") out[field] = t("validation.email");
    else out[field] = issue.message;
  }
  return out;
}

type SafeParse<T> = { success: true; data: T } | { success: false; error: { issues: readonly Issue[] } };

/**
 * Form state shared by every form: field errors, one alert message, a busy flag.
 * `submit` validates with the shared zod schema, runs the call, and maps API errors
 * (message + details.fields) back to the fields; focus goes to the first bad field.
 */
export function useForm() {
  const { t } = useI18n();
  const [errors, setErrors] = useState<FieldErrors>({});
  const [alert, setAlert] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);

  const focusFirst = (errs: FieldErrors) => {
    const first = Object.keys(errs)[0];
    const el = first ? formRef.current?.querySelector<HTMLElement>(`[name="${CSS.escape(first)}"]`) : null;
    el?.focus();
  };

  async function submit<T>(parsed: SafeParse<T>, action: (data: T) => Promise<string | void>) {
    setStatus(null);
    if (!parsed.success) {
      const errs = issuesToErrors(parsed.error.issues, t);
      setErrors(errs);
      setAlert(t("common.formErrors"));
      focusFirst(errs);
      return;
    }
    setErrors({});
    setAlert(null);
    setBusy(true);
    try {
      const done = await action(parsed.data);
      if (done) setStatus(done);
    } catch (err) {
      const { message, fields } = describeError(err, t);
      setAlert(message);
      setErrors(fields);
      focusFirst(fields);
    } finally {
      setBusy(false);
    }
  }
  return { errors, setErrors, alert, setAlert, status, setStatus, busy, submit, formRef };
}

export function describeError(err: unknown, t: Translate): { message: string; fields: FieldErrors } {
  if (err instanceof ApiError) {
    if (err.status === 0) return { message: t("app.networkError"), fields: {} };
    const fields: FieldErrors = {};
    for (const f of err.fields) fields[f.field.split(".")[0]!] ??= f.message;
    return { message: err.message, fields };
  }
  return { message: String(err), fields: {} };
}

/**
 * Form-level messages in live regions that exist before they change, so screen readers
 * announce them: an error (assertive) and a confirmation (polite). Leave a prop out for a
 * form that never says that kind of thing; `statusClass` styles a quieter confirmation.
 */
export function FormMessages({ alert, status, statusClass = "alert alert-ok" }: { alert?: string | null; status?: string | null; statusClass?: string }) {
  return (
    <>
      {alert !== undefined && (
        <div className="live" aria-live="assertive" aria-atomic="true">
          {alert && <p className="alert alert-error">{alert}</p>}
        </div>
      )}
      {status !== undefined && (
        <div className="live" aria-live="polite" aria-atomic="true">
          {status && <p className={statusClass}>{status}</p>}
        </div>
      )}
    </>
  );
}

/** `fieldClass` adds to the wrapper's "field" class (layout within a row). */
type Common = { label: ReactNode; name: string; error?: string; hint?: ReactNode; fieldClass?: string };
const wrapperClass = (extra?: string) => (extra ? `field ${extra}` : "field");

function useDescribed(name: string, error?: string, hint?: ReactNode) {
  const id = `${useId()}-${name}`;
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  return {
    id,
    hintId,
    errorId,
    aria: {
      "aria-invalid": error ? (true as const) : undefined,
      "aria-describedby": [hintId, errorId].filter(Boolean).join(" ") || undefined,
    },
  };
}

function Extras({ hint, hintId, error, errorId }: { hint?: ReactNode; hintId?: string; error?: string; errorId?: string }) {
  return (
    <>
      {hint && (
        <p className="hint" id={hintId}>
          {hint}
        </p>
      )}
      {error && (
        <p className="field-error" id={errorId}>
          {error}
        </p>
      )}
    </>
  );
}

export function Field({ label, name, error, hint, fieldClass, ...input }: Common & InputHTMLAttributes<HTMLInputElement>) {
  const d = useDescribed(name, error, hint);
  return (
    <div className={wrapperClass(fieldClass)}>
      <label htmlFor={d.id}>{label}</label>
      <input id={d.id} name={name} {...d.aria} {...input} />
      <Extras hint={hint} hintId={d.hintId} error={error} errorId={d.errorId} />
    </div>
  );
}

export function SelectField({ label, name, error, hint, fieldClass, children, ...select }: Common & SelectHTMLAttributes<HTMLSelectElement>) {
  const d = useDescribed(name, error, hint);
  return (
    <div className={wrapperClass(fieldClass)}>
      <label htmlFor={d.id}>{label}</label>
      <select id={d.id} name={name} {...d.aria} {...select}>
        {children}
      </select>
      <Extras hint={hint} hintId={d.hintId} error={error} errorId={d.errorId} />
    </div>
  );
}

export function TextAreaField({ label, name, error, hint, fieldClass, ...area }: Common & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const d = useDescribed(name, error, hint);
  return (
    <div className={wrapperClass(fieldClass)}>
      <label htmlFor={d.id}>{label}</label>
      <textarea id={d.id} name={name} {...d.aria} {...area} />
      <Extras hint={hint} hintId={d.hintId} error={error} errorId={d.errorId} />
    </div>
  );
}

/** FormData as a plain object of strings; empty strings become undefined. */
export function formValues(form: HTMLFormElement): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  new FormData(form).forEach((v, k) => {
    if (typeof v === "string") out[k] = v === "" ? undefined : v;
  });
  return out;
}

/** True, with the error shown on the confirmation field, when the two passwords differ. */
export function passwordsDiffer(form: ReturnType<typeof useForm>, v: Record<string, string | undefined>, t: Translate): boolean {
  if (!v.password || v.password === v.confirm) return false;
  form.setErrors({ confirm: t("validation.passwordsDiffer") });
  form.setAlert(t("common.formErrors"));
  return true;
}

/** A new password and its confirmation, as invitation and reset forms ask for them. */
export function NewPasswordFields({ label, errors }: { label: string; errors: FieldErrors }) {
  const { t } = useI18n();
  return (
    <>
      <Field label={label} name="password" type="password" autoComplete="new-password" required hint={t("field.passwordHint")} error={errors.password} />
      <Field label={t("field.confirmPassword")} name="confirm" type="password" autoComplete="new-password" required error={errors.confirm} />
    </>
  );
}
