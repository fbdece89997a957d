import { useEffect, useRef, type ReactNode } from "react";
import { describeError } from "./form";
import { useI18n, type Translate } from "../i18n";
import { formatDateTime } from "../i18n/time";
import { justNavigated } from "../router";
import { useTimeZone } from "../session";

/** The page's one <h1>; sets the document title and takes focus after in-app navigation. */
export function PageTitle({ children, title }: { children: ReactNode; title?: string }) {
  const ref = useRef<HTMLHeadingElement>(null);
  const { t } = useI18n();
  const text = title ?? (typeof children === "string" ? children : "");
  useEffect(() => {
    document.title = text ? `${text} – ${t("app.name")}` : t("app.name");
  }, [text, t]);
  useEffect(() => {
    if (justNavigated()) ref.current?.focus();
  }, []);
  return (
    <h1 ref={ref} tabIndex={-1}>
      {children}
    </h1>
  );
}

export function Loading() {
  const { t } = useI18n();
  return (
    <p className="loading" role="status">
      {t("app.loading")}
    </p>
  );
}

export function ErrorState({ error, retry }: { error: unknown; retry?: () => void }) {
  const { t } = useI18n();
  return (
    <div className="alert alert-error" role="alert">
      <p>{t("app.error", { message: describeError(error, t).message })}</p>
      {retry && (
        <button type="button" className="button secondary" onClick={retry}>
          {t("app.retry")}
        </button>
      )}
    </div>
  );
}

export function DateTime({ iso }: { iso: string }) {
  const { locale } = useI18n();
  const zone = useTimeZone();
  return <time dateTime={iso}>{formatDateTime(iso, locale, zone)}</time>;
}

export function useFormatDate() {
  const { locale } = useI18n();
  const zone = useTimeZone();
  return (iso: string) => formatDateTime(iso, locale, zone);
}

type Roles = { seatRole: "head" | "delegate" | null; officerRole: "chair" | "vice_chair" | "secretariat" | null };

/** "head of delegation of Brazil and Chair", translated. */
export function describeRoles(t: Translate, r: Roles, seatName: string | null | undefined): string {
  const parts: string[] = [];
  if (r.seatRole && seatName) parts.push(t(`role.${r.seatRole}`, { seat: seatName }));
  if (r.officerRole) parts.push(t(`role.${r.officerRole}`));
  if (parts.length === 0) return t("role.none");
  return parts.length === 1 ? parts[0]! : t("role.and", { a: parts[0]!, b: parts[1]! });
}
