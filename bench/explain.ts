/**
 * `node --import tsx bench/explain.ts [--engine pglite|postgres] [--scale N]`: EXPLAIN ANALYZE of
 * the hot queries (inbox, search, card, counts) on a prepared bench database, as the use cases
 * send them (captured in-process, see lib/capture.ts). Prints Markdown for docs/PERFORMANCE.md.
 */
import { parseArgs } from 'node:util';
import { CompiledQuery } from 'kysely';
import { ROLE_QUEUES } from '../src/domain/queues.js';
import { countQueues, iterateAppeals, listAppeals } from '../src/server/appeals/appeals.queries.js';
import { getAppealCard } from '../src/server/appeals/appeal-card.queries.js';
import { listAppealsQuery } from '../src/contract/appeal-registry.schemas.js';
import { actorByLogin } from '../src/server/auth/auth.service.js';
import type { Deps } from '../src/server/context.js';
import { refreshDashboardSnapshot } from '../src/server/dashboard/dashboard-snapshot.js';
import { getDashboard } from '../src/server/dashboard/dashboard.service.js';
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
    for (const statement of replay.flat()) {
      const plan = await deps.db.executeQuery<{ 'QUERY PLAN': string }>(
        CompiledQuery.raw(`EXPLAIN (ANALYZE, BUFFERS) ${statement.sql}`, [...statement.parameters]),
      );
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
