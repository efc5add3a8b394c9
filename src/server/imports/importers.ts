/**
 * The importers by file format, for the CLI (`kontakt import <format> <file>`) and the demo.
 * Each takes the dependencies and a file path and returns an `ImportSummary`.
 */
import { importAddresses } from '../addresses/import-addresses.js';
import { importKyiv1551 } from './kyiv1551.js';
import { importPublicStuffCsv } from './publicstuff-csv.js';

export const IMPORTERS = {
  /** Kyiv Contact Centre 1551 open data: a JSON array of records (see `kyiv1551.ts`). */
  kyiv1551: importKyiv1551,
  /** PublicStuff service requests exported as CSV (New York City, see `publicstuff-csv.ts`). */
  'publicstuff-csv': importPublicStuffCsv,
  /** The address registry: a folder with `kharkiv/` and `lviv/` (see `addresses/import-addresses.ts`). */
  addresses: importAddresses,
} as const;

export type ImportFormat = keyof typeof IMPORTERS;
