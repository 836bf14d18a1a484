import { Check, Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';
import { TIMESTAMPTZ_NOW } from '../../platform/database/columns';

/** An e-service of the catalogue (methodology sect. 1; migrations/1764122400000-evaluation.ts), keyed by its registry number. */
@Entity({ name: 'e_services' })
@Check('e_services_registry_number_check', `registry_number ~ '^[0-9]{1,3}(\\.[0-9]{1,3}){1,2}$'`)
@Index('e_services_agency_idx', ['agencyId', 'registryNumber'])
export class EServiceEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'e_services_pkey' })
  id!: string;

  @Column({ name: 'registry_number', type: 'text', unique: true })
  registryNumber!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ name: 'name_en', type: 'text', nullable: true })
  nameEn!: string | null;

  // A foreign key by entity name, not by import: the agencies module owns that table.
  @Column({ name: 'agency_id', type: 'uuid' })
  @ForeignKey('AgencyEntity', { name: 'e_services_agency_id_fkey' })
  agencyId!: string;

  @Column({ type: 'boolean', default: true })
  active!: boolean;

  @Column({ name: 'created_at', ...TIMESTAMPTZ_NOW })
  createdAt!: Date;

  @Column({ name: 'updated_at', ...TIMESTAMPTZ_NOW })
  updatedAt!: Date;
}
