import { Module } from '@nestjs/common';
import { AppealsBulkController } from './appeals-bulk.controller';
import { AppealsController } from './appeals.controller';
import { AppealsModule } from './appeals.module';
import { AuditController } from './audit.controller';

@Module({ imports: [AppealsModule], controllers: [AppealsBulkController, AppealsController, AuditController] })
export class AppealsApiModule {}
