// A calendar feed's address, as the calendar page offers the public feeds and the profile
// page the personal one: read-only (selected on focus), a button that copies it, and a
// webcal: link that hands it to the reader's calendar app. Each button names its feed for
// screen readers; "copied" is said only when it was.
import { useId, useState, type ReactNode } from "react";
import { useI18n } from "../../i18n";

export function FeedAddress({ label, url, note }: { label: string; url: string; note?: ReactNode }) {
  const { t } = useI18n();
  const id = useId();
  const [said, setSaid] = useState<string | null>(null);
  const webcal = url.replace(/^https?:/, "webcal:");
  return (
    <>
      <label htmlFor={`${id}-url`} className="feed-label">
        {label}
      </label>
      <div className="feed-row">
        <input id={`${id}-url`} type="text" readOnly value={url} dir="ltr" onFocus={(e) => e.currentTarget.select()} aria-describedby={note ? `${id}-note` : undefined} />
        <button
          type="button"
          className="button secondary small"
          onClick={async () => {
            try {
              await navigator.clipboard.writeText(url);
              setSaid(t("meetings.feed.copied"));
              setTimeout(() => setSaid(null), 4000);
            } catch {
              // No clipboard (an insecure origin, an old browser): select the address to copy by hand.
              setSaid(t("feed.copyFailed"));
              document.getElementById(`${id}-url`)?.focus();
            }
          }}
        >
          {t("meetings.feed.copy")}
          <span className="visually-hidden">: {label}</span>
        </button>
        <a href={webcal} className="button secondary small">
          {t("meetings.feed.open")}
          <span className="visually-hidden">: {label}</span>
        </a>
      </div>
      {note && (
        <p className="feed-note" id={`${id}-note`}>
          {note}
        </p>
      )}
      <span className="live small" aria-live="polite">
        {said ?? ""}
      </span>
    </>
  );
}
