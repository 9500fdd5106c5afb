import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { expandCard, UnresolvedBindingError, type CardPart } from '../../src/conversation/cards.js';
import { commandAction, executeAction } from '../../src/conversation/cardActions.js';
import { translator } from '../../src/i18n/index.js';
import { rolePickerPart } from '../../src/conversation/parts/rolePicker.js';
import { CARDS_DIR } from '../../src/paths.js';
import { adaptiveCardProblems } from '../helpers/adaptiveCards.js';
import { cardTexts } from '../helpers/cardText.js';

/** Sample data for every template in cards/: a template without one fails the suite. */
const SAMPLES: Record<string, object[]> = {
  help: [
    {
      title: 'What I can do',
      intro: 'Pick a task below.',
      footer: 'Type "help" at any time.',
      capabilities: [
        { title: 'My role', description: 'See your roles.', command: 'my_role' },
        { title: 'Programs', description: 'See programs.', command: 'programs' },
      ],
    },
  ],
  'my-role': [
    {
      title: 'Your roles in Contoso',
      noRoles: 'You have no role.',
      roles: [
        {
          name: 'Global admin',
          family: 'Microsoft Entra role',
          summary: 'Everything.',
          canDoHeading: 'What you can do',
          areas: [
            {
              id: 'permissions_0_users',
              heading: '▸ Users and roles (2)',
              name: 'Users and roles',
              expanded: false,
              lines: '- Add users\n- Remove users',
            },
          ],
        },
      ],
      askAdmins: 'Ask: Megan.',
      actions: [commandAction('Change roles', 'assign_roles', { userId: 'u-adele' })],
    },
    {
      title: 'Your roles in Contoso',
      noRoles: 'You have no role.',
      roles: [],
      askAdmins: 'Ask your Global admin.',
      actions: [],
    },
  ],
  programs: [
    {
      title: 'Programs of Contoso',
      verification: 'Account verification: Authorized',
      verificationMeaning: 'Verified.',
      none: 'No program.',
      programs: [
        {
          name: 'CSP',
          status: 'Active',
          color: 'Good',
          meaning: 'Working.',
          since: 'Since June 2, 2021',
          whoCanAct: '',
        },
        {
          name: 'Marketplace',
          status: 'Qualified',
          color: 'Accent',
          meaning: 'Sign.',
          since: 'Since Oct 28, 2026',
          whoCanAct: 'Who can act: Global admin',
        },
      ],
    },
    {
      title: 'Programs of Contoso',
      verification: 'Account verification: Not started',
      verificationMeaning: 'Not yet.',
      none: 'No program.',
      programs: [],
    },
  ],
};

const FORM_ACTIONS = [
  executeAction('Save', 'x.save', { flowId: '6f1c3a52-8a3b-4d7e-9a57-1c2f3e4d5a6b' }, { style: 'positive' }),
  executeAction('Cancel', 'flow.cancel', { flowId: '6f1c3a52-8a3b-4d7e-9a57-1c2f3e4d5a6b' }, { withInputs: false }),
];
const ROLE_PICKER = rolePickerPart(translator('en'), {
  editable: ['billing_admin', 'report_viewer', 'developer'],
  locked: ['global_admin'],
  selected: ['report_viewer'],
});
const field = (value: string, error: string) => ({
  label: 'Label',
  placeholder: 'Placeholder',
  requiredMessage: 'Required',
  value,
  error,
});

/** Templates whose forms get parts (the role picker) expanded into them. */
const PARTS: Record<string, CardPart[]> = { 'add-user': [ROLE_PICKER], 'edit-roles': [ROLE_PICKER] };

