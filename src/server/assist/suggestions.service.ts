/**
 * Question-type suggestions at intake (Regulation 3.1.2: register under the right question type and
 * send to the right executor while the caller is still talking). The model (src/domain/assist/
 * model.ts) is trained from the city's history plus seed phrasings, stored in `assist_models`, and
 * shared by every app process: each process caches the newest version and looks for a newer one at
 * most every {@link VERSION_CHECK_MS}. Training runs on a schedule (jobs/scheduler.ts), by
 * `kontakt assist train`, or on the first suggestion when no model exists yet.
 */
import { readFileSync } from 'node:fs';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import {
  isSuggestionModel,
  suggest,
  trainModel,
  type SuggestionModel,
  type TrainingDocument,
} from '../../domain/assist/model.js';
import { presentQuestionType } from '../classifier/classifier.service.js';
import type { Deps } from '../context.js';
import type { DB } from '../db/schema.js';
import { tryJobLock } from '../db/advisory-locks.js';
import {
  latestModelSummary,
  loadHistory,
  loadModel,
  loadQuestionTypeNames,
  organisationNames,
  questionTypesWithRouting,
  saveModel,
  type ModelSummary,
} from './assist.repository.js';
import type { SuggestionsView } from '../../contract/assist.schemas.js';

/** How often a process asks the database whether a newer model was trained (ms). */
export const VERSION_CHECK_MS = 5_000;
/** History appeals a training reads at most (the newest). */
export const DEFAULT_HISTORY_LIMIT = 50_000;
/** A model older than this is retrained by the schedule (ms). */
export const RETRAIN_AFTER_MS = 24 * 60 * 60_000;

const phrasebookSchema = z.object({
  questionTypes: z.record(z.string(), z.array(z.string().min(1))),
});

let phrasebookCache: Map<string, string[]> | null = null;

/** The built-in phrasebook (phrasebook.json): question type name → everyday phrasings (uk, ru). */
export function phrasebook(): Map<string, string[]> {
  if (!phrasebookCache) {
    const raw: unknown = JSON.parse(
      readFileSync(new URL('./phrasebook.json', import.meta.url), 'utf8'),
    );
    const parsed = phrasebookSchema.parse(raw);
    phrasebookCache = new Map(
      Object.entries(parsed.questionTypes).map(([name, phrases]) => [
        name.normalize('NFC').toLowerCase(),
        phrases,
      ]),
    );
  }
  return phrasebookCache;
}

/** The seed documents: each question type's name (with its kind and English name) and phrasings. */
export async function seedDocuments(db: Kysely<DB>): Promise<TrainingDocument[]> {
  const types = await loadQuestionTypeNames(db);
  const book = phrasebook();
  const docs: TrainingDocument[] = [];
  for (const t of types) {
    docs.push({ text: `${t.name}. ${t.kind_name}. ${t.name_en ?? ''}`, label: t.id, seed: true });
    for (const phrase of book.get(t.name.normalize('NFC').toLowerCase()) ?? [])
      docs.push({ text: phrase, label: t.id, seed: true });
  }
  return docs;
}

interface CachedModel {
  version: number;
  model: SuggestionModel;
  checkedAt: number;
}

// One entry per database handle (tests open several databases in one process).
const cache = new WeakMap<Kysely<DB>, CachedModel>();

/**
 * Train a model from the newest `historyLimit` appeals and the seed documents, store it as the
 * newest version, and make it this process's model at once.
 */
export async function trainSuggestionModel(
  deps: Deps,
  options: { historyLimit?: number } = {},
): Promise<ModelSummary> {
  const started = performance.now();
  const [history, seeds] = await Promise.all([
    loadHistory(deps.db, options.historyLimit ?? DEFAULT_HISTORY_LIMIT),
    seedDocuments(deps.db),
  ]);
  const documents: TrainingDocument[] = [
    ...seeds,
    ...history.map((h) => ({
      text: h.description,
      label: h.questionTypeId,
      executorId: h.executorId,
    })),
  ];
  const model = trainModel(documents);
  const saved = await saveModel(deps.db, model, {
    trainedAt: deps.now(),
    historyAppeals: history.length,
    seedDocuments: seeds.length,
    questionTypes: model.labels.length,
    features: model.vocabularySize,
    tookMs: Math.round(performance.now() - started),
  });
  cache.set(deps.db, { version: saved.version, model, checkedAt: performance.now() });
  return saved;
}

