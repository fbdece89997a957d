import { env, exports } from "cloudflare:workers";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "../worker/seed/demo";

export const ORIGIN = "https://plenary.test";
export { DEMO_ACCOUNTS, DEMO_PASSWORD, env };

/** A browser-like client: keeps its session cookie and sends our Origin on writes. */
export class Agent {
  cookie = "";

  async fetch(path: string, init: RequestInit & { json?: unknown } = {}) {
    const headers = new Headers(init.headers);
    if (this.cookie) headers.set("cookie", this.cookie);
    let body = init.body;
    if (init.json !== undefined) {
      headers.set("content-type", "application/json");
      body = JSON.stringify(init.json);
    }
    const method = init.method ?? (init.json !== undefined ? "POST" : "GET");
    if (method !== "GET" && !headers.has("origin")) headers.set("origin", ORIGIN);
    const res = await exports.default.fetch(new Request(`${ORIGIN}${path}`, { ...init, method, headers, body }));
    const set = res.headers.get("set-cookie");
    if (set) {
      const pair = set.split(";")[0]!;
      this.cookie = pair.endsWith("=") ? "" : pair;
    }
    return res;
  }

  async json<T = any>(path: string, init: RequestInit & { json?: unknown } = {}) {
    const res = await this.fetch(path, init);
    return { status: res.status, body: (await res.json()) as T, res };
  }
}

export async function signIn(email: string, password = DEMO_PASSWORD) {
  const agent = new Agent();
  const res = await agent.fetch("/api/auth/login", { json: { email, password } });
  if (res.status !== 200) throw new Error(`sign-in of ${email} failed: ${res.status} ${await res.text()}`);
  return agent;
}

/** The newest mail to `to` as its recipient got it: the tests run with DEV_MAILBOX=on, so sign-in links are kept. */
export async function lastMailTo(to: string) {
  return env.DB.prepare("SELECT subject, kind, coalesce(full_text, body_text) AS body_text FROM outbox WHERE to_address = ?1 ORDER BY created_at DESC LIMIT 1")
    .bind(to)
    .first<{ subject: string; body_text: string; kind: string }>();
}

export const linkIn = (text: string, path: string) => {
  const m = text.match(new RegExp(`${path}/([A-Za-z0-9_-]+)`));
  if (!m) throw new Error(`no ${path} link in mail`);
  return m[1]!;
};

export async function auditRows(action: string) {
  const { results } = await env.DB.prepare("SELECT * FROM audit_log WHERE action = ?1 ORDER BY id").bind(action).all<{
    actor_user_id: string | null;
    actor_seat_id: string | null;
    target_id: string | null;
    before_json: string | null;
    after_json: string | null;
    request_id: string | null;
  }>();
  return results;
}
