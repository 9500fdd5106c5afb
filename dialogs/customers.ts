import { z } from 'zod';
import { searchCustomers, searchedFor } from '../src/accounts/customerSearch.js';
import { commandAction, executeAction } from '../src/conversation/cardActions.js';
import { expandCard } from '../src/conversation/cards.js';
import type { Conversation } from '../src/conversation/descriptor.js';
import { malformedCard, personalChatOnlyCard } from '../src/conversation/forms.js';
import { csvFile, fileName, isExportedFile, type ExportedFile } from '../src/conversation/fileExports.js';
import {
  addressLine,
  customerCard,
  customersRequested,
  relationshipText,
} from '../src/conversation/parts/customers.js';
import { allowedOrExplained, onOrganization, recordRefusedAttempt, refusalCard } from '../src/conversation/refusals.js';
import { decideIn } from '../src/accounts/organizationView.js';
import { escapeMarkdown } from '../src/conversation/text.js';
import type { CardJson, MemberTurn } from '../src/conversation/turn.js';
import type { Customer } from '../src/store/schema.js';

/**
 * "Show our customers", "find the customer fabrikma", "who is the customer with domain
 * fabrikam.onmicrosoft.com", "liste des clients": the partner's customers (CSP), found by company
 * name (case, accents and small typos forgiven), domain or Microsoft ID. One customer found: its
 * card; several: a list, eight a page, each row opening its card. Only roles that may see customers
 * get them (Global admin, Admin agent, Sales agent, Helpdesk agent), in any chat: a lookup changes
 * nothing.
 */
export const PAGE_SIZE = 8;
const VERBS = { page: 'customers.page' } as const;

const PageData = z.object({ page: z.coerce.number().int().min(0).max(10_000), query: z.string().max(200) });

function listCard(
  turn: MemberTurn,
  found: readonly Customer[],
  query: string,
  page: number,
  heading?: string,
): CardJson {
  const { t } = turn;
  const pages = Math.max(1, Math.ceil(found.length / PAGE_SIZE));
  const shown = Math.min(page, pages - 1);
  const rows = found.slice(shown * PAGE_SIZE, (shown + 1) * PAGE_SIZE);
  const move = (title: string, to: number) =>
    executeAction(title, VERBS.page, { page: String(to), query }, { withInputs: false });
  return expandCard('customers', {
    title: heading ?? t.t('customer.list.title', { count: found.length }),
    paragraphs: query ? [t.t('customer.list.searched', { query: escapeMarkdown(query) })] : [],
    rows: rows.map((customer) => ({
      id: customer.id,
      open: t.t('customer.list.open'),
      name: escapeMarkdown(customer.companyName),
      details: escapeMarkdown(`${customer.domains[0]} · ${relationshipText(turn, customer)}`),
    })),
    note: pages > 1 ? t.t('customer.list.page', { page: shown + 1, pages }) : '',
    actions: [
      ...(shown > 0 ? [move(t.t('customer.list.previous'), shown - 1)] : []),
      ...(shown < pages - 1 ? [move(t.t('customer.list.next'), shown + 1)] : []),
      // Adding is offered from the list (the help card names customers once, to fit Teams).
      ...(turn.conversations.offers(turn, 'add_customer')
        ? [commandAction(t.t('suggest.add_customer'), 'add_customer')]
        : []),
    ],
  });
}

/** What a search finds, as the card that answers it. */
function answerFor(turn: MemberTurn, query: string, page = 0): CardJson {
  const { t } = turn;
  const customers = turn.organization.read().customers;
  if (customers.length === 0) return emptyCard(t.t('customer.list.noneYet'));
  const found = searchCustomers(customers, query).map((match) => match.customer);
  if (found.length === 1) return customerCard(turn, found[0]!);
  if (found.length === 0)
    return listCard(
      turn,
      searchCustomers(customers, '').map((match) => match.customer),
      '',
      0,
      t.t('customer.list.notFound', { query: escapeMarkdown(query) }),
    );
  return listCard(turn, found, query, page);
}

