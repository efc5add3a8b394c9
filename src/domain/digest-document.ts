/**
 * The morning digest's sections as people read them (issue 18, item 5): from the stored figures,
 * the title, the time of making and one section per topic, each a list of a label and its figure,
 * in Ukrainian or English. Pure; the server renders them as the e-mail's text, HTML and PDF
 * (`server/monitoring/digest-render.ts`) and the web app's digest page shows the same, so every
 * copy has the same numbers.
 */
import { DateTime } from 'luxon';
import { CHANNEL_LABELS, KIND_LABELS, type LabelLang } from './labels.js';
import type { AppealKind, Channel } from './vocabulary.js';

/**
 * One city day's figures as the digest job made and stored them (`morning_digests.figures`; the
 * API's schema is `contract/digest.schemas.ts`). Times are ISO 8601 instants.
 */
export interface DigestFigures {
  /** The city day counted (`YYYY-MM-DD`), and the zone its hours were read in. */
  day: string;
  timeZone: string;
  madeAt: string;
  /** Appeals registered that day; consultations are one of `byKind`. */
  registered: {
    total: number;
    byKind: { kind: AppealKind; count: number }[];
    byChannel: { channel: Channel; count: number }[];
  };
  /** Appeals closed that day. */
  closed: number;
  /** The question types with most appeals that day (at most 10), most first. */
  topQuestionTypes: { questionType: string; count: number }[];
  /** Appeals that day by district (null: no known district), most first. */
  byDistrict: { district: string | null; count: number }[];
  /** The open queues when the digest was made. */
  open: { overdue: number; dueSoon: number; onCheck: number; needsRouting: number };
  /** Monitoring alerts raised that day (ADR 048); `district` null: city-wide. */
  alerts: {
    id: number;
    questionType: string;
    district: string | null;
    observed: number;
    expected: number;
    raisedAt: string;
    explained: boolean;
    acknowledgedBy: string | null;
  }[];
  /** Executors with overdue open appeals when the digest was made (at most 20), most first. */
  overdueExecutors: { executor: string; count: number }[];
}

export interface DigestSection {
  heading: string;
  /** Rows of a label and its figure; an empty section says so in one row. */
  rows: { label: string; value: string }[];
}

export interface DigestDocument {
  title: string;
  /** «Сформовано …» in the city's time. */
  madeAt: string;
  sections: DigestSection[];
}

const WORDS = {
  uk: {
    title: 'Ранкове зведення за',
    madeAt: 'Сформовано',
    registered: 'Надійшло звернень',
    total: 'Усього',
    byChannel: 'За каналами',
    closed: 'Закрито звернень',
    closedRow: 'Закрито за добу',
    types: 'Найчастіші питання',
    districts: 'За районами',
    noDistrict: 'Район не визначено',
    open: 'Відкриті черги зараз',
    overdue: 'Прострочені',
    dueSoon: 'Строк спливає',
    onCheck: 'На перевірці',
    needsRouting: 'Без виконавця',
    alerts: 'Сплески звернень (сповіщення)',
    city: 'місто',
    expected: 'очікувано',
    explained: 'пояснено роботами',
    acknowledged: 'прийняв(ла)',
    unacknowledged: 'не прийнято',
    late: 'Виконавці з простроченими зверненнями',
    none: 'немає',
  },
  en: {
    title: 'Morning digest for',
    madeAt: 'Made',
    registered: 'Appeals received',
    total: 'Total',
    byChannel: 'By channel',
    closed: 'Appeals closed',
    closedRow: 'Closed that day',
    types: 'Most frequent questions',
    districts: 'By district',
    noDistrict: 'No district',
    open: 'Open queues now',
    overdue: 'Overdue',
    dueSoon: 'Due soon',
    onCheck: 'On check',
    needsRouting: 'Without an executor',
    alerts: 'Spikes of appeals (alerts)',
    city: 'city-wide',
    expected: 'expected',
    explained: 'explained by works',
    acknowledged: 'acknowledged by',
    unacknowledged: 'not acknowledged',
    late: 'Executors with overdue appeals',
    none: 'none',
  },
} as const;

/** The digest's title, sections and rows in `lang`. Numbers are written in the language's digits. */
export function digestDocument(f: DigestFigures, lang: LabelLang): DigestDocument {
  const w = WORDS[lang];
  const locale = lang === 'uk' ? 'uk-UA' : 'en-GB';
  const n = (v: number) => v.toLocaleString(locale);
  const time = (iso: string) =>
    DateTime.fromISO(iso, { zone: f.timeZone }).toFormat(
      lang === 'uk' ? 'dd.MM HH:mm' : 'dd/MM HH:mm',
    );
  const orNone = (rows: { label: string; value: string }[]) =>
    rows.length > 0 ? rows : [{ label: w.none, value: '' }];
  return {
    title: `${w.title} ${DateTime.fromISO(f.day).toFormat('dd.MM.yyyy')}`,
    madeAt: `${w.madeAt}: ${DateTime.fromISO(f.madeAt, { zone: f.timeZone }).toFormat('dd.MM.yyyy HH:mm')}`,
    sections: [
      {
        heading: w.registered,
        rows: [
          { label: w.total, value: n(f.registered.total) },
          ...f.registered.byKind.map((k) => ({
            label: KIND_LABELS[lang][k.kind],
            value: n(k.count),
          })),
        ],
      },
      {
        heading: w.byChannel,
        rows: orNone(
          f.registered.byChannel.map((c) => ({
            label: CHANNEL_LABELS[lang][c.channel],
            value: n(c.count),
          })),
        ),
      },
      { heading: w.closed, rows: [{ label: w.closedRow, value: n(f.closed) }] },
      {
        heading: w.types,
        rows: orNone(f.topQuestionTypes.map((t) => ({ label: t.questionType, value: n(t.count) }))),
      },
      {
        heading: w.districts,
        rows: orNone(
          f.byDistrict.map((d) => ({ label: d.district ?? w.noDistrict, value: n(d.count) })),
        ),
      },
      {
        heading: w.open,
        rows: [
          { label: w.overdue, value: n(f.open.overdue) },
          { label: w.dueSoon, value: n(f.open.dueSoon) },
          { label: w.onCheck, value: n(f.open.onCheck) },
          { label: w.needsRouting, value: n(f.open.needsRouting) },
        ],
      },
      {
        heading: w.alerts,
        rows: orNone(
          f.alerts.map((a) => ({
            label:
              `${time(a.raisedAt)} ${a.questionType} — ${a.district ?? w.city}` +
              (a.explained ? ` (${w.explained})` : '') +
              ` · ${a.acknowledgedBy ? `${w.acknowledged} ${a.acknowledgedBy}` : w.unacknowledged}`,
            value: `${n(a.observed)} / ${a.expected.toLocaleString(locale, { maximumFractionDigits: 1 })} ${w.expected}`,
          })),
        ),
      },
      {
        heading: w.late,
        rows: orNone(f.overdueExecutors.map((e) => ({ label: e.executor, value: n(e.count) }))),
      },
    ],
  };
}
