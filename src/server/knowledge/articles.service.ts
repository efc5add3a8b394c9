/**
 * Knowledge-base articles (regulation 3.1.1, 3.1.6; issue 19, items 1–2; ADR 039): create, edit,
 * restore a version, read, search. Every change writes a version row (who, what, when) in the
 * same transaction. Bodies are Markdown, stored with their sanitised HTML (`safe-html.ts`).
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import { contentStems } from '../../domain/assist/tokens.js';
import type { z } from 'zod';
import type {
  ArticleInput,
  ArticleSummaryView,
  ArticleView,
  publicArticleView,
} from '../../contract/knowledge.schemas.js';
import type { Deps, UserActor } from '../context.js';
import type { DB } from '../db/schema.js';
import { AppError, badRequest, notFound } from '../errors.js';
import { renderMarkdown, sanitiseHtml } from './safe-html.js';

/**
 * Whether `user` may edit articles: an administrator, or a staff member an administrator assigned
 * (`knowledge_editors`). The route's gate (`knowledge.edit`) lets the centre's roles this far.
 * @throws AppError 403 `not_a_knowledge_editor`.
 */
export async function assertEditor(db: Kysely<DB>, user: UserActor): Promise<void> {
  if (user.role === 'administrator') return;
  const row = await db
    .selectFrom('knowledge_editors')
    .select('user_id')
    .where('user_id', '=', user.id)
    .executeTakeFirst();
  if (!row)
    throw new AppError(
      'not_a_knowledge_editor',
      403,
      'Only an administrator or a staff member assigned as a knowledge-base editor may change articles.',
    );
}

/** The indexed words of an article: folded, stemmed (domain/assist/tokens.ts); the title counts twice. */
export function articleSearchText(
  input: Pick<ArticleInput, 'title' | 'titleEn' | 'bodyUk' | 'bodyEn' | 'tags'>,
): string {
  const parts = [
    input.title,
    input.title,
    input.titleEn ?? '',
    input.tags.join(' '),
    input.bodyUk,
    input.bodyEn ?? '',
  ];
  return contentStems(parts.join(' ')).join(' ');
}

/**
 * A `tsquery` (config `simple`) for the words of `q`: each stem as a prefix, all required.
 * Stems hold only letters and digits, so nothing of `q` reaches the query syntax. Null when `q`
 * has no content word.
 */
export function articleQuery(q: string): string | null {
  const stems = [...new Set(contentStems(q))]
    .map((s) => s.replace(/[^\p{L}\p{N}]/gu, ''))
    .filter((s) => s.length > 0)
    .slice(0, 12);
  return stems.length === 0 ? null : stems.map((s) => `${s}:*`).join(' & ');
}

async function checkLinks(trx: Transaction<DB>, input: ArticleInput): Promise<void> {
  const check = async (
    table: 'question_types' | 'organisations' | 'users',
    wanted: number[],
    code: string,
  ) => {
    if (wanted.length === 0) return;
    const found = await trx.selectFrom(table).select('id').where('id', 'in', wanted).execute();
    const missing = wanted.filter((id) => !found.some((f) => f.id === id));
    if (missing.length > 0)
      throw badRequest(code, `Unknown ids: ${missing.join(', ')}.`, { missing });
  };
  await check('question_types', input.questionTypeIds, 'unknown_question_type');
  await check('organisations', input.organisationIds, 'unknown_organisation');
  await check('users', input.ownerId ? [input.ownerId] : [], 'unknown_owner');
}

function columns(input: ArticleInput) {
  return {
    title: input.title,
    title_en: input.titleEn ?? null,
    body_uk: input.bodyUk,
    body_en: input.bodyEn ?? null,
    html_uk: renderMarkdown(input.bodyUk),
    html_en: input.bodyEn ? renderMarkdown(input.bodyEn) : null,
    tags: [...new Set(input.tags)],
    is_public: input.isPublic,
    review_by: input.reviewBy,
    search_text: articleSearchText(input),
  };
}

async function writeLinksAndVersion(
  trx: Transaction<DB>,
  articleId: number,
  version: number,
  input: ArticleInput & { ownerId: number },
  change: string,
  user: UserActor,
  now: Date,
): Promise<void> {
  await trx
    .deleteFrom('knowledge_article_question_types')
    .where('article_id', '=', articleId)
    .execute();
  await trx
    .deleteFrom('knowledge_article_organisations')
    .where('article_id', '=', articleId)
    .execute();
  const qts = [...new Set(input.questionTypeIds)];
  const orgs = [...new Set(input.organisationIds)];
  if (qts.length > 0)
    await trx
      .insertInto('knowledge_article_question_types')
      .values(qts.map((q) => ({ article_id: articleId, question_type_id: q })))
      .execute();
  if (orgs.length > 0)
    await trx
      .insertInto('knowledge_article_organisations')
      .values(orgs.map((o) => ({ article_id: articleId, organisation_id: o })))
      .execute();
  await trx
    .insertInto('knowledge_article_versions')
    .values({
      article_id: articleId,
      version,
      snapshot: JSON.stringify({ ...input, questionTypeIds: qts, organisationIds: orgs }),
      change,
      changed_by: user.id,
      changed_at: now,
    })
    .execute();
}

