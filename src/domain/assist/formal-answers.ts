/**
 * Formal answers (Regulation 3.1.3: the centre reports formal handling and red tape by executors to
 * management). An executor's answer is flagged, for the controller to judge, when it is
 *
 * - `near_copy`: its word 3-shingles overlap (Jaccard ≥ {@link NEAR_COPY_THRESHOLD}) an answer the
 *   same executor gave to a *different* problem (an appeal whose text shares less than
 *   {@link SAME_PROBLEM_THRESHOLD} of its shingles with this one, so answers to repeated appeals
 *   about one problem are not flagged);
 * - `boilerplate`: once the administrator's boilerplate phrases are taken out, fewer than
 *   {@link MIN_OWN_WORDS} content words remain;
 * - `off_subject`: it shares no content word stem with the appeal's description, question type and
 *   conversation so far (the controller's rework comments, the executor's earlier answers to it).
 *
 * Pure: the caller supplies the answer, the appeal, the executor's earlier answers and the phrases.
 */
import { contentStems, stem, words } from './tokens.js';

export const NEAR_COPY_THRESHOLD = 0.8;
export const SAME_PROBLEM_THRESHOLD = 0.5;
export const MIN_OWN_WORDS = 4;
const SHINGLE = 3;

export type FormalAnswerReason = 'near_copy' | 'boilerplate' | 'off_subject';

export interface FormalAnswerFlag {
  reason: FormalAnswerReason;
  /** near_copy: the other appeal and the similarity (0…1); boilerplate: the phrases found. */
  details: { appealId?: number; similarity?: number; phrases?: string[] };
}

/** The set of word k-shingles (stems of all words, stop words kept) of a text. */
export function shingles(text: string, k = SHINGLE): Set<string> {
  const stems = words(text).map(stem);
  const out = new Set<string>();
  if (stems.length > 0 && stems.length < k) out.add(stems.join(' '));
  for (let i = 0; i + k <= stems.length; i++) out.add(stems.slice(i, i + k).join(' '));
  return out;
}

/** Jaccard similarity of two sets, 0…1 (two empty sets: 0). */
export function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 && b.size === 0) return 0;
  let common = 0;
  for (const x of a) if (b.has(x)) common += 1;
  return common / (a.size + b.size - common);
}

export interface EarlierAnswer {
  appealId: number;
  /** The earlier answer's text. */
  text: string;
  /** The description of the appeal it answered. */
  appealText: string;
}

export interface FormalAnswerInput {
  answer: string;
  appealId: number;
  /** The appeal's description. */
  appealText: string;
  /** The appeal's question type name (its words count as the subject too). */
  questionTypeName: string;
  /** The same executor's earlier answers to other appeals. */
  earlierAnswers: readonly EarlierAnswer[];
  /** What was said on this appeal before: rework comments, earlier answers (subject words too). */
  conversation?: readonly string[];
  /** Boilerplate phrases (administrator's list). */
  boilerplate: readonly string[];
}

/** Stem sequence of a phrase, joined by spaces, with a space on each side for whole-word search. */
function stemLine(text: string): string {
  return ` ${words(text).map(stem).join(' ')} `;
}

/** The flags an answer earns, in the order near_copy, boilerplate, off_subject; empty when none. */
export function checkFormalAnswer(input: FormalAnswerInput): FormalAnswerFlag[] {
  const flags: FormalAnswerFlag[] = [];
  const answerShingles = shingles(input.answer);
  const appealShingles = shingles(input.appealText);
  let best: { appealId: number; similarity: number } | null = null;
  for (const earlier of input.earlierAnswers) {
    if (earlier.appealId === input.appealId) continue;
    if (jaccard(appealShingles, shingles(earlier.appealText)) >= SAME_PROBLEM_THRESHOLD) continue;
    const similarity = jaccard(answerShingles, shingles(earlier.text));
    if (similarity >= NEAR_COPY_THRESHOLD && (!best || similarity > best.similarity))
      best = { appealId: earlier.appealId, similarity: Math.round(similarity * 100) / 100 };
  }
  if (best) flags.push({ reason: 'near_copy', details: best });

  let rest = stemLine(input.answer);
  const found: string[] = [];
  for (const phrase of input.boilerplate) {
    const p = stemLine(phrase);
    if (p.trim() === '' || !rest.includes(p)) continue;
    found.push(phrase);
    rest = rest.split(p).join(' ');
  }
  const ownWords = contentStems(rest).length;
  if (found.length > 0 && ownWords < MIN_OWN_WORDS)
    flags.push({ reason: 'boilerplate', details: { phrases: found } });

  const subject = new Set(
    contentStems(
      [input.appealText, input.questionTypeName, ...(input.conversation ?? [])].join(' '),
    ),
  );
  const shared = contentStems(input.answer).some((s) => subject.has(s));
  if (!shared) flags.push({ reason: 'off_subject', details: {} });
  return flags;
}
