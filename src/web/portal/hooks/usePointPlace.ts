/**
 * A point picked on the map names the nearest building and the district (issue 15): the building
 * fills an empty address (or replaces one picked from the registry), never typed text. Only the
 * answer for the latest point counts.
 */
import { useRef, useState, type Dispatch, type SetStateAction } from 'react';
import { placePublicPoint, type PointPlace } from '../api.js';
import type { Point } from '../components/LocationPicker.js';
import type { Draft, SetDraftField } from '../lib/submission-draft.js';

export function usePointPlace(set: SetDraftField, setDraft: Dispatch<SetStateAction<Draft>>) {
  const [pointPlace, setPointPlace] = useState<PointPlace | null>(null);
  const pointAsked = useRef(0);
  const choosePoint = (point: Point | null) => {
    set('point', point);
    const asked = ++pointAsked.current;
    setPointPlace(null);
    if (!point) return;
    placePublicPoint(point).then(
      (place) => {
        if (asked !== pointAsked.current) return;
        setPointPlace(place);
        const building = place.building;
        if (building)
          setDraft((d) =>
            d.address.trim() === '' || d.buildingId !== null
              ? { ...d, address: building.label, buildingId: building.id }
              : d,
          );
      },
      () => {
        // No answer: the point alone is kept, as before.
      },
    );
  };
  return { pointPlace, setPointPlace, choosePoint };
}
