#!/usr/bin/env node
/**
 * Mutation run of the access policy: flips one cell of `src/domain/policy.ts` at a time (a
 * permission taken from a role that has it, or given to a role that lacks it), runs the access
 * tests, and reports each mutant the tests did not kill.
 *
 *   node scripts/mutate-policy.mjs                      # all 8 × 18 cells, both access tests
 *   node scripts/mutate-policy.mjs --only executor:appeal.review
 *   node scripts/mutate-policy.mjs --tests src/domain/policy.test.ts
 *   node scripts/mutate-policy.mjs --tests test/api/access-matrix.test.ts --pattern 'calls every'
 *
 * It works in a copy of the repository under `.tmp/mutation/` (node_modules linked), so the
 * working tree is never left mutated, even when the run is interrupted. Exit status 1 when a
 * mutant survived. Set DATABASE_URL to run the HTTP test on the server engine. The tests run in
 * this process through Vitest's Node API, so the template database is built once.
 */
/* global process, console */
import { cpSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createVitest } from 'vitest/node';

const root = resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);
const option = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const tests = (
  option('--tests') ?? 'src/domain/policy.test.ts,test/api/access-matrix.test.ts'
).split(',');
const only = option('--only');
const pattern = option('--pattern');

const work = join(root, '.tmp', 'mutation');
rmSync(work, { recursive: true, force: true });
mkdirSync(work, { recursive: true });
for (const entry of [
  'src',
  'test',
  'migrations',
  'package.json',
  'tsconfig.json',
  'vitest.config.ts',
]) {
  cpSync(join(root, entry), join(work, entry), { recursive: true });
}
symlinkSync(join(root, 'node_modules'), join(work, 'node_modules'));

const policyPath = join(work, 'src/domain/policy.ts');
const original = readFileSync(policyPath, 'utf8');
const anchor = '/** Whether `role` holds `permission`. */';
if (!original.includes(anchor)) throw new Error(`policy.ts no longer has the line "${anchor}"`);

// The roles and permissions, read from the sources so the run follows the code.
const listOf = (file, name) => {
  const text = readFileSync(join(root, file), 'utf8');
  const body = new RegExp(`export const ${name} = \\[([^\\]]*)\\]`).exec(text)?.[1];
  if (!body) throw new Error(`${name} not found in ${file}`);
  return [...body.matchAll(/'([^']+)'/g)].map((m) => m[1]);
};
const roles = listOf('src/domain/vocabulary.ts', 'ROLES');
const permissions = listOf('src/domain/policy.ts', 'PERMISSIONS');

const cells = roles.flatMap((role) => permissions.map((permission) => `${role}:${permission}`));
const selected = only ? only.split(',') : cells;

function mutant(role, permission) {
  const flip =
    `// MUTANT: flip ${role} × ${permission}\n` +
    `(GRANTS as Record<Role, readonly Permission[]>)['${role}'] = GRANTS['${role}'].includes('${permission}')\n` +
    `  ? GRANTS['${role}'].filter((p) => p !== '${permission}')\n` +
    `  : [...GRANTS['${role}'], '${permission}'];\n\n`;
  return original.replace(anchor, flip + anchor);
}

// One Vitest in this process: the global setup (the template database) is built once, and each
// mutant only re-runs the test files on the changed module (~1 s for both files instead of ~30 s).
const vitest = await createVitest('test', { watch: false, root: work, reporters: [{}] }, {});
await vitest.standalone();
if (pattern) vitest.setGlobalTestNamePattern(pattern);
const testFiles = tests.map((file) => join(work, file));

async function runTests() {
  vitest.invalidateFile(policyPath);
  const result = await vitest.runTestFiles(testFiles);
  const failed = result.testModules
    .filter((m) => !m.ok())
    .map((m) => m.moduleId.replace(`${work}/`, ''));
  return { ok: failed.length === 0 && result.testModules.length === testFiles.length, failed };
}

const survivors = [];
const started = Date.now();
try {
  const baseline = await runTests();
  if (!baseline.ok)
    throw new Error(`The tests fail without any mutant: ${baseline.failed.join(', ')}`);
  for (const [i, cell] of selected.entries()) {
    const [role, permission] = cell.split(':');
    writeFileSync(policyPath, mutant(role, permission));
    const { ok, failed } = await runTests();
    if (ok) survivors.push(cell);
    console.log(
      `[${i + 1}/${selected.length}] ${cell}: ${ok ? 'SURVIVED' : `killed by ${failed.join(', ')}`}`,
    );
  }
} finally {
  writeFileSync(policyPath, original);
  await vitest.close();
}
console.log(
  `\n${selected.length} mutants, ${selected.length - survivors.length} killed, ${survivors.length} survived` +
    ` (${Math.round((Date.now() - started) / 1000)} s)`,
);
for (const s of survivors) console.log(`  survived: ${s}`);
process.exit(survivors.length > 0 ? 1 : 0);
