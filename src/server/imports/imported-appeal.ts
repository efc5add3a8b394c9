/**
 * The one path by which imported appeals enter the database, shared by every importer: a batch of
 * normalised records (≈500) is written in ONE transaction with multi-row statements — a handful of
 * round trips per batch, not several per appeal (the embedded engine pays per statement).
 *
 * Per batch:
 * 1. records whose `(source, source_id)` is already in `appeals` are skipped (`already_imported`;
 *    the unique index `appeals_source_idx` with ON CONFLICT DO NOTHING is the safety net against a
 *    concurrent import of the same file — a record taken that way leaves its number unused);
 * 2. registration numbers are allocated in blocks, one counter statement for all the years of the
 *    batch (`registration_counters.last_value += n`), and given out in order of receipt;
 * 3. the appeals are inserted, each with its legal deadline and control date as a registration
 *    gives them (`appealDeadlines`: Law 393/96-ВР Art. 20 by the city's work calendar, the control
 *    date earlier by the question type's review margin);
 * 4. a main assignment is inserted for each appeal whose executor is known, in the state matching
 *    the appeal's status (table below);
 * 5. one `imported` event per appeal records the source and the original status and result.
 *
 * | appeal status | main assignment state |
 * |---|---|
 * | registered | pending |
 * | in_work | in_work |
 * | on_check | responded |
 * | rework | rework |
 * | closed | done; `returned` when the result is "not in competence", `withdrawn` when cancelled by the applicant |
 *
 * An open appeal whose executor is not known goes to the default executor of its question type
 * (routing rule), as a registration would; without a rule it stays unassigned. A closed appeal
 * without a known executor gets no assignment: the import does not invent who handled it.
 *
 * Importers queue records through `ImportedAppealWriter` (`imported-appeal-writer.ts`) and find
 * the kinds, question types and executors their records name with `ImportReferences`
 * (`import-references.ts`).
 */
import { countAppealIds } from '../monitoring/appeal-counts.js';
import { type Insertable, type Kysely, sql } from 'kysely';
import { appealDeadlines } from '../../domain/calendar/deadline-engine.js';
import { yearInZone } from '../../domain/deadlines.js';
import { loadCalendar } from '../calendar/calendar.repository.js';
import type { ResultCode } from '../../domain/results.js';
import { formatRegistrationNumber } from '../../domain/text.js';
import type {
  AppealKind,
  AppealStatus,
  AppealSubject,
  AssignmentState,
  Channel,
} from '../../domain/vocabulary.js';
import type { Deps, SystemActor } from '../context.js';
import type { DB, NewAppealRow } from '../db/schema.js';

/** One appeal of a source file, normalised by its importer. */
export interface ImportedAppealRecord {
  /** The record's identifier in its source (unique per source). */
  sourceId: string;
  /** 1-based line of the file where the record starts (kept in the `imported` event). */
  line: number;
  receivedAt: Date;
  channel: Channel;
  kind: AppealKind;
  subject: AppealSubject;
  questionTypeId: number;
  description: string;
  address: string | null;
  /** WGS 84 degrees; both or neither. */
  latitude: number | null;
  longitude: number | null;
  status: AppealStatus;
  /** Required when `status` is `closed`; ignored otherwise. */
  result: ResultCode | null;
  /** The main executor named by the source, or null (see the module doc for the fallback). */
  executorId: number | null;
  /** When it was closed; `receivedAt` is used for a closed record without it. */
  closedAt: Date | null;
  /** The status and result as the source wrote them. */
  originalStatus: string | null;
  originalResult: string | null;
  /** Anything else of the source worth keeping in the `imported` event. */
  extra?: Record<string, unknown>;
}

export interface ImportBatchOptions {
  /** Name of the source system, stored in `appeals.source` (e.g. `kyiv1551`). */
  source: string;
  /** Who imports (e.g. `{ kind: 'system', label: 'import:kyiv1551' }`). */
  actor: SystemActor;
  /** Aborted = stop before the next batch (the server's shutdown); batches written stay. */
  signal?: AbortSignal | undefined;
}

/** Options every importer takes besides its file. */
export interface ImportRunOptions {
  /** Stop between batches when aborted; the import throws the signal's reason then. */
  signal?: AbortSignal;
}

