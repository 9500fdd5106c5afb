import { z } from 'zod';
import { onboardingStatus } from '../src/accounts/onboardingChecklist.js';
import { decideIn } from '../src/accounts/organizationView.js';
import { recordTaxExemptions } from '../src/accounts/recordTaxExemptions.js';
import { attemptChange, finishWith, notSavedCard, usualOutcomeCard } from '../src/conversation/changes.js';
import type { Conversation } from '../src/conversation/descriptor.js';
import { defineFlow } from '../src/conversation/flows.js';
import {
  cancelButton,
  formSubmit,
  personalChatOnlyCard,
  formAction,
  setAsideNote,
  submitButton,
} from '../src/conversation/forms.js';
import { noticeCard } from '../src/conversation/notice.js';
import { checklistFollowUp } from '../src/conversation/parts/checklistFollowUp.js';
import { explainDenial, onOrganization } from '../src/conversation/refusals.js';
import { escapeMarkdown } from '../src/conversation/text.js';
import type { MemberTurn } from '../src/conversation/turn.js';

/**
 * "Tax exemptions": when they apply (CSP resellers who are exempt, per CSP tenant), how they are
 * filed (a support request with the tax ID or FEIN and the documents; US resellers within 30 days
 * of accepting the agreement), and the admin's record that it is done or does not apply: the store
 * cannot know, only Microsoft support does (shared/domain/partner-center.md §5).
 */
const VERBS = { record: 'tax_exemptions.record' } as const;

// How tax exemptions work, with two buttons to record where the company stands: nothing typed.
const taxFlow = defineFlow('tax_exemptions', {}, { quiet: true });

async function showTaxExemptions(turn: MemberTurn): Promise<void> {
  const { t } = turn;
  const document = turn.organization.read();
  const status = onboardingStatus(document);
  const recorded = document.organization.onboarding?.taxExemptions;
  const record = { type: 'record_tax_exemptions' } as const;
  const mayRecord = decideIn(document, turn.user, record);
  const paragraphs = [
    t.t(status.enrolledInCsp ? 'taxExemptions.csp' : 'taxExemptions.notCsp'),
    t.t('taxExemptions.how'),
    t.t('taxExemptions.countries'),
    t.t('taxExemptions.vat'),
  ];
  const facts = [
    {
      title: t.t('taxExemptions.recorded'),
      value: recorded
        ? t.t(`taxExemptions.state.${recorded.state}`, {
            name: escapeMarkdown(recorded.recordedBy.displayName),
            date: recorded.recordedAt.slice(0, 10),
          })
        : t.t('taxExemptions.state.none'),
    },
  ];
  if (!mayRecord.allowed || !turn.personal) {
    // Everyone may read how it works; recording it is for whoever handles the company's tax information.
    const note = !mayRecord.allowed ? explainDenial(turn, mayRecord, record) : '';
    await turn.sendCard(noticeCard({ title: t.t('taxExemptions.title'), paragraphs, facts, note }));
    if (mayRecord.allowed) await turn.sendCard(personalChatOnlyCard(turn));
    return;
  }
  // Reading how it works is not a form, so it is not gated like one; recording is, at the click.
  const aside = setAsideNote(turn, turn.flows.close());
  if (aside) await turn.say(aside);
  const flow = turn.flows.start(taxFlow, {});
  await turn.sendCard(
    noticeCard({
      title: t.t('taxExemptions.title'),
      paragraphs,
      facts,
      actions: [
        submitButton(t.t('taxExemptions.markFiled'), VERBS.record, flow.id, { data: { state: 'filed' } }),
        submitButton(t.t('taxExemptions.markNotApplicable'), VERBS.record, flow.id, {
          style: 'default',
          data: { state: 'not_applicable' },
        }),
        cancelButton(turn, flow.id),
      ],
    }),
  );
}

const RecordData = formSubmit({ state: z.enum(['filed', 'not_applicable']) });

const record = formAction(taxFlow, RecordData, async (turn, click) => {
  const { flow, input } = click;
  const { t } = turn;
  const outcome = await attemptChange(
    turn,
    onOrganization(turn, 'organization.tax_exemptions_recorded'),
    (current, now) => recordTaxExemptions(current, turn.user.id, input.state, now),
  );
  switch (outcome.kind) {
    case 'saved':
      return finishWith(
        turn,
        flow.id,
        noticeCard({
          title: t.t(`taxExemptions.done.${input.state}`),
          tone: 'good',
          actions: checklistFollowUp(turn, flow),
        }),
      );
    case 'not_saved':
      return notSavedCard(turn);
    case 'stale':
    case 'gone':
      // A record of the organization's own: nothing to be stale against, no user to be gone.
      return finishWith(turn, flow.id, noticeCard({ title: t.t('profileForm.refusedTitle'), tone: 'attention' }));
    default:
      return usualOutcomeCard(turn, flow.id, outcome, t.t('profileForm.refusedTitle'));
  }
});

export const taxExemptions: Conversation = {
  name: 'tax-exemptions',
  policy: ['record_tax_exemptions'],
  flows: [taxFlow],
  intents: { tax_exemptions: showTaxExemptions },
  cardActions: { [VERBS.record]: record },
};
