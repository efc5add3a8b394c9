/**
 * History you can trust (issue 11, item 16; ADR 017). The appeal history (`appeal_events`) and the
 * administrators' audit log (`audit_log`) are append-only — triggers refuse UPDATE, DELETE and
 * TRUNCATE whatever role the app connects as — and chained by SHA-256 hashes computed by the
 * database on insert (migration 0007). `verifyHistory` recomputes every chain and reports each row
 * that was changed, removed or added behind the app's back; `kontakt audit verify` prints it.
 */
import { sql } from 'kysely';
import { actorId, actorLabel, type Actor } from '../context.js';
import type { Deps } from '../context.js';

/** One finding of the verification. */
export interface ChainProblem {
  chain: 'appeal_events' | 'audit_log';
  /** The appeal whose history it is (appeal_events), or null (audit_log). */
  appealId: number | null;
  /** Position in the chain (1-based). */
  seq: number;
  /** `changed`: the row's hash does not match its content and predecessor; `missing`: rows are gone
   * before this position; `head`: the chain's recorded head (last position and hash) is not its last row,
   * or the chain has no head. */
  problem: 'changed' | 'missing' | 'head';
}

export interface VerifyReport {
  appealEvents: number;
  auditEntries: number;
  problems: ChainProblem[];
}

/**
 * Recompute every chain. Set-based: one pass over each table (a window over the previous row's
 * stored hash), so a million events take seconds, not a loop per row.
 *
 * @returns counts of rows checked and every problem found (empty when the history is intact).
 */
export async function verifyHistory(deps: Deps): Promise<VerifyReport> {
  const events = await sql<{ appeal_id: number; seq: number; problem: ChainProblem['problem'] }>`
    WITH chain AS (
      SELECT e.appeal_id, e.seq, e.hash,
             kontakt_event_hash(lag(e.hash) OVER w, e) AS expected,
             row_number() OVER w AS position
        FROM appeal_events e
      WINDOW w AS (PARTITION BY e.appeal_id ORDER BY e.seq)
    )
    SELECT appeal_id, seq, 'missing' AS problem FROM chain WHERE seq <> position
    UNION ALL
    SELECT appeal_id, seq, 'changed' FROM chain WHERE seq = position AND hash <> expected
    UNION ALL
    SELECT h.appeal_id, h.seq, 'head' FROM appeal_history_heads h
     WHERE h.seq > 0
       AND (NOT EXISTS (SELECT 1 FROM appeal_events e
                         WHERE e.appeal_id = h.appeal_id AND e.seq = h.seq AND e.hash = h.hash)
            -- an event past the head: written sealed without moving it (ADR 066)
            OR EXISTS (SELECT 1 FROM appeal_events e WHERE e.appeal_id = h.appeal_id AND e.seq > h.seq))
    UNION ALL
    -- a chain with no head at all
    SELECT e.appeal_id, max(e.seq), 'head' FROM appeal_events e
     WHERE NOT EXISTS (SELECT 1 FROM appeal_history_heads h WHERE h.appeal_id = e.appeal_id)
     GROUP BY e.appeal_id
    ORDER BY 1, 2`.execute(deps.db);
  const audit = await sql<{ seq: number; problem: ChainProblem['problem'] }>`
    WITH chain AS (
      SELECT a.seq, a.hash, kontakt_audit_hash(lag(a.hash) OVER w, a) AS expected,
             row_number() OVER w AS position
        FROM audit_log a WINDOW w AS (ORDER BY a.seq)
    )
    SELECT seq, 'missing' AS problem FROM chain WHERE seq <> position
    UNION ALL
    SELECT seq, 'changed' FROM chain WHERE seq = position AND hash <> expected
    UNION ALL
    SELECT h.seq, 'head' FROM audit_log_head h
     WHERE h.seq > 0 AND NOT EXISTS (SELECT 1 FROM audit_log a WHERE a.seq = h.seq AND a.hash = h.hash)
    ORDER BY 1`.execute(deps.db);
  const counts = await sql<{ events: string; entries: string }>`
    SELECT (SELECT count(*) FROM appeal_events) AS events, (SELECT count(*) FROM audit_log) AS entries`.execute(
    deps.db,
  );
  return {
    appealEvents: Number(counts.rows[0]?.events ?? 0),
    auditEntries: Number(counts.rows[0]?.entries ?? 0),
    problems: [
      ...events.rows.map((r) => ({
        chain: 'appeal_events' as const,
        appealId: r.appeal_id,
        seq: r.seq,
        problem: r.problem,
      })),
      ...audit.rows.map((r) => ({
        chain: 'audit_log' as const,
        appealId: null,
        seq: r.seq,
        problem: r.problem,
      })),
    ],
  };
}

/**
 * Append one entry to the administrators' audit log (the chain's hash is set by the database).
 * `action` is the operation (e.g. `createUser`), `target` what it acted on (e.g. `/api/v1/users/7`).
 */
export async function recordAudit(
  deps: Deps,
  entry: { actor: Actor; action: string; target: string | null; data?: Record<string, unknown> },
): Promise<void> {
  await deps.db
    .insertInto('audit_log')
    .values({
      at: deps.now(),
      actor_id: actorId(entry.actor),
      actor_label: actorLabel(entry.actor),
      action: entry.action,
      target: entry.target,
      data: JSON.stringify(entry.data ?? {}),
    })
    .execute();
}
