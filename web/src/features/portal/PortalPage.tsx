import { useEffect, useState } from 'preact/hooks';
import { messageOf } from '../../api/errors';
import type { Client } from '../../api/types';
import { useMe, useSession } from '../../app/session';
import { contextLabel, firstName } from '../../shared/format';
import { ErrorMessage, Loading } from '../../shared/ui/Feedback';
import { Link } from '../../shared/ui/Link';
import { Page } from '../../shared/ui/Page';
import { MapView } from '../resources/MapView';
import { PortalCases } from './PortalCases';
import { PortalGoals } from './PortalGoals';
import { PortalQuestionnaires } from '../measures/PortalQuestionnaires';
import { CalendarCard, MilestonesCard, TodayCard } from '../journal/PortalCards';
import { isPersonal } from '../journal/api';
import { portalResourcePath } from './PortalResources';
import { PortalSafetyCard } from '../safety/PortalSafetyCard';
import '../resources/resources.css';
import './portal.css';

function greeting(now: Date): string {
  const h = now.getHours();
  if (h < 5) return 'Hello';
  if (h < 12) return 'Good morning';
  if (h < 18) return 'Good afternoon';
  return 'Good evening';
}

export function PortalPage() {
  const { api } = useSession();
  const me = useMe();
  const clientId = me.user.client_id;
  const [client, setClient] = useState<Client | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!clientId) return;
    api
      .getClient(clientId)
      .then(setClient)
      .catch((err) => setError(messageOf(err)));
  }, [clientId]);

  if (!clientId) {
    return (
      <Page title="Welcome to Trove" narrow>
        <p class="alert alert--info">
          Your login is not linked to a client record yet. Please let your therapist or the practice know.
        </p>
      </Page>
    );
  }
  if (error) {
    return (
      <Page title="Welcome to Trove" narrow>
        <ErrorMessage message={error} />
      </Page>
    );
  }
  if (!client) {
    return (
      <Page title="Welcome to Trove" narrow>
        <Loading label="Loading your space…" />
      </Page>
    );
  }

  return (
    <div class="portal">
      <Page title={`${greeting(new Date())}, ${firstName(client.display_name)}`} narrow>
        <p class="portal__lead">
          This is your own space in Trove. Trove is where {isPersonal(me) ? 'you' : 'you and your therapist'} gather what already
          helps you: your strengths, the people around you, the things you are good at and the times something went well.
        </p>

        <TodayCard clientId={client.id} />

        <PortalQuestionnaires clientId={client.id} />

        <section class="card portal__card map-card" aria-labelledby="portal-map">
          <div class="portal__cardhead">
            <h2 id="portal-map" class="card__title">
              Your resource map
            </h2>
            <Link href="/portal/resources/new" class="btn btn--secondary btn--small">
              Add something you noticed
            </Link>
          </div>
          <p class="field__hint">Open a resource to say how available it is to you right now.</p>
          <MapView
            owner={{ kind: 'client', id: client.id }}
            whose="you"
            voice="client"
            hrefFor={(r) => portalResourcePath(r.id)}
            empty={
              <div class="empty">
                <p class="empty__title">Your map is still empty.</p>
                <div class="empty__body">
                  <p>
                    You and your therapist will fill it together. You can start yourself: what are you good at, who is good
                    for you, what went well lately?
                  </p>
                </div>
              </div>
            }
          />
        </section>

        <PortalCases />

        <PortalGoals clientId={client.id} />

        <MilestonesCard clientId={client.id} />

        <PortalSafetyCard clientId={client.id} />

        <CalendarCard clientId={client.id} voice="client" />

        <section class="card portal__card" aria-labelledby="portal-about">
          <h2 id="portal-about" class="card__title">
            What Trove is for
          </h2>
          <ul class="portal__list">
            <li>Noticing what works, not only what is hard.</li>
            <li>Keeping the good moments and skills in one place, so you can come back to them.</li>
            <li>Going at your own pace, together with your therapist.</li>
          </ul>
          <p>New things you can do here will appear on this page as your practice adds them.</p>
        </section>

        <section class="card portal__card" aria-labelledby="portal-record">
          <h2 id="portal-record" class="card__title">
            Your details
          </h2>
          <dl class="facts">
            <div class="facts__row">
              <dt>Name in Trove</dt>
              <dd>{client.display_name}</dd>
            </div>
            {client.birth_year ? (
              <div class="facts__row">
                <dt>Birth year</dt>
                <dd>{client.birth_year}</dd>
              </div>
            ) : null}
            <div class="facts__row">
              <dt>Kind of support</dt>
              <dd>{client.contexts.map((c) => contextLabel(c)).join(', ')}</dd>
            </div>
          </dl>
          <p class="field__hint">
            Only you and the people at the practice who support your therapy can see this. If something here is not right, tell your therapist.
          </p>
        </section>
      </Page>
    </div>
  );
}
