import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { lazy, StrictMode, Suspense, useEffect, type ComponentType, type LazyExoticComponent } from "react";
import { createRoot } from "react-dom/client";
import { ApiError } from "./api";
import { AuthLayout, Shell } from "./components/Shell";
import { Loading } from "./components/ui";
import { initLocale, isLocale, setLocale } from "./i18n";
import { match, navigate, useLocation } from "./router";
import { useMe } from "./session";
import "./styles.css";

type Page = LazyExoticComponent<ComponentType<{ params: Record<string, string> }>>;
type Route = { path: string; page: Page; layout: "auth" | "app"; signedIn?: boolean };

const routes: Route[] = [
  { path: "/signin", page: lazy(() => import("./pages/SignIn")), layout: "auth" },
  { path: "/invitations/:token", page: lazy(() => import("./pages/AcceptInvitation")), layout: "auth" },
  { path: "/reset-password", page: lazy(() => import("./pages/ResetRequest")), layout: "auth" },
  { path: "/reset-password/:token", page: lazy(() => import("./pages/ResetConfirm")), layout: "auth" },
  { path: "/", page: lazy(() => import("./pages/Dashboard")), layout: "app", signedIn: true },
  { path: "/tracks", page: lazy(() => import("./pages/Tracks")), layout: "app" },
  { path: "/tracks/:slug", page: lazy(() => import("./pages/Track")), layout: "app" },
  { path: "/documents/:id", page: lazy(() => import("./pages/DocumentHome")), layout: "app" },
  { path: "/documents/:id/rev/:n", page: lazy(() => import("./pages/Revision")), layout: "app" },
  { path: "/documents/:id/rev/:n/dispositions", page: lazy(() => import("./pages/Dispositions")), layout: "app" },
  { path: "/documents/:id/rev/:n/board", page: lazy(() => import("./pages/Board")), layout: "app" },
  { path: "/documents/:id/compare", page: lazy(() => import("./pages/Compare")), layout: "app" },
  { path: "/documents/:id/edit", page: lazy(() => import("./pages/DocumentEditor")), layout: "app", signedIn: true },
  { path: "/meetings", page: lazy(() => import("./pages/Meetings")), layout: "app" },
  { path: "/meetings/new", page: lazy(() => import("./pages/ScheduleMeeting")), layout: "app", signedIn: true },
  { path: "/meetings/:id/edit", page: lazy(() => import("./pages/ScheduleMeeting")), layout: "app", signedIn: true },
  { path: "/meetings/:id/minutes", page: lazy(() => import("./pages/Minutes")), layout: "app" },
  { path: "/meetings/:id", page: lazy(() => import("./pages/Meeting")), layout: "app" },
  { path: "/reports", page: lazy(() => import("./pages/Reports")), layout: "app", signedIn: true },
  { path: "/reports/:id", page: lazy(() => import("./pages/Report")), layout: "app", signedIn: true },
  { path: "/reports/:id/translations/:lang", page: lazy(() => import("./pages/ReportTranslation")), layout: "app", signedIn: true },
  { path: "/members", page: lazy(() => import("./pages/Members")), layout: "app" },
  { path: "/admin", page: lazy(() => import("./pages/Admin")), layout: "app", signedIn: true },
  { path: "/admin/outbox", page: lazy(() => import("./pages/Outbox")), layout: "app", signedIn: true },
  { path: "/admin/audit", page: lazy(() => import("./pages/Audit")), layout: "app", signedIn: true },
  { path: "/profile", page: lazy(() => import("./pages/Profile")), layout: "app", signedIn: true },
];
const NotFound = lazy(() => import("./pages/NotFound"));

function App() {
  const { pathname, search } = useLocation();
  const { me, loading } = useMe();

  // A signed-in person's saved language wins over this browser's choice.
  useEffect(() => {
    if (me && isLocale(me.locale)) void setLocale(me.locale);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [me?.id, me?.locale]);

  let found: { route: Route; params: Record<string, string> } | null = null;
  for (const route of routes) {
    const params = match(route.path, pathname);
    if (params) {
      found = { route, params };
      break;
    }
  }
  const needsSignIn = !!found?.route.signedIn && !loading && !me;
  useEffect(() => {
    if (needsSignIn) navigate(`/signin?next=${encodeURIComponent(pathname + (search.size ? `?${search}` : ""))}`, { replace: true });
  }, [needsSignIn, pathname, search]);

  const Layout = found?.route.layout === "auth" ? AuthLayout : Shell;
  const Page = found?.route.page ?? NotFound;
  const waiting = found?.route.signedIn && (loading || !me);
  return (
    <Layout>
      <Suspense fallback={<Loading />}>{waiting ? <Loading /> : <Page params={found?.params ?? {}} />}</Suspense>
    </Layout>
  );
}

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      refetchOnWindowFocus: false,
      // Do not retry answers the server meant (4xx); retry flaky networks twice.
      retry: (count, err) => !(err instanceof ApiError && err.status >= 400 && err.status < 500) && count < 2,
    },
  },
});

await initLocale();
createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <App />
    </QueryClientProvider>
  </StrictMode>,
);
