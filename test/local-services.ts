/**
 * What the tests that start a real service of this machine share: a free loopback port, and the
 * check that the service's programs are installed (a skip with a message on a developer's machine,
 * a failure under CI, whose `.ci/run` installs them).
 */
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';

/** A TCP port free on 127.0.0.1 at the moment of asking. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/**
 * Whether every one of `programs` exists. When not: under `CI=true` (or 1) throws `Error` with
 * `what` and `install`; elsewhere warns and returns false, so the suite skips.
 */
export function programsPresent(what: string, programs: string[], install: string): boolean {
  if (programs.every((p) => existsSync(p))) return true;
  const message = `${what} need ${programs.join(', ')}; ${install}.`;
  if (process.env.CI === 'true' || process.env.CI === '1') throw new Error(message);
  console.warn(`skipped: ${message}`);
  return false;
}
