import { useEffect, useState } from 'preact/hooks';
import { messageOf } from '../../api/errors';
import type { Case } from '../../api/types';
import { useSession } from '../../app/session';
import { ErrorMessage } from '../../shared/ui/Feedback';
import { MapView } from '../resources/MapView';
import { portalResourcePath } from './PortalResources';

const KIND_WORD: Record<string, string> = { couple: 'couple', family: 'family', group: 'group' };

/** The couple's, family's or group's collective map, as the therapist chose to share it: the
 * server returns only resources marked visible to clients, and never another member's own map. */
export function PortalCases() {
  const { api } = useSession();
  const [cases, setCases] = useState<Case[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    api
      .listCases()
      .then((r) => setCases(r.items))
      .catch((err) => setError(messageOf(err)));
  }, []);

  if (error) return <ErrorMessage message={`Your shared maps could not be loaded. ${error}`} />;
  if (!cases || cases.length === 0) return null;
  return (
    <>
      {cases.map((c) => (
        <section key={c.id} class="card portal__card map-card" aria-labelledby={`portal-case-${c.id}`}>
          <h2 id={`portal-case-${c.id}`} class="card__title">
            Together: {c.name}
          </h2>
          <p class="field__hint">
            What your {KIND_WORD[c.kind] ?? 'group'} has in common, as your therapist shared it. Your own map above stays yours.
          </p>
          <MapView
            owner={{ kind: 'case', id: c.id }}
            whose="you together"
            voice="client"
            hrefFor={(r) => portalResourcePath(r.id)}
            empty={<p class="empty__title">Nothing has been shared with your {KIND_WORD[c.kind] ?? 'group'} yet.</p>}
          />
        </section>
      ))}
    </>
  );
}
