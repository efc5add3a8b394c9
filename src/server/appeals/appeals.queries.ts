/**
 * Reading appeals: the registry page (keyset pagination with a stable tie-breaker), the exports'
 * batches and the work queues' counts (the card is appeal-card.queries.ts).
 * Every result goes through a presenter for its audience before it leaves the server.
 */
import { type ExpressionBuilder, type Kysely, sql } from 'kysely';
import { DateTime } from 'luxon';
import { ACTIVE_ASSIGNMENT_STATES } from '../../domain/appeal-lifecycle.js';
import { appealScope, personalDataAccess, type PersonalDataAccess } from '../../domain/policy.js';
import { normalisePhone, REGISTRATION_NUMBER_PATTERN, searchStems } from '../../domain/text.js';
import { addressKey, parseAddress } from '../../domain/addresses/address-normal-form.js';
import { buildingByText } from '../addresses/registry-search.js';
import type { Deps, UserActor } from '../context.js';
import type { DB } from '../db/schema.js';
import type {
  AppealFilter,
  AppealSort,
  AppealSummaryView,
  ListAppealsQuery,
} from '../../contract/appeals.schemas.js';
import { defaultSortOf, type Queue } from '../../domain/queues.js';
import type { AssignmentState } from '../../domain/vocabulary.js';
import {
  type CursorKind,
  type CursorValue,
  decodeCursor,
  encodeCursor,
} from '../db/keyset-cursor.js';
import { dueSoonHours } from '../settings.js';
import { summaryQuery, type SummaryRow, visibleTo } from './appeal-summary.queries.js';
import { depersonaliseSummary, presentAppealSummary } from './appeals.presenter.js';

/** Start of today in the city's time zone. */
function startOfToday(now: Date, timeZone: string): Date {
  return DateTime.fromJSDate(now, { zone: timeZone }).startOf('day').toJSDate();
}

type AppealQuery = ReturnType<typeof summaryQuery>;

/**
 * The appeal's main assignment in one of `states`, as a subquery for EXISTS. The queues test it
 * this way rather than through the joined `m`, so a count or a page's id lookup needs no join.
 */
function mainAssignment(
  eb: ExpressionBuilder<DB & { a: DB['appeals'] }, 'a'>,
  states: readonly AssignmentState[],
) {
  return eb
    .selectFrom('assignments as x')
    .select(sql.lit(1).as('one'))
    .whereRef('x.appeal_id', '=', 'a.id')
    .where('x.role', '=', 'main')
    .where('x.state', 'in', [...states]);
}

/**
 * `appeals as a` alone, typed as the summary query so the same filters apply. Only for counting
 * and for finding a page's ids: the filters (applyFilter, applyQueue, afterCursor) refer to `a`
 * and to subqueries only, never to the joined tables, which is what makes this sound.
 */
function appealsOnly(db: Kysely<DB>): AppealQuery {
  return db.selectFrom('appeals as a') as unknown as AppealQuery;
}

/**
 * The work queues. For an executor, a queue looks at its own organisation's assignments (their
 * state and control date); for the contact centre at the appeal.
 *
 * - `needs_routing`: registered with no active main executor (e.g. returned as not in competence);
 * - `registered_today`: registered since midnight, city time;
 * - `open`: not closed;
 * - `new`: the executor's assignment waits to be accepted;
 * - `in_work`: accepted and being worked;
 * - `due_soon`: open, control date within the next `dueSoonHours` (setting `due_soon_hours`, as the
 *   sweep's mark);
 * - `overdue`: open, control date passed;
 * - `rework`: returned for rework;
 * - `on_check`: the executor answered, the controller has not decided yet.
 */
