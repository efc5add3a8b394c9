/**
 * Call-back surveys after closure (regulation 3.1.7; issue 19, item 6; ADR 039). The rules are the
 * `callback_rules` setting (set by the head); `enqueueClosedAppeals` queues what the pure
 * selection (`domain/callback-selection.ts`) picks; `recordAttempt` writes one call: not reached
 * (dropped after `maxTries`), or the answers — "not solved" returns the appeal for check with the
 * applicant's words, as a portal dispute does, and notes it in the appeal's history.
 */
import { sql } from 'kysely';
import {
  callbackReason,
  DEFAULT_CALLBACK_RULES,
  droppedAfter,
  type CallbackRules,
} from '../../domain/callback-selection.js';
import type { CallbackAttempt, CallbackSurveyView } from '../../contract/knowledge.schemas.js';
import type { Deps, UserActor } from '../context.js';
import { AppError, conflict, notFound } from '../errors.js';
import { reopenForCheck } from '../portal/reopen-for-check.js';
import { flagArticlesForReview } from '../knowledge/consultations.service.js';
import { tryJobLock } from '../db/advisory-locks.js';

/** The head's rules (`settings.callback_rules`), defaults where missing. */
export async function callbackRules(deps: Deps): Promise<CallbackRules> {
  const row = await deps.db.selectFrom('settings').select('value').where('key', '=', 'callback_rules').executeTakeFirst();
  const value = (typeof row?.value === 'string' ? JSON.parse(row.value) : row?.value) as Partial<CallbackRules> | undefined;
  return { ...DEFAULT_CALLBACK_RULES, ...(value ?? {}) };
} // prettier-ignore

/** Set the rules (the head of the centre). */
export async function setCallbackRules(deps: Deps, rules: CallbackRules): Promise<void> {
  await deps.db
    .insertInto('settings')
    .values({ key: 'callback_rules', value: JSON.stringify(rules) })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: JSON.stringify(rules) }))
    .execute();
}

/**
 * Queue the closed appeals of the last `days` days (not consultations, not yet queued) that the
 * rules select. Idempotent; safe on several processes (unique appeal_id, ON CONFLICT DO NOTHING).
 * @returns how many were queued now.
 */
export async function enqueueClosedAppeals(deps: Deps, days = 30): Promise<number> {
  const rules = await callbackRules(deps);
  const now = deps.now();
  const since = new Date(now.getTime() - days * 86_400_000);
  const rows = await deps.db
    .selectFrom('appeals as a')
    .leftJoin('callback_surveys as s', 's.appeal_id', 'a.id')
    .leftJoin('callback_refusals as r', 'r.applicant_id', 'a.applicant_id')
    .select([
      'a.id',
      'a.applicant_id',
      'a.privileged',
      'r.applicant_id as refused',
      sql<number | null>`(select min(f.rating) from appeal_feedback f where f.appeal_id = a.id)`.as('rating'),
    ])
    .where('a.status', '=', 'closed')
    .where('a.kind', '!=', 'consultation')
    .where('a.closed_at', '>=', since)
    .where('s.id', 'is', null)
    .execute();
  const chosen = rows.flatMap((r) => {
    const reason = callbackReason(rules, {
      appealId: r.id,
      hasApplicant: r.applicant_id !== null,
      privileged: r.privileged,
      rating: r.rating === null ? null : Number(r.rating),
      refusedContact: r.refused !== null,
    });
    return reason ? [{ appeal_id: r.id, reason, queued_at: now }] : [];
  });
  if (chosen.length === 0) return 0;
  const inserted = await deps.db
    .insertInto('callback_surveys')
    .values(chosen)
    .onConflict((oc) => oc.column('appeal_id').doNothing())
    .returning('id')
    .execute();
  return inserted.length;
} // prettier-ignore

/**
 * Record one call of survey `id`. @throws 404 `callback_survey_not_found`; 409 `callback_survey_closed`,
 * `callback_too_soon` (a retry before `hoursBetweenTries`), and the reopen's codes for "not solved".
 */
