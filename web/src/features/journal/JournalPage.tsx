import type { ComponentChildren } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { ApiError, messageOf } from '../../api/errors';
import type { Me, Resource, Strength } from '../../api/types';
import { useMe, useSession } from '../../shared/session';
import { navigate } from '../../shared/router';
import { BackToPortal } from '../../shared/ui/BackToPortal';
import { Button } from '../../shared/ui/Button';
import { ErrorMessage, Loading, Notice } from '../../shared/ui/Feedback';
import { SelectField, TextField } from '../../shared/ui/Field';
import { Page } from '../../shared/ui/Page';
import { useJournalApi } from '../../shared/journal/api';
import { draftOf, emptyDraft, toNewEntry, toPatch, type EntryDraft } from './draft';
import { EntryCard } from './EntryCard';
import { EntryForm, type Preset } from './EntryForm';
import { JOURNAL_KINDS, type Entry, type JournalKind } from '../../shared/journal/types';
import { useCached } from '../../shared/useCached';
import { currentLocale } from '../../shared/i18n';
import { useOutbox } from './useOutbox';
import { kindLabel } from '../../shared/journal/wording';
import { normaliseCrisis } from '../../shared/crisis';
import { crisisForNow, rememberCrisis, useCrisis } from '../../shared/safety/useSafety';
import { isLowMood, sentEntry } from './lowMood';
import { LowMoodSupport, type LowMoodState } from './LowMoodSupport';
import '../../shared/styles/portal.css';
import './journal.css';
import { useLocale, useT } from '../../shared/i18n';

export function journalPath(assignmentId?: string | null): string {
  return assignmentId ? `/portal/journal?assignment=${encodeURIComponent(assignmentId)}` : '/portal/journal';
}

/** Portal pages need the client record the login belongs to. */
export function WithClient({ title, children }: { title: string; children: (clientId: string) => ComponentChildren }) {
  const me = useMe();
  const t = useT();
  if (!me.user.client_id) {
    return (
      <div class="portal">
        <Page title={title} before={<BackToPortal />} narrow>
          <p class="alert alert--info">{t('portal.notLinked')}</p>
        </Page>
      </div>
    );
  }
  return <>{children(me.user.client_id)}</>;
}

/** The reference data every journal screen needs, loaded once and kept for when the connection drops. */
export function useJournalBasics(clientId: string) {
  const { api } = useSession();
  const japi = useJournalApi();
  const settings = useCached('journal:settings', () => japi.settings());
  const strengths = useCached(`journal:strengths:${currentLocale()}`, () => api.listStrengths().then((r) => r.items));
  const resources = useCached(`journal:resources:${clientId}`, () => api.listResources({ kind: 'client', id: clientId }).then((r) => r.items));
  const assignments = useCached(`journal:assignments:${clientId}`, () => japi.listAssignments(clientId).then((r) => r.items));
  const locale = useLocale();
  const exercises = useCached(`journal:exercises:${locale}`, () => japi.listExercises(locale).then((r) => r.items));
  return { settings, strengths, resources, assignments, exercises };
}

/** /portal/journal — write an entry (on or offline), and look back at earlier ones. */
export function JournalPage({ search }: { search: string }) {
  const assignmentId = new URLSearchParams(search).get('assignment');
  const t = useT();
  return <WithClient title={t('journal.page.title')}>{(clientId) => <Journal clientId={clientId} assignmentId={assignmentId} />}</WithClient>;
}

function crisisForNowState(me: Me) {
  const now = crisisForNow(me);
  return { crisis: now.crisis, promise: now.reviewPromise };
}

/** What a saved entry's answer means for the low-mood panel (null: nothing to show). */
function supportFor(me: Me, entry: Entry | undefined, input: { mood?: number | null; shared?: boolean }): LowMoodState | null {
  if (!entry?.crisis && !isLowMood(entry?.mood ?? input.mood)) return null;
  if (entry?.crisis) rememberCrisis(me, entry.crisis, entry.review_promise);
  return {
    crisis: normaliseCrisis(entry?.crisis) ?? crisisForNow(me).crisis,
    shared: entry?.shared ?? input.shared ?? false,
    queued: false,
    promise: entry?.review_promise ?? null,
    ...(entry ? { entryId: entry.id } : {}),
  };
}

