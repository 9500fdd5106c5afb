import { expandCard } from './cards.js';
import type { CardAction } from './cardActions.js';
import type { CardJson } from './turn.js';

/**
 * The plain card most answers use: a title, paragraphs, facts, a small note and buttons. Outcomes
 * ("Megan was added"), confirmations ("Give Global admin to Jean?") and refusals share it, so they
 * look the same everywhere.
 */
export interface Notice {
  title: string;
  paragraphs?: string[];
  facts?: { title: string; value: string }[];
  note?: string;
  tone?: 'default' | 'good' | 'warning' | 'attention';
  actions?: CardAction[];
}

const TONE_COLOR = { default: 'Default', good: 'Good', warning: 'Warning', attention: 'Attention' } as const;

export function noticeCard(notice: Notice): CardJson {
  return expandCard('notice', {
    title: notice.title,
    color: TONE_COLOR[notice.tone ?? 'default'],
    paragraphs: notice.paragraphs ?? [],
    facts: notice.facts ?? [],
    note: notice.note ?? '',
    actions: notice.actions ?? [],
  });
}
