import { useEffect, useState } from 'preact/hooks';
import { messageOf } from '../../api/errors';
import type { Goal } from '../../api/types';
import { useSession } from '../../shared/session';
import { formatDate } from '../../shared/format';
import { Button } from '../../shared/ui/Button';
import { ErrorMessage, Notice } from '../../shared/ui/Feedback';
import { goalStatusLabel } from '../../shared/resources/labels';
import { ScaleRatingForm, ScaleTrend } from '../../shared/resources/ScaleRating';
import { useLocale, useT } from '../../shared/i18n';

/** The client's goals, each with how far along they feel, which they can rate themselves. */
export function PortalGoals({ clientId }: { clientId: string }) {
  const { api } = useSession();
  const t = useT();
  const locale = useLocale();
  const [goals, setGoals] = useState<Goal[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [rating, setRating] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [version, setVersion] = useState(0);

  useEffect(() => {
    api
      .listGoals(clientId)
      .then((r) => setGoals(r.items.filter((g) => g.status !== 'dropped')))
      .catch((err) => setError(messageOf(err)));
  }, [clientId, version]);

  return (
    <section class="card portal__card" aria-labelledby="portal-goals">
      <h2 id="portal-goals" class="card__title">
        {t('portal.goals.title')}
      </h2>
      <ErrorMessage message={error} />
      <Notice message={notice} />
      {goals && goals.length === 0 ? <p>{t('portal.goals.empty')}</p> : null}
      {goals && goals.length > 0 ? (
        <ul class="tracked__list">
          {goals.map((g) => (
            <li key={g.id} class="tracked__item">
              <div class="tracked__row">
                <div class="tracked__main">
                  <h3 class="tracked__title">{g.title}</h3>
                  <p class="tracked__meta">
                    {(() => {
                      const rest = g.latest_rating
                        ? t('portal.goals.along', { value: g.latest_rating.value, date: formatDate(g.latest_rating.rated_at, { locale }) })
                        : t('portal.goals.notRated');
                      return g.status !== 'active' ? t('portal.goals.withStatus', { status: goalStatusLabel(g.status), rest }) : rest;
                    })()}
                  </p>
                </div>
                <ScaleTrend kind="goal" id={g.id} version={version} />
              </div>
              {g.description ? <p class="tracked__desc prewrap">{g.description}</p> : null}
              {rating === g.id ? (
                <ScaleRatingForm
                  kind="goal"
                  id={g.id}
                  initial={g.latest_rating?.value ?? null}
                  voice="client"
                  onCancel={() => setRating(null)}
                  onSaved={(r) => {
                    setRating(null);
                    setNotice(t('portal.goals.saved', { title: g.title, value: r.value }));
                    setVersion((v) => v + 1);
                  }}
                />
              ) : g.status === 'active' ? (
                <div class="tracked__actions">
                  <Button small variant="secondary" onClick={() => setRating(g.id)}>
                    {t('portal.goals.rate', { title: g.title.length > 28 ? `${g.title.slice(0, 27)}…` : g.title })}
                  </Button>
                </div>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
