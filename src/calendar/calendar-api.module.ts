import { Module } from '@nestjs/common';
import { CalendarController } from './calendar.controller';
import { CalendarModule } from './calendar.module';

@Module({ imports: [CalendarModule], controllers: [CalendarController] })
export class CalendarApiModule {}
