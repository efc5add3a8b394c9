/**
 * The benchmark's database: its own PostgreSQL database `kontakt_bench_<scale>` on the server of
 * DATABASE_URL (never the `test` database), or a PGlite data directory under bench/.data/. Filled
 * once by `kontakt generate` and reused while its marker says it holds that scale. Bench users are
 * created in it before the server starts.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import pg from 'pg';
import { loadConfig, type Config } from '../../src/server/config.js';
import type { Deps } from '../../src/server/context.js';
import { type Database, openDatabase } from '../../src/server/db/database.js';
import { diskFileStore } from '../../src/server/attachments/file-store.js';
import { migrateToLatest } from '../../src/server/db/migrate.js';
import { createUser } from '../../src/server/users/users.service.js';
import type { Role } from '../../src/domain/vocabulary.js';
import { ROOT } from './server.js';

const run = promisify(execFile);

/** The seed every benchmark dataset is generated with. */
export const BENCH_SEED = 1551;
/** Password of the bench users (only ever in the bench database). */
export const BENCH_PASSWORD = 'bench-password-1551';
const MARKER_KEY = 'bench.dataset';

export type Engine = 'pglite' | 'postgres';

export interface BenchTarget {
  engine: Engine;
  scale: number;
  /** Environment for `kontakt` processes (server, generator) to use this database. */
  env: Record<string, string>;
  /** For PostgreSQL: the bench database's URL. */
  databaseUrl?: string;
  /** For PGlite: the data directory. */
  dataDir?: string;
  /** Seconds the generator took now (null when an existing dataset was reused). */
  generateSeconds: number | null;
}

function adminUrlOf(): string {
  const url = new URL(process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres');
  url.pathname = '/postgres';
  return url.toString();
}

/** Run `kontakt generate` in a child process against `env`. @returns its seconds. */
async function generate(env: Record<string, string>, scale: number): Promise<number> {
  const started = Date.now();
  const { stdout } = await run(
    process.execPath,
    ['bin/kontakt.mjs', 'generate', '--appeals', String(scale), '--seed', String(BENCH_SEED)],
    { cwd: ROOT, env: { ...process.env, ...env }, maxBuffer: 16 << 20 },
  );
  process.stdout.write(stdout.replace(/^/gm, '  | '));
  return (Date.now() - started) / 1000;
}

/**
 * Make sure the bench database of `engine` holds `scale` generated appeals.
 *
 * @param log progress lines.
 */
export async function prepareDatabase(
  engine: Engine,
  scale: number,
  log: (line: string) => void,
): Promise<BenchTarget> {
  if (engine === 'postgres') {
    // KONTAKT_BENCH_DATABASE: a database of one's own when several people share a server.
    const name = process.env.KONTAKT_BENCH_DATABASE || `kontakt_bench_${scale}`;
    if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name))
      throw new Error('KONTAKT_BENCH_DATABASE must be a plain lower-case identifier.');
    if (name === 'test') throw new Error('Refusing to use the test database.');
    const adminUrl = adminUrlOf();
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    const databaseUrl = url.toString();
    const env = { DATABASE_URL: databaseUrl };
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    try {
      const exists = (await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]))
        .rowCount;
      let ready = false;
      if (exists) {
        const client = new pg.Client({ connectionString: databaseUrl });
        await client.connect();
        try {
          const marker = await client
            .query<{ value: { appeals: number } }>('SELECT value FROM settings WHERE key = $1', [
              MARKER_KEY,
            ])
            .catch(() => ({ rows: [] }));
          ready = marker.rows[0]?.value.appeals === scale;
        } finally {
          await client.end();
        }
      }
      if (ready) {
        log(`reusing database ${name} (${scale.toLocaleString('en')} generated appeals)`);
        return { engine, scale, env, databaseUrl, generateSeconds: null };
      }
      log(`creating database ${name} and generating ${scale.toLocaleString('en')} appeals…`);
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.query(`CREATE DATABASE ${name}`);
    } finally {
      await admin.end();
    }
    const seconds = await generate(env, scale);
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    await client.query(
      `INSERT INTO settings (key, value) VALUES ($1, $2::jsonb)
       ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value`,
      [MARKER_KEY, JSON.stringify({ appeals: scale, seed: BENCH_SEED, generateSeconds: seconds })],
    );
    await client.end();
    return { engine, scale, env, databaseUrl, generateSeconds: seconds };
  }

  const dataDir = join(ROOT, 'bench', '.data', `pglite-${scale}`);
  const markerFile = join(dataDir, 'bench-dataset.json');
  const env = { KONTAKT_DATA_DIR: dataDir, DATABASE_URL: '' };
  if (existsSync(markerFile)) {
    const marker = JSON.parse(readFileSync(markerFile, 'utf8')) as { appeals: number };
    if (marker.appeals === scale) {
      log(`reusing ${dataDir} (${scale.toLocaleString('en')} generated appeals)`);
      return { engine, scale, env, dataDir, generateSeconds: null };
    }
  }
  log(`creating ${dataDir} and generating ${scale.toLocaleString('en')} appeals…`);
  rmSync(dataDir, { recursive: true, force: true });
  mkdirSync(dataDir, { recursive: true });
  const seconds = await generate(env, scale);
  writeFileSync(
    markerFile,
    `${JSON.stringify({ appeals: scale, seed: BENCH_SEED, generateSeconds: seconds }, null, 2)}\n`,
  );
  return { engine, scale, env, dataDir, generateSeconds: seconds };
}

