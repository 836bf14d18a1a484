import { randomUUID } from 'node:crypto';
import { Role } from '../../src/auth/actor';
import { ADMIN, TestApp } from './test-app';

export interface TestUser {
  readonly id: string;
  readonly email: string;
  readonly password: string;
  readonly token: string;
  readonly auth: { Authorization: string };
}

/** Builds people through the public API, each with a fresh e-mail, so tests never collide. */
export class Actors {
  private adminToken?: string;
  private agencies?: Map<string, string>;

  constructor(private readonly t: TestApp) {}

  async login(email: string, password: string): Promise<string> {
    const response = await this.t.http.post('/api/v1/auth/login').send({ email, password }).expect(200);
    return (response.body as { accessToken: string }).accessToken;
  }

  async admin(): Promise<{ Authorization: string }> {
    this.adminToken ??= await this.login(ADMIN.email, ADMIN.password);
    return { Authorization: `Bearer ${this.adminToken}` };
  }

  async agencyId(code: string): Promise<string> {
    if (!this.agencies) {
      const response = await this.t.http.get('/api/v1/agencies').expect(200);
      this.agencies = new Map((response.body as { items: Array<{ code: string; id: string }> }).items.map((a) => [a.code, a.id]));
    }
    const id = this.agencies.get(code);
    if (!id) throw new Error(`no agency ${code}`);
    return id;
  }

  async citizen(fullName = 'Əliyev Vüqar Rəşid oğlu'): Promise<TestUser> {
    const email = `citizen-${randomUUID()}@mail.test`;
    const password = 'citizen-password-1';
    const response = await this.t.http.post('/api/v1/auth/register').send({ email, password, fullName }).expect(201);
    return this.signedIn((response.body as { id: string }).id, email, password);
  }

  async staff(role: Exclude<Role, 'citizen' | 'admin'>, agencyCode: string): Promise<TestUser> {
    const email = `${role}-${randomUUID()}@gov.test`;
    const password = `${role}-password-1`;
    const response = await this.t.http
      .post('/api/v1/users')
      .set(await this.admin())
      .send({ email, password, fullName: `Test ${role}`, role, agencyId: await this.agencyId(agencyCode) })
      .expect(201);
    return this.signedIn((response.body as { id: string }).id, email, password);
  }

  private async signedIn(id: string, email: string, password: string): Promise<TestUser> {
    const token = await this.login(email, password);
    return { id, email, password, token, auth: { Authorization: `Bearer ${token}` } };
  }
}
