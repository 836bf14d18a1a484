import { TestUser } from './actors';
import { TestApp } from './test-app';

export interface PaperAppeal {
  readonly id: string;
  readonly registrationNumber: string;
  readonly version: number;
}

/**
 * A paper appeal a registrar records for the agency (appeals-rules.md 2): a named applicant with
 * a postal address and no e-mail, received on `receivedOn`. `extra` overrides any field.
 */
export async function paperAppeal(
  t: TestApp,
  registrar: TestUser,
  agencyId: string,
  receivedOn: string,
  extra: object = {},
): Promise<PaperAppeal> {
  const response = await t.http
    .post('/api/v1/appeals')
    .set(registrar.auth)
    .send({
      type: 'application',
      agencyId,
      subject: 'Torpaq sahəsinin sənədləri',
      text: 'Torpaq sahəmin sənədləri iki aydır verilmir, xahiş edirəm məsələyə baxasınız.',
      applicant: { kind: 'natural', fullName: 'Məmmədova Aygün Elçin qızı', address: 'Bakı, Nəsimi r., 5' },
      channel: 'post',
      receivedOn,
      ...extra,
    })
    .expect(201);
  return response.body as PaperAppeal;
}
