import { z } from 'zod';
import { CustomerInputError } from '../src/accounts/customerDetails.js';
import {
  endRelationship,
  invitationLink,
  inviteCustomer,
  recordInvitationAccepted,
} from '../src/accounts/customerRelationship.js';
import type { Customer } from '../src/store/schema.js';
import { attemptChange, finishWith, usualOutcomeCard } from '../src/conversation/changes.js';
import { commandAction } from '../src/conversation/cardActions.js';
import type { Conversation } from '../src/conversation/descriptor.js';
import { defineFlow } from '../src/conversation/flows.js';
import {
  cancelButton,
  formAction,
  formSubmit,
  FlowOnly,
  openForm,
  stepButton,
  submitButton,
  typedText,
} from '../src/conversation/forms.js';
import { noticeCard } from '../src/conversation/notice.js';
import { customerCard, customerPickerCard, customersRequested } from '../src/conversation/parts/customers.js';
import { profileFormCard } from '../src/conversation/parts/profileForm.js';
import { allowedOrExplained, type AttemptedChange } from '../src/conversation/refusals.js';
import { escapeMarkdown } from '../src/conversation/text.js';
import type { CardJson, MemberTurn } from '../src/conversation/turn.js';
import { translator } from '../src/i18n/index.js';

/**
 * The reseller relationship (shared/domain/partner-center.md §6):
 * - "invite Wingtip to a reseller relationship": a company that already has Microsoft 365 or
 *   Azure is invited, not added. The form asks its name, a domain it owns and the language of the
 *   invitation; the bot records it as invited and gives the text and the link to send (the
 *   partner's name and IDs in it). When the customer has accepted in the Microsoft 365 admin
 *   center, "Wingtip accepted" (or the button on its card) records it with its Microsoft ID.
 * - "end our relationship with Litware": a confirmation naming the customer; the customer stays,
 *   marked ended, for the history.
 * Inviting: Global admin, Admin agent, Sales agent; ending: Global admin, Admin agent (choice).
 */
const VERBS = {
  invite: 'customer_relationship.invite',
  accept: 'customer_relationship.accept',
  end: 'customer_relationship.end',
} as const;

const inviteFlow = defineFlow('invite_customer', {});
const acceptFlow = defineFlow('customer_accepted', { customerId: z.string().min(1).max(64) });
const endFlow = defineFlow('end_customer_relationship', {
  customerId: z.string().min(1).max(64),
  revision: z.number().int().nonnegative(),
});

const onCustomer = (id: string, action: string): AttemptedChange => ({ action, target: { type: 'customer', id } });

type InviteTyped = { companyName: string; domain: string; language: string };

function inviteForm(
  turn: MemberTurn,
  flowId: string,
  typed: InviteTyped,
  problems: Record<string, string> = {},
): CardJson {
  const { t } = turn;
  return profileFormCard(turn, {
    title: t.t('inviteCustomer.title'),
    paragraphs: [t.t('inviteCustomer.intro')],
    fields: [
      { kind: 'text', id: 'companyName', value: typed.companyName, maxLength: 200, required: true },
      { kind: 'text', id: 'domain', value: typed.domain, maxLength: 253, required: true },
      {
        kind: 'choice',
        id: 'invitationLanguage',
        value: typed.language || t.language,
        choices: [
          { title: t.t('history.languageName.en'), value: 'en' },
          { title: t.t('history.languageName.fr'), value: 'fr' },
        ],
        required: true,
      },
    ],
    problems,
    actions: [submitButton(t.t('inviteCustomer.button'), VERBS.invite, flowId), cancelButton(turn, flowId)],
  });
}

/** The invitation to send, in the language chosen for the customer (not the admin's). */
function invitationCard(turn: MemberTurn, customer: Customer, language: 'en' | 'fr'): CardJson {
  const { t } = turn;
  const document = turn.organization.read();
  const link = invitationLink(document.organization.tenantId, document.organization.profile.identifiers.cspPartnerId);
  const letter = translator(language).t('inviteCustomer.letter', {
    customer: customer.companyName,
    partner: document.organization.displayName,
    partnerId: document.organization.profile.identifiers.cspPartnerId ?? document.organization.tenantId,
    link,
  });
  return noticeCard({
    title: t.t('inviteCustomer.done', { company: escapeMarkdown(customer.companyName) }),
    tone: 'good',
    paragraphs: [t.t('inviteCustomer.send'), escapeMarkdown(letter)],
    note: t.t('inviteCustomer.next', { company: escapeMarkdown(customer.companyName) }),
    actions: [commandAction(t.t('customer.action.accepted'), 'invite_customer', { customerId: customer.id })],
  });
}

