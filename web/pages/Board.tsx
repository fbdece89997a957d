// The consensus board of one revision: where the procedure stands, tallies by constituency,
// objections and reservations with the paragraphs they name, who has not responded, every
// seat's stance; the seat's own position panel and the Chair's controls.
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { ChairControls } from "../components/consensus/ChairControls";
import { groupLabel, StanceTag, TwoZoneTime } from "../components/consensus/common";
import { PositionPanel } from "../components/consensus/PositionPanel";
import { Tallies } from "../components/consensus/Tallies";
import { revLabel } from "../components/documents";
import { DateTime, ErrorState, Loading, PageTitle } from "../components/ui";
import { useI18n } from "../i18n";
import { boardQuery, positionHistoryQuery, type Board as BoardData, type Procedure, type Stance } from "../queries/consensus";
import { Link } from "../router";

export default function Board({ params }: { params: Record<string, string> }) {
  const id = params.id ?? "";
  const n = Number(params.n);
  const { t } = useI18n();
  const q = useQuery(boardQuery(id, n));
  if (q.isPending) return <Loading />;
  if (q.error) return <ErrorState error={q.error} retry={() => q.refetch()} />;
  const board = q.data;
  const { document: d, revision: r } = board;
  const base = `/documents/${encodeURIComponent(id)}`;
  const label = revLabel(t, r.number);
  const paraHref = (pid: string) => `${base}/rev/${r.number}#p-${encodeURIComponent(pid)}`;
  const seatName = (seatId: string) => board.seats.find((s) => s.seat.id === seatId)?.seat.name ?? seatId;

  return (
    <>
      <p className="breadcrumb">
        <Link href={`${base}/rev/${r.number}`}>{t("board.backToText", { label })}</Link>
      </p>
      <header className="doc-header">
        <p className="eyebrow">
          {t("board.eyebrow")}
          {d.symbol && (
            <>
              {" · "}
              <span className="symbol">{d.symbol}</span>
            </>
          )}
        </p>
        <PageTitle title={`${t("board.title")}: ${d.title} (${label})`}>
          {t("board.title")}: {d.title} <span className="rev-label">{label}</span>
        </PageTitle>
        <p className="doc-facts">
          {t("board.totals", { responded: board.totals.responded, seats: board.totals.seats })}
          {" · "}
          {t("board.objections", { count: board.totals.objections })}
          {" · "}
          {t("board.reservations", { count: board.totals.reservations })}
        </p>
      </header>

      {r.number < r.latest && (
        <p className="notice">
          {t("board.newer", { label })} <Link href={`${base}/rev/${r.latest}/board`}>{t("board.goLatest", { label: revLabel(t, r.latest) })}</Link>
        </p>
      )}

      <Status board={board} seatName={seatName} />

      {board.mine && board.permissions.record && <PositionPanel board={board} docId={id} />}
      {board.permissions.run && <ChairControls board={board} docId={id} />}

      <section aria-labelledby="b-tallies">
        <h2 id="b-tallies">{t("board.talliesTitle")}</h2>
        <Tallies board={board} />
      </section>

      <section aria-labelledby="b-concerns">
        <h2 id="b-concerns">{t("board.concernsTitle")}</h2>
        {board.concerns.length === 0 ? (
          <p className="muted">{t("board.noConcerns")}</p>
        ) : (
          <ul className="plain concerns">
            {board.concerns.map((c) => (
              <li key={c.seat.id} className={`concern concern-${c.position!.stance}`}>
                <p className="concern-head">
                  <strong>{c.seat.name}</strong> <span className="muted small">{groupLabel(t, c.seat.group, c.seat.kind)}</span> <StanceTag stance={c.position!.stance} />
                </p>
                {c.position!.explanation && (
                  <p className="explanation" dir="auto">
                    {c.position!.explanation}
                  </p>
                )}
                {c.position!.paragraphs.length > 0 && (
                  <p className="small">
                    {t("board.onParagraphs")}{" "}
                    {c.position!.paragraphs.map((p, i) => (
                      <span key={p.pid}>
                        {i > 0 && ", "}
                        {p.number !== null ? <Link href={paraHref(p.pid)}>{t("position.paragraphN", { n: p.number })}</Link> : t("board.paragraphGone")}
                      </span>
                    ))}
                  </p>
                )}
                <p className="muted small">
                  {c.position!.recordedBy ? t("position.recordedBy", { name: c.position!.recordedBy }) + " " : ""}
                  <DateTime iso={c.position!.recordedAt} />
                </p>
              </li>
            ))}
          </ul>
        )}
      </section>

      {board.mostReserved.length > 0 && (
        <section aria-labelledby="b-reserved">
          <h2 id="b-reserved">{t("board.mostReserved")}</h2>
          <ol className="most-reserved">
            {board.mostReserved.map((p) => (
              <li key={p.pid}>
                {p.number !== null ? <Link href={paraHref(p.pid)}>{t("position.paragraphN", { n: p.number })}</Link> : t("board.paragraphGone")}
                {": "}
                {t("board.reservationsOn", { count: p.count })}
              </li>
            ))}
          </ol>
        </section>
      )}

      <section aria-labelledby="b-waiting">
        <h2 id="b-waiting">{t("board.notResponded", { count: board.notResponded.length })}</h2>
        {board.notResponded.length === 0 ? (
          <p className="muted">{t("board.allResponded")}</p>
        ) : (
          <ul className="plain waiting">
            {waitingGroups(board).map((g) => (
              <li key={g.key}>
                <strong>{groupLabel(t, g.group, g.kind)}</strong> <span className="muted small">({g.seats.length})</span>:{" "}
                {g.seats.map((s, i) => (
                  <span key={s.id} className="waiting-seat">
                    {s.name}
                    {s.earlier && (
                      <span className="earlier-note">
                        {" "}
                        ({t("board.earlierGiven", { label: revLabel(t, s.earlier.revisionNumber) })} <StanceTag stance={s.earlier.stance} />)
                      </span>
                    )}
                    {i < g.seats.length - 1 && ", "}
                  </span>
                ))}
              </li>
            ))}
          </ul>
        )}
      </section>

      <SeatTable board={board} />
      <History id={id} n={r.number} />
    </>
  );
}

