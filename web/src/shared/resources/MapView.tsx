import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { messageOf } from '../../api/errors';
import type { Owner } from '../../api/trove';
import type { Resource, ResourceMap as MapData } from '../../api/types';
import { useSession } from '../session';
import { formatDate } from '../format';
import { useT } from '../i18n';
import { Button } from '../ui/Button';
import { ErrorMessage, Loading } from '../ui/Feedback';
import { timeline } from './charts';
import { MapLegend, ResourceMap } from './ResourceMap';
import { ResourceList } from './ResourceList';

const SLIDER_DELAY_MS = 250;

export interface MapViewProps {
  owner: Owner;
  hrefFor: (resource: Resource) => string;
  /** Used in the picture's accessible name, e.g. "Mia K." */
  whose: string;
  /** Shown instead of the map while there is nothing on it. */
  empty: ComponentChildren;
  showVisibility?: boolean;
  voice?: 'client' | 'therapist';
  /** Changing it reloads the map (e.g. after a proposal was confirmed elsewhere on the page). */
  reloadKey?: number;
}

type Mode = 'map' | 'list';

/**
 * The map with its list view and date slider. The slider runs from the first rating to now;
 * moving it asks the server for the map as it was then (debounced, stale answers dropped).
 */
export function MapView(props: MapViewProps) {
  const { api } = useSession();
  const t = useT();
  const [mode, setMode] = useState<Mode>('map');
  const [latest, setLatest] = useState<MapData | null>(null);
  const [shown, setShown] = useState<MapData | null>(null);
  const [position, setPosition] = useState<number | null>(null);
  const [at, setAt] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const controller = useRef<AbortController | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const load = (when: string | null) => {
    controller.current?.abort();
    const ctrl = new AbortController();
    controller.current = ctrl;
    setLoading(true);
    setError(null);
    api
      .resourceMap(props.owner, when, ctrl.signal)
      .then((map) => {
        if (ctrl.signal.aborted) return;
        setShown(map);
        if (when === null) setLatest(map);
        else setLatest((prev) => prev ?? map);
      })
      .catch((err) => {
        if (!ctrl.signal.aborted) setError(messageOf(err));
      })
      .finally(() => {
        if (!ctrl.signal.aborted) setLoading(false);
      });
  };

  useEffect(() => {
    setAt(null);
    setPosition(null);
    load(null);
    return () => {
      controller.current?.abort();
      if (timer.current) clearTimeout(timer.current);
    };
  }, [props.owner.kind, props.owner.id, props.reloadKey]);

  // The server's clock decides what "now" is, so a skewed device clock cannot hide ratings.
  const line = latest ? timeline(latest.first_rating_at, Math.max(Date.parse(latest.at) || 0, Date.now())) : null;

  const goTo = (when: string | null, pos: number | null, immediately: boolean) => {
    setPosition(pos);
    if (timer.current) clearTimeout(timer.current);
    const run = () => {
      setAt(when);
      load(when);
    };
    if (immediately) run();
    else timer.current = setTimeout(run, SLIDER_DELAY_MS);
  };

  if (!latest && error) return <ErrorMessage message={error} />;
  if (!latest || !shown) return <Loading label={t('resources.map.loading')} />;

  const viewingNow = at === null;
  const dateText = viewingNow ? t('resources.map.today', { date: formatDate(latest.at) }) : formatDate(at);
  const sliderPos = position ?? line?.steps ?? 0;
  const sliderDate = line ? line.atFor(sliderPos) : null;
  const nothingYet = latest.resources.length === 0;

  return (
    <div class="mapview" aria-busy={loading ? 'true' : undefined}>
      <div class="mapview__bar">
        <div class="segmented" role="group" aria-label={t('resources.map.showAs')}>
          <button type="button" class="segmented__btn" aria-pressed={mode === 'map'} onClick={() => setMode('map')}>
            {t('resources.map.map')}
          </button>
          <button type="button" class="segmented__btn" aria-pressed={mode === 'list'} onClick={() => setMode('list')}>
            {t('resources.map.list')}
          </button>
        </div>
        <p class="mapview__date" aria-live="polite">
          {t('resources.map.showing')} <strong>{dateText}</strong>
          {loading ? <span class="mapview__busy"> · {t('resources.map.updating')}</span> : null}
        </p>
      </div>
      <ErrorMessage message={error} />

      {nothingYet ? (
        <div class="mapview__empty">{props.empty}</div>
      ) : (
        <>
          <figure class={`mapview__figure${mode === 'map' ? '' : ' screen-hidden'}`}>
            <div class="mapview__canvas">
              <ResourceMap
                resources={shown.resources}
                categories={shown.categories}
                hrefFor={props.hrefFor}
                voice={props.voice}
                label={t('resources.map.label', { whose: props.whose, date: dateText, count: shown.resources.length })}
              />
            </div>
            <figcaption>
              <MapLegend voice={props.voice} />
            </figcaption>
          </figure>
          <div class={`mapview__list${mode === 'list' ? '' : ' screen-hidden print-only'}`}>
            {shown.resources.length === 0 ? (
              <p>{t('resources.map.noneYet')}</p>
            ) : (
              <ResourceList resources={shown.resources} categories={shown.categories} hrefFor={props.hrefFor} showVisibility={props.showVisibility} voice={props.voice} />
            )}
          </div>
        </>
      )}

      {line ? (
        <div class="timeline no-print">
          <div class="range">
            <div class="range__head">
              <label class="field__label" for="map-date">
                {t('resources.map.dateShown')}
              </label>
              <output class="timeline__value" for="map-date">
                {sliderDate === null ? t('resources.map.now') : formatDate(sliderDate)}
              </output>
            </div>
            <input
              id="map-date"
              class="range__input"
              type="range"
              min={0}
              max={line.steps}
              step={1}
              value={sliderPos}
              aria-valuetext={sliderDate === null ? t('resources.map.nowLower') : formatDate(sliderDate)}
              aria-describedby="map-date-hint"
              onInput={(e) => {
                const p = Number((e.currentTarget as HTMLInputElement).value);
                goTo(line.atFor(p), p, false);
              }}
            />
            <div class="range__ends" id="map-date-hint">
              <span>{t('resources.map.firstRating', { date: formatDate(latest.first_rating_at) })}</span>
              <span>{t('resources.map.now')}</span>
            </div>
          </div>
          <div class="timeline__buttons">
            <Button variant="quiet" small onClick={() => goTo(line.atFor(0), 0, true)}>
              {t('resources.map.firstSession')}
            </Button>
            <Button variant="quiet" small onClick={() => goTo(null, line.steps, true)}>
              {t('resources.map.now')}
            </Button>
          </div>
        </div>
      ) : nothingYet ? null : (
        <p class="field__hint no-print">{t('resources.map.sliderLater')}</p>
      )}
    </div>
  );
}
