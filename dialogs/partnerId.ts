import { z } from 'zod';
import { addLocation, checkLocation, type LocationInput } from '../src/accounts/addLocation.js';
import {
  associatedLocation,
  associatePartnerId,
  checkAssociation,
  PartnerIdAssociationError,
  primaryTenantOf,
  type Association,
  type AssociationInput,
} from '../src/accounts/associatePartnerId.js';
import { countryChoices, countryName } from '../src/accounts/countries.js';
import { homeCountry, ProfileInputError, type FieldProblems } from '../src/accounts/organizationProfile.js';
import { PLACE_MAX_LENGTH } from '../src/accounts/profileFields.js';
import type { Location } from '../src/store/schema.js';
import { attemptChange, finishWith, usualOutcomeCard } from '../src/conversation/changes.js';
import type { Conversation } from '../src/conversation/descriptor.js';
import { defineFlow, type FlowOf } from '../src/conversation/flows.js';
import {
  backButton,
  cancelButton,
  closedFormCard,
  FlowOnly,
  formSubmit,
  openForm,
  formAction,
  stepButton,
  submitButton,
  typedText,
} from '../src/conversation/forms.js';
import { noticeCard } from '../src/conversation/notice.js';
import { checklistFollowUp } from '../src/conversation/parts/checklistFollowUp.js';
import { profileFormCard } from '../src/conversation/parts/profileForm.js';
import { onOrganization, recordRefusedAttempt } from '../src/conversation/refusals.js';
import { escapeMarkdown } from '../src/conversation/text.js';
import type { CardJson, MemberTurn } from '../src/conversation/turn.js';

/**
 * "Associate our PartnerID": link the organization's Entra tenant to the PartnerID of one of its
 * business locations (seed 003: pick a location or type its MPN ID). The rules (known and active
 * PartnerID, same country as the tenant, one tenant per location) are in
 * src/accounts/associatePartnerId.ts; a refusal says which one and why, and is audited.
 *
 * Associating another location moves the tenant's association away from the one it has: the
 * admin confirms that move first, seeing from where to where.
 *
 * A new organization has no locations yet: "Add a location" records one with the PartnerID that
 * Partner Center shows for it, then comes back here.
 */
const VERBS = {
  associate: 'partner_id.associate',
  confirmMove: 'partner_id.confirm_move',
  back: 'partner_id.back',
  addLocation: 'partner_id.add_location',
  saveLocation: 'location.save',
} as const;

const POLICY = { type: 'update_org_section', section: 'locations' } as const;

const partnerIdFlow = defineFlow('partner_id', {
  /** A move waiting for the admin's yes: what they chose, and the location associated when they were asked. */
  pendingMove: z
    .object({
      locationId: z.string().max(100).optional(),
      partnerId: z.string().max(40).optional(),
      tenantCountry: z.string().max(10).optional(),
      from: z.string().max(100),
    })
    .optional(),
});
type PartnerIdFlow = FlowOf<typeof partnerIdFlow>;
const locationFlow = defineFlow('add_location', {});

const associating = (turn: MemberTurn) => onOrganization(turn, 'organization.partner_id_associated');
const addingLocation = (turn: MemberTurn) => onOrganization(turn, 'organization.location_added');

function locationLine(turn: MemberTurn, location: Location): string {
  return turn.t.t('partnerId.locationLine', {
    name: location.name,
    partnerId: location.partnerId,
    city: location.city,
    country: countryName(location.country, turn.t.language),
    status: turn.t.t(`orgProfile.locationStatus.${location.status}`),
  });
}

function associationForm(
  turn: MemberTurn,
  flowId?: string,
  typed: AssociationInput = {},
  refusal?: string,
  notice?: string,
): CardJson {
  const { t } = turn;
  const document = turn.organization.read();
  const { locations } = document.organization.profile;
  const flow = { id: flowId ?? turn.flows.start(partnerIdFlow, {}).id };
  const linked = associatedLocation(document);
  const tenantCountry = primaryTenantOf(document)?.country;
  const facts = [
    {
      title: t.t('partnerId.now'),
      value: linked ? escapeMarkdown(locationLine(turn, linked)) : t.t('partnerId.noneYet'),
    },
    ...(tenantCountry
      ? [{ title: t.t('partnerId.tenantCountry'), value: countryName(tenantCountry, t.language) }]
      : []),
  ];
  const addLocationButton = stepButton(t.t('partnerId.addLocation'), VERBS.addLocation, flow.id);
  const cancel = cancelButton(turn, flow.id);
  if (locations.length === 0) {
    return noticeCard({
      title: t.t('partnerId.title'),
      paragraphs: [...(notice ? [notice] : []), t.t('partnerId.noLocations')],
      facts,
      actions: [addLocationButton, cancel],
    });
  }
  return profileFormCard(turn, {
    title: t.t('partnerId.title'),
    paragraphs: [...(notice ? [notice] : []), t.t('partnerId.intro')],
    facts,
    fields: [
      {
        kind: 'choice',
        id: 'locationId',
        value: typed.locationId ?? '',
        choices: locations.map((location) => ({ title: locationLine(turn, location), value: location.id })),
      },
      { kind: 'text', id: 'partnerId', value: typed.partnerId ?? '', maxLength: 20 },
      ...(tenantCountry
        ? []
        : [
            {
              kind: 'choice' as const,
              id: 'tenantCountry',
              value: typed.tenantCountry ?? homeCountry(document) ?? '',
              choices: countryChoices(t.language),
              required: true,
            },
          ]),
    ],
    // A refusal is about the choice as a whole (location, country), not one field.
    ...(refusal ? { formError: refusal } : {}),
    note: t.t('partnerId.rules'),
    actions: [submitButton(t.t('partnerId.associate'), VERBS.associate, flow.id), addLocationButton, cancel],
  });
}

