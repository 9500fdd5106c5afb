import type { Translator } from '../i18n/index.js';
import type { CardJson } from './turn.js';

/**
 * Messages the bot starts itself (issue 21: a time-bound role ended, a privileged change), in a
 * user's personal chat. Teams lets a bot write only to people who have talked to it once: the
 * Teams layer keeps their conversation and answers `unreachable` for anyone else, or anyone who
 * removed the app. The card is built in the recipient's own language.
 */
export type Delivery = 'sent' | 'unreachable';

export interface Notifier {
  tell(tenantId: string, userId: string, card: (t: Translator) => CardJson): Promise<Delivery>;
}
