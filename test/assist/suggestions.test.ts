/**
 * Question-type suggestions over HTTP, learning from a generated history of a few hundred
 * Ukrainian appeals (issue 13): the heating type comes first for «не гріють батареї у квартирі»;
 * the model is stored and versioned; the portal gets only public question types.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { suggest, trainModel } from '../../src/domain/assist/model.js';
import { loadHistory } from '../../src/server/assist/assist.repository.js';
import { type ApiClient, startTestServer, type TestServer } from '../http.js';
import { insertGeneratedHistory } from './history-generator.js';

let server: TestServer;
let operator: ApiClient;
let administrator: ApiClient;
let ids: Map<string, number>;

type Suggestions = {
  modelVersion: number;
  suggestions: {
    questionType: { id: number; name: string };
    executor: { id: number; name: string } | null;
    confidence: number;
    reason: { matchedWords: string[]; similarPastAppeals: number };
  }[];
};

const HEATING = 'Відсутність опалення в опалювальний період';

beforeAll(async () => {
  server = await startTestServer();
  ids = await insertGeneratedHistory(server.ctx.deps, 40); // 8 types × 40 = 320 appeals
  operator = await server.signIn('operator');
  administrator = await server.signIn('administrator');
});
afterAll(() => server.close());

const ask = (client: ApiClient, text: string) =>
  client.get<Suggestions>(`/api/v1/assist/suggestions?text=${encodeURIComponent(text)}`);

describe('suggestions at intake', () => {
  it('trains on first use and puts the heating question type first for «не гріють батареї у квартирі»', async () => {
    const res = await ask(operator, 'не гріють батареї у квартирі');
    expect(res.status).toBe(200);
    expect(res.body.suggestions).toHaveLength(3);
    const [first] = res.body.suggestions;
    expect(first?.questionType.id).toBe(ids.get(HEATING));
    expect(first?.executor?.name).toBeTruthy();
    expect(first?.reason.matchedWords).toContain('батареї');
    expect(first?.reason.similarPastAppeals).toBeGreaterThan(0);
    const model = await operator.get<{ historyAppeals: number; version: number }>(
      '/api/v1/assist/model',
    );
    expect(model.body.historyAppeals).toBeGreaterThanOrEqual(320);
    expect(model.body.version).toBe(res.body.modelVersion);
  });

  it('learns it from the history alone (no class names, no phrasebook)', async () => {
    const history = await loadHistory(server.ctx.deps.db, 1000);
    const model = trainModel(
      history.map((h) => ({ text: h.description, label: h.questionTypeId })),
    );
    expect(suggest(model, 'не гріють батареї у квартирі')[0]?.label).toBe(ids.get(HEATING));
  });

  it.each([
    ['немає гарячої води', 'Відсутність гарячого водопостачання'],
    ['яма на дорозі', 'Ямковий ремонт проїжджої частини'],
    ['сміття не вивезли', 'Несвоєчасне вивезення побутових відходів'],
    ['ліфт стоїть', 'Не працює ліфт'],
    // Russian, from the phrasebook: the history is Ukrainian only
    ['не греют батареи', HEATING],
  ])('«%s» → %s among the first three', async (text, name) => {
    const res = await ask(operator, text);
    expect(res.body.suggestions.map((s) => s.questionType.id)).toContain(ids.get(name));
  });

  it('answers an empty list for words it does not know, and 400 for no words', async () => {
    expect((await ask(operator, 'qqqq zzzz')).body.suggestions).toEqual([]);
    expect((await ask(operator, '   ')).status).toBe(400);
    expect((await server.anonymous().get('/api/v1/assist/suggestions?text=яма')).status).toBe(401);
  });

  it('retrains on demand (administrator only) and every answer names the new version', async () => {
    const before = (await ask(operator, 'яма')).body.modelVersion;
    expect((await operator.post('/api/v1/assist/model/train')).status).toBe(403);
    const trained = await administrator.post<{ version: number }>('/api/v1/assist/model/train');
    expect(trained.status).toBe(201);
    expect(trained.body.version).toBeGreaterThan(before);
    expect((await ask(operator, 'яма')).body.modelVersion).toBe(trained.body.version);
  });

  it('gives the portal the same suggestions, public question types only, without executors', async () => {
    const res = await server.anonymous().get<{
      suggestions: { id: number; name: string; matchedWords: string[] }[];
    }>(`/api/public/question-type-suggestions?text=${encodeURIComponent('не гріють батареї')}`);
    expect(res.status).toBe(200);
    expect(res.body.suggestions[0]?.id).toBe(ids.get(HEATING));
    // Exactly the public fields: no executor (the staff's suggestions name one), no reason.
    expect(Object.keys(res.body)).toEqual(['suggestions']);
    expect(res.body.suggestions.length).toBeGreaterThan(0);
    for (const suggestion of res.body.suggestions) {
      expect(Object.keys(suggestion).sort()).toEqual([
        'id',
        'kindName',
        'kindNameEn',
        'matchedWords',
        'name',
        'nameEn',
      ]);
    }
    const publicIds = new Set(
      (
        await server.ctx.deps.db
          .selectFrom('question_types')
          .select('id')
          .where('is_public', '=', true)
          .execute()
      ).map((r) => r.id),
    );
    for (const s of res.body.suggestions) expect(publicIds.has(s.id)).toBe(true);
  });
});
