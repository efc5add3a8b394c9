/** The standard reports' titles (uk/en) and the filter lines of a file export's header (issue 17). */
import type { ReportKey } from '../../domain/reports.js';
import type { Deps } from '../context.js';
import type { Lang } from './report-export.js';
import type { ReportQuery } from './standard-reports.js';

export const REPORT_TITLES: Record<ReportKey, Record<Lang, string>> = {
  executors: { uk: 'Виконавці: стан розгляду звернень', en: 'Executors: handling of appeals' },
  'question-types': {
    uk: 'Типи питань і види звернень',
    en: 'Question types and kinds',
  },
  channels: { uk: 'Канали надходження', en: 'Channels' },
  hours: { uk: 'Звернення за годинами і днями тижня', en: 'Appeals by hour and weekday' },
  operators: { uk: 'Оператори', en: 'Operators' },
  'repeated-collective': {
    uk: 'Повторні (ст. 8) і колективні звернення',
    en: 'Repeated (Art. 8) and collective appeals',
  },
  privileged: { uk: 'Звернення пільгових категорій', en: 'Appeals of privileged applicants' },
  consultations: { uk: 'Консультації за темами', en: 'Consultations by topic' },
  'classifier-858': {
    uk: 'Звернення громадян за Класифікатором (постанова КМУ № 858)',
    en: 'Citizens’ appeals by the Classifier (Resolution No. 858)',
  },
  'ratings-executors': {
    uk: 'Рейтинг виконавців, індекси задоволеності й лояльності',
    en: 'Executors’ rating, satisfaction and loyalty indexes',
  },
  'ratings-districts': {
    uk: 'Рейтинг і індекси за районами',
    en: 'Rating and indexes by district',
  },
  'ratings-months': {
    uk: 'Рейтинг і індекси за місяцями',
    en: 'Rating and indexes by month',
  },
};

/**
 * «name: value» lines for the filters given, names looked up (district, executor, question type).
 * An unknown id is shown as «#id».
 */
export async function reportFilterLines(deps: Deps, q: ReportQuery, lang: Lang): Promise<string[]> {
  const uk = lang === 'uk';
  const lines: string[] = [];
  if (q.districtId !== undefined) {
    const d = await deps.db
      .selectFrom('districts')
      .select(['name', 'name_en'])
      .where('id', '=', q.districtId)
      .executeTakeFirst();
    lines.push(
      `${uk ? 'район' : 'district'}: ${(uk ? d?.name : (d?.name_en ?? d?.name)) ?? `#${q.districtId}`}`,
    );
  }
  if (q.executorId !== undefined) {
    const o = await deps.db
      .selectFrom('organisations')
      .select('name')
      .where('id', '=', q.executorId)
      .executeTakeFirst();
    lines.push(`${uk ? 'виконавець' : 'executor'}: ${o?.name ?? `#${q.executorId}`}`);
  }
  if (q.kind !== undefined) lines.push(`${uk ? 'вид' : 'kind'}: ${q.kind}`);
  if (q.questionTypeId !== undefined) {
    const t = await deps.db
      .selectFrom('question_types')
      .select(['name', 'name_en'])
      .where('id', '=', q.questionTypeId)
      .executeTakeFirst();
    lines.push(
      `${uk ? 'тип питання' : 'question type'}: ${(uk ? t?.name : (t?.name_en ?? t?.name)) ?? `#${q.questionTypeId}`}`,
    );
  }
  if (q.channel !== undefined) lines.push(`${uk ? 'канал' : 'channel'}: ${q.channel}`);
  return lines;
}
