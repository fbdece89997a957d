// One load run with autocannon, in this process (the server is workerd, in its own).
// autocannon reports p97.5 but not p95, so latencies are collected per response.
// The warm-up is the first seconds of the same run: its responses are not
// counted, but its requests still in flight carry on into the measured part
// instead of landing on the server after the connections were dropped.
import autocannon from "autocannon";

export type LoadOptions = {
  url: string;
  method: string;
  headers: Record<string, string>;
  body?: string;
  /** A fresh body for every request (e.g. unique idempotency keys); replaces `body`. */
  nextBody?: () => string;
  connections: number;
  /** Measured seconds, after `warmupSeconds`. */
  seconds: number;
  warmupSeconds: number;
};

export type LoadResult = {
  requests: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  statusCodes: Record<string, number>;
};

export async function load(opts: LoadOptions): Promise<LoadResult> {
  const latencies: number[] = [];
  const measureFrom = Date.now() + opts.warmupSeconds * 1000;
  const instance = autocannon({
    url: opts.url,
    method: opts.method,
    headers: opts.headers,
    body: opts.body,
    connections: opts.connections,
    duration: opts.warmupSeconds + opts.seconds,
    timeout: 30,
    // autocannon rebuilds a request that has setupRequest before every send.
    requests: opts.nextBody ? [{ setupRequest: (req) => ({ ...req, body: opts.nextBody!() }) }] : undefined,
  });
  instance.on("response", (_client: unknown, _status: number, _bytes: number, ms: number) => {
    if (Date.now() >= measureFrom) latencies.push(ms);
  });
  const result = await instance;
  latencies.sort((a, b) => a - b);
  return {
    requests: latencies.length,
    rps: latencies.length / opts.seconds,
    p50: percentile(latencies, 0.5),
    p95: percentile(latencies, 0.95),
    p99: percentile(latencies, 0.99),
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    statusCodes: Object.fromEntries(Object.entries(result.statusCodeStats).map(([code, s]) => [code, s.count])),
  };
}

/** Nearest-rank percentile of sorted values; NaN when there are none. */
export function percentile(sorted: number[], q: number) {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
}
