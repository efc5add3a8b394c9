/**
 * Consultations answered from the knowledge base (regulation 3.1.1, 3.1.6; issue 19, items 3–4;
 * ADR 039). A consultation is an appeal of kind `consultation`, registered and closed at once
 * (`appeals/register-appeal.ts`); this records which article(s) answered it, or a note that none
 * did, and reports the topics for the editors.
 */
import { sql } from 'kysely';
import type { z } from 'zod';
import type {
  consultationAnswerSchema,
  knowledgeReportView,
} from '../../contract/knowledge.schemas.js';
import type { Deps, UserActor } from '../context.js';
import { badRequest, conflict, notFound } from '../errors.js';
import { loadCalendar } from '../calendar/calendar.repository.js';
import { enqueueNotifications, type NewNotification } from '../notifications/outbox.js';

type ConsultationAnswer = z.infer<typeof consultationAnswerSchema>;
type KnowledgeReport = z.infer<typeof knowledgeReportView>;

/**
 * Record what answered consultation `appealId`: one row per article, or one row with the note
 * when no article did (a note given with articles is kept on the first row).
 * @throws 404 `appeal_not_found`; 409 `not_a_consultation`; 400 `article_not_found` (an unknown id).
 */
export async function recordConsultationAnswer(
  deps: Deps,
  user: UserActor,
  appealId: number,
  input: ConsultationAnswer,
): Promise<{ appealId: number; articleIds: number[]; note: string | null }> {
  return deps.db.transaction().execute(async (trx) => {
    const appeal = await trx
      .selectFrom('appeals')
      .select(['id', 'kind'])
      .where('id', '=', appealId)
      .executeTakeFirst();
    if (!appeal) throw notFound('appeal', appealId);
    if (appeal.kind !== 'consultation')
      throw conflict(
        'not_a_consultation',
        'Only a consultation records the articles that answered it; this appeal is not one.',
      );
    const articleIds = [...new Set(input.articleIds)];
    if (articleIds.length > 0) {
      const found = await trx
        .selectFrom('knowledge_articles')
        .select('id')
        .where('id', 'in', articleIds)
        .execute();
      const missing = articleIds.filter((id) => !found.some((f) => f.id === id));
      if (missing.length > 0)
        throw badRequest('article_not_found', `Unknown articles: ${missing.join(', ')}.`, {
          missing,
        });
    }
    const now = deps.now();
    const note = input.note ?? null;
    await trx.deleteFrom('consultation_answers').where('appeal_id', '=', appealId).execute();
    const rows =
      articleIds.length > 0
        ? articleIds.map((articleId, i) => ({ article_id: articleId, note: i === 0 ? note : null }))
        : [{ article_id: null, note }];
    await trx
      .insertInto('consultation_answers')
      .values(
        rows.map((r) => ({ ...r, appeal_id: appealId, recorded_by: user.id, recorded_at: now })),
      )
      .execute();
    return { appealId, articleIds, note };
  });
}

/**
 * What citizens ask (regulation 3.1.6): consultations received in [from, to] (calendar days in the
 * centre's time zone), by question type, how many an article answered, and the ones no article
 * answered with the operator's note — the articles the editors should write.
 */
