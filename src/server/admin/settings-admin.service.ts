/**
 * Settings from the administrator's screen (issue 14, item 5): every row of the `settings` table
 * with its unit, default and allowed range (`domain/admin/settings-catalogue.ts`); rows the
 * catalogue does not know (system values such as `address_registry_version`) are shown, not
 * edited. The server reads the table at each use (`server/settings.ts`), so every process sees a
 * change at its next request — well within the minute the issue allows.
 */
import type { Kysely } from 'kysely';
import {
  SETTINGS,
  settingDefinition,
  settingValueProblem,
} from '../../domain/admin/settings-catalogue.js';
import type { Deps, UserActor } from '../context.js';
import type { DB } from '../db/schema.js';
import { badRequest, notFound } from '../errors.js';
import { writeAudit } from './audit-trail.js';
import type { SettingView } from '../../contract/admin.schemas.js';

/** Every setting: the catalogue's first (with their stored value or default), then the rest. */
export async function listSettings(db: Kysely<DB>): Promise<SettingView[]> {
  const rows = await db.selectFrom('settings').select(['key', 'value']).orderBy('key').execute();
  const stored = new Map(rows.map((r) => [r.key, r.value as unknown]));
  const known: SettingView[] = SETTINGS.map((d) => ({
    key: d.key,
    value: stored.has(d.key) ? stored.get(d.key) : d.default,
    type: d.type,
    unit: d.unit,
    default: d.default,
    min: d.min ?? null,
    max: d.max ?? null,
    editable: true,
  }));
  const system: SettingView[] = rows
    .filter((r) => !settingDefinition(r.key))
    .map((r) => ({
      key: r.key,
      value: r.value,
      type: 'system',
      unit: 'system',
      default: null,
      min: null,
      max: null,
      editable: false,
    }));
  return [...known, ...system];
}

/**
 * Change a setting.
 * @throws AppError 404 `setting_not_found` (not an editable setting); 400 `setting_out_of_range`
 *   (with the allowed range in `details`), `validation_failed` (wrong type).
 */
export async function changeSetting(
  deps: Deps,
  actor: UserActor,
  key: string,
  value: number | string,
): Promise<SettingView> {
  const definition = settingDefinition(key);
  if (!definition) throw notFound('setting', key);
  const problem = settingValueProblem(definition, value);
  if (problem === 'wrong_type')
    throw badRequest(
      'validation_failed',
      `The setting ${key} takes ${definition.type === 'integer' ? 'a whole number' : 'text'}.`,
    );
  if (problem === 'out_of_range')
    throw badRequest(
      'setting_out_of_range',
      definition.type === 'integer'
        ? `The setting ${key} takes a whole number from ${definition.min} to ${definition.max}.`
        : `The value of ${key} is not allowed.`,
      { key, min: definition.min ?? null, max: definition.max ?? null },
    );
  const stored = typeof value === 'string' ? value.trim() : value;
  await deps.db.transaction().execute(async (trx) => {
    const before = await trx
      .selectFrom('settings')
      .select('value')
      .where('key', '=', key)
      .forUpdate()
      .executeTakeFirst();
    await trx
      .insertInto('settings')
      .values({ key, value: JSON.stringify(stored) })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: JSON.stringify(stored) }))
      .execute();
    await writeAudit(trx, deps.now(), actor, {
      action: 'changeSetting',
      target: `/settings/${key}`,
      before: { value: before?.value ?? definition.default },
      after: { value: stored },
    });
  });
  const all = await listSettings(deps.db);
  return all.find((s) => s.key === key) as SettingView;
}
