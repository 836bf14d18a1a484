import { lookup as dnsLookup } from 'node:dns/promises';
import { request as httpRequest, IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP, LookupFunction } from 'node:net';
import { checkAddresses, hostOf } from './domain/target-policy';
import { RESPONSE_EXCERPT_CHARS, RESPONSE_READ_LIMIT_BYTES } from './domain/webhook-events';

/** Host name -> addresses. A port of its own so tests can play a rebinding DNS server. */
export type Resolver = (host: string) => Promise<string[]>;
export const DNS_RESOLVER = Symbol('DNS_RESOLVER');

export const systemResolver: Resolver = async (host) => {
  if (isIP(host)) return [host];
  return (await dnsLookup(host, { all: true, verbatim: true })).map((entry) => entry.address);
};

export interface AttemptResult {
  readonly ok: boolean;
  readonly statusCode: number | null;
  readonly error: string | null;
  readonly excerpt: string | null;
}

/**
 * One POST of a delivery. The name is resolved and judged here, and the socket connects to the
 * address judged (a pinned lookup), so a name that turns private between the check and the
 * connection cannot reach the internal network. Redirects are not followed (a 3xx is a failure),
 * the whole attempt is bounded by `timeoutMs`, and at most 1 KiB of the answer is read.
 */
export async function postWebhook(
  url: URL,
  body: string,
  headers: Record<string, string>,
  options: { resolve: Resolver; allowPrivate: boolean; timeoutMs: number },
): Promise<AttemptResult> {
  let addresses: string[];
  try {
    addresses = await withTimeout(options.resolve(hostOf(url)), options.timeoutMs);
  } catch (error) {
    return failure(`DNS: ${(error as Error).message}`);
  }
  const refused = checkAddresses(addresses, options.allowPrivate);
  if (refused) return failure(refused.message);
  // Only the addresses judged above; with several (IPv4 and IPv6), Node tries them in turn.
  const judged = addresses.map((address) => ({ address, family: isIP(address) }));
  const pinned: LookupFunction = (_hostname, lookupOptions, callback) => {
    if ((lookupOptions as { all?: boolean }).all)
      (callback as unknown as (e: null, a: Array<{ address: string; family: number }>) => void)(null, judged);
    else callback(null, judged[0].address, judged[0].family);
  };
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise<AttemptResult>((resolve) => {
    let settled = false;
    const finish = (result: AttemptResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(result);
    };
    const request = send(
      url,
      {
        method: 'POST',
        lookup: pinned,
        agent: false,
        headers: {
          ...headers,
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          'user-agent': 'e-Muraciet-Webhooks/1',
        },
      },
      (response) =>
        readBounded(response, (excerpt) => {
          const statusCode = response.statusCode ?? null;
          const ok = statusCode !== null && statusCode >= 200 && statusCode < 300;
          finish({ ok, statusCode, error: ok ? null : `HTTP ${statusCode}`, excerpt });
        }),
    );
    const timer = setTimeout(() => {
      request.destroy(new Error(`no answer within ${options.timeoutMs} ms`));
    }, options.timeoutMs);
    request.on('error', (error) => finish(failure(error.message)));
    request.end(body);
  });
}

function readBounded(response: IncomingMessage, done: (excerpt: string | null) => void): void {
  const chunks: Buffer[] = [];
  let size = 0;
  const complete = () => {
    const text = Buffer.concat(chunks).toString('utf8').slice(0, RESPONSE_EXCERPT_CHARS);
    done(text === '' ? null : text);
  };
  response.on('data', (chunk: Buffer) => {
    if (size >= RESPONSE_READ_LIMIT_BYTES) return;
    chunks.push(chunk);
    size += chunk.length;
    // Enough for diagnosis: the rest of a large answer is not read at all.
    if (size >= RESPONSE_READ_LIMIT_BYTES) response.destroy();
  });
  response.on('end', complete);
  response.on('close', complete);
  response.on('error', complete);
}

function failure(error: string): AttemptResult {
  return { ok: false, statusCode: null, error: error.slice(0, 500), excerpt: null };
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: Error) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}
