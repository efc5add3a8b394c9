/**
 * The screen pop (issue 20, item 3): what the operator whose extension rings sees at once — the
 * caller's number, the known applicants with that number, their last appeals, and open works at
 * their address.
 *
 * Delivery: the live event bus (`src/server/live/`, ADR 038) carries the notice to the ringing
 * operator's event streams, whichever app process received the PBX event (`liveScreenPop`); the
 * operator's app can also read the same notice from `GET /api/v1/telephony/me/ringing`.
 */
import { publishLive } from '../live/live-bus.js';
import { worksCovering } from '../works/works.service.js';
import { sql } from 'kysely';
import { phoneKey } from '../../domain/normal-forms.js';
import type { ScreenPopView } from '../../contract/telephony.schemas.js';
import type { Deps } from '../context.js';

/** How many of each applicant's appeals the notice lists (newest first). */
export const LAST_APPEALS = 3;
/** How many applicants with the number the notice lists. */
export const MAX_APPLICANTS = 5;

/**
 * Open works (issue 16's registry, `worksCovering`) at the building of the applicant's latest
 * appeal that has one: the address the centre knows them at. None when no appeal has a building.
 */
export async function openWorksAtAddress(
  deps: Deps,
  buildingId: number | null,
): Promise<ScreenPopView['applicants'][number]['openWorks']> {
  if (buildingId === null) return [];
  const works = await worksCovering(deps.db, { buildingId });
  return works.map((w) => ({ id: w.id, title: w.publicTextUk, until: w.expectedEndAt }));
}

/** The notice for a ringing call, or null when the call is not ringing or unknown. */
export async function screenPopNotice(deps: Deps, callId: number): Promise<ScreenPopView | null> {
  const call = await deps.db
    .selectFrom('calls')
    .select(['id', 'state', 'caller_number', 'line', 'extension', 'operator_id', 'ringing_at'])
    .where('id', '=', callId)
    .executeTakeFirst();
  if (!call || call.state !== 'ringing') return null;
  const key = call.caller_number ? phoneKey(call.caller_number) : null;
  const applicants = key
    ? await deps.db
        .selectFrom('applicants')
        .select(['id', 'full_name', 'address'])
        .where('phone_keys', '@>', sql<string[]>`ARRAY[${key}]::text[]`)
        .orderBy('updated_at', 'desc')
        .limit(MAX_APPLICANTS)
        .execute()
    : [];
  const views = [];
  for (const a of applicants) {
    const appeals = await deps.db
      .selectFrom('appeals as ap')
      .innerJoin('question_types as qt', 'qt.id', 'ap.question_type_id')
      .select([
        'ap.id',
        'ap.number',
        'ap.status',
        'ap.registered_at',
        'ap.building_id',
        'qt.name as question',
        'qt.id as question_type_id',
      ])
      .where('ap.applicant_id', '=', a.id)
      .orderBy('ap.registered_at', 'desc')
      .limit(LAST_APPEALS)
      .execute();
    views.push({
      id: a.id,
      fullName: a.full_name,
      address: a.address,
      lastAppeals: appeals.map((ap) => ({
        id: ap.id,
        number: ap.number,
        status: ap.status,
        registeredAt: ap.registered_at.toISOString(),
        question: ap.question,
        questionTypeId: ap.question_type_id,
      })),
      openWorks: await openWorksAtAddress(
        deps,
        appeals.find((ap) => ap.building_id !== null)?.building_id ?? null,
      ),
    });
  }
  return {
    callId: call.id,
    callerNumber: call.caller_number,
    line: call.line,
    extension: call.extension,
    ringingAt: call.ringing_at?.toISOString() ?? null,
    applicants: views,
  };
}

/** The notice of the call now ringing at the operator's extension, if any. */
export async function myRingingCall(deps: Deps, userId: number): Promise<ScreenPopView | null> {
  const call = await deps.db
    .selectFrom('calls')
    .select('id')
    .where('operator_id', '=', userId)
    .where('state', '=', 'ringing')
    .orderBy('ringing_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  return call ? screenPopNotice(deps, call.id) : null;
}

/** Sends a notice to one staff member's live event stream (issue 18's bus; see ADR 040). */
export type ScreenPopPublisher = (userId: number, notice: ScreenPopView) => Promise<void>;

/**
 * The call event listener that pops the screen: on a new ringing with a known operator, build the
 * notice and hand it to `publish` (`liveScreenPop` below is the live bus's publisher).
 */
export function screenPopListener(deps: Deps, publish: ScreenPopPublisher) {
  return async (recorded: {
    callId: number;
    operatorId: number | null;
    newlyRinging: boolean;
  }): Promise<void> => {
    if (!recorded.newlyRinging || recorded.operatorId === null) return;
    const notice = await screenPopNotice(deps, recorded.callId);
    if (notice) await publish(recorded.operatorId, notice);
  };
}

/** The live topic of a screen pop; the staff app listens to it (ADR 038, 040). */
export const SCREEN_POP_TOPIC = 'telephony.screen-pop';

/**
 * The screen pop on the live bus (ADR 038): the notice goes to the ringing operator's event
 * streams on every app process, through PostgreSQL's NOTIFY (or PGlite's in-process notify).
 */
export function liveScreenPop(deps: Deps) {
  return screenPopListener(deps, async (userId, notice) => {
    await publishLive(deps.db, SCREEN_POP_TOPIC, notice, { userIds: [userId] }, deps.now());
  });
}
