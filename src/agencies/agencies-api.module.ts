import { Module } from '@nestjs/common';
import { AgenciesController } from './agencies.controller';
import { AgenciesModule } from './agencies.module';

@Module({ imports: [AgenciesModule], controllers: [AgenciesController] })
export class AgenciesApiModule {}
