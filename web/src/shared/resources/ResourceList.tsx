import { RESOURCE_CATEGORIES, type LatestRating, type Resource, type ResourceCategory } from '../../api/types';
import { formatDate, formatList } from '../format';
import { useT } from '../i18n';
import { Link } from '../ui/Link';
import { categoryLabel, outOfTen, raterLabel } from './labels';

type Listed = Resource & { rating?: LatestRating | null };

export interface ResourceListProps {
  resources: readonly Listed[];
  categories?: readonly ResourceCategory[];
  hrefFor: (resource: Listed) => string;
  /** Therapists see which resources the client does not see; clients never get those. */
  showVisibility?: boolean;
  voice?: 'client' | 'therapist';
  /** Heading level of the category names, so the outline stays correct where it is embedded. */
  headingLevel?: 2 | 3;
}

/** The rating the map shows (at the chosen date) or, for plain lists, the latest one. */
function ratingOf(r: Listed): LatestRating | null {
  return r.rating !== undefined ? r.rating : r.latest_rating;
}

/**
 * The same resources as the map, as text grouped by category: what screen readers and
 * printers get, and the quickest way to scan sixty resources on a phone.
 */
export function ResourceList(props: ResourceListProps) {
  const t = useT();
  const categories = props.categories && props.categories.length > 0 ? props.categories : RESOURCE_CATEGORIES;
  const groups = categories.map((c) => ({
    category: c,
    items: props.resources.filter((r) => r.category === c).sort((a, b) => a.title.localeCompare(b.title)),
  }));
  const empty = groups.filter((g) => g.items.length === 0).map((g) => categoryLabel(g.category));
  const H = props.headingLevel === 2 ? 'h2' : 'h3';
  return (
    <div class="rlist">
      {groups
        .filter((g) => g.items.length > 0)
        .map((g) => (
          <section key={g.category} class="rlist__group" aria-labelledby={`rlist-${g.category}`}>
            <H id={`rlist-${g.category}`} class="rlist__title">
              <span class={`rlist__bullet cat--${g.category}`} aria-hidden="true" />
              {categoryLabel(g.category)} <span class="rlist__count">({g.items.length})</span>
            </H>
            <ul class="rlist__items">
              {g.items.map((r) => {
                const rating = ratingOf(r);
                return (
                  <li key={r.id} class={`rlist__item${r.status === 'proposed' ? ' rlist__item--proposed' : ''}`}>
                    <Link href={props.hrefFor(r)} class="rlist__link">
                      {r.title}
                    </Link>
                    <p class="rlist__meta">
                      {rating ? (
                        <>
                          {t('resources.list.availability')} <strong>{outOfTen(rating.availability)}</strong> · {t('resources.list.activation')}{' '}
                          <strong>{outOfTen(rating.activation)}</strong>
                          <span class="rlist__when">
                            {' '}
                            · {t('resources.list.rated', { date: formatDate(rating.rated_at), by: raterLabel(rating.rated_by_role) })}
                          </span>
                        </>
                      ) : (
                        t('resources.list.notRated')
                      )}
                    </p>
                    {r.stabilising || r.status === 'proposed' || (props.showVisibility && !r.visible_to_client) ? (
                      <ul class="tags" aria-label={t('resources.list.markedAs')}>
                        {r.stabilising ? <li class="tag tag--stable">{t('resources.list.stabilising')}</li> : null}
                        {r.status === 'proposed' ? (
                          <li class="tag tag--proposed">{t(props.voice === 'client' ? 'resources.list.addedByYou' : 'resources.list.proposed')}</li>
                        ) : null}
                        {props.showVisibility && !r.visible_to_client ? <li class="tag">{t('resources.list.hidden')}</li> : null}
                      </ul>
                    ) : null}
                  </li>
                );
              })}
            </ul>
          </section>
        ))}
      {empty.length > 0 && empty.length < categories.length ? (
        <p class="rlist__empty">{t('resources.list.nothingFor', { categories: formatList(empty) })}</p>
      ) : null}
    </div>
  );
}
