import { Check, Column, Entity, ForeignKey, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { TIMESTAMPTZ_NOW } from '../../platform/database/columns';

/** An agency's reusable answer text (migrations/1765010000000-answer-templates.ts). */
@Entity({ name: 'answer_templates' })
@Unique('answer_templates_agency_id_title_key', ['agencyId', 'title'])
@Check('answer_templates_body_check', 'char_length(body) >= 10 AND char_length(body) <= 20000')
@Check('answer_templates_title_check', 'char_length(title) >= 2 AND char_length(title) <= 200')
export class AnswerTemplateEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'answer_templates_pkey' })
  id!: string;

  // A foreign key by entity name, not by import: the agencies module owns that table.
  @Column({ name: 'agency_id', type: 'uuid' })
  @ForeignKey('AgencyEntity', { name: 'answer_templates_agency_id_fkey' })
  agencyId!: string;

  @Column({ type: 'text' })
  title!: string;

  @Column({ type: 'text' })
  body!: string;

  @Column({ name: 'created_at', ...TIMESTAMPTZ_NOW })
  createdAt!: Date;

  @Column({ name: 'updated_at', ...TIMESTAMPTZ_NOW })
  updatedAt!: Date;
}
