/**
 * `node --import tsx bench/explain.ts [--engine pglite|postgres] [--scale N]`: EXPLAIN ANALYZE of
 * the hot queries (inbox, search, card, counts, the reports over a year) on a prepared bench database, as the use cases
 * send them (captured in-process, see lib/capture.ts). Prints Markdown for docs/PERFORMANCE.md.
 */
import { parseArgs } from 'node:util';
import { CompiledQuery, sql } from 'kysely';
import { ROLE_QUEUES } from '../src/domain/queues.js';
import { countQueues, iterateAppeals, listAppeals } from '../src/server/appeals/appeals.queries.js';
import { getAppealCard } from '../src/server/appeals/appeal-card.queries.js';
import { listAppealsQuery } from '../src/contract/appeal-registry.schemas.js';
import { actorByLogin } from '../src/server/auth/auth.service.js';
import type { Deps } from '../src/server/context.js';
import { refreshDashboardSnapshot } from '../src/server/dashboard/dashboard-snapshot.js';
import { getDashboard } from '../src/server/dashboard/dashboard.service.js';
import { runPivot } from '../src/server/reports/pivot-report.js';
import { reportSettings } from '../src/server/reports/report-base.js';
import { runReport } from '../src/server/reports/standard-reports.js';
import { captureStatements } from './lib/capture.js';
import { type Engine, openBenchDatabase, prepareDatabase, prepareFixture } from './lib/prepare.js';

const { values } = parseArgs({
  options: {
    engine: { type: 'string', default: process.env.DATABASE_URL ? 'postgres' : 'pglite' },
    scale: { type: 'string', default: '2000' },
    only: { type: 'string', default: '' },
  },
});
const scale = Number(values.scale.replace(/k$/i, '000').replace(/m$/i, '000000'));
const target = await prepareDatabase(values.engine as Engine, scale, (l) => console.error(l));
const { database, deps } = await openBenchDatabase(target);

try {
  const fixture = await prepareFixture(deps);
  await getDashboard(deps); // a fresh snapshot, so the dashboard's capture is its steady-state read
  const executor = await actorByLogin(deps, fixture.logins.executor);
  const operator = await actorByLogin(deps, fixture.logins.operator);
  const supervisor = await actorByLogin(deps, fixture.logins.supervisor);
  // The reports' year: the 365 days up to the newest appeal (as bench/reports.ts).
  const last = (
    await sql<{ last: Date }>`SELECT max(received_at) AS last FROM appeals`.execute(deps.db)
  ).rows[0]!.last;
  const yearQuery = {
    from: new Date(last.getTime() - 364 * 86_400_000).toISOString().slice(0, 10),
    to: last.toISOString().slice(0, 10),
  };
  const now = new Date(last.getTime() + 86_400_000);
  const exportFilter = listAppealsQuery.parse({
    ...(fixture.exportFrom ? { receivedFrom: fixture.exportFrom } : {}),
  });
  const scenarios: [string, (d: Deps) => Promise<unknown>][] = [
    ['inbox (queue=new, executor)', (d) => listAppeals(d, executor, listAppealsQuery.parse({ queue: 'new' }))],
    ['search «гаряча вода», status=closed', (d) => listAppeals(d, operator, listAppealsQuery.parse({ q: 'гаряча вода', status: 'closed' }))],
    ['search «укриття зачинене»', (d) => listAppeals(d, operator, listAppealsQuery.parse({ q: 'укриття зачинене' }))],
    ['card', (d) => getAppealCard(d, supervisor, fixture.cardIds[7]!)],
    ['dashboard (the snapshot read, ADR 012)', async (d) => { await getDashboard(d); }],
    ['dashboard snapshot refresh (the job, once a minute)', (d) => refreshDashboardSnapshot(d)],
    ['queues (supervisor)', (d) => countQueues(d, supervisor, ROLE_QUEUES.supervisor)],
    ['report executors (a year)', (d) => runReport(d, 'executors', yearQuery, now)],
    ['report hours (a year)', (d) => runReport(d, 'hours', yearQuery, now)],
    ['report classifier-858 (a year and the year before)', (d) => runReport(d, 'classifier-858', yearQuery, now)],
    ['report ratings-months (a year)', (d) => runReport(d, 'ratings-months', yearQuery, now)],
    ['report pivot executor × month (a year)', (d) => runPivot(d, { rows: 'executor', columns: 'month', measures: ['count', 'on_time_share'] }, yearQuery, 'uk')],
    ['export page (1,000 of the newest 100,000, second page)', async (d) => {
      const it = iterateAppeals(d, supervisor, exportFilter);
      await it.next();
      await it.next();
      await it.return(undefined);
    }],
  ]; // prettier-ignore
  for (const [name, work] of scenarios) {
    if (values.only && !name.includes(values.only)) continue;
    const replay = await captureStatements(deps, work);
    console.log(`\n### ${name}\n`);
    // A report's session settings (report-base.ts: read-only, JIT off) apply to its EXPLAINs too.
    for (const statement of replay.flat().filter((st) => !/^\s*SET\b/i.test(st.sql))) {
      const plan = await deps.db.transaction().execute(async (trx) => {
        if (name.startsWith('report')) await reportSettings(trx);
        return trx.executeQuery<{ 'QUERY PLAN': string }>(
          CompiledQuery.raw(`EXPLAIN (ANALYZE, BUFFERS) ${statement.sql}`, [
            ...statement.parameters,
          ]),
        );
      });
      console.log('```sql');
      console.log(statement.sql.replace(/\s+/g, ' ').trim());
      console.log('```\n```');
      console.log(plan.rows.map((r) => r['QUERY PLAN']).join('\n'));
      console.log('```');
    }
  }
} finally {
  await database.close();
}
