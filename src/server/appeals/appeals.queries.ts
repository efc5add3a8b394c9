/**
 * Reading appeals: the registry page (keyset pagination with a stable tie-breaker), the exports'
 * batches and the work queues' counts (the card is appeal-card.queries.ts). The filters they apply
 * are in `appeal-filters.queries.ts`, the queues in `appeal-queues.queries.ts`; this file holds the
 * sort orders, the keyset cursor and the list and count queries.
 * Every result goes through a presenter for its audience before it leaves the server.
 */
import { type Kysely, type RawBuilder, sql } from 'kysely';
import { appealScope, personalDataAccess } from '../../domain/policy.js';
import type { Deps, UserActor } from '../context.js';
import { readerBatches } from '../db/read-replica.js';
import type { DB } from '../db/schema.js';
import type {
  AppealFilter,
  AppealSort,
  AppealSummaryView,
  ListAppealsQuery,
} from '../../contract/appeal-registry.schemas.js';
import { defaultSortOf, type Queue } from '../../domain/queues.js';
import { REGISTRATION_NUMBER_PATTERN } from '../../domain/text.js';
import {
  type CursorKind,
  type CursorValue,
  decodeCursor,
  encodeCursor,
} from '../db/keyset-cursor.js';
import { dueSoonHours } from '../settings.js';
import { summaryQuery, type SummaryRow } from './appeal-summary.queries.js';
import { depersonaliseSummary, presentAppealSummary } from './appeals.presenter.js';
import {
  type AppealQuery,
  ownAssignmentCondition,
  ownAssignmentQueue,
} from './appeal-queues.queries.js';
import { applyFilter, searchedAddress } from './appeal-filters.queries.js';

/**
 * `appeals as a` alone, typed as the summary query so the same filters apply. Only for counting
 * and for finding a page's ids: the filters (applyFilter, applyQueue, afterCursor) refer to `a`
 * and to subqueries only, never to the joined tables, which is what makes this sound.
 */
function appealsOnly(db: Kysely<DB>): AppealQuery {
  return db.selectFrom('appeals as a') as unknown as AppealQuery;
}

/**
 * A text search newest first reads the appeals received in these last days first (ADR 060): 31
 * days, about 85,000 appeals at a capital's rate of a million a year.
 */
const SEARCH_WINDOW_MS = 31 * 86_400_000;

