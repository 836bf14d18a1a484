import { ApiProperty } from '@nestjs/swagger';

/** The response shapes of the evaluation routes, for the OpenAPI document (the services return rows). */

export class PeriodDto {
  id: string;
  name: string;
  /** YYYY-MM-DD */
  startsOn: string;
  /** YYYY-MM-DD */
  endsOn: string;
  publishedAt: string | null;
}

export class PeriodListDto {
  items: PeriodDto[];
}

export class EServiceDto {
  id: string;
  registryNumber: string;
  name: string;
  nameEn: string | null;
  agencyId: string;
  active: boolean;
}

export class EServiceListDto {
  items: EServiceDto[];
}

export class SelfAssessmentView {
  eServiceId: string;
  agencyId: string;
  registryNumber: string;
  /** Question number -> answer (sect. 2). */
  answers: Record<string, boolean>;
  level: number;
  levelsReached: number[];
  @ApiProperty({ type: 'number', format: 'double' })
  corruptionScore: number;
  corruptionBand: string;
  methodologyVersion: string;
  source: 'api' | 'xlsx';
  updatedAt: string;
}

export class SelfAssessmentListDto {
  items: SelfAssessmentView[];
}

export class SelfAssessmentImportDto {
  imported: number;
  items: SelfAssessmentView[];
}

export class PublishedPeriodDto {
  periodId: string;
  publishedAt: string;
  methodologyVersion: string;
  calendarVersion: number;
}

/** Sect. 2: the maturity level of one e-service's answers. */
export class MaturityResultDto {
  level: number;
  levelsReached: number[];
  columns: number[];
  @ApiProperty({ type: 'number', format: 'double' })
  corruptionScore: number;
  corruptionBand: string;
  methodologyVersion: string;
}

/** Sect. 4: the e-infrastructure index of an expert survey. */
export class InfrastructureResultDto {
  /** Component -> score. */
  components: Record<string, number>;
  @ApiProperty({ type: 'number', format: 'double' })
  index: number;
  rounded: object;
  colours: object;
  methodologyVersion: string;
}
