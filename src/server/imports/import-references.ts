/**
 * The reference data imported records name by text (classifier kinds, question types, executor
 * organisations), found or created once per distinct name for the importers.
 */
import type { Kysely } from 'kysely';
import { matchKey } from '../../domain/text.js';
import { findOrCreateKind, findOrCreateQuestionType } from '../classifier/classifier.service.js';
import { findOrCreateOrganisation } from '../executors/executors.service.js';
import type { DB } from '../db/schema.js';
import type { ImportSummary } from './import-summary.js';

/**
 * Finds or creates the reference data imported records name by text — classifier kinds, question
 * types, executor organisations — once per distinct name (apostrophe, quote, space and case
 * tolerant: `matchKey`), counting what it creates in `summary.created`.
 */
export class ImportReferences {
  private readonly kinds = new Map<string, number>();
  private readonly questionTypes = new Map<string, number>();
  private readonly organisations = new Map<string, number>();

  /**
   * @param options.publicQuestionTypes whether question types it creates are offered to citizens
   *   and their appeals published (false for another city's data, e.g. PublicStuff New York).
   */
  constructor(
    private readonly db: Kysely<DB>,
    private readonly summary: ImportSummary,
    private readonly options: { publicQuestionTypes?: boolean } = {},
  ) {}

  /** The id of the classifier kind named `name` (created when missing). */
  async kindId(name: string): Promise<number> {
    const key = matchKey(name);
    const cached = this.kinds.get(key);
    if (cached !== undefined) return cached;
    const { id, created } = await findOrCreateKind(this.db, name);
    if (created) this.summary.created.kinds++;
    this.kinds.set(key, id);
    return id;
  }

  /** The id of the question type `name` of kind `kindId` (created when missing, term 30 days). */
  async questionTypeId(kindId: number, name: string): Promise<number> {
    const key = `${kindId}\u0000${matchKey(name)}`;
    const cached = this.questionTypes.get(key);
    if (cached !== undefined) return cached;
    const { id, created } = await findOrCreateQuestionType(this.db, kindId, name, {
      isPublic: this.options.publicQuestionTypes ?? true,
    });
    if (created) this.summary.created.questionTypes++;
    this.questionTypes.set(key, id);
    return id;
  }

  /** The id of the executor organisation `name` (created with type `other` when missing). */
  async organisationId(name: string): Promise<number> {
    const key = matchKey(name);
    const cached = this.organisations.get(key);
    if (cached !== undefined) return cached;
    const { id, created } = await findOrCreateOrganisation(this.db, name, { type: 'other' });
    if (created) this.summary.created.executors++;
    this.organisations.set(key, id);
    return id;
  }
}
