/**
 * The cluster test (issue 21, item 4; ADR 055): three `kontakt serve` processes on one fresh
 * PostgreSQL database behind an HAProxy of the test's own, a bounded load through the proxy, and
 * one node killed with `kill -9` in the middle and started again. Afterwards: every acknowledged
 * registration, answer and review is in the database exactly once, the year's numbers have no gap,
 * every stored file comes back byte for byte through every node, every e-mail of the outbox
 * reached the SMTP server once (a re-send of a message the killed node had leased is counted
 * apart: delivery is at least once), and the jobs all three nodes run did their work once.
 * `npm run test:cluster`; CI runs it after the PostgreSQL pass.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerAppealSchema } from '../../src/contract/appeal-registration.schemas.js';
import { databaseFileStore } from '../../src/server/attachments/file-store.js';
import { registerAppeal } from '../../src/server/appeals/register-appeal.js';
import { saveCalendar, seedCalendar } from '../../src/server/calendar/calendar.repository.js';
import { loadConfig } from '../../src/server/config.js';
import type { Deps, UserActor } from '../../src/server/context.js';
import { type Database, openDatabase } from '../../src/server/db/database.js';
import { migrateToLatest } from '../../src/server/db/migrate.js';
import { seedReferenceData } from '../../src/server/setup/seed-reference-data.js';
import { createUser } from '../../src/server/users/users.service.js';
import { appealBody, makeUser, routedQuestionType, TEST_PASSWORD } from '../factories.js';
import { ApiClient } from '../http.js';
import { startTestSmtp, type TestSmtp } from '../smtp.js';
import {
  type ClusterDatabase,
  clusterNode,
  type ClusterNode,
  createClusterDatabase,
  HAPROXY,
  type Haproxy,
  startHaproxy,
} from './cluster.js';
import { checkOutbox, waitForOutbox } from './outbox-check.js';
import { emptyTally, runLoad, sha256, type Tally } from './load.js';

/** How long the load runs, when the node is killed, how many clients at once. */
const LOAD_MS = 40_000;
const KILL_AFTER_MS = 10_000;
const WORKERS = 12;
/** Appeals made past their control date before the nodes start: the deadline sweep's work. */
const OVERDUE = 4;
const DIGEST_EMAIL = 'digest-cluster@example.org';

const haproxyMissing = !existsSync(HAPROXY);
if (haproxyMissing && process.env.CI === 'true') {
  throw new Error(`${HAPROXY} is missing: .ci/run installs the Debian package haproxy`);
}
if (haproxyMissing) console.warn(`cluster test skipped: ${HAPROXY} is not installed`);

let database: ClusterDatabase;
let db: Database;
let deps: Deps;
let scratch: string;
let smtp: TestSmtp;
let nodes: ClusterNode[] = [];
let proxy: Haproxy | undefined;
let questionTypeId: number;
let overdueIds: number[];
const login = { operator: '', executor: '', controller: '' };

