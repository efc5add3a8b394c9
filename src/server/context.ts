/**
 * What every use case receives: the database, the configuration, the clock and the file store;
 * where configured, the read replica the heavy reads may use (`readDb`, ADR 054).
 * "Now" is a function so tests pin it (CONVENTIONS.md, habit 9).
 */
import type { Kysely } from 'kysely';
import type { Role } from '../domain/vocabulary.js';
import type { Config } from './config.js';
import type { ReadReplica } from './db/read-replica.js';
import type { DB } from './db/schema.js';
import type { FileStore } from './attachments/file-store.js';
import type { LiveBus } from './live/live-bus.js';
import type { SessionCache } from './auth/session-cache.js';

export interface Deps {
  db: Kysely<DB>;
  config: Config;
  now: () => Date;
  files: FileStore;
  /** This process's live event bus (ADR 038); absent where nothing streams (CLI, some tests). */
  live?: LiveBus;
  /**
   * The streaming replica for reports, exports, public statistics and open data (ADR 054); absent
   * without `DATABASE_REPLICA_URL`. Reach it only through `readDb`/`onReader` (db/read-replica.ts),
   * which fall back to `db` when it is down or lags; nothing writes there.
   */
  replica?: ReadReplica;
  /**
   * This process's few seconds' memory of session → staff member (ADR 062); absent where nothing
   * serves HTTP for long (CLI, most tests): every lookup then reads the database.
   */
  sessions?: SessionCache<UserActor>;
}

/** A signed-in staff member (through a session cookie or an API token). */
export interface UserActor {
  kind: 'user';
  id: number;
  login: string;
  fullName: string;
  role: Role;
  organisationId: number | null;
  /** A password set by an administrator's reset: only the own-password page works until changed. */
  mustChangePassword?: boolean;
}

/** The system itself: imports, scheduled jobs, the demo seed. */
export interface SystemActor {
  kind: 'system';
  label: string;
}

export type Actor = UserActor | SystemActor;

export function actorId(actor: Actor): number | null {
  return actor.kind === 'user' ? actor.id : null;
}

export function actorLabel(actor: Actor): string {
  return actor.kind === 'user' ? `${actor.fullName} (${actor.login})` : actor.label;
}
