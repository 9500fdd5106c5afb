import { z } from 'zod';
import { homeCountry, ProfileInputError, sectionBasis } from '../src/accounts/organizationProfile.js';
import { checkSupportProfile, updateSupportProfile, type SupportProfileInput } from '../src/accounts/updateSupportProfile.js';
import { WEBSITE_MAX_LENGTH } from '../src/accounts/profileFields.js';
import { attemptChange } from '../src/bot/changes.js';
import { executeAction } from '../src/bot/cardActions.js';
import { CANCEL_VERB, type CardActionHandlers } from '../src/bot/cardRouter.js';
import { admitToForm, openFlowFor, setAsideNote } from '../src/bot/flowCards.js';
import { noticeCard, sendCard } from '../src/bot/notice.js';
import { notSavedCard, profileFormCard } from '../src/bot/profileForm.js';
import { escapeMarkdown } from '../src/bot/text.js';
import type { FieldProblems } from '../src/accounts/organizationProfile.js';
import type { CardJson, MemberTurn } from '../src/bot/turn.js';
import { afterStep } from './onboarding.js';

/**
 * "Update our support details": the website, email and phone Microsoft gives customers who call it
 * for support (Partner profile → Support → Update). Global and Account admins may change them; the
 * form shows what is there now, checks each field and saves in one step (audited).
 */
export const VERBS = { save: 'support_profile.save' } as const;

/** `prefill`: what a one-line request gave ("change our support phone to +33 …"), shown to check, not saved. */
export async function startSupportProfile(turn: MemberTurn, prefill: Partial<SupportProfileInput> = {}): Promise<void> {
  if (!(await admitToForm(turn, { type: 'update_org_section', section: 'support_profile' }, { action: 'organization.support_profile_changed', target: { type: 'organization', id: turn.organization.tenantId } }))) return;
  const aside = setAsideNote(turn, turn.flows.close());
  if (aside) await turn.context.sendActivity(aside);
  const current = turn.organization.read().organization.profile.supportProfile;
  const typed = Object.keys(prefill).length > 0 ? { website: current?.website ?? '', email: current?.email ?? '', phone: current?.phone ?? '', ...prefill } : undefined;
  await sendCard(turn, supportProfileForm(turn, undefined, typed, {}, typed ? turn.t.t('profileForm.prefilled') : undefined));
}

/**
 * The form. A new form (no flow) records the support profile it shows; shown again with errors it
 * keeps the flow, so a change someone made meanwhile is still detected on save.
 */
function supportProfileForm(turn: MemberTurn, flowId?: string, typed?: SupportProfileInput, problems: FieldProblems = {}, notice?: string): CardJson {
  const current = turn.organization.read().organization.profile.supportProfile;
  const flow = flowId ? { id: flowId } : turn.flows.start({ kind: 'support_profile', basis: sectionBasis(current) });
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
    actions: [
      executeAction(t.t('common.save'), VERBS.save, { flowId: flow.id }, { style: 'positive' }),
      executeAction(t.t('common.cancel'), CANCEL_VERB, { flowId: flow.id }, { withInputs: false }),
    ],
  });
}

const SaveData = z
  .object({
    flowId: z.string().max(64),
    website: z.string().max(10_000).optional().default(''),
    email: z.string().max(10_000).optional().default(''),
    phone: z.string().max(10_000).optional().default(''),
  })
  .passthrough();

async function save(turn: MemberTurn, data: Record<string, unknown>): Promise<CardJson> {
  const opened = openFlowFor(turn, data, 'support_profile', SaveData);
  if (!opened.ok) return opened.card;
  const { flow, input } = opened;
  const { t } = turn;
  const typed = { website: input.website.slice(0, 1000), email: input.email.slice(0, 1000), phone: input.phone.slice(0, 1000) };
  // Checked here for the form, and again inside the change against the data as it is then.
  const { problems } = checkSupportProfile(typed, homeCountry(turn.organization.read()));
  if (Object.keys(problems).length > 0) return supportProfileForm(turn, flow.id, typed, problems);
  let card: CardJson;
  try {
    const attempt = await attemptChange(turn, { action: 'organization.support_profile_changed', target: { type: 'organization', id: turn.organization.tenantId } }, (current) =>
      updateSupportProfile(current, turn.user.id, typed, flow.basis),
    );
    if (attempt.ok) {
      const saved = attempt.result;
      card = noticeCard({
        title: t.t('supportProfile.done'),
        tone: 'good',
        facts: [
          { title: t.t('profileForm.field.website.label'), value: escapeMarkdown(saved.website ?? t.t('common.none')) },
          { title: t.t('profileForm.field.email.label'), value: escapeMarkdown(saved.email ?? '') },
          { title: t.t('profileForm.field.phone.label'), value: escapeMarkdown(saved.phone ?? '') },
        ],
        paragraphs: [t.t('supportProfile.whoSees')],
        actions: afterStep(turn),
      });
    } else if (attempt.kind === 'stale') {
      return supportProfileForm(turn, undefined, undefined, {}, t.t('profileForm.stale'));
    } else {
      card = notSavedCard(turn, attempt);
    }
  } catch (error) {
    if (error instanceof ProfileInputError) return supportProfileForm(turn, flow.id, typed, error.problems);
    throw error;
  }
  turn.flows.finish(flow.id, card);
  return card;
}

export const supportProfileActions: CardActionHandlers = { [VERBS.save]: save };
