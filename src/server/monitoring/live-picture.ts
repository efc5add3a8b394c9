/**
 * The head's live picture (issue 18 item 4; regulation 2.2.4, 3.1.5: the centre watches the city's
 * most urgent issues and its own work): in one answer the question types rising city-wide (from
 * the live counts and the detector's own baseline, ADR 048), the queues, and the operators — who is
 * signed in, how many appeals and consultations each registered today and in the last hour, and
 * the median time a registration took them today (the new-call screen measures it, issue 18).
 *
 * Cheap by construction: the rising types read the few hundred rows of `appeal_hour_counts` the
 * detector reads; the queues are the registry's queue counts (partial indexes on open appeals) and
 * two counts of small tables; the operators' figures one range of `appeals_registered_at_idx`
 * (today's appeals).
 */
import { sql } from 'kysely';
import { DateTime } from 'luxon';
import type { LivePictureView } from '../../contract/monitoring.schemas.js';
import type { PresenceState } from '../../contract/telephony.schemas.js';
import {
  DEFAULT_SPIKE_PARAMETERS,
  hoursToRead,
  risingTypes,
  type SpikeParameters,
} from '../../domain/spikes.js';
import type { Role } from '../../domain/vocabulary.js';
import { countQueues } from '../appeals/appeals.queries.js';
import type { Deps } from '../context.js';
import { WHOLE_CENTRE } from '../dashboard/dashboard-snapshot.js';
import { pendingSubmissionsSummary } from '../portal/moderation.queries.js';
import { countsOfHours, firstCountedHour } from './appeal-counts.js';

/** How many rising question types the picture lists. */
export const RISING_LISTED = 10;

/** The roles whose people are "operators" on the picture even before their first registration. */
const OPERATOR_ROLES: readonly Role[] = ['operator', 'moderator'];

const HOUR_MS = 3_600_000;

/**
 * The live picture at `deps.now()`.
 *
 * @returns rising types (at most {@link RISING_LISTED}; windows of `params.windowsHours`), every
 *   queue of `PICTURE_QUEUES` in order, and the operators by name: the people of
 *   {@link OPERATOR_ROLES} with an unexpired session, and anyone who registered an appeal today.
 */
export async function livePicture(
  deps: Deps,
  params: SpikeParameters = DEFAULT_SPIKE_PARAMETERS,
): Promise<LivePictureView> {
  const now = deps.now();
  const zone = deps.config.timeZone;
  const today = DateTime.fromJSDate(now, { zone }).startOf('day').toJSDate();
  const hourAgo = new Date(now.getTime() - HOUR_MS);
  const db = deps.db;

  const [rising, registryQueues, moderation, callbacks, registered, signedIn] = await Promise.all([
    (async () => {
      const hours = hoursToRead(now.getTime(), params, zone).map((h) => new Date(h));
      const [counts, first] = await Promise.all([countsOfHours(db, hours), firstCountedHour(db)]);
      const rises = risingTypes({
        now: now.getTime(),
        counts: counts.map((c) => ({ ...c, hour: c.hour.getTime() })),
        firstHour: first?.getTime() ?? null,
        zone,
        limit: RISING_LISTED,
        params,
      });
      if (rises.length === 0) return [];
      const names = await db
        .selectFrom('question_types')
        .select(['id', 'name', 'name_en'])
        .where(
          'id',
          'in',
          rises.map((r) => r.questionTypeId),
        )
        .execute();
      const byId = new Map(names.map((n) => [n.id, n]));
      return rises.map((r) => ({
        questionTypeId: r.questionTypeId,
        questionType: byId.get(r.questionTypeId)?.name ?? String(r.questionTypeId),
        questionTypeEn: byId.get(r.questionTypeId)?.name_en ?? null,
        windows: r.windows,
      }));
    })(),
    countQueues(deps, WHOLE_CENTRE, ['needs_routing', 'new', 'due_soon', 'overdue', 'on_check']),
    pendingSubmissionsSummary(deps),
    db
      .selectFrom('callback_surveys')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('state', '=', 'queued')
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('appeals')
      .select((eb) => [
        'registered_by',
        eb.fn.countAll<string>().filterWhere('kind', '!=', 'consultation').as('appealsToday'),
        eb.fn.countAll<string>().filterWhere('kind', '=', 'consultation').as('consultationsToday'),
        eb.fn
          .countAll<string>()
          .filterWhere((f) =>
            f.and([f('kind', '!=', 'consultation'), f('registered_at', '>=', hourAgo)]),
          )
          .as('appealsLastHour'),
        eb.fn
          .countAll<string>()
          .filterWhere((f) =>
            f.and([f('kind', '=', 'consultation'), f('registered_at', '>=', hourAgo)]),
          )
          .as('consultationsLastHour'),
        sql<number | null>`percentile_cont(0.5) WITHIN GROUP (ORDER BY intake_seconds)`.as(
          'medianIntake',
        ),
        eb.fn.count<string>('intake_seconds').as('timed'),
      ])
      .where('registered_at', '>=', today)
      .where('registered_by', 'is not', null)
      .groupBy('registered_by')
      .execute(),
    db
      .selectFrom('sessions as s')
      .innerJoin('users as u', 'u.id', 's.user_id')
      .select('s.user_id')
      .distinct()
      .where('s.expires_at', '>', now)
      .where('u.active', '=', true)
      .execute(),
  ]);

  const live = new Set(signedIn.map((r) => r.user_id));
  const figures = new Map(registered.map((r) => [r.registered_by!, r]));
  const people = await db
    .selectFrom('users as u')
    .leftJoin('operator_presence as p', (j) =>
      j.onRef('p.user_id', '=', 'u.id').on('p.ended_at', 'is', null),
    )
    .select(['u.id', 'u.full_name', 'p.state'])
    .where((eb) =>
      eb.or([
        eb.and([eb('u.role', 'in', OPERATOR_ROLES), eb('u.id', 'in', [...live, -1])]),
        eb('u.id', 'in', [...figures.keys(), -1]),
      ]),
    )
    .orderBy('u.full_name')
    .orderBy('u.id')
    .execute();

  const queueCount = new Map<string, number>(registryQueues.map((q) => [q.key, q.count]));
  queueCount.set('moderation', moderation.pending);
  queueCount.set('callback', Number(callbacks.n));
  return {
    countedAt: now.toISOString(),
    rising,
    queues: (
      ['needs_routing', 'new', 'due_soon', 'overdue', 'on_check', 'moderation', 'callback'] as const
    ).map((key) => ({ key, count: queueCount.get(key) ?? 0 })),
    operators: people.map((p) => {
      const f = figures.get(p.id);
      return {
        userId: p.id,
        fullName: p.full_name,
        signedIn: live.has(p.id),
        presence: (p.state ?? null) as PresenceState | null,
        appealsToday: Number(f?.appealsToday ?? 0),
        consultationsToday: Number(f?.consultationsToday ?? 0),
        appealsLastHour: Number(f?.appealsLastHour ?? 0),
        consultationsLastHour: Number(f?.consultationsLastHour ?? 0),
        medianIntakeSeconds:
          f?.medianIntake === null || f?.medianIntake === undefined
            ? null
            : Math.round(Number(f.medianIntake)),
        timedToday: Number(f?.timed ?? 0),
      };
    }),
  };
}
