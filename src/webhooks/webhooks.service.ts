import { Inject, Injectable } from '@nestjs/common';
import { AgenciesService } from '../agencies/agencies.service';
import { Actor } from '../auth/actor';
import { recordAdminAction } from '../platform/audit/audit-log';
import { AppConfig } from '../platform/config/app-config';
import { APP_CONFIG } from '../platform/config/config.module';
import { Db } from '../platform/database/db';
import { DomainError, NotFoundError } from '../platform/errors/domain-error';
import { decodeCursor, encodeCursor } from '../platform/http/cursor';
import { IdempotencyService, StoredResponse } from '../platform/idempotency/idempotency.service';
import { newWebhookSecret } from './domain/signature';
import { checkAddresses, hostOf, parseWebhookUrl } from './domain/target-policy';
import { CreatedWebhookDto, CreateWebhookDto, WebhookDeliveryListDto, WebhookDto } from './dto/webhook.dto';
import { DNS_RESOLVER, Resolver } from './webhook-http';
import { SubscriptionRow, WebhooksRepository } from './webhooks.repository';
import { toInstant, toInstantOrNull } from '../platform/clock/instant';

const DEFAULT_PAGE = 50;
const UUID = /^[0-9a-f-]{36}$/;

/**
 * Webhook subscriptions of agencies' systems (API.md "Integrations"). Admins register for any
 * agency or all; a supervisor for the agencies they oversee (their subtree) and sees only those.
 */
@Injectable()
export class WebhooksService {
  constructor(
    private readonly repository: WebhooksRepository,
    private readonly agencies: AgenciesService,
    private readonly idempotency: IdempotencyService,
    private readonly db: Db,
    @Inject(DNS_RESOLVER) private readonly resolve: Resolver,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async create(actor: Actor, input: CreateWebhookDto, idempotencyKey?: string): Promise<StoredResponse<CreatedWebhookDto>> {
    const agencyId = await this.agencyFor(actor, input.agencyId);
    const url = await this.checkTarget(input.url);
    return this.idempotency.run(actor.id, idempotencyKey, input, async (tx) => {
      const secret = newWebhookSecret();
      const row = await this.repository.insert(tx, { url, events: input.events, agencyId, secret, createdBy: actor.id });
      await recordAdminAction(tx, {
        actorId: actor.id,
        action: 'webhook.registered',
        subjectType: 'webhook',
        subjectId: row.id,
        data: { events: row.events, agencyId, host: new URL(url).host },
      });
      return { statusCode: 201, body: { ...toDto(row), secret } };
    });
  }

  async list(actor: Actor): Promise<{ items: WebhookDto[] }> {
    const rows = await this.repository.listLive(await this.scope(actor));
    return { items: rows.map(toDto) };
  }

  async remove(actor: Actor, id: string): Promise<void> {
    await this.visible(actor, id);
    await this.db.transaction(async (tx) => {
      if (!(await this.repository.markDeleted(tx, id, actor.id))) throw new NotFoundError('WEBHOOK_NOT_FOUND', 'The webhook');
      await recordAdminAction(tx, { actorId: actor.id, action: 'webhook.deleted', subjectType: 'webhook', subjectId: id });
    });
  }

  async deliveries(actor: Actor, id: string, query: { limit?: number; cursor?: string }): Promise<WebhookDeliveryListDto> {
    await this.visible(actor, id);
    const limit = query.limit ?? DEFAULT_PAGE;
    const after = query.cursor ? decodeCursor(query.cursor, UUID) : undefined;
    const rows = await this.repository.listDeliveries(id, actor.id, limit + 1, after && { createdAt: after.at, id: after.id });
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      items: page.map((row) => ({
        id: row.id,
        event: row.event,
        appealId: row.appealId,
        status: row.status,
        attempts: row.attempts,
        lastResponseCode: row.lastResponseCode,
        lastError: row.lastError,
        lastAttemptAt: toInstantOrNull(row.lastAttemptAt),
        nextAttemptAt: toInstantOrNull(row.nextAttemptAt),
        deliveredAt: toInstantOrNull(row.deliveredAt),
        createdAt: toInstant(row.createdAt),
      })),
      nextCursor: rows.length > limit && last ? encodeCursor({ at: last.createdAt, id: last.id }) : null,
    };
  }

  /** Admins: any agency or every one (null); supervisors: an agency they oversee, their own by default. */
  private async agencyFor(actor: Actor, requested: string | undefined): Promise<string | null> {
    if (actor.role === 'admin') {
      if (requested && !(await this.agencies.exists(requested)))
        throw DomainError.field('APPEAL_UNKNOWN_AGENCY', 'agencyId', 'No such agency.');
      return requested ?? null;
    }
    const scope = await this.scope(actor);
    const agencyId = requested ?? actor.agencyId;
    if (!agencyId || !scope?.includes(agencyId)) {
      throw DomainError.field('FORBIDDEN', 'agencyId', 'A supervisor registers webhooks only for the agencies they oversee.');
    }
    return agencyId;
  }

  /** null: every subscription (admin); else the agencies a supervisor oversees. */
  private async scope(actor: Actor): Promise<string[] | null> {
    if (actor.role === 'admin') return null;
    if (actor.role === 'supervisor' && actor.agencyId) return this.agencies.subtree(actor.agencyId);
    throw new DomainError('FORBIDDEN', 'Webhooks are managed by admins and supervisors.');
  }

  private async visible(actor: Actor, id: string): Promise<SubscriptionRow> {
    const [row, scope] = await Promise.all([this.repository.findLive(id), this.scope(actor)]);
    if (!row || (scope !== null && (row.agencyId === null || !scope.includes(row.agencyId))))
      throw new NotFoundError('WEBHOOK_NOT_FOUND', 'The webhook');
    return row;
  }

  /** The URL's form, then the addresses its host resolves to now (checked again at each delivery). */
  private async checkTarget(raw: string): Promise<string> {
    const url = parseWebhookUrl(raw);
    if (!(url instanceof URL)) throw DomainError.field('VALIDATION_FAILED', 'url', url.message);
    let addresses: string[];
    try {
      addresses = await this.resolve(hostOf(url));
    } catch {
      addresses = [];
    }
    const refused = checkAddresses(addresses, this.config.webhooks.allowPrivateTargets);
    if (refused) throw DomainError.field('WEBHOOK_TARGET_REFUSED', 'url', refused.message);
    return url.toString();
  }
}

function toDto(row: SubscriptionRow): WebhookDto {
  return { id: row.id, url: row.url, events: row.events, agencyId: row.agencyId, createdAt: toInstant(row.createdAt) };
}
