import type { FastifyInstance, FastifyReply } from 'fastify';

/**
 * HTTP plumbing of the pages, registered once on the Fastify instance by configureApp: security
 * headers and cookies. Forms arrive urlencoded through Nest's own parser (repeated names as arrays).
 */

/**
 * Pages load scripts, styles and images from this origin only, never inline, and may not be framed
 * (clickjacking of the case actions).
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

/**
 * Swagger UI at /docs: its scripts are files of this origin too (no inline script, no eval), but
 * its page has inline <style> blocks and a style attribute, and the UI adds a <style> at run time
 * (Chromium reported these four under the pages' policy, test/e2e/docs-browser.e2e-spec.ts), so
 * styles alone may be inline there. Framing is refused as everywhere else.
 */
export const DOCS_CONTENT_SECURITY_POLICY = CONTENT_SECURITY_POLICY.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'");

/** One year; sent only when PUBLIC_URL is https (a plain-http development server must not pin browsers). */
export const STRICT_TRANSPORT_SECURITY = 'max-age=31536000';

/** Files that may be cached (the pages' CSS and JS, Swagger UI's bundle); everything else is no-store. */
const STATIC_FILE = /\.(?:css|js|png|ico|svg|map)$/;

export interface WebHttpOptions {
  /** PUBLIC_URL is https. */
  readonly https: boolean;
}

/**
 * Every response: CSP and frame protection (the pages' policy, or Swagger UI's on /docs), nosniff,
 * HSTS when served over https, and `Cache-Control: no-store` unless the handler chose otherwise:
 * API answers and pages carry personal data (appeals, identities, tokens), which no browser or
 * proxy cache may keep.
 */
export function registerWebHttp(fastify: FastifyInstance, options: WebHttpOptions): void {
  fastify.addHook('onSend', (request, reply, payload, done) => {
    const path = request.url.split('?', 1)[0];
    const docs = path === '/docs' || path.startsWith('/docs/') || path === '/docs-json';
    setSecurityHeaders(reply, docs ? DOCS_CONTENT_SECURITY_POLICY : CONTENT_SECURITY_POLICY);
    if (options.https) void reply.header('strict-transport-security', STRICT_TRANSPORT_SECURITY);
    if (!reply.hasHeader('cache-control') && !STATIC_FILE.test(path)) void reply.header('cache-control', 'no-store');
    done(null, payload);
  });
}

function setSecurityHeaders(reply: FastifyReply, policy: string): void {
  void reply
    .header('content-security-policy', policy)
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

/**
 * Page cookies are httpOnly and SameSite=Lax: scripts cannot read them, other sites cannot post
 * with them. Over https their names carry the `__Host-` prefix (WebSession), which browsers accept
 * only with Secure, Path=/ and no Domain: no sibling subdomain can set or shadow them.
 */
export function serializeCookie(name: string, value: string, options: CookieOptions): string {
  const parts = [`${name}=${encodeURIComponent(value)}`, 'Path=/', 'HttpOnly', 'SameSite=Lax'];
  if (options.maxAgeSeconds !== undefined) parts.push(`Max-Age=${options.maxAgeSeconds}`);
  if (options.secure) parts.push('Secure');
  return parts.join('; ');
}
