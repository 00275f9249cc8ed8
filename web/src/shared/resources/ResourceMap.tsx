import type { ComponentChildren } from 'preact';
import { useMemo } from 'preact/hooks';
import { RESOURCE_CATEGORIES, type MapResource, type Resource, type ResourceCategory } from '../../api/types';
import { t as translate, useT } from '../i18n';
import { isModifiedClick, navigate } from '../router';
import { categoryLabel, categorySingular, outOfTen } from './labels';
import { GEOMETRY, LABEL_FONT_SIZE, idealDistance, labelArcPath, layoutMap, round, sectors, wedgePath } from './mapLayout';

export interface ResourceMapProps {
  resources: readonly MapResource[];
  categories?: readonly ResourceCategory[];
  /** Where a node leads (the resource's detail or rating page). */
  hrefFor: (resource: Resource) => string;
  /** Distinguishes the ids of two maps on one page. */
  idPrefix?: string;
  /** Accessible name of the picture, e.g. "Resource map of Mia K. today". */
  label: string;
  /** The client reads "added by you" where the therapist reads "proposed by the client". */
  voice?: 'client' | 'therapist';
}

/** What a screen reader hears on a node; also the basis of its tooltip. */
export function describeNode(r: MapResource, voice: 'client' | 'therapist' = 'therapist'): string {
  // The title comes first and whole: it is what the node shows (WCAG 2.5.3 Label in Name).
  const parts = [r.title, categorySingular(r.category)];
  if (r.rating) parts.push(translate('resources.node.rating', { availability: outOfTen(r.rating.availability), activation: outOfTen(r.rating.activation) }));
  else parts.push(translate('resources.node.notRated'));
  if (r.stabilising) parts.push(translate('resources.node.stabilising'));
  if (r.status === 'proposed') parts.push(translate(voice === 'client' ? 'resources.node.proposedByYou' : 'resources.node.proposedByClient'));
  return parts.join('. ');
}

/**
 * The resource map: one sector per category, each resource a node that can be focused and
 * opened. Everything is drawn with SVG attributes and classes (the CSP forbids inline styles).
 */
