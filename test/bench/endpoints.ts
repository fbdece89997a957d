// The endpoints `npm run bench` loads. To benchmark a new endpoint, add one
// entry to `endpoints` below; nothing else needs to change. Every entry is
// checked once before it is loaded (status must equal `expect`), so a broken
// route fails the run instead of producing fast-looking 401s or 404s.
//
// `as` names a demo account from `accounts`; the runner signs each one in
// once and sends its session cookie. Add an account there to load a route as
// a different role. Mutating methods get a same-origin `origin` header.

export const DEMO_PASSWORD = "plenary-demo-2026";

/** Demo accounts the runner signs in once, by the name endpoints use in `as`. */
export const accounts = {
  secretariat: "secretariat@plenary.test",
} as const;

export type Account = keyof typeof accounts;

export type Endpoint = {
  /** Label in the table; defaults to "METHOD path". */
  name?: string;
  method?: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  path: string;
  /** Signed in as this account; anonymous when left out. */
  as?: Account;
  /** JSON request body. */
  body?: unknown;
  /** Concurrent connections; 32 unless the route is deliberately slow. */
  connections?: number;
  /** The status every response should have; 200 unless given. */
  expect?: number;
};

/** The floor: a route that touches no storage, measured in the same run. */
export const floor: Endpoint = { path: "/api/health" };

export const endpoints: Endpoint[] = [
  { path: "/api/tracks" },
  { path: "/api/tracks/principles" },
  { name: "GET /api/seats (anonymous)", path: "/api/seats" },
  { name: "GET /api/seats (secretariat)", path: "/api/seats", as: "secretariat" },
  { path: "/api/me", as: "secretariat" },
  { path: "/api/admin/users", as: "secretariat" },
  { path: "/api/admin/audit", as: "secretariat" },
  { path: "/api/admin/audit?action=user.roles", as: "secretariat" },
  { path: "/api/admin/outbox", as: "secretariat" },
  // PBKDF2 (100k iterations) is slow on purpose, so this runs at low
  // concurrency. Only failed sign-ins are rate limited; this one succeeds.
  // Each request adds a session and an audit row, so it runs last.
  {
    path: "/api/auth/login",
    method: "POST",
    body: { email: accounts.secretariat, password: DEMO_PASSWORD },
    connections: 4,
  },
];