function applyQueue(
  q: AppealQuery,
  queue: Queue,
  actor: UserActor,
  now: Date,
  timeZone: string,
  dueSoonHours: number,
): AppealQuery {
  const scope = appealScope(actor);
  const soon = new Date(now.getTime() + dueSoonHours * 3600_000);
  if (scope.kind === 'organisation') {
    const own = (states: AssignmentState[], extra?: 'due_soon' | 'overdue') =>
      q.where((eb) => {
        let sub = eb
          .selectFrom('assignments as o')
          .select(sql.lit(1).as('one'))
          .whereRef('o.appeal_id', '=', 'a.id')
          .where('o.executor_id', '=', scope.organisationId)
          .where('o.state', 'in', states);
        if (extra === 'due_soon')
          sub = sub.where('o.control_date', '>=', now).where('o.control_date', '<', soon);
        if (extra === 'overdue') sub = sub.where('o.control_date', '<', now);
        return eb.exists(sub);
      });
    switch (queue) {
      case 'new':
        return own(['pending']);
      case 'in_work':
        return own(['in_work']);
      case 'rework':
        return own(['rework']);
      case 'on_check':
        return own(['responded']);
      case 'due_soon':
        return own(['pending', 'in_work', 'rework'], 'due_soon');
      case 'overdue':
        return own(['pending', 'in_work', 'rework'], 'overdue');
      case 'open':
        return own([...ACTIVE_ASSIGNMENT_STATES]);
      case 'needs_routing':
      case 'registered_today':
        return q.where(sql.lit(false));
    }
  }
  switch (queue) {
    case 'needs_routing':
      return q
        .where('a.status', '=', 'registered')
        .where((eb) => eb.not(eb.exists(mainAssignment(eb, ACTIVE_ASSIGNMENT_STATES))));
    case 'registered_today':
      return q.where('a.registered_at', '>=', startOfToday(now, timeZone));
    case 'open':
      return q.where('a.status', '!=', 'closed');
    case 'new':
      return q
        .where('a.status', '=', 'registered')
        .where((eb) => eb.exists(mainAssignment(eb, ['pending'])));
    case 'in_work':
      return q.where('a.status', '=', 'in_work');
    case 'due_soon':
      return q
        .where('a.status', '!=', 'closed')
        .where('a.control_date', '>=', now)
        .where('a.control_date', '<', soon);
    case 'overdue':
      return q.where('a.status', '!=', 'closed').where('a.control_date', '<', now);
    case 'rework':
      return q.where('a.status', '=', 'rework');
    case 'on_check':
      return q.where('a.status', '=', 'on_check');
  }
}

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

/** Apply the registry's filters (everything but sort and paging). */
function applyFilter(
  q: AppealQuery,
  filter: AppealFilter,
  actor: UserActor,
  deps: Deps,
  dueSoonHours: number,
  address: SearchedAddress | null = null,
): AppealQuery {
  const now = deps.now();
  // An executor's queue already requires its own assignment (applyQueue), which implies
  // visibility: the second EXISTS would only repeat the lookup for every candidate row.
  if (!(filter.queue && appealScope(actor).kind === 'organisation')) q = q.where(visibleTo(actor));
  if (filter.queue) q = applyQueue(q, filter.queue, actor, now, deps.config.timeZone, dueSoonHours);
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

/** The sort keys of each order; the last is always the id, so the order is total. */
const FAR_FUTURE = new Date('9999-12-31T00:00:00Z');
const SORT_KEYS: Record<
  AppealSort,
  { key: 'privileged' | 'received_at' | 'control_date' | 'id'; dir: 'asc' | 'desc' }[]
> = {
  received_desc: [
    { key: 'received_at', dir: 'desc' },
    { key: 'id', dir: 'desc' },
  ],
  received_asc: [
    { key: 'received_at', dir: 'asc' },
    { key: 'id', dir: 'asc' },
  ],
  control_date_asc: [
    { key: 'privileged', dir: 'desc' },
    { key: 'control_date', dir: 'asc' },
    { key: 'id', dir: 'asc' },
  ],
};

function sortExpression(key: 'privileged' | 'received_at' | 'control_date' | 'id') {
  switch (key) {
    case 'privileged':
      return sql<boolean>`a.privileged`;
    case 'received_at':
      return sql<Date>`a.received_at`;
    case 'control_date':
      // Appeals without a control date (consultations) sort last.
      return sql<Date>`coalesce(a.control_date, ${FAR_FUTURE})`;
    case 'id':
      return sql<number>`a.id`;
  }
}

/** What each sort key's cursor position holds. */
const CURSOR_KINDS = {
  privileged: 'boolean',
  received_at: 'instant',
  control_date: 'instant',
  id: 'integer',
} as const satisfies Record<string, CursorKind>;

function decodeSortCursor(cursor: string, sort: AppealSort): CursorValue[] {
  return decodeCursor(
    cursor,
    SORT_KEYS[sort].map(({ key }) => CURSOR_KINDS[key]),
  );
}

function cursorOf(row: SummaryRow & { privileged: boolean }, sort: AppealSort): string {
  return encodeCursor(
    SORT_KEYS[sort].map(({ key }) => {
      switch (key) {
        case 'privileged':
          return row.privileged;
        case 'received_at':
          return row.received_at.toISOString();
        case 'control_date':
          return (row.control_date ?? FAR_FUTURE).toISOString();
        case 'id':
          return row.id;
      }
    }),
  );
}

/**
 * Rows strictly after the cursor in the sort order. When every key runs the same way (the registry's
 * orders by receipt), one row comparison `(k1, k2) < (v1, v2)`: the index on those keys starts its
 * range there, so page N costs what page 1 does (an OR of the keys made page N of an export read
 * N pages of index entries first). With mixed directions (the queues: privileged first, then by
 * control date) it is written out — (k1 after v1) or (k1 = v1 and k2 after v2) … — with the first
 * key's bound repeated so that an index on it can still narrow the range.
 */
function afterCursor(q: AppealQuery, sort: AppealSort, values: CursorValue[]): AppealQuery {
  const keys = SORT_KEYS[sort];
  const value = (i: number) => {
    const v = values[i]!;
    const key = keys[i]!.key;
    return key === 'received_at' || key === 'control_date' ? new Date(v as string) : v;
  };
  const compare = (i: number, op: '=' | '<' | '>' | '<=' | '>=') =>
    sql<boolean>`${sortExpression(keys[i]!.key)} ${sql.raw(op)} ${value(i)}`;
  const direction = keys[0]!.dir;
  if (keys.every((k) => k.dir === direction)) {
    const left = sql.join(keys.map((k) => sortExpression(k.key)));
    const right = sql.join(keys.map((_, i) => value(i)));
    return q.where(sql<boolean>`(${left}) ${sql.raw(direction === 'asc' ? '>' : '<')} (${right})`);
  }
  return q
    .where(compare(0, direction === 'asc' ? '>=' : '<='))
    .where((eb) =>
      eb.or(
        keys.map((key, i) =>
          eb.and([
            ...keys.slice(0, i).map((_, j) => compare(j, '=')),
            compare(i, key.dir === 'asc' ? '>' : '<'),
          ]),
        ),
      ),
    );
}

function effectiveSort(filter: AppealFilter): AppealSort {
  return filter.sort ?? defaultSortOf(filter.queue);
}

/**
 * One page of the registry in a total order (the id breaks every tie), so no row repeats or
 * vanishes across pages; in a queue, privileged applicants first, then by control date.
 *
 * @returns `items` and `nextCursor` (null on the last page).
 * @throws AppError 400 `invalid_cursor`.
 */
export async function listAppeals(
  deps: Deps,
  actor: UserActor,
  query: ListAppealsQuery,
): Promise<{ items: AppealSummaryView[]; nextCursor: string | null }> {
  const sort = effectiveSort(query);
  // The page's ids first, on `appeals` alone (filters, order, limit), then the joins for those
  // rows only: a queue sorted by control date would otherwise join every candidate (thousands in
  // a large executor's inbox) before sorting them (docs/PERFORMANCE.md).
  const soonHours = await dueSoonHours(deps.db);
  const address = query.q ? await searchedAddress(deps.db, query.q) : null;
  let ids = applyFilter(appealsOnly(deps.db), query, actor, deps, soonHours, address);
  if (query.cursor) ids = afterCursor(ids, sort, decodeSortCursor(query.cursor, sort));
  for (const { key, dir } of SORT_KEYS[sort]) ids = ids.orderBy(sortExpression(key), dir);
  const pageIds = ids
    .clearSelect()
    .select('a.id')
    .limit(query.limit + 1);
  let q = summaryQuery(deps.db).where('a.id', 'in', pageIds);
  for (const { key, dir } of SORT_KEYS[sort]) q = q.orderBy(sortExpression(key), dir);
  const rows = await q.execute();
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map((row) =>
      depersonaliseSummary(
        presentAppealSummary(row, personalDataAccess(actor.role)),
        personalDataAccess(actor.role),
      ),
    ),
    nextCursor: rows.length > query.limit && last ? cursorOf(last, sort) : null,
  };
}

