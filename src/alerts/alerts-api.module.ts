import { Module } from '@nestjs/common';
import { AlertsController } from './alerts.controller';
import { AlertsModule } from './alerts.module';

@Module({ imports: [AlertsModule], controllers: [AlertsController] })
export class AlertsApiModule {}