/**
 * Retrain when no model exists or the newest is older than {@link RETRAIN_AFTER_MS}. One process
 * of a cluster trains (advisory lock `assistRetrain`, the staleness checked again under it): nodes
 * started together trained one model each before.
 *
 * @returns the new model's summary, or null when the model is fresh or another process trains.
 */
export async function retrainWhenStale(deps: Deps): Promise<ModelSummary | null> {
  const stale = (latest: ModelSummary | undefined) =>
    !latest || deps.now().getTime() - latest.trainedAt.getTime() >= RETRAIN_AFTER_MS;
  if (!stale(await latestModelSummary(deps.db))) return null;
  // Trained and saved in the lock's transaction (the embedded engine has one connection); the
  // process's cached model is replaced at its next version check (VERSION_CHECK_MS).
  return deps.db.transaction().execute(async (trx) => {
    if (!(await tryJobLock(trx, 'assistRetrain'))) return null;
    if (!stale(await latestModelSummary(trx))) return null;
    return trainSuggestionModel({ ...deps, db: trx });
  });
}

/** This process's current model: cached, reloaded when a newer version is stored, trained if none. */
async function currentModel(deps: Deps): Promise<CachedModel> {
  const cached = cache.get(deps.db);
  if (cached && performance.now() - cached.checkedAt < VERSION_CHECK_MS) return cached;
  const latest = await latestModelSummary(deps.db);
  if (!latest) {
    await trainSuggestionModel(deps);
    return cache.get(deps.db)!;
  }
  if (cached && cached.version === latest.version) {
    cached.checkedAt = performance.now();
    return cached;
  }
  const stored = await loadModel(deps.db, latest.version);
  if (!isSuggestionModel(stored)) {
    await trainSuggestionModel(deps);
    return cache.get(deps.db)!;
  }
  const fresh = { version: latest.version, model: stored, checkedAt: performance.now() };
  cache.set(deps.db, fresh);
  return fresh;
}

/**
 * The `limit` most likely question types for what the caller said, best first, each with where it
 * routes and why (matched words, similar past appeals). `publicOnly` keeps the question types
 * offered on the portal. Empty when no word of `text` is known to the model.
 */
export async function suggestQuestionTypes(
  deps: Deps,
  text: string,
  options: { limit?: number; publicOnly?: boolean } = {},
): Promise<SuggestionsView> {
  const limit = options.limit ?? 3;
  const { version, model } = await currentModel(deps);
  // Ask for more than needed: some may be inactive or not public.
  const raw = suggest(model, text, limit + 7);
  const types = await questionTypesWithRouting(
    deps.db,
    raw.map((s) => s.label),
  );
  const byId = new Map(types.map((t) => [t.id, t]));
  const kept = raw
    .filter((s) => {
      const t = byId.get(s.label);
      return t !== undefined && (!options.publicOnly || t.is_public);
    })
    .slice(0, limit);
  const learned = await organisationNames(
    deps.db,
    kept
      .filter((s) => s.learnedExecutorId !== byId.get(s.label)!.executor_id)
      .map((s) => s.learnedExecutorId)
      .filter((id): id is number => id !== null),
  );
  return {
    modelVersion: version,
    suggestions: kept.map((s) => {
      const t = byId.get(s.label)!;
      const usually =
        s.learnedExecutorId !== null && s.learnedExecutorId !== t.executor_id
          ? { id: s.learnedExecutorId, name: learned.get(s.learnedExecutorId) ?? '' }
          : null;
      return {
        questionType: presentQuestionType(t),
        kindName: t.kind_name,
        kindNameEn: t.kind_name_en,
        executor:
          t.executor_id !== null ? { id: t.executor_id, name: t.executor_name ?? '' } : null,
        usuallyAnsweredBy: usually && usually.name ? usually : null,
        confidence: Math.round(s.confidence * 1000) / 1000,
        reason: { matchedWords: s.matchedWords, similarPastAppeals: s.similarPastAppeals },
      };
    }),
  };
}
