import { Module } from '@nestjs/common';
import { AgenciesModule } from '../agencies/agencies.module';
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
  imports: [AgenciesModule],
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
  ],
  exports: [
    MethodologyService,
    CatalogueService,
    AssessmentsService,
    EvaluationResultsService,
    EvaluationExportService,
    EvaluationCalculatorService,
    ResponsivenessRepository,
  ],
})
export class EvaluationModule {}
