import type { ReactNode } from "react";
import { useI18n, type MessageKey } from "../i18n";
import { Link, navigate, useLocation } from "../router";
import { useMe, useSignOut } from "../session";
import { LanguageSwitcher } from "./LanguageSwitcher";

/** `external`: a server-rendered page outside the app (a plain link, a full page load). */
type NavItem = { href: string; key: MessageKey; show: boolean; exact?: boolean; external?: boolean };

/** Header with brand, main navigation and account controls; a skip link jumps to <main>. */
export function Shell({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  const { me } = useMe();
  const { pathname } = useLocation();
  const signOut = useSignOut();
  const items: NavItem[] = [
    { href: "/", key: "nav.dashboard", show: !!me, exact: true },
    { href: "/tracks", key: "nav.tracks", show: true },
    { href: "/meetings", key: "nav.meetings", show: true },
    { href: "/reports", key: "nav.reports", show: !!me },
    { href: "/published", key: "reportNav.published", show: true, external: true },
    { href: "/members", key: "nav.members", show: true },
    { href: "/admin", key: "nav.admin", show: !!me?.permissions.usersList },
  ];
  const isCurrent = (i: NavItem) => (i.exact ? pathname === i.href : pathname === i.href || pathname.startsWith(`${i.href}/`));
  return (
    <>
      <a className="skip-link" href="#main">
        {t("app.skip")}
      </a>
      <header className="site-header">
        <div className="bar">
          <Link href={me ? "/" : "/tracks"} className="brand">
            <span className="brand-name">{t("app.name")}</span>
            <span className="brand-body">{t("app.body")}</span>
          </Link>
          <div className="account">
            <LanguageSwitcher />
            {me ? (
              <>
                <Link href="/profile" className="account-link" current={pathname === "/profile"}>
                  {t("nav.profile")}
                  <span className="visually-hidden">: </span>
                  <span className="account-name">{me.name}</span>
                </Link>
                <button
                  type="button"
                  className="button secondary small"
                  onClick={async () => {
                    await signOut();
                    navigate("/signin");
                  }}
                >
                  {t("nav.signOut")}
                </button>
              </>
            ) : (
              <Link href="/signin" className="button small">
                {t("nav.signIn")}
              </Link>
            )}
          </div>
        </div>
        <nav className="main-nav" aria-label={t("nav.label")}>
          <ul>
            {items
              .filter((i) => i.show)
              .map((i) => (
                <li key={i.href}>
                  {i.external ? (
                    <a href={i.href}>{t(i.key)}</a>
                  ) : (
                    <Link href={i.href} current={isCurrent(i)}>
                      {t(i.key)}
                    </Link>
                  )}
                </li>
              ))}
          </ul>
        </nav>
      </header>
      <main id="main" tabIndex={-1} className="main">
        {children}
      </main>
    </>
  );
}

/** The narrow layout of sign-in, invitation and reset pages. */
export function AuthLayout({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  return (
    <>
      <a className="skip-link" href="#main">
        {t("app.skip")}
      </a>
      <header className="site-header">
        <div className="bar">
          <Link href="/signin" className="brand">
            <span className="brand-name">{t("app.name")}</span>
            <span className="brand-body">{t("app.body")}</span>
          </Link>
          <div className="account">
            <LanguageSwitcher />
          </div>
        </div>
      </header>
      <main id="main" tabIndex={-1} className="main narrow">
        {children}
      </main>
    </>
  );
}

/** Admin sub-navigation: people, outbox, audit. */
export function AdminNav() {
  const { t } = useI18n();
  const { me } = useMe();
  const { pathname } = useLocation();
  const links: { href: string; key: MessageKey; show: boolean }[] = [
    { href: "/admin", key: "nav.people", show: !!me?.permissions.usersList },
    { href: "/admin/outbox", key: "nav.outbox", show: !!me?.permissions.outbox },
    { href: "/admin/audit", key: "nav.audit", show: !!me?.permissions.audit },
  ];
  return (
    <nav className="sub-nav" aria-label={t("nav.adminSections")}>
      <ul>
        {links
          .filter((l) => l.show)
          .map((l) => (
            <li key={l.href}>
              <Link href={l.href} current={pathname === l.href}>
                {t(l.key)}
              </Link>
            </li>
          ))}
      </ul>
    </nav>
  );
}