const AssociateData = formSubmit({
  locationId: z.string().max(100).optional().default(''),
  partnerId: typedText(),
  tenantCountry: z.string().max(10).optional().default(''),
});

function refusalText(turn: MemberTurn, error: PartnerIdAssociationError, typed: AssociationInput): string {
  const { t } = turn;
  return t.t(`partnerId.problem.${error.problem}`, {
    partnerId: escapeMarkdown(typed.partnerId ?? error.location?.partnerId ?? ''),
    location: escapeMarkdown(error.location?.name ?? ''),
    locationCountry: error.location ? countryName(error.location.country, t.language) : '',
    tenantCountry: error.tenantCountry ? countryName(error.tenantCountry, t.language) : '',
  });
}

const associate = formAction(partnerIdFlow, AssociateData, async (turn, click) => {
  const { flow, input } = click;
  const { t } = turn;
  const partnerId = input.partnerId.trim().slice(0, 40);
  // A PartnerID typed is what the admin means, even if a location was also picked.
  const typed: AssociationInput = {
    ...(partnerId ? { partnerId } : input.locationId ? { locationId: input.locationId } : {}),
    ...(input.tenantCountry ? { tenantCountry: input.tenantCountry } : {}),
  };
  if (!typed.partnerId && !typed.locationId)
    return associationForm(turn, flow.id, typed, t.t('partnerId.problem.nothing_chosen'));
  let association: Association;
  try {
    association = checkAssociation(turn.organization.read(), typed);
  } catch (error) {
    if (error instanceof PartnerIdAssociationError) return refused(turn, flow.id, typed, error);
    throw error;
  }
  if (!association.previous) return save(turn, flow, typed, '');
  turn.flows.update(partnerIdFlow, { ...flow, pendingMove: { ...typed, from: association.previous.id } });
  return moveConfirmation(turn, flow.id, association.previous, association.location);
});

/** "Move the association from Paris to Lyon?": incentives and benefits follow the associated location. */
function moveConfirmation(turn: MemberTurn, flowId: string, from: Location, to: Location): CardJson {
  const { t } = turn;
  return noticeCard({
    title: t.t('partnerId.move.title'),
    tone: 'warning',
    facts: [
      { title: t.t('partnerId.move.from'), value: escapeMarkdown(locationLine(turn, from)) },
      { title: t.t('partnerId.move.to'), value: escapeMarkdown(locationLine(turn, to)) },
    ],
    paragraphs: [t.t('partnerId.move.body', { from: escapeMarkdown(from.name), to: escapeMarkdown(to.name) })],
    actions: [
      submitButton(t.t('partnerId.move.yes'), VERBS.confirmMove, flowId),
      backButton(turn, VERBS.back, flowId),
      cancelButton(turn, flowId),
    ],
  });
}

/** A PartnerID refused by Partner Center's rules is a refused attempt (audited); linking the one already linked is not. */
async function refused(
  turn: MemberTurn,
  flowId: string,
  typed: AssociationInput,
  error: PartnerIdAssociationError,
): Promise<CardJson> {
  if (error.problem !== 'already_associated') {
    // What was asked, so the history can say which PartnerID was refused.
    const after = { partnerId: error.location?.partnerId ?? typed.partnerId?.slice(0, 20) ?? null };
    await recordRefusedAttempt(turn, { ...associating(turn), after }, error.problem);
  }
  return associationForm(turn, flowId, typed, refusalText(turn, error, typed));
}

/** `linkedWhenShown`: the location associated when the admin decided ('' for none); another since is stale. */
async function save(
  turn: MemberTurn,
  flow: PartnerIdFlow,
  typed: AssociationInput,
  linkedWhenShown: string,
): Promise<CardJson> {
  const { t } = turn;
  const outcome = await attemptChange(
    turn,
    associating(turn),
    (current) => associatePartnerId(current, turn.user.id, typed, linkedWhenShown),
    { invalid: PartnerIdAssociationError },
  );
  switch (outcome.kind) {
    case 'saved': {
      const { location, previous } = outcome.result;
      return finishWith(
        turn,
        flow.id,
        noticeCard({
          title: t.t('partnerId.done', { partnerId: location.partnerId }),
          tone: 'good',
          facts: [{ title: t.t('partnerId.now'), value: escapeMarkdown(locationLine(turn, location)) }],
          paragraphs: [
            ...(previous
              ? [t.t('partnerId.moved', { previous: escapeMarkdown(previous.name), partnerId: previous.partnerId })]
              : []),
            t.t('partnerId.why'),
          ],
          actions: checklistFollowUp(turn, flow),
        }),
      );
    }
    case 'invalid':
      return refused(turn, flow.id, typed, outcome.error);
    case 'stale':
      return associationForm(turn, undefined, {}, undefined, t.t('profileForm.stale'));
    default:
      return usualOutcomeCard(turn, flow.id, outcome, t.t('profileForm.refusedTitle'));
  }
}