SAMPLES.notice = [
  {
    title: 'Jean Dupont was added',
    color: 'Good',
    paragraphs: ['Next: ask Jean to chat with me.'],
    facts: [{ title: 'Email', value: 'jean@contoso.com' }],
    note: 'A note.',
    actions: [commandAction('Add another user', 'add_user')],
  },
  { title: 'Cancelled', color: 'Default', paragraphs: [], facts: [], note: '', actions: [] },
];
SAMPLES.history = [
  {
    title: 'Recent changes in your organization',
    empty: 'Nothing has been recorded yet.',
    entries: [{ when: 'Nov 22, 2026, 4:00 AM', line: 'Alex Wilber: gave Adele Vance: Billing admin' }],
    note: 'Entries 1 to 10 of 26, newest first. Time zone: UTC.',
    actions: [executeAction('Older', 'history.page', { before: 'a-1' })],
  },
  {
    title: 'What changed for Adele Vance',
    empty: 'Nothing has been recorded yet.',
    entries: [],
    note: 'Newest first.',
    actions: [],
  },
];
SAMPLES['add-user'] = [
  {
    title: 'Add a user',
    intro: 'Intro.',
    notice: '',
    fields: { displayName: field('', ''), email: field('', '') },
    rolesHeading: 'Roles',
    rolesError: '',
    errorSummary: '',
    actions: FORM_ACTIONS,
  },
  {
    title: 'Add a user',
    intro: 'Intro.',
    notice: 'Closed your other form.',
    fields: { displayName: field('Jean', 'Too long.'), email: field('bad', 'Not an email.') },
    rolesHeading: 'Roles',
    rolesError: 'Choose a role.',
    errorSummary: 'Not added yet: fix Roles above.',
    actions: FORM_ACTIONS,
  },
];
SAMPLES['edit-roles'] = [
  {
    title: 'Roles of Adele Vance',
    facts: [{ title: 'Email', value: 'adelev@contoso.com' }],
    intro: 'Tick roles.',
    notice: '',
    noticeColor: 'Default',
    actions: FORM_ACTIONS,
  },
  {
    title: 'Roles of Adele Vance',
    facts: [],
    intro: 'Tick roles.',
    notice: 'Changed meanwhile.',
    noticeColor: 'Attention',
    actions: FORM_ACTIONS,
  },
];
SAMPLES['pick-user'] = [
  {
    title: 'Whose roles?',
    intro: 'Type a name.',
    queryLabel: 'Name or email',
    queryPlaceholder: 'Adele',
    query: 'ad',
    error: '',
    matchesHeading: 'Matching users',
    matches: [
      {
        name: 'Adele Vance',
        detail: 'adelev@contoso.com · Sales agent',
        actions: [executeAction('Choose', 'pick_user.choose', { flowId: 'f', userId: 'u-adele' })],
      },
    ],
    actions: FORM_ACTIONS,
  },
  {
    title: 'Whose roles?',
    intro: 'Type a name.',
    queryLabel: 'Name or email',
    queryPlaceholder: 'Adele',
    query: 'zz',
    error: 'No user matches.',
    matchesHeading: 'Matching users',
    matches: [],
    actions: FORM_ACTIONS,
  },
];
SAMPLES['notification-email'] = [
  {
    title: 'Your notification email',
    facts: [{ title: 'Current address', value: 'alexw@contoso.com' }],
    label: 'New',
    placeholder: 'x@contoso.com',
    requiredMessage: 'Required',
    value: '',
    error: '',
    explanation: 'Alternate email.',
    actions: FORM_ACTIONS,
  },
  {
    title: 'Your notification email',
    facts: [{ title: 'Current address', value: 'alexw@contoso.com' }],
    label: 'New',
    placeholder: 'x@contoso.com',
    requiredMessage: 'Required',
    value: 'a@b.onmicrosoft.com',
    error: 'No mail there.',
    explanation: 'Alternate email.',
    actions: FORM_ACTIONS,
  },
];
SAMPLES['profile-form'] = [
  {
    title: 'Support details',
    paragraphs: ['Customers are sent here.'],
    facts: [],
    formError: '',
    note: 'Phones are international.',
    actions: FORM_ACTIONS,
    fields: [
      {
        kind: 'text',
        id: 'website',
        style: 'Url',
        label: 'Website',
        placeholder: 'https://…',
        value: '',
        maxLength: 300,
        isRequired: false,
        requiredMessage: '',
        error: '',
      },
      {
        kind: 'text',
        id: 'phone',
        style: 'Tel',
        label: 'Phone',
        placeholder: '+33…',
        value: '12',
        maxLength: 40,
        isRequired: true,
        requiredMessage: 'Enter a phone.',
        error: 'Not a phone number.',
      },
    ],
  },
  {
    title: 'Associate your PartnerID',
    paragraphs: [],
    facts: [{ title: 'Associated now', value: 'None' }],
    formError: 'This location is inactive.',
    note: '',
    actions: FORM_ACTIONS,
    fields: [
      {
        kind: 'choice',
        id: 'country',
        label: 'Country',
        placeholder: 'Choose',
        value: 'FR',
        choices: [{ title: 'France', value: 'FR' }],
        isRequired: true,
        requiredMessage: 'Choose one.',
        error: '',
      },
    ],
  },
];
SAMPLES.customers = [
  {
    title: '5 customers',
    paragraphs: ['Matching "toys".'],
    rows: [
      {
        id: 'cust-tailspin',
        open: 'Open',
        name: 'Tailspin Toys SARL',
        details: 'tailspintoys.onmicrosoft.com · Active',
      },
      { id: 'cust-wingtip', open: 'Open', name: 'Wingtip Toys', details: 'wingtiptoys.com · Invited' },
    ],
    note: 'Page 1 of 2',
    actions: [executeAction('Next', 'customers.page', { page: '1', query: 'toys' })],
  },
  { title: 'You have no customers yet.', paragraphs: [], rows: [], note: '', actions: [] },
];

