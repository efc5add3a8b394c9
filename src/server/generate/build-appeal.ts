/**
 * One generated appeal (module doc of `generate-appeals.ts`): its applicant, its executor's work
 * through the lifecycle, and the rows and history events that go with them. Deterministic for the
 * model's random source; the order of draws is part of the generator's output.
 */
import { executorControlDate, legalDeadline } from '../../domain/calendar/deadline-engine.js';
import type { WorkCalendar } from '../../domain/calendar/work-calendar.js';
import type { ResultCode } from '../../domain/results.js';
import { normalisePhone } from '../../domain/text.js';
import type { AppealStatus, Channel } from '../../domain/vocabulary.js';
import type { Random, WeightedChoice } from './random.js';
import type { Cell, TableBuffer } from './sinks.js';
import * as T from './texts-uk.js';

export const DAY_MS = 86_400_000;
export const HOUR_MS = 3_600_000;

export interface QuestionType {
  id: number;
  kindName: string;
  name: string;
  termDays: number;
  termHours: number | null;
  reviewMargin: number;
  isEmergency: boolean;
  executorId: number | null;
  details: readonly string[];
  lawKind: 'application' | 'complaint' | 'proposal';
}

/** Everything drawn once and shared by every appeal. */
export interface Model {
  random: Random;
  questionTypes: WeightedChoice<QuestionType>;
  channels: WeightedChoice<Channel>;
  openStatuses: WeightedChoice<AppealStatus>;
  results: WeightedChoice<ResultCode>;
  streets: WeightedChoice<string>;
  executors: WeightedChoice<number>;
  privileged: WeightedChoice<string>;
  callHours: WeightedChoice<number>;
  webHours: WeightedChoice<number>;
  calendar: WorkCalendar;
  timeZone: string;
  until: number;
}

/** Ids in use and the next free one of each table. */
export type NextIds = Record<
  'applicants' | 'appeals' | 'assignments' | 'responses' | 'reviews',
  number
>;

export interface AppealContext {
  receivedAt: number;
  channel: Channel;
  number: string;
  localDate: string;
  applicantPool: { id: number; privileged: boolean }[];
  deadlineCache: Map<string, { legal: number; control: number }>;
}

export type Buffers = Record<
  'applicants' | 'appeals' | 'assignments' | 'responses' | 'reviews' | 'events',
  TableBuffer
>;

/** The legal deadline and control date of an appeal received on `localDate` (cached per day). */
function deadlinesOf(
  model: Model,
  qt: QuestionType,
  ctx: AppealContext,
): { legal: number; control: number } {
  if (qt.isEmergency && qt.termHours) {
    const at = ctx.receivedAt + qt.termHours * HOUR_MS;
    return { legal: at, control: at };
  }
  const key = `${ctx.localDate}|${qt.termDays}|${qt.reviewMargin}`;
  let cached = ctx.deadlineCache.get(key);
  if (!cached) {
    const receivedAt = new Date(ctx.receivedAt);
    const legal = legalDeadline({ receivedAt, termDays: qt.termDays, calendar: model.calendar });
    const control = executorControlDate({
      legalDeadline: legal,
      receivedAt,
      reviewMarginDays: qt.reviewMargin,
      calendar: model.calendar,
    });
    cached = { legal: legal.getTime(), control: control.getTime() };
    ctx.deadlineCache.set(key, cached);
  }
  return cached;
}

function phone(random: Random): [string, string] {
  const code = random.pick(T.PHONE_CODES);
  const a = String(random.int(0, 99)).padStart(2, '0');
  const b = String(random.int(0, 99)).padStart(2, '0');
  const typed = `+380 ${code} 000 ${a} ${b}`;
  return [typed, normalisePhone(typed)!];
}

function houseNumber(random: Random): string {
  const n = String(random.int(1, 160));
  const r = random.next();
  if (r < 0.08) return `${n}-${random.pick(['А', 'Б', 'В'])}`;
  if (r < 0.13) return `${n}/${random.int(1, 9)}`;
  if (r < 0.16) return `${n}, к.${random.int(1, 4)}`;
  return n;
}

