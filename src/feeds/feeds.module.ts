import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CalendarFeedEntity } from './entities/calendar-feed.entity';
import { AppealsModule } from '../appeals/appeals.module';
import { RateLimiter } from '../platform/http/rate-limiter';
import { UsersModule } from '../users/users.module';
import { CalendarFeedsController } from './calendar-feeds.controller';
import { CalendarFeedsRepository } from './calendar-feeds.repository';
import { CalendarFeedsService } from './calendar-feeds.service';

/** Calendar feeds: HTTP only (the API role). */
@Module({
  imports: [TypeOrmModule.forFeature([CalendarFeedEntity]), AppealsModule, UsersModule],
  providers: [CalendarFeedsRepository, CalendarFeedsService, RateLimiter],
  controllers: [CalendarFeedsController],
})
export class FeedsModule {}
