import { useEffect, useRef, useState } from 'preact/hooks';
import { messageOf } from '../../api/errors';
import type { Client, InterviewCategory, Resource } from '../../api/types';
import { useSession } from '../../shared/session';
import { useLocale, useT } from '../../shared/i18n';
import { Button } from '../../shared/ui/Button';
import { ErrorMessage, Loading, Notice } from '../../shared/ui/Feedback';
import { CheckboxField, RangeField, TextAreaField } from '../../shared/ui/Field';
import { Link } from '../../shared/ui/Link';
import { ClientSection } from '../../shared/ui/ClientSection';
import { categoryLabel } from '../../shared/resources/labels';
import { resourcePath } from './ClientResourcesPage';
import { loadInterview } from './useStrengths';
import { titleFromAnswer } from '../../shared/resources/validation';

export function InterviewPage({ clientId }: { clientId: string }) {
  const t = useT();
  return (
    <ClientSection clientId={clientId} tab="interview" title={t('resources.tab.interview')}>
      {(client, editable) =>
        editable ? <Interview client={client} /> : <p class="alert alert--info">{t('resources.interview.careTeamOnly')}</p>
      }
    </ClientSection>
  );
}

interface Draft {
  answer: string;
  rate: boolean;
  availability: number;
  activation: number;
  error?: string;
}

const emptyDraft = (): Draft => ({ answer: '', rate: false, availability: 5, activation: 5 });

/**
 * Walks through the areas of life one at a time. Each answer can become a resource of that
 * area straight away, optionally with a first rating, without leaving the conversation.
 */
