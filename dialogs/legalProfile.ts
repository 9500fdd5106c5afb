import { z } from 'zod';
import { countryChoices } from '../src/accounts/countries.js';
import { ProfileInputError, sectionBasis, type FieldProblems } from '../src/accounts/organizationProfile.js';
import { PLACE_MAX_LENGTH } from '../src/accounts/profileFields.js';
import {
  checkLegalProfile,
  updateLegalProfile,
  verificationAfterLegalChange,
  type LegalProfileInput,
} from '../src/accounts/updateLegalProfile.js';
import { attemptChange, finishWith, usualOutcomeCard } from '../src/conversation/changes.js';
import type { Conversation } from '../src/conversation/descriptor.js';
import { defineFlow, type FlowOf } from '../src/conversation/flows.js';
import {
  backButton,
  cancelButton,
  closedFormCard,
  FlowOnly,
  formAction,
  formSubmit,
  openForm,
  submitButton,
  typedText,
} from '../src/conversation/forms.js';
import { noticeCard } from '../src/conversation/notice.js';
import { profileFormCard } from '../src/conversation/parts/profileForm.js';
import { onOrganization } from '../src/conversation/refusals.js';
import { escapeMarkdown } from '../src/conversation/text.js';
import type { CardJson, MemberTurn } from '../src/conversation/turn.js';

/**
 * "Update our legal business profile", "we renamed the company": the legal name and address
 * (Legal info → Legal business profile). Global admin, Account admin and Compliance admin (a CSP
 * indirect reseller's: Global admin only). The form applies the country's address rules; a CSP
 * partner's country is fixed. Before saving, a confirmation says what Microsoft may do next: verify
 * the account again (a verified account goes back to pending) and review the tax information.
 */
const VERBS = { submit: 'legal_profile.submit', confirm: 'legal_profile.confirm', back: 'legal_profile.back' } as const;

const Typed = z.object({
  legalName: z.string().max(1000),
  line1: z.string().max(1000),
  line2: z.string().max(1000),
  city: z.string().max(1000),
  state: z.string().max(1000),
  postalCode: z.string().max(1000),
  country: z.string().max(1000),
});
type Typed = z.infer<typeof Typed>;

const legalFlow = defineFlow('legal_profile', { basis: z.string().max(5_000), pending: Typed.optional() });
type LegalFlow = FlowOf<typeof legalFlow>;

const attempted = (turn: MemberTurn) => onOrganization(turn, 'organization.legal_profile_changed');

function currentTyped(turn: MemberTurn): Typed {
  const legal = turn.organization.read().organization.profile.legal;
  return {
    legalName: legal.legalName,
    line1: legal.address?.line1 ?? '',
    line2: legal.address?.line2 ?? '',
    city: legal.address?.city ?? '',
    state: legal.address?.state ?? '',
    postalCode: legal.address?.postalCode ?? '',
    country: legal.address?.country ?? '',
  };
}

const asInput = (typed: Typed): LegalProfileInput => ({ ...typed });

function legalForm(
  turn: MemberTurn,
  flowId?: string,
  typed?: Typed,
  problems: FieldProblems | Record<string, string> = {},
  notice?: string,
): CardJson {
  const { t } = turn;
  const legal = turn.organization.read().organization.profile.legal;
  const id = flowId ?? turn.flows.start(legalFlow, { basis: sectionBasis(legal) }).id;
  const value = typed ?? currentTyped(turn);
  const text = (field: keyof Typed, maxLength: number, required = true) => ({
    kind: 'text' as const,
    id: field,
    value: value[field],
    maxLength,
    required,
  });
  return profileFormCard(turn, {
    title: t.t('legalProfile.title'),
    paragraphs: [...(notice ? [notice] : []), t.t('legalProfile.intro')],
    fields: [
      text('legalName', 200),
      text('line1', 200),
      text('line2', 200, false),
      text('city', PLACE_MAX_LENGTH),
      text('state', 100, false),
      text('postalCode', 20, false),
      { kind: 'choice', id: 'country', value: value.country, choices: countryChoices(t.language), required: true },
    ],
    problems,
    note: t.t('legalProfile.note'),
    actions: [submitButton(t.t('legalProfile.review'), VERBS.submit, id), cancelButton(turn, id)],
  });
}

