import autocannon from 'autocannon';

export interface LoadSettings {
  /** Base URL of the server under test, e.g. http://127.0.0.1:41234 */
  readonly url: string;
  readonly path: string;
  readonly connections: number;
  readonly durationSeconds: number;
  /** JSON body sent with every request (POST). */
  readonly body?: string;
  /** Or one body per token (the i-th request's, rotating with the tokens): each citizen's own e-mail. */
  readonly bodies?: readonly string[];
  /** Bearer tokens; each connection walks through all of them, one per request. */
  readonly tokens: readonly string[];
  /** Default POST. */
  readonly method?: 'GET' | 'POST';
  /** Paths to rotate through instead of `path`, the i-th with the (i mod tokens)-th token. */
  readonly paths?: readonly string[];
  /** The status that counts as accepted; default 201. */
  readonly okStatus?: number;
}

export interface LoadResult {
  readonly durationSeconds: number;
  readonly requests: number;
  /** Responses with the expected status (201 by default: appeals accepted). */
  readonly accepted: number;
  readonly acceptedPerSecond: number;
  readonly statusCounts: Record<string, number>;
  readonly non2xx: number;
  readonly serverErrors: number;
  readonly connectionErrors: number;
  readonly timeouts: number;
  /** Milliseconds, over every response (autocannon's histogram has 1 ms resolution). */
  readonly latencyMs: { readonly p50: number; readonly p90: number; readonly p99: number; readonly max: number; readonly mean: number };
}

/**
 * One closed-loop autocannon run: `connections` keep-alive connections, each sending the next
 * request as soon as the previous answer arrives, for `durationSeconds`.
 *
 * The request list holds one prebuilt POST per token, so tokens rotate across requests without a
 * per-request `setupRequest` (which would make autocannon rebuild every request and spend the
 * shared CPU on the load generator instead of the server).
 */
export async function runLoad(settings: LoadSettings): Promise<LoadResult> {
  if (settings.tokens.length === 0) throw new Error('no tokens');
  const method = settings.method ?? 'POST';
  const paths = settings.paths ?? settings.tokens.map(() => settings.path);
  const requests: autocannon.Request[] = paths.map((path, i) => ({
    method,
    path,
    headers: {
      ...(method === 'POST' ? { 'content-type': 'application/json' } : {}),
      authorization: `Bearer ${settings.tokens[i % settings.tokens.length]}`,
    },
    ...(method === 'POST' ? { body: settings.bodies ? settings.bodies[i % settings.bodies.length] : settings.body } : {}),
  }));
  const result = await autocannon({
    url: settings.url,
    connections: settings.connections,
    pipelining: 1,
    duration: settings.durationSeconds,
    timeout: 10,
    requests,
  });
  const statusCounts: Record<string, number> = {};
  for (const [code, stat] of Object.entries(result.statusCodeStats ?? {})) statusCounts[code] = stat.count ?? 0;
  const accepted = statusCounts[String(settings.okStatus ?? 201)] ?? 0;
  const requestsDone = Object.values(statusCounts).reduce((sum, n) => sum + n, 0);
  return {
    durationSeconds: result.duration,
    requests: requestsDone,
    accepted,
    acceptedPerSecond: accepted / result.duration,
    statusCounts,
    non2xx: result.non2xx,
    serverErrors: result['5xx'],
    connectionErrors: result.errors,
    timeouts: result.timeouts,
    latencyMs: {
      p50: result.latency.p50,
      p90: result.latency.p90,
      p99: result.latency.p99,
      max: result.latency.max,
      mean: result.latency.mean,
    },
  };
}
