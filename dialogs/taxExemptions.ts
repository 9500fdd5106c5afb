import { z } from 'zod';
import { onboardingStatus } from '../src/accounts/onboardingChecklist.js';
import { decideIn } from '../src/accounts/organizationView.js';
import { recordTaxExemptions } from '../src/accounts/recordTaxExemptions.js';
import { attemptChange } from '../src/bot/changes.js';
import { executeAction } from '../src/bot/cardActions.js';
import { CANCEL_VERB, type CardActionHandlers } from '../src/bot/cardRouter.js';
import { explainDenial } from '../src/bot/denial.js';
import { openFlowFor, personalChatOnlyCard, setAsideNote } from '../src/bot/flowCards.js';
import { noticeCard, sendCard } from '../src/bot/notice.js';
import { escapeMarkdown } from '../src/bot/text.js';
import { notSavedCard } from '../src/bot/profileForm.js';
import type { CardJson, MemberTurn } from '../src/bot/turn.js';
import { afterStep } from './onboarding.js';

/**
 * "Tax exemptions": when they apply (CSP resellers who are exempt, per CSP tenant), how they are
 * filed (a support request with the tax ID or FEIN and the documents; US resellers within 30 days
 * of accepting the agreement), and the admin's record that it is done or does not apply: the store
 * cannot know, only Microsoft support does (shared/domain/partner-center.md §5).
 */
export const VERBS = { record: 'tax_exemptions.record' } as const;

export async function showTaxExemptions(turn: MemberTurn): Promise<void> {
  const { t } = turn;
  const document = turn.organization.read();
  const status = onboardingStatus(document);
  const recorded = document.organization.onboarding?.taxExemptions;
  const mayRecord = decideIn(document, turn.user, { type: 'record_tax_exemptions' });
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
        ? t.t(`taxExemptions.state.${recorded.state}`, { name: escapeMarkdown(recorded.recordedBy.displayName), date: recorded.recordedAt.slice(0, 10) })
        : t.t('taxExemptions.state.none'),
    },
  ];
  if (!mayRecord.allowed || !turn.personal) {
    // Everyone may read how it works; recording it is for whoever handles the company's tax information.
    const note = !mayRecord.allowed ? explainDenial(t, mayRecord) : '';
    await sendCard(turn, noticeCard({ title: t.t('taxExemptions.title'), paragraphs, facts, note }));
    if (mayRecord.allowed) await sendCard(turn, personalChatOnlyCard(turn));
    return;
  }
  const aside = setAsideNote(turn, turn.flows.close());
  if (aside) await turn.context.sendActivity(aside);
  const flow = turn.flows.start({ kind: 'tax_exemptions' });
  await sendCard(
    turn,
    noticeCard({
      title: t.t('taxExemptions.title'),
      paragraphs,
      facts,
      actions: [
        executeAction(t.t('taxExemptions.markFiled'), VERBS.record, { flowId: flow.id, state: 'filed' }, { style: 'positive' }),
        executeAction(t.t('taxExemptions.markNotApplicable'), VERBS.record, { flowId: flow.id, state: 'not_applicable' }),
        executeAction(t.t('common.cancel'), CANCEL_VERB, { flowId: flow.id }),
      ],
    }),
  );
}

const RecordData = z.object({ flowId: z.string().max(64), state: z.enum(['filed', 'not_applicable']) }).passthrough();

async function record(turn: MemberTurn, data: Record<string, unknown>): Promise<CardJson> {
  const opened = openFlowFor(turn, data, 'tax_exemptions', RecordData);
  if (!opened.ok) return opened.card;
  const { flow, input } = opened;
  const { t } = turn;
  const attempt = await attemptChange(turn, { action: 'organization.tax_exemptions_recorded', target: { type: 'organization', id: turn.organization.tenantId } }, (current, now) =>
    recordTaxExemptions(current, turn.user.id, input.state, now),
  );
  const card = attempt.ok
    ? noticeCard({ title: t.t(`taxExemptions.done.${input.state}`), tone: 'good', actions: afterStep(turn) })
    : notSavedCard(turn, attempt);
  turn.flows.finish(flow.id, card);
  return card;
}

export const taxExemptionsActions: CardActionHandlers = { [VERBS.record]: record };