SAMPLES['customer-picker'] = [
  {
    title: 'Whose users?',
    label: 'Customer',
    placeholder: 'Type to search',
    required: 'Choose a customer.',
    choices: [{ title: 'Fabrikam, Inc. (fabrikam.onmicrosoft.com)', value: 'cust-fabrikam' }],
    actions: [{ type: 'Action.Submit', title: 'Continue', data: { command: 'customer_users' } }],
  },
];

SAMPLES['customer-users'] = [
  {
    notice: 'Tom Baker was added.',
    noticeColor: 'Good',
    title: 'Users of Fabrikam, Inc.',
    paragraphs: ['3 users.'],
    rows: [
      {
        name: 'Rob Young',
        details: 'rob.young@fabrikam.com',
        action: executeAction('Delete', 'customer_users.delete', { flowId: 'f', userId: 'cu-1' }),
      },
      {
        name: 'Ana Bowman',
        details: 'deleted, can be restored until Dec 30, 2026',
        action: executeAction('Restore', 'customer_users.restore', { flowId: 'f', userId: 'cu-2' }),
      },
    ],
    note: 'A deleted user can be restored for 30 days.',
    actions: [executeAction('Add a user', 'customer_users.add', { flowId: 'f' })],
  },
  {
    notice: '',
    noticeColor: 'Good',
    title: 'Users of Northwind',
    paragraphs: ['No users yet.'],
    rows: [],
    note: '',
    actions: [],
  },
];

SAMPLES['access-review'] = [
  {
    title: 'Access review: who keeps a privileged role?',
    intro: 'Started by Alex Wilber on Mon 30 Nov, 10:00.',
    notice: '',
    people: [
      {
        inputId: 'review.u-isaiah',
        choiceLabel: 'Isaiah Langer: Admin agent',
        keepLabel: 'Keep',
        removeLabel: 'Remove',
      },
    ],
    note: 'Remove takes away the privileged roles.',
    actions: [executeAction('Save my review', 'access_review.save', { reviewId: 'review-1' })],
  },
  {
    title: 'Access review',
    intro: 'Nobody holds a privileged role.',
    notice: 'Still open.',
    people: [],
    note: '',
    actions: [],
  },
];

