/**
 * `node --import tsx bench/reports.ts [--engine postgres|pglite] [--scale N] [--runs R]`
 *
 * Issue 17's targets: every standard report over a year answers in ≤ 2 s p95 on PostgreSQL at 1M
 * appeals, the constructor's typical pivot (executor × month, count and on-time share) in ≤ 3 s, and
 * a 20-page PDF in ≤ 5 s. Prepares the bench database of N generated appeals (reused when there),
 * then, in-process: each report key (`domain/reports.ts`) over the last 365 days of the data, R runs
 * each after one warm-up; the constructor's typical pivot (executor × month, count and on-time
 * share) through `runPivot`, the code `GET /reports/pivot` runs; and a PDF of ≥ 20 A4 pages (the question-types report's rows
 * repeated) through the same `reportPdf`. Prints the figures and writes JSON under bench/results/.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { REPORT_KEYS } from '../src/domain/reports.js';
import { reportPdf } from '../src/server/reports/report-export.js';
import { runPivot } from '../src/server/reports/pivot-report.js';
import { runReport } from '../src/server/reports/standard-reports.js';
import { type Engine, openBenchDatabase, prepareDatabase } from './lib/prepare.js';
import { ROOT } from './lib/server.js';

const { values } = parseArgs({
  options: {
    engine: { type: 'string', default: 'postgres' },
    scale: { type: 'string', default: '20000' },
    runs: { type: 'string', default: '5' },
  },
});
const engine = values.engine as Engine;
const scale = Number(values.scale);
const runs = Number(values.runs);
const started = Date.now();
const log = (line: string) =>
  console.log(
    `[reports bench ${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${line}`,
  );

const p95 = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(0.95 * s.length) - 1)]!;
};

async function timed(fn: () => Promise<unknown>): Promise<number[]> {
  await fn(); // warm-up
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  return times;
}

const target = await prepareDatabase(engine, scale, log);
const { database, deps } = await openBenchDatabase(target);
try {
  const span = await sql<{ last: Date }>`SELECT max(received_at) AS last FROM appeals`.execute(
    deps.db,
  );
  const last = span.rows[0]!.last;
  const to = last.toISOString().slice(0, 10);
  const from = new Date(last.getTime() - 364 * 86_400_000).toISOString().slice(0, 10);
  const query = { from, to };
  const now = new Date(last.getTime() + 86_400_000);
  log(`${engine}, ${scale} appeals, period ${from} – ${to}, ${runs} runs each`);
  const rows: { scenario: string; p95Ms: number; maxMs: number; target: string }[] = [];
  for (const key of REPORT_KEYS) {
    const times = await timed(() => runReport(deps, key, query, now));
    rows.push({
      scenario: `report ${key}`,
      p95Ms: p95(times),
      maxMs: Math.max(...times),
      target: '≤ 2000 ms at 1M',
    });
    log(`report ${key}: p95 ${p95(times).toFixed(0)} ms`);
  }
  const zone = deps.config.timeZone;
  // The constructor's own code: the statement `GET /reports/pivot` sends, and its table.
  const pivot = () =>
    runPivot(
      deps,
      { rows: 'executor', columns: 'month', measures: ['count', 'on_time_share'] },
      query,
      'uk',
    );
  const pivotTimes = await timed(pivot);
  rows.push({
    scenario: 'pivot executor × month',
    p95Ms: p95(pivotTimes),
    maxMs: Math.max(...pivotTimes),
    target: '≤ 3000 ms at 1M',
  });
  log(`pivot executor × month: p95 ${p95(pivotTimes).toFixed(0)} ms`);

  // A PDF of ≥ 20 pages: the question-types report's rows repeated to ~900 rows.
  const table = await runReport(deps, 'question-types', query, now);
  const many = {
    ...table,
    rows: Array.from({ length: 900 }, (_, i) => table.rows[i % Math.max(1, table.rows.length)]!),
  };
  const header = {
    title: 'Типи питань і види звернень',
    period: `Період: ${from} – ${to}`,
    filters: [],
    madeAt: now,
    timeZone: zone,
  };
  let pages = 0;
  const pdfTimes = await timed(async () => {
    const pdf = await reportPdf(many, header, 'uk');
    pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
  });
  rows.push({
    scenario: `PDF of ${pages} pages`,
    p95Ms: p95(pdfTimes),
    maxMs: Math.max(...pdfTimes),
    target: '≤ 5000 ms',
  });

  console.table(
    rows.map((r) => ({ ...r, p95Ms: Math.round(r.p95Ms), maxMs: Math.round(r.maxMs) })),
  );
  const dir = join(ROOT, 'bench/results');
  if (!existsSync(dir)) mkdirSync(dir, { recursive: true });
  const file = join(
    dir,
    `reports-${engine}-${scale}-${new Date().toISOString().replace(/[:.]/g, '-')}.json`,
  );
  writeFileSync(
    file,
    JSON.stringify({ engine, scale, runs, from, to, loadavg: loadavg(), rows }, null, 2),
  );
  log(`written ${file}`);
} finally {
  await database.close();
}
