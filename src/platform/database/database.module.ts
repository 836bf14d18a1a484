import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { dataSourceOptions } from './data-source';
import { Db } from './db';

@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => {
        if (!config.databaseUrl) throw new Error('DATABASE_URL is not resolved; start through the launcher');
        // Each module registers its own entities with TypeOrmModule.forFeature (modules own their tables).
        return { ...dataSourceOptions(config.databaseUrl, config.dbPoolSize, config.dbAppRole), autoLoadEntities: true };
      },
    }),
  ],
  providers: [Db],
  exports: [Db],
})
export class DatabaseModule {}
