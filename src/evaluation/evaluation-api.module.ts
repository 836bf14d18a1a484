import { Module } from '@nestjs/common';
import { EvaluationAdminController } from './evaluation-admin.controller';
import { EvaluationController } from './evaluation.controller';
import { EvaluationModule } from './evaluation.module';
import { OpenDataController } from './open-data.controller';

@Module({ imports: [EvaluationModule], controllers: [EvaluationController, EvaluationAdminController, OpenDataController] })
export class EvaluationApiModule {}
