/**
 * Kharkiv's streets (`kharkiv/streets.csv`): registry streets (current name and type) joined to the
 * 1562 contact centre's dictionary, whose brackets hold former names (unbalanced brackets, glued
 * types, district abbreviations, nonsense names `0`/`4` coped with).
 */
import type { Kysely } from 'kysely';
import { foldText, streetKey, streetTypeOf } from '../../domain/addresses/address-normal-form.js';
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
  KHARKIV,
  type NameRow,
  readCsvRecords,
  type StreetRow,
} from './import-addresses-steps.js';

/** Canonical type of a register's short type word (`вул.` → `вулиця`), or null. */
function canonicalType(raw: string): string | null {
  const word = foldText(raw);
  return word ? streetTypeOf(word) : null;
}

/** District abbreviations and notes of the 1562 dictionary inside brackets: not names. */
const NOT_A_NAME = /^(?:\p{L}{1,6}\.|у т\.? ?ч\.?|в т\.? ?ч\.?)$/u;

/**
 * The names a 1562 dictionary entry gives: its main name and the former names in its brackets,
 * however unbalanced (`вул. Євгена Котляра (Конарєва (Червоноармійська)` → main `Євгена Котляра`,
 * former `Конарєва`, `Червоноармійська`). A bracket that holds only a type word or a district
 * abbreviation (`(Черв.)`) is dropped; `у т.ч.` (including) is cut off.
 */
export function names1562(entry: string): { main: string; former: string[] } {
  const open = entry.indexOf('(');
  const main = (open < 0 ? entry : entry.slice(0, open)).trim();
  if (open < 0) return { main, former: [] };
  const former = entry
    .slice(open)
    .split(/[()]/)
    .map((p) =>
      p
        .replace(/^\s*(?:у|в)\s+т\.\s*ч\.\s*/u, '')
        .replace(/\s+/g, ' ')
        .trim(),
    )
    .filter((p) => p.length > 1 && !NOT_A_NAME.test(p))
    .filter((p) => streetKey(p).key.length > 1 && !streetTypeOf(foldText(p)));
  return { main, former };
}

export async function importKharkivStreets(db: Kysely<DB>, file: string): Promise<ImportSummary> {
  const summary = createImportSummary('addresses: streets', file);
  const records = readCsvRecords(file);
  const streets = new Map<string, StreetRow>();
  const names = new Map<string, NameRow>();
  const addName = (sourceKey: string, type: string | null, name: string, current: boolean) => {
    const key = streetKey(name).key;
    if (!key) return;
    const id = `${sourceKey}|${key}|${current}`;
    // A former name equal to the current one is no alias.
    if (!current && names.has(`${sourceKey}|${key}|true`)) return;
    if (!names.has(id)) {
      names.set(id, {
        source_key: sourceKey,
        type,
        name: name.trim(),
        name_key: key,
        is_current: current,
        valid_from: null,
        valid_to: null,
        // The 1562 dictionary gives no dates; Kharkiv's renames of 2015–2016 are the usual reason.
        period_text: current ? null : 'назва до перейменування (словник 1562)',
      });
    }
  };
  records.forEach((r, i) => {
    const line = i + 2;
    summary.read++;
    const arId = (r.ar_street_id ?? '').trim();
    const arName = (r.ar_name_uk ?? '').trim();
    const entry = (r.c1562_name ?? '').trim();
    if (!arId) {
      skipRecord(summary, {
        line,
        reason: 'no_registry_street',
        detail: `1562 entry «${entry}» matches no street of the register`,
      });
      return;
    }
    if (!arName) {
      // Ids 8360, 8361, 8380: the street's name comes from its addresses (FullNameUA).
      skipRecord(summary, {
        line,
        reason: 'no_name',
        detail: `register street ${arId} has no name (named from its addresses, if any)`,
      });
      return;
    }
    const sourceKey = `kharkiv-ar:${arId}`;
    const type = canonicalType(r.ar_type_uk ?? '');
    if (!streets.has(sourceKey)) {
      streets.set(sourceKey, { source_key: sourceKey, city: KHARKIV, type, name: arName });
      addName(sourceKey, type, arName, true);
    }
    if (!entry) return;
    const parsed = names1562(entry);
    const mainKey = streetKey(parsed.main);
    if (!/\p{L}{2}/u.test(mainKey.key)) {
      noteProblem(summary, { line, reason: 'bad_1562_name', detail: `«${entry}»` });
      return;
    }
    if (entry.split('(').length !== entry.split(')').length) {
      noteProblem(summary, { line, reason: 'unbalanced_brackets', detail: `«${entry}»` });
    }
    // The 1562 dictionary's own spelling of the current name, when it differs.
    addName(sourceKey, mainKey.type ?? type, parsed.main.replace(/^\S+\s/, ''), false);
    for (const former of parsed.former) addName(sourceKey, streetKey(former).type, former, false);
  });
  const result = await insertStreets(db, [...streets.values()], [...names.values()]);
  summary.imported = result.streets;
  countSkipped(summary, 'already_imported', streets.size - result.streets);
  summary.notes.names_added = result.names;
  return summary;
}