async function startInvite(turn: MemberTurn): Promise<void> {
  await openForm(turn, { policy: { type: 'invite_customer' }, attempted: onCustomer('new', 'customer.invited') }, () =>
    inviteForm(turn, turn.flows.start(inviteFlow, {}).id, { companyName: '', domain: '', language: '' }),
  );
}

const invite = formAction(
  inviteFlow,
  formSubmit({ companyName: typedText(), domain: typedText(), invitationLanguage: typedText() }),
  async (turn, { flow, input }) => {
    const typed = {
      companyName: input.companyName.slice(0, 1000),
      domain: input.domain.slice(0, 1000),
      language: input.invitationLanguage === 'fr' ? 'fr' : 'en',
    } as const;
    const outcome = await attemptChange(
      turn,
      onCustomer('new', 'customer.invited'),
      (current, now) => inviteCustomer(current, turn.user.id, typed, now),
      { invalid: CustomerInputError },
    );
    switch (outcome.kind) {
      case 'saved':
        return finishWith(turn, flow.id, invitationCard(turn, outcome.result, typed.language));
      case 'invalid':
        return inviteForm(turn, flow.id, typed, outcome.error.problems);
      case 'stale':
        return inviteForm(turn, flow.id, typed);
      default:
        return usualOutcomeCard(turn, flow.id, outcome, turn.t.t('inviteCustomer.refusedTitle'));
    }
  },
);

function acceptForm(
  turn: MemberTurn,
  flowId: string,
  customer: Customer,
  typed: string,
  problems: Record<string, string> = {},
) {
  const { t } = turn;
  return profileFormCard(turn, {
    title: t.t('inviteCustomer.acceptTitle', { company: escapeMarkdown(customer.companyName) }),
    paragraphs: [t.t('inviteCustomer.acceptIntro')],
    fields: [{ kind: 'text', id: 'microsoftId', value: typed, maxLength: 36, required: true }],
    problems,
    actions: [submitButton(t.t('common.save'), VERBS.accept, flowId), cancelButton(turn, flowId)],
  });
}

async function startAccept(turn: MemberTurn, customer: Customer): Promise<void> {
  await openForm(
    turn,
    { policy: { type: 'invite_customer' }, attempted: onCustomer(customer.id, 'customer.relationship_accepted') },
    () => acceptForm(turn, turn.flows.start(acceptFlow, { customerId: customer.id }).id, customer, ''),
  );
}

const accept = formAction(acceptFlow, formSubmit({ microsoftId: typedText() }), async (turn, { flow, input }) => {
  const customer = turn.organization.read().customers.find((each) => each.id === flow.customerId);
  if (!customer)
    return finishWith(turn, flow.id, noticeCard({ title: turn.t.t('customer.unknown'), tone: 'attention' }));
  const typed = input.microsoftId.slice(0, 1000);
  const outcome = await attemptChange(
    turn,
    onCustomer(customer.id, 'customer.relationship_accepted'),
    (current, now) => recordInvitationAccepted(current, turn.user.id, customer.id, typed, now),
    { invalid: CustomerInputError },
  );
  switch (outcome.kind) {
    case 'saved':
      return finishWith(
        turn,
        flow.id,
        customerCard(turn, outcome.result, {
          title: turn.t.t('inviteCustomer.accepted', { company: escapeMarkdown(customer.companyName) }),
          tone: 'good',
        }),
      );
    case 'invalid':
      return outcome.error.problems.microsoftId
        ? acceptForm(turn, flow.id, customer, typed, outcome.error.problems)
        : finishWith(turn, flow.id, noticeCard({ title: turn.t.t('inviteCustomer.notInvited'), tone: 'attention' }));
    case 'stale':
      return acceptForm(turn, flow.id, customer, typed);
    default:
      return usualOutcomeCard(turn, flow.id, outcome, turn.t.t('inviteCustomer.refusedTitle'));
  }
});

