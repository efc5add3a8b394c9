/**
 * Shapes of the API's answers as the web client reads them: inferred from the contract the server
 * declares its routes with (`src/contract`), so the two cannot drift. Where the wire says `string`
 * for a closed list the server fills from the domain (permissions, allowed actions, statuses), the
 * type narrows to the domain's union.
 */
import type { z } from 'zod';
import type {
  addressSuggestionView,
  registryAddressView,
} from '../../../contract/addresses.schemas.js';
import type {
  appealApplicantView,
  appealCardView,
  assignmentView,
  attachmentView,
  historyEventView,
} from '../../../contract/appeals.schemas.js';
import type {
  appealListView,
  appealSummaryView,
} from '../../../contract/appeal-registry.schemas.js';
import type { meView } from '../../../contract/auth.schemas.js';
import type { classifierKindView, questionTypeView } from '../../../contract/classifier.schemas.js';
import type { dashboardView, queueCountView } from '../../../contract/dashboard.schemas.js';
import type { explanationView, extensionRequestView } from '../../../contract/deadlines.schemas.js';
import type { organisationView } from '../../../contract/executors.schemas.js';
import type { notificationView } from '../../../contract/notifications.schemas.js';
import type { AppealAction } from '../../../domain/appeal-lifecycle.js';
import type { Permission } from '../../../domain/policy.js';
import type { Queue } from '../../../domain/queues.js';
import type { AppealStatus, Channel } from '../../../domain/vocabulary.js';

export type Me = Omit<z.infer<typeof meView>, 'permissions'> & {
  permissions: Permission[];
  /** Only in the sign-in answer: failed sign-ins under this login since the last success. */
  failedSignIns?: { count: number; lastAt: string } | null;
};

/** The work queues are named once, in the domain. */
export { QUEUES as QUEUE_KEYS } from '../../../domain/queues.js';
export type QueueKey = Queue;
export type QueueCount = z.infer<typeof queueCountView>;

export interface Ref {
  id: number;
  name: string;
}

export type AppealSummary = z.infer<typeof appealSummaryView>;
export type AppealPage = z.infer<typeof appealListView>;
export type Applicant = z.infer<typeof appealApplicantView>;
export type Assignment = z.infer<typeof assignmentView>;
type CardView = z.infer<typeof appealCardView>;
export type AppealResponse = CardView['responses'][number];
export type Review = CardView['reviews'][number];
export type Attachment = z.infer<typeof attachmentView>;
export type HistoryEvent = z.infer<typeof historyEventView>;
export type AppealCard = Omit<CardView, 'allowedActions'> & { allowedActions: AppealAction[] };

export type QuestionType = z.infer<typeof questionTypeView>;
export type ClassifierKind = z.infer<typeof classifierKindView>;
export type Executor = z.infer<typeof organisationView>;
export type AddressSuggestion = z.infer<typeof addressSuggestionView>;
/** A suggestion of the address registry (`GET /addresses/registry`, `GET /api/public/addresses`). */
export type RegistryAddress = z.infer<typeof registryAddressView>;

type DashboardWire = z.infer<typeof dashboardView>;
export type Dashboard = Omit<DashboardWire, 'byStatus' | 'todayByChannel'> & {
  byStatus: { status: AppealStatus; count: number }[];
  todayByChannel: { channel: Channel; count: number }[];
};

export type AppNotification = z.infer<typeof notificationView>;

export {
  EXPLANATION_STATES,
  EXTENSION_STATES,
  type ExplanationState,
  type ExtensionState,
} from '../../../contract/deadlines.schemas.js';
export type ExtensionRequest = z.infer<typeof extensionRequestView>;
export type ExplanationRequest = z.infer<typeof explanationView>;

/** The work calendar (`GET /calendar`), as the domain's schema defines it. */
export type { Holiday, WorkCalendar } from '../../../domain/calendar/work-calendar.js';
