import { Fragment } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, messageOf } from '../../api/errors';
import type { TotpSetup } from '../../api/types';
import { useMe, useSession } from '../../shared/session';
import { useT } from '../../shared/i18n';
import { Button } from '../../shared/ui/Button';
import { copyText } from '../../shared/ui/CopyLink';
import { ErrorMessage, Notice } from '../../shared/ui/Feedback';
import { TextField } from '../../shared/ui/Field';
import { codeError, normalizeCode, recoveryCodesText, secretGroups, turnOffCodeError, turnOffCodeValue } from './totp';
import type { QrDrawing } from './qr';

/** What the section shows: the state, the set-up steps, the recovery codes once, or the turn-off form. */
type View = { kind: 'idle' } | { kind: 'setup'; setup: TotpSetup } | { kind: 'codes'; codes: string[] } | { kind: 'turnOff' };

/** Moves focus to the element with `id` once it is on the page (the step that just appeared). */
function useFocusOn(id: string | null) {
  useEffect(() => {
    if (id) document.getElementById(id)?.focus();
  }, [id]);
}

/**
 * Two-step sign-in with an authenticator app (TOTP, RFC 6238). Off: a button starts the set-up
 * (QR code drawn here, the key written out in fours, a code to confirm). Confirmed: the ten
 * recovery codes, shown this once, with Print and Copy. On: turning it off takes a current code.
 * `onFinished` is told when the person has put the recovery codes away (the set-up-required
 * screen then lets Trove open as usual).
 */
export function TwoStepSection({
  headingLevel = 2,
  onFinished,
  required = false,
}: {
  headingLevel?: 2 | 3;
  onFinished?: () => void;
  /** On the set-up-required screen, which says why already: no "is off" line. */
  required?: boolean;
}) {
  const { api, refreshMe } = useSession();
  const me = useMe();
  const t = useT();
  const enabled = Boolean(me.user.totp_enabled);
  const [view, setView] = useState<View>({ kind: 'idle' });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [focusId, setFocusId] = useState<string | null>(null);
  useFocusOn(focusId);
  const H = headingLevel === 2 ? 'h2' : 'h3';
  const Sub = headingLevel === 2 ? 'h3' : 'h4';

  const go = (next: View, focus: string | null) => {
    setView(next);
    setFocusId(focus);
  };

  const start = async () => {
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      const setup = await api.startTotp();
      go({ kind: 'setup', setup }, 'totp-step-scan');
    } catch (err) {
      setError(messageOf(err));
      // Already on (turned on in another tab): show that.
      if (err instanceof ApiError && err.code === 'totp_active') await refreshMe().catch(() => undefined);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="card account-section two-step" aria-labelledby="two-step-title">
      <H id="two-step-title" class="card__title" tabIndex={-1}>
        {t('account.twoStep.title')}
      </H>
      {view.kind === 'setup' ? (
        <SetupSteps
          setup={view.setup}
          Sub={Sub}
          onCancel={() => go({ kind: 'idle' }, 'totp-start')}
          onConfirmed={(codes) => {
            go({ kind: 'codes', codes }, 'recovery-title');
            // Behind the set-up-required screen /me is read only once the codes are put away:
            // reading it now would open Trove and take the codes off the screen.
            if (!me.second_factor_setup_required) void refreshMe().catch(() => undefined);
          }}
        />
      ) : view.kind === 'codes' ? (
        <RecoveryCodes
          codes={view.codes}
          Sub={Sub}
          onDone={() => {
            setNotice(t('account.twoStep.turnedOn'));
            go({ kind: 'idle' }, 'two-step-title');
            if (me.second_factor_setup_required) void refreshMe().catch(() => undefined);
            onFinished?.();
          }}
        />
      ) : (
        <>
          <p class="account-section__note">{t('account.twoStep.what')}</p>
          {required && !enabled ? null : (
            <p class={`two-step__state two-step__state--${enabled ? 'on' : 'off'}`} id="two-step-state">
              {enabled ? t('account.twoStep.on') : t('account.twoStep.off')}
            </p>
          )}
          <Notice message={notice} />
          <ErrorMessage message={error} />
          {view.kind === 'turnOff' && enabled ? (
            <TurnOffForm
              onCancel={() => go({ kind: 'idle' }, 'totp-turn-off')}
              onDone={async () => {
                await refreshMe().catch(() => undefined);
                setNotice(t('account.twoStep.turnedOff'));
                go({ kind: 'idle' }, 'two-step-title');
              }}
            />
          ) : enabled ? (
            <div class="form__actions">
              <button
                type="button"
                id="totp-turn-off"
                class="btn btn--danger"
                onClick={() => {
                  setNotice(null);
                  setError(null);
                  go({ kind: 'turnOff' }, 'totp-off-code');
                }}
              >
                {t('account.twoStep.turnOff')}
              </button>
            </div>
          ) : (
            <div class="form__actions">
              <button type="button" id="totp-start" class="btn btn--primary" disabled={busy} aria-busy={busy ? 'true' : undefined} onClick={() => void start()}>
                {busy ? <span class="spinner spinner--inline" aria-hidden="true" /> : null}
                {busy ? t('account.twoStep.starting') : t('account.twoStep.start')}
              </button>
            </div>
          )}
        </>
      )}
    </section>
  );
}