const confirmMove = formAction(partnerIdFlow, FlowOnly, async (turn, click) => {
  const { pendingMove } = click.flow;
  if (!pendingMove) return closedFormCard(turn, click.flow.id);
  const { from, ...typed } = pendingMove;
  return save(turn, click.flow, typed, from);
});

const back = formAction(partnerIdFlow, FlowOnly, async (turn, click) => {
  const { pendingMove, ...flow } = click.flow;
  turn.flows.update(partnerIdFlow, flow);
  const { from: _from, ...typed } = pendingMove ?? { from: '' };
  return associationForm(turn, flow.id, typed);
});

function locationForm(
  turn: MemberTurn,
  flowId?: string,
  typed?: LocationInput,
  problems: FieldProblems = {},
): CardJson {
  const { t } = turn;
  const document = turn.organization.read();
  const flow = { id: flowId ?? turn.flows.start(locationFlow, {}).id };
  const value = typed ?? {
    name: '',
    city: '',
    country: primaryTenantOf(document)?.country ?? homeCountry(document) ?? '',
    partnerId: '',
  };
  return profileFormCard(turn, {
    title: t.t('location.title'),
    paragraphs: [t.t('location.intro')],
    fields: [
      { kind: 'text', id: 'name', value: value.name, maxLength: PLACE_MAX_LENGTH, required: true },
      { kind: 'text', id: 'city', value: value.city, maxLength: PLACE_MAX_LENGTH, required: true },
      { kind: 'choice', id: 'country', value: value.country, choices: countryChoices(t.language), required: true },
      { kind: 'text', id: 'partnerId', value: value.partnerId, maxLength: 20, required: true },
    ],
    problems,
    note: t.t('location.note'),
    actions: [submitButton(t.t('common.save'), VERBS.saveLocation, flow.id), cancelButton(turn, flow.id)],
  });
}

const LocationData = formSubmit({
  name: typedText(),
  city: typedText(),
  country: z.string().max(10).optional().default(''),
  partnerId: typedText(),
});

const saveLocation = formAction(locationFlow, LocationData, async (turn, click) => {
  const { flow, input } = click;
  const { t } = turn;
  const typed: LocationInput = {
    name: input.name.slice(0, 1000),
    city: input.city.slice(0, 1000),
    country: input.country,
    partnerId: input.partnerId.slice(0, 40),
  };
  const { problems } = checkLocation(turn.organization.read(), typed);
  if (Object.keys(problems).length > 0) return locationForm(turn, flow.id, typed, problems);
  const outcome = await attemptChange(
    turn,
    addingLocation(turn),
    (current) => addLocation(current, turn.user.id, typed),
    {
      invalid: ProfileInputError,
    },
  );
  switch (outcome.kind) {
    case 'saved': {
      turn.flows.finish(flow.id);
      // Next: associate it (the usual reason to add one during onboarding).
      const added = outcome.result;
      const notice = t.t('location.added', { name: escapeMarkdown(added.name), partnerId: added.partnerId });
      return associationForm(turn, undefined, { locationId: added.id }, undefined, notice);
    }
    case 'invalid':
      return locationForm(turn, flow.id, typed, outcome.error.problems);
    case 'stale':
      // Adding a location replaces nothing, so nothing can be stale: the form again, as typed.
      return locationForm(turn, flow.id, typed);
    default:
      return usualOutcomeCard(turn, flow.id, outcome, t.t('profileForm.refusedTitle'));
  }
});

const addLocationInstead = formAction(partnerIdFlow, FlowOnly, async (turn, click) => {
  turn.flows.finish(click.flow.id);
  return locationForm(turn);
});

export const partnerId: Conversation = {
  name: 'partner-id',
  policy: ['update_org_section'],
  flows: [partnerIdFlow, locationFlow],
  offeredWhen: { associate_partner_id: () => POLICY, add_location: () => POLICY },
  intents: {
    associate_partner_id: (turn) =>
      openForm(turn, { policy: POLICY, attempted: associating(turn) }, () => associationForm(turn)),
    add_location: (turn) =>
      openForm(turn, { policy: POLICY, attempted: addingLocation(turn) }, () => locationForm(turn)),
  },
  cardActions: {
    [VERBS.associate]: associate,
    [VERBS.confirmMove]: confirmMove,
    [VERBS.back]: back,
    [VERBS.addLocation]: addLocationInstead,
    [VERBS.saveLocation]: saveLocation,
  },
};
