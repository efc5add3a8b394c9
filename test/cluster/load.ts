/**
 * The cluster test's load (ADR 055): workers that, through the proxy, register appeals (each with
 * a marker of its own in the text, an applicant e-mail and an Idempotency-Key), upload a file to
 * each, and walk every other one through the executor's acceptance and answer and the
 * controller's review. It records what was acknowledged (a 2xx answer) so the test can look for
 * each in the database afterwards, and every other answer by step and status.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { cleanImage } from '../../src/server/attachments/clean-image.js';
import { appealBody } from '../factories.js';
import type { ApiClient, ApiResponse } from '../http.js';

export const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

/** What one run of the load saw. */
export interface Tally {
  /** Registrations: the marker of each attempted one (in its description and e-mail). */
  attempted: string[];
  /** Registrations answered 2xx: marker → appeal id and number. */
  acknowledged: Map<string, { id: number; number: string }>;
  /** Registration answers that were replays of an earlier attempt (200 after a lost answer). */
  replays: number;
  /** Files answered 201, with the sha256 of the bytes the store must give back. */
  uploads: { id: number; appealId: number; url: string; sha256: string; kind: 'photo' | 'text' }[];
  /** Executors' answers and controllers' reviews answered 2xx: their markers. */
  responses: string[];
  reviews: string[];
  /** Answers by step and status (`register 201`, `upload 502`, `accept network`…). */
  answers: Map<string, number>;
  /** Answers no step expects even while a node dies (a 4xx, a 500): the test fails on any. */
  unexpected: string[];
}

/** Statuses a request may meet while a node is killed under it (the proxy's 502/503/504). */
const IN_FLIGHT_LOSS = new Set([0, 502, 503, 504]);

export interface LoadOptions {
  /** Base URL of the proxy. */
  operators: ApiClient[];
  executor: ApiClient;
  controller: ApiClient;
  questionTypeId: number;
  /** When the workers stop starting new appeals (ms since the epoch). */
  until: number;
}

/** A small photo (PNG) per index, and the bytes the server stores of it (EXIF-less re-encoding). */
export async function photoPool(
  count: number,
): Promise<{ bytes: Buffer; stored: string; name: string }[]> {
  const dir = await mkdtemp(join(tmpdir(), 'kontakt-cluster-photos-'));
  try {
    const pool = [];
    for (let i = 0; i < count; i++) {
      const [r = 0, g = 0, b = 0] = randomBytes(3);
      const bytes = await sharp({
        create: { width: 48, height: 32, channels: 3, background: { r, g, b } },
      })
        .png()
        .toBuffer();
      const path = join(dir, `${i}.png`);
      await writeFile(path, bytes);
      // The same cleaning the server does on arrival: what it stores, hence what it must serve.
      const cleaned = await cleanImage(path, 'image/png');
      pool.push({ bytes, stored: sha256(cleaned.bytes), name: `фото-${i}.png` });
    }
    return pool;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export function emptyTally(): Tally {
  return {
    attempted: [],
    acknowledged: new Map(),
    replays: 0,
    uploads: [],
    responses: [],
    reviews: [],
    answers: new Map(),
    unexpected: [],
  };
}

/**
 * Run the load: one worker per operator client until `options.until`; resolves when every worker
 * has finished the appeal it was on.
 */
export async function runLoad(options: LoadOptions, tally: Tally): Promise<void> {
  const photos = await photoPool(16);
  let serial = 0;

  /** One request, tallied; null unless answered with an `expected` status. */
  const call = async <T>(
    step: string,
    expected: number[],
    send: () => Promise<ApiResponse<T>>,
  ): Promise<ApiResponse<T> | null> => {
    let res: ApiResponse<T> | null;
    try {
      res = await send();
    } catch {
      res = null; // no answer at all: the connection was reset
    }
    const status = res?.status ?? 0;
    const key = `${step} ${status === 0 ? 'network' : status}`;
    tally.answers.set(key, (tally.answers.get(key) ?? 0) + 1);
    if (!expected.includes(status) && !IN_FLIGHT_LOSS.has(status)) {
      tally.unexpected.push(`${key}: ${JSON.stringify(res?.body).slice(0, 300)}`);
    }
    return res && expected.includes(status) ? res : null;
  };

  const worker = async (operator: ApiClient) => {
    while (Date.now() < options.until) {
      serial += 1;
      const n = serial;
      const marker = `mark${randomBytes(6).toString('hex')}`;
      tally.attempted.push(marker);
      const base = appealBody(options.questionTypeId);
      const body = {
        ...base,
        description: `Не працює вуличне освітлення біля будинку (${marker})`,
        applicant: { ...base.applicant, email: `${marker}@example.org` },
      };
      // As the operator's screen does: the same form again, with the same key, until it is answered.
      let registered: { id: number; number: string; replayed?: boolean } | null = null;
      for (let attempt = 0; attempt < 10 && !registered; attempt++) {
        if (attempt > 0) await new Promise((r) => setTimeout(r, 300));
        const res = await call<{ id: number; number: string }>('register', [200, 201], () =>
          operator.request('POST', '/api/v1/appeals', body, { 'idempotency-key': marker }),
        );
        if (res) {
          registered = res.body;
          if (res.status === 200) tally.replays += 1;
        }
      }
      if (!registered) continue;
      tally.acknowledged.set(marker, { id: registered.id, number: registered.number });
      const appealId = registered.id;

      const photo = n % 2 === 0 ? photos[n % photos.length]! : null;
      const bytes = photo?.bytes ?? Buffer.from(`Довідка до звернення ${marker}\n`.repeat(40));
      const form = new FormData();
      form.append(
        'file',
        new Blob([new Uint8Array(bytes)], { type: photo ? 'image/png' : 'text/plain' }),
        photo?.name ?? `довідка-${marker}.txt`,
      );
      const uploaded = await call<{ id: number; url: string }>('upload', [201], () =>
        operator.request('POST', `/api/v1/appeals/${appealId}/attachments`, form),
      );
      if (uploaded) {
        tally.uploads.push({
          id: uploaded.body.id,
          appealId,
          url: uploaded.body.url,
          sha256: photo?.stored ?? sha256(bytes),
          kind: photo ? 'photo' : 'text',
        });
      }

      if (n % 2 !== 0) continue;
      const accepted = await call('accept', [200], () =>
        options.executor.post(`/api/v1/appeals/${appealId}/accept`),
      );
      if (!accepted) continue;
      const answer = `Світильник замінено, освітлення працює (${marker})`;
      const responded = await call('respond', [201], () =>
        options.executor.post(`/api/v1/appeals/${appealId}/responses`, { text: answer }),
      );
      if (!responded) continue;
      tally.responses.push(answer);
      const comment = `Перевірено на місці (${marker})`;
      const reviewed = await call('review', [200], () =>
        options.controller.post(`/api/v1/appeals/${appealId}/review`, {
          decision: 'accept',
          result: 'done_confirmed',
          comment,
        }),
      );
      if (reviewed) tally.reviews.push(comment);
    }
  };
  await Promise.all(options.operators.map(worker));
}