export async function knowledgeReport(
  deps: Deps,
  q: { from: string; to: string },
): Promise<KnowledgeReport> {
  const zone = deps.config.timeZone;
  const start = sql<Date>`((${q.from}::date)::timestamp AT TIME ZONE ${zone})`;
  const end = sql<Date>`((${q.to}::date)::timestamp AT TIME ZONE ${zone}) + interval '1 day'`;
  const { rows: topics } = await sql<{
    questionTypeId: number;
    name: string;
    consultations: string | number;
    answeredFromArticle: string | number;
  }>`SELECT a.question_type_id AS "questionTypeId", t.name,
            count(*) AS consultations,
            count(*) FILTER (WHERE EXISTS (
              SELECT 1 FROM consultation_answers c
               WHERE c.appeal_id = a.id AND c.article_id IS NOT NULL)) AS "answeredFromArticle"
       FROM appeals a JOIN question_types t ON t.id = a.question_type_id
      WHERE a.kind = 'consultation' AND a.received_at >= ${start} AND a.received_at < ${end}
      GROUP BY a.question_type_id, t.name
      ORDER BY count(*) DESC, t.name`.execute(deps.db);
  const { rows: unanswered } = await sql<{
    appealId: number;
    number: string;
    questionTypeId: number;
    note: string;
    at: Date | string;
  }>`SELECT a.id AS "appealId", a.number, a.question_type_id AS "questionTypeId", c.note,
            c.recorded_at AS at
       FROM consultation_answers c JOIN appeals a ON a.id = c.appeal_id
      WHERE c.article_id IS NULL AND a.received_at >= ${start} AND a.received_at < ${end}
      ORDER BY c.recorded_at DESC, a.id DESC
      LIMIT 200`.execute(deps.db);
  const shaped = topics.map((t) => ({
    questionTypeId: t.questionTypeId,
    name: t.name,
    consultations: Number(t.consultations),
    answeredFromArticle: Number(t.answeredFromArticle),
  }));
  const consultations = shaped.reduce((s, t) => s + t.consultations, 0);
  const answeredFromArticle = shaped.reduce((s, t) => s + t.answeredFromArticle, 0);
  return {
    consultations,
    answeredFromArticle,
    answeredShare: consultations === 0 ? 0 : answeredFromArticle / consultations,
    topics: shaped,
    unanswered: unanswered.map((u) => ({
      appealId: u.appealId,
      number: u.number,
      questionTypeId: u.questionTypeId,
      note: u.note,
      at: new Date(u.at).toISOString(),
    })),
  };
}

/**
 * Flag articles past their review date to their owners (issue 19, item 1): sets
 * `review_flagged_at` once per review period (an edit clears it) and queues the notification
 * `article_review_due` to the owner — listed in the web app, and by e-mail when the owner chose so
 * (the notifications outbox; quiet hours apply). The dedupe key names the article and its review
 * date, so an edit that keeps a past date does not notify twice; a new date re-arms it.
 * @returns the articles flagged now.
 */
export async function flagArticlesForReview(
  deps: Deps,
): Promise<{ id: number; ownerId: number; title: string }[]> {
  const now = deps.now();
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: deps.config.timeZone }).format(now);
  const rows = await deps.db
    .updateTable('knowledge_articles')
    .set({ review_flagged_at: now })
    .where('review_by', '<', today)
    .where('review_flagged_at', 'is', null)
    .returning(['id', 'owner_id', 'title', 'review_by'])
    .execute();
  if (rows.length > 0) {
    const calendar = await loadCalendar(deps.db, deps.config.timeZone, now);
    const items: NewNotification[] = rows.map((r) => {
      const reviewBy = dateOnly(r.review_by);
      return {
        dedupeKey: `article_review_due:${r.id}:${reviewBy}`,
        kind: 'article_review_due',
        recipientUserId: r.owner_id,
        params: {
          text: r.title,
          deadline: reviewBy.split('-').reverse().join('.'),
          link: `${deps.config.publicUrl}/knowledge/${r.id}`,
        },
      };
    });
    await enqueueNotifications(deps.db, items, { now, calendar });
  }
  return rows.map((r) => ({ id: r.id, ownerId: r.owner_id, title: r.title }));
}

/** A `date` column as `YYYY-MM-DD` (PGlite and node-postgres may return a string or a Date). */
function dateOnly(value: unknown): string {
  if (value instanceof Date) {
    const y = value.getFullYear();
    const m = String(value.getMonth() + 1).padStart(2, '0');
    const d = String(value.getDate()).padStart(2, '0');
    return `${y}-${m}-${d}`;
  }
  return String(value).slice(0, 10);
}