/**
 * Every appeal of a filter, in batches of `batchSize`, for exports: keyset pages, so memory stays
 * flat however many rows there are.
 */
export async function* iterateAppeals(
  deps: Deps,
  actor: UserActor,
  filter: AppealFilter,
  batchSize = 2000,
): AsyncGenerator<AppealSummaryView[]> {
  let cursor: string | undefined;
  do {
    const page = await listAppeals(deps, actor, {
      ...filter,
      limit: batchSize,
      ...(cursor ? { cursor } : {}),
    });
    if (page.items.length > 0) yield page.items;
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
}

/** How many appeals each queue of `queues` holds for `actor`. */
export async function countQueues(
  deps: Deps,
  actor: UserActor,
  queues: readonly Queue[],
): Promise<{ key: Queue; count: number }[]> {
  const counts: { key: Queue; count: number }[] = [];
  const soonHours = await dueSoonHours(deps.db);
  for (const queue of queues) {
    // Counted on `appeals` alone: the summary's joins change no count and cost a join per row.
    const row = await applyFilter(appealsOnly(deps.db), { queue }, actor, deps, soonHours)
      .clearSelect()
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    counts.push({ key: queue, count: Number(row.n) });
  }
  return counts;
}

/**
 * How many appeals the registry's filter holds (what the list pages through), counted on
 * `appeals` alone. The supervisor's figures are counted the same way (`countQueues`).
 */
export async function countAppeals(
  deps: Deps,
  actor: UserActor,
  filter: AppealFilter,
): Promise<number> {
  const soonHours = await dueSoonHours(deps.db);
  const address = filter.q ? await searchedAddress(deps.db, filter.q) : null;
  const row = await applyFilter(appealsOnly(deps.db), filter, actor, deps, soonHours, address)
    .clearSelect()
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
