#!/usr/bin/env node
/**
 * Mutation run of the access policy and of the appeal lifecycle: changes one rule at a time in a
 * copy of the sources, runs the tests that guard it, and reports each mutant no test killed.
 *
 *   npm run mutate:policy                  # every cell of src/domain/policy.ts (roles × permissions)
 *   npm run mutate:lifecycle               # every transition rule of src/domain/appeal-lifecycle.ts
 *   node scripts/mutate-policy.mjs --only executor:appeal.review
 *   node scripts/mutate-policy.mjs --tests src/domain/policy.test.ts
 *   node scripts/mutate-policy.mjs --tests test/api/access-matrix.test.ts --pattern 'calls every'
 *   node scripts/mutate-policy.mjs --target lifecycle --tests test/api/appeal-lifecycle.test.ts
 *
 * Policy mutants: a permission taken from a role that has it, or given to a role that lacks it.
 * Lifecycle mutants: a status added to or taken from the statuses an action starts from; an
 * action's target status changed to each other status; the same for each assignment action's
 * starting states and target state; the set of active assignment states; and the guards (the
 * rework limit's comparison, the rework count's increment, the main-assignment preconditions).
 *
 * It works in a copy of the repository under `.tmp/mutation/` (node_modules linked), so the
 * working tree is never left mutated, even when the run is interrupted. Exit status 1 when a
 * mutant survived. Set DATABASE_URL to run the HTTP tests on the server engine. The tests run in
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
const target = option('--target') ?? 'policy';
const only = option('--only');
const pattern = option('--pattern');

/**
 * The quoted strings of `export const NAME = [ … ]` in `file`. Comments are dropped first: an
 * apostrophe in one ("everyone's presence") once made a bogus name of the comment's tail and hid
 * the next permission from the run. Each name is checked, so a parse like that stops the run.
 */
const listOf = (file, name) => {
  const text = readFileSync(join(root, file), 'utf8');
  const body = new RegExp(`export const ${name} = \\[([^\\]]*)\\]`).exec(text)?.[1];
  if (!body) throw new Error(`${name} not found in ${file}`);
  const code = body.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
  const names = [...code.matchAll(/'([^']+)'/g)].map((m) => m[1]);
  const bad = names.filter((n) => !/^[a-z][a-z0-9_.]*$/.test(n));
  if (bad.length > 0) throw new Error(`${name} in ${file}: not a name: ${bad.join(', ')}`);
  return names;
};
const quoted = (list) => `[${list.map((x) => `'${x}'`).join(', ')}]`;

/** The lines `key: …,` of the object literal that starts at `const NAME` in `text`. */
function objectRows(text, name, row) {
  const start = text.indexOf(`const ${name}`);
  if (start < 0) throw new Error(`const ${name} not found`);
  const body = text.slice(start, text.indexOf('\n};', start));
  const rows = {};
  for (const m of body.matchAll(row)) rows[m[1]] = m;
  return rows;
}

/**
 * Each target: the file it mutates, the tests run by default, and its mutants (an id and the
 * source with that one change).
 */
