// The server as one ES module (ADR 063): `src/server/cli.ts` and everything it imports from `src/`,
// bundled by esbuild into `dist/server/kontakt.mjs` (packages stay external: node_modules at run
// time). Run through tsx's loader instead, a process carried the loader's worker thread and its
// transforms: a fresh server idled at ~220 MiB resident instead of ~140.
//
// The bundle is rebuilt when its inputs' contents change (a SHA-256 of every source file esbuild
// read, and of this file), so an edited checkout never runs old code; several processes starting
// at once each write a complete file and rename it into place. When it cannot be built or written
// (a read-only install without a build), the sources run through tsx as before.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { performance } from 'node:perf_hooks';
import process from 'node:process';
import { URL, fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const ENTRY = join(ROOT, 'src', 'server', 'cli.ts');
export const BUNDLE = join(ROOT, 'dist', 'server', 'kontakt.mjs');
const SELF = fileURLToPath(import.meta.url);

/** SHA-256 (hex) over the files (paths relative to the checkout, in the given order) and their contents. */
export function digest(files) {
  const hash = createHash('sha256');
  for (const file of files) {
    hash.update(`${file}\0`);
    hash.update(readFileSync(join(ROOT, file)));
    hash.update('\0');
  }
  return hash.digest('hex');
}

/** Whether the bundle (`dist/server/kontakt.mjs` unless given) exists and was built from the sources as they are now. */
export function bundleFresh(bundle = BUNDLE) {
  const manifestPath = `${bundle}.inputs.json`;
  if (!existsSync(bundle) || !existsSync(manifestPath)) return false;
  try {
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
    return manifest.digest === digest(manifest.inputs);
  } catch {
    return false; // an input deleted or the manifest unreadable: build again
  }
}

/**
 * A source's `import.meta.url` names the source file, not the bundle: the paths the server reads
 * next to its code (migrations, the classifier's seed, package.json, dist/web) stay as they are.
 * Written relative to the bundle, so a moved checkout still finds them.
 */
const sourceUrls = (bundle) => ({
  name: 'source-urls',
  setup(build) {
    build.onLoad({ filter: /\.ts$/ }, async (args) => {
      const text = await readFile(args.path, 'utf8');
      if (!text.includes('import.meta.url')) return undefined;
      const fromBundle = relative(dirname(bundle), args.path).split(sep).join('/');
      return {
        contents: text.replaceAll(
          'import.meta.url',
          `new URL(${JSON.stringify(fromBundle)}, import.meta.url).href`,
        ),
        loader: 'ts',
      };
    });
  },
});

/**
 * Build the bundle (and its source map) now, at `dist/server/kontakt.mjs` unless given.
 * @returns the milliseconds it took.
 * @throws whatever esbuild or the file system throws (a type error is not one: esbuild strips types).
 */
export async function buildBundle(bundle = BUNDLE) {
  const started = performance.now();
  const { build } = await import('esbuild');
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
    plugins: [sourceUrls(bundle)],
  });
  const inputs = [
    ...Object.keys(result.metafile.inputs), // relative to ROOT, with forward slashes
    relative(ROOT, SELF).split(sep).join('/'),
    'tsconfig.json',
  ].sort();
  mkdirSync(dirname(bundle), { recursive: true });
  // Each file complete under a name of its own, then renamed: a process starting meanwhile reads
  // the old bundle or the new one, never half of one. The manifest goes last.
  const place = (path, contents) => {
    const temporary = `${path}.${process.pid}.tmp`;
    writeFileSync(temporary, contents);
    renameSync(temporary, path);
  };
  const map = result.outputFiles.find((f) => f.path.endsWith('.map'));
  const code = result.outputFiles.find((f) => f.path.endsWith('.mjs'));
  if (map) place(map.path, map.contents);
  place(code.path, code.contents);
  place(
    `${bundle}.inputs.json`,
    `${JSON.stringify({ digest: digest(inputs), inputs }, null, 1)}\n`,
  );
  return performance.now() - started;
}

/**
 * Run the `kontakt` command: from the bundle (built first when missing or stale), else from the
 * sources through tsx. `KONTAKT_FROM_SOURCES=1` always takes the sources (a debugger's choice).
 */
export async function runKontakt() {
  let bundled = false;
  if (process.env.KONTAKT_FROM_SOURCES !== '1') {
    // Asked to stop while building: stop once the files are whole (as a start stops at its next
    // step, exit 0), never leave a half-renamed bundle behind.
    let stopAsked = false;
    const ask = () => {
      stopAsked = true;
    };
    process.once('SIGTERM', ask).once('SIGINT', ask);
    try {
      if (!bundleFresh()) await buildBundle();
      bundled = true;
    } catch (error) {
      process.stderr.write(
        `kontakt: the server bundle could not be built (${error instanceof Error ? error.message.split('\n')[0] : String(error)}); running the sources through tsx\n`,
      );
    } finally {
      process.off('SIGTERM', ask).off('SIGINT', ask);
    }
    if (stopAsked) process.exit(0);
  }
  if (bundled) {
    // Stack traces name the TypeScript sources (the map is read only when one is printed).
    process.setSourceMapsEnabled(true);
    await import(pathToFileURL(BUNDLE).href);
    return;
  }
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/server/cli.ts');
}
