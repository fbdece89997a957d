// What a stale save shows: a colleague saved first (409), so nothing of ours was written.
// Their text is shown, and the reader chooses (load theirs, keep mine…); the choices are the
// caller's, since what "load" means differs between a draft, a section and minutes.
import type { ReactNode } from "react";

type Props = {
  /** What happened, in one sentence. */
  message: ReactNode;
  hint?: ReactNode;
  /** Their saved text. With `theirsLabel` it is folded under that summary, else quoted as is. */
  theirs: ReactNode;
  theirsLabel?: string;
  theirsOpen?: boolean;
  /** The buttons for the reader's choice. */
  actions: ReactNode;
  className?: string;
};

export function StaleSavePanel({ message, hint, theirs, theirsLabel, theirsOpen, actions, className }: Props) {
  return (
    <div className={className ? `stale-box ${className}` : "stale-box"} role="alert">
      <p>
        <strong>{message}</strong>
      </p>
      {hint && <p className="hint">{hint}</p>}
      {theirsLabel ? (
        <details open={theirsOpen}>
          <summary>{theirsLabel}</summary>
          <div className="their-text">{theirs}</div>
        </details>
      ) : (
        <blockquote className="their-text" dir="auto">
          {theirs}
        </blockquote>
      )}
      <div className="actions">{actions}</div>
    </div>
  );
}
