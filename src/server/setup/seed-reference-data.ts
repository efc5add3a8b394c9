/**
 * The reference data a new installation starts with: the executors' hierarchy, the classifier (the
 * 40 real kinds of Kyiv 1551 with derived question types) and the routing rules. Idempotent: names
 * already present are kept as they are, so an administrator's edits survive a second run.
 */
import type { Kysely } from 'kysely';
import { matchKey } from '../../domain/text.js';
import { CLASSIFIER_SEED } from './classifier-seed.js';
import type { DB } from '../db/schema.js';
import { ORGANISATIONS_SEED } from './organisations-seed.js';

export interface ReferenceSeedSummary {
  organisations: number;
  kinds: number;
  questionTypes: number;
}

/** Insert what is missing of the reference data, in one transaction. */
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
