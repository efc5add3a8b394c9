/**
 * `node --import tsx bench/works-covering.ts [--engine pglite|postgres] [--works 1000] [--duration S]`
 *
 * Issue 16's target: the works covering an address at intake, p95 ≤ 30 ms with 1,000 active entries
 * and the full address registry. Prepares the bench database (the smallest generated dataset),
 * imports the shared address registry when missing, registers `--works` active entries through
 * the use case (each area resolved to its buildings as in production: 60 % a whole street, 30 % a
 * set of 20 buildings, 10 % a polygon of ~600 m around a building), then measures
 * `worksCovering(db, { buildingId })` in-process at concurrency 1 for random registry
 * buildings (covered or not), and by street. Earlier bench entries (reason «bench») are removed first.
 * Prints the figures and writes JSON under bench/results/.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { importAddresses } from '../src/server/addresses/import-addresses.js';
import { createWork, worksCovering } from '../src/server/works/works.service.js';
import { runCalls } from './lib/load.js';
import { type Engine, openBenchDatabase, prepareDatabase } from './lib/prepare.js';
import { ROOT } from './lib/server.js';

const { values } = parseArgs({
  options: {
    engine: { type: 'string', default: 'pglite' },
    works: { type: 'string', default: '1000' },
    duration: { type: 'string', default: '10' },
  },
});
const engine = values.engine as Engine;
const worksCount = Number(values.works);
const seconds = Number(values.duration);
const started = Date.now();
const log = (line: string) =>
  console.log(`[works bench ${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${line}`);

/** A small deterministic generator (the same entries every run). */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const target = await prepareDatabase(engine, 2_000, log);
const { database, deps } = await openBenchDatabase(target);
try {
  const dir = join(deps.config.sharedDataDir, 'addresses');
  const have = await deps.db
    .selectFrom('buildings')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  if (Number(have.n) < 70_000) {
    if (!existsSync(dir)) throw new Error(`No address data at ${dir}.`);
    const summary = await importAddresses(deps, dir);
    log(
      `registry imported: ${summary.imported} rows in ${(summary.durationMs / 1000).toFixed(1)} s`,
    );
  }
  const buildings = await deps.db
    .selectFrom('buildings')
    .select(['id', 'street_id', 'latitude', 'longitude'])
    .where('active', '=', true)
    .orderBy('id')
    .execute();
  const streets = [...new Set(buildings.map((b) => b.street_id))];
  log(
    `registry: ${buildings.length.toLocaleString('en')} buildings, ${streets.length.toLocaleString('en')} streets`,
  );

  await sql`DELETE FROM works WHERE reason = 'bench'`.execute(deps.db);
  const random = rng(1551);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const actor = { kind: 'system' as const, label: 'bench' };
  const now = new Date();
  const services = ['cold_water', 'hot_water', 'heating', 'electricity', 'gas'] as const;
  const createStarted = performance.now();
  for (let i = 0; i < worksCount; i++) {
    const r = random();
    let area: Parameters<typeof createWork>[2]['area'];
    if (r < 0.6)
      area = { buildingIds: [], streetIds: [pick(streets)], districtIds: [], polygon: null };
    else if (r < 0.9)
      area = {
        buildingIds: Array.from({ length: 20 }, () => pick(buildings).id),
        streetIds: [],
        districtIds: [],
        polygon: null,
      };
    else {
      let centre = pick(buildings);
      while (centre.latitude === null || centre.longitude === null) centre = pick(buildings);
      const [lat, lon] = [centre.latitude, centre.longitude];
      const d = 0.004;
      area = {
        buildingIds: [],
        streetIds: [],
        districtIds: [],
        polygon: {
          type: 'Polygon',
          coordinates: [
            [
              [lon - d, lat - d],
              [lon + d, lat - d],
              [lon + d, lat + d],
              [lon - d, lat + d],
              [lon - d, lat - d],
            ],
          ],
        },
      };
    }
    const work = await createWork(deps, actor, {
      kind: r < 0.3 ? 'emergency' : 'planned',
      service: pick(services),
      area,
      startsAt: new Date(now.getTime() - 3600_000).toISOString(),
      expectedEndAt: new Date(now.getTime() + 48 * 3600_000).toISOString(),
      reason: 'bench',
      organisationId: null,
      organisationName: null,
      publicTextUk: `Роботи ${i}`,
      publicTextEn: null,
    });
    await deps.db
      .updateTable('works')
      .set({ status: 'active' })
      .where('id', '=', work.id)
      .execute();
  }
  const createSeconds = (performance.now() - createStarted) / 1000;
  const coverage = await sql<{ n: number }>`SELECT count(*)::int AS n FROM work_buildings`.execute(
    deps.db,
  );
  log(
    `${worksCount} active entries registered in ${createSeconds.toFixed(1)} s; ${coverage.rows[0]!.n.toLocaleString('en')} entry × building rows`,
  );

  const options = { concurrency: 1, seconds, warmupSeconds: 2, maxRequests: 100_000 };
  const byBuilding = await runCalls(
    () => worksCovering(deps.db, { buildingId: pick(buildings).id }),
    options,
  );
  log(
    `by building: p50 ${byBuilding.p50.toFixed(2)} ms, p95 ${byBuilding.p95.toFixed(2)} ms, ${byBuilding.requests} calls`,
  );
  const byStreet = await runCalls(
    () => worksCovering(deps.db, { streetId: pick(streets) }),
    options,
  );
  log(
    `by street: p50 ${byStreet.p50.toFixed(2)} ms, p95 ${byStreet.p95.toFixed(2)} ms, ${byStreet.requests} calls`,
  );
  const result = {
    engine,
    works: worksCount,
    buildings: buildings.length,
    streets: streets.length,
    coverageRows: coverage.rows[0]!.n,
    createSeconds,
    byBuilding,
    byStreet,
    target: 'p95 ≤ 30 ms',
    met: byBuilding.p95 <= 30 && byBuilding.errors === 0,
    loadAverage: loadavg()[0] ?? 0,
    at: new Date().toISOString(),
  };
  const out = join(ROOT, 'bench', 'results');
  mkdirSync(out, { recursive: true });
  writeFileSync(
    join(out, `latest-works-covering-${engine}.json`),
    `${JSON.stringify(result, null, 2)}\n`,
  );
  log(
    `target p95 ≤ 30 ms: ${result.met ? 'met' : 'NOT met'} (load average ${result.loadAverage.toFixed(1)})`,
  );
} finally {
  await database.close();
}
