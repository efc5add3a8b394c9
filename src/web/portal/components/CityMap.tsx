// The city map is shared with the staff app (the works registry draws its polygon on it).
export { CityMap } from '../../shared/ui/CityMap.js';
