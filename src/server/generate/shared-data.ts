/**
 * The real distributions the generator follows, read from the shared data folder
 * (`../shared/data`, see its README): Kyiv 1551 appeal counts by kind, status, result and channel
 * (September 2025) and Kyiv street names with their frequencies. When a file is absent or
 * unreadable, small built-in lists of the same shape are used and a note says so.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { kyivChannel, kyivStatus } from '../../domain/kyiv1551-labels.js';
import { resultByLabel, type ResultCode } from '../../domain/results.js';
import { matchKey } from '../../domain/text.js';
import type { AppealStatus, Channel } from '../../domain/vocabulary.js';

export interface Distributions {
  /** Appeals per classifier kind, keyed by `matchKey(kind name)`. */
  kindCounts: Map<string, number>;
  /** Appeals per status (a monthly snapshot: how many of a month's appeals are in each). */
  statusCounts: Map<AppealStatus, number>;
  /** Final results of closed appeals. */
  resultCounts: Map<ResultCode, number>;
  channelCounts: Map<Channel, number>;
  /** Street names (with their type, e.g. «вул. Хрещатик») and weights. */
  streets: { names: string[]; weights: number[] };
  /** What was read, and what fell back to built-in lists. */
  notes: string[];
}

const KIND_COUNTS_FILE = 'kyiv1551/kind-counts-2025-09.tsv';
const STATUS_FILE = 'kyiv1551/status-result-channel-counts.tsv';
const STREETS_FILE = 'streets/kyiv-street-name-frequencies.txt';

/** Kyiv's «returned» variants of "not in competence" are a final result in its statistics. */
function resultOf(label: string): ResultCode | undefined {
  const found = resultByLabel(label);
  if (found) return found;
  return /^не в компетенції/.test(matchKey(label)) ? 'not_in_competence_forwarded' : undefined;
}

const BUILT_IN_STATUS: [AppealStatus, number][] = [
  ['closed', 47453],
  ['registered', 11457],
  ['on_check', 9555],
  ['rework', 1712],
  ['in_work', 375],
];
const BUILT_IN_RESULTS: [ResultCode, number][] = [
  ['explained', 17867],
  ['done_confirmed', 17807],
  ['closed_automatically', 11080],
  ['not_in_competence_forwarded', 7593],
  ['done_awaiting_confirmation', 800],
  ['cancelled_by_applicant', 521],
];
const BUILT_IN_CHANNELS: [Channel, number][] = [
  ['phone', 37757],
  ['portal', 31155],
  ['government_hotline', 1542],
  ['tv', 80],
  ['email', 18],
];
const BUILT_IN_STREETS: [string, number][] = [
  ['вул. Хрещатик', 100],
  ['вул. Володимирська', 90],
  ['вул. Велика Васильківська', 80],
  ['просп. Берестейський', 80],
  ['вул. Саксаганського', 60],
  ['вул. Антоновича', 60],
  ['просп. Степана Бандери', 50],
  ['вул. Кирилівська', 50],
  ['вул. Братиславська', 40],
  ['бульв. Лесі Українки', 40],
];

/**
 * Read the distributions from `sharedDataDir`.
 *
 * @param sharedDataDir the shared data folder (`KONTAKT_SHARED_DATA`, default `../shared/data`).
 * @returns counts and streets; `notes` names each file read or replaced by a built-in list.
 */
export function loadDistributions(sharedDataDir: string): Distributions {
  const notes: string[] = [];
  const read = (relative: string): string | null => {
    const path = join(sharedDataDir, relative);
    if (!existsSync(path)) {
      notes.push(`${relative}: not found in ${sharedDataDir}; using a small built-in list`);
      return null;
    }
    notes.push(`${relative}: read`);
    return readFileSync(path, 'utf8');
  };

  const kindCounts = new Map<string, number>();
  const kindText = read(KIND_COUNTS_FILE);
  for (const line of (kindText ?? '').split('\n').slice(1)) {
    const [name, count] = line.split('\t');
    const n = Number(count);
    if (name && Number.isFinite(n) && n > 0) kindCounts.set(matchKey(name), n);
  }

  const statusCounts = new Map<AppealStatus, number>();
  const resultCounts = new Map<ResultCode, number>();
  const channelCounts = new Map<Channel, number>();
  const statusText = read(STATUS_FILE);
  for (const line of (statusText ?? '').split('\n').slice(1)) {
    const [field, value, count] = line.split('\t');
    const n = Number(count);
    if (!field || !value || !count || !Number.isFinite(n) || n <= 0) continue;
    if (field === 'status') {
      const status = kyivStatus(value);
      if (status) statusCounts.set(status, (statusCounts.get(status) ?? 0) + n);
    } else if (field === 'accrualMethod') {
      const channel = kyivChannel(value);
      if (channel) channelCounts.set(channel, (channelCounts.get(channel) ?? 0) + n);
    } else if (field === 'result') {
      const result = resultOf(value);
      if (result) resultCounts.set(result, (resultCounts.get(result) ?? 0) + n);
    }
  }
  if (statusCounts.size === 0) for (const [k, v] of BUILT_IN_STATUS) statusCounts.set(k, v);
  if (resultCounts.size === 0) for (const [k, v] of BUILT_IN_RESULTS) resultCounts.set(k, v);
  if (channelCounts.size === 0) for (const [k, v] of BUILT_IN_CHANNELS) channelCounts.set(k, v);

  const names: string[] = [];
  const weights: number[] = [];
  const streetText = read(STREETS_FILE);
  for (const line of (streetText ?? '').split('\n')) {
    const match = /^\s*(\d+)\s+(.+?)\s*$/.exec(line);
    if (!match) continue;
    const name = match[2]!.replace(/\s+/g, ' ');
    // A street type alone («вул.») or a pair of streets is no address.
    if (name.length < 6 || / та /.test(name)) continue;
    names.push(name);
    weights.push(Number(match[1]));
  }
  if (names.length === 0) {
    for (const [name, weight] of BUILT_IN_STREETS) {
      names.push(name);
      weights.push(weight);
    }
  }
  return {
    kindCounts,
    statusCounts,
    resultCounts,
    channelCounts,
    streets: { names, weights },
    notes,
  };
}
