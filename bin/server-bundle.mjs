// The server as one ES module (ADR 063): `src/server/cli.ts` and everything it imports from `src/`,
// bundled by esbuild into `dist/server/kontakt.mjs` (packages stay external: node_modules at run
// time). Run through tsx's loader instead, a process carried the loader's worker thread and its
// transforms: a fresh server idled at ~225 MiB resident instead of ~150.
//
// Next to the bundle, a manifest: the SHA-256 of every source as esbuild read it (not as it is
// after the build: a file saved meanwhile makes the bundle stale), of this file, tsconfig.json and
// esbuild's version, and of the bundle itself (a truncated or emptied bundle is built again).
// A start compares them with the files as they are now and rebuilds on any difference, so an
// edited checkout never runs old code. Several processes starting at once each write complete
// files and rename them into place. When it cannot be built or written (a read-only install that
// was not built), the sources run through tsx as before.
import { createHash } from 'node:crypto';
import {
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { basename, dirname, extname, join, relative, sep } from 'node:path';
import { performance } from 'node:perf_hooks';
import process from 'node:process';
import { URL, fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const ENTRY = join(ROOT, 'src', 'server', 'cli.ts');
export const BUNDLE = join(ROOT, 'dist', 'server', 'kontakt.mjs');
const SELF = fileURLToPath(import.meta.url);
const LOADERS = {
  '.ts': 'ts',
  '.mts': 'ts',
  '.tsx': 'tsx',
  '.js': 'js',
  '.mjs': 'js',
  '.json': 'json',
};

const sha256 = (bytes) => createHash('sha256').update(bytes).digest('hex');
const toPosix = (path) => path.split(sep).join('/');
/** Read before every build and every check, as the sources are. */
const ALWAYS = [toPosix(relative(ROOT, SELF)), 'tsconfig.json'];

/** esbuild's version: a new esbuild builds again. */
function esbuildVersion() {
  try {
    const require = createRequire(import.meta.url);
    return JSON.parse(readFileSync(require.resolve('esbuild/package.json'), 'utf8')).version;
  } catch {
    return 'absent';
  }
}

/**
 * SHA-256 (hex) over each input's path (relative to the checkout, posix) and the SHA-256 of its
 * bytes, in the given order.
 * @param {readonly string[]} files
 * @param {Map<string, string>} [known] per-file hashes already taken (the bytes esbuild read)
 */
export function digest(files, known) {
  const hash = createHash('sha256');
  for (const file of files) {
    hash.update(`${file}\0${known?.get(file) ?? sha256(readFileSync(join(ROOT, file)))}\0`);
  }
  return hash.digest('hex');
}

/**
 * Whether the bundle (`dist/server/kontakt.mjs` unless given) is whole and was built from the
 * sources as they are now, by this esbuild.
 */
export function bundleFresh(bundle = BUNDLE) {
  const manifestPath = `${bundle}.inputs.json`;
  if (!existsSync(bundle) || !existsSync(manifestPath)) return false;
  try {
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
    return (
      manifest.esbuild === esbuildVersion() &&
      manifest.bundle === sha256(readFileSync(bundle)) &&
      manifest.digest === digest(manifest.inputs)
    );
  } catch {
    return false; // an input deleted, the bundle unreadable, the manifest damaged: build again
  }
}

/**
 * Reads every source for esbuild and keeps the SHA-256 of the bytes it read. A source's
 * `import.meta.url` names the source file, not the bundle: the paths the server reads next to its
 * code (migrations, the classifier's seed, package.json, dist/web) stay as they are. Written
 * relative to the bundle, so a moved checkout still finds them.
 */
const readSources = (bundle, hashes) => ({
  name: 'read-sources',
  setup(build) {
    build.onLoad({ filter: /\.(ts|mts|tsx|js|mjs|json)$/ }, async (args) => {
      if (args.path.includes(`${sep}node_modules${sep}`)) return undefined;
      const bytes = await readFile(args.path);
      hashes.set(toPosix(relative(ROOT, args.path)), sha256(bytes));
      let text = bytes.toString('utf8');
      if (text.includes('import.meta.url')) {
        const fromBundle = toPosix(relative(dirname(bundle), args.path));
        text = text.replaceAll(
          'import.meta.url',
          `new URL(${JSON.stringify(fromBundle)}, import.meta.url).href`,
        );
      }
      return { contents: text, loader: LOADERS[extname(args.path)] };
    });
  },
});

/** Write `contents` under a name of its own, flush it to disk, then rename it to `path`. */
function place(path, contents) {
  const temporary = `${path}.${process.pid}.tmp`;
  const fd = openSync(temporary, 'w');
  try {
    writeSync(fd, contents);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temporary, path);
}

/** Whether another process with this id runs (signal 0 only asks). */
function alive(pid) {
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error?.code === 'EPERM'; // it runs, as another user
  }
}

/** Remove temporary files a build that was killed left (its process gone, or a minute old). */
function removeLeftovers(directory, name) {
  for (const file of readdirSync(directory)) {
    if (!file.startsWith(name)) continue;
    const match = /\.(\d+)\.tmp$/.exec(file);
    if (!match) continue;
    const path = join(directory, file);
    try {
      if (!alive(Number(match[1])) || Date.now() - statSync(path).mtimeMs > 60_000)
        rmSync(path, { force: true });
    } catch {
      // another build removed it first
    }
  }
}

/**
 * Build the bundle (and its source map) now, at `dist/server/kontakt.mjs` unless given.
 * @returns the milliseconds it took.
 * @throws esbuild's error (its `errors` name the file and line) or the file system's.
 */
export async function buildBundle(bundle = BUNDLE) {
  const started = performance.now();
  const { build } = await import('esbuild');
  const hashes = new Map(ALWAYS.map((file) => [file, sha256(readFileSync(join(ROOT, file)))]));
  const version = esbuildVersion();
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: [ENTRY],
    outfile: bundle,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: 'linked',
    sourcesContent: false,
    metafile: true,
    write: false,
    logLevel: 'silent',
    plugins: [readSources(bundle, hashes)],
  });
  // Inputs relative to ROOT (absWorkingDir), with forward slashes; every one read by the plugin.
  const inputs = [...new Set([...Object.keys(result.metafile.inputs), ...ALWAYS])].sort();
  const missing = inputs.filter((file) => !hashes.has(file));
  if (missing.length > 0) throw new Error(`esbuild read ${missing.join(', ')} past the plugin`);
  mkdirSync(dirname(bundle), { recursive: true });
  removeLeftovers(dirname(bundle), basename(bundle));
  const map = result.outputFiles.find((f) => f.path.endsWith('.map'));
  const code = result.outputFiles.find((f) => f.path.endsWith('.mjs'));
  // A process starting meanwhile reads the old bundle or the new one, never half of one; the
  // manifest goes last and names the bundle's own hash.
  if (map) place(map.path, map.contents);
  place(code.path, code.contents);
  const manifest = {
    esbuild: version,
    bundle: sha256(code.contents),
    digest: digest(inputs, hashes),
    inputs,
  };
  place(`${bundle}.inputs.json`, `${JSON.stringify(manifest, null, 1)}\n`);
  return performance.now() - started;
}

