/**
 * `node --import tsx deploy/lint-dockerfile.ts [Dockerfile]` — a Dockerfile linter for CI where
 * neither Docker nor hadolint is available (hadolint is not in Debian 12; issue 23). It checks the
 * rules this project relies on, numbered as hadolint numbers them where there is one:
 *
 * | rule          | what                                                                  |
 * | ------------- | --------------------------------------------------------------------- |
 * | DL3006/DL3007 | every base image has an explicit tag, and not `latest`                 |
 * | multi-stage   | at least two stages (build tools stay out of the image)               |
 * | DL3002        | the last `USER` exists and is not root                                 |
 * | healthcheck   | a `HEALTHCHECK` that is not `NONE`                                     |
 * | DL3025        | `CMD` and `ENTRYPOINT` in JSON form (signals reach the process)        |
 * | DL3020        | `COPY` rather than `ADD` for files                                     |
 * | DL3000        | `WORKDIR` is absolute                                                  |
 * | DL3004        | no `sudo`                                                              |
 * | DL3015        | `apt-get install` with `--no-install-recommends`                       |
 * | DL3016-npm    | `npm ci`, not `npm install`, for reproducible dependencies             |
 * | DL4000        | no `MAINTAINER`                                                        |
 * | secret-env    | no password, secret or token baked into `ENV`/`ARG`                    |
 *
 * Exits 1 and prints each finding with its line when any rule fails.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export interface DockerfileFinding {
  line: number;
  rule: string;
  message: string;
}

interface Instruction {
  line: number;
  keyword: string;
  args: string;
}

/** Instructions with continuation lines joined and comments removed. */
function instructions(text: string): Instruction[] {
  const result: Instruction[] = [];
  let pending: Instruction | null = null;
  text.split('\n').forEach((raw, index) => {
    const line = raw.trim();
    if (!pending && (line === '' || line.startsWith('#'))) return;
    if (pending && line.startsWith('#')) return;
    const continued = line.endsWith('\\');
    const body = continued ? line.slice(0, -1) : line;
    if (pending) pending.args += ` ${body.trim()}`;
    else {
      const m = /^(\w+)\s*(.*)$/.exec(body);
      pending = { line: index + 1, keyword: (m?.[1] ?? '').toUpperCase(), args: m?.[2] ?? '' };
    }
    if (!continued) {
      result.push(pending);
      pending = null;
    }
  });
  if (pending) result.push(pending);
  return result;
}

const isJsonArray = (args: string) => {
  try {
    return Array.isArray(JSON.parse(args));
  } catch {
    return false;
  }
};

/** The findings of `text` (empty when the Dockerfile passes). */
export function lintDockerfile(text: string): DockerfileFinding[] {
  const list = instructions(text);
  const findings: DockerfileFinding[] = [];
  const add = (line: number, rule: string, message: string) =>
    findings.push({ line, rule, message });
  const stages = new Set<string>();
  const froms = list.filter((i) => i.keyword === 'FROM');
  for (const from of froms) {
    const [image = '', as, name] = from.args.replace(/--platform=\S+\s+/, '').split(/\s+/);
    if (as?.toUpperCase() === 'AS' && name) stages.add(name.toLowerCase());
    if (stages.has(image.toLowerCase()) && image.toLowerCase() !== name?.toLowerCase()) continue;
    if (image === 'scratch') continue;
    const tag = /@sha256:|:[^/]+$/.exec(image)?.[0];
    if (!tag) add(from.line, 'DL3006', `Give ${image} an explicit tag.`);
    else if (tag === ':latest') add(from.line, 'DL3007', `Pin ${image} to a version, not latest.`);
  }
  if (froms.length < 2)
    add(
      froms[0]?.line ?? 1,
      'multi-stage',
      'Build in one stage and copy the result into a clean one.',
    );
  const users = list.filter((i) => i.keyword === 'USER');
  const lastUser = users.at(-1);
  if (!lastUser) add(list.at(-1)?.line ?? 1, 'DL3002', 'Switch to an unprivileged USER.');
  else if (/^(root|0)(:|$)/.test(lastUser.args.trim()))
    add(lastUser.line, 'DL3002', 'The last USER must not be root.');
  const health = list.filter((i) => i.keyword === 'HEALTHCHECK');
  if (health.length === 0 || /^NONE$/i.test(health.at(-1)!.args.trim())) {
    add(list.at(-1)?.line ?? 1, 'healthcheck', 'Declare a HEALTHCHECK.');
  }
  for (const i of list) {
    if ((i.keyword === 'CMD' || i.keyword === 'ENTRYPOINT') && !isJsonArray(i.args)) {
      add(i.line, 'DL3025', `${i.keyword} in JSON form, so the process gets the signals itself.`);
    }
    if (i.keyword === 'HEALTHCHECK') {
      const cmd = /\bCMD\s+(.*)$/.exec(i.args)?.[1];
      if (cmd !== undefined && !isJsonArray(cmd) && !/^NONE$/i.test(i.args.trim())) {
        add(i.line, 'DL3025', 'HEALTHCHECK CMD in JSON form.');
      }
    }
    if (
      i.keyword === 'ADD' &&
      !/https?:\/\//.test(i.args) &&
      !/\.(tar|tgz|tar\.\w+)\b/.test(i.args)
    ) {
      add(i.line, 'DL3020', 'Use COPY for files and folders.');
    }
    if (i.keyword === 'WORKDIR' && !/^["']?(\/|\$)/.test(i.args.trim())) {
      add(i.line, 'DL3000', 'Use an absolute WORKDIR.');
    }
    if (i.keyword === 'MAINTAINER') add(i.line, 'DL4000', 'MAINTAINER is deprecated; use a LABEL.');
    if (i.keyword === 'RUN') {
      if (/(^|[;&|]\s*)sudo\b/.test(i.args)) add(i.line, 'DL3004', 'Do not use sudo.');
      if (/apt-get (-\S+ )*install\b/.test(i.args) && !/--no-install-recommends/.test(i.args)) {
        add(i.line, 'DL3015', 'apt-get install --no-install-recommends.');
      }
      if (/\bnpm (install|i)\b(?!-)/.test(i.args))
        add(i.line, 'DL3016-npm', 'Use npm ci (the lock file).');
    }
    if (i.keyword === 'ENV' || i.keyword === 'ARG') {
      for (const m of i.args.matchAll(
        /([A-Z0-9_]*(PASSWORD|SECRET|TOKEN)[A-Z0-9_]*)[= ]\s*(\S+)/gi,
      )) {
        if (m[3] && m[3] !== '""' && m[3] !== "''")
          add(
            i.line,
            'secret-env',
            `${m[1]} must come from the environment at run time, not the image.`,
          );
      }
    }
  }
  return findings.sort((a, b) => a.line - b.line);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const file = process.argv[2] ?? 'Dockerfile';
  const findings = lintDockerfile(readFileSync(file, 'utf8'));
  for (const f of findings) console.log(`${file}:${f.line} ${f.rule} ${f.message}`);
  console.log(
    findings.length ? `${findings.length} problem(s) in ${file}` : `${file}: no problems`,
  );
  process.exitCode = findings.length ? 1 : 0;
}
