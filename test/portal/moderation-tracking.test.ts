/**
 * The portal's whole path over real HTTP: a citizen submits with a photo → the moderator registers
 * it (correcting the question type) → the executor answers → the controller accepts → the citizen
 * sees the result and the answer by number and access code, disputes it (the appeal goes back to
 * the controller), and after a second closure confirms and rates it. Merge and reject, the
 * applicant's e-mails, the appeal's history, the deadlines of a corrected question type, wrong codes
 * and the brute-force lock. Each step builds the state it starts from (factories below), so any
 * test runs alone with `-t` and in any order.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appealBody } from '../factories.js';
import { startTestServer, type ApiClient, type TestServer } from '../http.js';
import {
  form,
  PLANTED,
  png,
  portalQuestionType,
  type Receipt,
  submissionBody,
  submit,
} from './portal-helpers.js';

let server: TestServer;
let citizen: ApiClient;
let moderator: ApiClient;
let supervisor: ApiClient;
let operator: ApiClient;
let executor: ApiClient;
let controller: ApiClient;
let chosenType: number;
let correctedType: { questionTypeId: number; executorId: number };

type Tracking = {
  trackingNumber: string;
  state: string;
  questionType: { id: number };
  photos: number;
  rejection: { reason: string; explanation: string } | null;
  appeal: {
    number: string;
    status: string;
    controlDate: string | null;
    executor: string | null;
    result: { code: string; uk: string } | null;
    answer: { text: string } | null;
    timeline: { status: string; event: string }[];
  } | null;
  feedback: { canGive: boolean; refusal: string | null; given: { verdict: string }[] };
};
type Submission = {
  id: number;
  trackingNumber: string;
  state: string;
  applicant: { name: string; email: string | null };
  photos: { id: number; url: string }[];
  appeal: { id: number; number: string } | null;
};
type Card = {
  id: number;
  number: string;
  channel: string;
  status: string;
  result: string | null;
  questionType: { id: number };
  applicant: { fullName: string } | null;
  attachments: { id: number }[];
  history: {
    type: string;
    fromStatus: string | null;
    toStatus: string | null;
    data: Record<string, unknown>;
  }[];
  allowedActions: string[];
};

beforeAll(async () => {
  server = await startTestServer();
  citizen = server.anonymous();
  chosenType = (await portalQuestionType(server.ctx.deps, 0)).questionTypeId;
  correctedType = await portalQuestionType(server.ctx.deps, 1);
  moderator = await server.signIn('moderator');
  supervisor = await server.signIn('supervisor');
  operator = await server.signIn('operator');
  executor = await server.signIn('executor', correctedType.executorId);
  controller = await server.signIn('controller');
  await server.ctx.deps.db
    .updateTable('settings')
    .set({ value: '4' })
    .where('key', '=', 'tracking_max_failures')
    .execute();
});
afterAll(() => server.close());

const track = (number: string, accessCode: string) =>
  citizen.post<Tracking>('/api/public/tracking', { number, accessCode });

async function mails(kind: string) {
  return server.ctx.deps.db
    .selectFrom('notifications')
    .select(['recipient_email', 'subject', 'body', 'appeal_id'])
    .where('kind', '=', kind)
    .execute();
}

let applicantSerial = 0;
/**
 * An applicant of the test's own: the planted name with a contact nobody else has, so that each
 * registration is a new person's and never a repeat (Art. 8) of another test's appeal.
 */
function someone() {
  applicantSerial += 1;
  const n = String(applicantSerial).padStart(4, '0');
  return {
    name: PLANTED.name,
    email: `citizen.${n}@example.org`,
    phone: `+380 67 100 ${n.slice(0, 2)} ${n.slice(2)}`,
    address: PLANTED.residence,
  };
}

