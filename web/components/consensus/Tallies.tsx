// Tallies by constituency: stacked bars (SVG, no library) and a table with the same figures.
// The bars use a fill pattern per stance as well as a colour, and a legend names them; the
// table is what screen readers get (the chart is hidden from them as a duplicate).
import { useId } from "react";
import { useI18n } from "../../i18n";
import { STANCE_ORDER, type Board, type Tally } from "../../queries/consensus";
import { groupLabel, stanceLabel } from "./common";

const PARTS = [...STANCE_ORDER, "no_response"] as const;
type Part = (typeof PARTS)[number];

function Patterns({ prefix }: { prefix: string }) {
  // Patterns on a coloured ground: solid, diagonal, dots, cross-hatch, horizontal, empty.
  return (
    <svg className="tally-defs" aria-hidden="true" focusable="false" width="0" height="0">
      <defs>
        <pattern id={`${prefix}-support`} width="6" height="6" patternUnits="userSpaceOnUse">
          <rect width="6" height="6" className="fill-support" />
        </pattern>
        <pattern id={`${prefix}-can_live`} width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
          <rect width="6" height="6" className="fill-can_live" />
          <line x1="0" y1="0" x2="0" y2="6" className="ink-light" strokeWidth="2" />
        </pattern>
        <pattern id={`${prefix}-reservation`} width="6" height="6" patternUnits="userSpaceOnUse">
          <rect width="6" height="6" className="fill-reservation" />
          <circle cx="3" cy="3" r="1.3" className="ink-dark" />
        </pattern>
        <pattern id={`${prefix}-objection`} width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
          <rect width="6" height="6" className="fill-objection" />
          <line x1="0" y1="0" x2="0" y2="6" className="ink-light" strokeWidth="1.5" />
          <line x1="0" y1="3" x2="6" y2="3" className="ink-light" strokeWidth="1.5" />
        </pattern>
        <pattern id={`${prefix}-abstain`} width="6" height="6" patternUnits="userSpaceOnUse">
          <rect width="6" height="6" className="fill-abstain" />
          <line x1="0" y1="3" x2="6" y2="3" className="ink-light" strokeWidth="1.5" />
        </pattern>
        <pattern id={`${prefix}-no_response`} width="6" height="6" patternUnits="userSpaceOnUse">
          <rect width="6" height="6" className="fill-no_response" />
        </pattern>
      </defs>
    </svg>
  );
}

function Bar({ tally, prefix, rtl }: { tally: Tally; prefix: string; rtl: boolean }) {
  const { t } = useI18n();
  const total = Math.max(tally.seats, 1);
  let offset = 0;
  return (
    <svg className="tally-bar" width="100%" height="22" aria-hidden="true" focusable="false">
      {PARTS.map((p) => {
        const count = tally[p];
        if (!count) return null;
        const width = (count / total) * 100;
        const x = rtl ? 100 - offset - width : offset;
        offset += width;
        return (
          <rect key={p} x={`${x}%`} y="0" width={`${width}%`} height="22" fill={`url(#${prefix}-${p})`} className="tally-seg">
            <title>{`${stanceLabel(t, p)}: ${count}`}</title>
          </rect>
        );
      })}
      <rect x="0" y="0" width="100%" height="22" className="tally-frame" />
    </svg>
  );
}

export function Tallies({ board }: { board: Board }) {
  const { t, locale } = useI18n();
  const prefix = `tp${useId().replace(/[^a-zA-Z0-9]/g, "")}`;
  const rtl = locale === "ar";
  const sections = (["member_states", "non_state"] as const)
    .map((c) => ({ c, rows: board.tallies.filter((x) => x.constituency === c) }))
    .filter((s) => s.rows.length);
  const sum = (rows: Tally[], p: Part | "seats" | "earlierText") => rows.reduce((a, r) => a + r[p], 0);

  return (
    <div className="tallies">
      <Patterns prefix={prefix} />
      <figure className="tally-chart" aria-hidden="true">
        {sections.map(({ c, rows }) => (
          <div key={c} className="tally-section">
            <p className="tally-heading">{t(c === "member_states" ? "kinds.member_state" : "kinds.non_state")}</p>
            {rows.map((r) => (
              <div key={r.group} className="tally-row">
                <span className="tally-label">
                  {groupLabel(t, r.group, r.constituency)}{" "}
                  <span className="muted small">{t("board.responded", { responded: r.seats - r.no_response, seats: r.seats })}</span>
                </span>
                <Bar tally={r} prefix={prefix} rtl={rtl} />
              </div>
            ))}
          </div>
        ))}
        <figcaption>
          <ul className="tally-legend">
            {PARTS.map((p) => (
              <li key={p}>
                <svg width="18" height="14" aria-hidden="true" focusable="false">
                  <rect width="18" height="14" fill={`url(#${prefix}-${p})`} />
                  <rect x="0.5" y="0.5" width="17" height="13" className="tally-frame" />
                </svg>
                {stanceLabel(t, p)}
              </li>
            ))}
          </ul>
        </figcaption>
      </figure>

      {/* Focusable, so the table can be scrolled sideways from the keyboard on a narrow screen. */}
      <div className="table-wrap" role="region" aria-labelledby={`${prefix}-cap`} tabIndex={0}>
        <table className="tally-table">
          <caption id={`${prefix}-cap`}>{t("board.table.caption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("board.table.group")}</th>
              <th scope="col">{t("board.table.seats")}</th>
              {PARTS.map((p) => (
                <th scope="col" key={p}>
                  {stanceLabel(t, p)}
                </th>
              ))}
              <th scope="col">{t("board.table.earlier")}</th>
            </tr>
          </thead>
          {sections.map(({ c, rows }) => (
            <tbody key={c}>
              <tr>
                <th scope="rowgroup" colSpan={PARTS.length + 3} className="tally-group">
                  {t(c === "member_states" ? "kinds.member_state" : "kinds.non_state")}
                </th>
              </tr>
              {rows.map((r) => (
                <tr key={r.group}>
                  <th scope="row">{groupLabel(t, r.group, r.constituency)}</th>
                  <td>{r.seats}</td>
                  {PARTS.map((p) => (
                    <td key={p} className={p === "objection" && r[p] ? "num-alert" : undefined}>
                      {r[p]}
                    </td>
                  ))}
                  <td>{r.earlierText}</td>
                </tr>
              ))}
            </tbody>
          ))}
          <tfoot>
            <tr>
              <th scope="row">{t("board.table.total")}</th>
              <td>{sum(board.tallies, "seats")}</td>
              {PARTS.map((p) => (
                <td key={p}>{sum(board.tallies, p)}</td>
              ))}
              <td>{sum(board.tallies, "earlierText")}</td>
            </tr>
          </tfoot>
        </table>
      </div>
    </div>
  );
}