/** Create an article (version 1). @throws 403 `not_a_knowledge_editor`; 400 `unknown_*`. */
export async function createArticle(
  deps: Deps,
  user: UserActor,
  input: ArticleInput,
): Promise<ArticleView> {
  await assertEditor(deps.db, user);
  const id = await deps.db.transaction().execute(async (trx) => {
    await checkLinks(trx, input);
    const now = deps.now();
    const ownerId = input.ownerId ?? user.id;
    const row = await trx
      .insertInto('knowledge_articles')
      .values({
        ...columns(input),
        owner_id: ownerId,
        version: 1,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await writeLinksAndVersion(trx, row.id, 1, { ...input, ownerId }, 'created', user, now);
    return row.id;
  });
  return getArticle(deps, id);
}

/** Replace an article's content (a new version). @throws 404 `article_not_found`; 403; 400. */
export async function updateArticle(
  deps: Deps,
  user: UserActor,
  id: number,
  input: ArticleInput,
  change = 'edited',
): Promise<ArticleView> {
  await assertEditor(deps.db, user);
  await deps.db.transaction().execute(async (trx) => {
    const current = await trx
      .selectFrom('knowledge_articles')
      .select(['version', 'owner_id'])
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst();
    if (!current) throw notFound('article', id);
    await checkLinks(trx, input);
    const now = deps.now();
    const version = current.version + 1;
    const ownerId = input.ownerId ?? current.owner_id;
    await trx
      .updateTable('knowledge_articles')
      .set({
        ...columns(input),
        owner_id: ownerId,
        version,
        updated_at: now,
        review_flagged_at: null,
      })
      .where('id', '=', id)
      .execute();
    await writeLinksAndVersion(trx, id, version, { ...input, ownerId }, change, user, now);
  });
  return getArticle(deps, id);
}

/** Restore an earlier version as a new version. @throws 404 `article_not_found`, `version_not_found`. */
export async function restoreArticle(
  deps: Deps,
  user: UserActor,
  id: number,
  version: number,
): Promise<ArticleView> {
  const row = await deps.db
    .selectFrom('knowledge_article_versions')
    .select('snapshot')
    .where('article_id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  if (!row)
    throw new AppError('version_not_found', 404, `Article ${id} has no version ${version}.`);
  const snapshot = (
    typeof row.snapshot === 'string' ? JSON.parse(row.snapshot) : row.snapshot
  ) as ArticleInput;
  return updateArticle(deps, user, id, snapshot, `restored version ${version}`);
}

function summary(r: {
  id: number; title: string; title_en: string | null; tags: string[]; is_public: boolean;
  review_by: string | Date; updated_at: Date | string; version: number;
}): ArticleSummaryView {
  return {
    id: r.id,
    title: r.title,
    titleEn: r.title_en,
    tags: r.tags,
    isPublic: r.is_public,
    reviewBy: typeof r.review_by === 'string' ? r.review_by.slice(0, 10) : r.review_by.toISOString().slice(0, 10),
    updatedAt: new Date(r.updated_at).toISOString(),
    version: r.version,
  };
} // prettier-ignore

/** One article with its HTML (sanitised again here), links and versions. @throws 404 `article_not_found`. */
export async function getArticle(deps: Deps, id: number, publicOnly = false): Promise<ArticleView> {
  let q = deps.db.selectFrom('knowledge_articles').selectAll().where('id', '=', id);
  if (publicOnly) q = q.where('is_public', '=', true);
  const r = await q.executeTakeFirst();
  if (!r) throw notFound('article', id);
  const [qts, orgs, versions] = await Promise.all([
    deps.db.selectFrom('knowledge_article_question_types').select('question_type_id').where('article_id', '=', id).execute(),
    deps.db.selectFrom('knowledge_article_organisations').select('organisation_id').where('article_id', '=', id).execute(),
    deps.db.selectFrom('knowledge_article_versions').select(['version', 'change', 'changed_by', 'changed_at']).where('article_id', '=', id).orderBy('version', 'desc').execute(),
  ]);
  return {
    ...summary(r),
    bodyUk: r.body_uk,
    bodyEn: r.body_en,
    htmlUk: sanitiseHtml(r.html_uk),
    htmlEn: r.html_en === null ? null : sanitiseHtml(r.html_en),
    ownerId: r.owner_id,
    questionTypeIds: qts.map((x) => x.question_type_id),
    organisationIds: orgs.map((x) => x.organisation_id),
    versions: versions.map((v) => ({ version: v.version, change: v.change, changedBy: v.changed_by, changedAt: new Date(v.changed_at).toISOString() })),
  };
} // prettier-ignore

/**
 * Articles for a question type and/or matching words `q` (Ukrainian word forms, the apostrophes,
 * Latin look-alikes: all folded by `contentStems`), ranked by relevance (`ts_rank`) damped by age
 * (a year-old article counts half), then newest first. `publicOnly` for the portal.
 */
export async function searchArticles(
  deps: Deps,
  opts: { q?: string; questionTypeId?: number; limit: number; publicOnly?: boolean },
): Promise<ArticleSummaryView[]> {
  const tsq = opts.q ? articleQuery(opts.q) : null;
  if (opts.q && tsq === null && opts.questionTypeId === undefined) return [];
  const now = deps.now();
  let q = deps.db
    .selectFrom('knowledge_articles as a')
    .select(['a.id', 'a.title', 'a.title_en', 'a.tags', 'a.is_public', 'a.review_by', 'a.updated_at', 'a.version']);
  if (opts.publicOnly) q = q.where('a.is_public', '=', true);
  if (opts.questionTypeId !== undefined) {
    const qt = opts.questionTypeId;
    q = q.where((eb) =>
      eb.exists(
        eb.selectFrom('knowledge_article_question_types as l').select('l.article_id').whereRef('l.article_id', '=', 'a.id').where('l.question_type_id', '=', qt),
      ),
    );
  }
  if (tsq !== null) {
    q = q
      .where(sql<boolean>`a.search_vector @@ to_tsquery('simple', ${tsq})`)
      .orderBy(
        sql`ts_rank(a.search_vector, to_tsquery('simple', ${tsq})) / (1 + extract(epoch from (${now}::timestamptz - a.updated_at)) / 31557600)`,
        'desc',
      );
  }
  const rows = await q.orderBy('a.updated_at', 'desc').orderBy('a.id', 'desc').limit(opts.limit).execute();
  return rows.map(summary);
} // prettier-ignore

/** Assign or remove a staff member as an editor (by an administrator; audited by the caller's route). */
export async function setEditor(deps: Deps, admin: UserActor, userId: number, editor: boolean): Promise<void> {
  const user = await deps.db.selectFrom('users').select('id').where('id', '=', userId).executeTakeFirst();
  if (!user) throw notFound('user', userId);
  if (!editor) {
    await deps.db.deleteFrom('knowledge_editors').where('user_id', '=', userId).execute();
    return;
  }
  await deps.db
    .insertInto('knowledge_editors')
    .values({ user_id: userId, assigned_by: admin.id, assigned_at: deps.now() })
    .onConflict((oc) => oc.column('user_id').doNothing())
    .execute();
} // prettier-ignore

/**
 * Public articles for the portal's FAQ (issue 19, item 5): only `is_public`, matching `q` and/or
 * linked to `questionTypeId`, with their HTML sanitised again. Never the owner, versions or tags
 * beyond what the article shows.
 */
export async function listPublicArticles(
  deps: Deps,
  opts: { q?: string; questionTypeId?: number; limit: number },
): Promise<z.infer<typeof publicArticleView>[]> {
  const found = await searchArticles(deps, { ...opts, publicOnly: true });
  if (found.length === 0) return [];
  const ids = found.map((f) => f.id);
  const [rows, links] = await Promise.all([
    deps.db.selectFrom('knowledge_articles').select(['id', 'html_uk', 'html_en']).where('id', 'in', ids).execute(),
    deps.db.selectFrom('knowledge_article_question_types').select(['article_id', 'question_type_id']).where('article_id', 'in', ids).execute(),
  ]);
  return found.map((f) => {
    const row = rows.find((r) => r.id === f.id);
    return {
      id: f.id,
      title: f.title,
      titleEn: f.titleEn,
      htmlUk: sanitiseHtml(row?.html_uk ?? ''),
      htmlEn: row?.html_en ? sanitiseHtml(row.html_en) : null,
      tags: f.tags,
      questionTypeIds: links.filter((l) => l.article_id === f.id).map((l) => l.question_type_id),
    };
  });
} // prettier-ignore
