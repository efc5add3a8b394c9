/**
 * Where generated rows go: the fastest safe path of each engine, behind one small interface.
 *
 * - PostgreSQL server: `COPY … FROM STDIN` (text format) through `pg-copy-streams`, rows encoded as
 *   they are generated; every chunk is one transaction, so constraints and foreign keys are checked
 *   as usual and a failed chunk leaves nothing behind.
 * - PGlite: multi-row `INSERT … VALUES (…), (…)` statements of at most ~30,000 parameters (the
 *   embedded engine pays per statement, not per row), in one Kysely transaction per chunk.
 */
import { once } from 'node:events';
import { CompiledQuery, type Kysely, sql, type Transaction } from 'kysely';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { DB } from '../db/schema.js';

/** A value of one cell: text, number, boolean, instant, text array or NULL. */
export type Cell = string | number | boolean | Date | readonly string[] | null;

/** Rows of one table collected for the current chunk. */
export interface TableBuffer {
  readonly table: string;
  readonly columns: readonly string[];
  /** Add one row, cells in the order of `columns`. */
  add(row: readonly Cell[]): void;
  /** Rows added (a buffer serves one chunk). */
  readonly size: number;
}

/** Runs one SQL statement with `$n` parameters inside the chunk's transaction; returns its rows. */
export type RunStatement = (statement: string, params: unknown[]) => Promise<unknown[]>;

/** Statements around a chunk's rows, in its transaction (locks and checks; counters, sequences). */
export interface ChunkHooks {
  before: (run: RunStatement) => Promise<void>;
  after: (run: RunStatement) => Promise<void>;
}

/** A destination that writes chunks of rows, each chunk in one transaction. */
export interface Sink {
  /** A new buffer for one chunk's rows of `table` with `columns`. */
  buffer(table: string, columns: readonly string[]): TableBuffer;
  /**
   * In one transaction: run `hooks.before`, write `buffers` (in the given order: parents before
   * children), run `hooks.after`, commit. The buffers' rows are released.
   */
  writeChunk(buffers: readonly TableBuffer[], hooks: ChunkHooks): Promise<void>;
  /**
   * Bulk load (optional; PostgreSQL only): from `beginBulk` to `endBulk` every chunk is written in
   * one transaction, which `beginBulk` opens running `prepare` and `endBulk` commits after `finish`.
   * A failure anywhere rolls the whole load back (and whatever `prepare` changed with it).
   */
  beginBulk?(prepare: (run: RunStatement) => Promise<void>): Promise<void>;
  endBulk?(finish: (run: RunStatement) => Promise<void>): Promise<void>;
  close(): Promise<void>;
}

// ---------- PostgreSQL: COPY ----------

/** COPY text format: backslash, tab, newline and carriage return escaped; NULL is \N. */
function copyText(value: string): string {
  return /[\\\t\n\r]/.test(value)
    ? value.replace(/[\\\t\n\r]/g, (c) =>
        c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r',
      )
    : value;
}

/** One element of an array literal, always quoted (`"…"`, with `"` and `\` escaped). */
function arrayElement(value: string): string {
  return `"${value.replace(/[\\"]/g, '\\$&')}"`;
}

/** Encode one cell for COPY text format. */
export function copyCell(cell: Cell): string {
  if (cell === null) return '\\N';
  if (typeof cell === 'string') return copyText(cell);
  if (typeof cell === 'number') return String(cell);
  if (typeof cell === 'boolean') return cell ? 't' : 'f';
  if (cell instanceof Date) return cell.toISOString();
  return copyText(`{${cell.map(arrayElement).join(',')}}`);
}

class CopyBuffer implements TableBuffer {
  parts: string[] = [];
  size = 0;
  constructor(
    readonly table: string,
    readonly columns: readonly string[],
  ) {}

  add(row: readonly Cell[]): void {
    let line = copyCell(row[0]!);
    for (let i = 1; i < row.length; i++) line += '\t' + copyCell(row[i]!);
    this.parts.push(line + '\n');
    this.size++;
  }
}

