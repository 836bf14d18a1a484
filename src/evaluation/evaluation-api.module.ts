import { Module } from '@nestjs/common';
import { AppealStatisticsController } from './appeal-statistics.controller';
import { EvaluationAdminController } from './evaluation-admin.controller';
import { EvaluationController } from './evaluation.controller';
import { EvaluationModule } from './evaluation.module';
import { OpenDataController } from './open-data.controller';

@Module({
  imports: [EvaluationModule],
  controllers: [EvaluationController, AppealStatisticsController, EvaluationAdminController, OpenDataController],
})
export class EvaluationApiModule {}
