import cookie from '@fastify/cookie';
import csrfProtection from '@fastify/csrf-protection';
import helmet from '@fastify/helmet';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { createHash } from 'node:crypto';

/**
 * HTTP plumbing of the pages, registered once on the Fastify instance by configureApp: cookies
 * (@fastify/cookie), security headers (@fastify/helmet) and CSRF tokens (@fastify/csrf-protection).
 * Forms arrive urlencoded through Nest's own parser (repeated names as arrays).
 */

export const SESSION_COOKIE = 'em_session';
export const CSRF_COOKIE = 'em_csrf';
export const LANG_COOKIE = 'em_lang';
/** The `state` of an identity-provider sign-in this browser started (src/auth/oidc). */
export const OIDC_COOKIE = 'em_oidc';
export const CSRF_FIELD = '_csrf';

export interface WebCookieNames {
  readonly session: string;
  readonly csrf: string;
  readonly lang: string;
  readonly oidc: string;
}

/**
 * Over https the cookies are named `__Host-...`, which browsers accept only with Secure, Path=/ and
 * no Domain: no sibling subdomain can set or shadow them.
 */
export function webCookieNames(https: boolean): WebCookieNames {
  const prefix = https ? '__Host-' : '';
  return { session: prefix + SESSION_COOKIE, csrf: prefix + CSRF_COOKIE, lang: prefix + LANG_COOKIE, oidc: prefix + OIDC_COOKIE };
}

/**
 * Page cookies are httpOnly and SameSite=Lax: scripts cannot read them, other sites cannot post
 * with them; Secure where the site is served over https (a plain-http dev server would lose them).
 */
export function cookieOptions(https: boolean, maxAgeSeconds?: number) {
  return {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: https,
    ...(maxAgeSeconds === undefined ? {} : { maxAge: maxAgeSeconds }),
  } as const;
}

/**
 * Pages load scripts, styles and images from this origin only, never inline, and may not be framed
 * (clickjacking of the case actions).
 */
const PAGE_DIRECTIVES = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", 'data:'],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
  baseUri: ["'none'"],
  objectSrc: ["'none'"],
};

/**
 * Swagger UI at /docs: its scripts are files of this origin too (no inline script, no eval), but
 * its page has inline <style> blocks and a style attribute, and the UI adds a <style> at run time
 * (Chromium reported these four under the pages' policy, test/e2e/docs-browser.e2e-spec.ts), so
 * styles alone may be inline there. Framing is refused as everywhere else.
 */
export const DOCS_CONTENT_SECURITY_POLICY = Object.entries({ ...PAGE_DIRECTIVES, styleSrc: ["'self'", "'unsafe-inline'"] })
  .map(([name, values]) => `${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)} ${values.join(' ')}`)
  .join(';');

/** One year; sent only when PUBLIC_URL is https (a plain-http development server must not pin browsers). */
export const STRICT_TRANSPORT_SECURITY_SECONDS = 31_536_000;

/** Files that may be cached (the pages' CSS and JS, Swagger UI's bundle); everything else is no-store. */
const STATIC_FILE = /\.(?:css|js|png|ico|svg|map)$/;

export interface WebHttpOptions {
  /** PUBLIC_URL is https. */
  readonly https: boolean;
  /** The key CSRF tokens are bound to their session with (derived from the app's keys, never in source). */
  readonly csrfKey: Buffer;
}

type CsrfRequest = FastifyRequest & { webCsrfToken?: string };

/**
 * The session a CSRF token belongs to: a hash of the session cookie, or a fixed word for a visitor
 * not signed in (@fastify/csrf refuses an empty one). A token taken from one session (a page kept from before a sign-out, another person's sign-in
 * in the same browser) is refused in another.
 */
function sessionBinding(request: FastifyRequest, names: WebCookieNames): string {
  const session = request.cookies[names.session];
  return session ? createHash('sha256').update(session).digest('base64url') : 'signed-out';
}

/**
 * Every response: CSP and frame protection (the pages' policy, or Swagger UI's on /docs), nosniff,
 * HSTS when served over https, and `Cache-Control: no-store` unless the handler chose otherwise:
 * API answers and pages carry personal data (appeals, identities, tokens), which no browser or
 * proxy cache may keep. CSRF: a signed double-submit token (a random secret in its own httpOnly
 * cookie; each form carries a token made from it, HMAC-bound to the session). Another site can make
 * a browser send the cookies (SameSite=Lax stops that for POSTs already) but can neither read them
 * nor make a token.
 */
export async function registerWebHttp(fastify: FastifyInstance, options: WebHttpOptions): Promise<void> {
  const names = webCookieNames(options.https);
  await fastify.register(cookie);
  await fastify.register(helmet, {
    contentSecurityPolicy: { useDefaults: false, directives: PAGE_DIRECTIVES },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'same-origin' },
    crossOriginOpenerPolicy: { policy: 'same-origin' },
    hsts: options.https ? { maxAge: STRICT_TRANSPORT_SECURITY_SECONDS, includeSubDomains: false } : false,
  });
  await fastify.register(csrfProtection, {
    sessionPlugin: '@fastify/cookie',
    cookieKey: names.csrf,
    cookieOpts: cookieOptions(options.https),
    csrfOpts: { hmacKey: options.csrfKey },
    // The token is read by the page guard (urlencoded body) or the multipart reader (its first field).
    getToken: (request) => (request as CsrfRequest).webCsrfToken,
    getUserInfo: (request) => sessionBinding(request, names),
  });
  fastify.addHook('onSend', (request, reply, payload, done) => {
    const path = request.url.split('?', 1)[0];
    if (path === '/docs' || path.startsWith('/docs/') || path === '/docs-json')
      void reply.header('content-security-policy', DOCS_CONTENT_SECURITY_POLICY);
    // Helmet has no Permissions-Policy: no page needs the camera, microphone or location.
    void reply.header('permissions-policy', 'camera=(), microphone=(), geolocation=()');
    if (!reply.hasHeader('cache-control') && !STATIC_FILE.test(path)) void reply.header('cache-control', 'no-store');
    done(null, payload);
  });
}

/** A CSRF token for a form of this response (sets the secret cookie on a first visit). */
export function csrfToken(request: FastifyRequest, reply: FastifyReply, names: WebCookieNames): string {
  return reply.generateCsrf({ userInfo: sessionBinding(request, names) });
}

/**
 * Checks a form's token with @fastify/csrf-protection's own verifier. The plugin reports a refusal
 * by sending its error on the reply; pages report it as their own 403 page, so the check runs
 * against a reply that only records the refusal.
 */
export function csrfTokenValid(fastify: FastifyInstance, request: FastifyRequest, token: unknown): boolean {
  (request as CsrfRequest).webCsrfToken = typeof token === 'string' ? token : undefined;
  let valid = false;
  const recorder = { send: () => recorder } as unknown as FastifyReply;
  fastify.csrfProtection(request, recorder, () => {
    valid = true;
  });
  return valid;
}

/** A parsed form: repeated names (a multi-select) are arrays. */
export type FormFields = Record<string, string | string[]>;
