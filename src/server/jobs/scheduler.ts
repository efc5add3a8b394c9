/**
 * Background jobs of one app process: the deadline sweep and the daily summary every minute, the
 * dashboard's count snapshot every minute (ADR 012), the work notifications read from the appeals'
 * history every 10 seconds (ADR 027), mail delivery every 15 seconds, the outbox's
 * retention (access codes of delivered receipts blanked) and the purge of expired rate-limit
 * counters every hour, the spike detection of live monitoring and the morning digest's check and the scheduled reports' every minute (ADRs 048, 051), the question-type suggestion
 * model retrained when a day old (checked hourly, and at start). Several processes may run them against one PostgreSQL: the sweep takes
 * an advisory lock, delivery leases rows, and dedupe keys make every notification unique.
 */
import type { FastifyBaseLogger } from 'fastify';
import type { Deps } from '../context.js';
import {
  DASHBOARD_SNAPSHOT_MAX_AGE_MS,
  refreshDashboardSnapshot,
} from '../dashboard/dashboard-snapshot.js';
import { queueLateExecutorsSummary, runDeadlineSweep } from '../deadlines/sweep.js';
import { deliverDueNotifications, type Mailer } from '../notifications/delivery.js';
import { blankDeliveredAccessCodes } from '../notifications/retention.js';
import { retrainWhenStale } from '../assist/suggestions.service.js';
import { queueWorkNotifications } from '../notifications/work-notifications.js';
import { sweepOverdueWorks } from '../works/works.service.js';
import { proposeMassAppeals } from '../mass-appeals/propose-mass-appeals.js';
import { readMailboxes } from '../mail-channel/receive-mail.js';
import { purgeRateLimitHits } from '../http/rate-limit-store.js';
import { runSpikeDetection } from '../monitoring/alerts.service.js';
import { runCallbackJob } from '../callbacks/callbacks.service.js';
import { runMorningDigest } from '../monitoring/morning-digest.js';
import { runScheduledReports } from '../reports/scheduled-reports.js';

export interface JobOptions {
  sweepEveryMs?: number;
  deliverEveryMs?: number;
  snapshotEveryMs?: number;
  workNotificationsEveryMs?: number;
  mailboxesEveryMs?: number;
  spikesEveryMs?: number;
  /** Called after every run with the job's name, its duration in ms and whether it succeeded (metrics). */
  onRun?: (job: string, durationMs: number, ok: boolean) => void;
}

/** One scheduled job: its name (metrics, logs), how often it runs, and one run. */
export interface ScheduledJob {
  name: string;
  everyMs: number;
  /** One run; resolves to a small report for the debug log. */
  run: () => Promise<unknown>;
}

/**
 * Every job an app process runs, in the order they start. Each one is safe when several processes
 * run it at the same moment against one PostgreSQL (an advisory lock, a lease, a row that only one
 * insert creates, or dedupe keys): `test/jobs/jobs-once.test.ts` runs this whole list from three
 * nodes at once and checks each job's effect appears once.
 */
export function scheduledJobs(
  deps: Deps,
  mailer: Mailer | null,
  log: FastifyBaseLogger,
  options: JobOptions = {},
): ScheduledJob[] {
  const job = (name: string, everyMs: number, run: () => Promise<unknown>): ScheduledJob => ({
    name,
    everyMs,
    run,
  });
  return [
    job('deadline-sweep', options.sweepEveryMs ?? 60_000, async () => {
      const report = await runDeadlineSweep(deps);
      if (report.dueSoon + report.overdue > 0)
        log.info({ ...report }, 'deadline sweep marked appeals');
      await queueLateExecutorsSummary(deps);
      return report;
    }),
    job('dashboard-snapshot', options.snapshotEveryMs ?? DASHBOARD_SNAPSHOT_MAX_AGE_MS, () =>
      refreshDashboardSnapshot(deps).then((s) => ({ ran: s !== null })),
    ),
    job('work-notifications', options.workNotificationsEveryMs ?? 10_000, () =>
      queueWorkNotifications(deps),
    ),
    job('mail-delivery', options.deliverEveryMs ?? 15_000, () =>
      deliverDueNotifications(deps.db, mailer, deps.now()),
    ),
    job('outbox-retention', 60 * 60_000, () =>
      blankDeliveredAccessCodes(deps).then((blanked) => ({ blanked })),
    ),
    job('rate-limit-purge', 60 * 60_000, () =>
      purgeRateLimitHits(deps.db, deps.now()).then((deleted) => ({ deleted })),
    ),
    job('assist-retrain', 60 * 60_000, () =>
      retrainWhenStale(deps).then((model) => ({ trained: model?.version ?? null })),
    ),
    // Issue 16: active works past their expected end go to the supervisors.
    job('works-overdue', options.sweepEveryMs ?? 60_000, () =>
      sweepOverdueWorks(deps).then((reported) => ({ reported })),
    ),
    // Issue 16: appeals of one question type at one place within a window proposed as a group.
    job('mass-appeals', options.sweepEveryMs ?? 60_000, () => proposeMassAppeals(deps)),
    // Issue 18: spikes of the live counts raised as alerts (one process at a time: advisory lock).
    job('monitoring-spikes', options.spikesEveryMs ?? 60_000, () =>
      runSpikeDetection(deps).then((r) => ({
        ran: r.ran,
        raised: r.raised.length,
        updated: r.updated.length,
        explained: r.explained.length,
      })),
    ),
    // Issue 18: yesterday's digest to management, once a day from the digest hour (made once
    // across processes: the day's row).
    job('morning-digest', options.spikesEveryMs ?? 60_000, () => runMorningDigest(deps)),
    // Issue 17, item 2: saved reports e-mailed on Mondays / the 1st from the digest hour (sent
    // once across processes: the run's row per report and period).
    job('scheduled-reports', options.spikesEveryMs ?? 60_000, () => runScheduledReports(deps)),
    // Issue 19: closures into the call-back queue; articles past their review date flagged.
    job('callback-queue', 10 * 60_000, () => runCallbackJob(deps)),
    // Issue 20: the mailboxes read as a channel (every process may run it: each letter is
    // registered once, by its Message-ID).
    ...(deps.config.mailboxes.length > 0
      ? [job('mailboxes', options.mailboxesEveryMs ?? 60_000, () => readMailboxes(deps))]
      : []),
  ];
}

/** Start the jobs; the returned function stops them and waits for a running one to finish. */
export function startJobs(
  deps: Deps,
  mailer: Mailer | null,
  log: FastifyBaseLogger,
  options: JobOptions = {},
): () => Promise<void> {
  const running = new Set<Promise<unknown>>();
  const every = ({ name, everyMs, run: job }: ScheduledJob) => {
    let busy = false;
    const tick = () => {
      if (busy) return;
      busy = true;
      const started = performance.now();
      const run = job()
        .then((report) => {
          options.onRun?.(name, performance.now() - started, true);
          log.debug({ job: name, report }, 'job done');
        })
        .catch((error: unknown) => {
          options.onRun?.(name, performance.now() - started, false);
          log.error({ err: error, job: name }, 'job failed');
        })
        .finally(() => {
          busy = false;
          running.delete(run);
        });
      running.add(run);
    };
    const timer = setInterval(tick, everyMs);
    timer.unref();
    setTimeout(tick, 1000).unref();
    return timer;
  };
  const timers = scheduledJobs(deps, mailer, log, options).map(every);
  return async () => {
    timers.forEach(clearInterval);
    await Promise.allSettled([...running]);
  };
}
