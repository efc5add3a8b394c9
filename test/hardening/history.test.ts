/**
 * History you can trust (issue 11, item 16): appeal history and the audit log refuse UPDATE,
 * DELETE and TRUNCATE; a row changed or removed behind the app's back (triggers disabled, as only
 * the database's owner can) is found by the hash-chain verification and by `kontakt audit verify`.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyHistory } from '../../src/server/audit/audit.service.js';
import { appealBody, routedQuestionType } from '../factories.js';
import { startTestServer, type TestServer } from '../http.js';
import { failure, holdingTransaction, releaseOnceBlocked } from '../db-locks.js';

let server: TestServer;
let appealId: number;
let otherAppealId: number;

beforeAll(async () => {
  server = await startTestServer();
  const { questionTypeId } = await routedQuestionType(server.ctx.deps);
  const operator = await server.signIn('operator');
  for (let i = 0; i < 2; i++) {
    const res = await operator.post<{ id: number }>('/api/v1/appeals', appealBody(questionTypeId));
    expect(res.status).toBe(201);
    if (i === 0) appealId = res.body.id;
    else otherAppealId = res.body.id;
  }
  // More history: cancel one appeal (two events at least on each).
  const cancel = await operator.post(`/api/v1/appeals/${appealId}/cancel`, {
    comment: 'Заявник відкликав',
  });
  expect(cancel.status).toBeLessThan(300);
  const admin = await server.signIn('administrator');
  const created = await admin.post('/api/v1/users', {
    login: 'audit-probe',
    fullName: 'Перевірка Журналу',
    role: 'analyst',
    password: 'a-long-password-1',
  });
  expect(created.status).toBe(201);
});
afterAll(() => server.close());

const db = () => server.ctx.deps.db;

async function tamper(statement: string, table = 'appeal_events'): Promise<void> {
  await sql.raw(`ALTER TABLE ${table} DISABLE TRIGGER USER`).execute(db());
  try {
    await sql.raw(statement).execute(db());
  } finally {
    await sql.raw(`ALTER TABLE ${table} ENABLE TRIGGER USER`).execute(db());
  }
}

describe('append-only', () => {
  it.each([
    `UPDATE appeal_events SET comment = 'x'`,
    `DELETE FROM appeal_events`,
    `TRUNCATE appeal_events CASCADE`,
    `UPDATE audit_log SET action = 'x'`,
    `DELETE FROM audit_log`,
    `DELETE FROM appeal_history_heads`,
  ])('refuses %s', async (statement) => {
    await expect(sql.raw(statement).execute(db())).rejects.toThrow(/append-only/);
  });

  it('the administrator’s change is in the audit log, without the password', async () => {
    const rows = await db().selectFrom('audit_log').selectAll().execute();
    expect(rows.map((r) => r.action)).toContain('createUser');
    expect(JSON.stringify(rows)).not.toContain('a-long-password-1');
  });
});

/** An appeal inserted behind the app, with no history. */
const insertAppeal = async (number: string) =>
  db()
    .insertInto('appeals')
    .values({
      number,
      received_at: new Date(),
      channel: 'import',
      kind: 'application',
      subject: 'individual',
      question_type_id: (await routedQuestionType(server.ctx.deps)).questionTypeId,
      description: 'Звернення без історії',
      status: 'registered',
    })
    .returning('id')
    .executeTakeFirstOrThrow();

