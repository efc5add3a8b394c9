/** The knowledge base, consultation answers and call-back surveys (issue 19; ADR 039). */
import { z } from 'zod';

const text = (max: number) => z.string().trim().min(1).max(max);
const ids = z.array(z.number().int().positive()).max(50);

export const articleInputSchema = z.object({
  title: text(300),
  titleEn: text(300).nullable().optional(),
  bodyUk: text(100_000),
  bodyEn: text(100_000).nullable().optional(),
  tags: z.array(text(60)).max(30).default([]),
  isPublic: z.boolean().default(false),
  ownerId: z.number().int().positive().optional(),
  reviewBy: z.iso.date(),
  questionTypeIds: ids.default([]),
  organisationIds: ids.default([]),
});
export type ArticleInput = z.infer<typeof articleInputSchema>;

export const articleSummaryView = z.object({
  id: z.number().int(),
  title: z.string(),
  titleEn: z.string().nullable(),
  tags: z.array(z.string()),
  isPublic: z.boolean(),
  reviewBy: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
});
export type ArticleSummaryView = z.infer<typeof articleSummaryView>;

export const articleView = articleSummaryView.extend({
  bodyUk: z.string(),
  bodyEn: z.string().nullable(),
  /** Sanitised HTML of the bodies (sanitised on save and again when sent). */
  htmlUk: z.string(),
  htmlEn: z.string().nullable(),
  ownerId: z.number().int(),
  questionTypeIds: z.array(z.number().int()),
  organisationIds: z.array(z.number().int()),
  versions: z.array(
    z.object({
      version: z.number().int(),
      change: z.string(),
      changedBy: z.number().int(),
      changedAt: z.string(),
    }),
  ),
});
export type ArticleView = z.infer<typeof articleView>;

export const publicArticleView = z.object({
  id: z.number().int(),
  title: z.string(),
  titleEn: z.string().nullable(),
  htmlUk: z.string(),
  htmlEn: z.string().nullable(),
  tags: z.array(z.string()),
  questionTypeIds: z.array(z.number().int()),
});

export const articleSearchQuery = z.object({
  q: z.string().trim().max(200).optional(),
  questionTypeId: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});

export const restoreSchema = z.object({ version: z.number().int().positive() });

export const consultationAnswerSchema = z
  .object({
    articleIds: ids.default([]),
    note: text(2000).nullable().optional(),
  })
  .refine((v) => v.articleIds.length > 0 || !!v.note, {
    message: 'Name the article(s) that answered, or say in a note that none did.',
  });

export const knowledgeReportView = z.object({
  consultations: z.number().int(),
  answeredFromArticle: z.number().int(),
  /** answeredFromArticle / consultations, 0–1 (0 when there were none). */
  answeredShare: z.number(),
  topics: z.array(
    z.object({
      questionTypeId: z.number().int(),
      name: z.string(),
      consultations: z.number().int(),
      answeredFromArticle: z.number().int(),
    }),
  ),
  unanswered: z.array(
    z.object({
      appealId: z.number().int(),
      number: z.string(),
      questionTypeId: z.number().int(),
      note: z.string(),
      at: z.string(),
    }),
  ),
});

export const callbackRulesSchema = z.object({
  allPrivileged: z.boolean(),
  maxLowRating: z.number().int().min(0).max(5),
  samplePercent: z.number().min(0).max(100),
  maxTries: z.number().int().min(1).max(10),
  hoursBetweenTries: z.number().int().min(0).max(24),
});

export const callbackAttemptSchema = z.discriminatedUnion('reached', [
  z.object({ reached: z.literal(false) }),
  z.object({
    reached: z.literal(true),
    solved: z.boolean(),
    satisfaction: z.number().int().min(1).max(5),
    wouldCallAgain: z.boolean(),
    comment: text(2000).nullable().optional(),
    refusesContact: z.boolean().default(false),
  }),
]);
export type CallbackAttempt = z.infer<typeof callbackAttemptSchema>;

export const callbackSurveyView = z.object({
  id: z.number().int(),
  appealId: z.number().int(),
  appealNumber: z.string(),
  reason: z.string(),
  state: z.string(),
  tries: z.number().int(),
  lastTryAt: z.string().nullable(),
  solved: z.boolean().nullable(),
  satisfaction: z.number().int().nullable(),
  /** Whom to call (the operator's screen; call-back needs the applicant's contact). */
  applicantName: z.string().nullable(),
  phones: z.array(z.string()),
  questionType: z.string(),
  questionTypeEn: z.string().nullable(),
  closedAt: z.string().nullable(),
  /** Whether a try may be made now (none yet, or `hoursBetweenTries` since the last). */
  due: z.boolean(),
});

export const callbackQueueQuery = z.object({
  state: z.enum(['queued', 'completed', 'dropped']).default('queued'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const callbackAttemptResult = z.object({
  state: z.enum(['queued', 'completed', 'dropped']),
});

export const consultationAnswerView = z.object({
  appealId: z.number().int(),
  articleIds: z.array(z.number().int()),
  note: z.string().nullable(),
});

export const markdownPreviewSchema = z.object({ markdown: z.string().max(100_000) });
export const markdownPreviewView = z.object({ html: z.string() });

export const knowledgeEditorSchema = z.object({ editor: z.boolean() });

export const knowledgeReportQuery = z.object({
  from: z.iso.date(),
  to: z.iso.date(),
});
export type CallbackSurveyView = z.infer<typeof callbackSurveyView>;

/** The intake script of a question type: what the operator says and asks (issue 19, item 3). Plain text. */
export const questionTypeScriptInput = z.object({
  scriptUk: text(4_000),
  scriptEn: text(4_000).nullable().optional(),
});
export type QuestionTypeScriptInput = z.infer<typeof questionTypeScriptInput>;

export const questionTypeScriptView = z.object({
  questionTypeId: z.number().int(),
  questionType: z.string(),
  questionTypeEn: z.string().nullable(),
  scriptUk: z.string(),
  scriptEn: z.string().nullable(),
  updatedBy: z.number().int(),
  updatedAt: z.string(),
});
export type QuestionTypeScriptView = z.infer<typeof questionTypeScriptView>;

export const questionTypeScriptQuery = z.object({
  questionTypeId: z.coerce.number().int().positive().optional(),
});
