/**
 * The organisations' tree (city council → departments, district administrations → utility
 * companies, maintainers): moving a node under one of its own descendants, or under itself,
 * would make a cycle and is refused. Pure.
 */

/**
 * Whether putting `id` under `newParentId` makes a cycle.
 *
 * @param parentOf every organisation's current parent (null for a root).
 */
export function movesIntoOwnSubtree(
  parentOf: ReadonlyMap<number, number | null>,
  id: number,
  newParentId: number | null,
): boolean {
  const seen = new Set<number>();
  for (let at = newParentId; at !== null && at !== undefined; at = parentOf.get(at) ?? null) {
    if (at === id) return true;
    if (seen.has(at)) return true; // an existing cycle: refuse to build on it
    seen.add(at);
  }
  return false;
}
