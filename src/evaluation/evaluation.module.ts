import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { EServiceEntity } from './entities/e-service.entity';
import { EvaluationPeriodEntity } from './entities/evaluation-period.entity';
import { AgenciesModule } from '../agencies/agencies.module';
import { AppealStatisticsRepository } from './appeal-statistics.repository';
import { AppealStatisticsService } from './appeal-statistics.service';
import { AssessmentsRepository } from './assessments.repository';
import { AssessmentsService } from './assessments.service';
import { CatalogueRepository } from './catalogue.repository';
import { CatalogueService } from './catalogue.service';
import { EvaluationCalculatorService } from './evaluation-calculator.service';
import { EvaluationExportService } from './evaluation-export.service';
import { EvaluationResultsService } from './evaluation-results.service';
import { MethodologyService } from './methodology.service';
import { ResponsivenessRepository } from './responsiveness.repository';

/** Service evaluation (methodology sect. 1-5); reads the appeals data through its own SQL only. */
@Module({
  imports: [TypeOrmModule.forFeature([EServiceEntity, EvaluationPeriodEntity]), AgenciesModule],
  providers: [
    MethodologyService,
    CatalogueRepository,
    CatalogueService,
    AssessmentsRepository,
    AssessmentsService,
    ResponsivenessRepository,
    EvaluationResultsService,
    EvaluationExportService,
    EvaluationCalculatorService,
    AppealStatisticsRepository,
    AppealStatisticsService,
  ],
  exports: [
    MethodologyService,
    CatalogueService,
    AssessmentsService,
    EvaluationResultsService,
    EvaluationExportService,
    EvaluationCalculatorService,
    ResponsivenessRepository,
    AppealStatisticsService,
  ],
})
export class EvaluationModule {}
