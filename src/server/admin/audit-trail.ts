/**
 * The audit log written by the administration screens (issue 14, ADR 025): one entry per change,
 * **in the change's own transaction** — the change and its record commit or roll back together —
 * with who, when, the operation, what it acted on and the values before and after (never a
 * password). Routes that write their own entry say so (`config.auditedInTransaction`), so the
 * generic after-the-answer hook (`audit/audit-hook.ts`, ADR 017) does not write a second one.
 *
 * Reading: filters by actor, action, target and day, newest first, by pages of `seq`; a CSV export.
 */
import { sql, type Kysely } from 'kysely';
import { actorId, actorLabel, type Actor } from '../context.js';
import type { DB } from '../db/schema.js';
import type { AuditEntryView, AuditFilter } from '../../contract/admin.schemas.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The route writes its audit entry in its own transaction (the hook skips it). */
    auditedInTransaction?: boolean;
  }
}

export interface AuditChange {
  action: string;
  /** What it acted on, as a path: `/users/7`, `/organisations/12`. */
  target: string;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
  /** Anything else worth keeping (counts, reasons). */
  data?: Record<string, unknown>;
}

/** Fields of `after` whose value differs from `before` (both given), or every field of `after`. */
function changedFields(
  before: Record<string, unknown> | null | undefined,
  after: Record<string, unknown> | null | undefined,
): string[] {
  if (!after) return before ? Object.keys(before) : [];
  if (!before) return Object.keys(after);
  return Object.keys(after).filter(
    (k) => JSON.stringify(before[k] ?? null) !== JSON.stringify(after[k] ?? null),
  );
}

/** Keep only the fields that changed, on both sides. */
function onlyChanged(
  record: Record<string, unknown> | null | undefined,
  fields: string[],
): Record<string, unknown> | null {
  if (!record) return null;
  return Object.fromEntries(fields.map((f) => [f, record[f] ?? null]));
}

/**
 * Append an entry, inside the caller's transaction `trx` (the database chains its hash, ADR 017).
 */
export async function writeAudit(
  trx: Kysely<DB>,
  at: Date,
  actor: Actor,
  change: AuditChange,
): Promise<void> {
  await writeAudits(trx, at, actor, [change]);
}

/**
 * Several entries in one statement (atomic on its own, no transaction needed), chained in the
 * order given by the log's trigger (migration 0007). Nothing is written for an empty list.
 */
export async function writeAudits(
  db: Kysely<DB>,
  at: Date,
  actor: Actor,
  changes: readonly AuditChange[],
): Promise<void> {
  if (changes.length === 0) return;
  await db
    .insertInto('audit_log')
    .values(
      changes.map((change) => {
        const fields = changedFields(change.before, change.after);
        return {
          at,
          actor_id: actorId(actor),
          actor_label: actorLabel(actor),
          action: change.action,
          target: change.target,
          data: JSON.stringify({
            fields,
            before: change.before === undefined ? undefined : onlyChanged(change.before, fields),
            after: change.after === undefined ? undefined : onlyChanged(change.after, fields),
            ...change.data,
          }),
        };
      }),
    )
    .execute();
}

const escapeLike = (text: string) => `%${text.replace(/[\\%_]/g, '\\$&')}%`;

/** Start of a Kyiv calendar day as an instant (the log is read in the city's days). */
function dayStart(day: string, zone: string): ReturnType<typeof sql<Date>> {
  return sql<Date>`(${day}::date::timestamp AT TIME ZONE ${zone})`;
}

/** Entries matching the filter, newest first, `limit` at a time (page with `before`). */
export async function listAudit(
  db: Kysely<DB>,
  filter: AuditFilter,
  zone: string,
): Promise<{ entries: AuditEntryView[]; nextBefore: number | null }> {
  let query = db
    .selectFrom('audit_log')
    .select(['id', 'seq', 'at', 'actor_id', 'actor_label', 'action', 'target', 'data']);
  if (filter.actor) query = query.where('actor_label', 'ilike', escapeLike(filter.actor));
  if (filter.action) query = query.where('action', 'ilike', escapeLike(filter.action));
  if (filter.target) query = query.where('target', 'ilike', escapeLike(filter.target));
  if (filter.from) query = query.where('at', '>=', dayStart(filter.from, zone));
  if (filter.to)
    query = query.where('at', '<', sql<Date>`${dayStart(filter.to, zone)} + interval '1 day'`);
  if (filter.before) query = query.where('seq', '<', filter.before);
  const rows = await query
    .orderBy('seq', 'desc')
    .limit(filter.limit + 1)
    .execute();
  const page = rows.slice(0, filter.limit);
  return {
    entries: page.map((r) => ({
      id: r.id,
      seq: r.seq,
      at: new Date(r.at),
      actorId: r.actor_id,
      actorLabel: r.actor_label,
      action: r.action,
      target: r.target,
      data: (typeof r.data === 'string' ? JSON.parse(r.data) : r.data) as Record<string, unknown>,
    })),
    nextBefore: rows.length > filter.limit ? (page.at(-1)?.seq ?? null) : null,
  };
}

const csvCell = (value: string | number | null | undefined): string => {
  const text = value === null || value === undefined ? '' : String(value);
  // A leading = + - @ would be a formula in a spreadsheet (CSV injection).
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\n\r;]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

/** The filtered log as CSV (UTF-8 with BOM, for spreadsheets), up to 10,000 entries. */
export async function auditCsv(db: Kysely<DB>, filter: AuditFilter, zone: string): Promise<string> {
  const { entries } = await listAudit(db, { ...filter, limit: 10_000 }, zone);
  const lines = [
    ['seq', 'at', 'actor', 'action', 'target', 'fields', 'before', 'after'].join(','),
    ...entries.map((e) =>
      [
        e.seq,
        e.at.toISOString(),
        e.actorLabel,
        e.action,
        e.target,
        Array.isArray(e.data.fields) ? (e.data.fields as string[]).join(' ') : '',
        e.data.before ? JSON.stringify(e.data.before) : '',
        e.data.after ? JSON.stringify(e.data.after) : '',
      ]
        .map(csvCell)
        .join(','),
    ),
  ];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
