/**
 * Reference seed of the two-level classifier (kind → question type) with routing rules, read from
 * `classifier-seed.tsv` beside this file: one row per question type, under its kind.
 *
 * The kinds are the 40 busiest kinds of Kyiv Contact Centre 1551 (September 2025, see
 * `data/kyiv1551/kind-counts-2025-09.tsv`), spelled and ordered as there. The question types under
 * each kind are our own derivation. `term_days` is the legal term by Law 393/96-ВР Art. 20: 15 days
 * for matters that need no extra study, 30 by default, never above 45; emergencies get 1 day. A
 * consultation is answered on the spot (term 0: it closes the same day). `executor` is the default
 * main executor (routing rule), a key of ORGANISATIONS_SEED. `emergency` and `public` are `yes`,
 * `no` or empty (the default: not an emergency, public).
 */
import { readFileSync } from 'node:fs';

export interface SeedQuestionType {
  name: string;
  nameEn: string;
  termDays: number;
  isEmergency?: boolean;
  isPublic?: boolean;
  executorKey: string;
}

export interface SeedKind {
  name: string;
  nameEn: string;
  questionTypes: readonly SeedQuestionType[];
}

const COLUMNS = [
  'kind',
  'kind_en',
  'question_type',
  'question_type_en',
  'term_days',
  'emergency',
  'public',
  'executor',
] as const;

function flag(value: string, where: string): { value?: boolean } {
  if (value === '') return {};
  if (value === 'yes' || value === 'no') return { value: value === 'yes' };
  throw new Error(`classifier-seed.tsv ${where}: expected yes, no or nothing, found "${value}"`);
}

/** Parse the seed's TSV (header first) into kinds in file order, each with its question types. */
export function parseClassifierSeed(text: string): SeedKind[] {
  const [header, ...lines] = text.split('\n').filter((line) => line.trim() !== '');
  if (header !== COLUMNS.join('\t')) throw new Error('classifier-seed.tsv: unexpected header');
  const kinds: { name: string; nameEn: string; questionTypes: SeedQuestionType[] }[] = [];
  lines.forEach((line, index) => {
    const where = `line ${index + 2}`;
    const cells = line.split('\t');
    if (cells.length !== COLUMNS.length)
      throw new Error(`classifier-seed.tsv ${where}: ${cells.length} cells`);
    const [kind, kindEn, name, nameEn, termDays, emergency, isPublic, executorKey] = cells as [
      string,
      string,
      string,
      string,
      string,
      string,
      string,
      string,
    ];
    const term = Number(termDays);
    if (!Number.isInteger(term))
      throw new Error(`classifier-seed.tsv ${where}: term "${termDays}"`);
    let last = kinds.at(-1);
    if (!last || last.name !== kind) {
      last = { name: kind, nameEn: kindEn, questionTypes: [] };
      kinds.push(last);
    }
    const e = flag(emergency, where);
    const p = flag(isPublic, where);
    last.questionTypes.push({
      name,
      nameEn,
      termDays: term,
      ...(e.value === undefined ? {} : { isEmergency: e.value }),
      ...(p.value === undefined ? {} : { isPublic: p.value }),
      executorKey,
    });
  });
  return kinds;
}

export const CLASSIFIER_SEED: readonly SeedKind[] = parseClassifierSeed(
  readFileSync(new URL('./classifier-seed.tsv', import.meta.url), 'utf8'),
);
