/**
 * The knowledge base's API (issue 19; ADR 039): `/api/v1/knowledge/…` for staff — reading and
 * searching for the centre (knowledge.read), writing for editors (knowledge.edit at the gate; the
 * service admits an administrator or an assigned editor), the editors themselves (users.manage),
 * the consultation's answer (appeal.register) and the 3.1.6 report — and `/api/public/articles…`
 * for the portal's FAQ (public articles only).
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  articleInputSchema,
  articleSearchQuery,
  articleSummaryView,
  articleView,
  consultationAnswerSchema,
  consultationAnswerView,
  knowledgeEditorSchema,
  knowledgeReportQuery,
  knowledgeReportView,
  markdownPreviewSchema,
  markdownPreviewView,
  publicArticleView,
  questionTypeScriptInput,
  questionTypeScriptQuery,
  questionTypeScriptView,
  restoreSchema,
} from '../../contract/knowledge.schemas.js';
import type { Deps } from '../context.js';
import { badRequest } from '../errors.js';
import { currentUser } from '../http/auth-plugin.js';
import { errorResponses } from '../http/openapi.js';
import {
  assertEditor,
  createArticle,
  getArticle,
  listPublicArticles,
  restoreArticle,
  searchArticles,
  setEditor,
  updateArticle,
} from './articles.service.js';
import { knowledgeReport, recordConsultationAnswer } from './consultations.service.js';
import { renderMarkdown } from './safe-html.js';
import { deleteScript, listScripts, setScript } from './scripts.service.js';

const tags = ['knowledge'];
const read = { access: 'knowledge.read' } as const;
const edit = { access: 'knowledge.edit' } as const;
const idParams = z.object({ id: z.coerce.number().int().positive() });

export function knowledgeRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/knowledge/articles',
      {
        config: read,
        schema: {
          tags,
          operationId: 'searchArticles',
          summary:
            'Articles for a question type and/or words (Ukrainian word forms), by relevance and recency',
          querystring: articleSearchQuery,
          response: { 200: z.array(articleSummaryView), ...errorResponses(400, 401, 403) },
        },
      },
      async (request) => searchArticles(deps, request.query),
    );
    app.get(
      '/knowledge/articles/:id',
      {
        config: read,
        schema: {
          tags,
          operationId: 'getArticle',
          params: idParams,
          response: { 200: articleView, ...errorResponses(400, 401, 403, 404) },
        },
      },
      async (request) => getArticle(deps, request.params.id),
    );
    app.post(
      '/knowledge/articles',
      {
        config: edit,
        schema: {
          tags,
          operationId: 'createArticle',
          summary: 'Write an article (Markdown, sanitised on save and on render)',
          body: articleInputSchema,
          response: { 201: articleView, ...errorResponses(400, 401, 403) },
        },
      },
      async (request, reply) => {
        const article = await createArticle(deps, currentUser(request), request.body);
        return reply.status(201).send(article);
      },
    );
    app.put(
      '/knowledge/articles/:id',
      {
        config: edit,
        schema: {
          tags,
          operationId: 'updateArticle',
          summary: 'Edit an article (a new version)',
          params: idParams,
          body: articleInputSchema,
          response: { 200: articleView, ...errorResponses(400, 401, 403, 404) },
        },
      },
      async (request) => updateArticle(deps, currentUser(request), request.params.id, request.body),
    );
    app.post(
      '/knowledge/articles/:id/restore',
      {
        config: edit,
        schema: {
          tags,
          operationId: 'restoreArticle',
          summary: 'Restore an earlier version (as a new version)',
          params: idParams,
          body: restoreSchema,
          response: { 200: articleView, ...errorResponses(400, 401, 403, 404) },
        },
      },
      async (request) =>
        restoreArticle(deps, currentUser(request), request.params.id, request.body.version),
    );
    app.post(
      '/knowledge/preview',
      {
        config: edit,
        schema: {
          tags,
          operationId: 'previewArticle',
          summary: 'Markdown rendered to the sanitised HTML an article would show',
          body: markdownPreviewSchema,
          response: { 200: markdownPreviewView, ...errorResponses(400, 401, 403) },
        },
      },
      async (request) => {
        await assertEditor(deps.db, currentUser(request));
        return { html: renderMarkdown(request.body.markdown) };
      },
    );
    app.put(
      '/knowledge/editors/:userId',
      {
        config: { access: 'users.manage' },
        schema: {
          tags,
          operationId: 'setKnowledgeEditor',
          summary: 'Assign or remove a staff member as a knowledge-base editor',
          params: z.object({ userId: z.coerce.number().int().positive() }),
          body: knowledgeEditorSchema,
          response: { 204: z.null(), ...errorResponses(400, 401, 403, 404) },
        },
      },
      async (request, reply) => {
        await setEditor(deps, currentUser(request), request.params.userId, request.body.editor);
        return reply.status(204).send(null);
      },
    );
    app.get(
      '/knowledge/scripts',
      {
        config: read,
        schema: {
          tags,
          operationId: 'listQuestionTypeScripts',
          summary: 'Intake scripts: what the operator says and asks, per question type',
          querystring: questionTypeScriptQuery,
          response: { 200: z.array(questionTypeScriptView), ...errorResponses(400, 401, 403) },
        },
      },
      async (request) => listScripts(deps, request.query),
    );
    app.put(
      '/knowledge/scripts/:questionTypeId',
      {
        config: edit,
        schema: {
          tags,
          operationId: 'setQuestionTypeScript',
          summary: 'Write the intake script of a question type (plain text, uk and optionally en)',
          params: z.object({ questionTypeId: z.coerce.number().int().positive() }),
          body: questionTypeScriptInput,
          response: { 200: questionTypeScriptView, ...errorResponses(400, 401, 403, 404) },
        },
      },
      async (request) =>
        setScript(deps, currentUser(request), request.params.questionTypeId, request.body),
    );
    app.delete(
      '/knowledge/scripts/:questionTypeId',
      {
        config: edit,
        schema: {
          tags,
          operationId: 'deleteQuestionTypeScript',
          params: z.object({ questionTypeId: z.coerce.number().int().positive() }),
          response: { 204: z.null(), ...errorResponses(400, 401, 403) },
        },
      },
      async (request, reply) => {
        await deleteScript(deps, currentUser(request), request.params.questionTypeId);
        return reply.status(204).send(null);
      },
    );
    app.get(
      '/knowledge/report',
      {
        config: edit,
        schema: {
          tags,
          operationId: 'knowledgeReport',
          summary:
            'Consultation topics, the share answered from an article, the questions with no article (3.1.6)',
          querystring: knowledgeReportQuery,
          response: { 200: knowledgeReportView, ...errorResponses(400, 401, 403) },
        },
      },
      async (request) => {
        if (request.query.from > request.query.to)
          throw badRequest('report_period_invalid', 'The period starts after it ends.');
        return knowledgeReport(deps, request.query);
      },
    );
    app.post(
      '/appeals/:id/consultation-answer',
      {
        config: { access: 'appeal.register' },
        schema: {
          tags,
          operationId: 'recordConsultationAnswer',
          summary: 'The article(s) that answered a consultation, or a note that none did',
          params: idParams,
          body: consultationAnswerSchema,
          response: { 200: consultationAnswerView, ...errorResponses(400, 401, 403, 404, 409) },
        },
      },
      async (request) =>
        recordConsultationAnswer(deps, currentUser(request), request.params.id, request.body),
    );
  };
}

/** The portal's FAQ: public articles only (issue 19, item 5). */
export function publicKnowledgeRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/articles',
      {
        config: { access: 'public' },
        schema: {
          tags: ['portal'],
          operationId: 'listPublicArticles',
          summary: 'Public articles (FAQ), by topic and words',
          querystring: articleSearchQuery,
          response: { 200: z.array(publicArticleView), ...errorResponses(400) },
        },
      },
      async (request) => listPublicArticles(deps, request.query),
    );
    app.get(
      '/articles/:id',
      {
        config: { access: 'public' },
        schema: {
          tags: ['portal'],
          operationId: 'getPublicArticle',
          params: idParams,
          response: { 200: publicArticleView, ...errorResponses(400, 404) },
        },
      },
      async (request) => {
        const a = await getArticle(deps, request.params.id, true);
        return {
          id: a.id,
          title: a.title,
          titleEn: a.titleEn,
          htmlUk: a.htmlUk,
          htmlEn: a.htmlEn,
          tags: a.tags,
          questionTypeIds: a.questionTypeIds,
        };
      },
    );
  };
}
