/**
 * `kontakt assist evaluate`: the suggestion model measured on the shared real data, each set with
 * seeded 5-fold cross-validation (every record tested once by a model that never saw it):
 *
 * - `nyc`: New York PublicStuff service requests — description → request type (English). Repeated
 *   IDs are kept once; rows whose description is empty or the placeholder «This request was
 *   submitted to NYC 311 without a description.» carry no words and are measured apart.
 * - `ecomap`: Ukrainian environmental reports — title + text → problem type (Ukrainian, Russian).
 * - `kyiv1551`: the Kyiv 1551 sample records — content → kind, with no history at all: the model is
 *   the fallback (the seeded classifier's names and the phrasebook), as in a city's first days.
 *
 * Figures and method: docs/ASSISTANCE.md.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import { crossValidate, evaluateModel, type Evaluation } from '../../domain/assist/evaluate.js';
import type { TrainingDocument } from '../../domain/assist/model.js';
import { CLASSIFIER_SEED } from '../setup/classifier-seed.js';
import { phrasebook } from './suggestions.service.js';

export const DATASETS = ['nyc', 'ecomap', 'kyiv1551'] as const;
export type DatasetName = (typeof DATASETS)[number];

export interface DatasetResult extends Evaluation {
  dataset: string;
  note: string;
}

const FOLDS = 5;
const NYC_PLACEHOLDER = 'submitted to NYC 311 without a description';
const clock = () => performance.now();

function csvRows(path: string): Record<string, string>[] {
  return parse<Record<string, string>>(readFileSync(path), {
    columns: true,
    skip_empty_lines: true,
  });
}

function labeller() {
  const ids = new Map<string, number>();
  const label = (name: string) => {
    let id = ids.get(name);
    if (id === undefined) ids.set(name, (id = ids.size));
    return id;
  };
  return Object.assign(label, { ids });
}

function evaluateNyc(dir: string, seed: number): DatasetResult[] {
  const rows = csvRows(join(dir, 'service-requests/nyc-publicstuff-2010-2018.csv'));
  const label = labeller();
  const types = label.ids;
  const seen = new Set<string>();
  const described: TrainingDocument[] = [];
  const blank: TrainingDocument[] = [];
  for (const row of rows) {
    const id = row.ID ?? '';
    if (seen.has(id)) continue;
    seen.add(id);
    const description = (row.Description ?? '').trim();
    const doc = { text: description, label: label(row.Title ?? '') };
    if (description === '' || description.includes(NYC_PLACEHOLDER)) blank.push(doc);
    else described.push(doc);
  }
  // As in production, the classifier's names are seed documents (codes such as «(NM1)» dropped).
  const names = [...types].map(([name, id]) => ({
    text: name.replace(/\([A-Z0-9]+\)/g, ''),
    label: id,
    seed: true,
  }));
  const withText = crossValidate(described, FOLDS, seed, clock, names);
  // Everything, the blank rows included: they can only be guessed from how common each type is.
  const all = crossValidate([...described, ...blank], FOLDS, seed, clock, names);
  return [
    {
      dataset: 'nyc (rows with a description)',
      ...withText,
      note: `${described.length} of ${seen.size} distinct requests have words, in ${new Set(described.map((d) => d.label)).size} of the ${types.size} request types`,
    },
    {
      dataset: 'nyc (all rows)',
      ...all,
      note: `${blank.length} rows have no description (empty or the 311 placeholder)`,
    },
  ];
}

function evaluateEcomap(dir: string, seed: number): DatasetResult {
  const rows = csvRows(join(dir, 'ecomap-ua/problems.csv'));
  const label = labeller();
  const docs = rows.map((r) => ({
    text: `${r.title ?? ''}. ${r.content ?? ''}`,
    label: label(r.problem_type ?? ''),
  }));
  const names = [...label.ids].map(([name, id]) => ({ text: name, label: id, seed: true }));
  const result = crossValidate(docs, FOLDS, seed, clock, names);
  return { dataset: 'ecomap', ...result, note: `${result.classes} problem types` };
}

const kyivRecord = z.object({ kind: z.string(), content: z.string() });

function evaluateKyiv(dir: string): DatasetResult {
  const records = z
    .array(kyivRecord)
    .parse(JSON.parse(readFileSync(join(dir, 'kyiv1551/sample-records.json'), 'utf8')));
  const label = labeller();
  const book = phrasebook();
  // The fallback model: each seeded question type's name and phrasings, labelled by its kind.
  const train: TrainingDocument[] = [];
  for (const kind of CLASSIFIER_SEED) {
    const l = label(kind.name.toLowerCase());
    train.push({ text: kind.name, label: l, seed: true });
    for (const qt of kind.questionTypes) {
      train.push({ text: qt.name, label: l, seed: true });
      for (const phrase of book.get(qt.name.toLowerCase()) ?? [])
        train.push({ text: phrase, label: l, seed: true });
    }
  }
  const test = records.map((r) => ({ text: r.content, label: label(r.kind.toLowerCase()) }));
  const result = evaluateModel(train, test, clock);
  return {
    dataset: 'kyiv1551 (no history)',
    ...result,
    note: `${records.length} records; model = seeded classifier names + phrasebook only`,
  };
}

/** Evaluate the named data sets found under `dir` (the shared data folder). */
export function evaluateDatasets(
  dir: string,
  names: readonly DatasetName[],
  seed: number,
): DatasetResult[] {
  if (!existsSync(dir)) throw new Error(`The shared data folder ${dir} is missing.`);
  const results: DatasetResult[] = [];
  for (const name of names) {
    switch (name) {
      case 'nyc':
        results.push(...evaluateNyc(dir, seed));
        break;
      case 'ecomap':
        results.push(evaluateEcomap(dir, seed));
        break;
      case 'kyiv1551':
        results.push(evaluateKyiv(dir));
        break;
    }
  }
  return results;
}

const pct = (x: number) => `${(x * 100).toFixed(1)} %`;

/** A plain-text table of the results. */
export function formatResults(results: readonly DatasetResult[]): string {
  const lines = [
    'data set | tested | classes | top-1 | top-3 | top-3 where the type was seen in training (n) | p95 ms (model) | note',
  ];
  for (const r of results) {
    lines.push(
      `${r.dataset} | ${r.testSize} | ${r.classes} | ${pct(r.top1)} | ${pct(r.top3)} | ${pct(r.top3Seen)} (${r.testSeen}) | ${r.p95Ms.toFixed(2)} | ${r.note}`,
    );
  }
  return lines.join('\n');
}
