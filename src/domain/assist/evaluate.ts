/**
 * Measuring the suggestion model: a seeded split of a labelled data set into training and test
 * parts, and top-1 / top-3 accuracy on the test part. Pure and reproducible: the same seed gives
 * the same split and the same figures.
 */
import { suggest, trainModel, type TrainOptions, type TrainingDocument } from './model.js';

/** A small fast PRNG (mulberry32), 0 ≤ x < 1, for reproducible shuffles. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Shuffle a copy with the seed (Fisher–Yates), then cut: the first `testShare` part is the test. */
export function splitDataset<T>(
  items: readonly T[],
  testShare: number,
  seed: number,
): { train: T[]; test: T[] } {
  const random = seededRandom(seed);
  const shuffled = [...items];
  for (let i = shuffled.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
  }
  const cut = Math.round(shuffled.length * testShare);
  return { test: shuffled.slice(0, cut), train: shuffled.slice(cut) };
}

export interface Evaluation {
  trainSize: number;
  testSize: number;
  classes: number;
  /** Share of test documents whose class is the first suggestion, 0…1. */
  top1: number;
  /** Share whose class is among the first three, 0…1. */
  top3: number;
  /** Test documents whose class occurs in the training history (seed documents aside). */
  testSeen: number;
  /** Top-3 accuracy on those alone: a class never seen can only come from its seed text. */
  top3Seen: number;
  /** Milliseconds per suggestion on the test set: median and 95th percentile. */
  medianMs: number;
  p95Ms: number;
}

/**
 * Train on `train` (plus `seed` documents, e.g. class names) and score `test`.
 * `clock` returns milliseconds (performance.now in production code; injected to keep this pure).
 */
export function evaluateModel(
  train: readonly TrainingDocument[],
  test: readonly TrainingDocument[],
  clock: () => number,
  options: TrainOptions = {},
): Evaluation {
  const model = trainModel(train, options);
  const seen = new Set(train.filter((d) => !d.seed).map((d) => d.label));
  let top1 = 0;
  let top3 = 0;
  let testSeen = 0;
  let top3Seen = 0;
  const times: number[] = [];
  for (const doc of test) {
    const started = clock();
    const suggestions = suggest(model, doc.text, 3);
    times.push(clock() - started);
    const rank = suggestions.findIndex((s) => s.label === doc.label);
    if (rank === 0) top1 += 1;
    if (rank >= 0 && rank < 3) top3 += 1;
    if (seen.has(doc.label)) {
      testSeen += 1;
      if (rank >= 0 && rank < 3) top3Seen += 1;
    }
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? 0;
  return {
    trainSize: train.length,
    testSize: test.length,
    classes: model.labels.length,
    top1: test.length ? top1 / test.length : 0,
    top3: test.length ? top3 / test.length : 0,
    testSeen,
    top3Seen: testSeen ? top3Seen / testSeen : 0,
    medianMs: at(0.5),
    p95Ms: at(0.95),
  };
}

/**
 * k-fold cross-validation with a seeded shuffle: every document is tested once, by a model trained
 * on the other folds (plus `extra` documents, e.g. class names, in every training). Figures pooled.
 */
export function crossValidate(
  documents: readonly TrainingDocument[],
  folds: number,
  seed: number,
  clock: () => number,
  extra: readonly TrainingDocument[] = [],
  options: TrainOptions = {},
): Evaluation {
  const { test: shuffled } = splitDataset(documents, 1, seed);
  let top1 = 0;
  let top3 = 0;
  let testSeen = 0;
  let top3Seen = 0;
  let trainSize = 0;
  let classes = 0;
  const times: number[] = [];
  for (let k = 0; k < folds; k++) {
    const test = shuffled.filter((_, i) => i % folds === k);
    const train = [...extra, ...shuffled.filter((_, i) => i % folds !== k)];
    const result = evaluateModel(train, test, clock, options);
    top1 += result.top1 * test.length;
    top3 += result.top3 * test.length;
    testSeen += result.testSeen;
    top3Seen += result.top3Seen * result.testSeen;
    trainSize += result.trainSize;
    classes = Math.max(classes, result.classes);
    times.push(result.p95Ms);
  }
  const n = shuffled.length;
  return {
    trainSize: Math.round(trainSize / folds),
    testSize: n,
    classes,
    top1: n ? top1 / n : 0,
    top3: n ? top3 / n : 0,
    testSeen,
    top3Seen: testSeen ? top3Seen / testSeen : 0,
    medianMs: [...times].sort((a, b) => a - b)[Math.floor(times.length / 2)] ?? 0,
    p95Ms: Math.max(0, ...times),
  };
}
