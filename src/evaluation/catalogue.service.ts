import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { readFileSync } from 'node:fs';
import { AgenciesService } from '../agencies/agencies.service';
import { Actor } from '../auth/actor';
import { recordAdminAction } from '../platform/audit/audit-log';
import { configPath } from '../platform/config/paths';
import { Db } from '../platform/database/db';
import { DomainError } from '../platform/errors/domain-error';
import { CatalogueRepository, EServiceRow, EServiceSeed } from './catalogue.repository';
import { CreateEServiceDto, UpdateEServiceDto } from './dto/evaluation.dto';

/** The row shape other modules (the web pages) read through this service. */
export type { EServiceRow } from './catalogue.repository';

export const E_SERVICE_SEED_FILE = configPath('e-services.json');

/** The e-service catalogue (methodology sect. 1): seeded from seed 004 sect. 1.2, edited by admins. */
@Injectable()
export class CatalogueService implements OnModuleInit {
  private readonly logger = new Logger(CatalogueService.name);

  constructor(
    private readonly catalogue: CatalogueRepository,
    private readonly agencies: AgenciesService,
    private readonly db: Db,
  ) {}

  /** Runs after the agencies are loaded (AgenciesModule is a dependency, so it initialises first). */
  async onModuleInit(): Promise<void> {
    const seeds = (JSON.parse(readFileSync(E_SERVICE_SEED_FILE, 'utf8')) as { services: EServiceSeed[] }).services;
    const inserted = await this.catalogue.insertMissing(seeds);
    if (inserted > 0) this.logger.log(`e-services loaded from config: ${inserted}`);
  }

  list(agencyId?: string): Promise<EServiceRow[]> {
    return this.catalogue.list({ agencyIds: agencyId ? [agencyId] : undefined });
  }

  async get(id: string): Promise<EServiceRow> {
    const service = await this.catalogue.findById(id);
    if (!service) throw new DomainError('NOT_FOUND', 'The e-service was not found.');
    return service;
  }

  async create(actor: Actor, input: CreateEServiceDto): Promise<EServiceRow> {
    await this.assertAgency(input.agencyId);
    return this.db.transaction(async (tx) => {
      const row = await this.catalogue.insert(tx, {
        registryNumber: input.registryNumber,
        name: input.name,
        nameEn: input.nameEn ?? null,
        agencyId: input.agencyId,
      });
      if (!row) throw DomainError.field('CONFLICT', 'registryNumber', 'An e-service with this registry number exists.');
      await recordAdminAction(tx, {
        actorId: actor.id,
        action: 'e_service.created',
        subjectType: 'e_service',
        subjectId: row.id,
        data: input,
      });
      return row;
    });
  }

  async update(actor: Actor, id: string, input: UpdateEServiceDto): Promise<EServiceRow> {
    if (input.agencyId) await this.assertAgency(input.agencyId);
    return this.db.transaction(async (tx) => {
      const before = await this.catalogue.findById(id, tx);
      const row = await this.catalogue.update(tx, id, input);
      if (!before || !row) throw new DomainError('NOT_FOUND', 'The e-service was not found.');
      await recordAdminAction(tx, {
        actorId: actor.id,
        action: 'e_service.updated',
        subjectType: 'e_service',
        subjectId: id,
        data: { before, after: row },
      });
      return row;
    });
  }

  private async assertAgency(agencyId: string): Promise<void> {
    if (!(await this.agencies.exists(agencyId))) throw DomainError.field('VALIDATION_FAILED', 'agencyId', 'No such agency.');
  }
}
