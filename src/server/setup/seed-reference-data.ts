/**
 * The reference data a new installation starts with: the executors' hierarchy, the classifier (the
 * 40 real kinds of Kyiv 1551 with derived question types) and the routing rules. Idempotent: names
 * already present are kept as they are, so an administrator's edits survive a second run.
 */
import type { Kysely } from 'kysely';
import { matchKey } from '../../domain/text.js';
import { CLASSIFIER_SEED } from './classifier-seed.js';
import { TOPIC_858_OF_KIND } from './classifier-858-topics.js';
import type { DB } from '../db/schema.js';
import { ORGANISATIONS_SEED } from './organisations-seed.js';

export interface ReferenceSeedSummary {
  organisations: number;
  kinds: number;
  questionTypes: number;
}

/** Insert what is missing of the reference data, in one transaction. */
/**
 * Question types about a missing utility that works explain (issue 16, ADR 035), by their English
 * name in the classifier seed → the works service.
 */
const WORKS_SERVICE_OF: Record<string, string> = {
  'No hot water supply': 'hot_water',
  'Hot water not restored after scheduled works': 'hot_water',
  'No cold water supply': 'cold_water',
  'Low cold water pressure': 'cold_water',
  'No heating during the heating season': 'heating',
  'No electricity supply': 'electricity',
  'No gas supply': 'gas',
  'Lift out of order': 'lift',
};

export async function seedReferenceData(db: Kysely<DB>): Promise<ReferenceSeedSummary> {
  return db.transaction().execute(async (trx) => {
    const summary: ReferenceSeedSummary = { organisations: 0, kinds: 0, questionTypes: 0 };
    const orgIds = new Map<string, number>();
    for (const org of ORGANISATIONS_SEED) {
      const key = matchKey(org.name);
      const inserted = await trx
        .insertInto('organisations')
        .values({
          name: org.name,
          short_name: org.shortName,
          type: org.type,
          parent_id: org.parentKey ? (orgIds.get(org.parentKey) ?? null) : null,
          email: org.email ?? null,
          phone: org.phone ?? null,
          match_key: key,
        })
        .onConflict((oc) => oc.column('match_key').doNothing())
        .returning('id')
        .executeTakeFirst();
      if (inserted) summary.organisations++;
      const row =
        inserted ??
        (await trx
          .selectFrom('organisations')
          .select('id')
          .where('match_key', '=', key)
          .executeTakeFirstOrThrow());
      orgIds.set(org.key, row.id);
    }

    let position = 0;
    for (const kind of CLASSIFIER_SEED) {
      position += 10;
      const key = matchKey(kind.name);
      const inserted = await trx
        .insertInto('classifier_kinds')
        .values({ name: kind.name, name_en: kind.nameEn, match_key: key, position })
        .onConflict((oc) => oc.column('match_key').doNothing())
        .returning('id')
        .executeTakeFirst();
      if (inserted) summary.kinds++;
      const kindId =
        inserted?.id ??
        (
          await trx
            .selectFrom('classifier_kinds')
            .select('id')
            .where('match_key', '=', key)
            .executeTakeFirstOrThrow()
        ).id;

      for (const type of kind.questionTypes) {
        const typeKey = matchKey(type.name);
        const insertedType = await trx
          .insertInto('question_types')
          .values({
            kind_id: kindId,
            name: type.name,
            name_en: type.nameEn,
            match_key: typeKey,
            term_days: type.termDays,
            is_public: type.isPublic ?? true,
            is_emergency: type.isEmergency ?? false,
            // Emergencies are measured in hours; the term in days stays as the fallback.
            term_hours: type.isEmergency ? 24 : null,
            // Issue 16: an appeal of this type at a building an active works entry of the
            // service covers is linked to the works (ADR 035).
            works_service: WORKS_SERVICE_OF[type.nameEn] ?? null,
            // Issue 17: the Classifier No. 858 topic of the kind (an administrator may change it).
            topic_858: TOPIC_858_OF_KIND[kind.nameEn] ?? null,
          })
          .onConflict((oc) => oc.columns(['kind_id', 'match_key']).doNothing())
          .returning('id')
          .executeTakeFirst();
        if (!insertedType) continue;
        summary.questionTypes++;
        const executorId = orgIds.get(type.executorKey);
        if (executorId !== undefined) {
          await trx
            .insertInto('routing_rules')
            .values({ question_type_id: insertedType.id, executor_id: executorId })
            .onConflict((oc) => oc.column('question_type_id').doNothing())
            .execute();
        }
      }
    }
    return summary;
  });
}