function description(random: Random, qt: QuestionType, address: string): string {
  const parts = [
    random.pick(T.OPENINGS),
    `${qt.name} за адресою ${address}.`,
    random.pick(qt.details),
    random.pick(T.DURATIONS),
    random.pick(T.CLOSINGS),
  ];
  return parts.filter((p) => p.length > 0).join(' ');
}

const iso = (ms: number) => new Date(ms);

/** A repeat applicant from the pool, or a new one written to the buffers (and kept in the pool). */
function buildApplicant(
  model: Model,
  buffers: Buffers,
  next: NextIds,
  ctx: AppealContext,
  appeal: {
    subject: 'collective' | 'individual';
    registered: number;
    address: string;
    web: boolean;
  },
): { applicantId: number; privileged: boolean; receiptSign: string } {
  const { random } = model;
  const { subject, registered, address, web } = appeal;
  let applicantId: number;
  let privileged: boolean;
  let receiptSign = 'primary';
  const pool = ctx.applicantPool;
  if (pool.length > 100 && random.chance(0.35)) {
    const known = pool[Math.floor(random.next() * pool.length)]!;
    applicantId = known.id;
    privileged = known.privileged;
    if (random.chance(0.1)) receiptSign = 'repeated';
  } else {
    applicantId = next.applicants++;
    const female = random.chance(0.58);
    const surname = random.pick(T.SURNAMES)[female ? 1 : 0];
    const given = random.pick(female ? T.GIVEN_NAMES_FEMALE : T.GIVEN_NAMES_MALE);
    const patronymic = random.pick(T.PATRONYMICS)[female ? 1 : 0];
    const category = random.chance(0.04) ? model.privileged.draw(random) : null;
    privileged = category !== null;
    const [typed, key] = phone(random);
    const flat = random.chance(0.7) ? `, кв. ${random.int(1, 280)}` : '';
    buffers.applicants.add([
      applicantId,
      subject === 'collective'
        ? `${surname} ${given} ${patronymic} та інші мешканці`
        : `${surname} ${given} ${patronymic}`,
      [typed],
      [key],
      web && random.chance(0.4) ? `applicant${applicantId}@example.org` : null,
      `${address}${flat}`,
      category,
      random.chance(0.5) ? random.pick(T.SOCIAL_STATUSES) : null,
      iso(registered),
      iso(registered),
    ]);
    // Keep a bounded pool of recent applicants to repeat from.
    if (pool.length < 200_000) pool.push({ id: applicantId, privileged });
    else pool[Math.floor(random.next() * pool.length)] = { id: applicantId, privileged };
  }
  return { applicantId, privileged, receiptSign };
}

type EventWriter = (
  at: number,
  actor: string,
  type: string,
  from: AppealStatus | null,
  to: AppealStatus | null,
  data: string,
  comment?: string | null,
) => void;

/**
 * The main executor's work on an appeal that is not a consultation: routing, acceptance, responses,
 * reviews (with rework), cancellation or return, a co-executor now and then, and the overdue mark
 * the sweep would have left. Gives the appeal's final status, result, closing time and reworks.
 */
