import { Module } from '@nestjs/common';
import { AppealsController } from './appeals.controller';
import { AppealsModule } from './appeals.module';

@Module({ imports: [AppealsModule], controllers: [AppealsController] })
export class AppealsApiModule {}
