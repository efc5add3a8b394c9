/**
 * Open311 API keys (GeoReport v2: `api_key` on POST requests): issued and revoked by an
 * administrator for each client application (a city app, a partner's service). Only the SHA-256 of
 * a key is stored; the plain key is shown once. The client vouches, by the terms it received the
 * key on, that its users consented to the processing of their personal data.
 */
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { Deps, UserActor } from '../context.js';
import { AppError } from '../errors.js';
import { sha256 } from '../sha256.js';

export const newApiKeySchema = z.object({
  name: z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(200)
    .describe('Who the key is for, e.g. "City app (iOS)".'),
});

export const apiKeyView = z.object({
  id: z.number().int(),
  name: z.string(),
  prefix: z.string().describe('The first characters of the key, to recognise it.'),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export type ApiKeyView = z.infer<typeof apiKeyView>;

export const issuedApiKeyView = apiKeyView.extend({
  apiKey: z.string().describe('The key itself: shown only now.'),
});

type Row = {
  id: number;
  name: string;
  key_prefix: string;
  created_at: Date;
  last_used_at: Date | null;
  revoked_at: Date | null;
};

function present(row: Row): ApiKeyView {
  return {
    id: row.id,
    name: row.name,
    prefix: row.key_prefix,
    createdAt: row.created_at.toISOString(),
    lastUsedAt: row.last_used_at?.toISOString() ?? null,
    revokedAt: row.revoked_at?.toISOString() ?? null,
  };
}

const COLUMNS = ['id', 'name', 'key_prefix', 'created_at', 'last_used_at', 'revoked_at'] as const;

/** Issue a key. @returns the key (shown once) and its record. */
export async function issueApiKey(
  deps: Deps,
  actor: UserActor,
  name: string,
): Promise<z.infer<typeof issuedApiKeyView>> {
  const apiKey = `o311_${randomBytes(24).toString('base64url')}`;
  const row = await deps.db
    .insertInto('open311_api_keys')
    .values({
      name,
      key_hash: sha256(apiKey),
      key_prefix: apiKey.slice(0, 9),
      created_by: actor.id,
      created_at: deps.now(),
    })
    .returning(COLUMNS)
    .executeTakeFirstOrThrow();
  return { ...present(row), apiKey };
}

export async function listApiKeys(deps: Deps): Promise<ApiKeyView[]> {
  const rows = await deps.db.selectFrom('open311_api_keys').select(COLUMNS).orderBy('id').execute();
  return rows.map(present);
}

/** Revoke a key (its requests already made stay). @throws AppError 404 `api_key_not_found`. */
export async function revokeApiKey(deps: Deps, id: number): Promise<ApiKeyView> {
  const row = await deps.db
    .updateTable('open311_api_keys')
    .set({ revoked_at: deps.now() })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .returning(COLUMNS)
    .executeTakeFirst();
  if (!row)
    throw new AppError('api_key_not_found', 404, `No active Open311 API key with id ${id}.`);
  return present(row);
}

/** The active key's id and name, or null for an unknown or revoked key. */
export async function apiKeyByValue(
  deps: Deps,
  apiKey: string,
): Promise<{ id: number; name: string } | null> {
  const row = await deps.db
    .selectFrom('open311_api_keys')
    .select(['id', 'name'])
    .where('key_hash', '=', sha256(apiKey))
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  if (!row) return null;
  await deps.db
    .updateTable('open311_api_keys')
    .set({ last_used_at: deps.now() })
    .where('id', '=', row.id)
    .execute();
  return row;
}
