/**
 * Heavy libraries loaded on first use, not at start-up. Importing them all at once cost a server
 * (and every test file importing the app) about three seconds and a hundred MiB before the first
 * request: jsdom (≈1.5 s, only for article HTML), exceljs (≈0.5 s, only for XLSX), the S3 client
 * (≈0.4 s, only with `KONTAKT_FILE_STORE=s3`) and imapflow (only with mailboxes configured).
 * sharp (libvips, only for an uploaded photo) and mailparser (only for letters read from a
 * mailbox) held ~35 MiB of every process's resident memory from its start (2 December 2026: a
 * fresh server idled at 222 MiB, the XLSX export's peak must stay under 300 MB).
 * Each is CommonJS, so `require` loads it synchronously where a caller is synchronous.
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** A loader that requires `id` on its first call and returns the same module afterwards. */
function lazy<T>(id: string): () => T {
  let loaded: T | undefined;
  return () => (loaded ??= require(id) as T);
}

export const exceljs = lazy<typeof import('exceljs')>('exceljs');
export const jsdom = lazy<typeof import('jsdom')>('jsdom');
export const clientS3 = lazy<typeof import('@aws-sdk/client-s3')>('@aws-sdk/client-s3');
export const imapflow = lazy<typeof import('imapflow')>('imapflow');
/** `require('sharp')` is the function itself (its CommonJS build), the ESM typings' default export. */
export const sharp = lazy<typeof import('sharp').default>('sharp');
export const mailparser = lazy<typeof import('mailparser')>('mailparser');