beforeAll(async () => {
  if (haproxyMissing) return;
  scratch = await mkdtemp(join(tmpdir(), 'kontakt-cluster-'));
  database = await createClusterDatabase();
  db = await openDatabase({ databaseUrl: database.url, poolSize: 4 });
  const config = loadConfig({ DATABASE_URL: database.url, KONTAKT_DATA_DIR: scratch });
  deps = {
    db: db.db,
    config,
    now: () => new Date(),
    files: databaseFileStore(db.db, join(scratch, 'tmp')),
  };
  // The database as an installation has it before its nodes start: migrated, seeded, with a
  // 24/7 calendar (notifications go at any hour, so the test may run at night) and its staff.
  await migrateToLatest(db.db);
  await seedReferenceData(db.db);
  await saveCalendar(
    db.db,
    { ...seedCalendar(config.timeZone, new Date()), alwaysOpen: true },
    null,
    new Date(),
  );
  const routed = await routedQuestionType(deps);
  questionTypeId = routed.questionTypeId;
  const operator = await makeUser(deps, 'operator');
  const executor = await makeUser(deps, 'executor', { organisationId: routed.executorId });
  const controller = await makeUser(deps, 'controller');
  await createUser(deps, {
    login: 'head-cluster',
    fullName: 'Вигадана Керівниця Змін',
    role: 'supervisor',
    organisationId: null,
    password: TEST_PASSWORD,
    email: 'head-cluster@example.org',
  });
  Object.assign(login, {
    operator: operator.login,
    executor: executor.login,
    controller: controller.login,
  });
  const actor: UserActor = {
    kind: 'user',
    id: operator.id,
    login: operator.login,
    fullName: operator.fullName,
    role: 'operator',
    organisationId: null,
  };
  overdueIds = [];
  for (let i = 0; i < OVERDUE; i++) {
    const body = registerAppealSchema.parse(appealBody(questionTypeId));
    overdueIds.push((await registerAppeal(deps, actor, body)).id);
  }
  await db.db
    .updateTable('appeals')
    .set({ control_date: sql<Date>`now() - interval '2 hours'` })
    .where('id', 'in', overdueIds)
    .execute();

  smtp = await startTestSmtp();
  const env = {
    LOG_LEVEL: 'warn',
    KONTAKT_JOBS: 'true',
    KONTAKT_BUILD_WEB: 'false',
    KONTAKT_TRUST_PROXY: 'true',
    KONTAKT_SHUTDOWN_GRACE_SECONDS: '5',
    SMTP_URL: smtp.url,
    MAIL_FROM: 'Kontakt <kontakt@cluster.example>',
    KONTAKT_DIGEST_HOUR: '0',
    KONTAKT_DIGEST_EMAILS: DIGEST_EMAIL,
    KONTAKT_SHARED_DATA: join(scratch, 'no-shared-data'),
  };
  nodes = await Promise.all(
    ['a', 'b', 'c'].map((n) => clusterNode(`node-${n}`, database.url, env)),
  );
  await Promise.all(nodes.map((n) => n.start()));
  proxy = await startHaproxy(nodes.map((n) => `127.0.0.1:${n.port}`));
}, 600_000);

afterAll(async () => {
  if (haproxyMissing) return;
  await proxy?.stop();
  await Promise.all(nodes.map((n) => n.stop()));
  await smtp?.close();
  await db?.close();
  await database?.drop();
  await rm(scratch, { recursive: true, force: true });
}, 120_000);

async function signIn(baseUrl: string, user: string): Promise<ApiClient> {
  const client = new ApiClient(baseUrl);
  const res = await client.post('/api/v1/auth/login', { login: user, password: TEST_PASSWORD });
  if (res.status !== 200) throw new Error(`sign-in of ${user} failed: ${JSON.stringify(res.body)}`);
  return client;
}

/** Markers found in `texts` (`(markXXXX)`), with how many times each. */
function markerCounts(texts: string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const text of texts) {
    const marker = /\((mark[0-9a-f]{12})\)/.exec(text)?.[1];
    if (marker) counts.set(marker, (counts.get(marker) ?? 0) + 1);
  }
  return counts;
}

