/**
 * Prometheus metrics of one app process (issue 23): HTTP requests by route, errors by code,
 * database pool use and query latency, job runs, failures and durations (the deadline sweep's
 * among them), the outbox's depth and the age of its oldest undelivered message, appeals
 * registered by channel, log lines dropped, the read replica's use and lag (ADR 054), and Node's
 * own process metrics. Counters are per
 * process: sum them over the processes in PromQL. `docs/grafana-dashboard.json` draws them.
 */
import { sql, type Kysely } from 'kysely';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { ReadReplica } from '../db/read-replica.js';
import type { DB } from '../db/schema.js';
import type { LogSinkStats } from './log-sink.js';

/**
 * Appeals registered by channel, counted by the registration use case when its statement has run
 * (process-wide: one registration path, however many apps a test builds).
 */
export const appealsRegistered = new Counter({
  name: 'kontakt_appeals_registered_total',
  help: 'Appeals registered in this process, by channel',
  labelNames: ['channel'] as const,
  registers: [],
});

/**
 * Registrations written per statement (ADR 067, process-wide): how the group writer groups them,
 * and how many groups failed and were written again one registration at a time.
 */
export const registrationGroupSize = new Histogram({
  name: 'kontakt_registration_group_size',
  help: 'Registrations written in one statement and commit (ADR 067)',
  buckets: [1, 2, 4, 8, 16, 32, 64],
  registers: [],
});

export const registrationGroupsRetried = new Counter({
  name: 'kontakt_registration_groups_retried_total',
  help: 'Groups of registrations whose statement failed and that were written again one at a time',
  registers: [],
});

const SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** What the metrics read at scrape time; each part is optional (tests build apps without them). */
export interface MetricsSources {
  db: Kysely<DB>;
  poolUse?: () => { total: number; idle: number; waiting: number };
  logStats?: () => LogSinkStats;
  /** The read replica, when configured (ADR 054). */
  replica?: ReadReplica | undefined;
}

/** The metrics of one app, with the registry `/metrics` renders. */
export class Metrics {
  readonly registry = new Registry();

  readonly httpRequests = new Counter({
    name: 'kontakt_http_requests_total',
    help: 'HTTP requests answered, by method, route pattern and status',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [this.registry],
  });

  readonly httpDuration = new Histogram({
    name: 'kontakt_http_request_duration_seconds',
    help: 'Time to answer an HTTP request, by method and route pattern',
    labelNames: ['method', 'route'] as const,
    buckets: SECONDS,
    registers: [this.registry],
  });

  readonly httpErrors = new Counter({
    name: 'kontakt_http_errors_total',
    help: 'Error answers by their stable error code and status',
    labelNames: ['code', 'status'] as const,
    registers: [this.registry],
  });

  readonly queryDuration = new Histogram({
    name: 'kontakt_db_query_duration_seconds',
    help: 'Database query latency, by outcome',
    labelNames: ['outcome'] as const,
    buckets: [0.001, ...SECONDS],
    registers: [this.registry],
  });

  readonly jobRuns = new Counter({
    name: 'kontakt_job_runs_total',
    help: 'Background job runs, by job and outcome (ok or failed)',
    labelNames: ['job', 'outcome'] as const,
    registers: [this.registry],
  });

  readonly jobDuration = new Histogram({
    name: 'kontakt_job_duration_seconds',
    help: 'Background job duration, by job (deadline-sweep is the sweep)',
    labelNames: ['job'] as const,
    buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
    registers: [this.registry],
  });

  constructor(sources: MetricsSources) {
    this.registry.registerMetric(appealsRegistered);
    this.registry.registerMetric(registrationGroupSize);
    this.registry.registerMetric(registrationGroupsRetried);
    collectDefaultMetrics({ register: this.registry, prefix: 'kontakt_' });
    const { poolUse, logStats, db, replica } = sources;
    if (poolUse) {
      new Gauge({
        name: 'kontakt_db_pool_connections',
        help: 'Database pool connections by state (in_use, idle) and clients waiting for one',
        labelNames: ['state'] as const,
        registers: [this.registry],
        collect() {
          const use = poolUse();
          this.set({ state: 'in_use' }, use.total - use.idle);
          this.set({ state: 'idle' }, use.idle);
          this.set({ state: 'waiting' }, use.waiting);
        },
      });
    }
    if (logStats) {
      new Gauge({
        name: 'kontakt_log_lines',
        help: 'Log lines by fate: written, dropped (output full or broken); errors of the output',
        labelNames: ['fate'] as const,
        registers: [this.registry],
        collect() {
          const stats = logStats();
          this.set({ fate: 'written' }, stats.written);
          this.set({ fate: 'dropped' }, stats.dropped);
          this.set({ fate: 'output_errors' }, stats.errors);
        },
      });
    }
    if (replica) {
      new Gauge({
        name: 'kontakt_db_replica_in_use',
        help: 'Whether heavy reads go to the read replica (1) or to the primary (0)',
        registers: [this.registry],
        async collect() {
          this.set((await replica.health()).state === 'in_use' ? 1 : 0);
        },
      });
      new Gauge({
        name: 'kontakt_db_replica_lag_seconds',
        help: "The read replica's replay lag at the last check (NaN when it could not be measured)",
        registers: [this.registry],
        async collect() {
          this.set((await replica.health()).lagSeconds ?? NaN);
        },
      });
    }
    // One query per scrape serves both outbox gauges (their collects run concurrently).
    const outbox = { depth: 0, oldestAgeSeconds: 0 };
    let reading: Promise<void> | null = null;
    const readOutbox = () =>
      (reading ??= queryOutbox().finally(() => {
        reading = null;
      }));
    const queryOutbox = async () => {
      const row = await sql<{ depth: number; oldest: Date | null }>`
        SELECT count(*)::int AS depth, min(created_at) AS oldest
        FROM notifications WHERE status = 'pending'`
        .execute(db)
        .then((r) => r.rows[0]);
      outbox.depth = row?.depth ?? 0;
      outbox.oldestAgeSeconds = row?.oldest ? (Date.now() - row.oldest.getTime()) / 1000 : 0;
    };
    new Gauge({
      name: 'kontakt_outbox_pending',
      help: 'Notifications waiting in the outbox for delivery',
      registers: [this.registry],
      async collect() {
        await readOutbox();
        this.set(outbox.depth);
      },
    });
    new Gauge({
      name: 'kontakt_outbox_oldest_pending_age_seconds',
      help: 'Age of the oldest undelivered notification (0 when none waits)',
      registers: [this.registry],
      async collect() {
        await readOutbox();
        this.set(outbox.oldestAgeSeconds);
      },
    });
  }

  /** Count one answered HTTP request (`route` is the pattern, e.g. `/api/v1/appeals/:id`). */
  observeRequest(method: string, route: string, status: number, seconds: number): void {
    this.httpRequests.inc({ method, route, status: String(status) });
    this.httpDuration.observe({ method, route }, seconds);
  }

  observeQuery = (durationMs: number, failed: boolean): void => {
    this.queryDuration.observe({ outcome: failed ? 'error' : 'ok' }, durationMs / 1000);
  };

  observeJob = (job: string, durationMs: number, ok: boolean): void => {
    this.jobRuns.inc({ job, outcome: ok ? 'ok' : 'failed' });
    this.jobDuration.observe({ job }, durationMs / 1000);
  };
}
