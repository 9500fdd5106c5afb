import { setPreferredLanguage } from '../src/accounts/setPreferredLanguage.js';
import { translator, type Language } from '../src/i18n/index.js';
import type { MemberTurn } from '../src/bot/turn.js';

/**
 * "Speak French" / "parle anglais": the user's language choice is saved with their record, so it
 * holds in every chat and after a restart, whatever locale their Teams client reports.
 */
export async function switchLanguage(turn: MemberTurn, language: Language): Promise<void> {
  await turn.organization.change((current, { now }) => setPreferredLanguage(current, turn.user.id, language, now));
  await turn.context.sendActivity(translator(language).t('language.switched'));
}
