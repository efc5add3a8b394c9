/**
 * The suggestion model: a multinomial naive Bayes classifier over three groups of features of a
 * text — word stems, pairs of neighbouring stems, and character trigrams of each word (these
 * forgive misspellings and forms the stemmer does not join). Each document counts a feature once.
 * Training documents come from the city's history (an appeal's description → its question type)
 * and from seed phrasings (the classifier's own names and an everyday phrasebook per question
 * type), so the model answers sensibly before there is any history. Pure and deterministic: the
 * same documents give the same model; the model is a plain JSON value kept in the database.
 *
 * Method: McCallum & Nigam (1998), multinomial event model with Laplace/Lidstone smoothing α;
 * each feature group's log-likelihood is weighted (words 1, pairs 0.5, trigrams 0.1; tuned on the
 * NYC set, docs/ASSISTANCE.md).
 */
import { STOP_WORDS, stem, words } from './tokens.js';

export const MODEL_FORMAT = 1;

/** One training document: its text and its class (a question type id); `seed` marks phrasebook text. */
export interface TrainingDocument {
  text: string;
  label: number;
  seed?: boolean;
  /** The executor that finally answered the appeal (history only). */
  executorId?: number | null;
}

/** A trained model, as stored (JSON). */
export interface SuggestionModel {
  format: typeof MODEL_FORMAT;
  /** Class labels (question type ids), by class index. */
  labels: number[];
  /** History documents per class. */
  historyDocs: number[];
  /** Seed (phrasebook) documents per class. */
  seedDocs: number[];
  /** Weighted feature occurrences per class (the NB denominator before smoothing). */
  totals: number[];
  /** Feature → [class index, history documents with it, seed documents with it][]. */
  features: Record<string, [number, number, number][]>;
  /** Per class, the executor that most often answered its appeals in the history, or null. */
  executors: (number | null)[];
  vocabularySize: number;
  alpha: number;
  /** Weight of one seed document against one history document. */
  seedWeight: number;
  weights: GroupWeights;
}

export interface TrainOptions {
  /** Smoothing (Lidstone α); default 0.1. */
  alpha?: number;
  /** Keep at most this many features, the most frequent first; default 200,000. */
  maxFeatures?: number;
  /** Weight of one seed document against one history document; default 3. */
  seedWeight?: number;
  /** Feature group weights; default {@link DEFAULT_WEIGHTS}. */
  weights?: GroupWeights;
}

/** Weights of the feature groups' log-likelihoods: word stems, stem pairs, character trigrams. */
export interface GroupWeights {
  w: number;
  b: number;
  c: number;
}

export const DEFAULT_WEIGHTS: GroupWeights = { w: 1, b: 0.5, c: 0.1 };

function groupWeight(weights: GroupWeights, feature: string): number {
  const group = feature[0];
  return group === 'b' ? weights.b : group === 'c' ? weights.c : weights.w;
}

/**
 * The distinct features of a text: `w:` + stem of each content word, `b:` + a pair of neighbouring
 * stems, `c:` + each character trigram of each word padded with `_`. The map's value is the first
 * surface word that produced the feature (for reasons shown to the operator).
 */
export function textFeatures(text: string): Map<string, string> {
  const features = new Map<string, string>();
  const all = words(text);
  let previous: string | null = null;
  for (const word of all) {
    if (word.length < 2 || STOP_WORDS.has(word)) {
      // «не» matters in «не гріють»: keep it only as the first half of a pair.
      previous = word === 'не' || word === 'нет' || word === 'no' ? word : null;
      continue;
    }
    const s = stem(word);
    if (!features.has(`w:${s}`)) features.set(`w:${s}`, word);
    if (previous !== null && !features.has(`b:${previous} ${s}`))
      features.set(`b:${previous} ${s}`, word);
    previous = s;
    const padded = `_${word}_`;
    for (let i = 0; i + 3 <= padded.length; i++) {
      const gram = `c:${padded.slice(i, i + 3)}`;
      if (!features.has(gram)) features.set(gram, word);
    }
  }
  return features;
}

