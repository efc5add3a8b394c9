/**
 * `kontakt` — the command line: serve, migrate, backup, restore, seed, users create, import, export,
 * generate, assist, audit.
 * Every command reads the same configuration as the server (environment variables, see README).
 * On the embedded database a command refuses to run while a server holds the data directory.
 */
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { Command, InvalidArgumentError, Option } from 'commander';
import { ROLES, type Role } from '../domain/vocabulary.js';
import { type FileStoreKind, migrateFiles, openFileStore } from './attachments/file-store.js';
import { loadConfig, type Config } from './config.js';
import type { Deps } from './context.js';
import { openDatabase } from './db/database.js';
import { migrateToLatest, pendingMigrations } from './db/migrate.js';
import { backupEmbedded, restoreEmbedded } from './ops/backup.js';
import { AppError } from './errors.js';
import { assistCommand } from './assist/assist-command.js';
import { IMPORTERS, type ImportFormat } from './imports/importers.js';
import { formatSummary } from './imports/import-summary.js';
import { runGenerateCommand } from './generate/generate-command.js';
import { writeOpenData } from './portal/open-data.js';
import { verifyHistory } from './audit/audit.service.js';
import { serve } from './serve.js';
import { seedDemo, DEMO_PASSWORD } from './setup/seed-demo.js';
import { seedReferenceData } from './setup/seed-reference-data.js';
import { createUser } from './users/users.service.js';
import { ZodError } from 'zod';

/** Open the database, migrate it, run `work`, close. */
async function withDatabase<T>(
  config: Config,
  command: string,
  work: (deps: Deps) => Promise<T>,
): Promise<T> {
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    command,
  });
  try {
    await migrateToLatest(database.db);
    return await work({
      db: database.db,
      config,
      now: () => new Date(),
      files: openFileStore(config, database.db),
    });
  } finally {
    await database.close();
  }
}

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0)
    throw new InvalidArgumentError('must be a positive whole number');
  return n;
}

const program = new Command('kontakt')
  .description('Kontakt: the software of a city contact centre')
  .showHelpAfterError();

program
  .command('serve')
  .description('run the API (and the web apps) on PORT')
  .option('--demo', 'seed demo users and appeals, print the logins, import the shared real data')
  .action(async (options: { demo?: boolean }) => {
    await serve(loadConfig(), { demo: options.demo === true });
  });

program
  .command('migrate')
  .description('apply pending database migrations')
  .option('--dry-run', 'list the migrations that would run, apply none')
  .action(async (options: { dryRun?: boolean }) => {
    const config = loadConfig();
    const database = await openDatabase({
      databaseUrl: config.databaseUrl,
      dataDir: config.dataDir,
      command: 'kontakt migrate',
    });
    try {
      if (options.dryRun) {
        const pending = await pendingMigrations(database.db);
        console.log(
          pending.length
            ? `Would apply (in this order): ${pending.join(', ')}`
            : 'The schema is up to date: nothing would run.',
        );
        return;
      }
      const applied = await migrateToLatest(database.db);
      console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'The schema is up to date.');
    } finally {
      await database.close();
    }
  });

program
  .command('backup')
  .description(
    'embedded database: write the database and the attachments to one archive (stop the server first)',
  )
  .requiredOption('--out <file>', 'the archive to write (.tar.gz)')
  .action(async (options: { out: string }) => {
    const manifest = await backupEmbedded(loadConfig(), options.out);
    console.log(`Wrote ${options.out}: ${JSON.stringify(manifest.counts)}.`);
  });

program
  .command('restore')
  .description(
    'embedded database: restore an archive of `kontakt backup` into an empty data directory',
  )
  .argument('<file>', 'the archive')
  .action(async (file: string) => {
    const manifest = await restoreEmbedded(loadConfig(), file);
    console.log(
      `Restored the backup of ${manifest.createdAt}: ${JSON.stringify(manifest.counts)}.`,
    );
  });

program
  .command('seed')
  .description(
    'insert the reference data (classifier, executors, routing); with --demo also demo users and appeals',
  )
  .option('--demo', 'also create one demo user per role and sample appeals')
  .action(async (options: { demo?: boolean }) => {
    await withDatabase(loadConfig(), 'kontakt seed', async (deps) => {
      const summary = await seedReferenceData(deps.db);
      console.log(
        `Reference data: +${summary.organisations} organisations, +${summary.kinds} kinds, +${summary.questionTypes} question types.`,
      );
      if (options.demo) {
        const logins = await seedDemo(deps);
        console.log(
          `Demo users (password "${DEMO_PASSWORD}"): ${logins.map((l) => l.login).join(', ')}`,
        );
      }
    });
  });

const users = program.command('users').description('staff users');
users
  .command('create')
  .description('create a staff user; prints a generated password unless --password is given')
  .requiredOption('--login <login>', 'login name')
  .requiredOption('--name <full name>', 'full name')
  .addOption(new Option('--role <role>', 'role').choices(ROLES).makeOptionMandatory())
  .option('--org <id>', 'organisation id (required for executors)', positiveInt)
  .option('--email <email>', 'e-mail address')
  .option(
    '--password <password>',
    'password (at least 8 characters); better: KONTAKT_PASSWORD in the environment',
  )
  .action(
    async (options: {
      login: string;
      name: string;
      role: Role;
      org?: number;
      email?: string;
      password?: string;
    }) => {
      const given = options.password ?? process.env.KONTAKT_PASSWORD;
      const password = given ?? randomBytes(12).toString('base64url');
      await withDatabase(loadConfig(), 'kontakt users create', async (deps) => {
        const user = await createUser(deps, {
          login: options.login,
          fullName: options.name,
          role: options.role,
          organisationId: options.org ?? null,
          email: options.email ?? null,
          password,
        });
        console.log(`Created user ${user.login} (id ${user.id}, ${user.role}).`);
        if (!given) console.log(`Password: ${password}`);
      });
    },
  );

