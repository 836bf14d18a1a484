import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import { Clock } from '../clock/clock';
import { JobProducer, QUEUE_JOB_STATES } from '../queue/queue.module';
import { MetricsRepository } from './metrics.repository';

const PREFIX = 'emuraciet_';

/**
 * Prometheus metrics of one process (API.md "Integrations": GET /metrics). Labels carry route
 * patterns, statuses, queue names and agency codes only: never a raw URL (ids, search text) or
 * anything about a person.
 */
@Injectable()
export class MetricsService {
  /** One registry per application (tests start several in one process). */
  readonly registry = new Registry();
  private readonly httpDuration = new Histogram({
    name: `${PREFIX}http_request_duration_seconds`,
    help: 'HTTP request duration by route pattern and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });
  private readonly queueJobs = this.gauge(
    'queue_jobs',
    'Jobs in each BullMQ queue by state (waiting, delayed, active: depth; failed: after the last attempt)',
    ['queue', 'state'],
  );
  private readonly outboxPending = this.gauge('outbox_pending', 'Outbox rows not yet handed to their effect (mail, webhook)');
  private readonly outboxOldest = this.gauge('outbox_oldest_pending_age_seconds', 'Age of the oldest pending outbox row');
  private readonly timersDue = this.gauge('timers_due', 'Deadline timers whose fire time has come and that have not fired');
  private readonly timersLate = this.gauge('timers_late', 'Deadline timers more than 60 s past their fire time and not fired');
  private readonly calendarPending = this.gauge(
    'calendar_recompute_pending',
    'Calendar changes whose recomputation of open appeals has not finished',
  );
  private readonly calendarMoved = this.gauge(
    'calendar_last_recompute_moved_appeals',
    'Appeals whose deadlines the latest finished calendar recomputation moved',
  );
  private readonly overdue = this.gauge('appeals_overdue', 'Open appeals past their review term, by agency code', ['agency']);

  constructor(
    private readonly repository: MetricsRepository,
    private readonly producer: JobProducer,
    private readonly clock: Clock,
  ) {
    collectDefaultMetrics({ register: this.registry, prefix: PREFIX });
  }

  observeHttp(method: string, route: string, status: number, seconds: number): void {
    this.httpDuration.observe({ method, route, status: String(status) }, seconds);
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  /** Reads PostgreSQL and Redis once per scrape, then renders the text format. */
  async render(): Promise<string> {
    const [snapshot, queues] = await Promise.all([this.repository.snapshot(this.clock.now()), this.producer.jobCounts()]);
    this.outboxPending.set(snapshot.outboxPending);
    this.outboxOldest.set(snapshot.outboxOldestPendingSeconds);
    this.timersDue.set(snapshot.timersDue);
    this.timersLate.set(snapshot.timersLate);
    this.calendarPending.set(snapshot.calendarRecomputePending);
    this.calendarMoved.set(snapshot.calendarLastMovedAppeals);
    // An agency with no overdue case any more must drop to nothing, not keep its last value.
    this.overdue.reset();
    for (const { agency, count } of snapshot.overdueByAgency) this.overdue.set({ agency }, count);
    for (const { queue, counts } of queues) {
      for (const state of QUEUE_JOB_STATES) this.queueJobs.set({ queue, state }, counts[state] ?? 0);
    }
    return this.registry.metrics();
  }

  private gauge<L extends string>(name: string, help: string, labelNames: readonly L[] = []): Gauge<L> {
    return new Gauge<L>({ name: `${PREFIX}${name}`, help, labelNames, registers: [this.registry] });
  }
}