// The chain's trigger and the appeals' triggers keep what the history's foreign key kept
// (migration 0047). Each case makes its own appeals; the chains of the story below are not touched.
describe('every event belongs to an appeal that stays', () => {
  const writeEvent = (id: number, trx = db()) =>
    trx.insertInto('appeal_events').values({ appeal_id: id, actor_label: 'test', type: 'comment' });
  it('refuses an event of an appeal that does not exist', async () => {
    const refused = await failure(writeEvent(2_000_000_000).execute());
    expect(refused?.code).toBe('23503');
    expect(refused?.message).toMatch(/appeal 2000000000 does not exist/);
  });

  // An appeal whose only dependants are its events: only the new triggers stand in the way.
  it.each([
    ['deleting it', (id: number) => `DELETE FROM appeals WHERE id = ${id}`, /has a history/],
    [
      'changing its id',
      (id: number) => `UPDATE appeals SET id = -id WHERE id = ${id}`,
      /has a history/,
    ],
    ['truncating the appeals', () => `TRUNCATE appeals CASCADE`, /have a history/],
  ])('refuses %s once its history has begun', async (name, statement, message) => {
    const { id } = await insertAppeal(`WITH-HISTORY-${name.length}`);
    await writeEvent(id).execute();
    const refused = await failure(sql.raw(statement(id)).execute(db()));
    expect(refused?.code).toBe('23503');
    expect(refused?.message).toMatch(message);
    expect(await db().selectFrom('appeals').select('id').where('id', '=', id).execute()).toEqual([
      { id },
    ]);
  });

  it('lets an appeal without history go, and starts the chain of one inserted with its event', async () => {
    const bare = await insertAppeal('NO-HISTORY-1');
    await sql`DELETE FROM appeals WHERE id = ${bare.id}`.execute(db());
    expect(
      await db().selectFrom('appeals').select('id').where('id', '=', bare.id).execute(),
    ).toEqual([]);
    // The appeal and its first event in one statement, as registration writes them.
    const { rows } = await sql<{ appeal_id: number; seq: number }>`
      WITH appeal AS (
        INSERT INTO appeals (number, received_at, channel, kind, subject, question_type_id,
                             description, status)
        SELECT 'ONE-STATEMENT-1', now(), 'import', 'application', 'individual', id,
               'Звернення й подія одним оператором', 'registered'
          FROM question_types ORDER BY id LIMIT 1
        RETURNING id
      )
      INSERT INTO appeal_events (appeal_id, actor_label, type)
      SELECT id, 'test', 'registered' FROM appeal
      RETURNING appeal_id, seq`.execute(db());
    expect(rows.map((r) => r.seq)).toEqual([1]);
    expect(
      await db()
        .selectFrom('appeals')
        .select('number')
        .where('id', '=', rows[0]!.appeal_id)
        .execute(),
    ).toEqual([{ number: 'ONE-STATEMENT-1' }]);
  });

  // Two transactions at once: the trigger's key-share lock orders them as the key did. Only on a
  // server (the embedded engine has one connection).
  it.skipIf(!process.env.DATABASE_URL)(
    'a delete waits for a first event not yet committed, then refuses; an event waits for a delete, then refuses',
    async () => {
      const first = await insertAppeal('RACE-EVENT-FIRST');
      const writer = await holdingTransaction(db(), (trx) => writeEvent(first.id, trx).execute());
      const deleting = failure(sql`DELETE FROM appeals WHERE id = ${first.id}`.execute(db()));
      await releaseOnceBlocked(db(), writer);
      expect((await deleting)?.message).toMatch(/has a history/);

      const second = await insertAppeal('RACE-DELETE-FIRST');
      const deleter = await holdingTransaction(db(), (trx) =>
        sql`DELETE FROM appeals WHERE id = ${second.id}`.execute(trx),
      );
      const writing = failure(writeEvent(second.id).execute());
      await releaseOnceBlocked(db(), deleter);
      expect((await writing)?.message).toMatch(/does not exist/);
    },
    120_000,
  );
});

