import { Controller, Get, Param, ParseIntPipe, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/auth.decorators';
import { CalendarService } from './calendar.service';
import { CalendarYearDto, DeadlineDto, DeadlineQueryDto } from './dto/calendar.dto';

@ApiTags('calendar')
@Controller('api/v1/calendar')
export class CalendarController {
  constructor(private readonly calendar: CalendarService) {}

  /** The deadline ledger: lets anyone check the arithmetic of a term (appeals-rules.md 7). */
  @Public()
  @Get('deadline')
  deadline(@Query() query: DeadlineQueryDto): DeadlineDto {
    return this.calendar.deadline(query.from, query.workingDays);
  }

  @Public()
  @Get('years/:year')
  year(@Param('year', ParseIntPipe) year: number): CalendarYearDto {
    return this.calendar.year(year);
  }
}