/**
 * A sink writing through COPY on a PostgreSQL server.
 *
 * @param databaseUrl postgres:// URL of the database to fill.
 */
export async function postgresCopySink(databaseUrl: string): Promise<Sink> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  // The generator's own session: keep its big transactions from waiting on a WAL flush each.
  await client.query('SET synchronous_commit = off');
  const run: RunStatement = async (statement, params) =>
    (await client.query(statement, params)).rows as unknown[];
  let bulk = false;
  const rollback = async () => {
    bulk = false;
    await client.query('ROLLBACK').catch(() => undefined);
  };
  return {
    buffer: (table, columns) => new CopyBuffer(table, columns),
    async beginBulk(prepare) {
      await client.query('BEGIN');
      bulk = true;
      try {
        await prepare(run);
      } catch (error) {
        await rollback();
        throw error;
      }
    },
    async endBulk(finish) {
      try {
        await finish(run);
        await client.query('COMMIT');
        bulk = false;
      } catch (error) {
        await rollback();
        throw error;
      }
    },
    async writeChunk(buffers, hooks) {
      if (!bulk) await client.query('BEGIN');
      try {
        await hooks.before(run);
        for (const buffer of buffers as CopyBuffer[]) {
          if (buffer.size === 0) continue;
          const stream = client.query(
            copyFrom(`COPY ${buffer.table} (${buffer.columns.join(', ')}) FROM STDIN`),
          );
          // Write in slices of ~1 MB, respecting back-pressure.
          let slice = '';
          for (const part of buffer.parts) {
            slice += part;
            if (slice.length > 1 << 20) {
              if (!stream.write(slice)) await once(stream, 'drain');
              slice = '';
            }
          }
          stream.end(slice);
          await once(stream, 'finish');
          buffer.parts = [];
        }
        await hooks.after(run);
        if (!bulk) await client.query('COMMIT');
      } catch (error) {
        await rollback();
        throw error;
      }
    },
    close: () => client.end(),
  };
}

// ---------- PGlite: multi-row INSERT ----------

/** Parameters per INSERT statement (PostgreSQL allows 65,535; smaller statements parse faster). */
const MAX_PARAMS = 30_000;

class RowBuffer implements TableBuffer {
  rows: (readonly Cell[])[] = [];
  size = 0;
  constructor(
    readonly table: string,
    readonly columns: readonly string[],
  ) {}
  add(row: readonly Cell[]): void {
    this.rows.push(row);
    this.size++;
  }
}

async function insertRows(trx: Transaction<DB>, buffer: RowBuffer): Promise<void> {
  const perStatement = Math.max(1, Math.floor(MAX_PARAMS / buffer.columns.length));
  const columns = sql.join(buffer.columns.map((c) => sql.ref(c)));
  for (let i = 0; i < buffer.rows.length; i += perStatement) {
    const rows = buffer.rows.slice(i, i + perStatement);
    const values = sql.join(
      rows.map(
        (row) =>
          sql`(${sql.join(row.map((cell): unknown => (cell instanceof Array ? [...(cell as string[])] : cell)))})`,
      ),
    );
    await sql`INSERT INTO ${sql.table(buffer.table)} (${columns}) VALUES ${values}`.execute(trx);
  }
}

/** A sink writing multi-row INSERTs through Kysely (PGlite, or any engine as a fallback). */
export function insertSink(db: Kysely<DB>): Sink {
  return {
    buffer: (table, columns) => new RowBuffer(table, columns),
    async writeChunk(buffers, hooks) {
      await db.transaction().execute(async (trx) => {
        const run: RunStatement = async (statement, params) =>
          (await trx.executeQuery(CompiledQuery.raw(statement, params))).rows;
        await hooks.before(run);
        for (const buffer of buffers as RowBuffer[]) {
          if (buffer.size > 0) await insertRows(trx, buffer);
          buffer.rows = [];
        }
        await hooks.after(run);
      });
    },
    close: async () => {},
  };
}
