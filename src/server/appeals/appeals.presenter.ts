/**
 * Presenters: the only place where database rows become API answers. A column added to a table
 * never leaks, and personal data appear only where the role needs them (Art. 10 of Law 393/96-ВР).
 */
import type { AppealStatus, ReviewDecision } from '../../domain/vocabulary.js';
import { cleanPublicText } from '../../domain/depersonalise.js';
import { publicStreetAddress } from '../../domain/public-address.js';
import type { Selectable } from 'kysely';
import {
  type AppealAction,
  decideTransition,
  isActiveAssignment,
  nextAssignmentState,
} from '../../domain/appeal-lifecycle.js';
import { can, type PersonalDataAccess } from '../../domain/policy.js';
import type { ResultCode } from '../../domain/results.js';
import type { UserActor } from '../context.js';
import type { AppealsTable, ApplicantsTable, AssignmentsTable } from '../db/schema.js';
import type { AppealCardView, AuthorView } from '../../contract/appeals.schemas.js';
import type { AppealSummaryView } from '../../contract/appeal-registry.schemas.js';
import type { SummaryRow } from './appeal-summary.queries.js';

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

/**
 * One registry row. The applicant (name and phones) only for a role that may see personal data
 * (`personalDataAccess`, Law on personal data protection); `none` leaves it out.
 */
export function presentAppealSummary(
  row: SummaryRow,
  access: PersonalDataAccess = 'none',
): AppealSummaryView {
  // One object literal, the applicant added after: a conditional spread at the head of the
  // literal made V8 build each row's object the slow way (23 µs a row against 2.5 µs: an export of
  // 100,000 appeals spent 1.6 s here).
  const view: AppealSummaryView = {
    id: row.id,
    number: row.number,
    receivedAt: row.received_at.toISOString(),
    channel: row.channel,
    kind: row.kind,
    subject: row.subject,
    status: row.status,
    result: row.result as ResultCode | null,
    questionType: {
      id: row.question_type_id,
      name: row.question_type_name,
      nameEn: row.question_type_name_en,
      kind: row.kind_name,
    },
    address: row.address_text,
    description: row.description,
    controlDate: iso(row.control_date),
    legalDeadline: iso(row.legal_deadline),
    reworkCount: row.rework_count,
    privileged: row.privileged,
    mainExecutor:
      row.main_executor_id !== null && row.main_executor_name !== null
        ? { id: row.main_executor_id, name: row.main_executor_name }
        : null,
  };
  if (access !== 'none') {
    view.applicant =
      row.applicant_name !== null
        ? { fullName: row.applicant_name, phones: row.applicant_phones ?? [] }
        : null;
  }
  return view;
}

type AssignmentWithName = Selectable<AssignmentsTable> & { executor_name: string };

/**
 * The steps `actor` may take on the appeal now: the lifecycle allows them and the role holds the
 * permission (for an executor: its organisation has the assignment).
 */
export function allowedActions(
  actor: UserActor,
  appeal: Selectable<AppealsTable>,
  assignments: Selectable<AssignmentsTable>[],
  reworkLimit: number,
): AppealAction[] {
  const main = assignments.find((a) => a.role === 'main' && isActiveAssignment(a.state));
  const state = {
    status: appeal.status,
    reworkCount: appeal.rework_count,
    hasMainAssignment: main !== undefined,
  };
  const lifecycleAllows = (action: AppealAction) =>
    decideTransition(state, action, { reworkLimit }).ok;
  const actions: AppealAction[] = [];
  if (can(actor.role, 'assignment.work')) {
    const own = assignments.find(
      (a) => a.executor_id === actor.organisationId && isActiveAssignment(a.state),
    );
    if (own) {
      for (const action of ['accept', 'respond', 'return_not_in_competence'] as const) {
        const assignmentAllows = nextAssignmentState(own.state, action) !== null;
        if (assignmentAllows && (own.role !== 'main' || lifecycleAllows(action)))
          actions.push(action);
      }
    }
  }
  if (can(actor.role, 'appeal.assign') && lifecycleAllows('assign')) actions.push('assign');
  if (can(actor.role, 'appeal.review')) {
    if (lifecycleAllows('review_accept')) actions.push('review_accept');
    if (lifecycleAllows('review_rework')) actions.push('review_rework');
  }
  if (can(actor.role, 'appeal.cancel') && lifecycleAllows('cancel')) actions.push('cancel');
  return actions;
}

export interface CardParts {
  summary: SummaryRow;
  appeal: Selectable<AppealsTable> & { district_name: string | null };
  applicant: Selectable<ApplicantsTable> | null;
  access: PersonalDataAccess;
  assignments: AssignmentWithName[];
  responses: {
    id: number;
    assignment_id: number;
    text: string;
    proposed_result: string | null;
    created_at: Date;
    executor_name: string;
    author_name: string | null;
  }[];
  reviews: {
    id: number;
    decision: ReviewDecision;
    result: string | null;
    comment: string | null;
    created_at: Date;
    reviewer_name: string | null;
  }[];
  attachments: {
    id: number;
    file_name: string;
    media_type: string;
    size_bytes: number;
    response_id: number | null;
  }[];
  history: {
    id: number;
    at: Date;
    actor_label: string;
    type: string;
    from_status: AppealStatus | null;
    to_status: AppealStatus | null;
    comment: string | null;
    data: Record<string, unknown>;
  }[];
  allowedActions: AppealAction[];
  reworkLimit: number;
}