/** esbuild's first error with its place, or the first line of any other error. */
function describe(error) {
  const first = error?.errors?.[0];
  if (first?.location)
    return `${first.location.file}:${first.location.line}:${first.location.column}: ${first.text}`;
  return error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
}

/**
 * Run the `kontakt` command: from the bundle (built first when missing or stale), else from the
 * sources through tsx. `KONTAKT_FROM_SOURCES=1` (or `true`) always takes the sources.
 */
export async function runKontakt() {
  let bundled = false;
  const fromSources = ['1', 'true'].includes(process.env.KONTAKT_FROM_SOURCES ?? '');
  if (!fromSources) {
    // Asked to stop while building: stop once the files are whole (as a start stops at its next
    // step, exit 0), never leave a half-renamed bundle behind.
    let stopAsked = false;
    const ask = () => {
      stopAsked = true;
    };
    process.on('SIGTERM', ask).on('SIGINT', ask);
    try {
      if (!bundleFresh()) await buildBundle();
      bundled = true;
    } catch (error) {
      process.stderr.write(
        `kontakt: the server bundle could not be built (${describe(error)}); running the sources through tsx` +
          ` (a read-only install: run \`npm run build:server\` after each update)\n`,
      );
    } finally {
      process.off('SIGTERM', ask).off('SIGINT', ask);
    }
    if (stopAsked) process.exit(0);
  }
  if (bundled) {
    // Stack traces name the TypeScript sources.
    process.setSourceMapsEnabled(true);
    await import(pathToFileURL(BUNDLE).href);
    return;
  }
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/server/cli.ts');
}

/** `npm run build:server`: build now and say where. */
export async function buildFromCommandLine() {
  try {
    const ms = await buildBundle();
    process.stdout.write(`built ${toPosix(relative(ROOT, BUNDLE))} in ${Math.round(ms)} ms\n`);
  } catch (error) {
    process.stderr.write(`kontakt: the server bundle could not be built: ${describe(error)}\n`);
    process.exitCode = 1;
  }
}
