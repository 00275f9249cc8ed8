import type { Owner } from '../../api/trove';
import { clientPath } from '../ui/ClientSection';

/** /cases/:id — a case (a couple, family or group) and its collective resources. */
export function casePath(caseId: string): string {
  return `/cases/${encodeURIComponent(caseId)}`;
}

/** A resource on its owner's map: a client's (/clients/:id/resources/:rid) or a case's (/cases/:id/resources/:rid). */
export function ownerResourcePath(owner: Owner, resourceId: string): string {
  const base = owner.kind === 'client' ? clientPath(owner.id, 'resources') : `${casePath(owner.id)}/resources`;
  return `${base}/${encodeURIComponent(resourceId)}`;
}

/** A resource on the client's own map, in the portal. */
export function portalResourcePath(resourceId: string): string {
  return `/portal/resources/${encodeURIComponent(resourceId)}`;
}
