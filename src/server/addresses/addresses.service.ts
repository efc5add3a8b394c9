/**
 * Addresses as the contact centre already knows them (until a street register is imported):
 * suggestions for the intake screen.
 */
import { sql } from 'kysely';
import { foldKey } from '../../domain/normal-forms.js';
import type { Deps } from '../context.js';

/**
 * Addresses already known, matching `q`, most used first (the intake screen's suggestions).
 * Compared folded (`kontakt_fold`, ADR 016): «Солом'ян» suggests «Солом’янська», «Сiчових» with a
 * Latin i suggests «Січових»; the address is shown as it was typed.
 */
export async function suggestAddresses(
  deps: Deps,
  q: string,
  limit = 10,
): Promise<{ address: string; count: number }[]> {
  const pattern = `%${foldKey(q).replace(/[\\%_]/g, '\\$&')}%`;
  const rows = await deps.db
    .selectFrom('appeals')
    .select(['address_text', (eb) => eb.fn.countAll<string>().as('n')])
    .where(sql<string>`kontakt_fold(address_text)`, 'like', pattern)
    .groupBy('address_text')
    .orderBy('n', 'desc')
    .orderBy('address_text')
    .limit(limit)
    .execute();
  return rows.flatMap((r) =>
    r.address_text ? [{ address: r.address_text, count: Number(r.n) }] : [],
  );
}
