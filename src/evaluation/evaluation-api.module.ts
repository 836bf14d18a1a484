import { Module } from '@nestjs/common';
import { EvaluationAdminController } from './evaluation-admin.controller';
import { EvaluationController } from './evaluation.controller';
import { EvaluationModule } from './evaluation.module';

@Module({ imports: [EvaluationModule], controllers: [EvaluationController, EvaluationAdminController] })
export class EvaluationApiModule {}