/** A pending submission with one photo, found in the moderation queue. */
async function submitted(): Promise<{
  receipt: Receipt;
  submissionId: number;
  applicant: ReturnType<typeof someone>;
}> {
  const applicant = someone();
  const receipt = (await submit(citizen, submissionBody(chosenType, { applicant }))).body;
  const photo = await citizen.request(
    'POST',
    `/api/public/submissions/${receipt.trackingNumber}/photos`,
    form(png(3), 'світло.png', 'image/png'),
    { 'x-access-code': receipt.accessCode.toLowerCase() },
  );
  expect(photo.status).toBe(201);
  const queue = await moderator.get<{ items: Submission[] }>('/api/v1/submissions?limit=200');
  const mine = queue.body.items.find((s) => s.trackingNumber === receipt.trackingNumber);
  expect(mine).toBeDefined();
  return { receipt, submissionId: mine!.id, applicant };
}

type PortalAppeal = Awaited<ReturnType<typeof submitted>> & {
  appealId: number;
  appealNumber: string;
};

/** A submission registered by the moderator with the corrected question type. */
async function registered(): Promise<PortalAppeal> {
  const s = await submitted();
  const res = await moderator.post<{ appeal: { id: number; number: string } }>(
    `/api/v1/submissions/${s.submissionId}/register`,
    { questionTypeId: correctedType.questionTypeId, comment: 'Тип питання уточнено' },
  );
  expect(res.status).toBe(201);
  return { ...s, appealId: res.body.appeal.id, appealNumber: res.body.appeal.number };
}

const FIRST_ANSWER = 'Світильник замінено 12.09, освітлення працює.';

/** The executor answers and the controller accepts: closed, awaiting the citizen's confirmation. */
async function answerAndClose(appealId: number, text: string): Promise<void> {
  expect((await executor.post(`/api/v1/appeals/${appealId}/accept`)).status).toBe(200);
  expect((await executor.post(`/api/v1/appeals/${appealId}/responses`, { text })).status).toBe(201);
  const review = await controller.post(`/api/v1/appeals/${appealId}/review`, {
    decision: 'accept',
    result: 'done_awaiting_confirmation',
  });
  expect(review.status).toBe(200);
}

async function closed(): Promise<PortalAppeal> {
  const a = await registered();
  await answerAndClose(a.appealId, FIRST_ANSWER);
  return a;
}

async function disputed(): Promise<PortalAppeal> {
  const a = await closed();
  const res = await citizen.post('/api/public/tracking/feedback', {
    number: a.receipt.trackingNumber,
    accessCode: a.receipt.accessCode,
    verdict: 'dispute',
    rating: 2,
    comment: 'Світло досі не горить',
  });
  expect(res.status).toBe(200);
  return a;
}

