/**
 * `kontakt assist train` and `kontakt assist evaluate` (see docs/ASSISTANCE.md).
 */
import { Command, InvalidArgumentError, Option } from 'commander';
import type { Config } from '../config.js';
import { loadConfig } from '../config.js';
import type { Deps } from '../context.js';
import {
  DATASETS,
  evaluateDatasets,
  formatResults,
  type DatasetName,
} from './evaluate-datasets.js';
import {
  DEFAULT_HISTORY_LIMIT,
  suggestQuestionTypes,
  trainSuggestionModel,
} from './suggestions.service.js';
import { phrasebook } from './suggestions.service.js';

type WithDatabase = <T>(
  config: Config,
  command: string,
  work: (deps: Deps) => Promise<T>,
) => Promise<T>;

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0)
    throw new InvalidArgumentError('must be a positive whole number');
  return n;
}

/**
 * What an operator types, keystroke by keystroke: every prefix of each phrasebook phrase that ends
 * at a letter, three letters or longer.
 */
function keystrokes(): string[] {
  const out: string[] = [];
  for (const phrases of phrasebook().values()) {
    for (const phrase of phrases)
      for (let i = 3; i <= phrase.length; i++) out.push(phrase.slice(0, i));
  }
  return out;
}

/** Suggestion time at the server (the service: cached model, scoring, the question types' query). */
async function serverTiming(
  deps: Deps,
): Promise<{ calls: number; medianMs: number; p95Ms: number }> {
  const texts = keystrokes();
  await suggestQuestionTypes(deps, 'батареї'); // loads (or trains) the model once
  const times: number[] = [];
  for (const text of texts) {
    const started = performance.now();
    await suggestQuestionTypes(deps, text);
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? 0;
  return { calls: times.length, medianMs: at(0.5), p95Ms: at(0.95) };
}

export function assistCommand(withDatabase: WithDatabase): Command {
  const assist = new Command('assist').description('question-type suggestions and their model');
  assist
    .command('train')
    .description(
      'retrain the suggestion model from the history now (every app process picks it up)',
    )
    .option('--history <n>', 'newest appeals to learn from', positiveInt, DEFAULT_HISTORY_LIMIT)
    .action(async (options: { history: number }) => {
      await withDatabase(loadConfig(), 'kontakt assist train', async (deps) => {
        const model = await trainSuggestionModel(deps, { historyLimit: options.history });
        console.log(
          `Model ${model.version}: ${model.historyAppeals} appeals and ${model.seedDocuments} seed phrasings, ` +
            `${model.questionTypes} question types, ${model.features} features, ${model.tookMs} ms.`,
        );
      });
    });
  assist
    .command('evaluate')
    .description('train on part of each data set and report top-1/top-3 accuracy on the rest')
    .addOption(
      new Option('--dataset <name...>', 'data sets').choices(DATASETS).default([...DATASETS]),
    )
    .option('--seed <s>', 'seed of the shuffle (same seed, same figures)', positiveInt, 1551)
    .option('--server-timing', 'also time suggestions at the server on this database (model, SQL)')
    .action(async (options: { dataset: DatasetName[]; seed: number; serverTiming?: boolean }) => {
      const config = loadConfig();
      console.log(
        formatResults(evaluateDatasets(config.sharedDataDir, options.dataset, options.seed)),
      );
      if (options.serverTiming) {
        await withDatabase(config, 'kontakt assist evaluate', async (deps) => {
          const t = await serverTiming(deps);
          console.log(
            `Server: ${t.calls} keystroke suggestions, median ${t.medianMs.toFixed(2)} ms, p95 ${t.p95Ms.toFixed(2)} ms.`,
          );
        });
      }
    });
  return assist;
}