export interface ImportBatchResult {
  /** Appeals written. */
  imported: number;
  /** Records skipped because their `(source, sourceId)` was already in the database. */
  alreadyImported: number;
}

function assignmentStateFor(record: ImportedAppealRecord): AssignmentState {
  switch (record.status) {
    case 'registered':
      return 'pending';
    case 'in_work':
      return 'in_work';
    case 'on_check':
      return 'responded';
    case 'rework':
      return 'rework';
    case 'closed':
      if (record.result === 'not_in_competence_forwarded') return 'returned';
      if (record.result === 'cancelled_by_applicant') return 'withdrawn';
      return 'done';
  }
}

/**
 * Write one batch of imported appeals in one transaction (see the module doc for the steps).
 * Records repeated within the batch (same `sourceId`) count as already imported after the first.
 *
 * @returns how many were written and how many were already in the database.
 * @throws Error when a closed record has no result (an importer's bug); nothing of the batch is
 *   written then. Database errors propagate and roll the batch back.
 */
export async function insertImportedAppeals(
  deps: Deps,
  options: ImportBatchOptions,
  records: readonly ImportedAppealRecord[],
): Promise<ImportBatchResult> {
  if (records.length === 0) return { imported: 0, alreadyImported: 0 };
  for (const r of records) {
    if (r.status === 'closed' && r.result === null) {
      throw new Error(`Imported record ${r.sourceId} (line ${r.line}) is closed without a result.`);
    }
  }
  const { source, actor } = options;
  const zone = deps.config.timeZone;
  const now = deps.now();

  return deps.db.transaction().execute(async (trx) => {
    const ids = [...new Set(records.map((r) => r.sourceId))];
    const existing = await trx
      .selectFrom('appeals')
      .select('source_id')
      .where('source', '=', source)
      .where('source_id', 'in', ids)
      .execute();
    const taken = new Set(existing.map((row) => row.source_id));
    const fresh: ImportedAppealRecord[] = [];
    for (const r of records) {
      if (taken.has(r.sourceId)) continue;
      taken.add(r.sourceId);
      fresh.push(r);
    }
    if (fresh.length === 0) return { imported: 0, alreadyImported: records.length };

    const questionTypes = await questionTypeTerms(trx, fresh);
    const numbers = await allocateNumbers(trx, fresh, zone);
    const calendar = await loadCalendar(trx, zone, now);

    const rows: NewAppealRow[] = fresh.map((r, i) => {
      const qt = questionTypes.get(r.questionTypeId);
      if (!qt)
        throw new Error(`Imported record ${r.sourceId}: no question type ${r.questionTypeId}.`);
      const closed = r.status === 'closed';
      const deadlines = appealDeadlines({ receivedAt: r.receivedAt, questionType: qt, calendar });
      const hasPoint = r.latitude !== null && r.longitude !== null;
      return {
        number: numbers[i]!,
        received_at: r.receivedAt,
        registered_at: r.receivedAt,
        channel: r.channel,
        kind: r.kind,
        subject: r.subject,
        question_type_id: r.questionTypeId,
        address_text: r.address,
        latitude: hasPoint ? r.latitude : null,
        longitude: hasPoint ? r.longitude : null,
        description: r.description,
        status: r.status,
        result: closed ? r.result : null,
        legal_deadline: deadlines.legal,
        control_date: deadlines.control,
        closed_at: closed ? (r.closedAt ?? r.receivedAt) : null,
        source,
        source_id: r.sourceId,
        updated_at: now,
      };
    });
    const inserted = await trx
      .insertInto('appeals')
      .values(rows)
      .onConflict((oc) =>
        oc.columns(['source', 'source_id']).where('source', 'is not', null).doNothing(),
      )
      .returning(['id', 'source_id'])
      .execute();
    const appealIds = new Map(inserted.map((row) => [row.source_id, row.id]));
    // The live counts (issue 18, ADR 048): the batch added to its hours.
    await countAppealIds(
      trx,
      inserted.map((row) => row.id),
    );

    const assignments: Insertable<DB['assignments']>[] = [];
    const events = [];
    for (const [i, r] of fresh.entries()) {
      const appealId = appealIds.get(r.sourceId);
      if (appealId === undefined) continue; // taken by a concurrent import meanwhile
      const row = rows[i]!;
      const executorId =
        r.executorId ??
        (r.status === 'closed' ? null : (questionTypes.get(r.questionTypeId)?.executorId ?? null));
      if (executorId !== null) {
        const state = assignmentStateFor(r);
        const finished = state === 'done' || state === 'returned' || state === 'withdrawn';
        assignments.push({
          appeal_id: appealId,
          executor_id: executorId,
          role: 'main',
          state,
          control_date: row.control_date ?? null,
          assigned_at: r.receivedAt,
          finished_at: finished ? (row.closed_at ?? null) : null,
        });
      }
      events.push({
        appeal_id: appealId,
        at: now,
        actor_id: null,
        actor_label: actor.label,
        type: 'imported',
        from_status: null,
        to_status: r.status,
        data: JSON.stringify({
          ...r.extra,
          source,
          sourceId: r.sourceId,
          line: r.line,
          originalStatus: r.originalStatus,
          originalResult: r.originalResult,
          ...(executorId !== null && r.executorId === null ? { routed: true } : {}),
        }),
      });
    }
    if (assignments.length > 0) await trx.insertInto('assignments').values(assignments).execute();
    if (events.length > 0) await trx.insertInto('appeal_events').values(events).execute();
    return { imported: inserted.length, alreadyImported: records.length - inserted.length };
  });
}

