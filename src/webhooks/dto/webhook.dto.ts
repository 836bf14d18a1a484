import { ApiProperty, PickType } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { ListAppealsQuery } from '../../appeals/dto/list-appeals.query';
import { WEBHOOK_URL_MAX_LENGTH } from '../domain/target-policy';
import { WEBHOOK_EVENTS, WebhookEvent } from '../domain/webhook-events';

export class CreateWebhookDto {
  /** http(s) endpoint of the agency's system; loopback and private addresses are refused. */
  @ApiProperty({ maxLength: WEBHOOK_URL_MAX_LENGTH })
  @IsString()
  @MaxLength(WEBHOOK_URL_MAX_LENGTH)
  url!: string;

  @ApiProperty({ enum: WEBHOOK_EVENTS, isArray: true, maxItems: WEBHOOK_EVENTS.length })
  @ArrayMinSize(1)
  @ArrayMaxSize(WEBHOOK_EVENTS.length)
  @ArrayUnique()
  @IsIn(WEBHOOK_EVENTS, { each: true })
  events!: WebhookEvent[];

  /** The agency whose subtree's events are sent; admins may leave it out for every agency. A supervisor's default: their agency. */
  @IsOptional()
  @IsUUID()
  agencyId?: string;
}

export class WebhookDto {
  id!: string;
  url!: string;
  events!: string[];
  agencyId!: string | null;
  createdAt!: string;
}

export class CreatedWebhookDto extends WebhookDto {
  /** The Standard Webhooks signing secret (whsec_...): shown once, here. */
  secret!: string;
}

export class WebhookListDto {
  items!: WebhookDto[];
}

export class ListDeliveriesQuery extends PickType(ListAppealsQuery, ['limit', 'cursor'] as const) {}

export class WebhookDeliveryDto {
  /** Also the `webhook-id` header of every attempt. */
  id!: string;
  event!: string;
  appealId!: string;
  /** pending (being tried or waiting for a retry), delivered, failed (attempts exhausted), cancelled (webhook deleted) */
  status!: string;
  attempts!: number;
  lastResponseCode!: number | null;
  lastError!: string | null;
  lastAttemptAt!: string | null;
  nextAttemptAt!: string | null;
  deliveredAt!: string | null;
  createdAt!: string;
}

export class WebhookDeliveryListDto {
  items!: WebhookDeliveryDto[];
  nextCursor!: string | null;
}