function Interview({ client }: { client: Client }) {
  const { api } = useSession();
  const t = useT();
  const [steps, setSteps] = useState<InterviewCategory[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [index, setIndex] = useState(0);
  const [drafts, setDrafts] = useState<Record<string, Draft>>({});
  const [added, setAdded] = useState<Record<string, Resource[]>>({});
  const [busy, setBusy] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const stepHeading = useRef<HTMLHeadingElement>(null);
  const moved = useRef(false);

  const locale = useLocale();
  useEffect(() => {
    loadInterview(api, locale)
      .then(setSteps)
      .catch((err) => setLoadError(messageOf(err)));
  }, [locale]);

  // After Next/Previous, continue reading at the new step's heading.
  useEffect(() => {
    if (moved.current) stepHeading.current?.focus();
  }, [index]);

  if (loadError) return <ErrorMessage message={loadError} />;
  if (!steps) return <Loading label={t('resources.interview.loading')} />;
  if (steps.length === 0) return <p class="alert alert--info">{t('resources.interview.none')}</p>;

  const step = steps[Math.min(index, steps.length - 1)]!;
  const key = (q: number) => `${step.category}:${q}`;
  const draftOf = (q: number) => drafts[key(q)] ?? emptyDraft();
  const update = (q: number, patch: Partial<Draft>) => setDrafts((d) => ({ ...d, [key(q)]: { ...(d[key(q)] ?? emptyDraft()), ...patch } }));

  const go = (to: number) => {
    moved.current = true;
    setNotice(null);
    setError(null);
    setIndex(Math.max(0, Math.min(steps.length - 1, to)));
  };

  const addAsResource = async (q: number, question: string) => {
    const draft = draftOf(q);
    if (draft.answer.trim() === '') {
      update(q, { error: t('resources.interview.answerFirst') });
      document.getElementById(`interview-q${q}`)?.focus();
      return;
    }
    update(q, { error: undefined });
    setBusy(key(q));
    setError(null);
    setNotice(null);
    const { title, description } = titleFromAnswer(draft.answer);
    try {
      const created = await api.createResource(
        { kind: 'client', id: client.id },
        {
          title,
          category: step.category,
          source: 'client',
          // The question keeps the context of the answer; a long answer is kept whole.
          description: `${t('resources.interview.fromQuestion', { question })}${description ? `\n\n${description}` : ''}`,
        },
      );
      let rated = false;
      if (draft.rate) {
        try {
          await api.rateResource(created.id, { availability: draft.availability, activation: draft.activation });
          rated = true;
        } catch (err) {
          setError(t('resources.interview.ratingFailed', { title: created.title, error: messageOf(err) }));
        }
      }
      setAdded((a) => ({ ...a, [step.category]: [...(a[step.category] ?? []), created] }));
      setDrafts((d) => ({ ...d, [key(q)]: emptyDraft() }));
      const category = categoryLabel(step.category);
      setNotice(
        rated
          ? t('resources.interview.addedRated', {
              title: created.title,
              category,
              availability: draft.availability,
              activation: draft.activation,
            })
          : t('resources.interview.added', { title: created.title, category }),
      );
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setBusy(null);
    }
  };

  const here = added[step.category] ?? [];
  return (
    <div class="interview">
      <nav class="stepper" aria-label={t('resources.interview.areas')}>
        <ol>
          {steps.map((s, i) => (
            <li key={s.category}>
              <button
                type="button"
                class="stepper__step"
                aria-current={i === index ? 'step' : undefined}
                onClick={() => go(i)}
              >
                <span class="stepper__num" aria-hidden="true">
                  {i + 1}
                </span>
                {categoryLabel(s.category)}
                {(added[s.category]?.length ?? 0) > 0 ? (
                  <span class="stepper__count">
                    {' · '}
                    {t('resources.interview.addedCount', { count: added[s.category]!.length })}
                  </span>
                ) : null}
              </button>
            </li>
          ))}
        </ol>
      </nav>

      <section class="card interview__step" aria-labelledby="step-title">
        <p class="interview__progress">{t('resources.interview.step', { step: index + 1, total: steps.length })}</p>
        <h2 id="step-title" class="card__title" tabIndex={-1} ref={stepHeading}>
          {step.title || categoryLabel(step.category)}
        </h2>
        <Notice message={notice} />
        <ErrorMessage message={error} />
        <ol class="questions">
          {step.questions.map((question, q) => {
            const d = draftOf(q);
            return (
              <li key={key(q)} class="question">
                <TextAreaField
                  form="interview"
                  name={`q${q}`}
                  label={question}
                  plain
                  rows={2}
                  value={d.answer}
                  onValue={(v) => update(q, { answer: v })}
                  error={d.error}
                />
                <CheckboxField form="interview" name={`q${q}-rate`} label={t('resources.interview.rateNow')} checked={d.rate} onChecked={(v) => update(q, { rate: v })} />
                {d.rate ? (
                  <div class="question__rating">
                    <RangeField
                      form="interview"
                      name={`q${q}-availability`}
                      label={t('resources.list.availability')}
                      lowLabel={t('resources.rating.availabilityLow')}
                      highLabel={t('resources.rating.availabilityHigh')}
                      value={d.availability}
                      onValue={(v) => update(q, { availability: v })}
                    />
                    <RangeField
                      form="interview"
                      name={`q${q}-activation`}
                      label={t('resources.list.activation')}
                      lowLabel={t('resources.rating.activationLow')}
                      highLabel={t('resources.rating.activationHigh')}
                      value={d.activation}
                      onValue={(v) => update(q, { activation: v })}
                    />
                  </div>
                ) : null}
                <Button
                  variant="secondary"
                  small
                  busy={busy === key(q)}
                  busyLabel={t('resources.interview.adding')}
                  onClick={() => void addAsResource(q, question)}
                >
                  {t('resources.interview.addAsResource')}
                </Button>
              </li>
            );
          })}
        </ol>
        {here.length > 0 ? (
          <div class="interview__added">
            <h3>{t('resources.interview.addedIn', { category: categoryLabel(step.category) })}</h3>
            <ul>
              {here.map((r) => (
                <li key={r.id}>
                  <Link href={resourcePath(client.id, r.id)}>{r.title}</Link>
                </li>
              ))}
            </ul>
          </div>
        ) : null}
      </section>

      <div class="interview__nav">
        <Button variant="quiet" onClick={() => go(index - 1)} disabled={index === 0}>
          {t('resources.interview.previous')}
        </Button>
        {index < steps.length - 1 ? (
          <Button onClick={() => go(index + 1)}>{t('resources.interview.next', { category: categoryLabel(steps[index + 1]!.category) })}</Button>
        ) : (
          <Link href={`/clients/${encodeURIComponent(client.id)}/resources`} class="btn btn--primary">
            {t('resources.interview.finish')}
          </Link>
        )}
      </div>
    </div>
  );
}
