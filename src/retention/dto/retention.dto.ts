import { ApiProperty } from '@nestjs/swagger';
import { IsBoolean, IsOptional } from 'class-validator';

export class RetentionRunDto {
  /** true (the default): only report what would be erased. */
  @IsOptional()
  @IsBoolean()
  dryRun?: boolean;
}

/** Counts only: a retention report never holds personal data. */
export class RetentionReportDto {
  /** The run's counter (retention_runs.id, a bigint): digits, not a uuid. */
  @ApiProperty({ pattern: '^[1-9][0-9]{0,18}$', maxLength: 19 })
  runId!: string;
  dryRun!: boolean;
  retentionYears!: number;
  /** Cases closed before this instant are (or would be) erased. */
  @ApiProperty({ format: 'date-time' })
  closedBefore!: string;
  appeals!: number;
  parties!: number;
  attachments!: number;
  attachmentBytes!: number;
  answerTexts!: number;
  feedbackComments!: number;
  referralNotes!: number;
  eventTexts!: number;
  /** Recipient addresses removed from sent mails' outbox rows (0 in a dry run). */
  mailRecipients!: number;
}
