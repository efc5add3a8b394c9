/**
 * One generated appeal (module doc of `generate-appeals.ts`): its applicant, its executor's work
 * through the lifecycle, and the rows and history events that go with them. Deterministic for the
 * model's random source; the order of draws is part of the generator's output.
 */
import { executorControlDate, legalDeadline } from '../../domain/calendar/deadline-engine.js';
import type { ResultCode } from '../../domain/results.js';
import type { AppealStatus } from '../../domain/vocabulary.js';
import type { Random } from './random.js';
import {
  type AppealContext,
  type Buffers,
  DAY_MS,
  HOUR_MS,
  iso,
  type Model,
  type NextIds,
  type QuestionType,
} from './generator-model.js';
import { buildApplicant } from './build-applicant.js';
import { workOnAppeal } from './work-on-appeal.js';
import type { Cell } from './sinks.js';
import * as T from './texts-uk.js';

/** The district a street is in (a hash of its name over the registry's districts), or null. */
export function districtOfStreet(districtIds: readonly number[], street: string): number | null {
  if (districtIds.length === 0) return null;
  let hash = 0x811c9dc5; // FNV-1a
  for (let i = 0; i < street.length; i++) {
    hash ^= street.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return districtIds[hash % districtIds.length]!;
}

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
  const districtId = districtOfStreet(model.districtIds, street);
  const house = houseNumber(random);
  const address = `${street}, ${house}`;
  const operator = web
    ? `Модератор ${random.int(1, 24)} (moderator${random.int(1, 24)})`
    : `Оператор ${random.int(1, 200)} (operator${random.int(1, 200)})`;

  // Applicant: anonymous, a repeat applicant, or a new one.
  const r = random.next();
  const subject = r < 0.01 ? 'anonymous' : r < 0.03 ? 'collective' : 'individual';
  const { applicant, receiptSign } =
    subject === 'anonymous'
      ? { applicant: null, receiptSign: 'primary' }
      : buildApplicant(model, buffers, next, ctx, { subject, registered, address, web });
  const applicantId = applicant?.id ?? null;
  const privileged = applicant?.privileged ?? false;

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
  let mainExecutorId: number | null = null;

  if (consultation) {
    event(closedAt!, operator, 'closed', 'registered', 'closed', '{"result":"consultation_given"}');
  } else {
    ({ status, result, closedAt, reworkCount, mainExecutorId } = workOnAppeal(
      model,
      buffers,
      next,
      {
        appealId,
        qt,
        registered,
        open,
        status,
        control: deadlines!.control,
        privileged,
        operator,
        event,
      },
    ));
  }
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
    deadlines === null ? null : iso(deadlines.control),
    deadlines === null ? null : iso(deadlines.legal),
    reworkCount,
    closedAt === null ? null : iso(closedAt),
    iso(closedAt ?? Math.max(registered, ...events.map((e) => (e[1] as Date).getTime()))),
    districtId,
    // Classifier No. 858 (issue 17): the author as the card records them.
    applicant?.sex ?? null,
    applicant?.category ?? null,
    applicant?.socialStatus ?? null,
    mainExecutorId,
  ]);
  events.sort((a, b) => (a[1] as Date).getTime() - (b[1] as Date).getTime());
  for (const e of events) buffers.events.add(e);
}
