import { Injectable } from '@nestjs/common';
import { AgenciesService } from '../agencies/agencies.service';
import { Actor } from '../auth/actor';
import { recordAdminAction } from '../platform/audit/audit-log';
import { Clock } from '../platform/clock/clock';
import { Db } from '../platform/database/db';
import { DomainError } from '../platform/errors/domain-error';
import { AssessmentsRepository, PeriodRow, SelfAssessmentRow, StoredAssessment } from './assessments.repository';
import { CatalogueRepository, EServiceRow } from './catalogue.repository';
import { InfrastructureAnswers, assessMaturity, infrastructureIndex } from './domain';
import { AgencyServicesDto, CreatePeriodDto } from './dto/evaluation.dto';
import { EvaluationResultsService, checkPeriod } from './evaluation-results.service';
import { MethodologyService } from './methodology.service';
import { ResponsivenessRepository } from './responsiveness.repository';
import { buildTemplate, parseSelfAssessmentSheet } from './spreadsheet';
import { toInstant } from '../platform/clock/instant';

/** The row shapes other modules (the web pages) read through this service. */
export type { PeriodRow } from './assessments.repository';

/**
 * What is entered per evaluation period (methodology sect. 1-4): periods (admin), N and M per
 * agency, the 17 self-assessment answers per e-service (the providing agency's staff, by API or
 * spreadsheet), the expert infrastructure survey (admin), and publishing (admin).
 */