export async function recordAttempt(deps: Deps, user: UserActor, id: number, input: CallbackAttempt): Promise<{ state: string }> {
  const rules = await callbackRules(deps);
  return deps.db.transaction().execute(async (trx) => {
    const now = deps.now();
    const survey = await trx.selectFrom('callback_surveys').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (!survey) throw notFound('callback_survey', id);
    if (survey.state !== 'queued') throw conflict('callback_survey_closed', `This survey is ${survey.state}.`);
    if (survey.last_try_at && now.getTime() - new Date(survey.last_try_at).getTime() < rules.hoursBetweenTries * 3_600_000)
      throw new AppError('callback_too_soon', 409, `Try again at another hour: at least ${rules.hoursBetweenTries} h after the last try.`);
    await trx.insertInto('callback_attempts').values({ survey_id: id, reached: input.reached, called_by: user.id, called_at: now }).execute();
    const tries = survey.tries + 1;
    if (!input.reached) {
      const state = droppedAfter(rules, tries) ? 'dropped' : 'queued';
      await trx.updateTable('callback_surveys').set({ tries, last_try_at: now, reached: false, state }).where('id', '=', id).execute();
      return { state };
    }
    await trx
      .updateTable('callback_surveys')
      .set({
        tries, last_try_at: now, reached: true, state: 'completed', solved: input.solved,
        satisfaction: input.satisfaction, would_call_again: input.wouldCallAgain,
        comment: input.comment ?? null, completed_by: user.id, completed_at: now,
      })
      .where('id', '=', id)
      .execute();
    const appeal = await trx.selectFrom('appeals').select(['id', 'status', 'rework_count', 'applicant_id']).where('id', '=', survey.appeal_id).forUpdate().executeTakeFirstOrThrow();
    if (input.refusesContact && appeal.applicant_id !== null)
      await trx.insertInto('callback_refusals').values({ applicant_id: appeal.applicant_id, recorded_by: user.id, recorded_at: now }).onConflict((oc) => oc.column('applicant_id').doNothing()).execute();
    if (!input.solved) {
      await reopenForCheck(trx, {
        appeal: { id: appeal.id, status: appeal.status, rework_count: appeal.rework_count },
        actor: user,
        now,
        eventType: 'not_solved_on_callback',
        comment: input.comment ?? null,
        data: { callbackSurveyId: id, satisfaction: input.satisfaction },
      });
    }
    return { state: 'completed' };
  });
} // prettier-ignore

/**
 * The call-back queue (regulation 3.1.7) for the operator's screen: surveys in `state`, oldest
 * first, with whom to call. `due` says whether a try may be made now (`hoursBetweenTries`).
 */
export async function listCallbackQueue(
  deps: Deps,
  opts: { state: 'queued' | 'completed' | 'dropped'; limit: number },
): Promise<CallbackSurveyView[]> {
  const rules = await callbackRules(deps);
  const now = deps.now().getTime();
  const rows = await deps.db
    .selectFrom('callback_surveys as s')
    .innerJoin('appeals as a', 'a.id', 's.appeal_id')
    .innerJoin('question_types as t', 't.id', 'a.question_type_id')
    .leftJoin('applicants as p', 'p.id', 'a.applicant_id')
    .select([
      's.id', 's.appeal_id', 'a.number', 's.reason', 's.state', 's.tries', 's.last_try_at',
      's.solved', 's.satisfaction', 'p.full_name', 'p.phones', 't.name', 't.name_en', 'a.closed_at',
    ])
    .where('s.state', '=', opts.state)
    .orderBy(opts.state === 'queued' ? 's.queued_at' : 's.id', opts.state === 'queued' ? 'asc' : 'desc')
    .orderBy('s.id')
    .limit(opts.limit)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    appealId: r.appeal_id,
    appealNumber: r.number,
    reason: r.reason,
    state: r.state,
    tries: r.tries,
    lastTryAt: r.last_try_at ? new Date(r.last_try_at).toISOString() : null,
    solved: r.solved,
    satisfaction: r.satisfaction,
    applicantName: r.full_name,
    phones: r.phones ?? [],
    questionType: r.name,
    questionTypeEn: r.name_en,
    closedAt: r.closed_at ? new Date(r.closed_at).toISOString() : null,
    due:
      r.state === 'queued' &&
      (r.last_try_at === null || now - new Date(r.last_try_at).getTime() >= rules.hoursBetweenTries * 3_600_000),
  }));
} // prettier-ignore

/**
 * The scheduled job (every 10 minutes, `jobs/scheduler.ts`): queue the closures of the last
 * `days` days the rules select, and flag the articles past their review date. One process at a
 * time (transaction-scoped advisory lock); the queueing is idempotent anyway (unique appeal_id).
 */
export async function runCallbackJob(
  deps: Deps,
  days = 30,
): Promise<{ ran: boolean; queued: number; flagged: number }> {
  const locked = await deps.db.transaction().execute(async (trx) => {
    if (!(await tryJobLock(trx, 'callbackQueue'))) return null;
    const txDeps: Deps = { ...deps, db: trx };
    const queued = await enqueueClosedAppeals(txDeps, days);
    const flagged = await flagArticlesForReview(txDeps);
    return { queued, flagged: flagged.length };
  });
  return locked ? { ran: true, ...locked } : { ran: false, queued: 0, flagged: 0 };
} // prettier-ignore
