import { Injectable } from '@nestjs/common';
import { AppealEventsService } from '../appeals/appeal-events.service';
import { AppealsService } from '../appeals/appeals.service';
import { Actor } from '../auth/actor';
import { Clock } from '../platform/clock/clock';
import { Db } from '../platform/database/db';
import { DomainError, NotFoundError } from '../platform/errors/domain-error';
import { BIGINT_ID, decodeCursor, encodeCursor } from '../platform/http/cursor';
import { AlertRow, AlertsRepository } from './alerts.repository';
import { AlertDto, AlertListDto, AppealControlDto } from './dto/alert.dto';
import { toInstant, toInstantOrNull } from '../platform/clock/instant';

const DEFAULT_PAGE = 50;

/** Supervisors' alerts (appeals-rules.md 17) and putting a case under a higher body's control. */
@Injectable()
export class AlertsService {
  constructor(
    private readonly alerts: AlertsRepository,
    private readonly appeals: AppealsService,
    private readonly events: AppealEventsService,
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  /** Alerts of the agencies the supervisor oversees (their agency and those below), newest first. */
  async list(actor: Actor, query: { limit?: number; cursor?: string }): Promise<AlertListDto> {
    const agencies = await this.appeals.supervisedBy(actor);
    if (agencies.length === 0) return { items: [], nextCursor: null };
    const limit = query.limit ?? DEFAULT_PAGE;
    const rows = await this.alerts.list(agencies, actor.id, query.cursor ? alertCursor(query.cursor) : null, limit + 1);
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      items: page.map(toAlertDto),
      nextCursor: rows.length > limit && last ? encodeCursor({ at: last.createdAt, id: last.id }) : null,
    };
  }

  async acknowledge(actor: Actor, id: string): Promise<AlertDto> {
    const alert = await this.visible(actor, id);
    await this.alerts.acknowledge(alert.id, actor.id, this.clock.now());
    return toAlertDto((await this.alerts.find(alert.id)) as AlertRow);
  }

  /**
   * appeals-rules.md 17: a higher body (a supervisor of an agency above the handling one) puts the
   * case under control; from then on the case's alerts go to its supervisors too.
   */
  async placeUnderControl(actor: Actor, appealId: string): Promise<AppealControlDto> {
    const appeal = await this.appeals.loadVisible(actor, appealId);
    if (actor.role !== 'supervisor' || !actor.agencyId || actor.agencyId === appeal.agencyId) {
      throw new DomainError('CONTROL_NOT_ALLOWED', 'Only a body above the handling agency puts a case under control.');
    }
    const agencyId = actor.agencyId;
    const placedAt = await this.db.transaction(async (tx) => {
      const placed = await this.alerts.placeUnderControl(tx, appealId, agencyId, actor.id, this.clock.now());
      if (placed.created) {
        await this.events.append(tx, appealId, {
          type: 'placed_under_control',
          actorId: actor.id,
          actorRole: actor.role,
          occurredAt: placed.placedAt,
          data: { agencyId },
        });
      }
      return placed.placedAt;
    });
    return { appealId, agencyId, placedAt: toInstant(placedAt) };
  }

  private async visible(actor: Actor, id: string): Promise<AlertRow> {
    const alert = /^[0-9]{1,18}$/.test(id) ? await this.alerts.find(id) : undefined;
    // AOC 594-1.1.2: the official a complaint is about does not see its alerts either.
    if (!alert || alert.respondentOfficialId === actor.id || !(await this.appeals.supervisedBy(actor)).includes(alert.agencyId)) {
      throw new NotFoundError('ALERT_NOT_FOUND', 'The alert');
    }
    return alert;
  }
}

function toAlertDto(row: AlertRow): AlertDto {
  return {
    id: row.id,
    appealId: row.appealId,
    registrationNumber: row.registrationNumber,
    kind: row.kind,
    daysBefore: row.daysBefore,
    agencyId: row.agencyId,
    dueAt: toInstant(row.dueAt),
    createdAt: toInstant(row.createdAt),
    acknowledgedAt: toInstantOrNull(row.acknowledgedAt),
  };
}

function alertCursor(cursor: string): { createdAt: string; id: string } {
  const { at, id } = decodeCursor(cursor, BIGINT_ID);
  return { createdAt: at, id };
}
