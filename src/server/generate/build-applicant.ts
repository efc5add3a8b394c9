/** The applicant of a generated appeal: one of the pool of earlier applicants, or a new one. */
import { normalisePhone } from '../../domain/text.js';
import type { Random } from './random.js';
import {
  type AppealContext,
  type Buffers,
  iso,
  type Model,
  type NextIds,
  type PooledApplicant,
} from './generator-model.js';
import * as T from './texts-uk.js';

/** An invented Ukrainian mobile number (`+380 XX 000 XX XX`) as typed and as its key. */
function phone(random: Random): [string, string] {
  const code = random.pick(T.PHONE_CODES);
  const a = String(random.int(0, 99)).padStart(2, '0');
  const b = String(random.int(0, 99)).padStart(2, '0');
  const typed = `+380 ${code} 000 ${a} ${b}`;
  return [typed, normalisePhone(typed)!];
}

/** A repeat applicant from the pool, or a new one written to the buffers (and kept in the pool). */
export function buildApplicant(
  model: Model,
  buffers: Buffers,
  next: NextIds,
  ctx: AppealContext,
  appeal: {
    subject: 'collective' | 'individual';
    registered: number;
    address: string;
    web: boolean;
  },
): { applicant: PooledApplicant; receiptSign: string } {
  const { random } = model;
  const { subject, registered, address, web } = appeal;
  let receiptSign = 'primary';
  const pool = ctx.applicantPool;
  if (pool.length > 100 && random.chance(0.35)) {
    const known = pool[Math.floor(random.next() * pool.length)]!;
    if (random.chance(0.1)) receiptSign = 'repeated';
    return { applicant: known, receiptSign };
  } else {
    const applicantId = next.applicants++;
    const female = random.chance(0.58);
    const surname = random.pick(T.SURNAMES)[female ? 1 : 0];
    const given = random.pick(female ? T.GIVEN_NAMES_FEMALE : T.GIVEN_NAMES_MALE);
    const patronymic = random.pick(T.PATRONYMICS)[female ? 1 : 0];
    const category = random.chance(0.04) ? model.privileged.draw(random) : null;
    const [typed, key] = phone(random);
    const flat = random.chance(0.7) ? `, кв. ${random.int(1, 280)}` : '';
    // Drawn in the order they always were, so a seed gives the same data as before.
    const email = web && random.chance(0.4) ? `applicant${applicantId}@example.org` : null;
    const socialStatus = random.chance(0.5) ? random.pick(T.SOCIAL_STATUSES) : null;
    const applicant: PooledApplicant = {
      id: applicantId,
      privileged: category !== null,
      sex: female ? 'female' : 'male',
      category: category === null ? null : (T.AUTHOR_CATEGORY_OF[category] ?? 'other'),
      socialStatus: socialStatus === null ? null : (T.SOCIAL_STATUS_OF[socialStatus] ?? 'other'),
    };
    buffers.applicants.add([
      applicantId,
      subject === 'collective'
        ? `${surname} ${given} ${patronymic} та інші мешканці`
        : `${surname} ${given} ${patronymic}`,
      [typed],
      [key],
      email,
      `${address}${flat}`,
      category,
      socialStatus,
      iso(registered),
      iso(registered),
      applicant.sex,
    ]);
    // Keep a bounded pool of recent applicants to repeat from.
    if (pool.length < 200_000) pool.push(applicant);
    else pool[Math.floor(random.next() * pool.length)] = applicant;
    return { applicant, receiptSign };
  }
}
