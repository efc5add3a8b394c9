/**
 * Builds one migrated and seeded template database per test run; each test file then copies it
 * (PGlite: a data-directory dump loaded in memory; PostgreSQL: CREATE DATABASE … TEMPLATE).
 * Runs against PostgreSQL when DATABASE_URL is set, against embedded PGlite otherwise.
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../src/server/db/database.js';
import { migrateToLatest } from '../src/server/db/migrate.js';
import type { DB } from '../src/server/db/schema.js';
import { seedReferenceData } from '../src/server/setup/seed-reference-data.js';
import { adminUrl, databaseUrlWithName } from './pg-urls.js';
import { buildBundle, bundleFresh } from '../bin/server-bundle.mjs';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplatePath: string;
    pgTemplateName: string;
    runId: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const runId = `${Date.now().toString(36)}${process.pid.toString(36)}`;
  project.provide('runId', runId);
  const url = process.env.DATABASE_URL;
  // The `kontakt` processes the suites spawn run the server bundle (ADR 063): built once here,
  // not by the first few of them at once.
  if (!bundleFresh()) await buildBundle();

  if (url) {
    const templateName = `kontakt_tpl_${runId}`;
    const admin = new pg.Client({ connectionString: adminUrl(url) });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${templateName}`);
    const db = new Kysely<DB>({
      dialect: new PostgresDialect({
        pool: new pg.Pool({ connectionString: databaseUrlWithName(url, templateName), max: 1 }),
      }),
    });
    await migrateToLatest(db);
    await seedReferenceData(db);
    await db.destroy();
    project.provide('pgTemplateName', templateName);
    project.provide('pgliteTemplatePath', '');
    return async () => {
      // Drop the template and whatever a crashed test file left of this run.
      const { rows } = await admin.query<{ datname: string }>(
        `SELECT datname FROM pg_database WHERE datname LIKE $1 OR datname = $2`,
        [`kontakt_t_${runId}_%`, templateName],
      );
      for (const row of rows)
        await admin.query(`DROP DATABASE IF EXISTS ${row.datname} WITH (FORCE)`);
      await admin.end();
    };
  }

  const database = await openDatabase({ dataDir: 'memory://' });
  await migrateToLatest(database.db);
  await seedReferenceData(database.db);
  if (!database.dumpDataDir) throw new Error('The embedded database cannot dump itself.');
  const dump = await database.dumpDataDir();
  const dir = join(process.cwd(), '.tmp');
  await mkdir(dir, { recursive: true });
  const path = join(dir, `pglite-template-${runId}.tar.gz`);
  await writeFile(path, Buffer.from(await dump.arrayBuffer()));
  await database.close();
  project.provide('pgliteTemplatePath', path);
  project.provide('pgTemplateName', '');
  return async () => {
    await rm(path, { force: true });
  };
}