program
  .command('import')
  .description('import appeals from a file; idempotent (a second run adds nothing)')
  .addArgument(program.createArgument('<format>', 'file format').choices(Object.keys(IMPORTERS)))
  .argument('<file>', 'path of the file')
  .action(async (format: ImportFormat, file: string) => {
    await withDatabase(loadConfig(), `kontakt import ${format}`, async (deps) => {
      await seedReferenceData(deps.db);
      const summary = await IMPORTERS[format](deps, file);
      console.log(formatSummary(summary));
    });
  });

const audit = program.command('audit').description('the history and the audit log');
audit
  .command('verify')
  .description(
    'recompute the hash chains of the appeal history and the audit log; exit 1 when a row was changed or removed',
  )
  .action(async () => {
    await withDatabase(loadConfig(), 'kontakt audit verify', async (deps) => {
      const report = await verifyHistory(deps);
      console.log(
        `Checked ${report.appealEvents} history events and ${report.auditEntries} audit-log entries.`,
      );
      for (const p of report.problems) {
        const where =
          p.chain === 'appeal_events'
            ? `appeal ${p.appealId}, event ${p.seq}`
            : `audit entry ${p.seq}`;
        console.log(`  ${p.problem.toUpperCase()}: ${where}`);
      }
      console.log(
        report.problems.length === 0 ? 'Intact.' : `${report.problems.length} problem(s).`,
      );
      if (report.problems.length > 0) process.exitCode = 1;
    });
  });

const files = program.command('files').description('attachment bytes (ADR 033)');
files
  .command('migrate')
  .description(
    'copy every attachment from one file store into another (--to; already copied ones are skipped; the source keeps its copy)',
  )
  .addOption(
    new Option('--to <store>', 'the store to fill')
      .choices(['disk', 'database', 's3'])
      .makeOptionMandatory(),
  )
  .addOption(
    new Option(
      '--from <store>',
      'the store to read (default: KONTAKT_FILE_STORE when it differs from --to, else database for --to disk and s3, disk for --to database)',
    ).choices(['disk', 'database', 's3']),
  )
  .action(async (options: { to: FileStoreKind; from?: FileStoreKind }) => {
    const config = loadConfig();
    const from: FileStoreKind =
      options.from ??
      (config.fileStore !== options.to
        ? config.fileStore
        : options.to === 'database'
          ? 'disk'
          : 'database');
    if (from === options.to) {
      console.error(`--from and --to are both ${from}: nothing to move.`);
      process.exitCode = 2;
      return;
    }
    await withDatabase(config, 'kontakt files migrate', async (deps) => {
      const report = await migrateFiles(
        deps.db,
        openFileStore({ ...config, fileStore: from }, deps.db),
        openFileStore({ ...config, fileStore: options.to }, deps.db),
      );
      console.log(
        `From ${from} to ${options.to}: ${report.copied} copied, ${report.present} already there, ${report.missing} missing in ${from}.`,
      );
      if (report.missing > 0) process.exitCode = 1;
    });
  });

const exporter = program.command('export').description('write data out');
exporter
  .command('open-data')
  .description('a month of appeals in the Kyiv 1551 open-data format, depersonalised')
  .requiredOption('--month <YYYY-MM>', 'the month, in the city time zone')
  .addOption(
    new Option('--format <format>', 'file format').choices(['json', 'csv']).default('json'),
  )
  .option('--out <file>', 'write to this file (default: standard output)')
  .action(async (options: { month: string; format: 'json' | 'csv'; out?: string }) => {
    await withDatabase(loadConfig(), 'kontakt export open-data', async (deps) => {
      const out = options.out ? createWriteStream(options.out) : process.stdout;
      await writeOpenData(deps, options.month, options.format, out);
      if (options.out) console.error(`Wrote ${options.out}.`);
    });
  });

program
  .command('generate')
  .description(
    'add N generated appeals following the real Kyiv 1551 distributions (benchmarks, demos)',
  )
  .requiredOption('--appeals <n>', 'how many appeals (up to 10,000,000)', positiveInt)
  .option(
    '--seed <s>',
    'random seed: the same seed and --until give the same data',
    positiveInt,
    1551,
  )
  .option('--until <iso>', 'end of the generated period (default: now)')
  .action(async (options: { appeals: number; seed: number; until?: string }) => {
    await runGenerateCommand(loadConfig(), options);
  });

program.addCommand(assistCommand(withDatabase));

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof AppError) {
    console.error(`kontakt: ${error.message}`);
  } else if (error instanceof ZodError) {
    console.error(
      `kontakt: ${error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  } else if (error instanceof Error && error.message.startsWith('Invalid configuration')) {
    console.error(`kontakt: ${error.message}`);
  } else {
    console.error(error);
  }
  process.exitCode = 1;
}
