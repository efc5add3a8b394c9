/**
 * The official statistics of citizens' appeals by the Classifier (Cabinet of Ministers resolution
 * No. 858 of 2008, p. 3: quarterly; issue 17, item 3; ADR 047): the expanded breakdown city councils
 * submit (research form C, `shared/data/classifier-858/quarterly-report-form.md`), section by
 * section — I.1 form of receipt, I.2 receipt sign, I.3 kind, I.4 sex, I.5 subject, I.7 author
 * category, I.8 social status, I.9 results, and the topics — each row for the period and for the
 * same dates a year before (form A's "previous / current year" columns).
 *
 * Counted: appeals received in the period (Kyiv days), consultations excluded (not appeals under
 * the Law; one reference row gives their number, so the report reconciles with the registry's
 * count). One appeal is one question here, so the topics count appeals. Every section sums to the
 * total: what the card does not state is a "not stated" row, never folded into "other" (the
 * research's rule, S9). One set-based statement with GROUPING SETS over one scan of the period.
 */
import { sql } from 'kysely';
import {
  AUTHOR_CATEGORIES,
  AUTHOR_SEXES,
  KIND_ITEMS,
  RECEIPT_FORMS,
  RECEIPT_SIGN_ITEMS,
  RESULT_ITEMS,
  SOCIAL_STATUSES,
  SUBJECT_ITEMS,
  TOPICS_858,
  receiptFormOf,
  result858Of,
  type ClassifierItem,
} from '../../domain/classifier-858.js';
import type { ResultCode } from '../../domain/results.js';
import type { Channel } from '../../domain/vocabulary.js';
import type { Deps } from '../context.js';
import type { Lang, ReportColumn, ReportQuery, ReportTable } from './report-table.js';

