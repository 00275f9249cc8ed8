import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { messageOf } from '../../api/errors';
import type { Client } from '../../api/types';
import { useMe, useSession } from '../../app/session';
import { ErrorMessage, Loading } from '../../shared/ui/Feedback';
import { Link } from '../../shared/ui/Link';
import { Page } from '../../shared/ui/Page';
import { canEditClient } from '../clients/careTeam';
import './resources.css';

export type ClientTab = 'overview' | 'sessions' | 'resources' | 'interview' | 'goals' | 'questionnaires' | 'balance' | 'safety-plan';

export function clientPath(clientId: string, tab: ClientTab = 'overview'): string {
  const base = `/clients/${encodeURIComponent(clientId)}`;
  return tab === 'overview' ? base : `${base}/${tab}`;
}

const TABS: readonly { tab: ClientTab; label: string; editorsOnly?: boolean }[] = [
  { tab: 'overview', label: 'Overview' },
  { tab: 'sessions', label: 'Sessions' },
  { tab: 'resources', label: 'Resource map' },
  { tab: 'interview', label: 'Resource interview', editorsOnly: true },
  { tab: 'goals', label: 'Goals & problems' },
  { tab: 'questionnaires', label: 'Questionnaires' },
  { tab: 'balance', label: 'Balance' },
  { tab: 'safety-plan', label: 'Safety plan' },
];

/** The sections of one client's record, as a row of links (they wrap on a phone). */
export function ClientTabs({ clientId, current, editable }: { clientId: string; current: ClientTab | null; editable: boolean }) {
  return (
    <nav class="client-tabs no-print" aria-label="Sections of this client’s record">
      <ul>
        {TABS.filter((t) => editable || !t.editorsOnly).map((t) => (
          <li key={t.tab}>
            <Link href={clientPath(clientId, t.tab)} class="client-tabs__link" current={t.tab === current}>
              {t.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** Loads a client once for a section page. */
export function useClient(clientId: string): { client: Client | null; error: string | null } {
  const { api } = useSession();
  const [client, setClient] = useState<Client | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api
      .getClient(clientId)
      .then(setClient)
      .catch((err) => setError(messageOf(err)));
  }, [clientId]);
  return { client, error };
}

interface ClientSectionProps {
  clientId: string;
  tab: ClientTab | null;
  /** The heading, e.g. "Resource map". */
  title: string;
  /** A different page heading once the client is known (defaults to title). */
  actions?: (client: Client, editable: boolean) => ComponentChildren;
  /** A link back to somewhere other than the client's overview (e.g. the map). */
  back?: { href: string; label: string };
  children: (client: Client, editable: boolean) => ComponentChildren;
  class?: string;
}

/**
 * The frame of every page inside a client's record: a way back, the heading, the section
 * links and, for supervisors, the reminder that they only read.
 */
export function ClientSection(props: ClientSectionProps) {
  const me = useMe();
  const { client, error } = useClient(props.clientId);
  const back = (
    <Link href={props.back?.href ?? clientPath(props.clientId)} class="back-link">
      {props.back?.label ?? (client ? client.display_name : 'Back to client')}
    </Link>
  );
  if (error) {
    return (
      <Page title={props.title} before={back} narrow>
        <ErrorMessage message={error} />
      </Page>
    );
  }
  if (!client) {
    return (
      <Page title={props.title} before={back}>
        <Loading label="Loading…" />
      </Page>
    );
  }
  const editable = canEditClient(me.user, client);
  return (
    <Page
      title={props.title}
      documentTitle={`${props.title} · ${client.display_name}`}
      before={back}
      actions={props.actions?.(client, editable)}
      class={props.class}
      intro={
        <>
          {props.tab ? <ClientTabs clientId={client.id} current={props.tab} editable={editable} /> : null}
          {me.user.role === 'supervisor' ? (
            <p class="alert alert--info">You are reading this as a supervisor. Only the care team can make changes.</p>
          ) : null}
        </>
      }
    >
      {props.children(client, editable)}
    </Page>
  );
}