/** Open the bench database in this process (PGlite: only while no server holds it). */
export async function openBenchDatabase(
  target: BenchTarget,
): Promise<{ database: Database; deps: Deps }> {
  const database = await openDatabase({
    databaseUrl: target.databaseUrl,
    ...(target.dataDir ? { dataDir: target.dataDir } : {}),
    command: 'npm run bench',
    poolSize: 10,
  });
  await migrateToLatest(database.db);
  const config: Config = {
    ...loadConfig({ ...process.env, ...target.env }),
    databaseUrl: target.databaseUrl,
  };
  const deps: Deps = {
    db: database.db,
    config,
    now: () => new Date(),
    files: diskFileStore(join(ROOT, 'bench', '.data', 'files')),
  };
  return { database, deps };
}

/** What the scenarios need from the dataset. */
export interface Fixture {
  /** The organisation with the most pending assignments (the largest inbox). */
  busiestExecutorId: number;
  busiestPending: number;
  /** Appeal ids to open cards of (with histories). */
  cardIds: number[];
  /** Question type ids to register appeals with. */
  questionTypeIds: number[];
  /** received_at of the 100,000th newest appeal (export from there), or null for all. */
  exportFrom: string | null;
  exportRows: number;
  openAppeals: number;
  totalAppeals: number;
  logins: Record<'operator' | 'supervisor' | 'executor', string>;
}

/** Create the bench users (once) and read what the scenarios need. */
export async function prepareFixture(deps: Deps): Promise<Fixture> {
  const db = deps.db;
  const busiest = await db
    .selectFrom('assignments')
    .select(['executor_id', (eb) => eb.fn.countAll<string>().as('n')])
    .where('state', '=', 'pending')
    .groupBy('executor_id')
    .orderBy('n', 'desc')
    .limit(1)
    .executeTakeFirstOrThrow();
  const logins = {
    operator: 'bench-operator',
    supervisor: 'bench-supervisor',
    executor: `bench-executor-${busiest.executor_id}`,
  };
  const users: [string, Role, number | null][] = [
    [logins.operator, 'operator', null],
    [logins.supervisor, 'supervisor', null],
    [logins.executor, 'executor', busiest.executor_id],
  ];
  for (const [login, role, organisationId] of users) {
    const existing = await db
      .selectFrom('users')
      .select('id')
      .where('login', '=', login)
      .executeTakeFirst();
    if (!existing) {
      await createUser(deps, {
        login,
        fullName: `Бенчмарк ${role}`,
        role,
        organisationId,
        password: BENCH_PASSWORD,
      });
    }
  }
  const total = await db
    .selectFrom('appeals')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  const open = await db
    .selectFrom('appeals')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('status', '!=', 'closed')
    .executeTakeFirstOrThrow();
  // Cards spread over the whole id range (old and recent appeals), deterministic.
  const maxId = await db
    .selectFrom('appeals')
    .select((eb) => eb.fn.max<number>('id').as('max'))
    .executeTakeFirstOrThrow();
  const step = Math.max(1, Math.floor(Number(maxId.max) / 500));
  const cards = await sql<{ id: number }>`
    SELECT id FROM appeals WHERE id % ${step} = 0 ORDER BY id LIMIT 500`.execute(db);
  const types = await db
    .selectFrom('question_types as qt')
    .innerJoin('routing_rules as r', 'r.question_type_id', 'qt.id')
    .select('qt.id')
    .where('qt.active', '=', true)
    .orderBy('qt.id')
    .execute();
  const fromRow = await db
    .selectFrom('appeals')
    .select('received_at')
    .orderBy('received_at', 'desc')
    .orderBy('id', 'desc')
    .offset(99_999)
    .limit(1)
    .executeTakeFirst();
  const totalAppeals = Number(total.n);
  return {
    busiestExecutorId: busiest.executor_id,
    busiestPending: Number(busiest.n),
    cardIds: cards.rows.map((r) => r.id),
    questionTypeIds: types.map((t) => t.id),
    exportFrom: fromRow ? fromRow.received_at.toISOString() : null,
    exportRows: Math.min(100_000, totalAppeals),
    openAppeals: Number(open.n),
    totalAppeals,
    logins,
  };
}
