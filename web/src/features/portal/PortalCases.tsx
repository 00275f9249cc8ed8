import { useEffect, useState } from 'preact/hooks';
import { messageOf } from '../../api/errors';
import type { Case } from '../../api/types';
import { useSession } from '../../shared/session';
import { ErrorMessage } from '../../shared/ui/Feedback';
import { MapView } from '../../shared/resources/MapView';
import { portalResourcePath } from '../../shared/resources/paths';
import { useT } from '../../shared/i18n';


/** The couple's, family's or group's collective map, as the therapist chose to share it: the
 * server returns only resources marked visible to clients, and never another member's own map. */
export function PortalCases() {
  const { api } = useSession();
  const t = useT();
  const [cases, setCases] = useState<Case[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    api
      .listCases()
      .then((r) => setCases(r.items))
      .catch((err) => setError(messageOf(err)));
  }, []);

  if (error) return <ErrorMessage message={t('portal.cases.loadFailed', { error })} />;
  if (!cases || cases.length === 0) return null;
  return (
    <>
      {cases.map((c) => (
        <section key={c.id} class="card portal__card map-card" aria-labelledby={`portal-case-${c.id}`}>
          <h2 id={`portal-case-${c.id}`} class="card__title">
            {t('portal.cases.title', { name: c.name })}
          </h2>
          <p class="field__hint">{t('portal.cases.hint', { kind: c.kind })}</p>
          <MapView
            owner={{ kind: 'case', id: c.id }}
            whose="you together"
            voice="client"
            hrefFor={(r) => portalResourcePath(r.id)}
            empty={<p class="empty__title">{t('portal.cases.empty', { kind: c.kind })}</p>}
          />
        </section>
      ))}
    </>
  );
}