// One citizen's journey, step by step; each step builds the state it starts from with the
// factories above, so any step runs alone (`-t`) and in any order (ADR 020).
describe('a portal appeal from submission to the citizen’s rating', () => {
  it('the citizen submits with a photo; the submission waits in the moderation queue', async () => {
    const receipt = (await submit(citizen, submissionBody(chosenType))).body;
    const photo = await citizen.request(
      'POST',
      `/api/public/submissions/${receipt.trackingNumber}/photos`,
      form(png(3), 'світло.png', 'image/png'),
      { 'x-access-code': receipt.accessCode.toLowerCase() },
    );
    expect(photo.status).toBe(201);

    expect((await operator.get('/api/v1/submissions')).status).toBe(403);
    expect((await citizen.get('/api/v1/submissions')).status).toBe(401);
    const queue = await moderator.get<{ items: Submission[] }>('/api/v1/submissions?limit=200');
    expect(queue.status).toBe(200);
    const mine = queue.body.items.find((s) => s.trackingNumber === receipt.trackingNumber);
    expect(mine).toMatchObject({ state: 'pending', applicant: { name: PLANTED.name } });
    expect(mine!.photos).toHaveLength(1);

    const photoBytes = await moderator.request('GET', mine!.photos[0]!.url);
    expect(photoBytes.status).toBe(200);
    expect((await executor.request('GET', mine!.photos[0]!.url)).status).toBe(404);

    const tracked = await track(receipt.trackingNumber, receipt.accessCode);
    expect(tracked.status).toBe(200);
    expect(tracked.body).toMatchObject({ state: 'pending', appeal: null, photos: 1 });
    expect(tracked.body.feedback).toMatchObject({
      canGive: false,
      refusal: 'appeal_not_registered',
    });
  });

  it('the moderator registers it with a corrected question type; the applicant is told', async () => {
    const { receipt, submissionId, applicant } = await submitted();
    const res = await moderator.post<{
      state: string;
      appeal: { id: number; number: string; status: string };
    }>(`/api/v1/submissions/${submissionId}/register`, {
      questionTypeId: correctedType.questionTypeId,
      comment: 'Тип питання уточнено',
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ state: 'registered', appeal: { status: 'registered' } });
    const appealId = res.body.appeal.id;
    const appealNumber = res.body.appeal.number;

    const card = (await moderator.get<Card>(`/api/v1/appeals/${appealId}`)).body;
    expect(card).toMatchObject({
      channel: 'portal',
      questionType: { id: correctedType.questionTypeId },
      applicant: { fullName: PLANTED.name },
    });
    expect(card.attachments).toHaveLength(1);
    const registeredEvent = card.history.find((e) => e.type === 'submission_registered');
    expect(registeredEvent?.data).toMatchObject({
      submissionId,
      trackingNumber: receipt.trackingNumber,
      questionTypeCorrected: { from: chosenType, to: correctedType.questionTypeId },
    });
    expect(card.history.map((e) => e.type)).toContain('registered');

    const told = (await mails('submission_registered')).filter((m) => m.appeal_id === appealId);
    expect(told).toHaveLength(1);
    expect(told[0]!.recipient_email).toBe(applicant.email);
    expect(told[0]!.body).toContain(appealNumber);

    const twice = await supervisor.post(`/api/v1/submissions/${submissionId}/register`, {});
    expect(twice.status).toBe(409);
    expect(twice.body).toMatchObject({ error: 'submission_already_moderated' });
  });

  it('the deadlines are recomputed for the question type the moderator corrected', async () => {
    // Two public types of this test's own: the citizen's choice has 30 days, the correction 15.
    const chosen = (await portalQuestionType(server.ctx.deps, 2)).questionTypeId;
    const corrected = (await portalQuestionType(server.ctx.deps, 3)).questionTypeId;
    const db = server.ctx.deps.db;
    for (const [id, days] of [
      [chosen, 30],
      [corrected, 15],
    ] as const) {
      await db
        .updateTable('question_types')
        .set({ term_days: days, term_hours: null, review_margin_days: 2 })
        .where('id', '=', id)
        .execute();
    }
    type Dates = { legalDeadline: string; controlDate: string };
    // Submitted on Thursday 31 December 2026 at 10:00 Kyiv.
    server.ctx.setNow(new Date('2026-12-31T10:00:00+02:00'));
    try {
      // A session of that day (one opened on the real date has expired by then).
      const moderator = await server.signIn('moderator');
      const register = async (questionTypeId?: number): Promise<Dates> => {
        const receipt = (await submit(citizen, submissionBody(chosen, { applicant: someone() })))
          .body;
        const queue = await moderator.get<{ items: Submission[] }>('/api/v1/submissions?limit=200');
        const s = queue.body.items.find((i) => i.trackingNumber === receipt.trackingNumber);
        expect(s).toBeDefined();
        const res = await moderator.post<{ appeal: { id: number } }>(
          `/api/v1/submissions/${s!.id}/register`,
          questionTypeId === undefined ? {} : { questionTypeId },
        );
        expect(res.status).toBe(201);
        return (await moderator.get<Dates>(`/api/v1/appeals/${res.body.appeal.id}`)).body;
      };
      // Corrected to 15 days: Friday 15 January 2027, the control date two working days earlier.
      expect(await register(corrected)).toMatchObject({
        legalDeadline: '2027-01-15T21:59:59.999Z',
        controlDate: '2027-01-13T21:59:59.999Z',
      });
      // Left as the citizen chose: 30 days end on Saturday 30 January, moved to Monday 1 February.
      expect(await register()).toMatchObject({
        legalDeadline: '2027-02-01T21:59:59.999Z',
        controlDate: '2027-01-28T21:59:59.999Z',
      });
    } finally {
      server.ctx.setNow(null);
    }
  });

  it('the tracking number, and the appeal number, now show the appeal', async () => {
    const { receipt, appealNumber, appealId } = await registered();
    const card = (
      await moderator.get<Card & { controlDate: string }>(`/api/v1/appeals/${appealId}`)
    ).body;
    expect(card.controlDate).toMatch(/^\d{4}-\d\d-\d\dT/);
    for (const number of [receipt.trackingNumber, appealNumber]) {
      const res = await track(number, receipt.accessCode);
      expect(res.status).toBe(200);
      expect(res.body.appeal).toMatchObject({
        number: appealNumber,
        status: 'registered',
        result: null,
        answer: null,
        controlDate: card.controlDate,
      });
      expect(res.body.appeal!.executor).toEqual(expect.any(String));
      expect(res.body.appeal!.executor).not.toBe('');
      expect(res.body.feedback).toMatchObject({ canGive: false, refusal: 'appeal_not_closed' });
    }
  });

  it('after the executor answers and the controller accepts, the citizen sees result and answer', async () => {
    const { receipt, appealId, applicant } = await registered();
    await answerAndClose(appealId, FIRST_ANSWER);
    const res = await track(receipt.trackingNumber, receipt.accessCode);
    expect(res.body.appeal).toMatchObject({
      status: 'closed',
      result: {
        code: 'done_awaiting_confirmation',
        uk: 'Виконано / Очікує підтвердження заявником',
      },
      answer: { text: FIRST_ANSWER },
    });
    expect(res.body.appeal!.timeline.map((t) => t.event)).toEqual([
      'registered',
      'accepted',
      'responded',
      'review_accepted',
    ]);
    expect(res.body.feedback).toMatchObject({ canGive: true, refusal: null });
    const told = (await mails('appeal_result')).filter((m) => m.appeal_id === appealId);
    expect(told).toHaveLength(1);
    expect(told[0]!.recipient_email).toBe(applicant.email);
    expect(told[0]!.body).toContain('Виконано / Очікує підтвердження заявником');
    expect(told[0]!.body).toContain(receipt.trackingNumber);
  });

  it('a dispute sends the appeal back to the controller (closed → on_check)', async () => {
    const { receipt, appealId } = await closed();
    const res = await citizen.post<Tracking>('/api/public/tracking/feedback', {
      number: receipt.trackingNumber,
      accessCode: receipt.accessCode,
      verdict: 'dispute',
      rating: 2,
      comment: 'Світло досі не горить',
    });
    expect(res.status).toBe(200);
    expect(res.body.appeal).toMatchObject({ status: 'on_check', result: null, answer: null });
    const card = (await controller.get<Card>(`/api/v1/appeals/${appealId}`)).body;
    expect(card.status).toBe('on_check');
    expect(card.allowedActions).toEqual(expect.arrayContaining(['review_accept', 'review_rework']));
    const disputedEvent = card.history.at(-1)!;
    expect(disputedEvent).toMatchObject({
      type: 'disputed_by_applicant',
      fromStatus: 'closed',
      toStatus: 'on_check',
      data: { rating: 2, disputedResult: 'done_awaiting_confirmation' },
    });
    const again = await citizen.post('/api/public/tracking/feedback', {
      number: receipt.trackingNumber,
      accessCode: receipt.accessCode,
      verdict: 'dispute',
      rating: 1,
    });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ error: 'appeal_not_closed' });
  });

  it('the controller returns it for rework, it is done again, and the citizen confirms', async () => {
    const { receipt, appealId, appealNumber } = await disputed();
    expect(
      (
        await controller.post(`/api/v1/appeals/${appealId}/review`, {
          decision: 'rework',
          comment: 'Заявник повідомляє, що світла немає',
        })
      ).body,
    ).toMatchObject({ status: 'rework' });
    await answerAndClose(appealId, 'Замінено кабель живлення, світло є.');
    const confirm = await citizen.post<Tracking>('/api/public/tracking/feedback', {
      number: appealNumber,
      accessCode: receipt.accessCode,
      verdict: 'confirm',
      rating: 5,
    });
    expect(confirm.status).toBe(200);
    expect(confirm.body.appeal).toMatchObject({
      status: 'closed',
      result: { code: 'done_confirmed' },
      answer: { text: 'Замінено кабель живлення, світло є.' },
    });
    expect(confirm.body.feedback.given.map((g) => g.verdict)).toEqual(['dispute', 'confirm']);
    expect(confirm.body.feedback).toMatchObject({
      canGive: false,
      refusal: 'feedback_already_given',
    });
    const card = (await controller.get<Card>(`/api/v1/appeals/${appealId}`)).body;
    expect(card.result).toBe('done_confirmed');
    // closed twice (before and after the dispute): told twice
    expect((await mails('appeal_result')).filter((m) => m.appeal_id === appealId)).toHaveLength(2);
    expect(card.history.at(-1)).toMatchObject({
      type: 'confirmed_by_applicant',
      data: { rating: 5, newResult: 'done_confirmed' },
    });
    const twice = await citizen.post('/api/public/tracking/feedback', {
      number: appealNumber,
      accessCode: receipt.accessCode,
      verdict: 'confirm',
      rating: 4,
    });
    expect(twice.status).toBe(409);
    expect(twice.body).toMatchObject({ error: 'feedback_already_given' });
  });
});