function Journal({ clientId, assignmentId }: { clientId: string; assignmentId: string | null }) {
  const t = useT();
  const japi = useJournalApi();
  const me = useMe();
  // Loaded (and kept on the phone) so a very low mood written offline still shows the practice's numbers.
  useCrisis();
  const [support, setSupport] = useState<LowMoodState | null>(null);
  const basics = useJournalBasics(clientId);
  const [q, setQ] = useState('');
  const [debouncedQ, setDebouncedQ] = useState('');
  const [kind, setKind] = useState<JournalKind | ''>('');
  const [notice, setNotice] = useState<string | null>(null);
  const [historyNotice, setHistoryNotice] = useState<string | null>(null);
  const [formKey, setFormKey] = useState(0);
  const [rewrite, setRewrite] = useState<EntryDraft | null>(null);

  useEffect(() => {
    const t = window.setTimeout(() => setDebouncedQ(q.trim()), 300);
    return () => window.clearTimeout(t);
  }, [q]);

  const entries = useCached(`journal:entries:${clientId}:${kind}:${debouncedQ}`, () =>
    japi.listEntries(clientId, { q: debouncedQ, kind, limit: 500 }),
  );
  const outbox = useOutbox(clientId, (result) => {
    entries.reload();
    basics.assignments.reload();
    // A low-mood entry that waited on the phone has arrived: now the practice's promise applies.
    const low = [...result.sent].reverse().find((e) => e.crisis || isLowMood(e.mood));
    if (low) setSupport(supportFor(me, low, low));
  });
  const lowPending = [...outbox.pending].reverse().find((p) => isLowMood(p.input.mood));

  const strengths = basics.strengths.value ?? [];
  const resources = basics.resources.value ?? [];
  const strengthMap = useMemo(() => new Map<string, Strength>(strengths.map((s) => [s.code, s])), [strengths]);
  const resourceMap = useMemo(() => new Map<string, Resource>(resources.map((r) => [r.id, r])), [resources]);

  const assignment = assignmentId ? basics.assignments.value?.find((a) => a.id === assignmentId) : undefined;
  const preset: Preset | null = assignment
    ? { assignment, exercise: basics.exercises.value?.find((x) => x.id === assignment.exercise_id) }
    : null;
  const settingsKnown = basics.settings.value !== undefined || basics.settings.error !== null;
  const waitingForPreset = Boolean(assignmentId) && basics.assignments.value === undefined && basics.assignments.error === null;
  const sharedDefault = basics.settings.value?.shared_by_default ?? false;
  const initial: EntryDraft =
    rewrite ?? emptyDraft(sharedDefault, preset?.exercise?.journal_kind ?? 'success', preset ? preset.assignment.id : null);

  const write = async (draft: EntryDraft) => {
    setNotice(null);
    setSupport(null);
    const { item, result, queued } = await outbox.write(toNewEntry(draft));
    const refused = result.refused.find((r) => r.key === item.key);
    if (refused) {
      // The words are still in the form: say what is wrong there instead of keeping a copy aside.
      outbox.discard(item.key);
      throw new ApiError(400, 'invalid_input', refused.message);
    }
    setNotice(
      queued
        ? t('journal.page.savedQueued')
        : t(draft.shared ? 'journal.page.savedShared' : 'journal.page.savedPrivate'),
    );
    // Waiting on the phone, a low mood shows from the outbox below; sent, from the server's answer.
    if (!queued) setSupport(supportFor(me, sentEntry(result.sent, item.input), item.input));
    setRewrite(null);
    setFormKey((k) => k + 1);
    if (preset) navigate(journalPath(), { replace: true });
    entries.reload();
    basics.assignments.reload();
  };

  const loadingBasics = !settingsKnown || waitingForPreset;
  const offline = !outbox.online || entries.offline;

  return (
    <div class="portal">
      <Page title={t('journal.page.title')} before={<BackToPortal />} narrow>
        <p class="portal__lead">{t('journal.page.lead')}</p>
        <Notice message={notice} />
        {support ? (
          <LowMoodSupport
            state={support}
            id="jlow-title"
            onShare={async (id) => {
              const shared = await japi.updateEntry(id, { shared: true });
              setSupport(supportFor(me, shared, { shared: true }) ?? { ...support, shared: true, entryId: id });
              setNotice(t('journal.page.sharedNow'));
              entries.reload();
            }}
          />
        ) : lowPending ? (
          <LowMoodSupport
            state={{ ...crisisForNowState(me), shared: lowPending.input.shared ?? false, queued: true }}
            id="jlow-title"
          />
        ) : null}
        {offline ? (
          <p class="alert alert--info">{t('journal.page.offline')}</p>
        ) : null}
        <section class="card portal__card" aria-labelledby="write-title">
          <h2 id="write-title" class="card__title">
            {t('journal.page.write')}
          </h2>
          {loadingBasics ? (
            <Loading label={t('journal.page.gettingReady')} />
          ) : (
            <EntryForm
              key={`${formKey}-${preset?.assignment.id ?? ''}`}
              form="jnew"
              initial={initial}
              strengths={strengths}
              resources={resources}
              preset={preset}
              onClearPreset={() => navigate(journalPath(), { replace: true })}
              submitLabel={t('journal.page.save')}
              busyLabel={t('journal.page.saving')}
              onSubmit={write}
            />
          )}
        </section>

        <section class="card portal__card" aria-labelledby="history-title">
          <h2 id="history-title" class="card__title">
            {t('journal.page.mine')}
          </h2>
          <Notice message={historyNotice} />
          <div class="filters jfilters" role="search">
            <TextField form="jfilter" name="q" type="search" label={t('journal.page.search')} plain value={q} onValue={setQ} />
            <SelectField
              form="jfilter"
              name="kind"
              label={t('journal.page.kind')}
              value={kind}
              onValue={(v) => setKind(v as JournalKind | '')}
              options={[{ value: '', label: t('journal.page.allKinds') }, ...JOURNAL_KINDS.map((k) => ({ value: k, label: kindLabel(k) }))]}
            />
          </div>

          {outbox.refused.map((r) => (
            <div key={r.key} class="alert alert--error jrefused">
              <p>{t('journal.page.refused', { reason: r.message })}</p>
              <p class="jrefused__text prewrap">{r.input.text}</p>
              <div class="jactions">
                <Button
                  small
                  variant="secondary"
                  onClick={() => {
                    setRewrite({ ...emptyDraft(r.input.shared ?? sharedDefault, r.input.kind), text: r.input.text ?? '', mood: r.input.mood ?? null });
                    setFormKey((k) => k + 1);
                    outbox.discard(r.key);
                    document.getElementById('jnew-text')?.focus();
                  }}
                >
                  {t('journal.page.writeAgain')}
                </Button>
                <Button small variant="quiet" onClick={() => outbox.discard(r.key)}>
                  {t('journal.page.dismiss')}
                </Button>
              </div>
            </div>
          ))}

          {outbox.pending.length ? (
            <ul class="jlist" aria-label={t('journal.waiting')}>
              {outbox.pending.map((p) => (
                <li key={p.key}>
                  <EntryCard
                    entry={p.input}
                    strengths={strengthMap}
                    resources={resourceMap}
                    voice="client"
                    class="jentry--pending"
                    status={<span class="jtag jtag--waiting">{t('journal.waiting')}</span>}
                  >
                    <div class="jactions">
                      <Button small variant="quiet" onClick={() => outbox.discard(p.key)}>
                        {t('journal.page.dontSend')}
                      </Button>
                    </div>
                  </EntryCard>
                </li>
              ))}
            </ul>
          ) : null}

          <ErrorMessage message={entries.value || entries.unreachable ? null : entries.error} />
          {!entries.value && entries.unreachable ? <p class="jempty">{t('journal.page.earlierOffline')}</p> : null}
          {!entries.value && !entries.error ? <Loading label={t('journal.page.loadingEntries')} /> : null}
          {entries.value ? (
            entries.value.items.length === 0 ? (
              <p class="jempty">
                {debouncedQ || kind
                  ? t('journal.page.noMatch')
                  : outbox.pending.length
                    ? t('journal.page.afterSend')
                    : t('journal.page.empty')}
              </p>
            ) : (
              <ul class="jlist" aria-label={t('journal.page.mine')}>
                {entries.value.items.map((e) => (
                  <li key={e.id}>
                    <OwnEntry
                      entry={e}
                      strengths={strengths}
                      strengthMap={strengthMap}
                      resources={resources}
                      resourceMap={resourceMap}
                      onDeleted={() => {
                        setHistoryNotice(t('journal.page.deleted'));
                        entries.reload();
                      }}
                      onChanged={() => {
                        entries.reload();
                        basics.resources.reload();
                      }}
                    />
                  </li>
                ))}
              </ul>
            )
          ) : null}
        </section>
      </Page>
    </div>
  );
}