type HeadingTag = 'h3' | 'h4';

/**
 * The QR code of the otpauth address, drawn as SVG; its text alternative is the key written out
 * beside it. The drawing library is loaded on demand (its own chunk), only for this step.
 */
function QrCode({ url }: { url: string }) {
  const t = useT();
  const [drawing, setDrawing] = useState<QrDrawing | null>(null);
  useEffect(() => {
    let live = true;
    import('./qr').then(
      (m) => live && setDrawing(m.qrDrawing(url)),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [url]);
  if (!drawing) return <span class="two-step__qr two-step__qr--loading" aria-hidden="true" />;
  return (
    <svg
      class="two-step__qr"
      viewBox={`0 0 ${drawing.size} ${drawing.size}`}
      role="img"
      aria-labelledby="totp-qr-label"
      shape-rendering="crispEdges"
    >
      <title id="totp-qr-label">{t('account.twoStep.qrLabel')}</title>
      <rect width={drawing.size} height={drawing.size} fill="#ffffff" />
      <path d={drawing.path} fill="#000000" />
    </svg>
  );
}

function SetupSteps({
  setup,
  Sub,
  onCancel,
  onConfirmed,
}: {
  setup: TotpSetup;
  Sub: HeadingTag;
  onCancel: () => void;
  onConfirmed: (codes: string[]) => void;
}) {
  const { api } = useSession();
  const t = useT();
  const [code, setCode] = useState('');
  const [codeProblem, setCodeProblem] = useState<string | undefined>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const groups = secretGroups(setup.secret);

  const confirm = async (e: Event) => {
    e.preventDefault();
    setError(null);
    const problem = codeError(code);
    if (problem) {
      setCodeProblem(problem);
      document.getElementById('totp-code')?.focus();
      return;
    }
    setCodeProblem(undefined);
    setBusy(true);
    try {
      const { recovery_codes } = await api.confirmTotp(normalizeCode(code));
      onConfirmed(recovery_codes);
    } catch (err) {
      const message = messageOf(err);
      setError(message);
      if (err instanceof ApiError && (err.field === 'code' || err.code === 'invalid_second_factor')) {
        setCodeProblem(message);
        setCode('');
        document.getElementById('totp-code')?.focus();
      }
      setBusy(false);
    }
  };

  return (
    <div class="two-step__setup">
      <div class="two-step__step">
        <Sub id="totp-step-scan" class="two-step__step-title" tabIndex={-1}>
          {t('account.twoStep.step1')}
        </Sub>
        <p>{t('account.twoStep.apps')}</p>
        <div class="two-step__scan">
          <QrCode url={setup.otpauth_url} />
          <div class="two-step__key">
            <p class="two-step__key-intro" id="totp-key-label">
              {t('account.twoStep.cantScan')}
            </p>
            <p class="two-step__secret" id="totp-secret">
              {groups.map((g, i) => (
                // Each group stays whole; lines break only between groups.
                <Fragment key={i}>
                  {i > 0 ? ' ' : null}
                  <span class="two-step__group">{g}</span>
                </Fragment>
              ))}
            </p>
            <p class="field__hint">{t('account.twoStep.keyHint')}</p>
            <p class="two-step__open">
              <a href={setup.otpauth_url}>{t('account.twoStep.openApp')}</a>
            </p>
          </div>
        </div>
      </div>
      <form class="form two-step__step" onSubmit={confirm} noValidate aria-labelledby="totp-step-code">
        <Sub id="totp-step-code" class="two-step__step-title">
          {t('account.twoStep.step2')}
        </Sub>
        <TextField
          form="totp"
          name="code"
          label={t('account.twoStep.code')}
          hint={t('account.twoStep.codeHint')}
          autoComplete="one-time-code"
          inputMode="numeric"
          maxLength={9}
          required
          value={code}
          onValue={setCode}
          error={codeProblem}
        />
        <ErrorMessage message={error} />
        <div class="form__actions">
          <Button type="submit" busy={busy} busyLabel={t('account.twoStep.confirming')}>
            {t('account.twoStep.confirm')}
          </Button>
          <Button variant="quiet" onClick={onCancel}>
            {t('account.twoStep.cancel')}
          </Button>
        </div>
      </form>
    </div>
  );
}

/** The ten recovery codes, shown once: a sentence to keep them safe, Print and Copy. */
function RecoveryCodes({ codes, Sub, onDone }: { codes: string[]; Sub: HeadingTag; onDone: () => void }) {
  const me = useMe();
  const t = useT();
  const [status, setStatus] = useState('');
  const list = useRef<HTMLOListElement>(null);
  const sheetTitle = t('account.recovery.sheetTitle', { practice: me.practice.name, email: me.user.email });

  const copy = async () => {
    const copied = await copyText(recoveryCodesText(me.practice.name, me.user.email, codes), null);
    if (!copied && list.current) {
      // No clipboard (plain http): select the codes so the person can copy them by hand.
      const range = document.createRange();
      range.selectNodeContents(list.current);
      const selection = window.getSelection();
      selection?.removeAllRanges();
      selection?.addRange(range);
    }
    setStatus(copied ? t('account.recovery.copied') : t('account.recovery.selected'));
  };

  return (
    <div class="recovery-codes">
      <Sub id="recovery-title" class="two-step__step-title" tabIndex={-1}>
        {t('account.recovery.title')}
      </Sub>
      <p class="recovery-codes__sheet-title">{sheetTitle}</p>
      <p class="recovery-codes__intro">{t('account.recovery.intro')}</p>
      <ol class="recovery-codes__list" ref={list} aria-labelledby="recovery-title">
        {codes.map((c) => (
          <li key={c}>
            <code>{c}</code>
          </li>
        ))}
      </ol>
      <div class="form__actions recovery-codes__actions">
        <Button variant="secondary" onClick={() => window.print()}>
          {t('account.recovery.print')}
        </Button>
        <Button variant="secondary" onClick={() => void copy()}>
          {t('account.recovery.copy')}
        </Button>
        <Button onClick={onDone}>{t('account.recovery.done')}</Button>
      </div>
      <p class="field__hint recovery-codes__status" aria-live="polite">
        {status}
      </p>
    </div>
  );
}

function TurnOffForm({ onCancel, onDone }: { onCancel: () => void; onDone: () => Promise<void> }) {
  const { api } = useSession();
  const t = useT();
  const [code, setCode] = useState('');
  const [codeProblem, setCodeProblem] = useState<string | undefined>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: Event) => {
    e.preventDefault();
    setError(null);
    const problem = turnOffCodeError(code);
    if (problem) {
      setCodeProblem(problem);
      document.getElementById('totp-off-code')?.focus();
      return;
    }
    setCodeProblem(undefined);
    setBusy(true);
    try {
      await api.disableTotp(turnOffCodeValue(code));
      await onDone();
    } catch (err) {
      const message = messageOf(err);
      setError(message);
      if (err instanceof ApiError && err.code === 'invalid_second_factor') {
        setCodeProblem(message);
        setCode('');
        document.getElementById('totp-off-code')?.focus();
      }
      setBusy(false);
    }
  };

  return (
    <form class="form two-step__off" onSubmit={submit} noValidate aria-labelledby="totp-off-title">
      <p id="totp-off-title" class="two-step__step-title">
        {t('account.twoStep.turnOffTitle')}
      </p>
      <p class="account-section__note">{t('account.twoStep.turnOffHint')}</p>
      <TextField
        form="totp-off"
        name="code"
        label={t('account.twoStep.offCode')}
        autoComplete="one-time-code"
        maxLength={64}
        required
        value={code}
        onValue={setCode}
        error={codeProblem}
      />
      <ErrorMessage message={error} />
      <div class="form__actions">
        <Button type="submit" variant="danger" busy={busy} busyLabel={t('account.twoStep.turningOff')}>
          {t('account.twoStep.turnOffSubmit')}
        </Button>
        <Button variant="quiet" onClick={onCancel}>
          {t('account.twoStep.cancel')}
        </Button>
      </div>
    </form>
  );
}
