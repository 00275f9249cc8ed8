import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { messageOf } from '../../api/errors';
import type { Client } from '../../api/types';
import { useMe, useSession } from '../../shared/session';
import { contextLabel, firstName, formatList } from '../../shared/format';
import { ErrorMessage, Loading } from '../../shared/ui/Feedback';
import { Link } from '../../shared/ui/Link';
import { Page } from '../../shared/ui/Page';
import { MapView } from '../../shared/resources/MapView';
import { PortalCases } from './PortalCases';
import { PortalGoals } from './PortalGoals';
import { isPersonal } from '../../shared/journal/api';
import { portalResourcePath } from '../../shared/resources/paths';
import '../../shared/styles/resources.css';
import '../../shared/styles/portal.css';
import { useLocale, useT } from '../../shared/i18n';

/** The part of the day a greeting names, on the reader's own clock. */
function partOfDay(now: Date): 'night' | 'morning' | 'afternoon' | 'evening' {
  const h = now.getHours();
  if (h < 5) return 'night';
  if (h < 12) return 'morning';
  if (h < 18) return 'afternoon';
  return 'evening';
}

/** Other features' cards on the client's home page, each for the client signed in (the app shell passes them in). */
export interface PortalCards {
  /** Today's exercises (journal). */
  today: (clientId: string) => ComponentChildren;
  /** Questionnaires waiting to be filled in (measures). */
  questionnaires: (clientId: string) => ComponentChildren;
  /** Milestones (journal). */
  milestones: (clientId: string) => ComponentChildren;
  /** The way to the safety plan (safety). */
  safety: (clientId: string) => ComponentChildren;
  /** Exercise days in the phone's calendar (journal). */
  calendar: (clientId: string) => ComponentChildren;
}

export function PortalPage({ cards }: { cards: PortalCards }) {
  const { api } = useSession();
  const me = useMe();
  const t = useT();
  const locale = useLocale();
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
      <Page title={t('portal.welcome')} narrow>
        <p class="alert alert--info">{t('portal.notLinked')}</p>
      </Page>
    );
  }
  if (error) {
    return (
      <Page title={t('portal.welcome')} narrow>
        <ErrorMessage message={error} />
      </Page>
    );
  }
  if (!client) {
    return (
      <Page title={t('portal.welcome')} narrow>
        <Loading label={t('portal.loading')} />
      </Page>
    );
  }

  return (
    <div class="portal">
      <Page title={t('portal.greeting', { part: partOfDay(new Date()), name: firstName(client.display_name) })} narrow>
        <p class="portal__lead">{t('portal.lead', { personal: isPersonal(me) ? 'yes' : 'no' })}</p>

        {cards.today(client.id)}

        {cards.questionnaires(client.id)}

        <section class="card portal__card map-card" aria-labelledby="portal-map">
          <div class="portal__cardhead">
            <h2 id="portal-map" class="card__title">
              {t('portal.map.title')}
            </h2>
            <Link href="/portal/resources/new" class="btn btn--secondary btn--small">
              {t('portal.map.add')}
            </Link>
          </div>
          <p class="field__hint">{t('portal.map.hint')}</p>
          <MapView
            owner={{ kind: 'client', id: client.id }}
            whose="you"
            voice="client"
            hrefFor={(r) => portalResourcePath(r.id)}
            empty={
              <div class="empty">
                <p class="empty__title">{t('portal.map.emptyTitle')}</p>
                <div class="empty__body">
                  <p>{t('portal.map.emptyBody')}</p>
                </div>
              </div>
            }
          />
        </section>

        <PortalCases />

        <PortalGoals clientId={client.id} />

        {cards.milestones(client.id)}

        {cards.safety(client.id)}

        {cards.calendar(client.id)}

        <section class="card portal__card" aria-labelledby="portal-about">
          <h2 id="portal-about" class="card__title">
            {t('portal.about.title')}
          </h2>
          <ul class="portal__list">
            <li>{t('portal.about.notice')}</li>
            <li>{t('portal.about.keep')}</li>
            <li>{t('portal.about.pace')}</li>
          </ul>
          <p>{t('portal.about.more')}</p>
        </section>

        <section class="card portal__card" aria-labelledby="portal-record">
          <h2 id="portal-record" class="card__title">
            {t('portal.details.title')}
          </h2>
          <dl class="facts">
            <div class="facts__row">
              <dt>{t('portal.details.name')}</dt>
              <dd>{client.display_name}</dd>
            </div>
            {client.birth_year ? (
              <div class="facts__row">
                <dt>{t('portal.details.birthYear')}</dt>
                <dd>{client.birth_year}</dd>
              </div>
            ) : null}
            <div class="facts__row">
              <dt>{t('portal.details.support')}</dt>
              <dd>{formatList(client.contexts.map((c) => contextLabel(c, locale)), locale)}</dd>
            </div>
          </dl>
          <p class="field__hint">{t('portal.details.privacy')}</p>
        </section>
      </Page>
    </div>
  );
}
