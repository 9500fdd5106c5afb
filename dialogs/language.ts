import { setPreferredLanguage } from '../src/accounts/setPreferredLanguage.js';
import { translator } from '../src/i18n/index.js';
import type { Conversation } from '../src/conversation/descriptor.js';

/**
 * "Speak French" / "parle anglais": the user's language choice is saved with their record, so it
 * holds in every chat and after a restart, whatever locale their Teams client reports.
 */
export const language: Conversation = {
  name: 'language',
  policy: [],
  intents: {
    set_language: async (turn, request) => {
      const chosen = request.entities.language ?? turn.t.language;
      await turn.organization.change((current, { now }) => setPreferredLanguage(current, turn.user.id, chosen, now));
      await turn.say(translator(chosen).t('language.switched'));
    },
  },
};
