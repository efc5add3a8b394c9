/**
 * Monitoring alerts (issue 18, ADR 048): the minute job that turns spikes of the live counts into
 * alerts, explains them by works registered on their area, tells the supervisors and dispatchers
 * at once through the live bus (ADR 038) and by e-mail, and the acknowledgement of an alert.
 *
 * One process at a time runs the detection (a transaction-scoped advisory lock), so several app
 * processes on one PostgreSQL raise a spike once; a spike detected again while it lasts
 * (`sameSpike`) updates its alert instead of raising another.
 */
import { type Kysely, sql } from 'kysely';
import {
  DEFAULT_SPIKE_PARAMETERS,
  detectSpikes,
  hoursToRead,
  sameSpike,
  type Spike,
  type SpikeParameters,
} from '../../domain/spikes.js';
import type { Role } from '../../domain/vocabulary.js';
import { loadCalendar } from '../calendar/calendar.repository.js';
import type { Actor, Deps } from '../context.js';
import { actorId } from '../context.js';
import type { DB } from '../db/schema.js';
import { notFound } from '../errors.js';
import { publishLive } from '../live/live-bus.js';
import { enqueueNotifications, type NewNotification } from '../notifications/outbox.js';
import { formatInZone } from '../notifications/templates.js';
import { countsOfHours, firstCountedHour } from './appeal-counts.js';
import { tryJobLock } from '../db/advisory-locks.js';
import type { AlertTopic } from '../../contract/monitoring.schemas.js';

/** Who hears of alerts live (ADR 038 audience). */
export const ALERT_AUDIENCE: { roles: Role[] } = { roles: ['supervisor', 'dispatcher'] };

/** The most appeal ids kept with an alert (the latest). */
export const MAX_ALERT_APPEALS = 500;

export interface MonitoringReport {
  /** False when another process held the lock. */
  ran: boolean;
  raised: number[];
  updated: number[];
  explained: number[];
}

/**
 * Detect spikes at `deps.now()` and raise, update or explain alerts (ADR 048). Idempotent per
 * minute; run every minute by the scheduler.
 *
 * @returns the ids of the alerts raised, updated and newly explained.
 */
export async function runSpikeDetection(
  deps: Deps,
  params: SpikeParameters = DEFAULT_SPIKE_PARAMETERS,
): Promise<MonitoringReport> {
  const now = deps.now();
  const zone = deps.config.timeZone;
  return deps.db.transaction().execute(async (trx) => {
    if (!(await tryJobLock(trx, 'monitoringSpikes')))
      return { ran: false, raised: [], updated: [], explained: [] };

    const hours = hoursToRead(now.getTime(), params, zone).map((h) => new Date(h));
    const [counts, first] = await Promise.all([countsOfHours(trx, hours), firstCountedHour(trx)]);
    const spikes = detectSpikes({
      now: now.getTime(),
      counts: counts.map((c) => ({ ...c, hour: c.hour.getTime() })),
      firstHour: first?.getTime() ?? null,
      zone,
      params,
    });
    const report: MonitoringReport = { ran: true, raised: [], updated: [], explained: [] };
    for (const spike of spikes) {
      const { id, raised } = await recordSpike(trx, spike, now, params);
      (raised ? report.raised : report.updated).push(id);
    }
    report.explained = await explainAlerts(trx, now);
    if (report.raised.length > 0) await notifyRaised(trx, deps, report.raised, now);
    const announced: [AlertTopic, number[]][] = [
      ['alerts.raised', report.raised],
      ['alerts.updated', report.updated],
      ['alerts.explained', report.explained],
    ];
    for (const [topic, ids] of announced) {
      // Ids only (NOTIFY's 8000 bytes): the pages read the alerts.
      if (ids.length > 0) await publishLive(trx, topic, { alertIds: ids }, ALERT_AUDIENCE, now);
    }
    return report;
  });
}

