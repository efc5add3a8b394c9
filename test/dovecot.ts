/**
 * A real IMAP server for tests: Debian's Dovecot (`dovecot-imapd`, installed by `.ci/run`),
 * started on a random loopback port with its own configuration, mail and users (a passwd-file) in
 * a temporary folder, and stopped by pid. Without Dovecot the test is skipped with a warning on a
 * developer's machine and fails under `CI=true` (as for the shared data, test/shared-data.ts).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { freePort, programsPresent } from './local-services.js';

export const DOVECOT = '/usr/sbin/dovecot';

/** Whether Dovecot is installed; throws under CI=true when it is not. */
export function dovecotPresent(what: string): boolean {
  return programsPresent(what, [DOVECOT], 'install dovecot-imapd (.ci/run does)');
}

async function waitForPort(port: number, log: () => string): Promise<void> {
  for (let attempt = 0; attempt < 200; attempt += 1) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`Dovecot did not listen on ${port}:\n${log()}`);
}

export interface Dovecot {
  port: number;
  /** `imap://user:password@127.0.0.1:port/INBOX` of a user made at start. */
  url(user: string): string;
  stop(): Promise<void>;
}

/** Start Dovecot with the users `users` (password `secret-<user>`). */
export async function startDovecot(users: string[]): Promise<Dovecot> {
  const dir = mkdtempSync(join(tmpdir(), 'kontakt-dovecot-'));
  const port = await freePort();
  const me = userInfo();
  // As root, Dovecot's own unprivileged users (made by the Debian package) run its processes.
  const asRoot = me.uid === 0;
  const internalUser = asRoot ? 'dovecot' : me.username;
  const loginUser = asRoot ? 'dovenull' : me.username;
  const mailUid = asRoot ? 'dovecot' : String(me.uid);
  const mailGid = asRoot ? 'dovecot' : String(me.gid);
  mkdirSync(join(dir, 'home'), { recursive: true });
  // Dovecot's own users (as root: `dovecot`, `dovenull`) must reach the passwd-file.
  chmodSync(dir, 0o755);
  if (asRoot) {
    // The mail processes run as `dovecot`: let them write the homes.
    const { chownSync } = await import('node:fs');
    const { execFileSync } = await import('node:child_process');
    const uid = Number(execFileSync('id', ['-u', 'dovecot']).toString().trim());
    const gid = Number(execFileSync('id', ['-g', 'dovecot']).toString().trim());
    chownSync(join(dir, 'home'), uid, gid);
  }
  writeFileSync(join(dir, 'passwd'), users.map((u) => `${u}:{PLAIN}secret-${u}::::::\n`).join(''));
  writeFileSync(
    join(dir, 'dovecot.conf'),
    `protocols = imap
listen = 127.0.0.1
base_dir = ${dir}/run
state_dir = ${dir}/state
instance_name = kontakt-test-${port}
log_path = ${dir}/dovecot.log
info_log_path = ${dir}/dovecot.log
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
default_internal_user = ${internalUser}
default_internal_group = ${asRoot ? 'dovecot' : String(me.gid)}
default_login_user = ${loginUser}
first_valid_uid = 1
mail_location = maildir:${dir}/home/%u/Maildir
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u ${dir}/passwd
}
userdb {
  driver = static
  args = uid=${mailUid} gid=${mailGid} home=${dir}/home/%u
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = ${port}
  }
  inet_listener imaps {
    port = 0
  }
}
service stats {
  unix_listener stats-reader {
    mode = 0666
  }
  unix_listener stats-writer {
    mode = 0666
  }
}
`,
  );
  const child: ChildProcess = spawn(DOVECOT, ['-F', '-c', join(dir, 'dovecot.conf')], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  await waitForPort(port, () => output);
  return {
    port,
    url: (user) => `imap://${user}:secret-${user}@127.0.0.1:${port}/INBOX`,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      if (!process.env.KEEP_DOVECOT) rmSync(dir, { recursive: true, force: true });
    },
  };
}
