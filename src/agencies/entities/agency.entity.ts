import { Check, Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';
import { TIMESTAMPTZ_NOW } from '../../platform/database/columns';

/** An agency of the tree (migrations/1763776800000-initial-schema.ts); the migrations own its shape. */
@Entity({ name: 'agencies' })
@Check('agencies_check', 'parent_id IS DISTINCT FROM id')
@Index('agencies_parent_idx', ['parentId'])
export class AgencyEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'agencies_pkey' })
  id!: string;

  @Column({ type: 'text', unique: true })
  code!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ name: 'name_en', type: 'text', nullable: true })
  nameEn!: string | null;

  @Column({ name: 'parent_id', type: 'uuid', nullable: true })
  @ForeignKey('AgencyEntity', { name: 'agencies_parent_id_fkey' })
  parentId!: string | null;

  @Column({ name: 'created_at', ...TIMESTAMPTZ_NOW })
  createdAt!: Date;
}
