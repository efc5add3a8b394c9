import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, it, expect } from 'vitest';
import { ORGANISATION_TYPES } from '../../domain/vocabulary.js';
import { ORGANISATIONS_SEED } from './organisations-seed.js';
import { sharedDataPresent } from '../../../test/shared-data.js';
import { CLASSIFIER_SEED } from './classifier-seed.js';

/** Kyiv 1551 kind volumes, kept next to the repository (`../shared/data/...` from its root). */
const KIND_COUNTS_PATH = fileURLToPath(
  new URL('../../../../shared/data/kyiv1551/kind-counts-2025-09.tsv', import.meta.url),
);
const kindCountsPresent = sharedDataPresent(
  [KIND_COUNTS_PATH],
  'The check of the seeded kinds against Kyiv 1551',
);

/** Comparison key tolerant of apostrophe variants, spacing and case. */
function matchKey(text: string): string {
  return text
    .replace(/[`’ʼ‘]/g, "'")
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

const organisationKeys = new Set(ORGANISATIONS_SEED.map((o) => o.key));

describe('organisations seed', () => {
  it('has unique keys and unique names', () => {
    expect(organisationKeys.size).toBe(ORGANISATIONS_SEED.length);
    const names = new Set(ORGANISATIONS_SEED.map((o) => matchKey(o.name)));
    expect(names.size).toBe(ORGANISATIONS_SEED.length);
  });

  it('has every parentKey among the keys, and a single root: the council', () => {
    for (const org of ORGANISATIONS_SEED) {
      if (org.parentKey !== undefined) {
        expect(organisationKeys.has(org.parentKey), `${org.key} → ${org.parentKey}`).toBe(true);
        expect(org.parentKey).not.toBe(org.key);
      }
    }
    const roots = ORGANISATIONS_SEED.filter((o) => o.parentKey === undefined);
    expect(roots.map((o) => o.type)).toEqual(['council']);
  });

  it('has no cycles in the hierarchy', () => {
    const parentOf = new Map(ORGANISATIONS_SEED.map((o) => [o.key, o.parentKey]));
    for (const org of ORGANISATIONS_SEED) {
      const seen = new Set<string>();
      let current: string | undefined = org.key;
      while (current !== undefined) {
        expect(seen.has(current), `cycle through ${current}`).toBe(false);
        seen.add(current);
        current = parentOf.get(current);
      }
    }
  });

  it('uses known types, the contact centre exists, and contacts are invented', () => {
    for (const org of ORGANISATIONS_SEED) {
      expect(ORGANISATION_TYPES).toContain(org.type);
      expect(org.name.trim()).not.toBe('');
      expect(org.shortName.trim()).not.toBe('');
      if (org.email !== undefined) expect(org.email).toMatch(/@example\.org$/);
    }
    expect(ORGANISATIONS_SEED.find((o) => o.key === 'contact-centre')?.type).toBe('contact_centre');
  });
});

describe('classifier seed', () => {
  const questionTypes = CLASSIFIER_SEED.flatMap((kind) =>
    kind.questionTypes.map((qt) => ({ kind: kind.name, ...qt })),
  );

  it('routes every question type to an organisation of the seed', () => {
    for (const qt of questionTypes) {
      expect(organisationKeys.has(qt.executorKey), `${qt.name} → ${qt.executorKey}`).toBe(true);
    }
  });

  it('has unique kind names and question-type names unique within a kind', () => {
    const kinds = new Set(CLASSIFIER_SEED.map((k) => matchKey(k.name)));
    expect(kinds.size).toBe(CLASSIFIER_SEED.length);
    for (const kind of CLASSIFIER_SEED) {
      const names = kind.questionTypes.map((qt) => matchKey(qt.name));
      expect(new Set(names).size, kind.name).toBe(names.length);
    }
  });

  it('has 2–6 question types per kind, each with Ukrainian and English names', () => {
    for (const kind of CLASSIFIER_SEED) {
      expect(kind.nameEn.trim()).not.toBe('');
      expect(kind.questionTypes.length, kind.name).toBeGreaterThanOrEqual(2);
      expect(kind.questionTypes.length, kind.name).toBeLessThanOrEqual(6);
    }
    for (const qt of questionTypes) {
      expect(qt.name.trim()).not.toBe('');
      expect(qt.nameEn.trim()).not.toBe('');
    }
  });

  it('keeps terms within the law: integers from 0 to 45 days, emergencies within a day', () => {
    for (const qt of questionTypes) {
      expect(Number.isInteger(qt.termDays), qt.name).toBe(true);
      expect(qt.termDays, qt.name).toBeGreaterThanOrEqual(0);
      expect(qt.termDays, qt.name).toBeLessThanOrEqual(45);
      if (qt.isEmergency === true) expect(qt.termDays, qt.name).toBeLessThanOrEqual(1);
    }
  });

  it('has a consultation in «Інші питання» handled by the contact centre', () => {
    const other = CLASSIFIER_SEED.find((k) => k.name === 'Інші питання');
    const consultation = other?.questionTypes.find((qt) => qt.name === 'Консультація');
    expect(consultation?.executorKey).toBe('contact-centre');
  });

  it.skipIf(!kindCountsPresent)(
    kindCountsPresent
      ? 'has exactly the kinds of Kyiv 1551, in their order'
      : `has the kinds of Kyiv 1551 (skipped: ${KIND_COUNTS_PATH} not found)`,
    () => {
      const tsvKinds = readFileSync(KIND_COUNTS_PATH, 'utf8')
        .split(/\r?\n/)
        .slice(1)
        .filter((line) => line.trim() !== '')
        .map((line) => line.split('\t')[0] ?? '');
      expect(CLASSIFIER_SEED.map((k) => matchKey(k.name))).toEqual(tsvKinds.map(matchKey));
    },
  );
});
