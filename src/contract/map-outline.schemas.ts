/**
 * The city's outline for maps without a tile server (issue 12): GeoJSON (RFC 7946, [lon, lat]) of
 * the registry's districts and its streets traced through their buildings.
 */
import { z } from 'zod';

const position = z.tuple([z.number(), z.number()]);

export const mapOutlineView = z.object({
  type: z.literal('FeatureCollection'),
  /** Where the outline comes from: the address registry, or nothing to draw (no districts). */
  source: z.enum(['registry', 'none']),
  features: z.array(
    z.object({
      type: z.literal('Feature'),
      properties: z.object({ kind: z.enum(['district', 'street']), name: z.string() }),
      geometry: z.union([
        z.object({ type: z.literal('Polygon'), coordinates: z.array(z.array(position)) }),
        z.object({
          type: z.literal('MultiPolygon'),
          coordinates: z.array(z.array(z.array(position))),
        }),
        z.object({ type: z.literal('MultiLineString'), coordinates: z.array(z.array(position)) }),
      ]),
    }),
  ),
});
export type MapOutlineView = z.infer<typeof mapOutlineView>;
