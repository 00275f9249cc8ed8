import type { ComponentChildren } from 'preact';
import type { Resource, Strength } from '../../api/types';
import type { NewEntry } from '../../shared/journal/types';
import { formatDay, kindChip, privacyText } from '../../shared/journal/wording';
import { useT } from '../../shared/i18n';
import { formatList } from '../../shared/format';

interface EntryCardProps {
  entry: Pick<NewEntry, 'kind' | 'text' | 'mood' | 'strength_codes' | 'resource_id' | 'shared'> & { entry_date?: string };
  strengths: ReadonlyMap<string, Strength>;
  resources: ReadonlyMap<string, Resource>;
  /** Who reads: the client sees whether it is shared; the care team only ever sees shared ones. */
  voice: 'client' | 'therapist';
  /** A badge such as "Waiting to send". */
  status?: ComponentChildren;
  children?: ComponentChildren;
  class?: string;
}

/** One journal entry as a card: day, kind, mood, words, strengths and the resource it belongs to. */
export function EntryCard(props: EntryCardProps) {
  const t = useT();
  const e = props.entry;
  const strengths = (e.strength_codes ?? []).map((c) => props.strengths.get(c)?.name ?? c);
  const resource = e.resource_id ? props.resources.get(e.resource_id) : undefined;
  return (
    <article class={`jentry${props.class ? ` ${props.class}` : ''}`}>
      <header class="jentry__head">
        <span class="jentry__date">{e.entry_date ? formatDay(e.entry_date) : t('journal.entry.today')}</span>
        <span class={`jtag jtag--${e.kind}`}>{kindChip(e.kind)}</span>
        {props.voice === 'client' ? (
          <span class={`jtag ${e.shared ? 'jtag--shared' : 'jtag--private'}`} title={privacyText(Boolean(e.shared))}>
            {e.shared ? t('journal.entry.shared') : t('journal.entry.private')}
          </span>
        ) : null}
        {props.status}
        {e.mood !== null && e.mood !== undefined ? <span class="jtag jtag--mood">{t('journal.entry.mood', { mood: e.mood })}</span> : null}
      </header>
      {e.text ? <p class="jentry__text prewrap">{e.text}</p> : null}
      {strengths.length || resource ? (
        <p class="jentry__meta">
          {strengths.length ? <span>{t('journal.entry.strengths', { list: formatList(strengths) })}</span> : null}
          {strengths.length && resource ? <span aria-hidden="true"> · </span> : null}
          {resource ? <span>{t('journal.entry.resource', { title: resource.title })}</span> : null}
        </p>
      ) : null}
      {props.children}
    </article>
  );
}
