/**
 * Scenario 8, "the same SQL straight through the driver": the use cases behind the HTTP scenarios
 * are called once in-process through a Kysely plugin that records every statement (its SQL, its
 * parameters, and which statements ran at the same time), then replayed through the bare driver
 * with the same concurrency structure (statements that ran together in `Promise.all` are sent
 * together). The ratio API ÷ replay is the cost of HTTP, auth, validation and serialisation.
 */
import {
  CompiledQuery,
  type KyselyPlugin,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  type QueryResult,
  type RootOperationNode,
  type UnknownRow,
} from 'kysely';
import type pg from 'pg';
import type { Deps } from '../../src/server/context.js';
import { statementConfig } from '../../src/server/db/prepared.js';
import { writtenInGroups } from '../../src/server/appeals/registration-groups.js';

interface Recorded {
  sql: string;
  parameters: readonly unknown[];
  start: number;
  end: number;
}

/** Statements of one call, in groups that ran concurrently. */
export type Replay = { sql: string; parameters: readonly unknown[] }[][];

/**
 * Record the statements `work` runs against `deps.db`.
 *
 * @returns the statements grouped by concurrency (a group starts when the previous ones ended).
 */
export async function captureStatements(
  deps: Deps,
  work: (deps: Deps) => Promise<unknown>,
): Promise<Replay> {
  const recorded = new Map<unknown, Recorded>();
  const executor = deps.db.getExecutor();
  const plugin: KyselyPlugin = {
    transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
      const compiled = executor.compileQuery(args.node, args.queryId);
      recorded.set(args.queryId, {
        sql: compiled.sql,
        parameters: compiled.parameters,
        start: performance.now(),
        end: Infinity,
      });
      return args.node;
    },
    async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
      const entry = recorded.get(args.queryId);
      if (entry) entry.end = performance.now();
      return args.result;
    },
  };
  await work({ ...deps, db: deps.db.withPlugin(plugin) });
  // A subquery is transformed too, but never executed alone (no result): leave it out.
  const statements = [...recorded.values()]
    .filter((s) => s.end !== Infinity)
    .sort((a, b) => a.start - b.start);
  const groups: Replay = [];
  let groupEnd = -Infinity;
  for (const s of statements) {
    if (groups.length === 0 || s.start >= groupEnd) {
      groups.push([]);
      groupEnd = s.end;
    } else {
      groupEnd = Math.max(groupEnd, s.end);
    }
    groups.at(-1)!.push({ sql: s.sql, parameters: s.parameters });
  }
  return groups;
}

/**
 * Replay recorded statements through a `pg.Pool` (PostgreSQL server), statements marked
 * `prepared` named as the app names them (ADR 064). `parameters` may change the values of each
 * replay (a registration's times, `freshTimes`).
 */
export function replayOnPool(
  pool: pg.Pool,
  parameters: (values: readonly unknown[]) => unknown[] = (values) => [...values],
) {
  return async (replay: Replay): Promise<void> => {
    for (const group of replay) {
      await Promise.all(
        group.map((s) => pool.query(statementConfig(s.sql, parameters(s.parameters)))),
      );
    }
  };
}

/**
 * Replay a registration's recorded statements as the app sends them under load (ADR 067): its
 * reads one call at a time, its last statement (the write, whose one parameter is a JSON array of
 * registrations) joined with the writes of the calls that reach theirs while another is on its
 * way, as `writtenInGroups` groups the app's.
 */
export function replayOnPoolGroupingWrites(
  pool: pg.Pool,
  parameters: (values: readonly unknown[]) => unknown[] = (values) => [...values],
) {
  const reads = replayOnPool(pool, parameters);
  type Write = { sql: string; values: unknown[]; done: (error?: Error) => void };
  const write = writtenInGroups<Write>(async (group) => {
    const [first] = group;
    // The JSON is the first parameter (each call's one row, numbered anew); the others (e.g. the
    // hour counts' origin) are constants.
    const rows = group
      .flatMap((w) => JSON.parse(w.values[0] as string) as object[])
      .map((row, ord) => ({ ...row, ord }));
    try {
      await pool.query(
        statementConfig(first!.sql, [JSON.stringify(rows), ...first!.values.slice(1)]),
      );
      group.forEach((w) => w.done());
    } catch (error) {
      group.forEach((w) => w.done(error instanceof Error ? error : new Error(String(error))));
    }
  });
  return async (replay: Replay): Promise<void> => {
    await reads(replay.slice(0, -1));
    const [statement] = replay.at(-1)!;
    await new Promise<void>((resolve, reject) =>
      write({
        sql: statement!.sql,
        values: parameters(statement!.parameters),
        done: (error) => (error ? reject(error) : resolve()),
      }),
    );
  };
}

/**
 * The times among a recorded call's values moved on by the time passed since `capturedAt` (ms):
 * a registration replayed later has its receipt time now, its control date as far ahead as it
 * was, and the repeat check's window ending now.
 */
export function freshTimes(capturedAt: number): (values: readonly unknown[]) => unknown[] {
  return (values) => {
    const passed = Date.now() - capturedAt;
    const moved = (iso: string) => new Date(Date.parse(iso) + passed).toISOString();
    return values.map((v) =>
      v instanceof Date
        ? new Date(v.getTime() + passed)
        : // A JSON parameter (registration's write, ADR 067) carries its times as ISO text.
          typeof v === 'string' && v.startsWith('[{')
          ? v.replace(
              /"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z)"/g,
              (_, iso: string) => `"${moved(iso)}"`,
            )
          : v,
    );
  };
}

/** Replay recorded statements through the database's own connection (PGlite). */
export function replayOnKysely(deps: Deps) {
  return async (replay: Replay): Promise<void> => {
    for (const group of replay) {
      await Promise.all(
        group.map((s) => deps.db.executeQuery(CompiledQuery.raw(s.sql, [...s.parameters]))),
      );
    }
  };
}
