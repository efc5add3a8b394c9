/**
 * A submission's tracking number: the next one from the submissions' sequence
 * (`nextTrackingNumber`), and the link to the portal's tracking page the citizen follows it at
 * (`trackUrl`), which receipts, staff tracking and result notifications share.
 */
import { type Kysely, sql } from 'kysely';
import { yearInZone } from '../../domain/deadlines.js';
import { formatTrackingNumber } from '../../domain/portal.js';
import type { Deps } from '../context.js';
import type { DB } from '../db/schema.js';

/** The link the citizen follows a submission at (the portal's tracking page). */
export function trackUrl(deps: Deps, trackingNumber: string): string {
  return `${deps.config.publicUrl.replace(/\/$/, '')}/portal/track?number=${encodeURIComponent(trackingNumber)}`;
}

/**
 * The next tracking number, `P-YYYY-NNNNNN` (`formatTrackingNumber`): the year of `now` in
 * `timeZone`, the serial from the sequence `submission_number_seq`.
 */
export async function nextTrackingNumber(
  db: Kysely<DB>,
  now: Date,
  timeZone: string,
): Promise<string> {
  const { rows } = await sql<{ n: string }>`SELECT nextval('submission_number_seq') AS n`.execute(
    db,
  );
  return formatTrackingNumber(yearInZone(now, timeZone), Number(rows[0]!.n));
}
