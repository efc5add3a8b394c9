/**
 * Access that outlives its reason (issue 11, item 13). An executor organisation whose assignment
 * on an appeal ended without doing the work — returned as not in its competence, re-routed
 * (withdrawn) — keeps read access to the history it took part in, but no longer sees the
 * applicant's contacts nor files added after it left, and cannot upload.
 */

/** Assignment states that end an organisation's part without the work done. */
export const ENDED_STATES = ['returned', 'withdrawn'] as const;

export type ExecutorStanding =
  { kind: 'active' } | { kind: 'former'; leftAt: Date } | { kind: 'none' };

/**
 * Where an organisation stands on an appeal, from the appeal's assignments: `active` while one of
 * its assignments is open or done, `former` (since the last one ended) when all of them ended,
 * `none` when it never had one.
 */
export function executorStanding(
  assignments: readonly {
    executorId: number;
    state: string;
    assignedAt: Date;
    finishedAt: Date | null;
  }[],
  organisationId: number,
): ExecutorStanding {
  const own = assignments.filter((a) => a.executorId === organisationId);
  if (own.length === 0) return { kind: 'none' };
  if (own.some((a) => !(ENDED_STATES as readonly string[]).includes(a.state))) {
    return { kind: 'active' };
  }
  const leftAt = Math.max(...own.map((a) => (a.finishedAt ?? a.assignedAt).getTime()));
  return { kind: 'former', leftAt: new Date(leftAt) };
}
