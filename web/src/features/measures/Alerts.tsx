import { useEffect, useState } from 'preact/hooks';
import { messageOf } from '../../api/errors';
import type { MeasureAlert } from '../../api/types';
import { useSession } from '../../app/session';
import { formatDate } from '../../shared/format';
import { Link } from '../../shared/ui/Link';
import { useInstruments } from './useInstruments';
import { instrumentName } from './wording';
import './measures.css';

export function questionnairesPath(clientId: string, responseId?: string): string {
  const base = `/clients/${encodeURIComponent(clientId)}/questionnaires`;
  return responseId ? `${base}#response-${encodeURIComponent(responseId)}` : base;
}

export function alertKindLabel(kind: string): string {
  if (kind === 'critical_item') return 'Critical answer';
  if (kind === 'reliable_deterioration') return 'Reliable deterioration';
  return kind;
}

/** Critical answers first, then the newest. */
export function sortAlerts(alerts: readonly MeasureAlert[]): MeasureAlert[] {
  const rank = (a: MeasureAlert) => (a.kind === 'critical_item' ? 0 : 1);
  return [...alerts].sort((a, b) => rank(a) - rank(b) || Date.parse(b.created_at) - Date.parse(a.created_at));
}

/**
 * On every page of a client's record while a questionnaire alert is open: critical answers until
 * the care team acknowledges them; a reliable deterioration while it is the latest result.
 */
export function ClientAlertBanner(props: {
  clientId: string;
  /** Bumped after an acknowledgement so the banner asks again. */
  version?: number;
  /** Only these kinds (e.g. critical answers on pages outside the questionnaires). */
  kinds?: readonly string[];
  /** On the questionnaires page itself the link to it is left out. */
  linkToSection?: boolean;
}) {
  const { api } = useSession();
  const instruments = useInstruments();
  const [alerts, setAlerts] = useState<MeasureAlert[]>([]);
  useEffect(() => {
    let live = true;
    api
      .listAlerts()
      .then((r) => {
        if (live) setAlerts(r.items.filter((a) => a.client_id === props.clientId));
      })
      .catch(() => {
        // The banner is a reminder on top of the questionnaires section, which shows the same
        // alerts with its own error message; a failed check here must not block the page.
        if (live) setAlerts([]);
      });
    return () => {
      live = false;
    };
  }, [props.clientId, props.version]);

  const shown = sortAlerts(alerts.filter((a) => !props.kinds || props.kinds.includes(a.kind)));
  if (shown.length === 0) return null;
  const critical = shown.some((a) => a.kind === 'critical_item');
  return (
    <section class={`mbanner${critical ? ' mbanner--critical' : ''}`} aria-labelledby="mbanner-title">
      <h2 id="mbanner-title" class="mbanner__title">
        {critical ? 'A questionnaire answer needs your attention' : 'A questionnaire result to look at'}
      </h2>
      <ul class="mbanner__list">
        {shown.map((a) => (
          <li key={`${a.kind}-${a.response_id}-${a.item ?? ''}`} class={`mbanner__item mbanner__item--${a.kind}`}>
            <span class="mbanner__kind">
              {alertKindLabel(a.kind)} · {instrumentName(a.instrument, instruments.byId)} · {formatDate(a.created_at)}
            </span>{' '}
            <span>{a.message}</span>
          </li>
        ))}
      </ul>
      {props.linkToSection === false ? (
        critical ? (
          <p class="mbanner__hint">Once you have reviewed it, acknowledge it on the result below.</p>
        ) : null
      ) : (
        <Link href={questionnairesPath(props.clientId, shown[0]!.response_id)} class="btn btn--secondary btn--small mbanner__link">
          Review in Questionnaires
        </Link>
      )}
    </section>
  );
}

/** The caseload's open questionnaire alerts, each linking to the client's questionnaires. */
export function CaseloadAlerts() {
  const { api } = useSession();
  const instruments = useInstruments();
  const [alerts, setAlerts] = useState<MeasureAlert[] | null>(null);
  const [names, setNames] = useState<Map<string, string>>(new Map());
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    api
      .listAlerts()
      .then(async (r) => {
        if (!live) return;
        setAlerts(sortAlerts(r.items));
        // Alerts carry ids only; a caseload has few alerts at a time, so ask for those names.
        const ids = [...new Set(r.items.map((a) => a.client_id))];
        const found = await Promise.all(ids.map((id) => api.getClient(id).then((c) => [id, c.display_name] as const, () => null)));
        if (live) setNames(new Map(found.filter((x): x is readonly [string, string] => x !== null)));
      })
      .catch((err) => {
        if (live) setError(messageOf(err));
      });
    return () => {
      live = false;
    };
  }, []);

  if (error) {
    return (
      <p class="alert alert--error caseload-alerts__error" role="alert">
        Questionnaire alerts could not be loaded. {error}
      </p>
    );
  }
  if (!alerts || alerts.length === 0) return null;
  const critical = alerts.filter((a) => a.kind === 'critical_item').length;
  return (
    <section class={`caseload-alerts${critical ? ' caseload-alerts--critical' : ''}`} aria-labelledby="caseload-alerts-title">
      <h2 id="caseload-alerts-title" class="caseload-alerts__title">
        Questionnaire alerts ({alerts.length})
      </h2>
      <p class="caseload-alerts__hint">
        {critical > 0
          ? 'Critical answers stay here until someone in the care team acknowledges them.'
          : 'Reliable deteriorations stay here while they are the latest result.'}
      </p>
      <ul class="caseload-alerts__list">
        {alerts.map((a) => (
          <li key={`${a.kind}-${a.response_id}-${a.item ?? ''}`} class={`caseload-alert caseload-alert--${a.kind}`}>
            <Link href={questionnairesPath(a.client_id, a.response_id)} class="caseload-alert__client">
              {names.get(a.client_id) ?? 'A client on your caseload'}
            </Link>
            <span class="caseload-alert__kind">
              {alertKindLabel(a.kind)} · {instrumentName(a.instrument, instruments.byId)} · {formatDate(a.created_at)}
            </span>
            <span class="caseload-alert__message">{a.message}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
