/**
 * What the generator draws from (module doc of `generate-appeals.ts`): the model built once per run
 * from the question types, the shared Kyiv 1551 distributions and the executors, and the shapes one
 * generated appeal is built with (ids, buffers, the event writer).
 */
import type { Kysely } from 'kysely';
import type { WorkCalendar } from '../../domain/calendar/work-calendar.js';
import type { ResultCode } from '../../domain/results.js';
import { matchKey } from '../../domain/text.js';
import type { AppealStatus, Channel } from '../../domain/vocabulary.js';
import type { DB } from '../db/schema.js';
import { Random, WeightedChoice, zipfWeights } from './random.js';
import type { loadDistributions } from './shared-data.js';
import type { TableBuffer } from './sinks.js';
import * as T from './texts-uk.js';

export const DAY_MS = 86_400_000;
export const HOUR_MS = 3_600_000;

export interface QuestionType {
  id: number;
  kindName: string;
  name: string;
  termDays: number;
  termHours: number | null;
  reviewMargin: number;
  isEmergency: boolean;
  executorId: number | null;
  details: readonly string[];
  lawKind: 'application' | 'complaint' | 'proposal';
}

/** Everything drawn once and shared by every appeal. */
export interface Model {
  random: Random;
  questionTypes: WeightedChoice<QuestionType>;
  channels: WeightedChoice<Channel>;
  openStatuses: WeightedChoice<AppealStatus>;
  results: WeightedChoice<ResultCode>;
  streets: WeightedChoice<string>;
  /**
   * The districts of the address registry, by id (issue 18): each street belongs to one of them by
   * a hash of its name, so a street's appeals stay in one district. Empty: appeals get no district.
   */
  districtIds: number[];
  executors: WeightedChoice<number>;
  privileged: WeightedChoice<string>;
  callHours: WeightedChoice<number>;
  webHours: WeightedChoice<number>;
  calendar: WorkCalendar;
  timeZone: string;
  until: number;
}

/** Ids in use and the next free one of each table. */
export type NextIds = Record<
  'applicants' | 'appeals' | 'assignments' | 'responses' | 'reviews',
  number
>;

/**
 * An applicant earlier appeals were written for, with what the card records of them for the
 * statistics by Classifier No. 858 (issue 17): sex, author category, social status (keys or null).
 */
export interface PooledApplicant {
  id: number;
  privileged: boolean;
  sex: 'male' | 'female';
  category: string | null;
  socialStatus: string | null;
}

export interface AppealContext {
  receivedAt: number;
  channel: Channel;
  number: string;
  localDate: string;
  applicantPool: PooledApplicant[];
  deadlineCache: Map<string, { legal: number; control: number }>;
}

export type Buffers = Record<
  'applicants' | 'appeals' | 'assignments' | 'responses' | 'reviews' | 'events',
  TableBuffer
>;

export const iso = (ms: number) => new Date(ms);

/** Writes one history event of the appeal being built. */
export type EventWriter = (
  at: number,
  actor: string,
  type: string,
  from: AppealStatus | null,
  to: AppealStatus | null,
  data: string,
  comment?: string | null,
) => void;

/** Relative intake by local hour: calls to the centre, and the site / app. */
const CALL_HOURS = [
  0.25, 0.15, 0.1, 0.08, 0.08, 0.15, 0.5, 1.4, 2.9, 4.2, 4.5, 4.3, 4.0, 3.8, 3.6, 3.4, 3.2, 3.0,
  2.7, 2.3, 1.8, 1.3, 0.8, 0.45,
];
const WEB_HOURS = [
  0.9, 0.6, 0.4, 0.3, 0.3, 0.4, 0.8, 1.5, 2.4, 3.0, 3.2, 3.1, 3.0, 2.9, 2.8, 2.8, 2.9, 3.0, 3.2,
  3.4, 3.4, 3.0, 2.3, 1.5,
];