const targets = {
  policy() {
    const file = 'src/domain/policy.ts';
    const original = readFileSync(join(root, file), 'utf8');
    const anchor = '/** Whether `role` holds `permission`. */';
    if (!original.includes(anchor)) throw new Error(`policy.ts no longer has "${anchor}"`);
    const roles = listOf('src/domain/vocabulary.ts', 'ROLES');
    const permissions = listOf(file, 'PERMISSIONS');
    const mutants = roles.flatMap((role) =>
      permissions.map((permission) => ({
        id: `${role}:${permission}`,
        source: original.replace(
          anchor,
          `// MUTANT: flip ${role} × ${permission}\n` +
            `(GRANTS as Record<Role, readonly Permission[]>)['${role}'] = GRANTS['${role}'].includes('${permission}')\n` +
            `  ? GRANTS['${role}'].filter((p) => p !== '${permission}')\n` +
            `  : [...GRANTS['${role}'], '${permission}'];\n\n${anchor}`,
        ),
      })),
    );
    return {
      file,
      original,
      tests: ['src/domain/policy.test.ts', 'test/api/access-matrix.test.ts'],
      mutants,
    };
  },

  lifecycle() {
    const file = 'src/domain/appeal-lifecycle.ts';
    const original = readFileSync(join(root, file), 'utf8');
    const anchor = '/** States of an assignment an executor still works on or answered';
    if (!original.includes(anchor)) throw new Error(`${file} no longer has "${anchor}"`);
    const statuses = listOf('src/domain/vocabulary.ts', 'APPEAL_STATUSES');
    const states = listOf('src/domain/vocabulary.ts', 'ASSIGNMENT_STATES');
    const strings = (s) => [...s.matchAll(/'([^']+)'/g)].map((m) => m[1]);
    const allowed = objectRows(original, 'ALLOWED_FROM', /^ {2}(\w+): \[([^\]]*)\],$/gm);
    const targetOf = objectRows(original, 'TARGET', /^ {2}(\w+): '(\w+)',$/gm);
    const table = objectRows(
      original,
      'ASSIGNMENT_TABLE',
      /^ {2}(\w+): \{ from: \[([^\]]*)\], to: '(\w+)' \},$/gm,
    );
    if (Object.keys(allowed).length !== 8 || Object.keys(targetOf).length !== 8)
      throw new Error('ALLOWED_FROM or TARGET no longer has one line per action');
    if (Object.keys(table).length !== 7)
      throw new Error('ASSIGNMENT_TABLE no longer has one line per assignment action');

    const inject = (id, code) => ({
      id,
      source: original.replace(anchor, `// MUTANT: ${id}\n${code}\n\n${anchor}`),
    });
    const textual = (id, from, to) => {
      if (original.split(from).length !== 2) throw new Error(`"${from}" is not once in ${file}`);
      return { id, source: original.replace(from, to) };
    };
    const flip = (list, x) => (list.includes(x) ? list.filter((y) => y !== x) : [...list, x]);
    const mutants = [];
    for (const [action, m] of Object.entries(allowed)) {
      const from = strings(m[2]);
      for (const status of statuses) {
        mutants.push(
          inject(
            `appeal ${action} ${from.includes(status) ? 'not ' : ''}from ${status}`,
            `(ALLOWED_FROM as Record<string, readonly string[]>)['${action}'] = ${quoted(flip(from, status))};`,
          ),
        );
      }
    }
    for (const [action, m] of Object.entries(targetOf)) {
      for (const status of statuses.filter((s) => s !== m[2])) {
        mutants.push(
          inject(
            `appeal ${action} → ${status}`,
            `(TARGET as Record<string, string>)['${action}'] = '${status}';`,
          ),
        );
      }
    }
    const row = (action, from, to) =>
      `(ASSIGNMENT_TABLE as Record<string, { from: readonly string[]; to: string }>)['${action}'] = { from: ${quoted(from)}, to: '${to}' };`;
    for (const [action, m] of Object.entries(table)) {
      const from = strings(m[2]);
      for (const state of states) {
        mutants.push(
          inject(
            `assignment ${action} ${from.includes(state) ? 'not ' : ''}from ${state}`,
            row(action, flip(from, state), m[3]),
          ),
        );
      }
      for (const state of states.filter((s) => s !== m[3])) {
        mutants.push(inject(`assignment ${action} → ${state}`, row(action, from, state)));
      }
    }
    const active = listOf(file, 'ACTIVE_ASSIGNMENT_STATES');
    for (const state of states) {
      mutants.push(
        textual(
          `active assignment states ${active.includes(state) ? 'without' : 'with'} ${state}`,
          `export const ACTIVE_ASSIGNMENT_STATES = ${quoted(active)} as const;`,
          `export const ACTIVE_ASSIGNMENT_STATES = ${quoted(flip(active, state))} as const;`,
        ),
      );
    }
    mutants.push(
      textual(
        'rework limit: > instead of >=',
        'state.reworkCount >= rules.reworkLimit',
        'state.reworkCount > rules.reworkLimit',
      ),
      textual('rework limit: guard removed', 'state.reworkCount >= rules.reworkLimit', 'false'),
      textual(
        'rework count not incremented',
        'reworkCount: state.reworkCount + 1',
        'reworkCount: state.reworkCount',
      ),
      textual(
        'assign over an existing main assignment',
        "action === 'assign' && state.hasMainAssignment",
        'false',
      ),
      textual(
        'accept without a main assignment',
        "(action === 'accept' || action === 'return_not_in_competence') && !state.hasMainAssignment",
        "action === 'return_not_in_competence' && !state.hasMainAssignment",
      ),
      textual(
        'return without a main assignment',
        "(action === 'accept' || action === 'return_not_in_competence') && !state.hasMainAssignment",
        "action === 'accept' && !state.hasMainAssignment",
      ),
    );
    return { file, original, tests: ['src/domain/appeal-lifecycle.test.ts'], mutants };
  },
};

if (!(target in targets)) throw new Error(`--target is one of: ${Object.keys(targets).join(', ')}`);
const { file, original, tests: defaultTests, mutants } = targets[target]();
const tests = option('--tests')?.split(',') ?? defaultTests;
const selected = only ? mutants.filter((m) => only.split(',').includes(m.id)) : mutants;
if (selected.length === 0) throw new Error('No mutant selected');

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
const mutatedPath = join(work, file);

// One Vitest in this process: the global setup (the template database) is built once, and each
// mutant only re-runs the test files on the changed module (~1 s for both files instead of ~30 s).
const vitest = await createVitest('test', { watch: false, root: work, reporters: [{}] }, {});
await vitest.standalone();
if (pattern) vitest.setGlobalTestNamePattern(pattern);
const testFiles = tests.map((t) => join(work, t));

async function runTests() {
  vitest.invalidateFile(mutatedPath);
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
  for (const [i, { id, source }] of selected.entries()) {
    writeFileSync(mutatedPath, source);
    const { ok, failed } = await runTests();
    if (ok) survivors.push(id);
    console.log(
      `[${i + 1}/${selected.length}] ${id}: ${ok ? 'SURVIVED' : `killed by ${failed.join(', ')}`}`,
    );
  }
} finally {
  writeFileSync(mutatedPath, original);
  await vitest.close();
}
console.log(
  `\n${target}: ${selected.length} mutants, ${selected.length - survivors.length} killed, ` +
    `${survivors.length} survived (${Math.round((Date.now() - started) / 1000)} s)`,
);
for (const s of survivors) console.log(`  survived: ${s}`);
process.exit(survivors.length > 0 ? 1 : 0);