/** The same calendar dates one year earlier (29 February → 28 February). */
export function yearBefore(day: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const last = new Date(Date.UTC(y - 1, m, 0)).getUTCDate();
  return `${y - 1}-${String(m).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/** The dimensions the statement groups by, in GROUPING SETS order. */
const DIMENSIONS = [
  'channel',
  'receipt_sign',
  'kind',
  'author_sex',
  'subject',
  'author_category',
  'author_social_status',
  'result',
  'topic',
] as const;
type Dimension = (typeof DIMENSIONS)[number];

interface Counts {
  cur: number;
  prev: number;
}

const ZERO: Counts = { cur: 0, prev: 0 };
const add = (a: Counts, b: Counts): Counts => ({ cur: a.cur + b.cur, prev: a.prev + b.prev });

/**
 * The 858 report for [q.from, q.to] (inclusive Kyiv days; the route checks the span) against the
 * same dates a year before; the standard filters narrow both periods alike. Rows: section, code
 * (null where No. 858's code is not established), item name in `lang`, previous, current, change
 * in %. Errors: only the database's.
 */
export async function classifier858Report(
  deps: Deps,
  q: ReportQuery,
  lang: Lang,
): Promise<ReportTable> {
  const zone = deps.config.timeZone;
  const start = (day: string) => sql`((${day}::date)::timestamp AT TIME ZONE ${zone})`;
  const end = (day: string) => sql`(${start(day)} + interval '1 day')`;
  const prevFrom = yearBefore(q.from);
  const prevTo = yearBefore(q.to);
  const filters = [
    q.districtId !== undefined ? sql`AND a.district_id = ${q.districtId}` : sql``,
    q.kind !== undefined ? sql`AND a.kind = ${q.kind}` : sql``,
    q.questionTypeId !== undefined ? sql`AND a.question_type_id = ${q.questionTypeId}` : sql``,
    q.channel !== undefined ? sql`AND a.channel = ${q.channel}` : sql``,
    q.executorId !== undefined ? sql`AND a.main_executor_id = ${q.executorId}` : sql``,
  ];
  // One arm per period, each a range of the reports' covering index (ADR 052).
  const arm = (cur: boolean, from: string, to: string) => sql`
      SELECT ${sql.lit(cur)} AS cur, a.channel, a.receipt_sign, a.kind, a.author_sex, a.subject,
             a.author_category, a.author_social_status, a.result, a.question_type_id,
             a.closed_at IS NOT NULL AND COALESCE(a.legal_deadline, a.control_date) IS NOT NULL
               AND a.closed_at > COALESCE(a.legal_deadline, a.control_date) AS late
        FROM appeals a
       WHERE a.received_at >= ${start(from)} AND a.received_at < ${end(to)}
         ${sql.join(filters, sql` `)}`;
  // The stated columns of the appeal, and the question type whose subject (topic) No. 858 counts.
  const stated = DIMENSIONS.filter((d) => d !== 'topic');
  const own = stated.map((d) => sql.ref(d));
  // Counted first per combination of every dimension (tens of thousands of groups from a million
  // appeals, keyed by the question type rather than its topic, so no join per appeal), then the
  // grouping sets sum those counts: ten hash tables over the groups instead of over the appeals
  // (ADR 052).
  // The first grouping is estimated at ~400,000 groups (it finds ~130,000 in a million appeals),
  // so the planner reads the index in one process unless parallel workers are free to start: with
  // them the year's report took 1.4 s instead of 1.8 s (ADR 052). Local to this report's session.
  await sql`SET LOCAL parallel_setup_cost = 0`.execute(deps.db);
  await sql`SET LOCAL parallel_tuple_cost = 0`.execute(deps.db);
  const { rows } = await sql<{
    dimension: number;
    value: string | null;
    cur: string;
    prev: string;
    cur_late: string;
    prev_late: string;
    cur_consultations: string;
    prev_consultations: string;
  }>`
    WITH b AS (${arm(true, q.from, q.to)} UNION ALL ${arm(false, prevFrom, prevTo)}),
    g AS (
      SELECT ${sql.join(own, sql`, `)}, question_type_id, cur, late, count(*) AS n
        FROM b
       GROUP BY ${sql.join(own, sql`, `)}, question_type_id, cur, late
    ),
    c AS (
      SELECT ${sql.join(
        stated.map((d) => sql.ref(`g.${d}`)),
        sql`, `,
      )}, qt.topic_858::text AS topic,
             g.kind = 'consultation' AS consultation, g.cur, g.late, g.n
        FROM g JOIN question_types qt ON qt.id = g.question_type_id
    )
    SELECT CASE ${sql.join(
      DIMENSIONS.map((d, i) => sql`WHEN GROUPING(${sql.ref(d)}) = 0 THEN ${i}`),
      sql` `,
    )} ELSE -1 END AS dimension,
           COALESCE(${sql.join(
             DIMENSIONS.map((d) => sql.ref(d)),
             sql`, `,
           )}) AS value,
           COALESCE(sum(n) FILTER (WHERE cur AND NOT consultation), 0) AS cur,
           COALESCE(sum(n) FILTER (WHERE NOT cur AND NOT consultation), 0) AS prev,
           COALESCE(sum(n) FILTER (WHERE cur AND NOT consultation AND late), 0) AS cur_late,
           COALESCE(sum(n) FILTER (WHERE NOT cur AND NOT consultation AND late), 0) AS prev_late,
           COALESCE(sum(n) FILTER (WHERE cur AND consultation), 0) AS cur_consultations,
           COALESCE(sum(n) FILTER (WHERE NOT cur AND consultation), 0) AS prev_consultations
      FROM c
     GROUP BY GROUPING SETS (${sql.join(
       DIMENSIONS.map((d) => sql`(${sql.ref(d)})`),
       sql`, `,
     )}, ())`.execute(deps.db);

  const by = new Map<Dimension, Map<string | null, Counts>>(DIMENSIONS.map((d) => [d, new Map()]));
  let total = ZERO;
  let late = ZERO;
  let consultations = ZERO;
  for (const r of rows) {
    const counts = { cur: Number(r.cur), prev: Number(r.prev) };
    const dimension = DIMENSIONS[Number(r.dimension)];
    if (dimension === undefined) {
      total = counts;
      late = { cur: Number(r.cur_late), prev: Number(r.prev_late) };
      consultations = { cur: Number(r.cur_consultations), prev: Number(r.prev_consultations) };
    } else by.get(dimension)!.set(r.value, add(by.get(dimension)!.get(r.value) ?? ZERO, counts));
  }

  const uk = lang === 'uk';
  const out: ReportTable['rows'] = [];
  const row = (section: string, code: string | null, name: string, c: Counts) =>
    out.push({
      section,
      code,
      item: name,
      previous: c.prev,
      current: c.cur,
      change: c.prev > 0 ? Math.round((1000 * (c.cur - c.prev)) / c.prev) / 10 : null,
    });
  const notStated = uk ? 'Не зазначено' : 'Not stated';
  /** A section's rows from counts keyed by item key, with "not stated" for whatever is left. */
  const section = (
    title: string,
    items: readonly ClassifierItem[],
    counts: Map<string | null, Counts>,
  ) => {
    let listed = ZERO;
    for (const it of items) {
      const c = counts.get(it.key) ?? ZERO;
      listed = add(listed, c);
      row(title, it.code, uk ? it.uk : it.en, c);
    }
    const rest = { cur: total.cur - listed.cur, prev: total.prev - listed.prev };
    if (rest.cur !== 0 || rest.prev !== 0) row(title, null, notStated, rest);
  };
  /** Re-keys one dimension's counts through `keyOf` (channel → form of receipt, result → 9.x). */
  const regroup = (dimension: Dimension, keyOf: (value: string | null) => string | null) => {
    const m = new Map<string | null, Counts>();
    for (const [value, c] of by.get(dimension)!) {
      const k = keyOf(value);
      m.set(k, add(m.get(k) ?? ZERO, c));
    }
    return m;
  };

  row(uk ? 'Усього' : 'Total', null, uk ? 'Усього звернень' : 'All appeals', total);
  section(
    uk ? '1. За формою надходження' : '1. Form of receipt',
    RECEIPT_FORMS,
    regroup('channel', (v) => (v === null ? null : receiptFormOf(v as Channel))),
  );
  section(
    uk ? '2. За ознакою надходження' : '2. Receipt sign',
    RECEIPT_SIGN_ITEMS,
    by.get('receipt_sign')!,
  );
  section(uk ? '3. За видами' : '3. Kind', KIND_ITEMS, by.get('kind')!);
  section(uk ? '4. За статтю авторів' : '4. Authors’ sex', AUTHOR_SEXES, by.get('author_sex')!);
  section(uk ? '5. За суб’єктом' : '5. Subject', SUBJECT_ITEMS, by.get('subject')!);
  section(
    uk ? '7. За категоріями авторів' : '7. Authors’ category',
    AUTHOR_CATEGORIES,
    by.get('author_category')!,
  );
  section(
    uk ? '8. За соціальним станом авторів' : '8. Authors’ social status',
    SOCIAL_STATUSES,
    by.get('author_social_status')!,
  );
  const results = regroup('result', (v) => result858Of(v as ResultCode | null));
  section(uk ? '9. Результати розгляду' : '9. Results', RESULT_ITEMS, results);
  row(
    uk ? '9. Результати розгляду' : '9. Results',
    null,
    uk ? 'з них розглянуто з порушенням термінів' : 'of which answered late',
    late,
  );
  section(
    uk ? 'Тематика питань' : 'Topics',
    TOPICS_858.map((t) => ({ key: String(t.number), code: String(t.number), uk: t.uk, en: t.en })),
    by.get('topic')!,
  );
  row(
    uk ? 'Довідково' : 'For reference',
    null,
    uk
      ? 'Консультації (не є зверненнями за Законом, не враховано вище)'
      : 'Consultations (not appeals under the Law, not counted above)',
    consultations,
  );

  const columns: ReportColumn[] = [
    { key: 'section', uk: 'Розділ', en: 'Section', type: 'text' },
    { key: 'code', uk: 'Пункт № 858', en: 'Item of No. 858', type: 'text' },
    { key: 'item', uk: 'Показник', en: 'Item', type: 'text' },
    {
      key: 'previous',
      uk: 'Той самий період минулого року',
      en: 'Same period a year before',
      type: 'int',
    },
    { key: 'current', uk: 'Звітний період', en: 'This period', type: 'int' },
    { key: 'change', uk: 'Зміна, %', en: 'Change, %', type: 'percent' },
  ];
  return {
    key: 'classifier-858',
    columns,
    rows: out,
    chart: { category: 'item', series: ['previous', 'current'], kind: 'bar' },
  };
}
