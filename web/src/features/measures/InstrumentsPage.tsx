import { useEffect, useState } from 'preact/hooks';
import { ApiError, messageOf } from '../../api/errors';
import type { InstrumentSummary } from '../../api/types';
import { useSession } from '../../shared/session';
import { useLocale, useT } from '../../shared/i18n';
import { Button } from '../../shared/ui/Button';
import { ErrorMessage, Loading, Notice } from '../../shared/ui/Feedback';
import { CheckboxField } from '../../shared/ui/Field';
import { Page } from '../../shared/ui/Page';
import { betterSentence, licenceLabel } from '../../shared/measures/wording';
import './measures.css';

/** Admin: which questionnaires the practice uses, with their licences. */
export function InstrumentsPage() {
  const { api } = useSession();
  const t = useT();
  const locale = useLocale();
  const [list, setList] = useState<InstrumentSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  // The titles in the reader's language, again when they switch it.
  useEffect(() => {
    let current = true;
    api
      .listInstruments(locale)
      .then((r) => current && setList(r.items))
      .catch((err) => current && setError(messageOf(err)));
    return () => {
      current = false;
    };
  }, [locale]);

  const enabledCount = list?.filter((i) => i.enabled).length ?? 0;

  return (
    <Page
      title={t('nav.instruments')}
      intro={<p>{t('measures.instruments.intro')}</p>}
    >
      <Notice message={notice} />
      <ErrorMessage message={error} />
      {list === null && !error ? <Loading label={t('measures.instruments.loading')} /> : null}
      {list ? (
        <>
          <p class="summary">{t('measures.instruments.enabledCount', { enabled: enabledCount, total: list.length })}</p>
          <ul class="instruments">
            {list.map((ins) => (
              <InstrumentCard
                key={ins.id}
                instrument={ins}
                onChanged={(updated) => {
                  // The PATCH answer carries the English title; keep the one in the reader's language.
                  setList((l) => (l ?? []).map((x) => (x.id === updated.id ? { ...updated, title: x.title } : x)));
                  setNotice(t(updated.enabled ? 'measures.instruments.nowEnabled' : 'measures.instruments.nowDisabled', { name: updated.short_name }));
                }}
              />
            ))}
          </ul>
        </>
      ) : null}
    </Page>
  );
}

function InstrumentCard({ instrument: ins, onChanged }: { instrument: InstrumentSummary; onChanged: (i: InstrumentSummary) => void }) {
  const { api } = useSession();
  const t = useT();
  const [enabling, setEnabling] = useState(false);
  const [accepted, setAccepted] = useState(false);
  const [fieldError, setFieldError] = useState<string | undefined>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const form = `instrument-${ins.id}`;

  const save = async (enabled: boolean) => {
    setError(null);
    if (enabled && !accepted) {
      setFieldError(t('measures.instruments.tickToAccept'));
      document.getElementById(`${form}-accept`)?.focus();
      return;
    }
    setFieldError(undefined);
    setBusy(true);
    try {
      const updated = await api.updateInstrument(ins.id, enabled ? { enabled: true, licence_acknowledged: true } : { enabled: false });
      setEnabling(false);
      setAccepted(false);
      onChanged(updated);
    } catch (err) {
      setError(messageOf(err));
      if (err instanceof ApiError && err.field === 'licence_acknowledged') setFieldError(err.message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <li class={`instrument${ins.enabled ? '' : ' instrument--off'}`} aria-labelledby={`${form}-title`}>
      <div class="instrument__head">
        <h2 id={`${form}-title`} class="instrument__title">
          {ins.short_name} <span class="instrument__full">{ins.title}</span>
        </h2>
        <span class={`status status--${ins.enabled ? 'active' : 'closed'}`}>{t(ins.enabled ? 'measures.instruments.enabled' : 'measures.instruments.notEnabled')}</span>
      </div>
      <p class="instrument__meta">
        {ins.construct} · {t('measures.portal.questions', { count: ins.item_count })} · {ins.ranked ? t('measures.instruments.ranked') : betterSentence(ins.better)}
      </p>
      <dl class="facts instrument__facts">
        <div class="facts__row">
          <dt>{t('measures.instruments.licence')}</dt>
          <dd>
            <span class={`licence licence--${ins.licence.status}`}>{licenceLabel(ins.licence.status)}</span>
          </dd>
        </div>
        <div class="facts__row">
          <dt>{t('measures.instruments.citation')}</dt>
          <dd class="instrument__citation">{ins.citation}</dd>
        </div>
      </dl>
      <details class="instrument__licence" open={enabling}>
        <summary>{t('measures.instruments.terms')}</summary>
        <p class="prewrap">{ins.licence.text}</p>
        {ins.licence.url ? (
          <p>
            {t('measures.instruments.source')}{' '}
            <a href={ins.licence.url} rel="noopener noreferrer" target="_blank">
              {ins.licence.url}
            </a>
          </p>
        ) : null}
      </details>
      <ErrorMessage message={error} />
      {ins.enabled ? (
        <div class="form__actions">
          <Button variant="quiet" small busy={busy} busyLabel={t('measures.session.saving')} onClick={() => void save(false)}>
            {t('measures.instruments.disable', { name: ins.short_name })}
          </Button>
        </div>
      ) : enabling ? (
        <div class="instrument__enable">
          <CheckboxField
            form={form}
            name="accept"
            label={t('measures.instruments.accept')}
            checked={accepted}
            onChecked={(v) => {
              setAccepted(v);
              if (v) setFieldError(undefined);
            }}
            error={fieldError}
          />
          <div class="form__actions">
            <Button busy={busy} busyLabel={t('measures.instruments.enabling')} onClick={() => void save(true)}>
              {t('measures.instruments.enable', { name: ins.short_name })}
            </Button>
            <Button variant="quiet" onClick={() => setEnabling(false)}>
              {t('measures.client.cancel')}
            </Button>
          </div>
        </div>
      ) : (
        <div class="form__actions">
          <Button variant="secondary" small onClick={() => setEnabling(true)}>
            {t('measures.instruments.enableOpen', { name: ins.short_name })}
          </Button>
        </div>
      )}
    </li>
  );
}