describe.skipIf(haproxyMissing)('three nodes behind HAProxy, one killed with kill -9', () => {
  it('keeps every acknowledged request once, numbers gapless, files on every node, mail once', async () => {
    const through = proxy!.baseUrl;
    const operators = await Promise.all(
      Array.from({ length: WORKERS }, () => signIn(through, login.operator)),
    );
    const executor = await signIn(through, login.executor);
    const controller = await signIn(through, login.controller);

    const tally: Tally = emptyTally();
    const started = Date.now();
    const load = runLoad(
      { operators, executor, controller, questionTypeId, until: started + LOAD_MS },
      tally,
    );
    await new Promise((r) => setTimeout(r, KILL_AFTER_MS));
    const victim = nodes[1]!;
    const killedAt = new Date();
    await victim.killHard();
    const killedAfter = Date.now() - started;
    await victim.start();
    const backAfter = Date.now() - started;
    await load;
    const loadMs = Date.now() - started;

    // Registrations, by the marker each carries in its text.
    const rows = await db.db
      .selectFrom('appeals')
      .select(['id', 'number', 'description'])
      .where('description', 'like', '%(mark%')
      .execute();
    const found = markerCounts(rows.map((r) => r.description));
    const acknowledged = [...tally.acknowledged.keys()];
    const lost = acknowledged.filter((m) => !found.has(m));
    const duplicated = [...found].filter(([, n]) => n > 1).map(([m]) => m);
    const foundAcknowledged = acknowledged.length - lost.length;
    const committedUnanswered = [...found.keys()].filter((m) => !tally.acknowledged.has(m));
    const byMarker = new Map(
      rows.map((r) => [/\((mark[0-9a-f]{12})\)/.exec(r.description)?.[1], r]),
    );
    const wrongRow = acknowledged.filter((m) => {
      const row = byMarker.get(m);
      return row !== undefined && row.id !== tally.acknowledged.get(m)!.id;
    });

    // The year's numbers: 1…n with no gap and no repeat, and the counter at n.
    const numbers = await db.db.selectFrom('appeals').select('number').execute();
    const gaps: string[] = [];
    const byYear = new Map<string, number[]>();
    for (const { number } of numbers) {
      const [year = '', serial = ''] = number.split('-');
      byYear.set(year, [...(byYear.get(year) ?? []), Number(serial)]);
    }
    const counters = await db.db.selectFrom('registration_counters').selectAll().execute();
    for (const [year, serials] of byYear) {
      serials.sort((a, b) => a - b);
      serials.forEach((s, i) => {
        if (s !== i + 1) gaps.push(`${year}: position ${i + 1} holds ${s}`);
      });
      const counter = counters.find((c) => String(c.year) === year)?.last_value;
      if (counter !== serials.length)
        gaps.push(`${year}: counter ${counter}, ${serials.length} appeals`);
    }

    // Answers and reviews, by their markers.
    const responseRows = await db.db.selectFrom('responses').select('text').execute();
    const reviewRows = await db.db
      .selectFrom('reviews')
      .select('comment')
      .where('comment', 'is not', null)
      .execute();
    const responsesFound = markerCounts(responseRows.map((r) => r.text));
    const reviewsFound = markerCounts(reviewRows.map((r) => r.comment ?? ''));
    const stepProblems = [
      ...tally.responses
        .map((t) => markerCounts([t]).keys().next().value!)
        .filter((m) => responsesFound.get(m) !== 1)
        .map((m) => `response ${m} found ${responsesFound.get(m) ?? 0} times`),
      ...tally.reviews
        .map((t) => markerCounts([t]).keys().next().value!)
        .filter((m) => reviewsFound.get(m) !== 1)
        .map((m) => `review ${m} found ${reviewsFound.get(m) ?? 0} times`),
      ...[...responsesFound, ...reviewsFound]
        .filter(([, n]) => n > 1)
        .map(([m, n]) => `${m} stored ${n} times`),
    ];

    // Files: one per appeal at most (each got one upload), and each acknowledged one byte for byte
    // through every node, not only through the proxy.
    const doubledFiles = await db.db
      .selectFrom('attachments')
      .select(['appeal_id', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('appeal_id')
      .having((eb) => eb.fn.countAll(), '>', 1)
      .execute();
    const fileProblems: string[] = [];
    let downloads = 0;
    for (const node of nodes) {
      const reader = new ApiClient(node.baseUrl, operators[0]!.cookie);
      const queue = [...tally.uploads];
      await Promise.all(
        Array.from({ length: 8 }, async () => {
          for (let u = queue.shift(); u; u = queue.shift()) {
            const res = await fetch(`${node.baseUrl}${u.url}`, {
              headers: { cookie: reader.cookie },
            });
            const bytes = Buffer.from(await res.arrayBuffer());
            downloads += 1;
            if (res.status !== 200 || sha256(bytes) !== u.sha256) {
              fileProblems.push(`${node.name} ${u.url} (${u.kind}): ${res.status}`);
            }
          }
        }),
      );
    }

    // Mail: the outbox delivered, each row once at the SMTP server (ADR 055).
    const outbox = await waitForOutbox(db.db, killedAt);
    const mail = checkOutbox(outbox, smtp.messages);
    const receiptsMissing = await db.db
      .selectFrom('appeals as a')
      .select('a.id')
      .where('a.id', 'in', [...tally.acknowledged.values()].map((a) => a.id).concat([-1]))
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('notifications as n')
              .select('n.id')
              .whereRef('n.appeal_id', '=', 'a.id')
              .where('n.kind', '=', 'tracking_code'),
          ),
        ),
      )
      .execute();

    // Jobs that all three nodes run, done once: the deadline sweep and the morning digest.
    const overdueEvents = await db.db
      .selectFrom('appeal_events')
      .select(['appeal_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('type', '=', 'deadline_overdue')
      .where('appeal_id', 'in', overdueIds)
      .groupBy('appeal_id')
      .execute();
    const digests = await db.db.selectFrom('morning_digests').select('day').execute();
    const digestMail = smtp.messages.filter((m) => m.to === DIGEST_EMAIL).length;

    const answers = [...tally.answers].sort().map(([k, n]) => `${k}: ${n}`);
    console.log(
      [
        '',
        `load ${Math.round(loadMs / 1000)} s, ${WORKERS} clients; ${victim.name} killed at ` +
          `${Math.round(killedAfter / 1000)} s, ready again at ${Math.round(backAfter / 1000)} s`,
        `answers: ${answers.join(', ')}`,
        `registrations: ${tally.attempted.length} attempted, ${tally.replays} answered as replays, ` +
          `${committedUnanswered.length} committed without an answer reaching the client`,
        `numbers: ${numbers.length} in ${byYear.size} year(s), ${gaps.length} gaps`,
        `files: ${tally.uploads.length} acknowledged, ${downloads} downloads through ${nodes.length} nodes, ` +
          `${fileProblems.length} wrong`,
        `answers and reviews: ${tally.responses.length} and ${tally.reviews.length} acknowledged, ` +
          `${stepProblems.length} problems`,
        `mail: ${mail.rows} outbox rows, ${mail.messages} messages, ${mail.resent.length} re-sent ` +
          `after the kill (leased by the killed node), ${mail.problems.length} problems`,
        `jobs: ${overdueEvents.length}/${OVERDUE} overdue appeals marked, ${digests.length} digest(s), ` +
          `${digestMail} digest e-mail(s)`,
        '',
        `cluster: ${acknowledged.length} acknowledged, ${foundAcknowledged} found, ` +
          `${lost.length} lost, ${duplicated.length} duplicated`,
      ].join('\n'),
    );

    expect(tally.unexpected).toEqual([]);
    expect(acknowledged.length).toBeGreaterThan(100);
    expect(lost).toEqual([]);
    expect(duplicated).toEqual([]);
    expect(wrongRow).toEqual([]);
    expect(gaps).toEqual([]);
    expect(stepProblems).toEqual([]);
    expect(tally.responses.length).toBeGreaterThan(10);
    expect(tally.reviews.length).toBeGreaterThan(10);
    expect(doubledFiles).toEqual([]);
    expect(tally.uploads.length).toBeGreaterThan(100);
    expect(fileProblems).toEqual([]);
    expect(mail.problems).toEqual([]);
    expect(receiptsMissing).toEqual([]);
    expect(overdueEvents.map((e) => Number(e.n))).toEqual(overdueIds.map(() => 1));
    expect(digests).toHaveLength(1);
    expect(digestMail).toBe(1);
  });
});
