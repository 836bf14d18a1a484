import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AgencyEntity } from './entities/agency.entity';
import { AgenciesRepository } from './agencies.repository';
import { AgenciesService } from './agencies.service';

@Module({
  imports: [TypeOrmModule.forFeature([AgencyEntity])],
  providers: [AgenciesRepository, AgenciesService],
  exports: [AgenciesService],
})
export class AgenciesModule {}
