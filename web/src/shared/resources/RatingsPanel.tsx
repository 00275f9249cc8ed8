import { useEffect, useRef, useState } from 'preact/hooks';
import { messageOf } from '../../api/errors';
import { type Rating, type Resource } from '../../api/types';
import { useSession } from '../session';
import { formatDate, formatDateTime } from '../format';
import { useT } from '../i18n';
import { ErrorMessage, Notice } from '../ui/Feedback';
import { outOfTen, raterLabel } from './labels';
import { RatingForm, ratingSentence } from './RatingForm';
import { Sparkline } from './Sparkline';

/** The latest rating, its trend and (for the care team) the form for a new one. */
export function RatingsPanel({
  resource,
  editable,
  onRated,
  voice = 'therapist',
}: {
  resource: Resource;
  editable: boolean;
  onRated: (r: Resource) => void;
  voice?: 'client' | 'therapist';
}) {
  const { api } = useSession();
  const t = useT();
  const [ratings, setRatings] = useState<Rating[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [generation, setGeneration] = useState(0);

  // Two ratings saved in quick succession start two reloads whose answers can arrive in either
  // order; only the newest may land, or an older list would overwrite the newer one.
  const savedCount = useRef(0);
  // The form starts again after each save, from the values just saved - at once, not when the
  // refreshed header arrives (re-starting it then would wipe what someone had begun to enter).
  const [justSaved, setJustSaved] = useState<Rating | null>(null);
  useEffect(() => {
    let current = true;
    api
      .listRatings(resource.id)
      .then((r) => {
        if (current) setRatings(r.items);
      })
      .catch((err) => {
        if (current) setError(messageOf(err));
      });
    return () => {
      current = false;
    };
  }, [resource.id, generation]);

  const saved = async (rating: Rating) => {
    setNotice(t('resources.ratingSaved', { rating: ratingSentence(rating) }));
    setJustSaved(rating);
    setGeneration((g) => g + 1);
    const mine = ++savedCount.current;
    try {
      const fresh = await api.getResource(resource.id);
      if (mine === savedCount.current) onRated(fresh);
    } catch {
      // The list above already shows the new rating; the header catches up on the next visit.
    }
  };

  const latest = resource.latest_rating;
  const recent = (ratings ?? []).slice(-12);
  return (
    <section class="card ratings" aria-labelledby="ratings-title">
      <h2 id="ratings-title" class="card__title">
        {t('resources.ratings.title', { voice })}
      </h2>
      <Notice message={notice} />
      <ErrorMessage message={error} />
      {latest ? (
        <div class="ratings__latest">
          <p class="ratings__numbers">
            <span>
              {t('resources.list.availability')} <strong>{outOfTen(latest.availability)}</strong>
            </span>
            <span>
              {t('resources.list.activation')} <strong>{outOfTen(latest.activation)}</strong>
            </span>
          </p>
          <p class="field__hint">
            {voice === 'client' && latest.rated_by_role === 'client'
              ? t('resources.ratings.lastByYou', { date: formatDate(latest.rated_at) })
              : t('resources.ratings.lastBy', { date: formatDate(latest.rated_at), by: raterLabel(latest.rated_by_role) })}
          </p>
        </div>
      ) : (
        <p class="field__hint">{t('resources.ratings.none')}</p>
      )}
      {recent.length > 0 ? (
        <div class="ratings__trend">
          <Sparkline
            width={220}
            height={72}
            series={[
              { name: t('resources.list.availability'), tone: 'availability', values: recent.map((r) => r.availability) },
              { name: t('resources.list.activation'), tone: 'activation', values: recent.map((r) => r.activation) },
            ]}
          />
          <p class="spark-key" aria-hidden="true">
            <span class="spark-key__item spark-key__item--availability">{t('resources.list.availability')}</span>
            <span class="spark-key__item spark-key__item--activation">{t('resources.list.activation')}</span>
          </p>
        </div>
      ) : null}
      {editable ? (
        <>
          <h3 class="ratings__subtitle">{latest ? t('resources.ratings.new') : t('resources.ratings.first')}</h3>
          <RatingForm
            key={generation}
            resourceId={resource.id}
            initial={justSaved ?? latest}
            allowDate={voice === 'therapist'}
            voice={voice}
            onSaved={(r) => void saved(r)}
          />
        </>
      ) : null}
      {ratings && ratings.length > 0 ? (
        <details class="ratings__history">
          <summary>{t('resources.trend.all', { count: ratings.length })}</summary>
          <table class="table">
            <caption class="visually-hidden">{t('resources.ratings.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('resources.trend.date')}</th>
                <th scope="col">{t('resources.list.availability')}</th>
                <th scope="col">{t('resources.list.activation')}</th>
                <th scope="col">{t('resources.ratings.by')}</th>
              </tr>
            </thead>
            <tbody>
              {ratings.map((r) => (
                <tr key={r.id}>
                  <td>{formatDateTime(r.rated_at)}</td>
                  <td>{r.availability}</td>
                  <td>{r.activation}</td>
                  <td>{r.rated_by_role === 'client' ? t('role.client') : t('role.therapist')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      ) : null}
    </section>
  );
}
