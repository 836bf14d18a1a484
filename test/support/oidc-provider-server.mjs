// A local OpenID Connect provider for the e-ID sign-in tests (test/e2e/oidc-sign-in.e2e-spec.ts),
// run as its own process: oidc-provider is ESM-only and needs none of jest's module handling here.
// The "person at the provider" is chosen by the test (PUT /control/next), and the interaction
// signs them in and consents at once, as a national e-ID platform would after its own login.
// Environment: REDIRECT_URI, CLIENT_ID, CLIENT_SECRET. Prints {"issuer": ...} when listening.
import { createServer } from 'node:http';
import { randomBytes } from 'node:crypto';
import Provider from 'oidc-provider';

const { REDIRECT_URI, CLIENT_ID, CLIENT_SECRET } = process.env;
if (!REDIRECT_URI || !CLIENT_ID || !CLIENT_SECRET) throw new Error('REDIRECT_URI, CLIENT_ID and CLIENT_SECRET are required');

/** accountId -> the claims the provider releases for it (email, email_verified, name...). */
const accounts = new Map();
let next;

const server = createServer();
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address();
  // "localhost" while the app is on 127.0.0.1: two sites, as in production (the callback is a cross-site redirect).
  const issuer = `http://localhost:${port}`;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: CLIENT_ID,
        client_secret: CLIENT_SECRET,
        redirect_uris: [REDIRECT_URI],
        response_types: ['code'],
        grant_types: ['authorization_code'],
      },
    ],
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name', 'given_name', 'family_name'] },
    findAccount: (_ctx, sub) => (accounts.has(sub) ? { accountId: sub, claims: () => ({ sub, ...accounts.get(sub) }) } : undefined),
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    cookies: { keys: [randomBytes(32).toString('hex')] },
    pkce: { required: () => true },
  });
  provider.on('server_error', (_ctx, error) => console.error('provider server_error', error));
  // Why the provider refused a token request, for the test's output (the client sees only invalid_grant).
  provider.on('grant.error', (_ctx, error) => console.error(`provider grant.error: ${error.message} ${error.error_detail ?? ''}`));
  const handle = provider.callback();

  server.on('request', (req, res) => {
    const url = new URL(req.url, issuer);
    if (url.pathname.startsWith('/control/')) return control(req, res, url.pathname);
    if (url.pathname.startsWith('/interaction/')) {
      return interact(provider, req, res).catch((error) => {
        console.error('interaction failed', error);
        res.statusCode = 500;
        res.end('interaction failed');
      });
    }
    return handle(req, res);
  });
  process.stdout.write(`${JSON.stringify({ issuer })}\n`);
});

async function interact(provider, req, res) {
  const details = await provider.interactionDetails(req, res);
  if (details.prompt.name === 'login') {
    if (!next || !accounts.has(next)) {
      res.statusCode = 400;
      return res.end('no account chosen by the test');
    }
    return provider.interactionFinished(req, res, { login: { accountId: next } }, { mergeWithLastSubmission: false });
  }
  const grant = details.grantId
    ? await provider.Grant.find(details.grantId)
    : new provider.Grant({ accountId: details.session.accountId, clientId: details.params.client_id });
  const missing = details.prompt.details;
  if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(' '));
  if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims);
  for (const [indicator, scopes] of Object.entries(missing.missingResourceScopes ?? {}))
    grant.addResourceScope(indicator, scopes.join(' '));
  return provider.interactionFinished(req, res, { consent: { grantId: await grant.save() } }, { mergeWithLastSubmission: true });
}

/** PUT /control/accounts/:id {claims} defines a person; PUT /control/next {accountId} picks who signs in next. */
function control(req, res, path) {
  let body = '';
  req.on('data', (chunk) => (body += chunk));
  req.on('end', () => {
    const data = body ? JSON.parse(body) : {};
    if (req.method === 'PUT' && path.startsWith('/control/accounts/'))
      accounts.set(decodeURIComponent(path.slice('/control/accounts/'.length)), data);
    else if (req.method === 'PUT' && path === '/control/next') next = data.accountId;
    else {
      res.statusCode = 404;
      return res.end();
    }
    res.statusCode = 204;
    res.end();
  });
}
