import { Body, Controller, Get, Param, ParseIntPipe, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiTags } from '@nestjs/swagger';
import { Actor } from '../auth/actor';
import { CurrentActor, Public, Roles } from '../auth/auth.decorators';
import { CalendarService } from './calendar.service';
import { CalendarYearDto, CalendarYearInputDto, CalendarYearUpdatedDto, DeadlineDto, DeadlineQueryDto } from './dto/calendar.dto';
import { ApiProblems } from '../platform/openapi/problem-responses';

@ApiTags('calendar')
@Controller('api/v1/calendar')
export class CalendarController {
  constructor(private readonly calendar: CalendarService) {}

  /** The deadline ledger: lets anyone check the arithmetic of a term (appeals-rules.md 7). */
  @Public()
  @Get('deadline')
  @ApiProblems(422)
  deadline(@Query() query: DeadlineQueryDto): DeadlineDto {
    return this.calendar.deadline(query.from, query.workingDays);
  }

  @Public()
  @Get('years/:year')
  @ApiProblems(400, 422)
  year(@Param('year', ParseIntPipe) year: number): CalendarYearDto {
    return this.calendar.year(year);
  }

  /**
   * Replaces a year's non-working weekdays and working weekend days (admin). Validated as a whole;
   * audited; bumps the calendar version; recomputes the deadlines of open appeals that depend on
   * the changed dates. The body is validated by the calendar domain, hence no DTO class here.
   */
  @ApiBearerAuth()
  @ApiBody({ type: CalendarYearInputDto })
  @Roles('admin')
  @Put('years/:year')
  @ApiProblems(400, 401, 403, 422)
  async replaceYear(
    @CurrentActor() actor: Actor,
    @Param('year', ParseIntPipe) year: number,
    @Body() body: Record<string, unknown>,
  ): Promise<CalendarYearUpdatedDto> {
    const result = await this.calendar.replaceYear(actor, year, body);
    return { ...result.year, calendarVersion: result.version, movedAppeals: result.movedAppeals };
  }
}
