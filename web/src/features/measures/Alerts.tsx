import { useEffect, useState } from 'preact/hooks';
import { messageOf } from '../../api/errors';
import type { RiskAlert } from '../../api/types';
import { useMe, useSession } from '../../shared/session';
import { useLocale, useT } from '../../shared/i18n';
import { AlertItem } from '../../shared/alerts/AlertItem';
import { alertKey, isEscalated, isLifecycleAlert, isOpen, sortAlerts } from '../../shared/alerts/alerts';
import { useInstruments } from '../../shared/measures/useInstruments';
import { instrumentName } from '../../shared/measures/wording';
import './measures.css';

export { alertKindLabel, sortAlerts } from '../../shared/alerts/alerts';

export function questionnairesPath(clientId: string, responseId?: string): string {
  const base = `/clients/${encodeURIComponent(clientId)}/questionnaires`;
  return responseId ? `${base}#response-${encodeURIComponent(responseId)}` : base;
}

function canAcknowledge(role: string): boolean {
  return role === 'therapist' || role === 'supervisor';
}

function replaceAlert(list: RiskAlert[], updated: RiskAlert): RiskAlert[] {
  return list.map((x) => (x.id === updated.id ? updated : x));
}

/**
 * On every page of a client's record while a risk alert is open: critical answers and very low
 * moods until someone reviews them (recording what was done), a reliable deterioration while the
 * scores show it. A review recorded here stays visible as "Reviewed by …" until the page is left.
 */
export function ClientAlertBanner(props: {
  clientId: string;
  /** Bumped after an acknowledgement elsewhere on the page so the banner asks again. */
  version?: number;
  /** Only these kinds (e.g. critical answers on pages outside the questionnaires). */
  kinds?: readonly string[];
  /** On the questionnaires page itself: no link to it, and answers are reviewed on their result card. */
  linkToSection?: boolean;
  /** Told after a review recorded in the banner (so the page can refresh what it shows). */
  onAcknowledged?: (alert: RiskAlert) => void;
}) {
  const { api } = useSession();
  const me = useMe();
  const instruments = useInstruments();
  // The alerts' messages come in the reader's language: asked again when it changes.
  const locale = useLocale();
  const [alerts, setAlerts] = useState<RiskAlert[]>([]);
  useEffect(() => {
    let live = true;
    api
      .listAlerts()
      .then((r) => {
        if (live) setAlerts(r.items.filter((a) => a.client_id === props.clientId));
      })
      .catch(() => {
        // The banner is a reminder on top of the record, which shows the same alerts with its own
        // error message on the caseload; a failed check here must not block the page.
        if (live) setAlerts([]);
      });
    return () => {
      live = false;
    };
  }, [props.clientId, props.version, locale]);

  const t = useT();
  const shown = sortAlerts(alerts.filter((a) => !props.kinds || props.kinds.includes(a.kind)));
  if (shown.length === 0) return null;
  const urgent = shown.some((a) => isLifecycleAlert(a) && isOpen(a));
  const onQuestionnaires = props.linkToSection === false;
  return (
    <section class={`mbanner${urgent ? ' mbanner--critical' : ''}`} aria-labelledby="mbanner-title">
      <h2 id="mbanner-title" class="mbanner__title">
        {t(urgent ? 'measures.banner.urgent' : shown.every((a) => !isOpen(a)) ? 'measures.banner.reviewed' : 'measures.banner.look')}
      </h2>
      <ul class="ralerts">
        {shown.map((a) => (
          <AlertItem
            key={alertKey(a)}
            alert={a}
            instrumentName={(id) => instrumentName(id, instruments.byId)}
            canAcknowledge={canAcknowledge(me.user.role)}
            ackElsewhere={
              onQuestionnaires && a.kind === 'critical_item' && a.response_id ? t('measures.banner.reviewBelow') : undefined
            }
            hideSourceLink={onQuestionnaires && a.kind !== 'low_mood'}
            onAcknowledged={(updated) => {
              setAlerts((list) => replaceAlert(list, updated));
              props.onAcknowledged?.(updated);
            }}
          />
        ))}
      </ul>
    </section>
  );
}

/**
 * The caseload's alerts: escalated ones first and marked, each with the client, its kind, its true
 * age and a way to record the review. Reviewed ones can be shown on request.
 */