async function start(turn: MemberTurn): Promise<void> {
  await openForm(turn, { policy: { type: 'update_org_section', section: 'legal' }, attempted: attempted(turn) }, () =>
    legalForm(turn),
  );
}

const SubmitData = formSubmit({
  legalName: typedText(),
  line1: typedText(),
  line2: typedText(),
  city: typedText(),
  state: typedText(),
  postalCode: typedText(),
  country: typedText(),
});

const submit = formAction(legalFlow, SubmitData, async (turn, { flow, input }) => {
  const { t } = turn;
  const typed = Typed.parse(
    Object.fromEntries(
      Object.entries(input)
        .filter(([key]) => key in Typed.shape)
        .map(([k, v]) => [k, String(v).slice(0, 1000)]),
    ),
  );
  const document = turn.organization.read();
  const { problems, value } = checkLegalProfile(document, asInput(typed));
  if (!value) return legalForm(turn, flow.id, typed, problems);
  turn.flows.update(legalFlow, { ...flow, pending: typed });
  const status = document.organization.profile.verification.status;
  const next = verificationAfterLegalChange(status);
  // Both consequences are said before anything is saved (seed 003).
  return noticeCard({
    title: t.t('legalProfile.confirm.title'),
    tone: 'warning',
    facts: [
      { title: t.t('profileForm.field.legalName.label'), value: escapeMarkdown(value.legalName) },
      {
        title: t.t('profileForm.field.line1.label'),
        value: escapeMarkdown(
          [
            value.address.line1,
            value.address.line2,
            `${value.address.postalCode} ${value.address.city}`.trim(),
            value.address.state,
          ]
            .filter(Boolean)
            .join(', '),
        ),
      },
    ],
    paragraphs: [
      next === status
        ? t.t('legalProfile.confirm.verificationMay')
        : t.t('legalProfile.confirm.verification', {
            status: t.t(`verification.${status}.label`),
            next: t.t(`verification.${next}.label`),
          }),
      t.t('legalProfile.confirm.tax'),
    ],
    actions: [
      submitButton(t.t('common.save'), VERBS.confirm, flow.id),
      backButton(turn, VERBS.back, flow.id),
      cancelButton(turn, flow.id),
    ],
  });
});

async function save(turn: MemberTurn, flow: LegalFlow, typed: Typed): Promise<CardJson> {
  const { t } = turn;
  const outcome = await attemptChange(
    turn,
    attempted(turn),
    (current, now) => updateLegalProfile(current, turn.user.id, asInput(typed), flow.basis, now),
    { invalid: ProfileInputError },
  );
  switch (outcome.kind) {
    case 'saved': {
      const { legalName, verification } = outcome.result;
      return finishWith(
        turn,
        flow.id,
        noticeCard({
          title: t.t('legalProfile.done'),
          tone: 'good',
          facts: [
            { title: t.t('profileForm.field.legalName.label'), value: escapeMarkdown(legalName) },
            {
              title: t.t('orgProfile.field.verification'),
              value: t.t('orgProfile.verificationValue', {
                label: t.t(`verification.${verification}.label`),
                meaning: t.t(`verification.${verification}.meaning`),
              }),
            },
          ],
        }),
      );
    }
    case 'invalid':
      return legalForm(turn, flow.id, typed, outcome.error.problems);
    case 'stale':
      return legalForm(turn, undefined, undefined, {}, t.t('profileForm.stale'));
    default:
      return usualOutcomeCard(turn, flow.id, outcome, t.t('profileForm.refusedTitle'));
  }
}

const confirm = formAction(legalFlow, FlowOnly, async (turn, { flow }) => {
  if (!flow.pending) return closedFormCard(turn, flow.id);
  return save(turn, flow, flow.pending);
});

const back = formAction(legalFlow, FlowOnly, async (turn, { flow }) => {
  const { pending, ...rest } = flow;
  turn.flows.update(legalFlow, rest);
  return legalForm(turn, flow.id, pending);
});

export const legalProfile: Conversation = {
  name: 'legal-profile',
  policy: ['update_org_section'],
  flows: [legalFlow],
  offeredWhen: { update_legal_profile: () => ({ type: 'update_org_section', section: 'legal' }) },
  intents: { update_legal_profile: (turn) => start(turn) },
  cardActions: { [VERBS.submit]: submit, [VERBS.confirm]: confirm, [VERBS.back]: back },
};
