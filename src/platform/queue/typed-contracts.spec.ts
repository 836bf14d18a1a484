import { AppealEvent } from '../../appeals/domain/appeal-events';
// The feature modules' topic declarations (declaration merging) come with their handlers.
import '../../notifications/mail-send.handler';
import '../../webhooks/webhook-delivery.handler';
import { OutboxMessage } from '../outbox/outbox-topics';
import { QueueJob } from './queues';

/**
 * The typed contracts (issue 14) are compile-time checks: `tsc` in `npm test` fails when a line
 * marked @ts-expect-error compiles, i.e. when a wrong payload would be accepted. At run time
 * these are plain objects; the assertions only keep the well-typed ones honest.
 */
describe('typed contracts', () => {
  it('an outbox message carries the payload of its topic, and only known topics', () => {
    const mail: OutboxMessage = {
      topic: 'mail.send',
      dedupeKey: 'mail:x',
      payload: { to: 'a@example.az', template: 'appeal-notice', appealId: 'x' },
    };
    const webhook: OutboxMessage = { topic: 'webhook.deliver', dedupeKey: 'webhook:1', payload: { deliveryId: '1' } };
    // @ts-expect-error a mail needs a recipient
    const noRecipient: OutboxMessage = { topic: 'mail.send', dedupeKey: 'mail:y', payload: { deliveryId: '1' } };
    // @ts-expect-error no handler declares this topic
    const unknownTopic: OutboxMessage = { topic: 'sms.send', dedupeKey: 'sms:1', payload: {} };
    expect([mail, webhook, noRecipient, unknownTopic].map((m) => m.topic)).toEqual([
      'mail.send',
      'webhook.deliver',
      'mail.send',
      'sms.send',
    ]);
  });

  it('a queue job carries the payload of its name', () => {
    const one: QueueJob<'outbox'> = { name: 'mail.send', data: { outboxId: '1' } };
    const batch: QueueJob<'outbox'> = { name: 'outbox.batch', data: { outboxIds: ['1', '2'] } };
    const timers: QueueJob<'timers'> = { name: 'timers.fire', data: { timers: [['1', 0]] } };
    // @ts-expect-error a batch job carries ids, not one id
    const wrongBatch: QueueJob<'outbox'> = { name: 'outbox.batch', data: { outboxId: '1' } };
    // @ts-expect-error the timers queue has no outbox jobs
    const wrongQueue: QueueJob<'timers'> = { name: 'mail.send', data: { outboxId: '1' } };
    expect([one, batch, timers, wrongBatch, wrongQueue].map((j) => j.name)).toEqual([
      'mail.send',
      'outbox.batch',
      'timers.fire',
      'outbox.batch',
      'mail.send',
    ]);
  });

  it('an appeal event carries the data of its type', () => {
    const control: AppealEvent = { type: 'placed_under_control', data: { agencyId: 'a' } };
    // @ts-expect-error an assignment names the executor
    const wrongData: AppealEvent = { type: 'assigned', data: { agencyId: 'a' } };
    // @ts-expect-error no such event type
    const unknownType: AppealEvent = { type: 'deleted', data: {} };
    const narrowed = (event: AppealEvent): string | null => (event.type === 'placed_under_control' ? event.data.agencyId : null);
    expect([control, wrongData, unknownType].map(narrowed)).toEqual(['a', null, null]);
  });
});
