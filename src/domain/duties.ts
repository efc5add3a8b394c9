/**
 * Duties (regulation 5.4.3: the head of the centre distributes duties among the staff; issue 14,
 * item 9): controllers watch executor organisations (their review queue shows those first), and
 * operators work queues. Pure rules: who may hold which duty, and what is left uncovered.
 */
import type { Role } from './vocabulary.js';

/** The operators' work queues the head assigns. */
export const DUTY_QUEUES = ['moderation', 'call_back', 'email'] as const;
export type DutyQueue = (typeof DUTY_QUEUES)[number];

/**
 * The roles that may work a queue: moderation needs a moderator (it checks Internet appeals
 * before registration, Art. 5, 8 of Law 393/96-ВР); call-backs and the mailbox any operator or
 * moderator.
 */
export const QUEUE_ROLES: Record<DutyQueue, readonly Role[]> = {
  moderation: ['moderator'],
  call_back: ['operator', 'moderator'],
  email: ['operator', 'moderator'],
};

/** The role that watches executor organisations. */
export const WATCHER_ROLE: Role = 'controller';

/** Why `role` may not work `queue`, or null when it may. */
export function queueRefusal(role: Role, queue: DutyQueue): string | null {
  return QUEUE_ROLES[queue].includes(role)
    ? null
    : `A ${role} cannot work the ${queue} queue (needs: ${QUEUE_ROLES[queue].join(', ')}).`;
}

/**
 * What nobody covers: executor organisations no active controller watches, and queues no active
 * operator works. Inputs are the active organisations and the duties of active users.
 */
export function uncovered(
  executorIds: readonly number[],
  watched: readonly { executorId: number }[],
  worked: readonly { queue: DutyQueue }[],
): { executorIds: number[]; queues: DutyQueue[] } {
  const covered = new Set(watched.map((w) => w.executorId));
  const queues = new Set(worked.map((w) => w.queue));
  return {
    executorIds: executorIds.filter((id) => !covered.has(id)),
    queues: DUTY_QUEUES.filter((q) => !queues.has(q)),
  };
}
