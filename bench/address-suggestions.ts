/**
 * `node --import tsx bench/address-suggestions.ts (--database-url URL | --data-dir DIR)`
 *
 * The address suggestions (issue 15) called in process, without HTTP: wall time and the Node
 * process's own CPU time per call, p50/p95 over 320 calls of the bench's queries, with the load
 * average. On a shared machine the CPU time tells the search's cost when the wall time is mostly
 * waiting for a core. Needs a database where `npm run bench` imported the registry.
 */
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { suggestFromRegistry } from '../src/server/addresses/registry-search.js';
import { openDatabase } from '../src/server/db/database.js';
import { ADDRESS_QUERIES } from './address-queries.js';

const { values } = parseArgs({
  options: { 'database-url': { type: 'string' }, 'data-dir': { type: 'string' } },
});
if (!values['database-url'] && !values['data-dir'])
  throw new Error('Give --database-url or --data-dir (a bench database with the registry).');
const database = await openDatabase(
  values['database-url']
    ? { databaseUrl: values['database-url'], poolSize: 4 }
    : { dataDir: values['data-dir']!, command: 'bench/address-suggestions' },
);
try {
  for (const q of ADDRESS_QUERIES) await suggestFromRegistry(database.db, q, 10);
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < 320; i++) {
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    await suggestFromRegistry(database.db, ADDRESS_QUERIES[i % ADDRESS_QUERIES.length]!, 10);
    wall.push(performance.now() - t0);
    const used = process.cpuUsage(cpu0);
    cpu.push((used.user + used.system) / 1000);
  }
  const at = (list: number[], q: number) =>
    [...list].sort((a, b) => a - b)[Math.floor(q * (list.length - 1))]!.toFixed(1);
  console.log(
    `wall p50 ${at(wall, 0.5)} ms, p95 ${at(wall, 0.95)} ms; ` +
      `node CPU p50 ${at(cpu, 0.5)} ms, p95 ${at(cpu, 0.95)} ms; ` +
      `load average ${loadavg()
        .map((x) => x.toFixed(1))
        .join(' ')}`,
  );
} finally {
  await database.close();
}
