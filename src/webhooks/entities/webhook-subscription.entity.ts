import { Check, Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';
import { TIMESTAMPTZ_NOW, TIMESTAMPTZ_NULL } from '../../platform/database/columns';

/**
 * A webhook subscription (migrations/1764640816000-integrations-and-retention.ts). Its deliveries
 * are written by database triggers and stay raw SQL in WebhooksRepository.
 */
@Entity({ name: 'webhook_subscriptions' })
@Check('webhook_subscriptions_events_check', 'cardinality(events) > 0')
@Index('webhook_subscriptions_active_idx', ['agencyId'], { where: 'deleted_at IS NULL' })
export class WebhookSubscriptionEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'webhook_subscriptions_pkey' })
  id!: string;

  @Column({ type: 'text' })
  url!: string;

  @Column({ type: 'text', array: true })
  events!: string[];

  @Column({ name: 'agency_id', type: 'uuid', nullable: true })
  @ForeignKey('AgencyEntity', { name: 'webhook_subscriptions_agency_id_fkey' })
  agencyId!: string | null;

  @Column({ type: 'text' })
  secret!: string;

  @Column({ name: 'created_by', type: 'uuid' })
  @ForeignKey('UserEntity', { name: 'webhook_subscriptions_created_by_fkey' })
  createdBy!: string;

  @Column({ name: 'created_at', ...TIMESTAMPTZ_NOW })
  createdAt!: Date;

  @Column({ name: 'deleted_at', ...TIMESTAMPTZ_NULL })
  deletedAt!: Date | null;

  @Column({ name: 'deleted_by', type: 'uuid', nullable: true })
  @ForeignKey('UserEntity', { name: 'webhook_subscriptions_deleted_by_fkey' })
  deletedBy!: string | null;
}