describe('merge and reject', () => {
  /** An open appeal of the test's own, registered from the portal. */
  async function openAppeal(): Promise<{ id: number; number: string }> {
    const r = await submit(citizen, submissionBody(chosenType, { applicant: someone() }));
    const queue = await moderator.get<{ items: Submission[] }>('/api/v1/submissions?limit=200');
    const s = queue.body.items.find((i) => i.trackingNumber === r.body.trackingNumber);
    expect(s).toBeDefined();
    const res = await moderator.post<{ appeal: { id: number; number: string } }>(
      `/api/v1/submissions/${s!.id}/register`,
      {},
    );
    expect(res.status).toBe(201);
    return res.body.appeal;
  }

  async function pending(
    overrides: Record<string, unknown> = {},
  ): Promise<{ receipt: Receipt; id: number }> {
    const receipt = (
      await submit(
        citizen,
        submissionBody(chosenType, {
          applicant: { name: 'Іваненко Олег', email: 'oleg@example.org' },
          ...overrides,
        }),
      )
    ).body;
    const got = await moderator.get<{ items: Submission[] }>('/api/v1/submissions?limit=200');
    return {
      receipt,
      id: got.body.items.find((i) => i.trackingNumber === receipt.trackingNumber)!.id,
    };
  }

  it('merges a submission into an open appeal; the applicant follows that appeal', async () => {
    const open = await openAppeal();
    const { receipt, id } = await pending();
    const res = await supervisor.post<{ state: string; appeal: { number: string } }>(
      `/api/v1/submissions/${id}/merge`,
      { appealId: open.id, receiptSign: 'multiple', comment: 'Той самий ліхтар' },
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ state: 'merged', appeal: { number: open.number } });
    const card = (await moderator.get<Card>(`/api/v1/appeals/${open.id}`)).body;
    expect(card.history.at(-1)).toMatchObject({
      type: 'submission_merged',
      data: { submissionId: id, receiptSign: 'multiple' },
    });
    const tracked = await track(receipt.trackingNumber, receipt.accessCode);
    expect(tracked.body).toMatchObject({ state: 'merged', appeal: { number: open.number } });
    const told = (await mails('submission_merged')).filter(
      (m) => m.recipient_email === 'oleg@example.org' && m.appeal_id === open.id,
    );
    expect(told).toHaveLength(1);
    expect(told[0]!.body).toContain(open.number);
  });

  it('another person joined to the appeal sees its result, not the letter, and cannot judge it', async () => {
    const open = await openAppeal();
    const { receipt, id } = await pending();
    await moderator.post(`/api/v1/submissions/${id}/merge`, {
      appealId: open.id,
      receiptSign: 'multiple',
    });
    const before = (await track(receipt.trackingNumber, receipt.accessCode)).body;
    expect(before.feedback).toMatchObject({ canGive: false, refusal: 'merged_into_other_appeal' });

    // Closed with an answer addressed to the first applicant.
    const db = server.ctx.deps.db;
    await db
      .updateTable('appeals')
      .set({ status: 'closed', result: 'done_awaiting_confirmation', closed_at: new Date() })
      .where('id', '=', open.id)
      .execute();
    const after = (await track(receipt.trackingNumber, receipt.accessCode)).body;
    expect(after.appeal).toMatchObject({ status: 'closed', answer: null });
    expect(after.appeal?.result?.code).toBe('done_awaiting_confirmation');
    expect(after.feedback.canGive).toBe(false);
    const refused = await citizen.post('/api/public/tracking/feedback', {
      number: receipt.trackingNumber,
      accessCode: receipt.accessCode,
      verdict: 'dispute',
      rating: 1,
    });
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ error: 'merged_into_other_appeal' });
  });

  it('refuses to merge into a closed appeal, or with an unknown sign', async () => {
    const open = await openAppeal();
    const { id } = await pending();
    // A closed appeal of this test's own: registered and cancelled at the applicant's request.
    const registered = await operator.post<{ id: number }>(
      '/api/v1/appeals',
      appealBody(chosenType),
    );
    expect(registered.status).toBe(201);
    const closed = { id: registered.body.id };
    const cancelled = await operator.post(`/api/v1/appeals/${closed.id}/cancel`, {
      comment: 'Заявник відкликав',
    });
    expect(cancelled.body).toMatchObject({ status: 'closed' });
    const res = await moderator.post(`/api/v1/submissions/${id}/merge`, {
      appealId: closed.id,
      receiptSign: 'duplicate',
    });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ error: 'appeal_closed' });
    const bad = await moderator.post(`/api/v1/submissions/${id}/merge`, {
      appealId: open.id,
      receiptSign: 'mass',
    });
    expect(bad.status).toBe(400);
    const missing = await moderator.post(`/api/v1/submissions/${id}/merge`, {
      appealId: 99_999_999,
      receiptSign: 'duplicate',
    });
    expect(missing.status).toBe(404);
  });

  it('rejects with a reason; the applicant gets the reasoned refusal citing the Law', async () => {
    const { receipt, id } = await pending();
    const res = await moderator.post(`/api/v1/submissions/${id}/reject`, {
      reason: 'no_substance',
      comment: 'Опишіть, будь ласка, що саме сталося.',
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ state: 'rejected', appeal: null });
    const tracked = await track(receipt.trackingNumber, receipt.accessCode);
    expect(tracked.body).toMatchObject({ state: 'rejected', appeal: null });
    expect(tracked.body.rejection).toMatchObject({ reason: 'no_substance' });
    expect(tracked.body.rejection!.explanation).toMatch(/стаття 5/);
    const told = (await mails('submission_rejected')).find((m) =>
      m.body.includes(receipt.trackingNumber),
    );
    expect(told?.body).toMatch(/стаття 5/);
    expect(told?.body).toContain('Опишіть, будь ласка');
    const feedback = await citizen.post('/api/public/tracking/feedback', {
      number: receipt.trackingNumber,
      accessCode: receipt.accessCode,
      verdict: 'confirm',
      rating: 3,
    });
    expect(feedback.status).toBe(409);
    expect(feedback.body).toMatchObject({ error: 'appeal_not_registered' });
    expect(
      (await moderator.post(`/api/v1/submissions/${id}/reject`, { reason: 'no_substance' })).status,
    ).toBe(409);
  });

  it('will not register an appeal left without an address or a point', async () => {
    const { id } = await pending({ latitude: null, longitude: null }); // an address, no point
    const res = await moderator.post<{ error: string }>(`/api/v1/submissions/${id}/register`, {
      address: null,
    });
    expect(res.status).toBe(400);
    expect(res.body.error).toBe('address_required');
    const still = await moderator.get<Submission>(`/api/v1/submissions/${id}`);
    expect(still.body.state).toBe('pending');
  });

  it('answers 400 for an unknown reason and 404 for an unknown submission', async () => {
    const { id } = await pending();
    expect(
      (await moderator.post(`/api/v1/submissions/${id}/reject`, { reason: 'rude' })).status,
    ).toBe(400);
    expect(
      (await moderator.post('/api/v1/submissions/99999999/reject', { reason: 'anonymous' })).status,
    ).toBe(404);
    expect((await moderator.get('/api/v1/submissions/99999999')).status).toBe(404);
    expect((await moderator.get('/api/v1/submissions?cursor=zzz')).status).toBe(400);
  });
});