/** Legal term and routing rule of each question type of the batch (one query). */
async function questionTypeTerms(
  db: Kysely<DB>,
  records: readonly ImportedAppealRecord[],
): Promise<Map<number, QuestionTypeTerms>> {
  const ids = [...new Set(records.map((r) => r.questionTypeId))];
  const rows = await db
    .selectFrom('question_types as qt')
    .leftJoin('routing_rules as r', 'r.question_type_id', 'qt.id')
    .select([
      'qt.id',
      'qt.term_days',
      'qt.term_hours',
      'qt.review_margin_days',
      'qt.is_emergency',
      'r.executor_id',
    ])
    .where('qt.id', 'in', ids)
    .execute();
  return new Map(
    rows.map((row) => [
      row.id,
      {
        termDays: row.term_days,
        termHours: row.term_hours,
        reviewMarginDays: row.review_margin_days,
        emergency: row.is_emergency,
        executorId: row.executor_id,
      },
    ]),
  );
}

interface QuestionTypeTerms {
  termDays: number;
  termHours: number | null;
  reviewMarginDays: number;
  emergency: boolean;
  executorId: number | null;
}

/**
 * Registration numbers for `records` (same order), allocated in one block per calendar year of
 * receipt in `zone` by a single counter statement; within a year, in order of receipt.
 */
async function allocateNumbers(
  db: Kysely<DB>,
  records: readonly ImportedAppealRecord[],
  zone: string,
): Promise<string[]> {
  const years = records.map((r) => yearInZone(r.receivedAt, zone));
  const perYear = new Map<number, number>();
  for (const year of years) perYear.set(year, (perYear.get(year) ?? 0) + 1);
  const { rows } = await sql<{ year: number; last_value: number }>`
    INSERT INTO registration_counters (year, last_value)
    VALUES ${sql.join(
      // In year order, as registration groups take them (ADR 067): no two writers wait in a circle.
      [...perYear]
        .sort(([a], [b]) => a - b)
        .map(([year, n]) => sql`(${year}::integer, ${n}::integer)`),
    )}
    ON CONFLICT (year) DO UPDATE
      SET last_value = registration_counters.last_value + EXCLUDED.last_value
    RETURNING year, last_value`.execute(db);
  const next = new Map<number, number>();
  for (const row of rows) next.set(row.year, row.last_value - perYear.get(row.year)! + 1);

  const order = records
    .map((r, i) => i)
    .sort(
      (a, b) =>
        records[a]!.receivedAt.getTime() - records[b]!.receivedAt.getTime() ||
        records[a]!.sourceId.localeCompare(records[b]!.sourceId),
    );
  const numbers: string[] = new Array<string>(records.length);
  for (const i of order) {
    const year = years[i]!;
    const sequence = next.get(year)!;
    next.set(year, sequence + 1);
    numbers[i] = formatRegistrationNumber(year, sequence);
  }
  return numbers;
}
