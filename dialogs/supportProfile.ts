import { z } from 'zod';
import {
  homeCountry,
  ProfileInputError,
  sectionBasis,
  type FieldProblems,
} from '../src/accounts/organizationProfile.js';
import { WEBSITE_MAX_LENGTH } from '../src/accounts/profileFields.js';
import {
  checkSupportProfile,
  updateSupportProfile,
  type SupportProfileInput,
} from '../src/accounts/updateSupportProfile.js';
import { attemptChange, finishWith, usualOutcomeCard } from '../src/conversation/changes.js';
import type { Conversation } from '../src/conversation/descriptor.js';
import { defineFlow } from '../src/conversation/flows.js';
import { cancelButton, formSubmit, openForm, formAction, submitButton, typedText } from '../src/conversation/forms.js';
import { noticeCard } from '../src/conversation/notice.js';
import { checklistFollowUp } from '../src/conversation/parts/checklistFollowUp.js';
import { profileFormCard } from '../src/conversation/parts/profileForm.js';
import { onOrganization } from '../src/conversation/refusals.js';
import { escapeMarkdown } from '../src/conversation/text.js';
import type { CardJson, MemberTurn } from '../src/conversation/turn.js';

/**
 * "Update our support details": the website, email and phone Microsoft gives customers who call it
 * for support (Partner profile → Support → Update). Global and Account admins may change them; the
 * form shows what is there now, checks each field and saves in one step (audited).
 */
const VERBS = { save: 'support_profile.save' } as const;

/** `basis`: the section as the form showed it, so a change someone made meanwhile is detected on save. */
const supportFlow = defineFlow('support_profile', { basis: z.string().max(5_000) });

const attempted = (turn: MemberTurn) => onOrganization(turn, 'organization.support_profile_changed');

/** `prefill`: what a one-line request gave ("change our support phone to +33 …"), shown to check, not saved. */
async function start(turn: MemberTurn, prefill: Partial<SupportProfileInput>): Promise<void> {
  await openForm(
    turn,
    { policy: { type: 'update_org_section', section: 'support_profile' }, attempted: attempted(turn) },
    () => {
      const current = turn.organization.read().organization.profile.supportProfile;
      const typed =
        Object.keys(prefill).length > 0
          ? { website: current?.website ?? '', email: current?.email ?? '', phone: current?.phone ?? '', ...prefill }
          : undefined;
      return supportProfileForm(turn, undefined, typed, {}, typed ? turn.t.t('profileForm.prefilled') : undefined);
    },
  );
}

/**
 * The form. A new form (no flow) records the support profile it shows; shown again with errors it
 * keeps the flow, so a change someone made meanwhile is still detected on save.
 */
function supportProfileForm(
  turn: MemberTurn,
  flowId?: string,
  typed?: SupportProfileInput,
  problems: FieldProblems = {},
  notice?: string,
): CardJson {
  const current = turn.organization.read().organization.profile.supportProfile;
  const id = flowId ?? turn.flows.start(supportFlow, { basis: sectionBasis(current) }).id;
  const value = typed ?? { website: current?.website ?? '', email: current?.email ?? '', phone: current?.phone ?? '' };
  const { t } = turn;
  return profileFormCard(turn, {
    title: t.t('supportProfile.title'),
    paragraphs: [...(notice ? [notice] : []), t.t('supportProfile.intro')],
    fields: [
      { kind: 'text', id: 'website', style: 'Url', value: value.website, maxLength: WEBSITE_MAX_LENGTH },
      { kind: 'text', id: 'email', style: 'Email', value: value.email, maxLength: 254, required: true },
      { kind: 'text', id: 'phone', style: 'Tel', value: value.phone, maxLength: 40, required: true },
    ],
    problems,
    note: t.t('profileForm.phoneNote'),
    actions: [submitButton(t.t('common.save'), VERBS.save, id), cancelButton(turn, id)],
  });
}

const SaveData = formSubmit({ website: typedText(), email: typedText(), phone: typedText() });

const save = formAction(supportFlow, SaveData, async (turn, click) => {
  const { flow, input } = click;
  const { t } = turn;
  const typed = {
    website: input.website.slice(0, 1000),
    email: input.email.slice(0, 1000),
    phone: input.phone.slice(0, 1000),
  };
  // Checked here for the form, and again inside the change against the data as it is then.
  const { problems } = checkSupportProfile(typed, homeCountry(turn.organization.read()));
  if (Object.keys(problems).length > 0) return supportProfileForm(turn, flow.id, typed, problems);
  const outcome = await attemptChange(
    turn,
    attempted(turn),
    (current) => updateSupportProfile(current, turn.user.id, typed, flow.basis),
    {
      invalid: ProfileInputError,
    },
  );
  switch (outcome.kind) {
    case 'saved': {
      const saved = outcome.result;
      return finishWith(
        turn,
        flow.id,
        noticeCard({
          title: t.t('supportProfile.done'),
          tone: 'good',
          facts: [
            {
              title: t.t('profileForm.field.website.label'),
              value: escapeMarkdown(saved.website ?? t.t('common.none')),
            },
            { title: t.t('profileForm.field.email.label'), value: escapeMarkdown(saved.email ?? '') },
            { title: t.t('profileForm.field.phone.label'), value: escapeMarkdown(saved.phone ?? '') },
          ],
          paragraphs: [t.t('supportProfile.whoSees')],
          actions: checklistFollowUp(turn, flow),
        }),
      );
    }
    case 'invalid':
      return supportProfileForm(turn, flow.id, typed, outcome.error.problems);
    case 'stale':
      return supportProfileForm(turn, undefined, undefined, {}, t.t('profileForm.stale'));
    default:
      return usualOutcomeCard(turn, flow.id, outcome, t.t('profileForm.refusedTitle'));
  }
});

export const supportProfile: Conversation = {
  name: 'support-profile',
  policy: ['update_org_section'],
  flows: [supportFlow],
  offeredWhen: { update_support_profile: () => ({ type: 'update_org_section', section: 'support_profile' }) },
  intents: {
    update_support_profile: (turn, { entities }) =>
      start(turn, {
        ...(entities.emails?.[0] ? { email: entities.emails[0] } : {}),
        ...(entities.phone ? { phone: entities.phone } : {}),
        ...(entities.website ? { website: entities.website } : {}),
      }),
  },
  cardActions: { [VERBS.save]: save },
};
