import { ApiProperty, PickType } from '@nestjs/swagger';
import { ListAppealsQuery } from '../../appeals/dto/list-appeals.query';
import { AlertKind } from '../domain/alert-mail';

/** The API's list paging (API.md "Lists"): `limit` up to 200 and an opaque `cursor`. */
export class ListAlertsQuery extends PickType(ListAppealsQuery, ['limit', 'cursor'] as const) {}

/** Alerts are numbered by a bigint sequence, not uuids. */
export const ALERT_ID_PATTERN = '^[1-9][0-9]{0,17}$';

export class AlertDto {
  @ApiProperty({ pattern: ALERT_ID_PATTERN, maxLength: 18 })
  id!: string;
  appealId!: string;
  registrationNumber!: string;
  /** referral_due, review_warning, review_due, overdue, escalation, notice_due */
  kind!: AlertKind;
  /** For review_warning: working days left before the review term ends. */
  daysBefore!: number;
  agencyId!: string;
  /** The deadline the alert is about (ISO-8601). */
  dueAt!: string;
  createdAt!: string;
  acknowledgedAt!: string | null;
}

export class AlertListDto {
  items!: AlertDto[];
  nextCursor!: string | null;
}

export class AppealControlDto {
  appealId!: string;
  /** The higher body whose supervisors now get the case's alerts too. */
  agencyId!: string;
  placedAt!: string;
}
