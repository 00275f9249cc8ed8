import { useEffect, useState } from 'preact/hooks';
import { messageOf } from '../../api/errors';
import type { Client, MeasureResponse } from '../../api/types';
import { useSession } from '../../shared/session';
import { formatDate, formatList } from '../../shared/format';
import { useLocale, useT } from '../../shared/i18n';
import { ErrorMessage } from '../../shared/ui/Feedback';
import { Link } from '../../shared/ui/Link';
import { questionnairesPath } from './Alerts';
import { useInstruments } from '../../shared/measures/useInstruments';
import { instrumentName, rankedStrengths, scoreText, totalOf } from '../../shared/measures/wording';

/** The latest response of each instrument, newest first. */
export function latestPerInstrument(responses: readonly MeasureResponse[]): MeasureResponse[] {
  const sorted = [...responses].sort((a, b) => Date.parse(b.created_at) - Date.parse(a.created_at));
  const seen = new Set<string>();
  return sorted.filter((r) => (seen.has(r.instrument) ? false : (seen.add(r.instrument), true)));
}

/** On a client's overview: the latest result of each questionnaire. */
export function MeasuresSummary({ client, editable }: { client: Client; editable: boolean }) {
  const { api } = useSession();
  const t = useT();
  const locale = useLocale();
  const instruments = useInstruments();
  const [latest, setLatest] = useState<MeasureResponse[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api
      .listResponses(client.id)
      .then((r) => setLatest(latestPerInstrument(r.items)))
      .catch((err) => setError(messageOf(err)));
    // Band and scale names come in the reader's language: asked again when it changes.
  }, [client.id, locale]);

  return (
    <section class="card msummary" aria-labelledby="msummary-title">
      <h2 id="msummary-title" class="card__title">
        {t('resources.tab.questionnaires')}
      </h2>
      <ErrorMessage message={error} />
      {latest === null && !error ? <p class="field__hint">{t('resources.loading')}</p> : null}
      {latest !== null ? (
        latest.length === 0 ? (
          <p>{t('measures.summary.none')}</p>
        ) : (
          <dl class="facts">
            {latest.map((r) => {
              const total = totalOf(r);
              const top = total ? null : rankedStrengths(r).filter((s) => s.signature).slice(0, 3);
              const open = (r.alerts ?? []).some((a) => a.acknowledged_at === null);
              return (
                <div class="facts__row" key={r.id}>
                  <dt>{instrumentName(r.instrument, instruments.byId)}</dt>
                  <dd>
                    {total ? scoreText(total) : top && top.length ? t('measures.summary.topStrengths', { strengths: formatList(top.map((s) => s.label)) }) : t('measures.summary.notScored')}
                    <span class="msummary__date"> · {formatDate(r.created_at)}</span>
                    {open ? <span class="msummary__flag"> · {t('measures.summary.critical')}</span> : null}
                  </dd>
                </div>
              );
            })}
          </dl>
        )
      ) : null}
      <div class="form__actions msummary__actions">
        <Link href={questionnairesPath(client.id)} class="btn btn--primary">
          {t(editable ? 'measures.summary.open' : 'measures.summary.see')}
        </Link>
      </div>
    </section>
  );
}