describe('the applicant on record', () => {
  async function registerSubmitted(applicant: Record<string, unknown>): Promise<number> {
    const receipt = (await submit(citizen, submissionBody(chosenType, { applicant }))).body;
    const queue = await moderator.get<{ items: Submission[] }>('/api/v1/submissions?limit=200');
    const id = queue.body.items.find((i) => i.trackingNumber === receipt.trackingNumber)!.id;
    const res = await moderator.post<{ appeal: { id: number } }>(
      `/api/v1/submissions/${id}/register`,
      { acknowledgeRepeat: true },
    );
    expect(res.status).toBe(201);
    const row = await server.ctx.deps.db
      .selectFrom('appeals')
      .select('applicant_id')
      .where('id', '=', res.body.appeal.id)
      .executeTakeFirstOrThrow();
    return row.applicant_id!;
  }

  it('is found again by name and a shared contact, whatever their spelling', async () => {
    const byPhone = await operator.post<{ id: number }>(
      '/api/v1/appeals',
      appealBody(chosenType, {
        applicant: { fullName: 'Бондар Тарас Ігорович', phones: ['+380 63 000 11 22'] },
      }),
    );
    expect(byPhone.status).toBe(201);
    const first = await server.ctx.deps.db
      .selectFrom('appeals')
      .select('applicant_id')
      .where('id', '=', byPhone.body.id)
      .executeTakeFirstOrThrow();

    // The same person from the portal: other spacing and case, the phone written another way.
    expect(
      await registerSubmitted({
        name: 'бондар  Тарас ігорович',
        phone: '063 000 1122',
        email: null,
      }),
    ).toBe(first.applicant_id);
    // By e-mail the second time.
    const withEmail = await registerSubmitted({
      name: 'Гнатюк Ольга',
      email: 'olha.hnatiuk@example.org',
    });
    expect(
      await registerSubmitted({ name: 'Гнатюк Ольга', email: 'Olha.Hnatiuk@example.org' }),
    ).toBe(withEmail);
  });

  it('is a new applicant when only the contact is shared (a family phone) or only the name', async () => {
    const parent = await registerSubmitted({ name: 'Савчук Марія', phone: '+380 67 000 55 66' });
    const child = await registerSubmitted({ name: 'Савчук Денис', phone: '+380 67 000 55 66' });
    const namesake = await registerSubmitted({ name: 'Савчук Марія', phone: '+380 67 000 99 88' });
    expect(new Set([parent, child, namesake]).size).toBe(3);
  });
});

