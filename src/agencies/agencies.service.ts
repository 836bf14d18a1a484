import { Injectable, OnModuleInit } from '@nestjs/common';
import { readFileSync } from 'node:fs';
import { configPath } from '../platform/config/paths';
import { Actor } from '../auth/actor';
import { recordAdminAction } from '../platform/audit/audit-log';
import { IdempotencyService, StoredResponse } from '../platform/idempotency/idempotency.service';
import { DomainError, NotFoundError } from '../platform/errors/domain-error';
import { AgenciesRepository, AgencySeed } from './agencies.repository';
import { AgencyDto, CreateAgencyDto } from './dto/agency.dto';
import { AgencyNode, AgencyTree } from './domain/agency-tree';

/** Other replicas may add agencies; a cached tree older than this is reloaded on a miss. */
const TREE_MAX_AGE_MS = 30_000;

export const AGENCY_SEED_FILE = configPath('agencies.json');

@Injectable()
export class AgenciesService implements OnModuleInit {
  private tree = new AgencyTree([]);
  private loadedAt = 0;

  constructor(
    private readonly agencies: AgenciesRepository,
    private readonly idempotency: IdempotencyService,
  ) {}

  /** Reference data is loaded at every start: an idempotent upsert, cheap for a few hundred rows. */
  async onModuleInit(): Promise<void> {
    await this.seedReferenceData();
  }

  /** Loads config/agencies.json idempotently (upsert by code). */
  async seedReferenceData(file = AGENCY_SEED_FILE): Promise<void> {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as { agencies: AgencySeed[] };
    await this.agencies.upsertSeed(parsed.agencies.map((a) => ({ ...a, nameEn: a.nameEn ?? null })));
    await this.reload();
  }

  async list(): Promise<AgencyDto[]> {
    return [...(await this.current()).nodes];
  }

  async get(id: string): Promise<AgencyDto> {
    const agency = await this.find(id);
    if (!agency) throw new NotFoundError('AGENCY_NOT_FOUND', 'The agency');
    return agency;
  }

  async exists(id: string): Promise<boolean> {
    return (await this.find(id)) !== undefined;
  }

  /** The agency and all below it: what a supervisor of `id` oversees. */
  async subtree(id: string): Promise<string[]> {
    await this.find(id);
    return this.tree.subtree(id);
  }

  /** The agencies above `id`, nearest first (Administrative Offences Code 594-1.1.2 checks). */
  async ancestors(id: string): Promise<string[]> {
    await this.find(id);
    return this.tree.ancestors(id);
  }

  async create(actor: Actor, input: CreateAgencyDto, idempotencyKey?: string): Promise<StoredResponse<AgencyDto>> {
    if (input.parentId && !(await this.exists(input.parentId))) {
      throw DomainError.field('VALIDATION_FAILED', 'parentId', 'No such parent agency.');
    }
    const created = await this.idempotency.run(
      actor.id,
      idempotencyKey,
      input,
      async (tx) => {
        const row = await this.agencies.insert(tx, {
          code: input.code,
          name: input.name,
          nameEn: input.nameEn ?? null,
          parentId: input.parentId ?? null,
        });
        if (!row) throw DomainError.field('AGENCY_CODE_TAKEN', 'code', 'An agency with this code already exists.');
        await recordAdminAction(tx, {
          actorId: actor.id,
          action: 'agency.created',
          subjectType: 'agency',
          subjectId: row.id,
          data: { code: row.code, parentId: row.parentId },
        });
        return { statusCode: 201, body: row };
      },
      { transaction: true },
    );
    if (!created.replayed) await this.reload();
    return created;
  }

  private async find(id: string): Promise<AgencyNode | undefined> {
    const tree = await this.current();
    const found = tree.get(id);
    if (found || Date.now() - this.loadedAt < 1_000) return found;
    // A miss may be an agency another replica just created.
    await this.reload();
    return this.tree.get(id);
  }

  private async current(): Promise<AgencyTree> {
    if (Date.now() - this.loadedAt > TREE_MAX_AGE_MS) await this.reload();
    return this.tree;
  }

  private async reload(): Promise<void> {
    this.tree = new AgencyTree(await this.agencies.listAll());
    this.loadedAt = Date.now();
  }
}
