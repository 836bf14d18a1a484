import { Global, Module } from '@nestjs/common';
import { MetricsController } from './metrics.controller';
import { MetricsRepository } from './metrics.repository';
import { MetricsServer } from './metrics.server';
import { MetricsService } from './metrics.service';

/** Both roles: the API reports its requests, the worker its queues; each is scraped on its own. */
@Global()
@Module({
  controllers: [MetricsController],
  providers: [MetricsRepository, MetricsService, MetricsServer],
  exports: [MetricsService],
})
export class MetricsModule {}
