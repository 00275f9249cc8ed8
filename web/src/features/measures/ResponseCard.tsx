import { useEffect, useState } from 'preact/hooks';
import { messageOf } from '../../api/errors';
import type { AckInput, AlertAcknowledgement, ChangeInfo, InstrumentSummary, MeasureResponse, ResponseAlert } from '../../api/types';
import { useMe, useSession } from '../../shared/session';
import { formatDateTime } from '../../shared/format';
import { useLocale, useT, type Locale } from '../../shared/i18n';
import { Button } from '../../shared/ui/Button';
import { ErrorMessage } from '../../shared/ui/Feedback';
import { Link } from '../../shared/ui/Link';
import { AckForm } from '../../shared/alerts/AckForm';
import { agoText, alertMessage, reviewedText } from '../../shared/alerts/alerts';
import { clientPath } from '../../shared/ui/ClientSection';
import { parseQuestionnaire, type Questionnaire } from './questionnaire';
import { loadQuestionnaire } from '../../shared/measures/useInstruments';
import { changeSentence, changeTone, formatScore, missingNote, rankedStrengths, scaleLabel, scoreText, submittedText, totalOf } from '../../shared/measures/wording';

export function chartPath(clientId: string, instrument: string): string {
  return `/clients/${encodeURIComponent(clientId)}/questionnaires/${encodeURIComponent(instrument)}`;
}

/** One administration: score and band, notes on gaps, change, alerts and (for IPIP-VIA-R) strengths. */
export function ResponseCard(props: {
  response: MeasureResponse;
  instrument: InstrumentSummary | undefined;
  clientId: string;
  editable: boolean;
  onChanged: (response: MeasureResponse, notice: string) => void;
}) {
  const { api } = useSession();
  const t = useT();
  const me = useMe();
  const r = props.response;
  const ins = props.instrument;
  const name = ins?.short_name ?? r.instrument.toUpperCase();
  const better = ins?.better ?? 'lower';
  const total = totalOf(r);
  const note = missingNote(r);
  const openAlerts = (r.alerts ?? []).filter((a) => a.acknowledged_at === null);
  const doneAlerts = (r.alerts ?? []).filter((a) => a.acknowledged_at !== null);
  const [acking, setAcking] = useState(false);
  const review = useReview(doneAlerts[0]);
  // The care team and their supervisors record reviews; the server decides who exactly may.
  const canAcknowledge = props.editable || me.user.role === 'supervisor';
  const ranked = ins?.ranked || (r.ranking !== undefined && r.ranking.length > 0);
  const others = ranked
    ? []
    : Object.entries(r.scores).filter(
        ([id, s]) => id !== 'total' && !(total && s.label === total.label && s.value === total.value),
      );

  const acknowledge = async (input: AckInput) => {
    const updated = await api.acknowledgeAlerts(r.id, input);
    setAcking(false);
    props.onChanged(updated, t('measures.response.reviewRecorded', { name, when: formatDateTime(r.created_at) }));
  };

  return (
    <article class={`mresp${openAlerts.length ? ' mresp--alert' : ''}`} id={`response-${r.id}`} aria-labelledby={`response-${r.id}-title`}>
      <header class="mresp__head">
        <h3 id={`response-${r.id}-title`} class="mresp__title">
          {name}
        </h3>
        <p class="mresp__when">
          {submittedText(formatDateTime(r.created_at), r.submitted_by_role)}
        </p>
      </header>

      {openAlerts.length ? (
        <div class="mresp__alerts" role="group" aria-label={t('measures.response.criticalAnswers')}>
          {openAlerts.map((a) => (
            <p key={a.id} class="mresp__alerttext">
              <strong>{t('measures.response.criticalAnswer', { item: a.item })}</strong> {alertMessage(a.message)}
            </p>
          ))}
          <p class="mresp__alertage">{t('measures.response.reportedOpen', { ago: agoText(r.created_at, Date.now()) })}</p>
          {!canAcknowledge ? (
            <p class="field__hint">{t('alerts.waiting')}</p>
          ) : acking ? (
            <AckForm form={`ack-response-${r.id}`} legend={t('alerts.ack.legendOnResponse', { name })} onSubmit={acknowledge} onCancel={() => setAcking(false)} />
          ) : (
            <Button variant="danger" small onClick={() => setAcking(true)}>
              {t('alerts.acknowledge')}
            </Button>
          )}
        </div>
      ) : null}

      {ranked ? (
        <Strengths response={r} clientId={props.clientId} />
      ) : (
        <dl class="mresp__facts">
          <div class="mresp__fact">
            <dt>{total ? scaleLabel(total.label) : t('measures.scale.total')}</dt>
            <dd class="mresp__score">{scoreText(total)}</dd>
          </div>
          {others.map(([id, s]) => (
            <div class="mresp__fact" key={id}>
              <dt>{scaleLabel(s.label)}</dt>
              <dd>{scoreText(s)}</dd>
            </div>
          ))}
        </dl>
      )}
      {note ? <p class="mresp__note">{note}</p> : null}

      {r.change && (r.change.first || r.change.previous) ? (
        <ul class="mresp__change">
          {r.change.previous ? (
            <li class={`mchange mchange--${changeTone(r.change.previous, better)}`}>
              <span class="mchange__label">{t('measures.response.sinceLast')}</span> {changeSentence(r.change.previous, better, 'previous')}
            </li>
          ) : null}
          {r.change.first && !sameChange(r.change.first, r.change.previous) ? (
            <li class={`mchange mchange--${changeTone(r.change.first, better)}`}>
              <span class="mchange__label">{t('measures.response.sinceFirst')}</span> {changeSentence(r.change.first, better, 'first')}
            </li>
          ) : null}
        </ul>
      ) : null}

      {doneAlerts.length ? (
        <p class="field__hint mresp__reviewed">
          {review
            ? t('measures.response.reviewedBy', {
                count: doneAlerts.length,
                items: doneAlerts.map((a) => a.item).join(', '),
                review: reviewedText(review, { id: me.user.id, role: me.user.role }, formatDateTime),
              })
            : t('measures.response.reviewed', { count: doneAlerts.length, items: doneAlerts.map((a) => a.item).join(', ') })}
          {review?.note ? ` ${t('alerts.noteShown', { note: review.note })}` : null}
        </p>
      ) : null}

      <div class="mresp__more">
        {!ranked ? (
          <Link href={chartPath(props.clientId, r.instrument)} class="mresp__chartlink">
            {t('measures.overTime', { name })}
          </Link>
        ) : null}
        <AnswersDetails response={r} />
      </div>
    </article>
  );
}