// A story: intact first, then tampered, then the CLI reports the tampering; its steps keep their
// order under --sequence.shuffle (ADR 020). The append-only block changes nothing, so it may run anywhere.
describe('the hash chains', { shuffle: false }, () => {
  it('are intact after ordinary work', async () => {
    const report = await verifyHistory(server.ctx.deps);
    expect(report.appealEvents).toBeGreaterThanOrEqual(3);
    expect(report.auditEntries).toBeGreaterThanOrEqual(1);
    expect(report.problems).toEqual([]);
  });

  it('give each event written at once its own place, on a new chain and an old one', async () => {
    // Twelve transactions at once on one appeal's chain, and six on a chain with no head yet (an
    // appeal inserted behind the app): the trigger reads the head and moves it on only if nobody
    // moved it meanwhile (migration 0041), so none is lost, none shares a place.
    const fresh = await insertAppeal('CHAIN-1');
    const write = (id: number, i: number) =>
      db()
        .transaction()
        .execute((trx) =>
          trx
            .insertInto('appeal_events')
            .values({ appeal_id: id, actor_label: 'test', type: 'comment', comment: `№ ${i}` })
            .execute(),
        );
    const before = await db()
      .selectFrom('appeal_events')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('appeal_id', '=', otherAppealId)
      .executeTakeFirstOrThrow();
    await Promise.all([
      ...Array.from({ length: 12 }, (_, i) => write(otherAppealId, i)),
      ...Array.from({ length: 6 }, (_, i) => write(fresh.id, i)),
    ]);
    for (const [id, n] of [
      [otherAppealId, Number(before.n) + 12],
      [fresh.id, 6],
    ] as const) {
      const seqs = await db()
        .selectFrom('appeal_events')
        .select('seq')
        .where('appeal_id', '=', id)
        .orderBy('seq')
        .execute();
      expect(seqs.map((r) => r.seq)).toEqual(Array.from({ length: n }, (_, i) => i + 1));
    }
    expect((await verifyHistory(server.ctx.deps)).problems).toEqual([]);
  });

  it('detect a changed row, a removed row, a removed last row and a changed audit entry', async () => {
    await tamper(
      `UPDATE appeal_events SET comment = 'змінено' WHERE appeal_id = ${appealId} AND seq = 1`,
    );
    await tamper(`DELETE FROM appeal_events WHERE appeal_id = ${appealId} AND seq = 2`);
    await tamper(
      `DELETE FROM appeal_events WHERE appeal_id = ${otherAppealId} AND seq = (SELECT max(seq) FROM appeal_events WHERE appeal_id = ${otherAppealId})`,
    );
    await tamper(`UPDATE audit_log SET target = '/elsewhere' WHERE seq = 1`, 'audit_log');
    const { problems } = await verifyHistory(server.ctx.deps);
    expect(problems).toEqual(
      expect.arrayContaining([
        { chain: 'appeal_events', appealId, seq: 1, problem: 'changed' },
        expect.objectContaining({ chain: 'appeal_events', appealId, problem: 'missing' }),
        expect.objectContaining({
          chain: 'appeal_events',
          appealId: otherAppealId,
          problem: 'head',
        }),
        { chain: 'audit_log', appealId: null, seq: 1, problem: 'changed' },
      ]),
    );
  });

  it.skipIf(!process.env.DATABASE_URL)(
    '`kontakt audit verify` reports them and exits 1',
    async () => {
      // Awaited, not spawnSync: the test's event loop stays free, and no 120 s cut-off on a busy
      // machine (the test's timeout is the ceiling).
      const run = await promisify(execFile)(
        process.execPath,
        ['bin/kontakt.mjs', 'audit', 'verify'],
        {
          env: { ...process.env, DATABASE_URL: server.ctx.databaseUrl, LOG_LEVEL: 'silent' },
          encoding: 'utf8',
        },
      ).then(
        ({ stdout }) => ({ status: 0, stdout }),
        (error: { code?: number; stdout?: string }) => ({
          status: error.code ?? -1,
          stdout: error.stdout ?? '',
        }),
      );
      expect(run.stdout).toMatch(/CHANGED: appeal \d+, event 1/);
      expect(run.stdout).toMatch(/CHANGED: audit entry 1/);
      expect(run.status).toBe(1);
    },
    900_000,
  );
});
