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
  if (compact)
    return (
      <span className="slot-times">
        <span className="slot-line">
          <time dateTime={m.startsAt}>{s.here}</time>
        </span>
        {s.yours && (
          <span className="slot-line slot-yours">
            <time dateTime={m.startsAt}>{s.yours}</time>
          </span>
        )}
      </span>
    );
  return (
    <div className="meeting-times">
      <p className="meeting-when">
        <time dateTime={m.startsAt}>{s.here}</time>
      </p>
      {s.yours && (
        <p className="meeting-when-mine">
          <time dateTime={m.startsAt}>{s.yours}</time>
        </p>
      )}
    </div>
  );
}
