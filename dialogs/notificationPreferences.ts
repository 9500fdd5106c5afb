import { z } from 'zod';
import { ProfileInputError } from '../src/accounts/organizationProfile.js';
import {
  checkPreferences,
  EMAIL_LANGUAGES,
  preferencesOf,
  updateNotificationPreferences,
  type PreferencesInput,
} from '../src/accounts/updateNotificationPreferences.js';
import { attemptChange, finishWith, usualOutcomeCard } from '../src/conversation/changes.js';
import type { Conversation } from '../src/conversation/descriptor.js';
import { defineFlow } from '../src/conversation/flows.js';
import { cancelButton, formAction, formSubmit, openForm, submitButton, typedText } from '../src/conversation/forms.js';
import { noticeCard } from '../src/conversation/notice.js';
import { profileFormCard } from '../src/conversation/parts/profileForm.js';
import { escapeMarkdown } from '../src/conversation/text.js';
import type { CardJson, MemberTurn } from '../src/conversation/turn.js';

/**
 * "My notification preferences": the rest of Partner Center's "My preferences" page, for oneself
 * (anyone): job title, the language of Microsoft's emails, and which email categories to get.
 * Mandatory and recommended action emails are always sent, and the card says so instead of
 * offering a switch that would do nothing. The notification address has its own conversation.
 */
const VERBS = { save: 'notification_preferences.save' } as const;

const preferencesFlow = defineFlow('notification_preferences', { revision: z.number().int().nonnegative() });

const attempted = (turn: MemberTurn) => ({
  action: 'user.notification_preferences_changed',
  target: { type: 'user' as const, id: turn.user.id },
});

function languageName(turn: MemberTurn, tag: string): string {
  try {
    return new Intl.DisplayNames([turn.t.language], { style: 'long', type: 'language' }).of(tag) ?? tag;
  } catch {
    return tag;
  }
}

function preferencesForm(
  turn: MemberTurn,
  flowId: string,
  typed: PreferencesInput,
  problems: Record<string, string> = {},
  notice?: string,
): CardJson {
  const { t } = turn;
  return profileFormCard(turn, {
    title: t.t('notificationPreferences.title'),
    paragraphs: [...(notice ? [notice] : []), t.t('notificationPreferences.intro')],
    fields: [
      { kind: 'text', id: 'jobTitle', value: typed.jobTitle, maxLength: 100 },
      {
        kind: 'choice',
        id: 'emailLanguage',
        value: typed.emailLanguage,
        choices: EMAIL_LANGUAGES.map((tag) => ({ title: languageName(turn, tag), value: tag })),
      },
      { kind: 'toggle', id: 'promotional', value: typed.promotional ? 'true' : 'false' },
      { kind: 'toggle', id: 'transactional', value: typed.transactional ? 'true' : 'false' },
    ],
    problems,
    note: t.t('notificationPreferences.alwaysSent'),
    actions: [submitButton(t.t('common.save'), VERBS.save, flowId), cancelButton(turn, flowId)],
  });
}

function currentInput(turn: MemberTurn): PreferencesInput {
  const preferences = preferencesOf(turn.user);
  return {
    jobTitle: preferences.jobTitle ?? '',
    emailLanguage: preferences.emailLanguage ?? (turn.t.language === 'fr' ? 'fr-FR' : 'en-US'),
    promotional: preferences.promotional,
    transactional: preferences.transactional,
  };
}

async function start(turn: MemberTurn): Promise<void> {
  await openForm(
    turn,
    { policy: { type: 'update_notification_email', target: turn.user }, attempted: attempted(turn) },
    () =>
      preferencesForm(turn, turn.flows.start(preferencesFlow, { revision: turn.user.revision }).id, currentInput(turn)),
  );
}

const SaveData = formSubmit({
  jobTitle: typedText(),
  emailLanguage: typedText(),
  promotional: z.enum(['true', 'false']).optional().default('false'),
  transactional: z.enum(['true', 'false']).optional().default('false'),
});

const save = formAction(preferencesFlow, SaveData, async (turn, { flow, input }) => {
  const { t } = turn;
  const typed: PreferencesInput = {
    jobTitle: input.jobTitle.slice(0, 1000),
    emailLanguage: input.emailLanguage.slice(0, 20),
    promotional: input.promotional === 'true',
    transactional: input.transactional === 'true',
  };
  const { problems } = checkPreferences(typed);
  if (Object.keys(problems).length > 0) return preferencesForm(turn, flow.id, typed, problems);
  const outcome = await attemptChange(
    turn,
    attempted(turn),
    (current, now) => updateNotificationPreferences(current, turn.user.id, typed, flow.revision, now),
    { invalid: ProfileInputError },
  );
  const onOff = (on: boolean) => t.t(on ? 'notificationPreferences.on' : 'notificationPreferences.off');
  switch (outcome.kind) {
    case 'saved': {
      const saved = preferencesOf(outcome.result);
      return finishWith(
        turn,
        flow.id,
        noticeCard({
          title: t.t('notificationPreferences.done'),
          tone: 'good',
          facts: [
            {
              title: t.t('profileForm.field.jobTitle.label'),
              value: escapeMarkdown(saved.jobTitle ?? t.t('common.none')),
            },
            {
              title: t.t('profileForm.field.emailLanguage.label'),
              value: languageName(turn, saved.emailLanguage ?? 'en-US'),
            },
            { title: t.t('profileForm.field.promotional.label'), value: onOff(saved.promotional) },
            { title: t.t('profileForm.field.transactional.label'), value: onOff(saved.transactional) },
          ],
          paragraphs: [t.t('notificationPreferences.alwaysSent')],
        }),
      );
    }
    case 'invalid':
      return preferencesForm(turn, flow.id, typed, outcome.error.problems);
    case 'stale': {
      const fresh = turn.flows.start(preferencesFlow, {
        revision: turn.organization.userById(turn.user.id)?.revision ?? 0,
      });
      return preferencesForm(turn, fresh.id, typed, {}, t.t('profileForm.stale'));
    }
    default:
      return usualOutcomeCard(turn, flow.id, outcome, t.t('profileForm.refusedTitle'));
  }
});

export const notificationPreferences: Conversation = {
  name: 'notification-preferences',
  policy: ['update_notification_email'],
  flows: [preferencesFlow],
  intents: { notification_preferences: (turn) => start(turn) },
  cardActions: { [VERBS.save]: save },
};
