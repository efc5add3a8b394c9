/**
 * Issue 18's must-show, on a generated history (`kontakt generate`'s generator, ten districts):
 * 12 weeks of a smaller city's appeals; over the last 30 days the detector (the minute job's own
 * pure functions, every 15 minutes of those days) raises few false alerts — the figure is printed;
 * then 30 appeals of one question type in one district within the last hour raise exactly one
 * alert at the job's next run, a second run raises nothing new; and 30 in another district where
 * an outage of the type's service is registered raise an alert marked explained by it.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEFAULT_SPIKE_PARAMETERS,
  detectSpikes,
  hoursToRead,
  sameSpike,
} from '../../src/domain/spikes.js';
import { registerAppealSchema } from '../../src/contract/appeal-registration.schemas.js';
import { workInput } from '../../src/contract/works.schemas.js';
import { registerAppeal } from '../../src/server/appeals/register-appeal.js';
import type { UserActor } from '../../src/server/context.js';
import { generateAppeals } from '../../src/server/generate/generate-appeals.js';
import { insertSink, postgresCopySink } from '../../src/server/generate/sinks.js';
import { recountAppeals, storedCounts } from '../../src/server/monitoring/appeal-counts.js';
import { runSpikeDetection } from '../../src/server/monitoring/alerts.service.js';
import { createWork } from '../../src/server/works/works.service.js';
import { appealBody, makeUser } from '../factories.js';
import { createTestContext, type TestContext } from '../test-db.js';

const H = 3_600_000;
const UNTIL = new Date('2026-11-30T09:00:00Z'); // a Monday, 11:00 in Kyiv
const DAYS = 84; // 8 weeks of baseline before the 30 days watched, and a little more
const PER_DAY = 350;

let ctx: TestContext;
let supervisor: UserActor;
const districts: { districtId: number; buildingId: number }[] = [];

/** A district with one building (the works registry covers buildings). */
async function district(n: number): Promise<{ districtId: number; buildingId: number }> {
  const db = ctx.deps.db;
  const suffix = randomBytes(3).toString('hex');
  const d = await db
    .insertInto('districts')
    .values({ city: 'Тестове місто', name: `Район ${n}`, source_key: `mon-d:${suffix}` })
    .returning('id')
    .executeTakeFirstOrThrow();
  const street = await db
    .insertInto('streets')
    .values({
      city: 'Тестове місто',
      type: 'вулиця',
      name: `Тестова ${n}`,
      source_key: `mon-s:${suffix}`,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const b = await db
    .insertInto('buildings')
    .values({
      street_id: street.id,
      house_number: '1',
      house_key: '1',
      latitude: 50 + n / 100,
      longitude: 30.5,
      district_id: d.id,
      source_key: `mon-b:${suffix}`,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { districtId: d.id, buildingId: b.id };
}

beforeAll(async () => {
  ctx = await createTestContext();
  for (let n = 1; n <= 10; n++) districts.push(await district(n));
  const sink = ctx.databaseUrl ? await postgresCopySink(ctx.databaseUrl) : insertSink(ctx.deps.db);
  const started = Date.now();
  try {
    await generateAppeals(ctx.deps.db, sink, {
      appeals: DAYS * PER_DAY,
      days: DAYS,
      seed: 18,
      until: UNTIL,
      sharedDataDir: ctx.config.sharedDataDir,
      timeZone: ctx.config.timeZone,
      executors: 60,
      chunkSize: 5_000,
    });
  } finally {
    await sink.close();
  }
  console.log(
    `generated ${DAYS * PER_DAY} appeals over ${DAYS} days in ${Date.now() - started} ms`,
  );
  const u = await makeUser(ctx.deps, 'supervisor');
  supervisor = {
    kind: 'user',
    id: u.id,
    login: u.login,
    fullName: 'Керівник',
    role: 'supervisor',
    organisationId: null,
  };
}, 600_000);
afterAll(async () => {
  await ctx.close();
});

describe('spikes on a generated history', () => {
  it('keeps the live counts equal to a full recount of the generated appeals', async () => {
    const stored = await storedCounts(ctx.deps.db);
    // The generated history ends at UNTIL; the burst test's appeals come after it (any order).
    const generated = stored.filter((r) => r.hour.getTime() < UNTIL.getTime());
    expect(generated.reduce((s, r) => s + r.appeals, 0)).toBe(DAYS * PER_DAY);
    expect(stored).toEqual(await recountAppeals(ctx.deps.db));
    // The generator places appeals in the registry's districts.
    expect(new Set(stored.map((r) => r.districtId)).size).toBe(10);
  });

  it('raises at most one false alert a day over 30 normal days', async () => {
    const rows = (await storedCounts(ctx.deps.db)).map((r) => ({ ...r, hour: r.hour.getTime() }));
    const byHour = new Map<number, typeof rows>();
    for (const r of rows) {
      const list = byHour.get(r.hour) ?? [];
      list.push(r);
      byHour.set(r.hour, list);
    }
    const firstHour = Math.min(...rows.map((r) => r.hour));
    const zone = ctx.config.timeZone;
    const last = new Map<string, number>();
    let alerts = 0;
    let runs = 0;
    const start = UNTIL.getTime() - 30 * 24 * H;
    for (let now = start; now < UNTIL.getTime(); now += 15 * 60_000) {
      runs++;
      const counts = hoursToRead(now, DEFAULT_SPIKE_PARAMETERS, zone).flatMap(
        (h) => byHour.get(h) ?? [],
      );
      for (const s of detectSpikes({ now, counts, firstHour, zone })) {
        const key = `${s.questionTypeId}:${s.districtId}`;
        const before = last.get(key);
        if (before === undefined || !sameSpike(before, now, DEFAULT_SPIKE_PARAMETERS)) alerts++;
        last.set(key, now);
      }
    }
    console.log(
      `false alerts over 30 generated days (${PER_DAY} appeals a day, ${runs} runs): ${alerts} ` +
        `(${(alerts / 30).toFixed(2)} a day)`,
    );
    expect(alerts / 30).toBeLessThanOrEqual(1);
  });

  it('raises one alert for 30 appeals of one type in one district within an hour, explained where an outage is registered', async () => {
    const types = await ctx.deps.db
      .selectFrom('question_types as qt')
      .innerJoin('routing_rules as r', 'r.question_type_id', 'qt.id')
      .select('qt.id')
      .where('qt.active', '=', true)
      .where('qt.is_emergency', '=', false)
      .orderBy('qt.id')
      .limit(2)
      .execute();
    const [burstType, outageType] = types.map((t) => t.id) as [number, number];
    await ctx.deps.db
      .updateTable('question_types')
      .set({ works_service: 'heating' })
      .where('id', 'in', [burstType, outageType])
      .execute();
    // 10:50 UTC, 110 minutes after the generated history ends (09:00): the burst's appeals,
    // 09:51–10:49, all come after it and within the detector's last hour and the current one.
    const now = new Date(UNTIL.getTime() + 110 * 60_000);
    ctx.setNow(now);
    const burst = async (questionTypeId: number, buildingId: number) => {
      for (let i = 0; i < 30; i++) {
        const receivedAt = new Date(now.getTime() - (59 - 2 * i) * 60_000).toISOString();
        await registerAppeal(
          ctx.deps,
          supervisor,
          registerAppealSchema.parse(
            appealBody(questionTypeId, { buildingId, receivedAt, address: undefined }),
          ),
        );
      }
    };
    // Before the burst: this minute's run raises nothing for the type in the district.
    const quiet = await runSpikeDetection(ctx.deps);
    expect(quiet.ran).toBe(true);
    const [a, b] = [districts[2]!, districts[7]!];
    await burst(burstType, a.buildingId);
    // The next minute's run.
    ctx.setNow(new Date(now.getTime() + 60_000));
    const first = await runSpikeDetection(ctx.deps);
    const raised = await ctx.deps.db
      .selectFrom('monitoring_alerts')
      .selectAll()
      .where('id', 'in', first.raised.length > 0 ? first.raised : [0])
      .execute();
    const forBurst = raised.filter((r) => r.question_type_id === burstType);
    expect(forBurst).toHaveLength(1);
    expect(forBurst[0]).toMatchObject({ district_id: a.districtId, explained_by_work_id: null });
    expect(forBurst[0]!.observed).toBeGreaterThanOrEqual(30);
    expect(forBurst[0]!.appeal_ids.length).toBeGreaterThanOrEqual(30);
    console.log(
      `burst alert: ${forBurst[0]!.observed} against ${forBurst[0]!.expected.toFixed(2)} expected ` +
        `(p = ${forBurst[0]!.p_value.toExponential(2)}); other alerts raised in the same run: ${raised.length - 1}`,
    );
    expect(raised.filter((r) => r.question_type_id !== burstType)).toEqual([]);
    // The same spike a minute later: updated, not raised again.
    ctx.setNow(new Date(now.getTime() + 2 * 60_000));
    const again = await runSpikeDetection(ctx.deps);
    expect(again.raised).toEqual([]);
    expect(again.updated).toContain(forBurst[0]!.id);

    // An outage of heating registered on district b, then a burst of a heating type there.
    const work = await createWork(
      ctx.deps,
      supervisor,
      workInput.parse({
        kind: 'outage',
        service: 'heating',
        area: { buildingIds: [], streetIds: [], districtIds: [b.districtId] },
        startsAt: new Date(now.getTime() - 3 * H).toISOString(),
        expectedEndAt: new Date(now.getTime() + 6 * H).toISOString(),
        reason: 'Аварія на тепломережі',
        publicTextUk: 'Немає опалення через аварію на тепломережі',
      }),
    );
    await burst(outageType, b.buildingId);
    ctx.setNow(new Date(now.getTime() + 3 * 60_000));
    const third = await runSpikeDetection(ctx.deps);
    const explained = await ctx.deps.db
      .selectFrom('monitoring_alerts')
      .selectAll()
      .where('question_type_id', '=', outageType)
      .execute();
    expect(explained).toHaveLength(1);
    expect(third.raised).toEqual([explained[0]!.id]);
    expect(explained[0]).toMatchObject({
      district_id: b.districtId,
      explained_by_work_id: work.id,
    });
    // The first alert (another type, another district) stays unexplained.
    const burstAlert = await ctx.deps.db
      .selectFrom('monitoring_alerts')
      .select('explained_by_work_id')
      .where('id', '=', forBurst[0]!.id)
      .executeTakeFirstOrThrow();
    expect(burstAlert.explained_by_work_id).toBeNull();
  });
});
