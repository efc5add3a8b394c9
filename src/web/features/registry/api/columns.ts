/** The registry's columns and the person's choice of them, kept in this browser. */
export const COLUMNS = [
  'number',
  'receivedAt',
  'status',
  'applicant',
  'questionType',
  'address',
  'description',
  'executor',
  'controlDate',
  'channel',
  'kind',
  'reworkCount',
  'result',
] as const;
export type ColumnId = (typeof COLUMNS)[number];

export const DEFAULT_COLUMNS: ColumnId[] = [
  'number',
  'receivedAt',
  'status',
  'applicant',
  'questionType',
  'address',
  'executor',
  'controlDate',
];

const STORAGE_KEY = 'kontakt.registry.columns';

export function loadColumns(): ColumnId[] {
  try {
    const raw = localStorage.getItem(STORAGE_KEY);
    if (!raw) return DEFAULT_COLUMNS;
    const parsed: unknown = JSON.parse(raw);
    if (!Array.isArray(parsed)) return DEFAULT_COLUMNS;
    const chosen = COLUMNS.filter((c) => parsed.includes(c));
    return chosen.includes('number') ? chosen : ['number', ...chosen];
  } catch {
    return DEFAULT_COLUMNS;
  }
}

export function saveColumns(columns: ColumnId[]): void {
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(columns));
  } catch {
    // Storage full or disabled: the choice lasts for this page.
  }
}