/** Seats yet to respond, by group, in the tallies' order. */
function waitingGroups(board: BoardData) {
  const groups = new Map<string, { key: string; group: string; kind: BoardData["notResponded"][number]["kind"]; seats: BoardData["notResponded"] }>();
  for (const s of board.notResponded) {
    const key = `${s.kind === "member_state" ? 0 : 1}:${s.group}`;
    const g = groups.get(key) ?? { key, group: s.group, kind: s.kind, seats: [] };
    g.seats.push(s);
    groups.set(key, g);
  }
  return [...groups.values()].sort((a, b) => a.key.localeCompare(b.key));
}

function Status({ board, seatName }: { board: BoardData; seatName: (id: string) => string }) {
  const { t } = useI18n();
  const r = board.revision;
  const latest: Procedure | undefined = board.procedures[0];
  return (
    <section aria-labelledby="b-status" className="board-status">
      <h2 id="b-status" className="visually-hidden">
        {t("board.statusTitle")}
      </h2>
      {r.adoptedAt ? (
        <div className="status-line status-adopted">
          <p>
            <strong>{t("board.adoptedOn")}</strong> <TwoZoneTime iso={r.adoptedAt} />
          </p>
          {latest?.decision && (
            <p className="explanation" dir="auto">
              {t("board.decision")} {latest.decision}
            </p>
          )}
        </div>
      ) : !latest ? (
        <p className="status-line">{t("board.noProcedure")}</p>
      ) : latest.status === "open" ? (
        <div className="status-line status-open">
          <p>
            <strong>{t(latest.kind === "silence" ? "board.silenceOpen" : "board.roundOpen")}</strong>
          </p>
          <p>
            {t("board.deadline")} <TwoZoneTime iso={latest.deadline} setIn={latest.deadlineTimeZone} />
          </p>
          {latest.kind === "silence" && <p className="small">{t("board.silenceRule")}</p>}
        </div>
      ) : latest.status === "broken" ? (
        <div className="status-line status-broken" role="note">
          <p>
            <strong>
              {t("board.brokenBy", { seat: latest.broken ? seatName(latest.broken.seatId) : "?" })}
            </strong>{" "}
            {latest.broken?.at && <TwoZoneTime iso={latest.broken.at} />}
          </p>
          {latest.broken?.text && (
            <blockquote className="explanation" dir="auto">
              {latest.broken.text}
            </blockquote>
          )}
          <p className="small">{t("board.brokenNext")}</p>
        </div>
      ) : (
        <div className="status-line status-closed">
          <p>
            <strong>{t(latest.status === "adopted" ? "board.adoptedOn" : "board.notAdoptedOn")}</strong> {latest.closedAt && <TwoZoneTime iso={latest.closedAt} />}
          </p>
          {latest.decision && (
            <p className="explanation" dir="auto">
              {t("board.decision")} {latest.decision}
            </p>
          )}
        </div>
      )}
    </section>
  );
}

