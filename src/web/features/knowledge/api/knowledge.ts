/** The knowledge base's queries and mutations (issue 19): articles, preview, the 3.1.6 report. */
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  ArticleInput,
  ArticleSummaryView,
  ArticleView,
  knowledgeReportView,
  QuestionTypeScriptInput,
  QuestionTypeScriptView,
} from '../../../../contract/knowledge.schemas.js';
import { api } from '../../../shared/api/client.js';

export type KnowledgeReport = z.infer<typeof knowledgeReportView>;

export function articleListQuery(q: string) {
  return queryOptions({
    queryKey: ['knowledge', 'articles', q],
    queryFn: ({ signal }) =>
      api.get<ArticleSummaryView[]>(
        '/knowledge/articles',
        q.trim() ? { q: q.trim(), limit: 50 } : { limit: 50 },
        signal,
      ),
  });
}

export function articleQuery(id: number) {
  return queryOptions({
    queryKey: ['knowledge', 'article', id],
    queryFn: ({ signal }) => api.get<ArticleView>(`/knowledge/articles/${id}`, undefined, signal),
  });
}

export function knowledgeReportQuery(from: string, to: string) {
  return queryOptions({
    queryKey: ['knowledge', 'report', from, to],
    queryFn: ({ signal }) => api.get<KnowledgeReport>('/knowledge/report', { from, to }, signal),
  });
}

export function previewMarkdown(markdown: string): Promise<{ html: string }> {
  return api.post<{ html: string }>('/knowledge/preview', { markdown });
}

/** Create (no id) or edit (id) an article; the list and the article are fetched again. */
export function useSaveArticle(id: number | null) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: ArticleInput) =>
      id === null
        ? api.post<ArticleView>('/knowledge/articles', body)
        : api.put<ArticleView>(`/knowledge/articles/${id}`, body),
    onSuccess: () => client.invalidateQueries({ queryKey: ['knowledge'] }),
  });
}

export function useRestoreArticle(id: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (version: number) =>
      api.post<ArticleView>(`/knowledge/articles/${id}/restore`, { version }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['knowledge'] }),
  });
}

/** Intake scripts per question type (issue 19, item 3): all, or the chosen type's (0 or 1). */
export function scriptsQuery(questionTypeId?: number) {
  return queryOptions({
    queryKey: ['knowledge', 'scripts', questionTypeId ?? 'all'],
    queryFn: ({ signal }) =>
      api.get<QuestionTypeScriptView[]>(
        '/knowledge/scripts',
        questionTypeId === undefined ? undefined : { questionTypeId },
        signal,
      ),
  });
}

/** Write (`script` given) or remove (null) the script of a question type. */
export function useSaveScript() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({
      questionTypeId,
      script,
    }: {
      questionTypeId: number;
      script: QuestionTypeScriptInput | null;
    }) =>
      script === null
        ? api.delete(`/knowledge/scripts/${questionTypeId}`)
        : api.put<QuestionTypeScriptView>(`/knowledge/scripts/${questionTypeId}`, script),
    onSuccess: () => client.invalidateQueries({ queryKey: ['knowledge', 'scripts'] }),
  });
}