/** Train a model on `documents` (any order; the result does not depend on it). */
export function trainModel(
  documents: readonly TrainingDocument[],
  options: TrainOptions = {},
): SuggestionModel {
  const alpha = options.alpha ?? 0.1;
  const seedWeight = options.seedWeight ?? 3;
  const maxFeatures = options.maxFeatures ?? 200_000;
  const weights = options.weights ?? DEFAULT_WEIGHTS;
  const labels = [...new Set(documents.map((d) => d.label))].sort((a, b) => a - b);
  const index = new Map(labels.map((l, i) => [l, i]));
  const historyDocs = labels.map(() => 0);
  const seedDocs = labels.map(() => 0);
  const executorCounts = labels.map(() => new Map<number, number>());
  const counts = new Map<string, Map<number, [number, number]>>();
  for (const doc of documents) {
    const c = index.get(doc.label)!;
    if (doc.seed) seedDocs[c]! += 1;
    else historyDocs[c]! += 1;
    if (!doc.seed && doc.executorId != null) {
      const m = executorCounts[c]!;
      m.set(doc.executorId, (m.get(doc.executorId) ?? 0) + 1);
    }
    for (const feature of textFeatures(doc.text).keys()) {
      let perClass = counts.get(feature);
      if (!perClass) counts.set(feature, (perClass = new Map<number, [number, number]>()));
      const pair = perClass.get(c) ?? [0, 0];
      pair[doc.seed ? 1 : 0] += 1;
      perClass.set(c, pair);
    }
  }
  const ranked = [...counts.entries()]
    .map(([feature, perClass]) => {
      let n = 0;
      for (const [h, s] of perClass.values()) n += h + s;
      return { feature, perClass, n };
    })
    .sort((a, b) => b.n - a.n || (a.feature < b.feature ? -1 : 1))
    .slice(0, maxFeatures);
  const totals = labels.map(() => 0);
  const features: SuggestionModel['features'] = {};
  for (const { feature, perClass } of ranked) {
    const w = groupWeight(weights, feature);
    const rows: [number, number, number][] = [];
    for (const [c, [h, s]] of [...perClass.entries()].sort((a, b) => a[0] - b[0])) {
      rows.push([c, h, s]);
      totals[c]! += w * (h + seedWeight * s);
    }
    features[feature] = rows;
  }
  const executors = executorCounts.map((m) => {
    let best: number | null = null;
    let bestN = 0;
    for (const [id, n] of [...m.entries()].sort((a, b) => a[0] - b[0])) {
      if (n > bestN) [best, bestN] = [id, n];
    }
    return best;
  });
  return {
    format: MODEL_FORMAT,
    labels,
    historyDocs,
    seedDocs,
    totals,
    features,
    executors,
    vocabularySize: ranked.length,
    alpha,
    seedWeight,
    weights,
  };
}

/** One suggested class with its score and why. */
export interface Suggestion {
  label: number;
  /** Probability among the classes (softmax of the log scores), 0…1. */
  confidence: number;
  /** Words of the text that speak most for this class (as typed, normalised), at most three. */
  matchedWords: string[];
  /** History appeals of this class that contain the strongest matched word. */
  similarPastAppeals: number;
  /** Executor that most often answered this class in the history, or null. */
  learnedExecutorId: number | null;
}

/**
 * The `limit` most likely classes for `text`, best first (ties by label). Empty when the text has
 * no feature the model knows. Cost: O(features of the text × classes having them + classes).
 */
export function suggest(model: SuggestionModel, text: string, limit = 3): Suggestion[] {
  const known = [...textFeatures(text)].filter(([f]) => model.features[f] !== undefined);
  if (known.length === 0 || model.labels.length === 0) return [];
  const { alpha, totals, vocabularySize } = model;
  const C = model.labels.length;
  const allDocs =
    model.historyDocs.reduce((a, b) => a + b, 0) + model.seedDocs.reduce((a, b) => a + b, 0);
  const scores = new Float64Array(C);
  const denominators = new Float64Array(C);
  let weightSum = 0;
  for (const [f] of known) weightSum += groupWeight(model.weights, f);
  for (let c = 0; c < C; c++) {
    const docs = model.historyDocs[c]! + model.seedDocs[c]!;
    denominators[c] = Math.log(totals[c]! + alpha * vocabularySize);
    // Prior (add-one so a class with seed text only is not ruled out) + every known feature absent.
    scores[c] =
      Math.log((docs + 1) / (allDocs + C)) + weightSum * (Math.log(alpha) - denominators[c]!);
  }
  for (const [f] of known) {
    const w = groupWeight(model.weights, f);
    for (const [c, h, s] of model.features[f]!) {
      const n = h + model.seedWeight * s;
      scores[c]! += w * (Math.log(n + alpha) - Math.log(alpha));
    }
  }
  const order = [...scores.keys()].sort(
    (a, b) => scores[b]! - scores[a]! || model.labels[a]! - model.labels[b]!,
  );
  const top = scores[order[0]!]!;
  let z = 0;
  for (const s of scores) z += Math.exp(s - top);
  return order.slice(0, limit).map((c) => {
    const reasons = known
      .filter(([f]) => f.startsWith('w:'))
      .map(([f, surface]) => {
        const row = model.features[f]!.find((r) => r[0] === c);
        if (!row) return null;
        const inClass = Math.log(row[1] + model.seedWeight * row[2] + alpha) - denominators[c]!;
        return { surface, history: row[1], lift: inClass };
      })
      .filter((r): r is { surface: string; history: number; lift: number } => r !== null)
      .sort((a, b) => b.lift - a.lift || (a.surface < b.surface ? -1 : 1));
    const matchedWords = [...new Set(reasons.map((r) => r.surface))].slice(0, 3);
    return {
      label: model.labels[c]!,
      confidence: Math.exp(scores[c]! - top) / z,
      matchedWords,
      similarPastAppeals: reasons[0]?.history ?? 0,
      learnedExecutorId: model.executors[c] ?? null,
    };
  });
}

/** Whether `value` looks like a stored model of this format (a guard for what the database holds). */
export function isSuggestionModel(value: unknown): value is SuggestionModel {
  if (typeof value !== 'object' || value === null) return false;
  const m = value as Partial<SuggestionModel>;
  return m.format === MODEL_FORMAT && Array.isArray(m.labels) && typeof m.features === 'object';
}
