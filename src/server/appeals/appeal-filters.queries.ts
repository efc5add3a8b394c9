/**
 * The registry's filter predicates (`applyFilter`): visibility, the queue, status, question type,
 * channel, applicant, the address registry's district, street and building, dates, executors,
 * the controller's duties, overdue, and the free-text search — by number, description words
 * (`descriptionQuery`), address (`searchedAddress`) and, for roles that may see personal data,
 * the applicant's phone or name.
 */
import { type ExpressionBuilder, type Kysely, sql } from 'kysely';
import { ACTIVE_ASSIGNMENT_STATES } from '../../domain/appeal-lifecycle.js';
import { appealScope, personalDataAccess, type PersonalDataAccess } from '../../domain/policy.js';
import { normalisePhone, REGISTRATION_NUMBER_PATTERN, searchStems } from '../../domain/text.js';
import { addressKey, parseAddress } from '../../domain/addresses/address-normal-form.js';
import { buildingByText } from '../addresses/registry-search.js';
import type { Deps, UserActor } from '../context.js';
import type { DB } from '../db/schema.js';
import type { AppealFilter } from '../../contract/appeal-registry.schemas.js';
import { visibleTo } from './appeal-summary.queries.js';
import { type AppealQuery, applyQueue, mainAssignment } from './appeal-queues.queries.js';

/**
 * The words of a registry search as a tsquery over `appeals.search_vector` (migration 0005): each
 * word's crude stem (`searchStems`: «гаряча вода» → гаряч, вод) must begin a word of the
 * description, so «гаряча вода» finds «гарячої води». Apostrophes split words as the `simple`
 * parser splits them («під'їзд» → під, їзд). Served by a GIN index instead of reading every row.
 *
 * @returns e.g. `гаряч:* & вод:*`, or null when the text has no letters or digits.
 */
export function descriptionQuery(text: string): string | null {
  const tokens = searchStems(text).flatMap((stem) => stem.split(/[^\p{L}\p{N}]+/u));
  const words = tokens.filter((t) => t.length > 0);
  return words.length > 0 ? words.map((w) => `${w}:*`).join(' & ') : null;
}

/** A registry search's text read as an address: its normal form and the building it names. */
export interface SearchedAddress {
  /** `addressKey` of the text (`сумська|12а`). */
  key: string;
  /** The one registry building the text names (any of the street's names), or null. */
  buildingId: number | null;
}

/**
 * A registry search's text as an address (issue 15, item 3: one normal form wherever addresses
 * are compared): when it names a street and a house, the search also finds the appeals at the
 * building it names — by the street's current or former name, `12а` = `12-А` = `буд. 12-A` — and
 * those whose address has the same normal form, however their text was written.
 *
 * @returns null when the text is a registration number or names no house.
 */
export async function searchedAddress(
  db: Kysely<DB>,
  text: string,
): Promise<SearchedAddress | null> {
  if (REGISTRATION_NUMBER_PATTERN.test(text)) return null;
  const parsed = parseAddress(text);
  if (!parsed.house || !parsed.street.key) return null;
  const building = await buildingByText(db, text);
  return { key: addressKey(text), buildingId: building?.id ?? null };
}

/**
 * Apply the registry's filters (everything but sort and paging).
 *
 * @param address the search text read as an address (`searchedAddress`), when there is one.
 * @param queueJoined the executor's queue is already a condition of the query's own join of its
 *   assignments (`ownAssignmentCondition` on `own`: the executor's page, ADR 059), so neither the
 *   queue nor the visibility is added again.
 */
