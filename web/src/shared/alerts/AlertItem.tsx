import { useState } from 'preact/hooks';
import type { RiskAlert } from '../../api/types';
import { useMe, useSession } from '../session';
import { formatDateTime } from '../format';
import { useT } from '../i18n';
import { Button } from '../ui/Button';
import { Link } from '../ui/Link';
import { AckForm } from './AckForm';
import { alertKey, alertKindLabel, alertMessage, alertSourceText, alertStatusText, isEscalated, isLifecycleAlert, isOpen } from './alerts';
import './alerts.css';

/** Where the signal came from: the questionnaire result, or the client's shared journal. */
export function alertSourcePath(a: RiskAlert): string {
  const base = `/clients/${encodeURIComponent(a.client_id)}`;
  if (a.kind === 'low_mood') return `${base}/journal`;
  const q = `${base}/questionnaires`;
  return a.response_id ? `${q}#response-${encodeURIComponent(a.response_id)}` : q;
}

/**
 * One alert: its kind and source, the client (on the caseload), its true age or who reviewed it,
 * and for the care team or a supervisor an "Acknowledge…" that opens the small review form.
 */
export function AlertItem(props: {
  alert: RiskAlert;
  /** The client's name on the caseload; left out on the client's own pages. */
  clientName?: string;
  instrumentName: (id: string) => string;
  /** Whether this reader may record a review (the care team and their supervisors). */
  canAcknowledge: boolean;
  /** Instead of the form, a hint where the review is recorded (the result card below). */
  ackElsewhere?: string;
  /** Hides the link to the source (on the page that shows the source). */
  hideSourceLink?: boolean;
  onAcknowledged: (updated: RiskAlert) => void;
}) {
  const { api } = useSession();
  const t = useT();
  const me = useMe();
  const [open, setOpen] = useState(false);
  const a = props.alert;
  const viewer = { id: me.user.id, role: me.user.role };
  const escalated = isEscalated(a);
  const source = alertSourceText(a, props.instrumentName);
  const key = alertKey(a).replace(/[^A-Za-z0-9_-]/g, '');
  const lifecycle = isLifecycleAlert(a);
  const mood = a.kind === 'low_mood';
  const legend =
    props.clientName !== undefined
      ? t(mood ? 'alerts.ack.legendMoodOf' : 'alerts.ack.legendAnswerOf', { name: props.clientName })
      : t(mood ? 'alerts.ack.legendMood' : 'alerts.ack.legendAnswer');

  return (
    <li class={`ralert ralert--${a.kind}${escalated ? ' ralert--escalated' : ''}${isOpen(a) ? '' : ' ralert--reviewed'}`}>
      <p class="ralert__head">
        <span class="ralert__kind">{alertKindLabel(a.kind)}</span>
        {source ? <span class="ralert__source"> · {source}</span> : null}
        {escalated ? <span class="ralert__badge">{t(me.user.role === 'supervisor' ? 'alerts.badge.escalatedToYou' : 'alerts.badge.escalated')}</span> : null}
      </p>
      {props.clientName !== undefined ? (
        <Link href={alertSourcePath(a)} class="ralert__client">
          {props.clientName}
        </Link>
      ) : null}
      <p class="ralert__message">{alertMessage(a.message)}</p>
      {isOpen(a) || !lifecycle ? (
        <p class="ralert__status">
          {alertStatusText(a, viewer, Date.now(), formatDateTime)}
          <span class="ralert__when"> ({formatDateTime(a.created_at)})</span>
        </p>
      ) : (
        <p class="ralert__status">
          <span class="ralert__when">{t('alerts.reportedAt', { when: formatDateTime(a.created_at) })} </span>
          {alertStatusText(a, viewer, Date.now(), formatDateTime)}
        </p>
      )}
      {!isOpen(a) && a.acknowledged?.note ? <p class="ralert__note">{t('alerts.noteShown', { note: a.acknowledged.note })}</p> : null}

      {lifecycle && isOpen(a) ? (
        props.ackElsewhere ? (
          <p class="field__hint">{props.ackElsewhere}</p>
        ) : props.canAcknowledge ? (
          open ? (
            <AckForm
              form={`ack-${key}`}
              legend={legend}
              onCancel={() => setOpen(false)}
              onSubmit={async (input) => {
                const updated = await api.acknowledgeAlert(a.id, input);
                setOpen(false);
                props.onAcknowledged(updated);
              }}
            />
          ) : (
            <div class="ralert__actions">
              <Button small variant={escalated ? 'danger' : 'secondary'} onClick={() => setOpen(true)}>
                {t('alerts.acknowledge')}
              </Button>
              {!props.hideSourceLink && props.clientName === undefined ? (
                <Link href={alertSourcePath(a)} class="ralert__link">
                  {t(mood ? 'alerts.openJournal' : 'alerts.openResult')}
                </Link>
              ) : null}
            </div>
          )
        ) : (
          <p class="field__hint">{t('alerts.waiting')}</p>
        )
      ) : null}
      {a.kind === 'reliable_deterioration' ? (
        <p class="field__hint">{t('alerts.deteriorationHint')}</p>
      ) : null}
    </li>
  );
}
