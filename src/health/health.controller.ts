import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Redis } from 'ioredis';
import { Public } from '../auth/auth.decorators';
import { Db } from '../platform/database/db';
import { REDIS } from '../platform/queue/queue.module';
import { MIGRATIONS } from '../../migrations';

const CHECK_TIMEOUT_MS = 2_000;

export class HealthDto {
  status: 'ok' | 'degraded';
  db: 'up' | 'down';
  redis: 'up' | 'down';
}

export class LivenessDto {
  status: 'ok';
}

export class ReadinessDto {
  status: 'ready' | 'not_ready';
  db: 'up' | 'down';
  redis: 'up' | 'down';
  /** `unknown` while PostgreSQL does not answer. */
  migrations: 'applied' | 'pending' | 'unknown';
  /** Names of the migrations this build has that the database lacks. */
  pendingMigrations: string[];
}

/** The names TypeORM records in the `migrations` table, in this build's order. */
const EXPECTED_MIGRATIONS: readonly string[] = MIGRATIONS.map((migration) => new migration().name ?? migration.name);

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly db: Db,
    @Inject(REDIS) private readonly redis: Redis,
  ) {}

  /** 200 when PostgreSQL and Redis answer, 503 otherwise (API.md "Health and docs"). */
  @Public()
  @Get()
  @ApiOkResponse({ type: HealthDto })
  @ApiServiceUnavailableResponse({ type: HealthDto, description: 'PostgreSQL or Redis does not answer; the body says which.' })
  async health(@Res({ passthrough: true }) reply: FastifyReply): Promise<HealthDto> {
    const [db, redis] = await Promise.all([probe(() => this.db.query('SELECT 1')), probe(() => this.redis.ping())]);
    const healthy = db && redis;
    void reply.status(healthy ? 200 : 503);
    return { status: healthy ? 'ok' : 'degraded', db: db ? 'up' : 'down', redis: redis ? 'up' : 'down' };
  }

  /**
   * The process answers (API.md "Integrations"): no dependency is asked, so an orchestrator never
   * restarts a healthy process because PostgreSQL or Redis had a pause.
   */
  @Public()
  @Get('live')
  live(): LivenessDto {
    return { status: 'ok' };
  }

  /**
   * Ready to take traffic: every migration of this build applied, PostgreSQL and Redis answering;
   * 503 naming what is not (API.md "Integrations"). A replica of a newer build waits here until
   * the migrations ran.
   */
  @Public()
  @Get('ready')
  @ApiOkResponse({ type: ReadinessDto })
  @ApiServiceUnavailableResponse({ type: ReadinessDto, description: 'Not ready; the body says what is missing.' })
  async ready(@Res({ passthrough: true }) reply: FastifyReply): Promise<ReadinessDto> {
    let applied: Set<string> | undefined;
    const [db, redis] = await Promise.all([
      probe(async () => {
        const rows = await this.db.query<{ name: string }>('SELECT name FROM migrations');
        applied = new Set(rows.map((row) => row.name));
      }),
      probe(() => this.redis.ping()),
    ]);
    const pendingMigrations = applied ? EXPECTED_MIGRATIONS.filter((name) => !applied!.has(name)) : [];
    const migrations = !applied ? 'unknown' : pendingMigrations.length === 0 ? 'applied' : 'pending';
    const ready = db && redis && migrations === 'applied';
    void reply.status(ready ? 200 : 503);
    return { status: ready ? 'ready' : 'not_ready', db: db ? 'up' : 'down', redis: redis ? 'up' : 'down', migrations, pendingMigrations };
  }
}

async function probe(check: () => Promise<unknown>): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      check(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error('timeout')), CHECK_TIMEOUT_MS);
      }),
    ]);
    return true;
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}
