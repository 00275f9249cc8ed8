import type { TimelineKind } from '../../shared/sessions/types';

/** Small line icons drawn in SVG (no icon font, nothing for the CSP to refuse); always decorative. */

const PATHS: Record<TimelineKind | 'video' | 'phone' | 'in_person', string> = {
  // A calendar page.
  session: 'M4 6h16v14H4z M4 10h16 M8 3v5 M16 3v5',
  // A leaf: something that grows.
  rating: 'M5 19c0-9 6-14 14-14 0 8-5 14-14 14z M5 19l8-8',
  // Three bars.
  score: 'M5 20V12 M12 20V5 M19 20v-9',
  // An open book.
  journal: 'M12 6c-2-1.5-5-2-8-1.5V19c3-.5 6 0 8 1.5 2-1.5 5-2 8-1.5V4.5c-3-.5-6 0-8 1.5z M12 6v14.5',
  video: 'M3 7h12v10H3z M15 11l6-3v8l-6-3',
  phone: 'M6 3h4l1.5 5-2.5 1.5a11 11 0 0 0 5.5 5.5L16 12.5l5 1.5v4a2 2 0 0 1-2 2A16 16 0 0 1 4 5a2 2 0 0 1 2-2z',
  in_person: 'M9 8a3 3 0 1 0 0-.01z M3 20c0-4 3-6 6-6s6 2 6 6 M17 9a2.5 2.5 0 1 0 0-.01z M16 14c3 0 5 2 5 5',
};

export function Icon({ name, class: className }: { name: keyof typeof PATHS; class?: string }) {
  return (
    <svg class={`sicon${className ? ` ${className}` : ''}`} viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">
      <path d={PATHS[name]} fill="none" stroke="currentColor" stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round" />
    </svg>
  );
}
