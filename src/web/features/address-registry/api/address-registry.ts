/** The registry keeper's look-ups and changes (`/api/v1/address-registry`, issue 15). */
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../shared/api/client.js';

export interface KeeperStreet {
  id: number;
  city: string;
  label: string;
  name: string;
  buildings: number;
  names: { name: string; current: boolean; validTo: string | null; period: string | null }[];
}

export interface KeeperBuilding {
  id: number;
  streetId: number;
  label: string;
  houseNumber: string;
  block: string | null;
  kind: 'residential' | 'other';
  latitude: number | null;
  longitude: number | null;
  districtId: number | null;
  districtName: string | null;
  maintainerId: number | null;
  maintainerName: string | null;
  active: boolean;
  appeals: number;
}

export interface Maintainer {
  id: number;
  name: string;
  buildings: number;
}

export interface Unplaced {
  appealId: number;
  number: string;
  address: string | null;
  flags: string[];
  receivedAt: string;
}

export const keeperStreetsQuery = (q: string) =>
  queryOptions({
    queryKey: ['address-registry', 'streets', q],
    queryFn: ({ signal }) => api.get<KeeperStreet[]>('/address-registry/streets', { q }, signal),
    enabled: q.trim().length >= 2,
  });

export const keeperBuildingsQuery = (streetId: number | null) =>
  queryOptions({
    queryKey: ['address-registry', 'buildings', streetId],
    queryFn: ({ signal }) =>
      api.get<KeeperBuilding[]>('/address-registry/buildings', { streetId: streetId ?? 0 }, signal),
    enabled: streetId !== null,
  });

/** The buildings one maintainer keeps (the maintainers' tab). */
export const maintainerBuildingsQuery = (maintainerId: number | null) =>
  queryOptions({
    queryKey: ['address-registry', 'buildings', 'maintainer', maintainerId],
    queryFn: ({ signal }) =>
      api.get<KeeperBuilding[]>(
        '/address-registry/buildings',
        { maintainerId: maintainerId ?? 0 },
        signal,
      ),
    enabled: maintainerId !== null,
  });

export {
  type RegistryDistrict,
  registryDistrictsQuery as districtsQuery,
} from '../../../shared/api/queries.js';

export interface RegistryEdit {
  id: number;
  at: string;
  actor: string;
  entity: 'street' | 'building';
  entityId: number;
  action: string;
  before: Record<string, unknown>;
  after: Record<string, unknown>;
}

/** The registry's history: of one street or building, or the latest edits of all. */
export const registryHistoryQuery = (entity?: 'street' | 'building', id?: number) =>
  queryOptions({
    queryKey: ['address-registry', 'history', entity ?? 'all', id ?? 0],
    queryFn: ({ signal }) =>
      api.get<RegistryEdit[]>(
        '/address-registry/history',
        { ...(entity ? { entity } : {}), ...(id ? { id } : {}), limit: 50 },
        signal,
      ),
  });

export interface BuildingChange {
  houseNumber?: string;
  block?: string | null;
  kind?: 'residential' | 'other';
  latitude?: number | null;
  longitude?: number | null;
  districtId?: number | null;
  maintainerId?: number | null;
}

export const updateBuilding = (input: { id: number; change: BuildingChange }) =>
  api.patch(`/address-registry/buildings/${input.id}`, input.change);

export const maintainersQuery = queryOptions({
  queryKey: ['address-registry', 'maintainers'],
  queryFn: ({ signal }) => api.get<Maintainer[]>('/address-registry/maintainers', {}, signal),
});

export const unplacedQuery = queryOptions({
  queryKey: ['address-registry', 'unplaced'],
  queryFn: ({ signal }) => api.get<Unplaced[]>('/address-registry/unplaced', {}, signal),
});

/** A change of the registry; every list of the registry is read anew after it. */
export function useRegistryChange<Input>(change: (input: Input) => Promise<unknown>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: change,
    onSuccess: () => client.invalidateQueries({ queryKey: ['address-registry'] }),
  });
}

export const renameStreet = (input: { streetId: number; name: string; date: string }) =>
  api.post(`/address-registry/streets/${input.streetId}/rename`, {
    name: input.name,
    date: input.date,
  });

export const mergeBuildings = (input: { fromId: number; intoId: number }) =>
  api.post('/address-registry/buildings/merge', input);

export const assignMaintainer = (input: { buildingIds: number[]; maintainerId: number | null }) =>
  api.post('/address-registry/buildings/maintainer', input);
