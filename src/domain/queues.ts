/**
 * Work queues and which of them each role's start page shows (regulation 5.4.3: the head
 * distributes duties; each role sees its own work first).
 */
import type { Role } from './vocabulary.js';

export const QUEUES = [
  'needs_routing',
  'registered_today',
  'open',
  'new',
  'in_work',
  'due_soon',
  'overdue',
  'rework',
  'on_check',
] as const;
export type Queue = (typeof QUEUES)[number];

export const ROLE_QUEUES: Record<Role, readonly Queue[]> = {
  operator: ['needs_routing', 'registered_today', 'open'],
  moderator: ['needs_routing', 'registered_today', 'open'],
  executor: ['new', 'in_work', 'due_soon', 'overdue', 'rework'],
  controller: ['on_check', 'overdue', 'rework'],
  supervisor: ['on_check', 'overdue', 'needs_routing', 'open'],
  dispatcher: ['open'],
  analyst: ['open'],
  administrator: ['open'],
};

/**
 * The order a list is shown in when the user has not chosen one: a work queue by control date
 * (what is due first, privileged applicants first), the registry newest first.
 */
export function defaultSortOf(
  queue: string | null | undefined,
): 'control_date_asc' | 'received_desc' {
  return queue ? 'control_date_asc' : 'received_desc';
}

/**
 * The figures of the supervisor's page (issue 12), each counted by the registry's own queue filter,
 * so the list a figure opens (`/appeals?queue=…`) holds as many appeals.
 */
export const SUPERVISOR_FIGURES = [
  'overdue',
  'due_soon',
  'on_check',
  'needs_routing',
  'open',
] as const satisfies readonly Queue[];
