/**
 * Saved reports e-mailed on a schedule (issue 17, item 2; ADR 051). The job runs every minute in
 * every process. On a Monday (weekly) or the 1st (monthly), from `KONTAKT_DIGEST_HOUR` to the end
 * of that city day (`domain/report-periods.ts`), each scheduled report not yet sent for the period
 * just finished (the schedule's week or month, in place of the definition's own period) is made
 * and stored in `scheduled_report_runs` — whose unique key (saved report, period start and end)
 * is the once-only lock across processes: the insert is ON CONFLICT DO NOTHING and
 * only the process whose insert took queues the notifications, in the same transaction, to the
 * owner and the schedule's addresses. Delivery attaches the file (XLSX or PDF) rendered from the
 * stored table (`reportRunAttachment`), so every recipient gets the same figures.
 *
 * A report that cannot be made (its definition refused today, say a fixed period too long) is
 * skipped and counted in `failed`; the others go on.
 */
import { type Kysely, sql } from 'kysely';
import {
  reportSchedule,
  savedReportDefinition,
  type ReportSchedule,
} from '../../contract/report-constructor.schemas.js';
import { scheduledPeriodDue, type DayPeriod } from '../../domain/report-periods.js';
import { loadCalendar } from '../calendar/calendar.repository.js';
import type { Deps } from '../context.js';
import type { DB } from '../db/schema.js';
import { enqueueNotifications, type NewNotification } from '../notifications/outbox.js';
import type { ReportHeader } from './report-export.js';
import { periodLine, reportFile, reportHeader } from './report-response.js';
import type { ReportTable } from './report-table.js';
import { makeReport, type MadeReport } from './saved-report-run.js';

/** What one run of the job did. */
export interface ScheduledReportsRun {
  /** Runs stored (each a report sent for a period) by this call. */
  made: number;
  /** Notifications queued with them. */
  queued: number;
  /** Reports that could not be made. */
  failed: number;
}

interface StoredReport {
  table: ReportTable;
  header: Omit<ReportHeader, 'madeAt'> & { madeAt: string };
  name: string;
}

/**
 * The job: send every scheduled report due now, once per report and period across processes.
 * Errors: the database's; a report's own failure is counted, not thrown.
 */
export async function runScheduledReports(deps: Deps): Promise<ScheduledReportsRun> {
  const now = deps.now();
  const out: ScheduledReportsRun = { made: 0, queued: 0, failed: 0 };
  for (const every of ['week', 'month'] as const) {
    const period = scheduledPeriodDue(every, now, deps.config.timeZone, deps.config.digest.hour);
    if (!period) continue;
    const due = await deps.db
      .selectFrom('saved_reports as s')
      .select(['s.id', 's.name', 's.owner_id', 's.definition', 's.schedule'])
      .where('s.schedule', 'is not', null)
      .where(sql<string>`s.schedule ->> 'every'`, '=', every)
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('scheduled_report_runs as r')
              .select('r.id')
              .whereRef('r.saved_report_id', '=', 's.id')
              .where('r.period_from', '=', sql<Date>`${period.from}::date`)
              .where('r.period_to', '=', sql<Date>`${period.to}::date`),
          ),
        ),
      )
      .orderBy('s.id')
      .execute();
    for (const s of due) {
      const schedule = reportSchedule.parse(s.schedule);
      let made: MadeReport;
      try {
        const definition = savedReportDefinition.parse(s.definition);
        made = await makeReport(deps, definition, schedule.lang, now, period);
      } catch {
        out.failed++;
        continue;
      }
      const header = await reportHeader(deps, made.title, made.query, schedule.lang, now);
      const queued = await storeAndQueue(deps, { ...s, schedule }, period, made, header);
      if (queued !== null) {
        out.made++;
        out.queued += queued;
      }
    }
  }
  return out;
}

/** Stores the run and queues its e-mails, unless another process stored it first (then null). */
async function storeAndQueue(
  deps: Deps,
  s: { id: number; name: string; owner_id: number; schedule: ReportSchedule },
  period: DayPeriod,
  made: MadeReport,
  header: ReportHeader,
): Promise<number | null> {
  const stored: StoredReport = {
    table: made.table,
    header: { ...header, madeAt: header.madeAt.toISOString() },
    name: made.name,
  };
  return deps.db.transaction().execute(async (trx) => {
    const run = await trx
      .insertInto('scheduled_report_runs')
      .values({
        saved_report_id: s.id,
        period_from: period.from,
        period_to: period.to,
        format: s.schedule.format,
        lang: s.schedule.lang,
        report: JSON.stringify(stored),
        made_at: made.madeAt,
      })
      .onConflict((oc) => oc.columns(['saved_report_id', 'period_from', 'period_to']).doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!run) return null;
    const params = {
      text: s.name,
      lines: [made.title, periodLine(period.from, period.to, s.schedule.lang)],
      link: `${deps.config.publicUrl}/reports`,
    };
    const items: NewNotification[] = [
      { key: `user:${s.owner_id}`, recipientUserId: s.owner_id },
      ...s.schedule.emails.map((email) => ({ key: `email:${email}`, recipientEmail: email })),
    ].map(({ key, ...to }) => ({
      dedupeKey: `scheduled_report:${run.id}:${key}`,
      kind: 'scheduled_report' as const,
      locale: s.schedule.lang,
      reportRunId: run.id,
      params,
      ...to,
    }));
    const now = deps.now();
    const calendar = await loadCalendar(trx, deps.config.timeZone, now);
    return enqueueNotifications(trx, items, { now, calendar });
  });
}

/**
 * The file a scheduled run's e-mail attaches, rendered from the run's stored table and header in
 * its format and language. Null when the run is gone (its saved report deleted meanwhile).
 */
export async function reportRunAttachment(
  db: Kysely<DB>,
  runId: number,
): Promise<{ filename: string; content: Buffer; contentType: string } | null> {
  const run = await db
    .selectFrom('scheduled_report_runs')
    .select(['format', 'lang', 'report'])
    .where('id', '=', runId)
    .executeTakeFirst();
  if (!run) return null;
  const stored = run.report as unknown as StoredReport;
  const header: ReportHeader = { ...stored.header, madeAt: new Date(stored.header.madeAt) };
  const file = await reportFile(stored.table, header, run.format, run.lang);
  return {
    filename: `${stored.name}.${file.extension}`,
    content: file.content,
    contentType: file.contentType,
  };
}