SAMPLES['privileged-confirmation'] = [
  {
    title: 'Confirm a privileged role',
    color: 'Warning',
    paragraphs: ['You are about to give Adele Vance a privileged role: Admin agent.'],
    facts: [],
    durationLabel: 'For how long',
    durations: [
      { title: 'Until someone takes it away', value: 'permanent' },
      { title: 'For 1 day', value: 'P1D' },
    ],
    reasonLabel: '',
    reasonPlaceholder: 'Quarter-end billing migration',
    reasonError: 'Say why.',
    note: 'A role given for a time is taken away by the bot itself at its end.',
    actions: [executeAction('Yes, save the roles', 'edit_roles.confirm', { flowId: 'f' })],
  },
  {
    title: 'Confirm a privileged role',
    color: 'Warning',
    paragraphs: ['You are about to give Megan Bowen a privileged role: Global admin.'],
    facts: [],
    durationLabel: 'For how long',
    durations: [{ title: 'For 1 day', value: 'P1D' }],
    reasonLabel: 'Why? (the other Global admins will see it)',
    reasonPlaceholder: 'Quarter-end billing migration',
    reasonError: 'Say why.',
    note: 'A second Global admin approves every new Global admin.',
    actions: [executeAction('Ask for approval', 'edit_roles.confirm', { flowId: 'f' })],
  },
  {
    title: 'Confirm a privileged role',
    color: 'Warning',
    paragraphs: ['You are about to give Jean a privileged role.'],
    facts: [{ title: 'Email', value: 'jean@contoso.com' }],
    durationLabel: 'For how long',
    durations: [],
    reasonLabel: '',
    reasonPlaceholder: '',
    reasonError: '',
    note: '',
    actions: [],
  },
];

SAMPLES.onboarding = [
  {
    title: 'Set up: 2 of 6 done',
    color: 'Default',
    intro: 'Steps.',
    note: 'Shared.',
    steps: [
      {
        state: 'Done',
        color: 'Good',
        text: '1. Support',
        detail: 'support@contoso.com',
        actions: [commandAction('Review', 'update_support_profile')],
      },
      { state: 'To do', color: 'Warning', text: '2. Tax', detail: '', actions: [] },
    ],
  },
];

describe('card templates', () => {
  const templates = readdirSync(CARDS_DIR)
    .filter((name) => name.endsWith('.json'))
    .map((name) => name.replace(/\.json$/, ''));

  it('every template has sample data in this test', () => {
    assert.deepEqual(
      templates.filter((name) => !SAMPLES[name]),
      [],
    );
  });

  for (const name of templates) {
    it(`${name}: expands with no unresolved binding and passes the Adaptive Cards 1.5 parser`, () => {
      for (const sample of SAMPLES[name] ?? []) {
        const card = expandCard(name, sample, PARTS[name]);
        assert.deepEqual(adaptiveCardProblems(card), []);
        assert.ok(
          cardTexts(card).every((text) => text.trim().length > 0),
          `${name} shows an empty text`,
        );
      }
    });
  }

  it('refuses to render a card with a binding the data did not fill', () => {
    assert.throws(() => expandCard('help', { title: 'x', intro: 'y', capabilities: [] }), UnresolvedBindingError);
  });

  it('shows what a person typed literally, never as a template', () => {
    const card = expandCard('help', {
      title: '${footer}',
      intro: '${if(true, "a", "b")}',
      footer: 'f',
      capabilities: [{ title: '${command}', description: 'd', command: 'my_role' }],
    });
    const texts = cardTexts(card).join('\n');
    assert.match(texts, /^\$\u200D\{footer\}/);
    assert.ok(texts.includes('$\u200D{if(true, "a", "b")}'));
  });

  it('the parser check itself catches a bad card (so the test above can fail)', () => {
    assert.notDeepEqual(adaptiveCardProblems({ type: 'AdaptiveCard', version: '1.5', body: [{ type: 'Nope' }] }), []);
    assert.notDeepEqual(adaptiveCardProblems({ type: 'AdaptiveCard', version: '1.6', body: [] }), []);
  });
});
