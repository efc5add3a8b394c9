/**
 * `node --import tsx bench/knowledge-search.ts [--engine pglite|postgres] [--articles 5000] [--duration S]`
 *
 * Issue 19's target: the operators' knowledge search, p95 ≤ 50 ms at 5,000 articles. Prepares the
 * bench database (the smallest generated dataset), replaces the earlier bench articles (tag
 * «bench») with `--articles` generated ones — Ukrainian titles and bodies of ~150 words drawn from
 * the question types and a vocabulary of city services, 1–2 linked question types each, indexed
 * exactly as the service indexes them (`articleSearchText`) — then measures in-process at
 * concurrency 1 what the new-call screen asks: `searchArticles` for words typed by an operator
 * (word forms, the three apostrophes, Latin look-alike letters), for words within a question type,
 * and the articles linked to a question type. Prints the figures and writes JSON under
 * bench/results/.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { articleSearchText, searchArticles } from '../src/server/knowledge/articles.service.js';
import { runCalls } from './lib/load.js';
import { type Engine, openBenchDatabase, prepareDatabase } from './lib/prepare.js';
import { ROOT } from './lib/server.js';

const { values } = parseArgs({
  options: {
    engine: { type: 'string', default: 'pglite' },
    articles: { type: 'string', default: '5000' },
    duration: { type: 'string', default: '10' },
  },
});
const engine = values.engine as Engine;
const articleCount = Number(values.articles);
const seconds = Number(values.duration);
const started = Date.now();
const log = (line: string) =>
  console.log(
    `[knowledge bench ${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${line}`,
  );

/** A small deterministic generator (the same articles every run). */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** Words of the city's services in several forms, as articles are written. */
const VOCABULARY = (
  'вивіз вивезення сміття сміттєвий контейнер контейнери майданчик графік графіка тариф тарифи ' +
  'гаряча гарячої гарячу холодна холодної вода води водопостачання опалення опалювального сезону ' +
  'батарея батареї радіатор квартира квартири будинок будинку під’їзд під’їзду підвал підвалу дах ' +
  'покрівля покрівлі ліфт ліфта ліфти зупинка ремонт ремонту ремонтні роботи аварійна служба ' +
  'диспетчерська диспетчер керуюча компанія ОСББ управитель заявка заявку звернення довідка ' +
  'довідку субсидія субсидії перерахунок перерахунку лічильник лічильника повірка показники ' +
  'освітлення ліхтар ліхтарі вулиця вулиці двір двору прибирання прибиральник сніг снігу ожеледиця ' +
  'дерево дерева гілка обрізка тротуар дорога дороги яма ямковий асфальт каналізація каналізації ' +
  'засмічення стояк стояка протікання затоплення електропостачання світло відключення знеструмлення ' +
  'газ газопостачання запах тиск напір температура норматив строк строки днів годин мешканці ' +
  'мешканцям власник орендар документи паспорт заява реєстрація портал телефон адреса район'
).split(/\s+/);

/** What operators type: word forms, the three apostrophes, Latin look-alikes (i, o, a, e, p, c). */
const QUERIES = [
  'вивіз сміття',
  'графік вивезення',
  'немає гарячої води',
  'гаряча вода',
  'опалення в квартирі',
  'холодні батареї',
  "під'їзд",
  'підʼїзду прибирання',
  'пiд’їзд', // Latin i
  'ліфт не працює',
  'ремонт ліфта',
  'тариф на воду',
  'перерахунок тарифу',
  'субсидія',
  'довідка',
  'каналізація засмічення',
  'засмічення стояка',
  'освітлення вулиці',
  'ліхтарі у дворі',
  'ямковий ремонт дороги',
  'впало дерево',
  'обрізка гілок',
  'відключення світла',
  'запах газу',
  'лічильник повірка',
  'cміття', // Latin c
  'oпалення', // Latin o
  'прибирання снігу',
  'ожеледиця на тротуарі',
  'протікання покрівлі',
];

