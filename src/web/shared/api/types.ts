/**
 * Shapes of the API's answers as the web client reads them (the server's presenters are the source:
 * see /api/openapi.json). Closed lists come from the shared domain vocabulary.
 */
import type { AppealAction } from '../../../domain/appeal-lifecycle.js';
import type { Permission } from '../../../domain/policy.js';
import type { ResultCode } from '../../../domain/results.js';
import type { Queue } from '../../../domain/queues.js';
import type {
  AppealKind,
  AppealStatus,
  AppealSubject,
  AssignmentRole,
  AssignmentState,
  Channel,
  OrganisationType,
  ReceiptSign,
  Role,
} from '../../../domain/vocabulary.js';

export interface Me {
  id: number;
  login: string;
  fullName: string;
  role: Role;
  organisationId: number | null;
  permissions: Permission[];
  /** Only in the sign-in answer: failed sign-ins under this login since the last success. */
  failedSignIns?: { count: number; lastAt: string } | null;
}

/** The work queues are named once, in the domain. */
export { QUEUES as QUEUE_KEYS } from '../../../domain/queues.js';
export type QueueKey = Queue;

export interface QueueCount {
  key: QueueKey;
  count: number;
}

export interface Ref {
  id: number;
  name: string;
}

export interface AppealSummary {
  id: number;
  number: string;
  receivedAt: string;
  channel: Channel;
  kind: AppealKind;
  subject: AppealSubject;
  status: AppealStatus;
  result: ResultCode | null;
  questionType: { id: number; name: string; kind: string };
  address: string | null;
  description: string;
  controlDate: string | null;
  legalDeadline: string | null;
  reworkCount: number;
  privileged?: boolean;
  mainExecutor: Ref | null;
}

export interface AppealPage {
  items: AppealSummary[];
  nextCursor: string | null;
}

export interface Applicant {
  id: number;
  fullName: string;
  phones: string[];
  email?: string | null;
  address: string | null;
  privilegedCategory?: string | null;
  socialStatus?: string | null;
}

export interface Assignment {
  id: number;
  executor: Ref;
  role: AssignmentRole;
  state: AssignmentState;
  instruction: string | null;
  controlDate: string | null;
  assignedAt: string;
  acceptedAt: string | null;
}

export interface AppealResponse {
  id: number;
  assignmentId: number;
  executor: string;
  author: string | null;
  text: string;
  proposedResult: string | null;
  createdAt: string;
}

export interface Review {
  id: number;
  decision: 'accept' | 'rework';
  result: string | null;
  comment: string | null;
  reviewer: string | null;
  createdAt: string;
}

export interface Attachment {
  id: number;
  fileName: string;
  mediaType: string;
  sizeBytes: number;
  responseId?: number | null;
  url: string;
}

export interface HistoryEvent {
  id: number;
  at: string;
  actor: string;
  type: string;
  fromStatus: string | null;
  toStatus: string | null;
  comment: string | null;
  data: Record<string, unknown>;
}

export interface AppealCard extends AppealSummary {
  receiptSign: ReceiptSign;
  registeredAt: string;
  closedAt: string | null;
  latitude: number | null;
  longitude: number | null;
  confidential: boolean;
  applicant: Applicant | null;
  assignments: Assignment[];
  responses: AppealResponse[];
  reviews: Review[];
  attachments: Attachment[];
  history: HistoryEvent[];
  allowedActions: AppealAction[];
}

export interface QuestionType {
  id: number;
  kindId: number;
  name: string;
  nameEn: string | null;
  termDays: number;
  isPublic: boolean;
  isEmergency: boolean;
  executorId: number | null;
}

export interface ClassifierKind {
  id: number;
  name: string;
  nameEn: string | null;
  questionTypes: QuestionType[];
}

export interface Executor {
  id: number;
  parentId: number | null;
  name: string;
  shortName: string | null;
  type: OrganisationType;
  active: boolean;
}

export interface AddressSuggestion {
  address: string;
  count: number;
}

export interface Dashboard {
  /** When the counts by status and overdue were taken (a snapshot at most a minute old). */
  asOf: string;
  byStatus: { status: AppealStatus; count: number }[];
  overdueByExecutor: { executorId: number; name: string; count: number }[];
  todayByChannel: { channel: Channel; count: number }[];
}

export interface AppNotification {
  id: number;
  kind: string;
  appealId: number | null;
  subject: string;
  body: string;
  emergency: boolean;
  createdAt: string;
  read: boolean;
}

export const EXTENSION_STATES = ['requested', 'approved', 'refused'] as const;
export type ExtensionState = (typeof EXTENSION_STATES)[number];

export interface ExtensionRequest {
  id: number;
  appealId: number;
  appealNumber: string;
  executor: string | null;
  reason: string;
  requestedDays: number;
  state: ExtensionState;
  newDeadline: string | null;
  decisionComment: string | null;
  createdAt: string;
}

export const EXPLANATION_STATES = ['requested', 'answered'] as const;
export type ExplanationState = (typeof EXPLANATION_STATES)[number];

export interface ExplanationRequest {
  id: number;
  appealId: number;
  appealNumber: string;
  executor: string;
  question: string;
  dueAt: string;
  state: ExplanationState;
  answer: string | null;
  answeredAt: string | null;
  overdue: boolean;
}

export interface Holiday {
  date: string;
  name: string;
}

/** The work calendar (`GET /calendar`); ISO weekdays 1 (Monday) … 7 (Sunday); dates `YYYY-MM-DD`. */
export interface WorkCalendar {
  timeZone: string;
  weekendDays: number[];
  holidays: Holiday[];
  transferredWorkingDays: string[];
  transferredDaysOff: string[];
  martialLaw: boolean;
  serviceHours: { start: string; end: string; workingDaysOnly?: boolean };
  alwaysOpen?: boolean;
}