/** The model: question types weighted by their kind's volume, channels, statuses, results, streets, executors by rank. */
export async function buildModel(
  db: Kysely<DB>,
  random: Random,
  distributions: ReturnType<typeof loadDistributions>,
  executorIds: number[],
  calendar: WorkCalendar,
  timeZone: string,
  until: Date,
): Promise<Model> {
  const rows = await db
    .selectFrom('question_types as qt')
    .innerJoin('classifier_kinds as k', 'k.id', 'qt.kind_id')
    .leftJoin('routing_rules as r', 'r.question_type_id', 'qt.id')
    .select([
      'qt.id',
      'qt.name',
      'qt.term_days',
      'qt.term_hours',
      'qt.review_margin_days',
      'qt.is_emergency',
      'k.name as kind_name',
      'r.executor_id',
    ])
    .where('qt.active', '=', true)
    .where('k.active', '=', true)
    .orderBy('k.position')
    .orderBy('qt.id')
    .execute();
  const details = new Map(Object.entries(T.KIND_DETAILS).map(([k, v]) => [matchKey(k), v]));
  const known = [...distributions.kindCounts.values()];
  const fallbackCount = known.length > 0 ? Math.min(...known) : 100;
  const byKind = new Map<string, typeof rows>();
  for (const row of rows) {
    const list = byKind.get(row.kind_name) ?? [];
    list.push(row);
    byKind.set(row.kind_name, list);
  }
  const types: QuestionType[] = [];
  const weights: number[] = [];
  for (const [kindName, list] of byKind) {
    const key = matchKey(kindName);
    const kindCount = distributions.kindCounts.get(key) ?? fallbackCount;
    const spread = list.map((row, i) => (row.is_emergency ? 0.3 : 1) / Math.pow(i + 1, 0.8));
    const sum = spread.reduce((a, b) => a + b, 0);
    list.forEach((row, i) => {
      types.push({
        id: row.id,
        kindName,
        name: row.name,
        termDays: row.term_days,
        termHours: row.term_hours,
        reviewMargin: row.review_margin_days,
        isEmergency: row.is_emergency,
        executorId: row.executor_id,
        details: details.get(key) ?? T.GENERIC_DETAILS,
        lawKind: /претензії|скарг/i.test(kindName)
          ? 'complaint'
          : /пропозиції|подяки/i.test(kindName)
            ? 'proposal'
            : 'application',
      });
      weights.push((kindCount * spread[i]!) / sum);
    });
  }
  if (types.length === 0) throw new Error('No active question types: run `kontakt seed` first.');

  const open = [...distributions.statusCounts].filter(([status]) => status !== 'closed');
  // Executors by rank: a fixed shuffle of the ids, so which one is busiest depends on the seed only.
  const ranked = [...executorIds];
  const shuffle = random.fork();
  for (let i = ranked.length - 1; i > 0; i--) {
    const j = shuffle.int(0, i);
    [ranked[i], ranked[j]] = [ranked[j]!, ranked[i]!];
  }
  const hours = Array.from({ length: 24 }, (_, h) => h);
  return {
    random,
    questionTypes: new WeightedChoice(types, weights),
    channels: new WeightedChoice(
      [...distributions.channelCounts.keys()],
      [...distributions.channelCounts.values()],
    ),
    openStatuses: new WeightedChoice(
      open.map(([s]) => s),
      open.map(([, n]) => n),
    ),
    results: new WeightedChoice(
      [...distributions.resultCounts.keys()],
      [...distributions.resultCounts.values()],
    ),
    streets: new WeightedChoice(distributions.streets.names, distributions.streets.weights),
    districtIds: (await db.selectFrom('districts').select('id').orderBy('id').execute()).map(
      (d) => d.id,
    ),
    executors: new WeightedChoice(ranked, zipfWeights(ranked.length, 1.0)),
    privileged: new WeightedChoice(
      T.PRIVILEGED_CATEGORIES.map(([c]) => c),
      T.PRIVILEGED_CATEGORIES.map(([, w]) => w),
    ),
    callHours: new WeightedChoice(hours, CALL_HOURS),
    webHours: new WeightedChoice(hours, WEB_HOURS),
    calendar,
    timeZone,
    until: until.getTime(),
  };
}
