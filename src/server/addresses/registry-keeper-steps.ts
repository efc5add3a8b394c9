/**
 * What the registry keeper's edits share (issue 15): the edit's row in the registry's history,
 * the fields an edit changed, the check that a maintainer exists, and a house number without its
 * block. The edits themselves are one `<verb>-<noun>.ts` each (`rename-street.ts`,
 * `update-building.ts`, `merge-buildings.ts`, `assign-maintainer.ts`, `put-address-rule.ts`); the
 * reads are `registry-keeper.queries.ts`. Each edit runs in one transaction and bumps the
 * registry's version (the street index).
 */
import type { Kysely } from 'kysely';
import { type Actor, actorId, actorLabel, type Deps } from '../context.js';
import type { DB } from '../db/schema.js';
import { badRequest } from '../errors.js';

/**
 * One row of the registry's history: who changed which street or building, when, and each changed
 * field as it was and as it became. Written in the edit's own transaction.
 */
export async function recordRegistryEdit(
  trx: Kysely<DB>,
  deps: Deps,
  actor: Actor,
  edit: {
    entity: 'street' | 'building';
    entityId: number;
    action: 'rename' | 'update' | 'merge' | 'maintainer';
    before: Record<string, unknown>;
    after: Record<string, unknown>;
  },
): Promise<void> {
  await trx
    .insertInto('registry_edits')
    .values({
      at: deps.now(),
      actor_id: actorId(actor),
      actor_label: actorLabel(actor),
      entity: edit.entity,
      entity_id: edit.entityId,
      action: edit.action,
      before: JSON.stringify(edit.before),
      after: JSON.stringify(edit.after),
    })
    .execute();
}

/** Only the fields whose value changed, as they were and as they became. */
export function changedFields(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
): { before: Record<string, unknown>; after: Record<string, unknown> } {
  const was: Record<string, unknown> = {};
  const now: Record<string, unknown> = {};
  for (const key of Object.keys(after)) {
    if (after[key] === undefined) continue;
    if (JSON.stringify(before[key] ?? null) === JSON.stringify(after[key] ?? null)) continue;
    was[key] = before[key] ?? null;
    now[key] = after[key] ?? null;
  }
  return { before: was, after: now };
}

/** @throws AppError 400 `unknown_executor` (no active organisation with that id). */
export async function assertMaintainer(deps: Deps, id: number | null): Promise<void> {
  if (id === null) return;
  const org = await deps.db
    .selectFrom('organisations')
    .select('id')
    .where('id', '=', id)
    .where('active', '=', true)
    .executeTakeFirst();
  if (!org) throw badRequest('unknown_executor', `No active organisation with id ${id}.`);
}

/** «7, корп. 3» without its block: «7» (the block has its own column). */
export function houseWithoutBlock(houseNumber: string, block: string | null): string {
  if (!block) return houseNumber;
  return houseNumber.replace(/,?\s*корп\.?\s*\S+$/u, '').trim() || houseNumber;
}