export function CaseloadAlerts() {
  const { api } = useSession();
  const t = useT();
  const locale = useLocale();
  const me = useMe();
  const instruments = useInstruments();
  const [alerts, setAlerts] = useState<RiskAlert[] | null>(null);
  const [reviewed, setReviewed] = useState<RiskAlert[] | null>(null);
  const [showReviewed, setShowReviewed] = useState(false);
  const [names, setNames] = useState<Map<string, string>>(new Map());
  const [error, setError] = useState<string | null>(null);

  const loadNames = async (items: readonly RiskAlert[], live: () => boolean) => {
    // Alerts carry ids only; a caseload has few alerts at a time, so ask for those names.
    const ids = [...new Set(items.map((a) => a.client_id))].filter((id) => !names.has(id));
    if (ids.length === 0) return;
    const found = await Promise.all(ids.map((id) => api.getClient(id).then((c) => [id, c.display_name] as const, () => null)));
    if (live()) setNames((prev) => new Map([...prev, ...found.filter((x): x is readonly [string, string] => x !== null)]));
  };

  useEffect(() => {
    let live = true;
    api
      .listAlerts()
      .then(async (r) => {
        if (!live) return;
        setAlerts(sortAlerts(r.items));
        await loadNames(r.items, () => live);
      })
      .catch((err) => {
        if (live) setError(messageOf(err));
      });
    return () => {
      live = false;
    };
  }, [locale]);

  useEffect(() => {
    if (!showReviewed || reviewed) return;
    let live = true;
    api
      .listAlerts('acknowledged')
      .then(async (r) => {
        if (!live) return;
        setReviewed(sortAlerts(r.items));
        await loadNames(r.items, () => live);
      })
      .catch((err) => {
        if (live) setError(messageOf(err));
      });
    return () => {
      live = false;
    };
  }, [showReviewed]);

  if (error) {
    return (
      <p class="alert alert--error caseload-alerts__error" role="alert">
        {t('measures.caseloadAlerts.failed', { error })}
      </p>
    );
  }
  if (!alerts) return null;
  const open = alerts.filter((a) => isOpen(a));
  const escalated = open.filter((a) => isEscalated(a)).length;
  const urgent = open.filter((a) => isLifecycleAlert(a)).length;
  const supervisor = me.user.role === 'supervisor';
  // Reviews recorded on this page stay in the list; older ones come with "Show reviewed alerts".
  const reviewedHere = new Set(alerts.filter((a) => !isOpen(a)).map((a) => a.id));
  const reviewedList = (reviewed ?? []).filter((a) => !reviewedHere.has(a.id));
  const name = (id: string) => names.get(id) ?? t('measures.caseloadAlerts.someClient');
  const item = (a: RiskAlert, onUpdate: (u: RiskAlert) => void) => (
    <AlertItem
      key={alertKey(a)}
      alert={a}
      clientName={name(a.client_id)}
      instrumentName={(id) => instrumentName(id, instruments.byId)}
      canAcknowledge={canAcknowledge(me.user.role)}
      onAcknowledged={onUpdate}
    />
  );

  if (alerts.length === 0 && !showReviewed) {
    return (
      <p class="caseload-alerts__none">
        {t('measures.caseloadAlerts.none')}{' '}
        <button type="button" class="linklike" onClick={() => setShowReviewed(true)}>
          {t('measures.caseloadAlerts.showReviewed')}
        </button>
      </p>
    );
  }

  return (
    <section
      class={`caseload-alerts${urgent ? ' caseload-alerts--critical' : open.length === 0 ? ' caseload-alerts--calm' : ''}`}
      aria-labelledby="caseload-alerts-title"
    >
      <h2 id="caseload-alerts-title" class="caseload-alerts__title">
        {t('measures.caseloadAlerts.title', { count: open.length })}
      </h2>
      <p class="caseload-alerts__hint">
        {escalated > 0
          ? `${t(supervisor ? 'measures.caseloadAlerts.escalatedToYou' : 'measures.caseloadAlerts.escalated', { count: escalated })} `
          : null}
        {t('measures.caseloadAlerts.hint')}
      </p>
      {alerts.length ? <ul class="ralerts">{alerts.map((a) => item(a, (u) => setAlerts((list) => list && replaceAlert(list, u))))}</ul> : null}
      {showReviewed ? (
        <div class="alerts-reviewed">
          <h3 class="alerts-reviewed__title">{t('measures.banner.reviewed')}</h3>
          {reviewed === null ? (
            <p class="field__hint">{t('measures.caseloadAlerts.loadingReviewed')}</p>
          ) : reviewedList.length ? (
            <ul class="ralerts">{reviewedList.map((a) => item(a, () => undefined))}</ul>
          ) : (
            <p class="field__hint">{t('measures.caseloadAlerts.noReviews')}</p>
          )}
        </div>
      ) : (
        <button type="button" class="linklike alerts-toggle" onClick={() => setShowReviewed(true)}>
          {t('measures.caseloadAlerts.showReviewed')}
        </button>
      )}
    </section>
  );
}