async function startEnd(turn: MemberTurn, customer: Customer): Promise<void> {
  const { t } = turn;
  await openForm(
    turn,
    {
      policy: { type: 'end_customer_relationship' },
      attempted: onCustomer(customer.id, 'customer.relationship_ended'),
    },
    () => {
      const flow = turn.flows.start(endFlow, { customerId: customer.id, revision: customer.revision });
      return noticeCard({
        title: t.t('endRelationship.confirmTitle', { company: escapeMarkdown(customer.companyName) }),
        paragraphs: [t.t('endRelationship.confirmBody', { domain: customer.domains[0] ?? '' })],
        tone: 'warning',
        actions: [
          stepButton(t.t('endRelationship.button'), VERBS.end, flow.id, { style: 'destructive' }),
          cancelButton(turn, flow.id),
        ],
      });
    },
  );
}

const end = formAction(endFlow, FlowOnly, async (turn, { flow }) => {
  const { t } = turn;
  const outcome = await attemptChange(
    turn,
    onCustomer(flow.customerId, 'customer.relationship_ended'),
    (current, now) => endRelationship(current, turn.user.id, flow.customerId, flow.revision, now),
    { invalid: CustomerInputError },
  );
  switch (outcome.kind) {
    case 'saved':
      return finishWith(
        turn,
        flow.id,
        customerCard(turn, outcome.result, {
          title: t.t('endRelationship.done', { company: escapeMarkdown(outcome.result.companyName) }),
          tone: 'good',
          paragraphs: [t.t('endRelationship.kept')],
          actions: [],
        }),
      );
    case 'invalid':
      return finishWith(turn, flow.id, noticeCard({ title: t.t('endRelationship.already'), tone: 'attention' }));
    case 'stale':
      return finishWith(turn, flow.id, noticeCard({ title: t.t('endRelationship.stale'), tone: 'warning' }));
    default:
      return usualOutcomeCard(turn, flow.id, outcome, t.t('endRelationship.refusedTitle'));
  }
});

/** The customer a request names among those in `among`, or the picker (or a word that there are none). */
async function oneCustomer(
  turn: MemberTurn,
  request: Parameters<typeof customersRequested>[1],
  among: readonly Customer['relationship']['status'][],
  intent: 'invite_customer' | 'end_customer_relationship',
  open: (customer: Customer) => Promise<void>,
): Promise<void> {
  const named = customersRequested(turn, request, among);
  if (named.length === 1) return open(named[0]!);
  const candidates =
    named.length > 1 ? named : turn.organization.read().customers.filter((c) => among.includes(c.relationship.status));
  if (candidates.length === 0) {
    await turn.say(turn.t.t(intent === 'invite_customer' ? 'inviteCustomer.noneInvited' : 'customer.list.noneActive'));
    return;
  }
  await turn.sendCard(customerPickerCard(turn, intent, candidates, turn.t.t(`customer.picker.title.${intent}`)));
}

export const customerRelationship: Conversation = {
  name: 'customer-relationship',
  policy: ['invite_customer', 'end_customer_relationship'],
  flows: [inviteFlow, acceptFlow, endFlow],
  offeredWhen: {
    invite_customer: () => ({ type: 'invite_customer' }),
    end_customer_relationship: () => ({ type: 'end_customer_relationship' }),
  },
  intents: {
    // A new invitation, or, for a customer already invited (named or chosen), its acceptance.
    invite_customer: async (turn, request) => {
      if (!(await allowedOrExplained(turn, { type: 'invite_customer' }, onCustomer('new', 'customer.invited')))) return;
      const invited = customersRequested(turn, request, ['invited']);
      if (invited.length === 1) return startAccept(turn, invited[0]!);
      return startInvite(turn);
    },
    end_customer_relationship: async (turn, request) => {
      if (
        !(await allowedOrExplained(
          turn,
          { type: 'end_customer_relationship' },
          onCustomer('unknown', 'customer.relationship_ended'),
        ))
      )
        return;
      await oneCustomer(turn, request, ['active', 'invited'], 'end_customer_relationship', (customer) =>
        startEnd(turn, customer),
      );
    },
  },
  cardActions: { [VERBS.invite]: invite, [VERBS.accept]: accept, [VERBS.end]: end },
};
