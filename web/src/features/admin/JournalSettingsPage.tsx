import { useEffect, useState } from 'preact/hooks';
import { ApiError, messageOf } from '../../api/errors';
import { Button } from '../../shared/ui/Button';
import { ErrorMessage, Loading, Notice } from '../../shared/ui/Feedback';
import { CheckboxField, TextField } from '../../shared/ui/Field';
import { Page } from '../../shared/ui/Page';
import { useJournalApi } from '../journal/api';
import type { JournalSettings } from '../journal/types';

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
      setNotice('Saved. The change is recorded in the audit log.');
    } catch (err) {
      if (err instanceof ApiError && err.field === 'time_zone') setZoneError(err.message);
      else setError(messageOf(err));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Page
      title="Journal settings"
      intro={
        <p>
          Clients decide for each journal entry whether their therapist may read it. These settings are the practice's
          defaults; a private entry is never shown to anyone but the client.
        </p>
      }
    >
      <Notice message={notice} />
      <ErrorMessage message={error} />
      {settings === null && !error ? <Loading label="Loading settings…" /> : null}
      {settings ? (
        <form class="form" onSubmit={save}>
          <CheckboxField
            form="journal-settings"
            name="shared_by_default"
            label="New entries start as shared with the therapist"
            hint="Off: each entry starts private and the client chooses to share it."
            checked={settings.shared_by_default}
            onChecked={(v) => setSettings({ ...settings, shared_by_default: v })}
          />
          <CheckboxField
            form="journal-settings"
            name="show_private_dates"
            label="Therapists see the dates of private entries"
            hint="Only that an entry exists on a date: never its text, mood, kind or exercise."
            checked={settings.show_private_dates}
            onChecked={(v) => setSettings({ ...settings, show_private_dates: v })}
          />
          <TextField
            form="journal-settings"
            name="time_zone"
            label="Time zone of the practice"
            hint="Decides when a client's day begins for exercises and streaks, e.g. Europe/Berlin."
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
            {saving ? 'Saving…' : 'Save settings'}
          </Button>
        </form>
      ) : null}
    </Page>
  );
}
