/**
 * The e-mailed receipt's access code does not stay in the outbox: blanked a day after delivery, or
 * a week after it was queued when it could not be delivered; newer receipts keep it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blankDeliveredAccessCodes } from '../../src/server/notifications/retention.js';
import { startTestServer, type TestServer } from '../http.js';
import { portalQuestionType, submissionBody, submit } from './portal-helpers.js';

let server: TestServer;
let questionTypeId: number;

beforeAll(async () => {
  server = await startTestServer();
  questionTypeId = (await portalQuestionType(server.ctx.deps)).questionTypeId;
});
afterAll(() => server.close());

const HOUR = 3_600_000;

async function receipt(email: string) {
  const res = await submit(
    server.anonymous(),
    submissionBody(questionTypeId, { applicant: { name: 'Вигадана Особа', email } }),
  );
  const row = await server.ctx.deps.db
    .selectFrom('notifications')
    .select(['id', 'body'])
    .where('kind', '=', 'submission_received')
    .where('recipient_email', '=', email)
    .executeTakeFirstOrThrow();
  expect(row.body).toContain(res.body.accessCode);
  return { id: row.id, code: res.body.accessCode, number: res.body.trackingNumber };
}

async function age(id: number, values: { sent?: number; created?: number }) {
  const now = Date.now();
  await server.ctx.deps.db
    .updateTable('notifications')
    .set({
      ...(values.sent !== undefined
        ? { status: 'sent', sent_at: new Date(now - values.sent) }
        : {}),
      ...(values.created !== undefined ? { created_at: new Date(now - values.created) } : {}),
    })
    .where('id', '=', id)
    .execute();
}

const bodyOf = async (id: number) =>
  (
    await server.ctx.deps.db
      .selectFrom('notifications')
      .select('body')
      .where('id', '=', id)
      .executeTakeFirstOrThrow()
  ).body;

describe('outbox retention of access codes', () => {
  it('blanks delivered and stale receipts, keeps fresh ones and everything else', async () => {
    const delivered = await receipt('delivered@example.org');
    const justSent = await receipt('just-sent@example.org');
    const stale = await receipt('never-delivered@example.org');
    const waiting = await receipt('waiting@example.org');
    await age(delivered.id, { sent: 25 * HOUR });
    await age(justSent.id, { sent: 1 * HOUR });
    await age(stale.id, { created: 8 * 24 * HOUR });

    expect(await blankDeliveredAccessCodes(server.ctx.deps)).toBe(2);
    for (const r of [delivered, stale]) {
      const body = await bodyOf(r.id);
      expect(body).not.toContain(r.code);
      expect(body).toContain('•••••-•••••');
      expect(body).toContain(r.number); // the rest of the letter is kept
    }
    for (const r of [justSent, waiting]) expect(await bodyOf(r.id)).toContain(r.code);

    expect(await blankDeliveredAccessCodes(server.ctx.deps)).toBe(0); // nothing twice
  });
});
