import { useEffect, useState } from 'preact/hooks';
import { ApiError, messageOf } from '../../api/errors';
import { Button } from '../../shared/ui/Button';
import { ErrorMessage, Loading, Notice } from '../../shared/ui/Feedback';
import { CheckboxField, TextField } from '../../shared/ui/Field';
import { Page } from '../../shared/ui/Page';
import { useJournalApi } from '../../shared/journal/api';
import type { JournalSettings } from '../../shared/journal/types';
import { useT } from '../../shared/i18n';

// Zones a practice is likely to pick; any IANA name is accepted.
const SUGGESTED_ZONES = [
  'Europe/Berlin',
  'Europe/Vienna',
  'Europe/Zurich',
  'Europe/London',
  'Europe/Paris',
  'Europe/Amsterdam',
  'America/New_York',
  'America/Chicago',
  'America/Los_Angeles',
  'Australia/Sydney',
  'UTC',
];

/** Admin: the practice's defaults for the clients' journals. */
export function JournalSettingsPage() {
  const t = useT();
  const japi = useJournalApi();
  const [settings, setSettings] = useState<JournalSettings | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [zoneError, setZoneError] = useState<string | undefined>(undefined);
  const [notice, setNotice] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    japi
      .settings()
      .then(setSettings)
      .catch((err) => setError(messageOf(err)));
  }, []);

  const save = async (e: Event) => {
    e.preventDefault();
    if (!settings) return;
    setSaving(true);
    setError(null);
    setZoneError(undefined);
    setNotice(null);
    try {
      setSettings(await japi.updateSettings(settings));
      setNotice(t('admin.journal.saved'));
    } catch (err) {
      if (err instanceof ApiError && err.field === 'time_zone') setZoneError(err.message);
      else setError(messageOf(err));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Page
      title={t('admin.journal.title')}
      intro={<p>{t('admin.journal.intro')}</p>}
    >
      <Notice message={notice} />
      <ErrorMessage message={error} />
      {settings === null && !error ? <Loading label={t('admin.journal.loading')} /> : null}
      {settings ? (
        <form class="form" onSubmit={save}>
          <CheckboxField
            form="journal-settings"
            name="shared_by_default"
            label={t('admin.journal.sharedByDefault')}
            hint={t('admin.journal.sharedByDefaultHint')}
            checked={settings.shared_by_default}
            onChecked={(v) => setSettings({ ...settings, shared_by_default: v })}
          />
          <CheckboxField
            form="journal-settings"
            name="show_private_dates"
            label={t('admin.journal.privateDates')}
            hint={t('admin.journal.privateDatesHint')}
            checked={settings.show_private_dates}
            onChecked={(v) => setSettings({ ...settings, show_private_dates: v })}
          />
          <TextField
            form="journal-settings"
            name="time_zone"
            label={t('admin.journal.timeZone')}
            hint={t('admin.journal.timeZoneHint')}
            value={settings.time_zone}
            onValue={(v) => setSettings({ ...settings, time_zone: v })}
            list="journal-settings-zones"
            required
            error={zoneError}
          />
          <datalist id="journal-settings-zones">
            {SUGGESTED_ZONES.map((z) => (
              <option key={z} value={z} />
            ))}
          </datalist>
          <Button type="submit" disabled={saving}>
            {t(saving ? 'admin.journal.saving' : 'admin.journal.save')}
          </Button>
        </form>
      ) : null}
    </Page>
  );
}