/** Raise an alert for a spike, or update the alert of the same spike (same cell, within the quiet hours). */
async function recordSpike(
  trx: Kysely<DB>,
  spike: Spike,
  now: Date,
  params: SpikeParameters,
): Promise<{ id: number; raised: boolean }> {
  const previous = await trx
    .selectFrom('monitoring_alerts')
    .select(['id', 'last_detected_at'])
    .where('question_type_id', '=', spike.questionTypeId)
    .where('district_id', spike.districtId === null ? 'is' : '=', spike.districtId)
    .orderBy('last_detected_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  const since = new Date(spike.since);
  const appealIds = await appealsBehind(trx, spike, since, now);
  const figures = {
    window_hours: spike.windowHours,
    observed: spike.observed,
    expected: spike.expected,
    p_value: spike.pValue,
    last_detected_at: now,
    appeal_ids: appealIds,
  };
  if (previous && sameSpike(previous.last_detected_at.getTime(), now.getTime(), params)) {
    await trx.updateTable('monitoring_alerts').set(figures).where('id', '=', previous.id).execute();
    return { id: previous.id, raised: false };
  }
  const row = await trx
    .insertInto('monitoring_alerts')
    .values({
      ...figures,
      question_type_id: spike.questionTypeId,
      district_id: spike.districtId,
      since,
      raised_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: row.id, raised: true };
}

/** The appeals of the spike's type and area received in its window (the latest {@link MAX_ALERT_APPEALS}). */
async function appealsBehind(
  trx: Kysely<DB>,
  spike: Spike,
  since: Date,
  now: Date,
): Promise<number[]> {
  let query = trx
    .selectFrom('appeals')
    .select('id')
    .where('received_at', '>=', since)
    .where('received_at', '<=', now)
    .where('question_type_id', '=', spike.questionTypeId);
  if (spike.districtId !== null) query = query.where('district_id', '=', spike.districtId);
  const rows = await query.orderBy('received_at', 'desc').limit(MAX_ALERT_APPEALS).execute();
  return rows.map((r) => r.id);
}

/**
 * Mark unexplained alerts of the last day explained by works in force on their area: works of the
 * question type's service (`question_types.works_service`), or — for a type without one — an
 * emergency or outage; in the alert's district (a building it covers, or the district in its
 * area), anywhere for a city-wide alert; started by now and not closed before the spike began.
 *
 * @returns the ids newly explained.
 */
async function explainAlerts(trx: Kysely<DB>, now: Date): Promise<number[]> {
  const { rows } = await sql<{ id: number; explained_by_work_id: number | null }>`
    UPDATE monitoring_alerts AS a
       SET explained_by_work_id = (
             SELECT w.id
               FROM works w, question_types qt
              WHERE qt.id = a.question_type_id
                AND (w.service = qt.works_service
                     OR (qt.works_service IS NULL AND w.kind IN ('emergency', 'outage')))
                AND w.starts_at <= ${now}::timestamptz
                AND (w.status <> 'closed' OR coalesce(w.actual_end_at, w.updated_at) >= a.since)
                AND (a.district_id IS NULL
                     OR w.area->'districtIds' @> to_jsonb(a.district_id)
                     OR EXISTS (SELECT 1 FROM work_buildings wb
                                  JOIN buildings b ON b.id = wb.building_id
                                 WHERE wb.work_id = w.id AND b.district_id = a.district_id))
              ORDER BY w.starts_at DESC, w.id DESC
              LIMIT 1)
     WHERE a.explained_by_work_id IS NULL
       AND a.last_detected_at >= ${new Date(now.getTime() - 24 * 3_600_000)}::timestamptz
    RETURNING a.id, a.explained_by_work_id`.execute(trx);
  return rows.filter((r) => r.explained_by_work_id !== null).map((r) => r.id);
}

/** Queue the e-mails of new alerts: every active supervisor (per their choice) and `KONTAKT_ALERT_EMAILS`. */
async function notifyRaised(trx: Kysely<DB>, deps: Deps, ids: number[], now: Date): Promise<void> {
  const alerts = await alertRows(trx).where('a.id', 'in', ids).execute();
  const supervisors = await trx
    .selectFrom('users')
    .select('id')
    .where('active', '=', true)
    .where('role', '=', 'supervisor')
    .execute();
  const items: NewNotification[] = [];
  for (const a of alerts) {
    const where = a.district_name ?? 'місто';
    const params = {
      text: `${a.question_type_name} — ${where}`,
      lines: [
        `${a.observed} / ${a.expected.toFixed(1)} (очікувано), з ${formatInZone(a.since, deps.config.timeZone, 'uk')}`,
        ...(a.explained_by_work_id ? [`Пояснено роботами № ${a.explained_by_work_id}`] : []),
      ],
      link: `${deps.config.publicUrl}/alerts`,
    };
    for (const s of supervisors) {
      items.push({
        dedupeKey: `monitoring_alert:${a.id}:user:${s.id}`,
        kind: 'monitoring_alert',
        recipientUserId: s.id,
        params,
        emergency: true,
      });
    }
    for (const email of deps.config.alertEmails) {
      items.push({
        dedupeKey: `monitoring_alert:${a.id}:email:${email}`,
        kind: 'monitoring_alert',
        recipientEmail: email,
        params,
        emergency: true,
      });
    }
  }
  const calendar = await loadCalendar(trx, deps.config.timeZone, now);
  await enqueueNotifications(trx, items, { now, calendar });
}

function alertRows(db: Kysely<DB>) {
  return db
    .selectFrom('monitoring_alerts as a')
    .innerJoin('question_types as qt', 'qt.id', 'a.question_type_id')
    .leftJoin('districts as d', 'd.id', 'a.district_id')
    .leftJoin('users as u', 'u.id', 'a.acknowledged_by')
    .select([
      'a.id',
      'a.question_type_id',
      'qt.name as question_type_name',
      'qt.name_en as question_type_name_en',
      'a.district_id',
      'd.name as district_name',
      'd.name_en as district_name_en',
      'a.window_hours',
      'a.observed',
      'a.expected',
      'a.p_value',
      'a.since',
      'a.raised_at',
      'a.last_detected_at',
      'a.appeal_ids',
      'a.explained_by_work_id',
      'a.acknowledged_at',
      'a.acknowledged_by',
      'u.full_name as acknowledged_by_name',
    ]);
}

export type AlertRow = Awaited<ReturnType<ReturnType<typeof alertRows>['executeTakeFirstOrThrow']>>;

/** Alerts, newest first: `open` (not acknowledged) or all of the last `days`. */
export async function listAlerts(
  deps: Deps,
  query: { state: 'open' | 'all'; limit: number },
): Promise<AlertRow[]> {
  let q = alertRows(deps.db);
  if (query.state === 'open') q = q.where('a.acknowledged_at', 'is', null);
  return q
    .orderBy('a.last_detected_at', 'desc')
    .orderBy('a.id', 'desc')
    .limit(query.limit)
    .execute();
}

/** One alert with the registration numbers of the appeals behind it. @throws AppError 404 `alert_not_found`. */
export async function getAlert(
  deps: Deps,
  id: number,
): Promise<AlertRow & { appeals: { id: number; number: string; receivedAt: Date }[] }> {
  const alert = await alertRows(deps.db).where('a.id', '=', id).executeTakeFirst();
  if (!alert) throw notFound('alert', id);
  const appeals =
    alert.appeal_ids.length === 0
      ? []
      : await deps.db
          .selectFrom('appeals')
          .select(['id', 'number', 'received_at as receivedAt'])
          .where('id', 'in', alert.appeal_ids)
          .orderBy('received_at', 'desc')
          .execute();
  return { ...alert, appeals };
}

/**
 * Acknowledge an alert: who and when are recorded once (a second acknowledgement changes
 * nothing); supervisors and dispatchers hear of it live.
 *
 * @throws AppError 404 `alert_not_found`.
 */
export async function acknowledgeAlert(deps: Deps, actor: Actor, id: number): Promise<AlertRow> {
  const now = deps.now();
  await deps.db.transaction().execute(async (trx) => {
    const changed = await trx
      .updateTable('monitoring_alerts')
      .set({ acknowledged_at: now, acknowledged_by: actorId(actor) })
      .where('id', '=', id)
      .where('acknowledged_at', 'is', null)
      .returning('id')
      .executeTakeFirst();
    if (changed) {
      await publishLive(
        trx,
        'alerts.acknowledged' satisfies AlertTopic,
        { alertIds: [id] },
        ALERT_AUDIENCE,
        now,
      );
    }
  });
  const alert = await alertRows(deps.db).where('a.id', '=', id).executeTakeFirst();
  if (!alert) throw notFound('alert', id);
  return alert;
}
