/**
 * Addresses as the contact centre already knows them (until a street register is imported):
 * suggestions for the intake screen.
 */
import type { Deps } from '../context.js';

/** Addresses already known, matching `q`, most used first (the intake screen's suggestions). */
export async function suggestAddresses(
  deps: Deps,
  q: string,
  limit = 10,
): Promise<{ address: string; count: number }[]> {
  const pattern = `%${q.replace(/[\\%_]/g, '\\$&')}%`;
  const rows = await deps.db
    .selectFrom('appeals')
    .select(['address_text', (eb) => eb.fn.countAll<string>().as('n')])
    .where('address_text', 'ilike', pattern)
    .groupBy('address_text')
    .orderBy('n', 'desc')
    .orderBy('address_text')
    .limit(limit)
    .execute();
  return rows.flatMap((r) =>
    r.address_text ? [{ address: r.address_text, count: Number(r.n) }] : [],
  );
}