type Mode = 'view' | 'edit' | 'delete' | 'evidence';

/** One of my entries, with edit, delete and "add to a resource as evidence" in place. */
function OwnEntry(props: {
  entry: Entry;
  strengths: readonly Strength[];
  strengthMap: ReadonlyMap<string, Strength>;
  resources: readonly Resource[];
  resourceMap: ReadonlyMap<string, Resource>;
  onChanged: () => void;
  onDeleted: () => void;
}) {
  const japi = useJournalApi();
  const t = useT();
  const e = props.entry;
  const [mode, setMode] = useState<Mode>('view');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [target, setTarget] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const [support, setSupport] = useState<LowMoodState | null>(null);
  const me = useMe();
  const formId = `jedit-${e.id}`;

  if (mode === 'edit') {
    return (
      <div class="jentry jentry--editing">
        <h3 class="jentry__edit-title">{t('journal.entry.changeTitle')}</h3>
        <EntryForm
          form={formId}
          initial={draftOf(e)}
          strengths={props.strengths}
          resources={props.resources}
          submitLabel={t('journal.entry.saveChanges')}
          busyLabel={t('journal.page.saving')}
          onCancel={() => setMode('view')}
          onSubmit={async (draft) => {
            const saved = await japi.updateEntry(e.id, toPatch(draft));
            setMode('view');
            setDone(t('journal.entry.changesSaved'));
            setSupport(saved.crisis ? supportFor(me, saved, saved) : null);
            props.onChanged();
          }}
        />
      </div>
    );
  }

  const candidates = props.resources.filter((r) => r.status !== 'archived');
  const act = async (work: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await work();
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <EntryCard entry={e} strengths={props.strengthMap} resources={props.resourceMap} voice="client">
      <ErrorMessage message={error} />
      {mode === 'view' ? <Notice message={done} /> : null}
      {mode === 'view' && support ? (
        <LowMoodSupport
          state={support}
          id={`jlow-${e.id}`}
          onShare={async (id) => {
            const shared = await japi.updateEntry(id, { shared: true });
            setSupport(supportFor(me, shared, { shared: true }));
            setDone(t('journal.page.sharedNow'));
            props.onChanged();
          }}
        />
      ) : null}
      {mode === 'view' ? (
        <div class="jactions">
          <Button small variant="secondary" onClick={() => (setDone(null), setMode('edit'))}>
            {t('journal.entry.edit')}
          </Button>
          <Button small variant="quiet" onClick={() => (setDone(null), setMode('delete'))}>
            {t('journal.entry.delete')}
          </Button>
          {e.kind === 'success' && e.text && candidates.length ? (
            <Button small variant="secondary" onClick={() => (setDone(null), setMode('evidence'))}>
              {t('journal.entry.asEvidence')}
            </Button>
          ) : null}
        </div>
      ) : null}
      {mode === 'delete' ? (
        <div class="jpanel" role="group" aria-label={t('journal.entry.deleteLabel')}>
          <p>{t('journal.entry.deleteQuestion')}</p>
          <div class="jactions">
            <Button
              small
              variant="danger"
              busy={busy}
              busyLabel={t('journal.entry.deleting')}
              onClick={() =>
                act(async () => {
                  await japi.deleteEntry(e.id);
                  props.onDeleted();
                })
              }
            >
              {t('journal.entry.deleteConfirm')}
            </Button>
            <Button small variant="quiet" onClick={() => setMode('view')}>
              {t('journal.entry.keep')}
            </Button>
          </div>
        </div>
      ) : null}
      {mode === 'evidence' ? (
        <fieldset class="jpanel">
          <legend class="jpanel__title">{t('journal.entry.whichResource')}</legend>
          <p class="field__hint">{t('journal.entry.evidenceHint', { shared: e.shared ? 'yes' : 'no' })}</p>
          <div class="jresources">
            {candidates.map((r) => (
              <label key={r.id} class="choice" for={`${formId}-res-${r.id}`}>
                <input
                  id={`${formId}-res-${r.id}`}
                  type="radio"
                  name={`${formId}-res`}
                  checked={target === r.id}
                  onChange={() => setTarget(r.id)}
                />
                <span>{r.title}</span>
              </label>
            ))}
          </div>
          <div class="jactions">
            <Button
              small
              busy={busy}
              busyLabel={t('journal.entry.adding')}
              disabled={!target}
              onClick={() =>
                act(async () => {
                  const res = await japi.addAsEvidence(e.id, target);
                  setMode('view');
                  setTarget('');
                  setDone(t('journal.entry.addedTo', { title: res.title }));
                  props.onChanged();
                })
              }
            >
              {t('journal.entry.addEvidence')}
            </Button>
            <Button small variant="quiet" onClick={() => setMode('view')}>
              {t('journal.entry.cancel')}
            </Button>
          </div>
        </fieldset>
      ) : null}
    </EntryCard>
  );
}
