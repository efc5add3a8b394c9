/**
 * Lviv's streets with every dated former name (`lviv/street-name-history.geojson`): the versions
 * of one street share the prefix of `name`; the `modern` one is current.
 */
import type { Kysely } from 'kysely';
import { streetKey } from '../../domain/addresses/address-normal-form.js';
import type { DB } from '../db/schema.js';
import {
  countSkipped,
  createImportSummary,
  type ImportSummary,
  noteProblem,
  skipRecord,
} from '../imports/import-summary.js';
import {
  insertStreets,
  LVIV,
  type NameRow,
  type StreetRow,
  readGeoJsonFeatures,
} from './import-addresses-steps.js';

interface LvivFeature {
  properties?: {
    name?: string;
    title?: string;
    date_from_text?: number | string | null;
    date_to_text?: number | string | null;
    currentstate?: string;
  };
}

function year(value: number | string | null | undefined): number | null {
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  if (typeof value === 'string' && /^\d{4}$/.test(value.trim())) return Number(value.trim());
  return null;
}

function periodText(
  from: number | string | null | undefined,
  to: number | string | null | undefined,
): string | null {
  const show = (v: number | string | null | undefined) =>
    v === null || v === undefined || v === '' ? '…' : String(v);
  if ((from ?? null) === null && (to ?? null) === null) return null;
  return `${show(from)}–${show(to)}`;
}

export async function importLvivHistory(db: Kysely<DB>, file: string): Promise<ImportSummary> {
  const summary = createImportSummary('addresses: lviv street names', file);
  const features = readGeoJsonFeatures<LvivFeature>(file, summary);
  if (features === null) return summary;
  // Versions of one street share the prefix of `name` (…-Shevchenka, …-Shevchenka-2-1).
  const groups = new Map<string, { feature: LvivFeature; record: number }[]>();
  features.forEach((feature, i) => {
    summary.read++;
    const name = feature.properties?.name?.trim();
    const title = feature.properties?.title?.trim();
    if (!name || !title) {
      skipRecord(summary, { line: 1, record: i + 1, reason: 'no_name' });
      return;
    }
    const group = name.replace(/(?:-\d+)+$/, '');
    const list = groups.get(group) ?? [];
    list.push({ feature, record: i + 1 });
    groups.set(group, list);
  });
  const streets: StreetRow[] = [];
  const names = new Map<string, NameRow>();
  for (const [group, versions] of groups) {
    const modern = versions.filter((v) => v.feature.properties?.currentstate === 'modern');
    if (modern.length === 0) {
      for (const v of versions) {
        skipRecord(summary, {
          line: 1,
          record: v.record,
          reason: 'street_gone',
          detail: `${group}: «${v.feature.properties?.title}» has no current name`,
        });
      }
      continue;
    }
    if (new Set(modern.map((m) => m.feature.properties?.title)).size > 1) {
      noteProblem(summary, {
        line: 1,
        record: modern[1]!.record,
        reason: 'several_current_names',
        detail: `${group}: ${modern.map((m) => m.feature.properties?.title).join(' / ')} (the first is current)`,
      });
    }
    const current = modern[0]!.feature.properties!;
    const sourceKey = `lviv-history:${group}`;
    const currentKey = streetKey(current.title!);
    streets.push({
      source_key: sourceKey,
      city: LVIV,
      type: currentKey.type,
      name: current.title!.trim(),
    });
    for (const v of versions) {
      const p = v.feature.properties!;
      const isCurrent = v === modern[0];
      const key = streetKey(p.title!);
      if (!key.key) continue;
      if (!isCurrent && key.key === currentKey.key) continue;
      const id = `${sourceKey}|${key.key}|${isCurrent}`;
      if (names.has(id)) continue;
      const from = year(p.date_from_text);
      const to = year(p.date_to_text);
      if (
        (p.date_from_text !== null && p.date_from_text !== undefined && from === null) ||
        (p.date_to_text !== null && p.date_to_text !== undefined && to === null)
      ) {
        noteProblem(summary, {
          line: 1,
          record: v.record,
          reason: 'inexact_date',
          detail: `«${p.title}»: ${periodText(p.date_from_text, p.date_to_text)}`,
        });
      }
      names.set(id, {
        source_key: sourceKey,
        type: key.type,
        name: p.title!.trim(),
        name_key: key.key,
        is_current: isCurrent,
        valid_from: from !== null ? `${from}-01-01` : null,
        valid_to: !isCurrent && to !== null ? `${to}-01-01` : null,
        period_text: periodText(p.date_from_text, p.date_to_text),
      });
    }
  }
  const result = await insertStreets(db, streets, [...names.values()]);
  summary.imported = result.streets;
  countSkipped(summary, 'already_imported', streets.length - result.streets);
  summary.notes.names_added = result.names;
  return summary;
}