function workOnAppeal(
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
    operator: string;
    event: EventWriter;
  },
): {
  status: AppealStatus;
  result: ResultCode | null;
  closedAt: number | null;
  reworkCount: number;
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
  ]); // prettier-ignore
  if (random.chance(0.04)) {
    const co = model.executors.draw(random);
    if (co !== executorId) {
      const coState = status === 'closed' ? 'done' : state === 'pending' ? 'pending' : 'in_work';
      buffers.assignments.add([
        next.assignments++, appealId, co, 'co', coState, iso(control), iso(registered),
        coState === 'pending' ? null : iso(registered + HOUR_MS),
        coState === 'done' ? iso(closedAt ?? registered) : null,
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
  return { status, result, closedAt, reworkCount };
}

/** Build one appeal with its applicant, assignments, responses, reviews and events. */
export function buildAppeal(
  model: Model,
  buffers: Buffers,
  next: NextIds,
  ctx: AppealContext,
): void {
  const { random } = model;
  const qt = model.questionTypes.draw(random);
  const until = model.until;
  const appealId = next.appeals++;
  const received = ctx.receivedAt;
  const web = ctx.channel === 'portal' || ctx.channel === 'mobile_app';
  const registered = Math.min(
    until,
    received + (web ? random.exponential(2 * HOUR_MS) : 60_000 + random.next() * 8 * 60_000),
  );
  const street = model.streets.draw(random);
  const house = houseNumber(random);
  const address = `${street}, ${house}`;
  const operator = web
    ? `Модератор ${random.int(1, 24)} (moderator${random.int(1, 24)})`
    : `Оператор ${random.int(1, 200)} (operator${random.int(1, 200)})`;

  // Applicant: anonymous, a repeat applicant, or a new one.
  const r = random.next();
  const subject = r < 0.01 ? 'anonymous' : r < 0.03 ? 'collective' : 'individual';
  const { applicantId, privileged, receiptSign } =
    subject === 'anonymous'
      ? { applicantId: null, privileged: false, receiptSign: 'primary' }
      : buildApplicant(model, buffers, next, ctx, { subject, registered, address, web });

  const consultation = ctx.channel === 'phone' && random.chance(0.03);
  const lawKind = consultation ? 'consultation' : random.chance(0.06) ? 'complaint' : qt.lawKind;
  const deadlines = consultation ? null : deadlinesOf(model, qt, ctx);
  const events: Cell[][] = [];
  const event = (
    at: number,
    actor: string,
    type: string,
    from: AppealStatus | null,
    to: AppealStatus | null,
    data: string,
    comment: string | null = null,
  ) => events.push([appealId, iso(at), actor, type, from, to, comment, data]);
  event(
    registered,
    operator,
    'registered',
    null,
    'registered',
    `{"number":"${ctx.number}","channel":"${ctx.channel}","kind":"${lawKind}","questionTypeId":${qt.id}}`,
  );

  // Status by age: recent appeals are mostly open, old ones closed, about 1 % never close.
  const ageDays = (until - registered) / DAY_MS;
  const open = !consultation && random.chance(0.72 * Math.exp(-ageDays / 18) + 0.012);
  let status: AppealStatus = consultation
    ? 'closed'
    : open
      ? model.openStatuses.draw(random)
      : 'closed';
  let result: ResultCode | null = consultation ? 'consultation_given' : null;
  let closedAt: number | null = consultation ? registered + 5 * 60_000 : null;
  let reworkCount = 0;

  if (consultation) {
    event(closedAt!, operator, 'closed', 'registered', 'closed', '{"result":"consultation_given"}');
  } else {
    ({ status, result, closedAt, reworkCount } = workOnAppeal(model, buffers, next, {
      appealId,
      qt,
      registered,
      open,
      status,
      control: deadlines!.control,
      operator,
      event,
    }));
  }
  const control = deadlines?.control ?? null;
  const deadlineState =
    control === null
      ? 'ok'
      : control < (closedAt ?? until)
        ? 'overdue'
        : closedAt === null && control < until + DAY_MS
          ? 'due_soon'
          : 'ok';
  const hasPoint = random.chance(web ? 0.8 : 0.3);
  buffers.appeals.add([
    appealId,
    ctx.number,
    iso(received),
    iso(registered),
    ctx.channel,
    lawKind,
    subject,
    receiptSign,
    applicantId,
    qt.id,
    address,
    hasPoint ? 50.35 + random.next() * 0.2 : null,
    hasPoint ? 30.35 + random.next() * 0.35 : null,
    description(random, qt, address),
    random.chance(0.01),
    privileged,
    status,
    result,
    control === null ? null : iso(control),
    deadlines === null ? null : iso(deadlines.legal),
    deadlineState,
    reworkCount,
    closedAt === null ? null : iso(closedAt),
    iso(closedAt ?? Math.max(registered, ...events.map((e) => (e[1] as Date).getTime()))),
  ]);
  events.sort((a, b) => (a[1] as Date).getTime() - (b[1] as Date).getTime());
  for (const e of events) buffers.events.add(e);
}
