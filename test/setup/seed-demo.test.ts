/**
 * The demo city can be walked with its demo users (issue 12): every utility company that question
 * types are routed to has an executor login, printed with its organisation.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo, type DemoLogin } from '../../src/server/setup/seed-demo.js';
import { createTestContext, type TestContext } from '../test-db.js';

let ctx: TestContext;
let logins: DemoLogin[];
beforeAll(async () => {
  ctx = await createTestContext();
  logins = await seedDemo(ctx.deps);
});
afterAll(() => ctx.close());

describe('demo users', () => {
  it('give every routed utility company an executor', async () => {
    const routed = await ctx.deps.db
      .selectFrom('routing_rules as r')
      .innerJoin('organisations as o', 'o.id', 'r.executor_id')
      .select(['o.id', 'o.name'])
      .where('o.type', '=', 'utility_company')
      .distinct()
      .execute();
    expect(routed.length).toBeGreaterThan(3);
    const executors = await ctx.deps.db
      .selectFrom('users')
      .select('organisation_id')
      .where('role', '=', 'executor')
      .execute();
    const staffed = new Set(executors.map((e) => e.organisation_id));
    expect(routed.filter((o) => !staffed.has(o.id)).map((o) => o.name)).toEqual([]);
    expect(logins).toContainEqual({
      login: 'executor-vodokanal',
      role: 'executor',
      organisation: 'КП «Міський водоканал»',
    });
    // Asked again (users exist), the same logins are printed.
    expect(await seedDemo(ctx.deps)).toEqual(logins);
  });
});
