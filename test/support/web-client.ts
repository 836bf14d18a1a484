import request from 'supertest';
import { TestApp } from './test-app';

export interface WebResponse {
  readonly status: number;
  readonly text: string;
  readonly headers: Record<string, string | string[] | undefined>;
}

/** A browser without a browser: keeps cookies, reads each page's CSRF token, posts forms. */
export class WebClient {
  private readonly cookies = new Map<string, string>();
  csrf = '';

  constructor(private readonly t: TestApp) {}

  async get(path: string): Promise<WebResponse> {
    const response = await request(this.t.app.getHttpServer()).get(path).set('cookie', this.cookieHeader());
    return this.keep(response);
  }

  /** Posts urlencoded fields with the current page's token (unless `_csrf` is given). */
  async post(path: string, fields: Record<string, string | string[]>): Promise<WebResponse> {
    const body = new URLSearchParams();
    for (const [key, value] of Object.entries({ _csrf: this.csrf, ...fields })) {
      for (const v of Array.isArray(value) ? value : [value]) body.append(key, v);
    }
    const response = await request(this.t.app.getHttpServer())
      .post(path)
      .set('cookie', this.cookieHeader())
      .set('content-type', 'application/x-www-form-urlencoded')
      .send(body.toString());
    return this.keep(response);
  }

  /** Posts multipart/form-data (fields, then files) with the current page's token. */
  async postMultipart(
    path: string,
    fields: Record<string, string>,
    files: Record<string, { content: Buffer; fileName: string; contentType: string }>,
  ): Promise<WebResponse> {
    let req = request(this.t.app.getHttpServer()).post(path).set('cookie', this.cookieHeader());
    for (const [key, value] of Object.entries({ _csrf: this.csrf, ...fields })) req = req.field(key, value);
    for (const [key, file] of Object.entries(files))
      req = req.attach(key, file.content, { filename: file.fileName, contentType: file.contentType });
    return this.keep(await req);
  }

  /** A download: the body as bytes. */
  async download(path: string): Promise<{ status: number; body: Buffer; headers: Record<string, string | string[] | undefined> }> {
    const response = await request(this.t.app.getHttpServer())
      .get(path)
      .set('cookie', this.cookieHeader())
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      });
    return { status: response.status, body: response.body as Buffer, headers: response.headers };
  }

  async signIn(email: string, password: string): Promise<void> {
    await this.get('/login');
    const response = await this.post('/login', { email, password });
    if (response.status !== 303) throw new Error(`sign-in failed: ${response.status}`);
  }

  /** Holds a cookie, as a browser signed in elsewhere would (the session cookie is the API's access token). */
  setCookie(name: string, value: string): void {
    this.cookies.set(name, encodeURIComponent(value));
  }

  /** A cookie this client holds (the session cookie carries the API's access token). */
  cookie(name: string): string | undefined {
    const value = this.cookies.get(name);
    return value === undefined ? undefined : decodeURIComponent(value);
  }

  private cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  private keep(response: request.Response): WebResponse {
    const set = response.headers['set-cookie'] as unknown as string[] | undefined;
    for (const line of set ?? []) {
      const [pair] = line.split(';');
      const eq = pair.indexOf('=');
      const value = pair.slice(eq + 1);
      if (/Max-Age=0/.test(line)) this.cookies.delete(pair.slice(0, eq));
      else this.cookies.set(pair.slice(0, eq), value);
    }
    const token = /name="_csrf" value="([^"]+)"/.exec(response.text ?? '');
    if (token) this.csrf = token[1];
    return { status: response.status, text: response.text ?? '', headers: response.headers };
  }
}

/** The attributes of one Set-Cookie line, sorted (their order is the cookie library's choice); Expires is left out. */
export function cookieAttributes(header: string | string[] | undefined, name: string): string[] {
  const line = [header ?? []].flat().find((l) => l.startsWith(`${name}=`));
  if (!line) throw new Error(`no cookie ${name} in ${String(header)}`);
  return line
    .split('; ')
    .slice(1)
    .filter((a) => !a.startsWith('Expires='))
    .sort();
}
