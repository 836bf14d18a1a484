import type { FastifyInstance, FastifyReply } from 'fastify';

/**
 * HTTP plumbing of the pages, registered once on the Fastify instance by configureApp: security
 * headers and cookies. Forms arrive urlencoded through Nest's own parser (repeated names as arrays).
 */

/**
 * Pages load scripts, styles and images from this origin only, never inline, and may not be framed
 * (clickjacking of the case actions). Swagger UI at /docs needs inline scripts, so it keeps Nest's
 * defaults; every other response gets these headers.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "object-src 'none'",
].join('; ');

export function registerWebHttp(fastify: FastifyInstance): void {
  fastify.addHook('onSend', (request, reply, payload, done) => {
    if (!request.url.startsWith('/docs')) setSecurityHeaders(reply);
    done(null, payload);
  });
}

function setSecurityHeaders(reply: FastifyReply): void {
  void reply
    .header('content-security-policy', CONTENT_SECURITY_POLICY)
    .header('x-frame-options', 'DENY')
    .header('x-content-type-options', 'nosniff')
    .header('referrer-policy', 'same-origin')
    .header('cross-origin-opener-policy', 'same-origin')
    .header('permissions-policy', 'camera=(), microphone=(), geolocation=()');
}

/** Cookie header -> name/value map (RFC 6265 pairs; malformed percent-encoding is kept raw). */
export function parseCookies(header: string | undefined): Map<string, string> {
  const cookies = new Map<string, string>();
  if (!header) return cookies;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    const name = part.slice(0, eq).trim();
    let value = part.slice(eq + 1).trim();
    try {
      value = decodeURIComponent(value);
    } catch {
      // keep the raw value; it will simply fail verification
    }
    if (!cookies.has(name)) cookies.set(name, value);
  }
  return cookies;
}

/** A parsed form: repeated names (a multi-select) are arrays. */
export type FormFields = Record<string, string | string[]>;

export interface CookieOptions {
  readonly maxAgeSeconds?: number;
  readonly secure: boolean;
}

/** Page cookies are httpOnly and SameSite=Lax: scripts cannot read them, other sites cannot post with them. */
export function serializeCookie(name: string, value: string, options: CookieOptions): string {
  const parts = [`${name}=${encodeURIComponent(value)}`, 'Path=/', 'HttpOnly', 'SameSite=Lax'];
  if (options.maxAgeSeconds !== undefined) parts.push(`Max-Age=${options.maxAgeSeconds}`);
  if (options.secure) parts.push('Secure');
  return parts.join('; ');
}
