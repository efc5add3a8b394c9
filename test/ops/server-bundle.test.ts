/**
 * The server bundle (ADR 063): built from `src/server/cli.ts`, it finds the files its sources read
 * beside them (the migrations), lists every source it was made of, and is stale as soon as one of
 * them changes in content (not in time stamp), or the bundle itself is damaged; a killed build's
 * temporary files go at the next build.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { buildBundle, bundleFresh, digest } from '../../bin/server-bundle.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
// Two levels down, as dist/server/ is: the sources' paths must come out relative to the bundle.
const DIR = join(ROOT, '.tmp', `bundle-test-${process.pid}`);
const BUNDLE = join(DIR, 'a', 'b', 'kontakt.mjs');

const ESBUILD = (
  JSON.parse(readFileSync(join(ROOT, 'node_modules/esbuild/package.json'), 'utf8')) as {
    version: string;
  }
).version;

afterAll(() => rmSync(DIR, { recursive: true, force: true }));

describe('the server bundle', () => {
  it('runs the command, reads files beside its sources and lists every source it was made of', async () => {
    await buildBundle(BUNDLE);
    expect(bundleFresh(BUNDLE)).toBe(true);
    // The migrations' directory is found through migrate.ts's own import.meta.url.
    const dryRun = execFileSync(process.execPath, [BUNDLE, 'migrate', '--dry-run'], {
      encoding: 'utf8',
      env: { ...process.env, DATABASE_URL: '', KONTAKT_DATA_DIR: join(DIR, 'data') },
    });
    const migrations = readdirSync(join(ROOT, 'migrations'))
      .filter((f) => f.endsWith('.sql'))
      .map((f) => f.replace(/\.sql$/, ''));
    expect(dryRun).toContain(`Would apply (in this order): ${migrations.sort().join(', ')}`);
    const manifest = JSON.parse(readFileSync(`${BUNDLE}.inputs.json`, 'utf8')) as {
      inputs: string[];
    };
    expect(manifest.inputs).toEqual(
      expect.arrayContaining([
        'src/server/cli.ts',
        'src/server/app.ts',
        'src/domain/policy.ts',
        'src/contract/appeals.schemas.ts',
        'bin/server-bundle.mjs',
        'tsconfig.json',
      ]),
    );
    expect(manifest.inputs.some((p) => p.startsWith('node_modules/'))).toBe(false);
  });

  it('is stale when a source changes in content, not when it is only touched, or when it is gone', () => {
    const source = writeSource('source.ts', 'export const a = 1;\n');
    const fake = fakeBundle([source]);
    expect(bundleFresh(fake)).toBe(true);
    const later = new Date(Date.now() + 60_000);
    utimesSync(source, later, later);
    expect(bundleFresh(fake)).toBe(true);
    writeFileSync(source, 'export const a = 2;\n');
    expect(bundleFresh(fake)).toBe(false);
    rmSync(source);
    expect(bundleFresh(fake)).toBe(false);
  });

  it('is stale when the bundle itself was emptied or cut, or another esbuild made it', () => {
    const source = writeSource('other.ts', 'export const b = 1;\n');
    const fake = fakeBundle([source]);
    expect(bundleFresh(fake)).toBe(true);
    writeFileSync(fake, 'export const whole = tru');
    expect(bundleFresh(fake)).toBe(false);
    writeFileSync(fake, '');
    expect(bundleFresh(fake)).toBe(false);
    expect(bundleFresh(fakeBundle([source], '0.0.1'))).toBe(false);
  });

  it('removes the temporary files of a build that was killed, and keeps the bundle whole', async () => {
    const dir = join(DIR, 'leftovers', 'a');
    const bundle = join(dir, 'kontakt.mjs');
    mkdirSync(dir, { recursive: true });
    // A process id no process has (above Linux's pid_max), and a live one's file (this process's
    // parent: a build under way elsewhere), which stays.
    writeFileSync(join(dir, 'kontakt.mjs.4194305.tmp'), 'half a bundle');
    writeFileSync(join(dir, `kontakt.mjs.map.${process.ppid}.tmp`), 'a build under way');
    await buildBundle(bundle);
    expect(readdirSync(dir).sort()).toEqual(
      [
        'kontakt.mjs',
        'kontakt.mjs.inputs.json',
        'kontakt.mjs.map',
        `kontakt.mjs.map.${process.ppid}.tmp`,
      ].sort(),
    );
    expect(bundleFresh(bundle)).toBe(true);
  });
});

/** A source file in the test's directory; its path. */
function writeSource(name: string, text: string): string {
  mkdirSync(DIR, { recursive: true });
  const path = join(DIR, name);
  writeFileSync(path, text);
  return path;
}

/** A bundle of one line whose manifest lists `sources`, as buildBundle writes it. */
function fakeBundle(sources: string[], esbuild = ESBUILD): string {
  const fake = join(
    DIR,
    `fake-${sources.length}-${esbuild}-${Math.random().toString(36).slice(2)}.mjs`,
  );
  const code = 'export const whole = true;\n';
  writeFileSync(fake, code);
  const inputs = sources.map((file) => relative(ROOT, file).split('\\').join('/'));
  const manifest = {
    esbuild,
    bundle: createHash('sha256').update(code).digest('hex'),
    digest: digest(inputs),
    inputs,
  };
  writeFileSync(`${fake}.inputs.json`, JSON.stringify(manifest));
  return fake;
}
