// Small pieces shared by the consensus screens.
import { useI18n, type MessageKey, type Translate } from "../../i18n";
import { formatDateTime, GENEVA } from "../../i18n/time";
import { useTimeZone } from "../../session";
import type { Stance } from "../../queries/consensus";

export { GENEVA };

export const stanceLabel = (t: Translate, s: Stance | "no_response") => t(`stance.${s}` as MessageKey);

/** "Asia-Pacific States" / "Civil society", from a board group key. */
export function groupLabel(t: Translate, group: string, constituency: "member_states" | "non_state" | "member_state" | "observer"): string {
  if (group === "unassigned") return t("board.unassigned");
  return constituency.startsWith("member_state") ? t(`region.${group}` as MessageKey) : t(`stakeholder.${group}` as MessageKey);
}

/** A stance as a tag whose text says what it is; the colour only repeats it. */
export function StanceTag({ stance }: { stance: Stance | "no_response" }) {
  const { t } = useI18n();
  return <span className={`stance stance-${stance}`}>{stanceLabel(t, stance)}</span>;
}

/**
 * An instant with its date and zone in Geneva time, and in the reader's own zone when that
 * differs (and in the zone the procedure was set in, when that is a third one).
 */
export function TwoZoneTime({ iso, setIn }: { iso: string; setIn?: string | null }) {
  const { t, locale } = useI18n();
  const mine = useTimeZone();
  const extra = setIn && setIn !== GENEVA && setIn !== mine ? setIn : null;
  return (
    <span className="two-zones">
      <span className="zone-time">
        <time dateTime={iso}>{formatDateTime(iso, locale, GENEVA)}</time> <span className="muted">({t("board.zone.geneva")})</span>
      </span>
      {mine !== GENEVA && (
        <span className="zone-time">
          <time dateTime={iso}>{formatDateTime(iso, locale, mine)}</time> <span className="muted">({t("board.zone.yours", { zone: mine })})</span>
        </span>
      )}
      {extra && (
        <span className="zone-time">
          <time dateTime={iso}>{formatDateTime(iso, locale, extra)}</time> <span className="muted">({extra})</span>
        </span>
      )}
    </span>
  );
}
