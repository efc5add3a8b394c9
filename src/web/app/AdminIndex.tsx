import { useQuery } from '@tanstack/react-query';
import { Navigate } from 'react-router';
import { adminSections } from '../features/admin/components/admin-sections.js';
import { meQuery } from '../shared/api/queries.js';

/** `/admin` opens the first section the user may see. */
export function AdminIndex() {
  const me = useQuery(meQuery);
  const first = adminSections(me.data?.permissions ?? [])[0];
  return first ? <Navigate to={first.to} replace /> : null;
}