export function applyFilter(
  q: AppealQuery,
  filter: AppealFilter,
  actor: UserActor,
  deps: Deps,
  dueSoonHours: number,
  address: SearchedAddress | null = null,
  queueJoined = false,
): AppealQuery {
  const now = deps.now();
  // An executor's queue already requires its own assignment (applyQueue), which implies
  // visibility: the second EXISTS would only repeat the lookup for every candidate row.
  if (!(filter.queue && appealScope(actor).kind === 'organisation')) q = q.where(visibleTo(actor));
  if (filter.queue && !queueJoined)
    q = applyQueue(q, filter.queue, actor, now, deps.config.timeZone, dueSoonHours);
  if (filter.status) q = q.where('a.status', '=', filter.status);
  if (filter.questionTypeId) q = q.where('a.question_type_id', '=', filter.questionTypeId);
  if (filter.channel) q = q.where('a.channel', '=', filter.channel);
  if (filter.applicantId) q = q.where('a.applicant_id', '=', filter.applicantId);
  // By the address registry (issue 15): district, street (its buildings), building.
  if (filter.districtId) q = q.where('a.district_id', '=', filter.districtId);
  if (filter.buildingId) q = q.where('a.building_id', '=', filter.buildingId);
  if (filter.streetId) {
    const streetId = filter.streetId;
    q = q.where('a.building_id', 'in', (eb) =>
      eb.selectFrom('buildings as fb').select('fb.id').where('fb.street_id', '=', streetId),
    );
  }
  if (filter.receivedFrom) q = q.where('a.received_at', '>=', new Date(filter.receivedFrom));
  if (filter.receivedTo) q = q.where('a.received_at', '<', new Date(filter.receivedTo));
  if (filter.executorId) {
    const executorId = filter.executorId;
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('assignments as e')
          .select(sql.lit(1).as('one'))
          .whereRef('e.appeal_id', '=', 'a.id')
          .where('e.executor_id', '=', executorId),
      ),
    );
  }
  // Issue 14 (duties, regulation 5.4.3): appeals whose active main executor the actor watches.
  if (filter.mine) {
    const mine = filter.mine === 'true';
    q = q.where((eb) => {
      const watched = eb.exists(
        mainAssignment(eb, ACTIVE_ASSIGNMENT_STATES).where('x.executor_id', 'in', (sub) =>
          sub
            .selectFrom('controller_duties as cd')
            .select('cd.executor_id')
            .where('cd.controller_id', '=', actor.id),
        ),
      );
      return mine ? watched : eb.not(watched);
    });
  }
  if (filter.mainExecutorId !== undefined) {
    const executor = filter.mainExecutorId;
    q =
      executor === 'none'
        ? q.where((eb) => eb.not(eb.exists(mainAssignment(eb, ACTIVE_ASSIGNMENT_STATES))))
        : q.where((eb) =>
            eb.exists(
              mainAssignment(eb, ACTIVE_ASSIGNMENT_STATES).where('x.executor_id', '=', executor),
            ),
          );
  }
  if (filter.overdue === 'true') {
    q = q.where('a.status', '!=', 'closed').where('a.control_date', '<', now);
  }
  if (filter.q) {
    const text = filter.q;
    if (REGISTRATION_NUMBER_PATTERN.test(text)) q = q.where('a.number', '=', text);
    else q = q.where((eb) => eb.or(textMatches(eb, text, personalDataAccess(actor.role), address)));
  }
  return q;
}

/**
 * What a registry search finds besides a number (issue 12): words of the description, the problem's
 * address (as written, and by its normal form and building: `searchedAddress`), and — for roles
 * that may see personal data — the applicant by phone (any spelling, `normalisePhone`) or by part
 * of the name (a surname).
 */
function textMatches(
  eb: ExpressionBuilder<DB & { a: DB['appeals'] }, 'a'>,
  text: string,
  access: PersonalDataAccess,
  address: SearchedAddress | null,
) {
  const like = `%${text.replace(/[\\%_]/g, '\\$&')}%`;
  const words = descriptionQuery(text);
  const found = [
    words
      ? sql<boolean>`a.search_vector @@ to_tsquery('simple', ${words})`
      : eb('a.description', 'ilike', like),
    eb('a.address_text', 'ilike', like),
    ...(address ? [eb('a.address_key', '=', address.key)] : []),
    ...(address?.buildingId ? [eb('a.building_id', '=', address.buildingId)] : []),
  ];
  if (access === 'none') return found;
  const phone = normalisePhone(text);
  const applicants = eb
    .selectFrom('applicants as s')
    .select('s.id')
    .where((w) =>
      w.or([
        w('s.full_name', 'ilike', like),
        ...(phone ? [w('s.phone_keys', '@>', sql<string[]>`ARRAY[${phone}]::text[]`)] : []),
      ]),
    );
  return [...found, eb('a.applicant_id', 'in', applicants)];
}
