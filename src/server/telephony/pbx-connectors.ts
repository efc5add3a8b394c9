/**
 * Long-running connections to telephone systems that push events over their own protocol
 * (Asterisk AMI). Started by `serve` when configured; each app process may run one: the events
 * are idempotent, so several followers record each call once.
 */
import type { Deps } from '../context.js';
import { followAsterisk } from './asterisk-ami.js';
import { recordCallEvent } from './record-call-event.js';
import { type CallEventListener, notify } from './telephony.routes.js';

/**
 * Follow the Asterisk at `url` (`ami://user:secret@host:5038`).
 *
 * @returns `stop()` and a promise of the first login.
 * @throws Error when the URL is not an `ami://` URL with a user and a secret.
 */
export function connectAsterisk(
  deps: Deps,
  url: string,
  listeners: CallEventListener[] = [],
  options: { reconnectMs?: number; onError?: (error: unknown) => void } = {},
) {
  const parsed = new URL(url);
  if (parsed.protocol !== 'ami:' || !parsed.username || !parsed.password) {
    throw new Error('The AMI URL must look like ami://user:secret@host:5038');
  }
  return followAsterisk({
    host: parsed.hostname,
    port: Number(parsed.port || 5038),
    username: decodeURIComponent(parsed.username),
    secret: decodeURIComponent(parsed.password),
    now: deps.now,
    reconnectMs: options.reconnectMs,
    onError: options.onError,
    onEvent: async (event) => {
      await notify(listeners, await recordCallEvent(deps, 'asterisk', event));
    },
  });
}