describe('wrong codes', () => {
  it('answers alike for a wrong code and an unknown number, and locks a number after too many', async () => {
    const receipt = (await submit(citizen, submissionBody(chosenType))).body;
    const wrong = await track(receipt.trackingNumber, 'AAAAA-AAAAA');
    const unknown = await track('P-1999-000001', 'AAAAA-AAAAA');
    expect(wrong.status).toBe(404);
    expect(unknown.status).toBe(404);
    expect(wrong.body).toEqual(unknown.body);
    expect(wrong.body).toMatchObject({ error: 'tracking_not_found' });

    for (let i = 0; i < 3; i++) await track(receipt.trackingNumber, 'AAAAA-AAAAA');
    const locked = await track(receipt.trackingNumber, receipt.accessCode);
    expect(locked.status).toBe(429);
    expect(locked.body).toMatchObject({ error: 'too_many_attempts' });
    // a number that does not exist locks the same way: the lock reveals nothing
    for (let i = 0; i < 3; i++) await track('P-1999-000001', 'AAAAA-AAAAA');
    expect((await track('P-1999-000001', 'AAAAA-AAAAA')).status).toBe(429);
    // after the lock time it opens again
    server.ctx.setNow(new Date(Date.now() + 31 * 60_000));
    expect((await track(receipt.trackingNumber, receipt.accessCode)).status).toBe(200);
    server.ctx.setNow(null);
  });

  it('refuses an empty body or code with 400', async () => {
    expect((await citizen.post('/api/public/tracking', {})).status).toBe(400);
    expect(
      (await citizen.post('/api/public/tracking', { number: 'P-2025-000001', accessCode: '' }))
        .status,
    ).toBe(400);
  });
});
