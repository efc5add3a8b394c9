/**
 * The settings an administrator changes on the settings screen (the `settings` table): each with
 * its type, unit, default, allowed range and the rule it comes from. The server reads the table
 * at every use (`server/settings.ts`), so a change is seen by every process at its next request.
 *
 * Pure: validation of a value against its definition.
 */

export type SettingUnit = 'count' | 'days' | 'hours' | 'minutes' | 'text';

export interface SettingDefinition {
  key: string;
  type: 'integer' | 'text';
  unit: SettingUnit;
  default: number | string;
  /** Inclusive bounds of an integer setting. */
  min?: number;
  max?: number;
  /** A pattern a text setting must match. */
  pattern?: RegExp;
  maxLength?: number;
}

/** Every setting the screen offers, in the order it shows them. */
export const SETTINGS: readonly SettingDefinition[] = [
  // Kyiv 1551 refuses a third rework (BRIEF.md).
  { key: 'rework_limit', type: 'integer', unit: 'count', default: 2, min: 0, max: 10 },
  // Art. 8: a repeat of the same person's question within this window is flagged.
  { key: 'repeat_window_days', type: 'integer', unit: 'days', default: 30, min: 1, max: 365 },
  { key: 'due_soon_hours', type: 'integer', unit: 'hours', default: 24, min: 1, max: 240 },
  { key: 'explanation_term_days', type: 'integer', unit: 'days', default: 3, min: 1, max: 30 },
  { key: 'feedback_window_days', type: 'integer', unit: 'days', default: 30, min: 1, max: 365 },
  { key: 'tracking_max_failures', type: 'integer', unit: 'count', default: 10, min: 3, max: 100 },
  {
    key: 'tracking_lock_minutes',
    type: 'integer',
    unit: 'minutes',
    default: 30,
    min: 1,
    max: 1440,
  },
  { key: 'open311_duplicate_hours', type: 'integer', unit: 'hours', default: 24, min: 0, max: 720 },
  { key: 'city_name', type: 'text', unit: 'text', default: 'Київ', maxLength: 100 },
  // КАТОТТГ code of the city (open data): UA and 17 digits.
  {
    key: 'city_katottg',
    type: 'text',
    unit: 'text',
    default: 'UA80000000000093317',
    pattern: /^UA\d{17}$/,
  },
];

/** The definition of `key`, or undefined for a setting the screen does not edit (system values). */
export function settingDefinition(key: string): SettingDefinition | undefined {
  return SETTINGS.find((s) => s.key === key);
}

/**
 * Check a new value. @returns `null` when acceptable, else `wrong_type` or `out_of_range`.
 */
export function settingValueProblem(
  definition: SettingDefinition,
  value: unknown,
): 'wrong_type' | 'out_of_range' | null {
  if (definition.type === 'integer') {
    if (typeof value !== 'number' || !Number.isInteger(value)) return 'wrong_type';
    if (definition.min !== undefined && value < definition.min) return 'out_of_range';
    if (definition.max !== undefined && value > definition.max) return 'out_of_range';
    return null;
  }
  if (typeof value !== 'string') return 'wrong_type';
  const text = value.trim();
  if (text.length === 0) return 'out_of_range';
  if (definition.maxLength !== undefined && text.length > definition.maxLength)
    return 'out_of_range';
  if (definition.pattern && !definition.pattern.test(text)) return 'out_of_range';
  return null;
}
