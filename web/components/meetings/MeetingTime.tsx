// A meeting's times, always with date and zone: in the meeting's own zone, and in the
// reader's zone when the clock there reads differently. The calendar, the dashboard and the
// schedule form's conflict list use the compact form; the meeting page the full one.
import { useI18n } from "../../i18n";
import { describeSlot } from "../../i18n/time";
import { useTimeZone } from "../../session";

type Slot = { startsAt: string; endsAt: string; timeZone: string };

export function MeetingTime({ m, compact = false }: { m: Slot; compact?: boolean }) {
  const { t, locale } = useI18n();
  const reader = useTimeZone();
  const s = describeSlot(t, locale, m, reader, compact);
  // Compact: lines inside a list item's paragraph. Full: the meeting page's own block.
  const Block = compact ? "span" : "div";
  const Line = compact ? "span" : "p";
  return (
    <Block className={compact ? "slot-times" : "meeting-times"}>
      <Line className={compact ? "slot-line" : "meeting-when"}>
        <time dateTime={m.startsAt}>{s.here}</time>
      </Line>
      {s.yours && (
        <Line className={compact ? "slot-line slot-yours" : "meeting-when-mine"}>
          <time dateTime={m.startsAt}>{s.yours}</time>
        </Line>
      )}
    </Block>
  );
}
