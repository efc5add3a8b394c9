import type { AdminOrganisation } from '../api/admin.js';

/** Organisations as select options, indented by depth in the tree (active only unless asked). */
export function organisationOptions(
  organisations: readonly AdminOrganisation[] | undefined,
  options: { includeInactive?: boolean; exclude?: number } = {},
): { value: string; label: string }[] {
  if (!organisations) return [];
  return treeOrder(organisations)
    .filter(({ org }) => (options.includeInactive || org.active) && org.id !== options.exclude)
    .map(({ org }) => ({ value: String(org.id), label: org.name }));
}

/** Depth-first order of the tree (roots by name), each with its depth. */
export function treeOrder(
  organisations: readonly AdminOrganisation[],
): { org: AdminOrganisation; depth: number }[] {
  const children = new Map<number | null, AdminOrganisation[]>();
  const ids = new Set(organisations.map((o) => o.id));
  for (const o of organisations) {
    const parent = o.parentId !== null && ids.has(o.parentId) ? o.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), o]);
  }
  const out: { org: AdminOrganisation; depth: number }[] = [];
  const seen = new Set<number>();
  const walk = (parent: number | null, depth: number) => {
    for (const o of (children.get(parent) ?? []).sort((a, b) =>
      a.name.localeCompare(b.name, 'uk'),
    )) {
      if (seen.has(o.id)) continue;
      seen.add(o.id);
      out.push({ org: o, depth });
      walk(o.id, depth + 1);
    }
  };
  walk(null, 0);
  return out;
}

export const numberOrNull = (value: string | null): number | null =>
  value === null || value === '' ? null : Number(value);
