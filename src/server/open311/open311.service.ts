/**
 * Open311 GeoReport v2 over Kontakt's data (mapping in `domain/open311.ts`): discovery, services
 * and their definitions. Requests: `open311-requests.queries.ts` (GET with the standard's filters),
 * `post-request.ts` (POST into the moderation queue, answered with a token; tokens).
 *
 * Public requests are depersonalised like the portal's list (same base query): confidential
 * appeals, consultations and non-public question types are left out; no description, name, phone
 * or e-mail is given; the address loses flat and room; the point is rounded. `status_notes` is the
 * result's label, never the executor's text. Times are W3C date-times with the city's offset.
 */
import { type Kysely } from 'kysely';
import { DateTime } from 'luxon';
import { type SubmissionKind } from '../../domain/portal.js';
import type { Deps } from '../context.js';
import type { DB } from '../db/schema.js';
import { AppError } from '../errors.js';
import type {
  DiscoveryView,
  ServiceDefinitionView,
  ServiceView,
} from '../../contract/open311.schemas.js';

export type Locale = 'uk' | 'en';

export const bad = (description: string) => new AppError('open311_bad_request', 400, description);
export const missing = (description: string) => new AppError('open311_not_found', 404, description);

/** The date of this endpoint's last change of contract (discovery `changeset`). */
const CHANGESET = '2025-10-01T00:00:00+03:00';

/** A W3C date-time with the city's offset: `2025-09-01T00:42:00+03:00`. */
export function w3c(at: Date | null, zone: string): string | null {
  return at ? DateTime.fromJSDate(at, { zone }).toISO({ suppressMilliseconds: true }) : null;
}

export function discovery(deps: Deps): DiscoveryView {
  const base = deps.config.publicUrl.replace(/\/$/, '');
  return {
    changeset: CHANGESET,
    contact: `Контактний центр міста: ${base}`,
    key_service: `API keys are issued by the city's administrator on request: ${base}`,
    endpoints: [
      {
        specification: 'http://wiki.open311.org/GeoReport_v2',
        url: `${base}/open311/v2`,
        changeset: CHANGESET,
        type: 'production',
        formats: ['text/xml', 'application/json'],
      },
    ],
  };
}

function servicesQuery(db: Kysely<DB>) {
  return db
    .selectFrom('question_types as qt')
    .innerJoin('classifier_kinds as k', 'k.id', 'qt.kind_id')
    .select([
      'qt.id',
      'qt.name',
      'qt.name_en',
      'qt.term_days',
      'qt.term_hours',
      'qt.is_emergency',
      'k.name as kind_name',
      'k.name_en as kind_name_en',
    ])
    .where('qt.active', '=', true)
    .where('qt.is_public', '=', true)
    .where('k.active', '=', true);
}
export type ServiceRow = Awaited<
  ReturnType<ReturnType<typeof servicesQuery>['executeTakeFirstOrThrow']>
>;

function termText(row: ServiceRow, locale: Locale): string {
  if (row.is_emergency && row.term_hours) {
    return locale === 'en'
      ? `Emergency: handled within ${row.term_hours} hours.`
      : `Аварійне: розглядається протягом ${row.term_hours} год.`;
  }
  return locale === 'en'
    ? `Considered within ${row.term_days} days (Article 20 of the Law of Ukraine "On Citizens' Appeals").`
    : `Розглядається протягом ${row.term_days} днів (стаття 20 Закону України «Про звернення громадян»).`;
}

/** Our public question types as services (`type: batch`: a POST answers with a token). */
export async function services(deps: Deps, locale: Locale): Promise<ServiceView[]> {
  const rows = await servicesQuery(deps.db).orderBy('k.position').orderBy('qt.id').execute();
  return rows.map((row) => ({
    service_code: String(row.id),
    service_name: locale === 'en' ? (row.name_en ?? row.name) : row.name,
    description: termText(row, locale),
    metadata: true,
    type: 'batch',
    keywords: null,
    group: locale === 'en' ? (row.kind_name_en ?? row.kind_name) : row.kind_name,
  }));
}

export async function serviceRow(deps: Deps, code: string): Promise<ServiceRow | null> {
  if (!/^\d{1,9}$/.test(code)) return null;
  return (
    (await servicesQuery(deps.db).where('qt.id', '=', Number(code)).executeTakeFirst()) ?? null
  );
}

const KIND_VALUES: Record<Locale, { key: SubmissionKind; name: string }[]> = {
  uk: [
    { key: 'application', name: 'Заява' },
    { key: 'complaint', name: 'Скарга' },
    { key: 'proposal', name: 'Пропозиція' },
  ],
  en: [
    { key: 'application', name: 'Application' },
    { key: 'complaint', name: 'Complaint' },
    { key: 'proposal', name: 'Proposal' },
  ],
};

/**
 * A service definition: the legal term (informational) and two attributes every service takes —
 * KIND (application, complaint, proposal: Art. 3) and CONFIDENTIAL (Art. 18).
 * @throws AppError 404 for an unknown service code.
 */
export async function serviceDefinition(
  deps: Deps,
  code: string,
  locale: Locale,
): Promise<ServiceDefinitionView> {
  const row = await serviceRow(deps, code);
  if (!row) throw missing(`No service with service_code ${code}.`);
  const en = locale === 'en';
  return {
    service_code: String(row.id),
    attributes: [
      {
        variable: false,
        code: 'TERM',
        datatype: 'text',
        required: false,
        datatype_description: null,
        order: 1,
        description: termText(row, locale),
        values: [],
      },
      {
        variable: true,
        code: 'KIND',
        datatype: 'singlevaluelist',
        required: false,
        datatype_description: en ? 'Default: application' : 'Типово: заява',
        order: 2,
        description: en
          ? 'Kind of appeal (Article 3 of the Law)'
          : 'Вид звернення (стаття 3 Закону)',
        values: KIND_VALUES[locale],
      },
      {
        variable: true,
        code: 'CONFIDENTIAL',
        datatype: 'singlevaluelist',
        required: false,
        datatype_description: en ? 'Default: no' : 'Типово: ні',
        order: 3,
        description: en
          ? 'Keep my personal data confidential; the request is not published (Article 18 of the Law)'
          : 'Не розголошувати мої персональні дані; звернення не оприлюднюється (стаття 18 Закону)',
        values: en
          ? [
              { key: 'no', name: 'No' },
              { key: 'yes', name: 'Yes' },
            ]
          : [
              { key: 'no', name: 'Ні' },
              { key: 'yes', name: 'Так' },
            ],
      },
    ],
  };
}