@Injectable()
export class AssessmentsService {
  constructor(
    private readonly assessments: AssessmentsRepository,
    private readonly catalogue: CatalogueRepository,
    private readonly results: EvaluationResultsService,
    private readonly responsiveness: ResponsivenessRepository,
    private readonly agencies: AgenciesService,
    private readonly methodology: MethodologyService,
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  async createPeriod(actor: Actor, input: CreatePeriodDto): Promise<PeriodRow> {
    checkPeriod(input.startsOn, input.endsOn);
    return this.db.transaction(async (tx) => {
      const period = await this.assessments.insertPeriod(tx, { ...input, createdBy: actor.id });
      if (!period) throw new DomainError('CONFLICT', 'A period with these dates exists.');
      await recordAdminAction(tx, {
        actorId: actor.id,
        action: 'evaluation_period.created',
        subjectType: 'evaluation_period',
        subjectId: period.id,
        data: input,
      });
      return period;
    });
  }

  listPeriods(): Promise<PeriodRow[]> {
    return this.assessments.listPeriods();
  }

  /** Sect. 3 N and M: admins, or the agency's supervisor. */
  async setAgencyServices(actor: Actor, periodId: string, agencyId: string, input: AgencyServicesDto): Promise<void> {
    await this.results.period(periodId);
    await this.agencies.get(agencyId);
    await this.assertActsFor(actor, agencyId, ['supervisor']);
    if (input.servicesElectronic !== undefined && input.servicesElectronic > input.servicesTotal) {
      throw DomainError.field('VALIDATION_FAILED', 'servicesElectronic', 'cannot exceed servicesTotal');
    }
    await this.db.transaction(async (tx) => {
      await this.assessments.upsertAgencyServices(tx, {
        periodId,
        agencyId,
        servicesTotal: input.servicesTotal,
        servicesElectronic: input.servicesElectronic ?? null,
        updatedBy: actor.id,
      });
      await recordAdminAction(tx, {
        actorId: actor.id,
        action: 'evaluation_services_count.set',
        subjectType: 'agency',
        subjectId: agencyId,
        data: { periodId, ...input },
      });
    });
  }

  /** Sect. 2: one e-service's 17 answers for the period, by the providing agency's staff. */
  async putSelfAssessment(actor: Actor, periodId: string, eServiceId: string, answers: unknown): Promise<SelfAssessmentRow> {
    await this.results.period(periodId);
    const service = await this.catalogue.findById(eServiceId);
    if (!service) throw new DomainError('NOT_FOUND', 'The e-service was not found.');
    await this.assertActsFor(actor, service.agencyId, ['registrar', 'official', 'supervisor']);
    const stored = this.assess(service.id, answers);
    await this.db.transaction((tx) => this.assessments.upsertSelfAssessments(tx, periodId, [stored], 'api', actor.id));
    const [row] = await this.assessments
      .selfAssessments(periodId, [service.agencyId])
      .then((rows) => rows.filter((r) => r.eServiceId === eServiceId));
    return row;
  }

  async listSelfAssessments(actor: Actor, periodId: string, agencyId: string): Promise<SelfAssessmentRow[]> {
    await this.results.period(periodId);
    await this.assertActsFor(actor, agencyId, ['registrar', 'official', 'supervisor']);
    return this.assessments.selfAssessments(periodId, [agencyId]);
  }

  /** The pre-filled .xlsx of one agency and period (seed 004 sect. 1.2's Excel workflow). */
  async exportTemplate(actor: Actor, periodId: string, agencyId: string): Promise<{ fileName: string; content: Buffer }> {
    const period = await this.results.period(periodId);
    const agency = await this.agencies.get(agencyId);
    await this.assertActsFor(actor, agencyId, ['registrar', 'official', 'supervisor']);
    const [services, assessed] = await Promise.all([
      this.catalogue.list({ agencyIds: [agencyId], activeOnly: true }),
      this.assessments.selfAssessments(periodId, [agencyId]),
    ]);
    const answersBy = new Map(assessed.map((a) => [a.eServiceId, a.answers]));
    const content = await buildTemplate(
      this.methodology.current,
      { periodId, periodName: period.name, agencyId, agencyCode: agency.code },
      services.map((s) => ({ registryNumber: s.registryNumber, name: s.name, answers: answersBy.get(s.id) ?? null })),
    );
    return { fileName: `self-assessment-${agency.code}-${period.startsOn}-${period.endsOn}.xlsx`, content };
  }

  /** Imports a filled template: every row valid, then all written in one transaction, or none (422 with row and column). */
  async importTemplate(
    actor: Actor,
    periodId: string,
    agencyId: string,
    content: Buffer,
  ): Promise<{ imported: number; items: SelfAssessmentRow[] }> {
    await this.results.period(periodId);
    await this.agencies.get(agencyId);
    await this.assertActsFor(actor, agencyId, ['registrar', 'official', 'supervisor']);
    const services = await this.catalogue.list({ agencyIds: [agencyId], activeOnly: true });
    const byNumber = new Map<string, EServiceRow>(services.map((s) => [s.registryNumber, s]));
    const parsed = await parseSelfAssessmentSheet(content, this.methodology.current, {
      periodId,
      agencyId,
      registryNumbers: new Set(byNumber.keys()),
    });
    if (parsed.errors.length > 0) {
      throw new DomainError(
        'VALIDATION_FAILED',
        'The spreadsheet has errors; nothing was imported. See errors (row and column).',
        parsed.errors,
      );
    }
    const stored = parsed.rows.map((r) => this.assess((byNumber.get(r.registryNumber) as EServiceRow).id, r.answers));
    await this.db.transaction((tx) => this.assessments.upsertSelfAssessments(tx, periodId, stored, 'xlsx', actor.id));
    return { imported: stored.length, items: await this.assessments.selfAssessments(periodId, [agencyId]) };
  }

  /** Sect. 4: the expert survey of the period (admin, for ASAN's experts). */
  async putInfrastructure(actor: Actor, periodId: string, answers: unknown): Promise<object> {
    await this.results.period(periodId);
    const result = infrastructureIndex(this.methodology.current, answers as InfrastructureAnswers);
    await this.db.transaction(async (tx) => {
      await this.assessments.upsertInfrastructure(tx, {
        periodId,
        answers: answers as object,
        result,
        methodologyVersion: result.methodologyVersion,
        updatedBy: actor.id,
      });
      await recordAdminAction(tx, {
        actorId: actor.id,
        action: 'evaluation_infrastructure.set',
        subjectType: 'evaluation_period',
        subjectId: periodId,
      });
    });
    return result;
  }

  /**
   * Freezes the period's results (league rows, each agency's e-services and evidence, the
   * infrastructure index) with the methodology and calendar versions: later edits of answers,
   * catalogue or cases change the draft, never what was published. Once per period.
   */
  async publish(
    actor: Actor,
    periodId: string,
  ): Promise<{ periodId: string; publishedAt: string; methodologyVersion: string; calendarVersion: number }> {
    return this.db.transaction(async (tx) => {
      await this.assessments.lockPeriod(tx, periodId);
      const period = await this.results.period(periodId, tx);
      if (period.publishedAt) throw new DomainError('CONFLICT', 'This period is already published.');
      const details = await this.results.details({ from: period.startsOn, to: period.endsOn, scope: null }, tx);
      const first = details[0];
      const methodologyVersion = first?.methodologyVersion ?? this.methodology.current.version;
      const calendarVersion = first?.calendarVersion ?? (await this.responsiveness.calendarVersion(tx));
      const computedAt = this.clock.now();
      await this.assessments.insertSnapshot(tx, {
        periodId,
        methodologyVersion,
        calendarVersion,
        minCohort: this.methodology.current.responsiveness.minCohort,
        computedAt,
        publishedBy: actor.id,
        content: { period, items: details },
      });
      await recordAdminAction(tx, {
        actorId: actor.id,
        action: 'evaluation_period.published',
        subjectType: 'evaluation_period',
        subjectId: periodId,
        data: { methodologyVersion, calendarVersion },
      });
      return { periodId, publishedAt: toInstant(computedAt), methodologyVersion, calendarVersion };
    });
  }

  private assess(eServiceId: string, answers: unknown): StoredAssessment {
    const result = assessMaturity(this.methodology.current, answers as Record<string, boolean>);
    const numbers = this.methodology.current.indicators.map((d) => String(d.number));
    return {
      eServiceId,
      // Stored in indicator order with only the known keys (validation refused any other).
      answers: Object.fromEntries(numbers.map((n) => [n, (answers as Record<string, boolean>)[n]])),
      level: result.level,
      levelsReached: result.levelsReached,
      corruptionScore: result.corruptionScore,
      corruptionBand: result.corruptionBand,
      methodologyVersion: result.methodologyVersion,
    };
  }

  /** Admins, or staff of the agency in one of the roles (a supervisor also for the agencies below). */
  private async assertActsFor(actor: Actor, agencyId: string, roles: readonly string[]): Promise<void> {
    if (actor.role === 'admin') return;
    if (!actor.agencyId || !roles.includes(actor.role))
      throw new DomainError('FORBIDDEN', "Only the providing agency's staff may do this.");
    if (actor.agencyId === agencyId) return;
    if (actor.role === 'supervisor' && (await this.agencies.subtree(actor.agencyId)).includes(agencyId)) return;
    throw new DomainError('FORBIDDEN', "Only the providing agency's staff may do this.");
  }
}