const target = await prepareDatabase(engine, 2_000, log);
const { database, deps } = await openBenchDatabase(target);
try {
  const types = await deps.db
    .selectFrom('question_types')
    .select(['id', 'name'])
    .orderBy('id')
    .execute();
  // The generated dataset has no staff users until the HTTP bench's fixture makes them.
  const owner =
    (await deps.db.selectFrom('users').select('id').orderBy('id').limit(1).executeTakeFirst()) ??
    (await deps.db
      .insertInto('users')
      .values({
        login: 'bench-knowledge',
        full_name: 'Редактор бази знань (bench)',
        role: 'administrator',
        created_at: new Date(),
      })
      .returning('id')
      .executeTakeFirstOrThrow());
  log(`${types.length} question types`);

  await sql`DELETE FROM knowledge_articles WHERE 'bench' = ANY(tags)`.execute(deps.db);
  const random = rng(1551);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  // Words as in real text: the city-service vocabulary and the words of the question types' names,
  // drawn by Zipf's law (the r-th commonest word is r times rarer than the commonest), so a query
  // word is in many articles when it is common and in few when it is specific.
  const words = [
    ...new Set([
      ...VOCABULARY,
      ...types.flatMap((t) => t.name.toLowerCase().split(/[^\p{L}’'ʼ-]+/u)),
    ]),
  ].filter((w) => w.length >= 3);
  for (let i = words.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [words[i], words[j]] = [words[j]!, words[i]!];
  }
  const cumulative: number[] = [];
  words.reduce((sum, _, r) => (cumulative[r] = sum + 1 / (r + 1)), 0);
  const zipf = (): string => {
    const x = random() * cumulative[cumulative.length - 1]!;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return words[lo]!;
  };
  log(`${words.length} distinct words`);
  const sentence = (n: number) => Array.from({ length: n }, zipf).join(' ');
  const createStarted = performance.now();
  const now = Date.now();
  for (let i = 0; i < articleCount; i += 250) {
    const batch = Array.from({ length: Math.min(250, articleCount - i) }, (_, j) => {
      const linked = [pick(types), ...(random() < 0.4 ? [pick(types)] : [])];
      const title = `${linked[0]!.name}: ${sentence(4)} ${i + j}`;
      const paragraphs = Array.from(
        { length: 5 },
        () => `${sentence(12)}. ${pick(linked).name.toLowerCase()} — ${sentence(14)}.`,
      );
      const bodyUk = `## ${sentence(3)}\n\n${paragraphs.join('\n\n')}\n\n- ${sentence(5)}\n- ${sentence(5)}`;
      const tags = ['bench', pick(VOCABULARY)];
      // Spread over three years, so recency counts in the ranking.
      const updated = new Date(now - Math.floor(random() * 3 * 365) * 86_400_000);
      return {
        row: {
          title,
          title_en: null,
          body_uk: bodyUk,
          body_en: null,
          html_uk: `<p>${paragraphs.join('</p><p>')}</p>`,
          html_en: null,
          tags,
          is_public: random() < 0.5,
          owner_id: owner.id,
          review_by: '2027-12-31',
          search_text: articleSearchText({ title, titleEn: null, bodyUk, bodyEn: null, tags }),
          version: 1,
          created_at: updated,
          updated_at: updated,
        },
        linked: [...new Set(linked.map((t) => t.id))],
      };
    });
    const inserted = await deps.db
      .insertInto('knowledge_articles')
      .values(batch.map((b) => b.row))
      .returning('id')
      .execute();
    await deps.db
      .insertInto('knowledge_article_question_types')
      .values(
        inserted.flatMap((r, k) =>
          batch[k]!.linked.map((qt) => ({ article_id: r.id, question_type_id: qt })),
        ),
      )
      .execute();
  }
  await sql`ANALYZE knowledge_articles`.execute(deps.db);
  await sql`ANALYZE knowledge_article_question_types`.execute(deps.db);
  const total = await deps.db
    .selectFrom('knowledge_articles')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  log(
    `${articleCount} articles written in ${((performance.now() - createStarted) / 1000).toFixed(1)} s; ${Number(total.n).toLocaleString('en')} in the table`,
  );

  // Every query finds something (else the figure would measure empty answers).
  const hits: Record<string, number> = {};
  for (const q of QUERIES) hits[q] = (await searchArticles(deps, { q, limit: 20 })).length;
  const empty = QUERIES.filter((q) => hits[q] === 0);
  log(`queries with no hit: ${empty.length === 0 ? 'none' : empty.join(', ')}`);

  const options = { concurrency: 1, seconds, warmupSeconds: 2, maxRequests: 100_000 };
  // The process's own CPU time per call: on PGlite it includes the SQL (it runs in this process),
  // and unlike wall time it is not stretched by other processes queueing for the cores.
  const cpu: number[] = [];
  const byWords = await runCalls(async () => {
    const before = process.cpuUsage();
    await searchArticles(deps, { q: pick(QUERIES), limit: 20 });
    const used = process.cpuUsage(before);
    cpu.push((used.user + used.system) / 1000);
  }, options);
  cpu.sort((a, b) => a - b);
  const cpuAt = (p: number) => cpu[Math.min(cpu.length - 1, Math.floor(p * cpu.length))] ?? 0;
  const byWordsCpu = { p50: cpuAt(0.5), p95: cpuAt(0.95), calls: cpu.length };
  log(
    `words: p50 ${byWords.p50.toFixed(2)} ms, p95 ${byWords.p95.toFixed(2)} ms, ${byWords.requests} calls; ` +
      `node CPU p50 ${byWordsCpu.p50.toFixed(2)} ms, p95 ${byWordsCpu.p95.toFixed(2)} ms`,
  );
  const byWordsAndType = await runCalls(
    () => searchArticles(deps, { q: pick(QUERIES), questionTypeId: pick(types).id, limit: 10 }),
    options,
  );
  log(
    `words within a question type: p50 ${byWordsAndType.p50.toFixed(2)} ms, p95 ${byWordsAndType.p95.toFixed(2)} ms`,
  );
  const byType = await runCalls(
    () => searchArticles(deps, { questionTypeId: pick(types).id, limit: 10 }),
    options,
  );
  log(
    `a question type's articles: p50 ${byType.p50.toFixed(2)} ms, p95 ${byType.p95.toFixed(2)} ms`,
  );
  const publicWords = await runCalls(
    () => searchArticles(deps, { q: pick(QUERIES), limit: 20, publicOnly: true }),
    options,
  );
  log(`portal words: p50 ${publicWords.p50.toFixed(2)} ms, p95 ${publicWords.p95.toFixed(2)} ms`);

  const result = {
    engine,
    articles: Number(total.n),
    questionTypes: types.length,
    hits,
    byWords,
    byWordsCpu,
    byWordsAndType,
    byType,
    publicWords,
    target: 'p95 ≤ 50 ms (words)',
    met: byWords.p95 <= 50 && byWords.errors === 0,
    loadAverage: loadavg()[0] ?? 0,
    at: new Date().toISOString(),
  };
  const out = join(ROOT, 'bench', 'results');
  mkdirSync(out, { recursive: true });
  writeFileSync(
    join(out, `latest-knowledge-search-${engine}.json`),
    `${JSON.stringify(result, null, 2)}\n`,
  );
  log(
    `target p95 ≤ 50 ms: ${result.met ? 'met' : 'NOT met'} (load average ${result.loadAverage.toFixed(1)})`,
  );
} finally {
  await database.close();
}
