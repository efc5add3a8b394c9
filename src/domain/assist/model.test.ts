import { describe, expect, it } from 'vitest';
import { evaluateModel, splitDataset } from './evaluate.js';
import { suggest, textFeatures, trainModel, type TrainingDocument } from './model.js';

const HEATING = 1;
const HOT_WATER = 2;
const POTHOLE = 3;
const GARBAGE = 4;

const history: TrainingDocument[] = [
  { text: 'Холодні батареї в квартирі, опалення не працює', label: HEATING, executorId: 10 },
  { text: 'Немає опалення у всьому будинку', label: HEATING, executorId: 10 },
  { text: 'Радіатори ледь теплі, в квартирі холодно', label: HEATING, executorId: 11 },
  { text: 'Батарея холодна третій день', label: HEATING, executorId: 10 },
  { text: 'Немає гарячої води з ранку', label: HOT_WATER, executorId: 10 },
  { text: 'Гаряча вода ледь тепла', label: HOT_WATER, executorId: 10 },
  { text: 'Яма на дорозі біля зупинки', label: POTHOLE, executorId: 20 },
  { text: 'Вибоїна на проїжджій частині, пошкодив колесо', label: POTHOLE, executorId: 20 },
  { text: 'Не вивезли сміття, контейнери переповнені', label: GARBAGE, executorId: 30 },
  { text: 'Сміття не вивозять тиждень', label: GARBAGE, executorId: 30 },
];

describe('textFeatures', () => {
  it('gives stems, pairs (with «не») and character trigrams, each once', () => {
    const f = textFeatures('не гріють батареї, батареї');
    expect(f.get('w:грі')).toBe('гріють');
    expect(f.get('w:батаре')).toBe('батареї');
    expect(f.has('b:не грі')).toBe(true);
    expect(f.has('b:грі батаре')).toBe(true);
    expect(f.has('c:_ба')).toBe(true);
    expect(f.has('w:не')).toBe(false);
  });
});

describe('suggest', () => {
  const model = trainModel(history);

  it.each([
    ['батареї холодні', HEATING],
    ['нема гарячої води', HOT_WATER],
    ['велика яма на дорозі', POTHOLE],
    ['сміття не вивезли', GARBAGE],
    // misspelt and Russian: the character trigrams and folds still find it
    ['смiтя не вивезлы', GARBAGE],
    ['холодные батареи', HEATING],
  ])('%s → class %i first', (text, expected) => {
    expect(suggest(model, text)[0]?.label).toBe(expected);
  });

  it('gives at most `limit` classes with confidences summing to ≤ 1, best first', () => {
    const top = suggest(model, 'холодні батареї', 3);
    expect(top).toHaveLength(3);
    expect(top[0]!.confidence).toBeGreaterThan(top[1]!.confidence);
    expect(top.reduce((a, s) => a + s.confidence, 0)).toBeLessThanOrEqual(1.000001);
  });

  it('explains itself: the matched words, past appeals with the word, the usual executor', () => {
    const [first] = suggest(model, 'холодні батареї у квартирі');
    expect(first?.matchedWords).toContain('батареї');
    expect(first?.similarPastAppeals).toBeGreaterThan(0);
    expect(first?.learnedExecutorId).toBe(10);
  });

  it('is empty for text the model has never seen a feature of', () => {
    expect(suggest(model, '12345')).toEqual([]);
    expect(suggest(trainModel([]), 'батареї')).toEqual([]);
  });

  it('answers from seed phrasings alone (no history)', () => {
    const seedOnly = trainModel([
      {
        text: 'Відсутність опалення; не гріють батареї; холодні радіатори',
        label: HEATING,
        seed: true,
      },
      { text: 'Ямковий ремонт проїжджої частини; яма на дорозі', label: POTHOLE, seed: true },
    ]);
    const [first] = suggest(seedOnly, 'радіатори холодні');
    expect(first?.label).toBe(HEATING);
    expect(first?.similarPastAppeals).toBe(0);
    expect(first?.learnedExecutorId).toBeNull();
  });

  it('is deterministic: documents in another order give the same model', () => {
    expect(trainModel([...history].reverse())).toEqual(trainModel(history));
  });
});

describe('evaluation', () => {
  it('splits reproducibly by seed and scores top-1/top-3', () => {
    const a = splitDataset(history, 0.3, 7);
    const b = splitDataset(history, 0.3, 7);
    expect(a).toEqual(b);
    expect(a.test).toHaveLength(3);
    expect(a.train).toHaveLength(7);
    let t = 0;
    const result = evaluateModel(history, history, () => (t += 1));
    expect(result.top1).toBe(1);
    expect(result.top3).toBe(1);
    expect(result.p95Ms).toBe(1);
  });
});
