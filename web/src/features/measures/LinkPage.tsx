import { useEffect, useState } from 'preact/hooks';
import { ApiError, messageOf } from '../../api/errors';
import type { Crisis, QuestionnaireLink } from '../../api/types';
import { useSession } from '../../shared/session';
import { formatDateTime } from '../../shared/format';
import { fallbackCrisis, normaliseCrisis } from '../../shared/crisis';
import { currentLocale, isLocale, langIfOther, setLocale, useT } from '../../shared/i18n';
import { Button } from '../../shared/ui/Button';
import { CrisisPanel } from '../../shared/ui/CrisisPanel';
import { ErrorMessage, Loading } from '../../shared/ui/Feedback';
import { Page } from '../../shared/ui/Page';
import { QuestionnaireFiller } from './QuestionnaireFiller';
import { clearDraft, browserStorage, draftKey } from './questionnaire';
import './measures.css';

type LinkState =
  | { kind: 'loading' }
  | { kind: 'invalid' }
  | { kind: 'error'; message: string }
  | { kind: 'ready'; link: QuestionnaireLink }
  | { kind: 'done'; crisis: Crisis | null; reviewPromise: string | null };

function isInvalidLink(err: unknown): boolean {
  return err instanceof ApiError && (err.code === 'invalid_link' || err.status === 404);
}

function Brand() {
  return (
    <div class="qpage__brand">
      <span class="brand__mark" aria-hidden="true" />
      <p class="qpage__product">Trove</p>
    </div>
  );
}

/**
 * /q/:token — a questionnaire opened from a one-time link, without signing in. The token is the
 * credential; the person sees the questionnaire, sends it once and gets a thank-you (no scores).
 */
export function LinkPage({ token }: { token: string }) {
  const { api, me } = useSession();
  const t = useT();
  const [state, setState] = useState<LinkState>({ kind: 'loading' });
  const key = draftKey({ link: token });

  const load = () => {
    setState({ kind: 'loading' });
    // Someone signed in reads it in their own language; anyone else (the usual case: the client,
    // on their phone, from a message) in the language of the client it was made for, and the
    // page around the questionnaire follows.
    api
      .openQuestionnaireLink(token, me ? currentLocale() : null)
      .then(async (link) => {
        const preferred = link.preferred_language;
        if (!me && isLocale(preferred) && preferred !== currentLocale()) await setLocale(preferred);
        setState({ kind: 'ready', link });
      })
      .catch((err) => {
        if (isInvalidLink(err)) {
          clearDraft(browserStorage(), key);
          setState({ kind: 'invalid' });
        } else setState({ kind: 'error', message: messageOf(err) });
      });
  };

  useEffect(load, [token]);

  let content;
  switch (state.kind) {
    case 'loading':
      content = (
        <Page title={t('measures.link.title')}>
          <Loading label={t('measures.link.opening')} />
        </Page>
      );
      break;
    case 'invalid':
      content = (
        <Page title={t('measures.link.invalidTitle')}>
          <div class="card">
            <p>{t('measures.link.invalidBody')}</p>
            <p>{t('measures.link.invalidAsk')}</p>
          </div>
        </Page>
      );
      break;
    case 'error':
      content = (
        <Page title={t('measures.link.errorTitle')}>
          <ErrorMessage message={state.message} />
          <Button onClick={load}>{t('measures.link.tryAgain')}</Button>
        </Page>
      );
      break;
    case 'done':
      content = (
        <Page title={t('measures.thanks.title')}>
          {state.crisis ? (
            // A critical answer: the practice's crisis contacts come first, calmly, then the thanks.
            <CrisisPanel crisis={state.crisis} reviewPromise={state.reviewPromise} subject="answers" />
          ) : null}
          <div class="card thanks">
            <span class="thanks__mark" aria-hidden="true">
              ✓
            </span>
            <p>{t('measures.link.sent')}</p>
            <p>
              {/* With a critical answer the review promise is in the panel above; said once is enough. */}
              {t(state.crisis ? 'measures.link.talkAlso' : 'measures.link.talk')}
            </p>
            <p>{t(state.crisis ? 'measures.link.closeOrKeep' : 'measures.link.close')}</p>
          </div>
        </Page>
      );
      break;
    case 'ready': {
      const { link } = state;
      content = (
        <Page title={link.questionnaire.title ?? link.instrument.title} documentTitle={link.instrument.short_name}>
          {link.expires_at ? (
            <p class="qpage__expiry">{t('measures.link.expires', { when: formatDateTime(link.expires_at) })}</p>
          ) : null}
          <div class="card" lang={langIfOther(link.questionnaire.language)}>
            <QuestionnaireFiller
              questionnaire={link.questionnaire}
              shortName={link.instrument.short_name}
              storageKey={key}
              idPrefix="link"
              onSubmit={async (answers) => {
                try {
                  const sent = await api.submitQuestionnaireLink(token, answers);
                  setState({
                    kind: 'done',
                    crisis: sent && sent.crisis ? (normaliseCrisis(sent.crisis) ?? normaliseCrisis(link.crisis) ?? fallbackCrisis()) : null,
                    reviewPromise: sent?.review_promise ?? link.review_promise ?? null,
                  });
                } catch (err) {
                  if (isInvalidLink(err)) {
                    clearDraft(browserStorage(), key);
                    setState({ kind: 'invalid' });
                    return;
                  }
                  throw err;
                }
              }}
            />
          </div>
        </Page>
      );
      break;
    }
  }

  return (
    <div class="qpage">
      {me ? null : <Brand />}
      {content}
    </div>
  );
}