function presentApplicant(
  row: Selectable<ApplicantsTable> | null,
  access: PersonalDataAccess,
): AppealCardView['applicant'] {
  if (!row || access === 'none') return null;
  const contact = {
    id: row.id,
    fullName: row.full_name,
    phones: row.phones,
    address: row.address,
  };
  if (access === 'contact') return contact;
  return {
    ...contact,
    email: row.email,
    privilegedCategory: row.privileged_category,
    socialStatus: row.social_status,
  };
}

/**
 * A summary as a role without personal-data access (analyst, administrator) may see it: the
 * address reduced to street and house (no flat, entrance or remainder), the description through
 * the public-text cleaner (issue 11, item 13).
 */
export function depersonaliseSummary<T extends AppealSummaryView>(
  view: T,
  access: PersonalDataAccess,
): T {
  if (access !== 'none') return view;
  return {
    ...view,
    address: publicStreetAddress(view.address),
    description: cleanPublicText(view.description),
  };
}

/** The stored keys were admitted by the contract's enums (migration 0029 has no checks). */
/**
 * The author's statistics by Classifier No. 858 of a row with the `author_*` columns (an appeal,
 * or a portal submission before moderation). The columns hold only keys the API's enums admitted.
 */
export function presentAuthor(row: {
  author_sex: string | null;
  author_category: string | null;
  author_social_status: string | null;
}): AuthorView {
  return {
    sex: row.author_sex as AuthorView['sex'],
    category: row.author_category as AuthorView['category'],
    socialStatus: row.author_social_status as AuthorView['socialStatus'],
  };
}

export function presentAppealCard(parts: CardParts): AppealCardView {
  const { appeal } = parts;
  return {
    ...depersonaliseSummary(presentAppealSummary(parts.summary), parts.access),
    receiptSign: appeal.receipt_sign,
    registeredAt: appeal.registered_at.toISOString(),
    closedAt: iso(appeal.closed_at),
    latitude: appeal.latitude,
    longitude: appeal.longitude,
    confidential: appeal.confidential,
    applicant: presentApplicant(parts.applicant, parts.access),
    author: parts.access === 'full' ? presentAuthor(appeal) : null,
    assignments: parts.assignments.map((a) => ({
      id: a.id,
      executor: { id: a.executor_id, name: a.executor_name },
      role: a.role,
      state: a.state,
      instruction: a.instruction,
      controlDate: iso(a.control_date),
      assignedAt: a.assigned_at.toISOString(),
      acceptedAt: iso(a.accepted_at),
    })),
    responses: parts.responses.map((r) => ({
      id: r.id,
      assignmentId: r.assignment_id,
      executor: r.executor_name,
      author: r.author_name,
      text: r.text,
      proposedResult: r.proposed_result,
      createdAt: r.created_at.toISOString(),
    })),
    reviews: parts.reviews.map((v) => ({
      id: v.id,
      decision: v.decision,
      result: v.result,
      comment: v.comment,
      reviewer: v.reviewer_name,
      createdAt: v.created_at.toISOString(),
    })),
    attachments: parts.attachments.map((f) => ({
      id: f.id,
      fileName: f.file_name,
      mediaType: f.media_type,
      sizeBytes: f.size_bytes,
      responseId: f.response_id,
      url: `/api/v1/attachments/${f.id}`,
    })),
    history: parts.history.map((e) => ({
      id: e.id,
      at: e.at.toISOString(),
      actor: e.actor_label,
      type: e.type,
      fromStatus: e.from_status,
      toStatus: e.to_status,
      comment: e.comment,
      data: e.data,
    })),
    allowedActions: parts.allowedActions,
    reworkLimit: parts.reworkLimit,
    addressPlace: {
      buildingId: appeal.building_id,
      districtId: appeal.district_id,
      districtName: appeal.district_name,
      flags: appeal.address_flags,
      routing: lastRouting(parts.history),
    },
  };
}

/** The rule recorded with the latest routed main assignment (`assigned` event), if any. */
function lastRouting(history: CardParts['history']): AppealCardView['addressPlace']['routing'] {
  for (let i = history.length - 1; i >= 0; i--) {
    const e = history[i]!;
    const routing =
      e.type === 'assigned' ? (e.data.routing as { rule?: unknown } | undefined) : undefined;
    if (routing && typeof routing.rule === 'string') {
      const rule = routing.rule;
      if (rule === 'maintainer' || rule === 'district' || rule === 'default' || rule === 'none')
        return { rule };
    }
  }
  return null;
}
