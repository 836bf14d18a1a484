import { Module } from '@nestjs/common';
import { AppealsController } from './appeals.controller';
import { AppealsModule } from './appeals.module';
import { AuditController } from './audit.controller';

@Module({ imports: [AppealsModule], controllers: [AppealsController, AuditController] })
export class AppealsApiModule {}