/**
 * The review of a response's alert as "Reviewed by …" reads it. A response carries who (an id),
 * when and the action; the reviewer's name comes from the alerts list when it was someone else.
 */
function useReview(alert: ResponseAlert | undefined): AlertAcknowledgement | null {
  const { api } = useSession();
  const me = useMe();
  const [name, setName] = useState<string | null>(null);
  const by = alert?.acknowledged?.by ?? alert?.acknowledged_by ?? null;
  const needsName = !!alert && !alert.acknowledged && !!by && by !== me.user.id;
  useEffect(() => {
    if (!needsName || !alert) return;
    let live = true;
    api
      .listAlerts('acknowledged')
      .then((r) => {
        const found = r.items.find((a) => a.id === alert.id)?.acknowledged?.by_name;
        if (live && found) setName(found);
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [alert?.id, needsName]);
  if (!alert || !alert.acknowledged_at) return alert?.acknowledged ?? null;
  if (alert.acknowledged) return alert.acknowledged;
  return { by: by ?? '', by_name: name ?? '', at: alert.acknowledged_at, action: alert.action ?? '' };
}

/** The comparison with the first time is the same as with last time when there are only two. */
function sameChange(a: ChangeInfo | null, b: ChangeInfo | null): boolean {
  return !!a && !!b && a.difference === b.difference && a.rci === b.rci;
}

/** A sentence with one element in it: the text before and after `{marker}` in the translated message. */
function around(text: string, marker: string): [string, string] {
  const at = text.indexOf(marker);
  return at < 0 ? [text, ''] : [text.slice(0, at), text.slice(at + marker.length)];
}

const MARK = '\u0001';

function Strengths({ response, clientId }: { response: MeasureResponse; clientId: string }) {
  const t = useT();
  const list = rankedStrengths(response);
  const [before, after] = around(t('measures.strengths.intro', { map: MARK }), MARK);
  return (
    <div class="strengths">
      <p>
        {before}
        <Link href={clientPath(clientId, 'resources')}>{t('measures.strengths.map')}</Link>
        {after}
      </p>
      <ol class="strengths__list">
        {list.map((s) => (
          <li key={s.id} class={`strengths__item${s.signature ? ' strengths__item--top' : ''}`}>
            <span class="strengths__rank" aria-hidden="true">
              {s.rank}
            </span>
            <span class="strengths__name">
              {s.label}
              {s.signature ? <span class="strengths__badge">{t('measures.strengths.signature')}</span> : null}
            </span>
            <span class="strengths__value">{s.value === null ? t('measures.strengths.notScored') : formatScore(s.value)}</span>
          </li>
        ))}
      </ol>
    </div>
  );
}

/** The item answers, with the question texts loaded when opened (again if the language changed). */
function AnswersDetails({ response }: { response: MeasureResponse }) {
  const { api } = useSession();
  const t = useT();
  const locale = useLocale();
  const [open, setOpen] = useState(false);
  const [loaded, setLoaded] = useState<{ locale: Locale; q: Questionnaire } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const q = loaded?.q ?? null;
  useEffect(() => {
    if (!open || loaded?.locale === locale) return;
    let current = true;
    loadQuestionnaire(api, response.instrument, locale)
      .then((fhir) => current && setLoaded({ locale, q: parseQuestionnaire(fhir) }))
      .catch((err) => current && setError(messageOf(err)));
    return () => {
      current = false;
    };
  }, [open, locale, response.instrument]);
  const onToggle = (e: Event) => setOpen((e.currentTarget as HTMLDetailsElement).open);
  const flagged = new Set((response.alerts ?? []).map((a) => a.item));
  return (
    <details class="mresp__answers" onToggle={onToggle}>
      <summary>{t('measures.response.showAnswers')}</summary>
      <ErrorMessage message={error} />
      {q ? (
        <ol class="manswers">
          {q.items.map((item) => {
            const v = response.answers[item.linkId];
            const label = typeof v === 'number' ? (item.choices.find((c) => c.value === v)?.label ?? String(v)) : null;
            return (
              <li key={item.linkId} class={`manswers__item${flagged.has(item.linkId) ? ' manswers__item--flag' : ''}`}>
                <span class="manswers__q">
                  {item.linkId}. {item.text}
                </span>
                <span class="manswers__a">{label === null ? t('measures.response.notAnswered') : t('measures.response.answer', { label, value: String(v) })}</span>
              </li>
            );
          })}
        </ol>
      ) : error ? null : (
        <p class="field__hint">{t('measures.response.loadingQuestions')}</p>
      )}
    </details>
  );
}
