/**
 * Formal answers (Regulation 3.1.3): every executor's response is checked in its own transaction
 * against the executor's earlier answers, the administrator's boilerplate phrases and the appeal's
 * subject (rules in src/domain/assist/formal-answers.ts); the flags are stored with the response
 * for the controller, and counted per executor for the reports to management.
 */
import type { Kysely } from 'kysely';
import { DateTime } from 'luxon';
import { checkFormalAnswer, type FormalAnswerFlag } from '../../domain/assist/formal-answers.js';
import { matchKey } from '../../domain/text.js';
import type { Deps, UserActor } from '../context.js';
import type { DB } from '../db/schema.js';
import { badRequest } from '../errors.js';
import {
  appealConversation,
  appealSubject,
  earlierAnswersOf,
  flagCountsByExecutor,
  flagsOfAppeal,
  insertFlags,
  listBoilerplate,
  replaceBoilerplate,
} from './assist.repository.js';
import {
  answerFlagView,
  type AnswerFlagView,
  type BoilerplateView,
} from '../../contract/assist.schemas.js';

/** How many of the executor's latest answers a new answer is compared with. */
export const EARLIER_ANSWERS_COMPARED = 300;

/**
 * Check a response just written (call inside the response's transaction `db`) and store its flags.
 * @returns the flags stored (empty when the answer is not formal).
 */
export async function flagFormalAnswer(
  db: Kysely<DB>,
  response: { responseId: number; appealId: number; executorId: number; text: string; at: Date },
): Promise<FormalAnswerFlag[]> {
  const [subject, conversation, earlier, phrases] = await Promise.all([
    appealSubject(db, response.appealId),
    appealConversation(db, response.appealId, response.responseId),
    earlierAnswersOf(db, response.executorId, response.appealId, EARLIER_ANSWERS_COMPARED),
    listBoilerplate(db),
  ]);
  const flags = checkFormalAnswer({
    answer: response.text,
    appealId: response.appealId,
    appealText: subject.description,
    questionTypeName: subject.question_type_name,
    earlierAnswers: earlier,
    conversation,
    boilerplate: phrases.map((p) => p.phrase),
  });
  await insertFlags(db, response, flags);
  return flags;
}

/** The flags on an appeal's responses, for the review screen. */
export async function listAppealAnswerFlags(
  deps: Deps,
  appealId: number,
): Promise<AnswerFlagView[]> {
  const rows = await flagsOfAppeal(deps.db, appealId);
  return rows.map((r) => ({
    responseId: r.response_id,
    reason: r.reason,
    details: answerFlagView.shape.details.parse(r.details),
    at: r.created_at.toISOString(),
  }));
}

/**
 * Per executor, answers given in the period and how many were flagged, by reason (3.1.3). The
 * period's days are the city's (`config.timeZone`), as in the standard reports: an answer at
 * 00:30 in Kyiv counts on that day, not on the UTC day before.
 */
export function countFlagsByExecutor(deps: Deps, from: string, to: string) {
  const zone = deps.config.timeZone;
  const start = DateTime.fromISO(from, { zone }).startOf('day');
  const end = DateTime.fromISO(to, { zone }).startOf('day').plus({ days: 1 });
  return flagCountsByExecutor(deps.db, start.toJSDate(), end.toJSDate());
}

export async function listBoilerplatePhrases(deps: Deps): Promise<BoilerplateView[]> {
  const rows = await listBoilerplate(deps.db);
  return rows.map((r) => ({ id: r.id, phrase: r.phrase }));
}

/**
 * Replace the list of boilerplate phrases (the administrator's editor sends it whole).
 * @throws AppError 400 `duplicate_phrase` when two phrases are the same but for case, spaces or quotes.
 */
export async function replaceBoilerplatePhrases(
  deps: Deps,
  actor: UserActor,
  phrases: readonly string[],
): Promise<BoilerplateView[]> {
  const byKey = new Map<string, string>();
  for (const [index, phrase] of phrases.entries()) {
    const key = matchKey(phrase);
    if (byKey.has(key))
      throw badRequest('duplicate_phrase', `The phrase «${phrase}» is on the list twice.`, [
        { path: ['phrases', index], message: 'duplicate' },
      ]);
    byKey.set(key, phrase);
  }
  await replaceBoilerplate(
    deps.db,
    [...byKey].map(([key, phrase]) => ({ phrase, matchKey: key })),
    actor.id,
  );
  return listBoilerplatePhrases(deps);
}
