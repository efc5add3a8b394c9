/**
 * What every map needs from `/api/public` (the portal's and the staff app's): the configured view
 * and tiles, and the registry's outline of districts and streets drawn when there are no tiles.
 */
import { queryOptions } from '@tanstack/react-query';
import type { MapOutlineView } from '../../../contract/map-outline.schemas.js';
import type { PortalConfigView } from '../../../contract/portal.schemas.js';
import { createApi } from './client.js';

const publicApi = createApi('/api/public');

export const publicConfigQuery = queryOptions({
  queryKey: ['portal', 'config'],
  queryFn: () => publicApi.get<PortalConfigView>('/config'),
  staleTime: Infinity,
});

/** The city's districts and streets from the address registry, drawn when there are no tiles. */
export const mapOutlineQuery = queryOptions({
  queryKey: ['portal', 'map-outline'],
  queryFn: () => publicApi.get<MapOutlineView>('/map/outline'),
  staleTime: 10 * 60_000,
});
