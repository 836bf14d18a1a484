import { Webhook } from 'standardwebhooks';
import { newWebhookSecret, signWebhook, webhookHeaders } from './signature';

describe('Standard Webhooks signatures', () => {
  it('makes whsec_ secrets of 32 random bytes', () => {
    const secret = newWebhookSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(Buffer.from(secret.slice(6), 'base64')).toHaveLength(32);
    expect(newWebhookSecret()).not.toBe(secret);
  });

  it('signs exactly as the reference library does, and the library verifies it', () => {
    const secret = newWebhookSecret();
    const body = JSON.stringify({ type: 'appeal.answered', timestamp: '2026-05-22T10:00:00.000Z', data: { appealId: 'a1' } });
    const at = new Date();
    const reference = new Webhook(secret);
    expect(signWebhook(secret, 'msg_1', Math.floor(at.getTime() / 1000), body)).toBe(reference.sign('msg_1', at, body));
    expect(reference.verify(body, webhookHeaders(secret, 'msg_1', at, body))).toEqual(JSON.parse(body));
  });

  it('is refused by the library when the body, id or secret differ', () => {
    const secret = newWebhookSecret();
    const headers = webhookHeaders(secret, 'msg_1', new Date(), '{"a":1}');
    expect(() => new Webhook(secret).verify('{"a":2}', headers)).toThrow();
    expect(() => new Webhook(secret).verify('{"a":1}', { ...headers, 'webhook-id': 'msg_2' })).toThrow();
    expect(() => new Webhook(newWebhookSecret()).verify('{"a":1}', headers)).toThrow();
  });
});
