/**
 * Routing by building (issue 15): the most specific rule wins —
 * 1. the question type × the building's maintainer (a rule «to the building's maintainer», for the
 *    building's district or for any district), when the building has a maintainer;
 * 2. the question type × the district (of the building, or of the point);
 * 3. the question type's default executor (`routing_rules`).
 * The reason is kept with the assignment, so the card can say why the executor was chosen.
 * The rule that wins also names its co-executors (issue 14, item 4; ADR 045): organisations
 * assigned beside the main executor, never the main executor itself.
 *
 * Pure: no I/O. Tests: `address-routing.test.ts`.
 */

export interface AddressRoutingRule {
  /** null: any district. */
  districtId: number | null;
  /** The named executor, or null when the rule sends to the building's maintainer. */
  executorId: number | null;
  toMaintainer: boolean;
  /** Co-executor organisations this rule assigns besides the main executor (none when absent). */
  coExecutorIds?: readonly number[];
}

export type RoutingReason =
  | { rule: 'maintainer'; maintainerId: number; buildingId: number; districtId: number | null }
  | { rule: 'district'; districtId: number }
  | { rule: 'default' }
  | { rule: 'none' };

export interface RoutingInput {
  /** The question type's default executor, or null when it has none. */
  defaultExecutorId: number | null;
  /** The default rule's co-executors (none when absent). */
  defaultCoExecutorIds?: readonly number[];
  /** The address rules of the question type. */
  rules: readonly AddressRoutingRule[];
  /** The appeal's building, when it was placed on one. */
  building: { id: number; maintainerId: number | null; districtId: number | null } | null;
  /** The appeal's district (the building's, or the point's). */
  districtId: number | null;
}

/** Where an appeal goes: its main executor, the co-executors, and why. */
export interface Routing {
  executorId: number | null;
  /** Distinct, without the main executor; empty when there is no main executor. */
  coExecutorIds: number[];
  reason: RoutingReason;
}

/** The rule's co-executors without the main executor and without repeats. */
export function coExecutorsBeside(
  executorId: number | null,
  coExecutorIds: readonly number[] | undefined,
): number[] {
  if (executorId === null) return [];
  return [...new Set(coExecutorIds ?? [])].filter((id) => id !== executorId);
}

/** The executor an appeal goes to and why (see the module's doc for the order). */
export function routeByAddress(input: RoutingInput): Routing {
  const { building, districtId, rules } = input;
  if (building && building.maintainerId !== null) {
    const maintainerRules = rules.filter((r) => r.toMaintainer);
    const rule =
      maintainerRules.find((r) => r.districtId !== null && r.districtId === building.districtId) ??
      maintainerRules.find((r) => r.districtId === null);
    if (rule) {
      return {
        executorId: building.maintainerId,
        coExecutorIds: coExecutorsBeside(building.maintainerId, rule.coExecutorIds),
        reason: {
          rule: 'maintainer',
          maintainerId: building.maintainerId,
          buildingId: building.id,
          districtId: building.districtId,
        },
      };
    }
  }
  if (districtId !== null) {
    const rule = rules.find(
      (r) => !r.toMaintainer && r.executorId !== null && r.districtId === districtId,
    );
    if (rule)
      return {
        executorId: rule.executorId,
        coExecutorIds: coExecutorsBeside(rule.executorId, rule.coExecutorIds),
        reason: { rule: 'district', districtId },
      };
  }
  if (input.defaultExecutorId !== null)
    return {
      executorId: input.defaultExecutorId,
      coExecutorIds: coExecutorsBeside(input.defaultExecutorId, input.defaultCoExecutorIds),
      reason: { rule: 'default' },
    };
  return { executorId: null, coExecutorIds: [], reason: { rule: 'none' } };
}
