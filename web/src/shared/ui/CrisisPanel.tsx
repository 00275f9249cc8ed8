import type { ComponentChildren } from 'preact';
import type { Crisis, CrisisContact } from '../../api/types';
import { honestyLines, paragraphs, safeUrl, shortUrl, telHref, type ReviewSubject } from '../crisis';
import { useT } from '../i18n';
import './crisis.css';

/** The ways to reach one contact, as large links: call, text, open the website. */
export function CrisisWays({ contact }: { contact: CrisisContact }) {
  const t = useT();
  const url = safeUrl(contact.url);
  return (
    <span class="crisis__ways">
      {contact.phone ? (
        <a class="crisis__way crisis__way--call" href={telHref(contact.phone)}>
          <span class="crisis__verb">{t('crisis.call')}</span> <span class="crisis__number">{contact.phone}</span>
        </a>
      ) : null}
      {contact.sms ? (
        <a class="crisis__way" href={telHref(contact.sms, 'sms')}>
          <span class="crisis__verb">{t('crisis.text')}</span> <span class="crisis__number">{contact.sms}</span>
        </a>
      ) : null}
      {url ? (
        <a class="crisis__way" href={url} target="_blank" rel="noopener noreferrer">
          <span class="crisis__verb">{t('crisis.website')}</span>
          <span class="visually-hidden"> {t('crisis.websiteOf', { label: contact.label })}</span>
          <span class="crisis__url"> {shortUrl(url)}</span>
        </a>
      ) : null}
    </span>
  );
}

/** The practice's contacts as a list; each one tappable. */
export function CrisisContacts({ contacts, label }: { contacts: readonly CrisisContact[]; label?: string }) {
  return (
    <ul class="crisis__contacts" aria-label={label}>
      {contacts.map((c, i) => (
        <li key={`${c.label}-${i}`} class="crisis__contact">
          <span class="crisis__label">{c.label}</span>
          {c.hours ? <span class="crisis__hours">{c.hours}</span> : null}
          <CrisisWays contact={c} />
        </li>
      ))}
    </ul>
  );
}

export interface CrisisPanelProps {
  crisis: Crisis;
  /** The practice's review promise ("within one working day"); leave it out when nothing reaches the practice. */
  reviewPromise?: string | null;
  /** What the practice will look at: the answers (default) or this entry. */
  subject?: ReviewSubject;
  title?: string;
  /** The heading level that fits the page (2 under a page title). */
  level?: 2 | 3;
  /** Words for this moment, shown after the contacts and before the review promise. */
  children?: ComponentChildren;
  /** An id for the heading (unique on the page). */
  id?: string;
  class?: string;
}

/**
 * The practice's crisis contacts, calmly: its own words, then each contact with large call, text
 * and website links, then what this moment means (children) and honestly when the practice looks.
 * No alarm colours, no exclamation marks. Shared by every screen where a person gives a risk
 * signal (a critical answer, a very low mood) and by the safety plan.
 */
export function CrisisPanel(props: CrisisPanelProps) {
  const t = useT();
  const id = props.id ?? 'crisis-title';
  const H = props.level === 3 ? 'h3' : 'h2';
  const honest = honestyLines(props.crisis.text, props.reviewPromise, props.subject);
  return (
    <section class={`crisis${props.class ? ` ${props.class}` : ''}`} aria-labelledby={id}>
      <H id={id} class="crisis__title">
        {props.title ?? t('crisis.title')}
      </H>
      {paragraphs(props.crisis.text).map((p, i) => (
        <p key={i} class="crisis__text">
          {p}
        </p>
      ))}
      <CrisisContacts contacts={props.crisis.contacts} />
      {props.children}
      {honest.length ? <p class="crisis__promise">{honest.join(' ')}</p> : null}
    </section>
  );
}
