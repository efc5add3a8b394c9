import { describe, expect, it } from 'vitest';
import { type AddressRoutingRule, routeByAddress } from './address-routing.js';

const MAINTAINER_ANY: AddressRoutingRule = {
  districtId: null,
  executorId: null,
  toMaintainer: true,
};
const MAINTAINER_IN_7: AddressRoutingRule = { districtId: 7, executorId: null, toMaintainer: true };
const DISTRICT_7: AddressRoutingRule = { districtId: 7, executorId: 70, toMaintainer: false };
const DISTRICT_8: AddressRoutingRule = { districtId: 8, executorId: 80, toMaintainer: false };

const building = (maintainerId: number | null, districtId: number | null) => ({
  id: 1,
  maintainerId,
  districtId,
});

describe('routeByAddress: the most specific rule wins', () => {
  it.each([
    // rules, building, district → executor, rule
    [[MAINTAINER_ANY, DISTRICT_7], building(500, 7), 7, 500, 'maintainer'],
    [[MAINTAINER_IN_7, DISTRICT_7], building(500, 7), 7, 500, 'maintainer'],
    [[MAINTAINER_IN_7, DISTRICT_8], building(500, 8), 8, 80, 'district'], // maintainer rule is for 7
    [[MAINTAINER_ANY, DISTRICT_7], building(null, 7), 7, 70, 'district'], // no maintainer
    [[DISTRICT_7], building(500, 7), 7, 70, 'district'], // no maintainer rule
    [[DISTRICT_7, DISTRICT_8], null, 8, 80, 'district'], // a point in district 8
    [[DISTRICT_7], null, 9, 1, 'default'],
    [[MAINTAINER_ANY], null, null, 1, 'default'],
    [[], building(500, 7), 7, 1, 'default'],
  ] as const)('%#: → %s by %s', (rules, b, districtId, executorId, rule) => {
    const routed = routeByAddress({ defaultExecutorId: 1, rules, building: b, districtId });
    expect(routed.executorId).toBe(executorId);
    expect(routed.reason.rule).toBe(rule);
  });

  it('has no executor when nothing applies and the type has no default', () => {
    expect(
      routeByAddress({ defaultExecutorId: null, rules: [], building: null, districtId: null }),
    ).toEqual({ executorId: null, coExecutorIds: [], reason: { rule: 'none' } });
  });
});

describe('routeByAddress: the winning rule brings its co-executors (issue 14, item 4)', () => {
  const withCo = (rule: AddressRoutingRule, coExecutorIds: number[]): AddressRoutingRule => ({
    ...rule,
    coExecutorIds,
  });
  it.each([
    // rules, default co-executors, building, district → main, co-executors
    [[withCo(MAINTAINER_ANY, [30, 31])], [40], building(500, 7), 7, 500, [30, 31]],
    [[withCo(MAINTAINER_ANY, [500, 30])], [], building(500, 7), 7, 500, [30]], // never the main
    [[withCo(DISTRICT_7, [30, 30, 31])], [40], null, 7, 70, [30, 31]], // no repeats
    [[withCo(DISTRICT_7, [30])], [40, 1], null, 8, 1, [40]], // the default's, not its main
    [[DISTRICT_7], [40], null, 7, 70, []], // a rule without co-executors has none
    [[], [40], building(500, 7), 7, 1, [40]],
  ] as const)('%#: → %s with %s', (rules, defaultCo, b, districtId, executorId, co) => {
    const routed = routeByAddress({
      defaultExecutorId: 1,
      defaultCoExecutorIds: defaultCo,
      rules,
      building: b,
      districtId,
    });
    expect(routed.executorId).toBe(executorId);
    expect(routed.coExecutorIds).toEqual(co);
  });

  it('has no co-executors without a main executor', () => {
    expect(
      routeByAddress({
        defaultExecutorId: null,
        defaultCoExecutorIds: [40],
        rules: [],
        building: null,
        districtId: null,
      }).coExecutorIds,
    ).toEqual([]);
  });
});
