/** Column types shared by the table interfaces: timestamps as Kysely reads and writes them, JSON. */
import type { ColumnType } from 'kysely';

export type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
export type NullableTimestamp = ColumnType<
  Date | null,
  Date | string | null | undefined,
  Date | string | null
>;
export type Json = ColumnType<Record<string, unknown>, string | undefined, string>;
