import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

/** The claims a provider account releases (OpenID Connect Core 5.1). */
export interface ProviderClaims {
  email?: string;
  email_verified?: boolean;
  name?: string;
  given_name?: string;
  family_name?: string;
}

export interface LocalOidcProvider {
  readonly issuer: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** Defines a person at the provider (the subject is `accountId`). */
  account(accountId: string, claims: ProviderClaims): Promise<void>;
  /** The person the provider signs in at the next authorization request of a browser with no provider session. */
  signInAs(accountId: string): Promise<void>;
  stop(): Promise<void>;
}

/** A free TCP port on 127.0.0.1 (the app must know its callback URL before it listens). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Starts test/support/oidc-provider-server.mjs in its own node process with a client registered for `redirectUri`. */
export async function startOidcProvider(redirectUri: string): Promise<LocalOidcProvider> {
  const clientId = 'e-muraciet-test';
  const clientSecret = randomBytes(24).toString('base64url');
  const child: ChildProcess = spawn(process.execPath, [join(__dirname, 'oidc-provider-server.mjs')], {
    env: { ...process.env, REDIRECT_URI: redirectUri, CLIENT_ID: clientId, CLIENT_SECRET: clientSecret, NODE_ENV: 'test' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const errors: string[] = [];
  child.stderr?.on('data', (chunk: Buffer) => {
    errors.push(chunk.toString());
    // The provider's own diagnostics (not its start-up warnings about development defaults) go to the test's output.
    for (const line of chunk.toString().split('\n')) if (line.startsWith('provider ')) process.stderr.write(`${line}\n`);
  });
  const issuer = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.once('line', (line) => resolve((JSON.parse(line) as { issuer: string }).issuer));
    child.once('exit', (code) => reject(new Error(`the OIDC provider exited (${code}): ${errors.join('')}`)));
  });
  const put = async (path: string, body: unknown): Promise<void> => {
    const response = await fetch(`${issuer}${path}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (response.status !== 204) throw new Error(`provider control ${path}: ${response.status}`);
  };
  return {
    issuer,
    clientId,
    clientSecret,
    account: (accountId, claims) => put(`/control/accounts/${encodeURIComponent(accountId)}`, claims),
    signInAs: (accountId) => put('/control/next', { accountId }),
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}