/** The sort keys of each order; the last is always the id, so the order is total. */
const FAR_FUTURE = new Date('9999-12-31T00:00:00Z');
type SortKey = 'privileged' | 'received_at' | 'control_date' | 'id';
const SORT_KEYS: Record<AppealSort, { key: SortKey; dir: 'asc' | 'desc' }[]> = {
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

/**
 * Where a page's ids and sort values are read: the appeals (`a`), or, for an executor's queue in
 * its own order, the organisation's own assignments (`own`, joined to `a`; ADR 059), whose index
 * holds the queue privileged first and by the executor's control date.
 */
type PageSource = 'appeals' | 'own_assignments';

/** A sort key's value in the page query (what ORDER BY and the cursor compare). */
function sortExpression(key: SortKey, source: PageSource) {
  const own = source === 'own_assignments';
  switch (key) {
    case 'privileged':
      return own ? sql<boolean>`own.privileged` : sql<boolean>`a.privileged`;
    case 'received_at':
      return sql<Date>`a.received_at`;
    case 'control_date':
      // Appeals without a control date (consultations) sort last.
      return own
        ? sql<Date>`coalesce(own.control_date, ${FAR_FUTURE})`
        : sql<Date>`coalesce(a.control_date, ${FAR_FUTURE})`;
    case 'id':
      return own ? sql<number>`own.appeal_id` : sql<number>`a.id`;
  }
}

/**
 * The ORDER BY of a key: the value itself, except the assignments' control date, ordered as the
 * column (ascending puts NULL last, as the coalesce does) so that the queue's index serves it.
 */
function orderExpression(key: SortKey, source: PageSource) {
  return source === 'own_assignments' && key === 'control_date'
    ? sql<Date | null>`own.control_date`
    : sortExpression(key, source);
}

/** What each sort key's cursor position holds. */
const CURSOR_KINDS = {
  privileged: 'boolean',
  received_at: 'instant',
  control_date: 'instant',
  id: 'integer',
} as const satisfies Record<SortKey, CursorKind>;

function decodeSortCursor(cursor: string, sort: AppealSort): CursorValue[] {
  return decodeCursor(
    cursor,
    SORT_KEYS[sort].map(({ key }) => CURSOR_KINDS[key]),
  );
}

/** A page row's sort values, as the page query selected them (`sort_<key>`). */
type SortValues = Partial<Record<`sort_${SortKey}`, unknown>>;

function cursorOf(row: SortValues, sort: AppealSort): string {
  return encodeCursor(
    SORT_KEYS[sort].map(({ key }) => {
      const value = row[`sort_${key}`];
      switch (key) {
        case 'privileged':
          return value as boolean;
        case 'received_at':
        case 'control_date':
          return (value as Date).toISOString();
        case 'id':
          return Number(value);
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
function afterCursor(
  q: AppealQuery,
  sort: AppealSort,
  values: CursorValue[],
  source: PageSource,
): AppealQuery {
  const keys = SORT_KEYS[sort];
  const value = (i: number) => {
    const v = values[i]!;
    const key = keys[i]!.key;
    return key === 'received_at' || key === 'control_date' ? new Date(v as string) : v;
  };
  const compare = (i: number, op: '=' | '<' | '>' | '<=' | '>=') =>
    sql<boolean>`${sortExpression(keys[i]!.key, source)} ${sql.raw(op)} ${value(i)}`;
  const direction = keys[0]!.dir;
  if (keys.every((k) => k.dir === direction)) {
    const left = sql.join(keys.map((k) => sortExpression(k.key, source)));
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
 * vanishes across pages; in a queue, privileged applicants first, then by control date — for an
 * executor, its own assignment's control date (the term it was given; ADR 059).
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
  // The page's ids and sort values first (filters, order, limit), then the joins for those rows
  // only: a queue sorted by control date would otherwise join every candidate (thousands in a
  // large executor's inbox) before sorting them (docs/PERFORMANCE.md).
  const soonHours = await dueSoonHours(deps.db);
  const address = query.q ? await searchedAddress(deps.db, query.q) : null;
  const scope = appealScope(actor);
  const own =
    query.queue && scope.kind === 'organisation' && sort === 'control_date_asc'
      ? ownAssignmentQueue(query.queue)
      : null;
  const source: PageSource = own ? 'own_assignments' : 'appeals';
  let ids: AppealQuery;
  if (own && scope.kind === 'organisation') {
    const now = deps.now();
    const soon = new Date(now.getTime() + soonHours * 3600_000);
    const joined = deps.db
      .selectFrom('assignments as own')
      .innerJoin('appeals as a', 'a.id', 'own.appeal_id') as unknown as AppealQuery;
    ids = applyFilter(
      joined.where(ownAssignmentCondition('own', scope.organisationId, own, now, soon)),
      query,
      actor,
      deps,
      soonHours,
      address,
      true,
    );
  } else {
    ids = applyFilter(appealsOnly(deps.db), query, actor, deps, soonHours, address);
  }
  const cursor = query.cursor ? decodeSortCursor(query.cursor, sort) : null;
  if (cursor) ids = afterCursor(ids, sort, cursor, source);
  for (const { key, dir } of SORT_KEYS[sort]) ids = ids.orderBy(orderExpression(key, source), dir);
  /** The page's rows within `range` of receipt (all when null), at most `limit`. */
  const read = async (limit: number, range: ((q: AppealQuery) => AppealQuery) | null) => {
    const page = (range ? range(ids) : ids)
      .clearSelect()
      .select(
        SORT_KEYS[sort].map(({ key }) =>
          (sortExpression(key, source) as RawBuilder<unknown>).as(`sort_${key}`),
        ),
      )
      .select(sql<number>`a.id`.as('page_id'))
      .limit(limit);
    let q = summaryQuery(deps.db)
      .innerJoin(page.as('p'), (join) => join.onRef(sql.ref('p.page_id'), '=', 'a.id'))
      .select(SORT_KEYS[sort].map(({ key }) => sql.ref(`p.sort_${key}`).as(`sort_${key}`)));
    for (const { key, dir } of SORT_KEYS[sort]) q = q.orderBy(sql.ref(`p.sort_${key}`), dir);
    return (await q.execute()) as (SummaryRow & SortValues)[];
  };
  let rows: (SummaryRow & SortValues)[];
  if (sort === 'received_desc' && query.q && !REGISTRATION_NUMBER_PATTERN.test(query.q)) {
    // A text search, newest first (ADR 060): the recent weeks first, where a common word fills
    // the page from a few hundred rows; the rest only when they do not. Exact: every row of the
    // window comes before every row older than it.
    const top = cursor ? new Date(cursor[0] as string) : deps.now();
    const since = new Date(Math.min(top.getTime(), deps.now().getTime()) - SEARCH_WINDOW_MS);
    rows = await read(query.limit + 1, (q) => q.where('a.received_at', '>=', since));
    if (rows.length <= query.limit)
      rows = rows.concat(
        await read(query.limit + 1 - rows.length, (q) => q.where('a.received_at', '<', since)),
      );
  } else {
    rows = await read(query.limit + 1, null);
  }
  const items = rows.slice(0, query.limit);
  const last = items.at(-1);
  const access = personalDataAccess(actor.role);
  return {
    items: items.map((row) => depersonaliseSummary(presentAppealSummary(row, access), access)),
    nextCursor: rows.length > query.limit && last ? cursorOf(last, sort) : null,
  };
}

/**
 * Every appeal of a filter, in batches of `batchSize`, for exports: keyset pages, so memory stays
 * flat however many rows there are. Read from the replica when one is configured and keeps up
 * (`readerBatches`, ADR 054), else from the primary.
 */
export function iterateAppeals(
  deps: Deps,
  actor: UserActor,
  filter: AppealFilter,
  batchSize = 2000,
): AsyncGenerator<AppealSummaryView[]> {
  return readerBatches(deps, async function* (db) {
    const reader = { ...deps, db };
    let cursor: string | undefined;
    do {
      const page = await listAppeals(reader, actor, {
        ...filter,
        limit: batchSize,
        ...(cursor ? { cursor } : {}),
      });
      if (page.items.length > 0) yield page.items;
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
  });
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
