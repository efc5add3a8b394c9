/**
 * The classifier over HTTP: kinds with their question types, and the administrator's new entries. Shared by the server's routes and the web app (types by z.infer).
 */
import { z } from 'zod';

export const questionTypeView = z.object({
  id: z.number().int(),
  kindId: z.number().int(),
  name: z.string(),
  nameEn: z.string().nullable(),
  termDays: z.number().int(),
  isPublic: z.boolean(),
  isEmergency: z.boolean(),
  executorId: z.number().int().nullable(),
});
export type QuestionTypeView = z.infer<typeof questionTypeView>;

export const classifierKindView = z.object({
  id: z.number().int(),
  name: z.string(),
  nameEn: z.string().nullable(),
  questionTypes: z.array(questionTypeView),
});
export type ClassifierKindView = z.infer<typeof classifierKindView>;

export const newKindSchema = z.object({
  name: z.string().trim().min(1).max(300),
  nameEn: z.string().trim().max(300).nullish(),
});

export const newQuestionTypeSchema = z.object({
  kindId: z.number().int().positive(),
  name: z.string().trim().min(1).max(300),
  nameEn: z.string().trim().max(300).nullish(),
  termDays: z.number().int().min(0).max(45).default(30),
  isPublic: z.boolean().default(true),
  isEmergency: z.boolean().default(false),
  executorId: z.number().int().positive().nullish(),
});
export type NewQuestionType = z.infer<typeof newQuestionTypeSchema>;