function emptyCard(text: string): CardJson {
  return expandCard('customers', { title: text, paragraphs: [], rows: [], note: '', actions: [] });
}

const page = async (turn: MemberTurn, data: Record<string, unknown>): Promise<CardJson> => {
  const parsed = PageData.safeParse(data);
  if (!parsed.success) return malformedCard(turn);
  const decision = decideIn(turn.organization.read(), turn.user, { type: 'view_customers' });
  if (!decision.allowed)
    return refusalCard(turn, turn.t.t('customer.refusedTitle'), decision, { type: 'view_customers' });
  return answerFor(turn, parsed.data.query, parsed.data.page);
};

// --- The customer list as a file (issue 22) ---------------------------------------------------

/** Every customer this admin may see, one line each, with what a spreadsheet of customers needs. */
async function customersFile(turn: MemberTurn): Promise<ExportedFile | CardJson> {
  const { t } = turn;
  const action = { type: 'view_customers' } as const;
  const decision = decideIn(turn.organization.read(), turn.user, action);
  if (!decision.allowed) {
    await recordRefusedAttempt(turn, onOrganization(turn, 'customers.exported'), decision.reason);
    return refusalCard(turn, t.t('customer.refusedTitle'), decision, action);
  }
  const list = turn.organization.read().customers;
  return csvFile(
    fileName(t.t('export.customers.fileStem'), new Date().toISOString().slice(0, 10)),
    [
      'company',
      'domains',
      'microsoftId',
      'country',
      'address',
      'relationship',
      'canOrder',
      'contact',
      'contactEmail',
      'added',
    ].map((column) => t.t(`export.customers.column.${column}`)),
    list.map((customer) => [
      customer.companyName,
      customer.domains.join(' '),
      customer.microsoftId ?? '',
      customer.address?.country ?? '',
      customer.address ? addressLine(customer.address) : '',
      t.t(`export.customers.relationship.${customer.relationship.status}`),
      t.t(customer.relationship.status === 'active' && customer.agreement ? 'common.yes' : 'common.no'),
      customer.contact ? `${customer.contact.firstName} ${customer.contact.lastName}` : '',
      customer.contact?.email ?? '',
      customer.createdAt,
    ]),
  );
}

/** "Export our customers": the consent card for the file, in the personal chat. */
async function offerCustomers(turn: MemberTurn): Promise<void> {
  if (!(await allowedOrExplained(turn, { type: 'view_customers' }, onOrganization(turn, 'customers.exported')))) return;
  if (!turn.personal) {
    await turn.sendCard(personalChatOnlyCard(turn));
    return;
  }
  const file = await customersFile(turn);
  if (!isExportedFile(file)) {
    await turn.sendCard(file);
    return;
  }
  await turn.offerFile({
    name: file.name,
    description: turn.t.t('export.customers.description', { count: turn.organization.read().customers.length }),
    sizeInBytes: file.content.length,
    request: { export: 'customers', params: {} },
  });
}

export const customers: Conversation = {
  name: 'customers',
  policy: ['view_customers'],
  offeredWhen: {
    find_customers: () => ({ type: 'view_customers' }),
    export_customers: () => ({ type: 'view_customers' }),
  },
  help: [{ intent: 'find_customers', order: 75 }],
  intents: {
    export_customers: (turn) => offerCustomers(turn),
    find_customers: async (turn, request) => {
      if (!(await allowedOrExplained(turn, { type: 'view_customers' }))) return;
      const named = customersRequested(turn, request, ['active', 'invited', 'ended']);
      if (named.length === 1) {
        await turn.sendCard(customerCard(turn, named[0]!));
        return;
      }
      if (request.customerId) {
        await turn.say(turn.t.t('customer.unknown'));
        return;
      }
      await turn.sendCard(answerFor(turn, request.text ? searchedFor(request.text) : ''));
    },
  },
  cardActions: { [VERBS.page]: page },
  exports: { customers: (turn) => customersFile(turn) },
};