export function ResourceMap(props: ResourceMapProps) {
  const categories = props.categories && props.categories.length > 0 ? props.categories : RESOURCE_CATEGORIES;
  const prefix = props.idPrefix ?? 'rmap';
  const byId = useMemo(() => new Map(props.resources.map((r) => [r.id, r])), [props.resources]);
  const nodes = useMemo(
    () =>
      layoutMap(
        props.resources.map((r) => ({
          id: r.id,
          title: r.title,
          category: r.category,
          availability: r.rating ? r.rating.availability : null,
          activation: r.rating ? r.rating.activation : null,
          stabilising: r.stabilising,
          proposed: r.status === 'proposed',
        })),
        categories,
      ),
    [props.resources, categories],
  );
  const wedges = sectors(categories);
  const counts = new Map<string, number>();
  for (const r of props.resources) counts.set(r.category, (counts.get(r.category) ?? 0) + 1);
  const h = GEOMETRY.half;

  return (
    <svg
      class="rmap"
      viewBox={`${-h} ${-h} ${2 * h} ${2 * h}`}
      role="group"
      aria-label={props.label}
      // Keyboard order follows the sectors clockwise, from the centre outwards.
    >
      <defs>
        {wedges.map((s) => (
          <path key={s.category} id={`${prefix}-arc-${s.category}`} d={labelArcPath(s)} />
        ))}
      </defs>
      <g aria-hidden="true">
        {wedges.map((s) => (
          <path
            key={s.category}
            class={`rmap__sector rmap__sector--${s.index % 2 === 0 ? 'even' : 'odd'} cat--${s.category}`}
            d={wedgePath(s, GEOMETRY.hub, GEOMETRY.outer)}
          />
        ))}
        {[10, 5, 0].map((a) => (
          <circle key={a} class="rmap__ring" cx="0" cy="0" r={round(idealDistance(a))} />
        ))}
        <circle class="rmap__ring rmap__ring--rim" cx="0" cy="0" r={GEOMETRY.rim} />
        <circle class="rmap__hub" cx="0" cy="0" r={GEOMETRY.hub} />
        {wedges.map((s) => (
          <text key={s.category} class={`rmap__cat cat--${s.category}`}>
            <textPath href={`#${prefix}-arc-${s.category}`} startOffset="50%" text-anchor="middle">
              {categoryLabel(s.category)}
              {counts.get(s.category) ? ` (${counts.get(s.category)})` : ''}
            </textPath>
          </text>
        ))}
      </g>
      {nodes.map((n) => {
        const r = byId.get(n.id)!;
        const href = props.hrefFor(r);
        const proposed = r.status === 'proposed';
        const description = describeNode(r, props.voice);
        return (
          <a
            key={n.id}
            href={href}
            class={`rmap__node cat--${n.category}${proposed ? ' rmap__node--proposed' : ''}`}
            aria-label={description}
            data-resource-id={n.id}
            onClick={(e: MouseEvent) => {
              if (isModifiedClick(e)) return;
              e.preventDefault();
              navigate(href);
            }}
          >
            {/* The drawing is hidden from assistive technology (the link's name says it all). No
                <title> tooltip: its text would count as the link's visible text, and what a link
                shows must be part of its name (WCAG 2.5.3 Label in Name). */}
            <g aria-hidden="true">
              <circle class="rmap__focus" cx={round(n.x)} cy={round(n.y)} r={round(n.r + 6)} />
              {n.stableR !== null ? <circle class="rmap__stable" cx={round(n.x)} cy={round(n.y)} r={round(n.stableR)} /> : null}
              <circle
                class={`rmap__dot${n.rated ? '' : ' rmap__dot--hollow'}`}
                cx={round(n.x)}
                cy={round(n.y)}
                r={round(n.r)}
                fill-opacity={n.rated ? round(n.fillOpacity) : undefined}
              />
              {n.proposedR !== null ? <circle class="rmap__proposed" cx={round(n.x)} cy={round(n.y)} r={round(n.proposedR)} /> : null}
            </g>
            {n.label ? (
              <text class="rmap__label" x={round(n.label.x)} y={round(n.label.y)} text-anchor={n.label.anchor} font-size={LABEL_FONT_SIZE}>
                {n.label.text}
              </text>
            ) : null}
          </a>
        );
      })}
    </svg>
  );
}

/** The key to the picture, as HTML so it wraps and reads well on a phone. */
export function MapLegend({ voice = 'therapist' }: { voice?: 'client' | 'therapist' }) {
  const t = useT();
  const swatch = (children: ComponentChildren) => (
    <svg class="legend__swatch" viewBox="-12 -12 24 24" aria-hidden="true">
      {children}
    </svg>
  );
  return (
    <ul class="legend">
      <li>
        {swatch(
          <>
            <circle class="legend__dot" cx="-4" cy="0" r="7" fill-opacity="0.9" />
            <circle class="legend__dot" cx="7" cy="0" r="3.5" fill-opacity="0.9" />
          </>,
        )}
        {t('resources.legend.available')}
      </li>
      <li>
        {swatch(
          <>
            <circle class="legend__dot" cx="-5" cy="0" r="5.5" fill-opacity="1" />
            <circle class="legend__dot" cx="6" cy="0" r="5.5" fill-opacity="0.2" />
          </>,
        )}
        {t('resources.legend.activation')}
      </li>
      <li>
        {swatch(<circle class="legend__dot legend__dot--hollow" cx="0" cy="0" r="6" />)}
        {t('resources.legend.unrated')}
      </li>
      <li>
        {swatch(
          <>
            <circle class="legend__stable" cx="0" cy="0" r="9" />
            <circle class="legend__dot" cx="0" cy="0" r="6" fill-opacity="0.7" />
          </>,
        )}
        {t('resources.legend.stabilising')}
      </li>
      <li>
        {swatch(
          <>
            <circle class="legend__dot" cx="0" cy="0" r="6" fill-opacity="0.7" />
            <circle class="legend__proposed" cx="0" cy="0" r="9" />
          </>,
        )}
        {t(voice === 'client' ? 'resources.legend.proposedByYou' : 'resources.legend.proposedByClient')}
      </li>
    </ul>
  );
}
