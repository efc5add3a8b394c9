/** The main executor's work on a generated appeal (module doc of `generate-appeals.ts`). */
import type { ResultCode } from '../../domain/results.js';
import type { AppealStatus } from '../../domain/vocabulary.js';
import {
  DAY_MS,
  type Buffers,
  type EventWriter,
  HOUR_MS,
  iso,
  type Model,
  type NextIds,
  type QuestionType,
} from './generator-model.js';
import * as T from './texts-uk.js';

/**
 * The main executor's work on an appeal that is not a consultation: routing, acceptance, responses,
 * reviews (with rework), cancellation or return, a co-executor now and then, and the overdue mark
 * the sweep would have left. Gives the appeal's final status, result, closing time and reworks.
 */
export function workOnAppeal(
  model: Model,
  buffers: Buffers,
  next: NextIds,
  appeal: {
    appealId: number;
    qt: QuestionType;
    registered: number;
    open: boolean;
    status: AppealStatus;
    control: number;
    /** The applicant's privileged sign, which the assignments carry too (migration 0043). */
    privileged: boolean;
    operator: string;
    event: EventWriter;
  },
): {
  status: AppealStatus;
  result: ResultCode | null;
  closedAt: number | null;
  reworkCount: number;
  /** The appeal's main executor as migration 0038 keeps it: none once the assignment is returned. */
  mainExecutorId: number | null;
} {
  const { random, until } = model;
  const { appealId, qt, registered, open, operator, event } = appeal;
  let status = appeal.status;
  let result: ResultCode | null = null;
  let closedAt: number | null = null;
  let reworkCount = 0;
  const executorId =
    qt.executorId !== null && random.chance(0.45) ? qt.executorId : model.executors.draw(random);
  const executorLabel = `Виконавець (executor-${executorId})`;
  const controller = `Куратор ${random.int(1, 40)} (controller${random.int(1, 40)})`;
  const assignmentId = next.assignments++;
  event(
    registered,
    operator,
    'assigned',
    'registered',
    'registered',
    `{"executorId":${executorId},"role":"main","routed":true}`,
  );
  let state = 'pending';
  let acceptedAt: number | null = null;
  let finishedAt: number | null = null;
  let last = registered;
  // A step in time: closed appeals spread their steps over their duration, open ones up to now.
  const end = open ? until : Math.min(until, registered + (0.05 + random.exponential(6)) * DAY_MS);
  const step = (share: number) => (last = Math.min(end, last + (end - last) * share));
  const respond = () => {
    const responseId = next.responses++;
    const at = step(random.next() * 0.6 + 0.2);
    buffers.responses.add([
      responseId,
      appealId,
      assignmentId,
      random.pick(T.RESPONSES),
      null,
      iso(at),
    ]);
    event(at, executorLabel, 'responded', 'in_work', 'on_check', `{"responseId":${responseId}}`);
    return responseId;
  };
  const accept = (from: AppealStatus) => {
    acceptedAt = step(random.next() * 0.3);
    event(acceptedAt, executorLabel, 'accepted', from, 'in_work', '{}');
  };
  const rework = (responseId: number) => {
    const at = step(random.next() * 0.3);
    const comment = random.pick(T.REWORK_COMMENTS);
    buffers.reviews.add([next.reviews++, appealId, responseId, 'rework', null, comment, iso(at)]);
    event(at, controller, 'returned_for_rework', 'on_check', 'rework', '{}', comment);
    reworkCount++;
  };

  /** Returned as not in competence: the assignment ends, the appeal waits to be routed again. */
  const returnNotInCompetence = () => {
    state = 'returned';
    finishedAt = step(random.next() * 0.5);
    event(
      finishedAt,
      executorLabel,
      'returned_not_in_competence',
      'registered',
      'registered',
      '{}',
      'Не належить до компетенції виконавця.',
    );
  };

  if (open) {
    if (status === 'registered' && random.chance(0.08)) {
      // Returned as not in competence: waits for the centre to route it again.
      returnNotInCompetence();
    } else if (status !== 'registered') {
      accept('registered');
      state = 'in_work';
      if (status !== 'in_work') {
        const responseId = respond();
        state = 'responded';
        if (status === 'rework') {
          rework(responseId);
          state = 'rework';
          if (random.chance(0.2)) {
            accept('rework');
            rework(respond());
            state = 'rework';
          }
        }
      }
    }
  } else {
    result = model.results.draw(random);
    if (result === 'cancelled_by_applicant') {
      closedAt = step(random.next() * 0.8);
      state = 'withdrawn';
      finishedAt = closedAt;
      event(closedAt, operator, 'cancelled', 'registered', 'closed', '{}', 'На прохання заявника.');
    } else if (result === 'not_in_competence_forwarded') {
      returnNotInCompetence();
      closedAt = step(random.next() * 0.8);
      event(
        closedAt,
        controller,
        'review_accepted',
        'registered',
        'closed',
        `{"result":"${result}"}`,
      );
    } else {
      accept('registered');
      let responseId = respond();
      if (random.chance(0.06)) {
        rework(responseId);
        accept('rework');
        responseId = respond();
      }
      closedAt = step(random.next() * 0.8 + 0.1);
      buffers.reviews.add([
        next.reviews++,
        appealId,
        responseId,
        'accept',
        result,
        null,
        iso(closedAt),
      ]);
      event(
        closedAt,
        controller,
        'review_accepted',
        'on_check',
        'closed',
        `{"result":"${result}"}`,
      );
      state = 'done';
      finishedAt = closedAt;
    }
    status = 'closed';
  }
  const control = appeal.control;
  buffers.assignments.add([
    assignmentId, appealId, executorId, 'main', state, iso(control), iso(registered),
    acceptedAt === null ? null : iso(acceptedAt), finishedAt === null ? null : iso(finishedAt),
    appeal.privileged,
  ]); // prettier-ignore
  if (random.chance(0.04)) {
    const co = model.executors.draw(random);
    if (co !== executorId) {
      const coState = status === 'closed' ? 'done' : state === 'pending' ? 'pending' : 'in_work';
      buffers.assignments.add([
        next.assignments++, appealId, co, 'co', coState, iso(control), iso(registered),
        coState === 'pending' ? null : iso(registered + HOUR_MS),
        coState === 'done' ? iso(closedAt ?? registered) : null, appeal.privileged,
      ]); // prettier-ignore
      event(
        registered,
        controller,
        'assigned',
        'registered',
        'registered',
        `{"executorId":${co},"role":"co"}`,
      );
    }
  }
  // The overdue mark the deadline sweep would have left.
  if (control < until && (closedAt === null || closedAt > control)) {
    event(
      control,
      'system:deadline-sweep',
      'deadline_overdue',
      null,
      null,
      `{"controlDate":"${iso(control).toISOString()}","executorId":${executorId}}`,
    );
  }
  const mainExecutorId = state === 'returned' || state === 'withdrawn' ? null : executorId;
  return { status, result, closedAt, reworkCount, mainExecutorId };
}