function SeatTable({ board }: { board: BoardData }) {
  const { t } = useI18n();
  return (
    <section aria-labelledby="b-seats">
      <h2 id="b-seats">{t("board.seatsTitle")}</h2>
      <div className="table-wrap" role="region" aria-labelledby="b-seats" tabIndex={0}>
        <table className="seat-table">
          <caption className="visually-hidden">{t("board.seatsCaption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("board.seat")}</th>
              <th scope="col">{t("board.table.group")}</th>
              <th scope="col">{t("board.stance")}</th>
              <th scope="col">{t("board.recorded")}</th>
            </tr>
          </thead>
          <tbody>
            {board.seats.map((s) => (
              <tr key={s.seat.id}>
                <th scope="row">{s.seat.name}</th>
                <td>{groupLabel(t, s.seat.group, s.seat.kind)}</td>
                <td>
                  {s.position ? (
                    <StanceTag stance={s.position.stance} />
                  ) : s.earlier ? (
                    <>
                      <StanceTag stance="no_response" />{" "}
                      <span className="small muted">
                        {t("board.earlierGiven", { label: revLabel(t, s.earlier.revisionNumber) })} {t(`stance.${s.earlier.stance}`)}
                      </span>
                    </>
                  ) : (
                    <StanceTag stance="no_response" />
                  )}
                </td>
                <td>{s.position ? <DateTime iso={s.position.recordedAt} /> : "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function History({ id, n }: { id: string; n: number }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const q = useQuery({ ...positionHistoryQuery(id, n), enabled: open });
  return (
    <details className="history-box" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>{t("board.history")}</summary>
      {q.isPending ? (
        open && <Loading />
      ) : q.error ? (
        <ErrorState error={q.error} retry={() => q.refetch()} />
      ) : q.data.history.length === 0 ? (
        <p className="muted">{t("board.historyEmpty")}</p>
      ) : (
        <ol className="plain history-list">
          {q.data.history.map((h, i) => (
            <li key={i}>
              <DateTime iso={h.recordedAt} /> — <strong>{h.seatName}</strong>: <StanceTag stance={h.stance as Stance} />{" "}
              <span className="muted small">
                {t(h.kind === "confirm" ? "board.historyConfirmed" : "board.historyRecorded", { name: h.recordedBy ?? "?" })}
              </span>
              {h.explanation && (
                <p className="explanation small" dir="auto">
                  {h.explanation}
                </p>
              )}
            </li>
          ))}
        </ol>
      )}
    </details>
  );
}
