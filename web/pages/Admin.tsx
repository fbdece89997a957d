import { useMutation, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { InviteBody, RolesBody } from "../../worker/auth/schemas";
import { describeError, Field, FormMessages, formValues, SelectField, useForm } from "../components/form";
import { AdminNav } from "../components/Shell";
import { describeRoles, ErrorState, Loading, PageTitle, useFormatDate } from "../components/ui";
import { useI18n } from "../i18n";
import { invitationsQuery, useInvitationWrites, usePeopleWrites, usersQuery } from "../queries/admin";
import { seatsQuery, tracksQuery } from "../queries/tracks";
import { useMe } from "../session";

type Person = {
  id: string;
  name: string;
  email: string;
  seatId: string | null;
  seatName: string | null;
  seatRole: "head" | "delegate" | null;
  officerRole: "chair" | "vice_chair" | "secretariat" | null;
  active: boolean;
  facilitatedTrackIds: number[];
};
type Status = "all" | "active" | "inactive";
const orNull = (v: string | undefined) => v ?? null;

export default function Admin() {
  const { me } = useMe();
  // A head of delegation may invite delegates to their own seat, and sees nothing else here.
  if (me && !me.permissions.usersList) return <SeatInvitations />;
  return <SecretariatAdmin />;
}

function SeatInvitations() {
  const { t } = useI18n();
  const { me } = useMe();
  if (!me?.permissions.invite || !me.seat) return <ErrorState error={new Error(t("admin.notAllowed"))} />;
  return (
    <>
      <PageTitle>{t("admin.inviteDelegatesTitle", { seat: me.seat.name })}</PageTitle>
      <InviteSection fixedSeat={me.seat} />
    </>
  );
}

function SecretariatAdmin() {
  const { t } = useI18n();
  const { me } = useMe();
  const [q, setQ] = useState("");
  const [status, setStatus] = useState<Status>("all");
  const [editing, setEditing] = useState<string | null>(null);
  const [notice, setNotice] = useState<{ ok: boolean; text: string } | null>(null);
  const people = useQuery(usersQuery(q, status));
  const tracks = useQuery(tracksQuery);
  const peopleWrites = usePeopleWrites();

  const toggleActive = useMutation({
    mutationFn: async (p: Person) => {
      await peopleWrites.setActive(p.id, !p.active);
      return p;
    },
    onSuccess: (p) => {
      setNotice({ ok: true, text: p.active ? t("admin.deactivated", { name: p.name }) : `${t("admin.reactivated", { name: p.name })} ${t("admin.reactivatedRights")}` });
    },
    onError: (err) => setNotice({ ok: false, text: describeError(err, t).message }),
  });

  const trackShort = (id: number) => tracks.data?.tracks.find((tr) => tr.id === id)?.shortTitle ?? String(id);

  return (
    <>
      <AdminNav />
      <PageTitle>{t("admin.title")}</PageTitle>
      <FormMessages alert={notice && !notice.ok ? notice.text : null} status={notice?.ok ? notice.text : null} />
      {me?.permissions.invite && <InviteSection />}

      <section aria-labelledby="people-h">
        <h2 id="people-h">{t("admin.people")}</h2>
        <form
          className="toolbar"
          role="search"
          onSubmit={(e) => {
            e.preventDefault();
            const v = formValues(e.currentTarget);
            setQ((v.q ?? "").trim());
            setStatus((v.status as Status | undefined) ?? "all");
          }}
        >
          <div className="field grow">
            <label htmlFor="people-q">{t("admin.searchLabel")}</label>
            <input id="people-q" name="q" type="search" defaultValue={q} />
          </div>
          <div className="field">
            <label htmlFor="people-status">{t("admin.status")}</label>
            <select id="people-status" name="status" defaultValue={status}>
              <option value="all">{t("admin.status.all")}</option>
              <option value="active">{t("admin.status.active")}</option>
              <option value="inactive">{t("admin.status.inactive")}</option>
            </select>
          </div>
          <button type="submit" className="button secondary">
            {t("common.search")}
          </button>
        </form>
        {people.isPending ? (
          <Loading />
        ) : people.error ? (
          <ErrorState error={people.error} retry={() => people.refetch()} />
        ) : people.data.users.length === 0 ? (
          <p>{t("admin.noPeople")}</p>
        ) : (
          <ul className="people">
            {people.data.users.map((p) => (
              <li key={p.id} className={`person${p.active ? "" : " inactive"}`}>
                <div className="p-name">
                  <strong>{p.name}</strong>
                  <span className="muted small">{p.email}</span>
                </div>
                <div className="p-roles">
                  {describeRoles(t, p, p.seatName)}
                  {p.facilitatedTrackIds.length > 0 && (
                    <span className="small muted">
                      {t("admin.col.tracks")}: {p.facilitatedTrackIds.map(trackShort).join(", ")}
                    </span>
                  )}
                </div>
                <div className="p-status">
                  <span className={`tag ${p.active ? "tag-ok" : "tag-off"}`}>{p.active ? t("admin.active") : t("admin.inactive")}</span>
                </div>
                <div className="person-actions">
                  <button
                    type="button"
                    className="button secondary small"
                    aria-expanded={editing === p.id}
                    aria-controls={`roles-${p.id}`}
                    onClick={() => setEditing(editing === p.id ? null : p.id)}
                  >
                    {t("admin.changeRoles")}
                    <span className="visually-hidden">: {p.name}</span>
                  </button>
                  {p.id !== me?.id && (
                    <button
                      type="button"
                      className={`button small ${p.active ? "danger" : "secondary"}`}
                      disabled={toggleActive.isPending}
                      onClick={() => toggleActive.mutate(p)}
                    >
                      {p.active ? t("admin.deactivate") : t("admin.reactivate")}
                      <span className="visually-hidden">: {p.name}</span>
                    </button>
                  )}
                </div>
                {editing === p.id && (
                  <RolesForm
                    person={p}
                    onDone={(text) => {
                      setEditing(null);
                      setNotice({ ok: true, text });
                    }}
                  />
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}

function SeatOptions() {
  const { t } = useI18n();
  const seats = useQuery(seatsQuery);
  const kinds = ["member_state", "non_state", "observer"] as const;
  return (
    <>
      <option value="">{t("admin.noSeat")}</option>
      {kinds.map((k) => (
        <optgroup key={k} label={t(`kinds.${k}`)}>
          {(seats.data?.seats ?? [])
            .filter((s) => s.kind === k)
            .map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
        </optgroup>
      ))}
    </>
  );
}

function RoleSelects({ errors, seatRole, officerRole }: { errors: Record<string, string>; seatRole?: string | null; officerRole?: string | null }) {
  const { t } = useI18n();
  return (
    <>
      <SelectField label={t("admin.seatRole")} name="seatRole" defaultValue={seatRole ?? ""} error={errors.seatRole}>
        <option value="">{t("common.none")}</option>
        <option value="head">{t("roleShort.head")}</option>
        <option value="delegate">{t("roleShort.delegate")}</option>
      </SelectField>
      <SelectField label={t("admin.officerRole")} name="officerRole" defaultValue={officerRole ?? ""} error={errors.officerRole}>
        <option value="">{t("common.none")}</option>
        <option value="chair">{t("roleShort.chair")}</option>
        <option value="vice_chair">{t("roleShort.vice_chair")}</option>
        <option value="secretariat">{t("roleShort.secretariat")}</option>
      </SelectField>
    </>
  );
}

function RolesForm({ person, onDone }: { person: Person; onDone: (text: string) => void }) {
  const { t } = useI18n();
  const form = useForm();
  const { setRoles } = usePeopleWrites();
  const seats = useQuery(seatsQuery);
  const tracks = useQuery(tracksQuery);
  if (seats.isPending || tracks.isPending) return <Loading />;
  return (
    <form
      id={`roles-${person.id}`}
      ref={form.formRef}
      noValidate
      className="form roles-form"
      aria-label={t("admin.changeRolesOf", { name: person.name })}
      onSubmit={(e) => {
        e.preventDefault();
        const v = formValues(e.currentTarget);
        const trackIds = new FormData(e.currentTarget).getAll("tracks").map(Number);
        const body = { seatId: orNull(v.seatId), seatRole: orNull(v.seatRole), officerRole: orNull(v.officerRole), facilitatedTrackIds: trackIds };
        void form.submit(RolesBody.safeParse(body), async (json) => {
          await setRoles(person.id, json);
          onDone(t("admin.rolesSaved", { name: person.name }));
        });
      }}
    >
      <h3>{t("admin.changeRolesOf", { name: person.name })}</h3>
      <FormMessages alert={form.alert} />
      <div className="form-row">
        <SelectField label={t("admin.seat")} name="seatId" defaultValue={person.seatId ?? ""} error={form.errors.seatId}>
          <SeatOptions />
        </SelectField>
        <RoleSelects errors={form.errors} seatRole={person.seatRole} officerRole={person.officerRole} />
      </div>
      <fieldset className="checks" aria-describedby={form.errors.facilitatedTrackIds ? `tracks-err-${person.id}` : undefined}>
        <legend>{t("admin.tracks")}</legend>
        {tracks.data?.tracks.map((tr) => (
          <label key={tr.id} className="check">
            <input type="checkbox" name="tracks" value={tr.id} defaultChecked={person.facilitatedTrackIds.includes(tr.id)} />
            {t("track.number", { n: tr.id })}: {tr.shortTitle}
          </label>
        ))}
        {form.errors.facilitatedTrackIds && (
          <p className="field-error" id={`tracks-err-${person.id}`}>
            {form.errors.facilitatedTrackIds}
          </p>
        )}
      </fieldset>
      <div className="actions">
        <button type="submit" className="button" disabled={form.busy}>
          {form.busy ? t("common.saving") : t("common.save")}
        </button>
        <button type="button" className="button secondary" onClick={() => onDone("")}>
          {t("common.cancel")}
        </button>
      </div>
    </form>
  );
}

function InviteSection({ fixedSeat }: { fixedSeat?: { id: string; name: string } }) {
  const { t } = useI18n();
  const form = useForm();
  const writes = useInvitationWrites();
  const invitations = useQuery(invitationsQuery);
  const formatDate = useFormatDate();
  const [revokeMsg, setRevokeMsg] = useState<{ ok: boolean; text: string } | null>(null);
  const revoke = useMutation({
    mutationFn: async (inv: { id: string; email: string }) => {
      await writes.revoke(inv.id);
      return inv;
    },
    onSuccess: (inv) => {
      setRevokeMsg({ ok: true, text: t("admin.revoked", { email: inv.email }) });
    },
    onError: (err) => setRevokeMsg({ ok: false, text: describeError(err, t).message }),
  });
  const now = new Date().toISOString();

  return (
    <>
      <section aria-labelledby="invite-h" className="card">
        <h2 id="invite-h">{t("admin.invite")}</h2>
        <p className="muted">{t("admin.inviteIntro")}</p>
        <form
          ref={form.formRef}
          noValidate
          className="form"
          onSubmit={(e) => {
            e.preventDefault();
            const el = e.currentTarget;
            const v = formValues(el);
            const body = { email: v.email ?? "", name: v.name ?? "", seatId: v.seatId, seatRole: v.seatRole, officerRole: v.officerRole };
            void form.submit(InviteBody.safeParse(body), async (json) => {
              const res = await writes.invite(json);
              el.reset();
              return t("admin.invited", { email: res.invitation.email });
            });
          }}
        >
          <FormMessages alert={form.alert} status={form.status} />
          <div className="form-row">
            <Field label={t("field.email")} name="email" type="email" autoComplete="off" required error={form.errors.email} />
            <Field label={t("field.name")} name="name" autoComplete="off" required error={form.errors.name} />
          </div>
          {fixedSeat ? (
            <>
              <input type="hidden" name="seatId" value={fixedSeat.id} />
              <input type="hidden" name="seatRole" value="delegate" />
              <p>{t("admin.invitesAsDelegate", { seat: fixedSeat.name })}</p>
            </>
          ) : (
            <div className="form-row">
              <SelectField label={t("admin.seat")} name="seatId" defaultValue="" error={form.errors.seatId}>
                <SeatOptions />
              </SelectField>
              <RoleSelects errors={form.errors} />
            </div>
          )}
          <div className="actions">
            <button type="submit" className="button" disabled={form.busy}>
              {form.busy ? t("common.saving") : t("admin.inviteSubmit")}
            </button>
          </div>
        </form>
      </section>

      <section aria-labelledby="invitations-h">
        <h2 id="invitations-h">{t("admin.invitations")}</h2>
        <FormMessages alert={revokeMsg && !revokeMsg.ok ? revokeMsg.text : null} status={revokeMsg?.ok ? revokeMsg.text : null} />
        {invitations.isPending ? (
          <Loading />
        ) : invitations.error ? (
          <ErrorState error={invitations.error} retry={() => invitations.refetch()} />
        ) : invitations.data.invitations.length === 0 ? (
          <p>{t("admin.noInvitations")}</p>
        ) : (
          <ul className="invitations">
            {invitations.data.invitations.map((inv) => {
              const state = inv.acceptedAt
                ? t("admin.inv.accepted", { date: formatDate(inv.acceptedAt) })
                : inv.revokedAt
                  ? t("admin.inv.revoked", { date: formatDate(inv.revokedAt) })
                  : inv.expiresAt <= now
                    ? t("admin.inv.expired", { date: formatDate(inv.expiresAt) })
                    : t("admin.inv.pending", { date: formatDate(inv.expiresAt) });
              const open = !inv.acceptedAt && !inv.revokedAt && inv.expiresAt > now;
              return (
                <li key={inv.id} className="invitation">
                  <div>
                    <strong>{inv.name}</strong> <span className="muted">{inv.email}</span>
                    <div className="small">{describeRoles(t, inv, inv.seatName)}</div>
                    <div className="small muted">{state}</div>
                  </div>
                  {open && (
                    <button
                      type="button"
                      className="button secondary small"
                      aria-label={t("admin.revokeLabel", { email: inv.email })}
                      disabled={revoke.isPending}
                      onClick={() => revoke.mutate(inv)}
                    >
                      {t("admin.revoke")}
                    </button>
                  )}
                </li>
              );
            })}
          </ul>
        )}
      </section>
    </>
  );
}
