import { z } from 'zod';
import { addLocation, checkLocation, type LocationInput } from '../src/accounts/addLocation.js';
import {
  associatedLocation,
  associatePartnerId,
  PartnerIdAssociationError,
  primaryTenantOf,
  type AssociationInput,
} from '../src/accounts/associatePartnerId.js';
import { countryChoices, countryName } from '../src/accounts/countries.js';
import { homeCountry, ProfileInputError, type FieldProblems } from '../src/accounts/organizationProfile.js';
import { PLACE_MAX_LENGTH } from '../src/accounts/profileFields.js';
import { attemptChange } from '../src/bot/changes.js';
import { executeAction } from '../src/bot/cardActions.js';
import { CANCEL_VERB, type CardActionHandlers } from '../src/bot/cardRouter.js';
import { admitToForm, FlowOnly, openFlowFor, setAsideNote } from '../src/bot/flowCards.js';
import { noticeCard, sendCard } from '../src/bot/notice.js';
import { notSavedCard, profileFormCard } from '../src/bot/profileForm.js';
import { escapeMarkdown } from '../src/bot/text.js';
import type { CardJson, MemberTurn } from '../src/bot/turn.js';
import type { Location } from '../src/store/schema.js';
import { afterStep } from './onboarding.js';

/**
 * "Associate our PartnerID": link the organization's Entra tenant to the PartnerID of one of its
 * business locations (seed 003: pick a location or type its MPN ID). The rules (known and active
 * PartnerID, same country as the tenant, one tenant per location) are in
 * src/accounts/associatePartnerId.ts; a refusal says which one and why, and is audited.
 *
 * A new organization has no locations yet: "Add a location" records one with the PartnerID that
 * Partner Center shows for it, then comes back here.
 */
export const VERBS = {
  associate: 'partner_id.associate',
  addLocation: 'partner_id.add_location',
  saveLocation: 'location.save',
} as const;

const ACTION = { type: 'update_org_section', section: 'locations' } as const;

export async function startPartnerId(turn: MemberTurn): Promise<void> {
  if (!(await admitToForm(turn, ACTION, { action: 'organization.partner_id_associated', target: { type: 'organization', id: turn.organization.tenantId } }))) return;
  const aside = setAsideNote(turn, turn.flows.close());
  if (aside) await turn.context.sendActivity(aside);
  await sendCard(turn, associationForm(turn));
}

export async function startAddLocation(turn: MemberTurn): Promise<void> {
  if (!(await admitToForm(turn, ACTION, { action: 'organization.location_added', target: { type: 'organization', id: turn.organization.tenantId } }))) return;
  const aside = setAsideNote(turn, turn.flows.close());
  if (aside) await turn.context.sendActivity(aside);
  await sendCard(turn, locationForm(turn));
}

function locationLine(turn: MemberTurn, location: Location): string {
  return turn.t.t('partnerId.locationLine', {
    name: location.name,
    partnerId: location.partnerId,
    city: location.city,
    country: countryName(location.country, turn.t.language),
    status: turn.t.t(`orgProfile.locationStatus.${location.status}`),
  });
}

function associationForm(turn: MemberTurn, flowId?: string, typed: AssociationInput = {}, refusal?: string, notice?: string): CardJson {
  const { t } = turn;
  const document = turn.organization.read();
  const { locations } = document.organization.profile;
  const flow = flowId ? { id: flowId } : turn.flows.start({ kind: 'partner_id' });
  const linked = associatedLocation(document);
  const tenantCountry = primaryTenantOf(document)?.country;
  const facts = [
    { title: t.t('partnerId.now'), value: linked ? escapeMarkdown(locationLine(turn, linked)) : t.t('partnerId.noneYet') },
    ...(tenantCountry ? [{ title: t.t('partnerId.tenantCountry'), value: countryName(tenantCountry, t.language) }] : []),
  ];
  const addLocationButton = executeAction(t.t('partnerId.addLocation'), VERBS.addLocation, { flowId: flow.id }, { withInputs: false });
  const cancel = executeAction(t.t('common.cancel'), CANCEL_VERB, { flowId: flow.id }, { withInputs: false });
  if (locations.length === 0) {
    return noticeCard({ title: t.t('partnerId.title'), paragraphs: [...(notice ? [notice] : []), t.t('partnerId.noLocations')], facts, actions: [addLocationButton, cancel] });
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
      ...(tenantCountry ? [] : [{ kind: 'choice' as const, id: 'tenantCountry', value: typed.tenantCountry ?? homeCountry(document) ?? '', choices: countryChoices(t.language), required: true }]),
    ],
    // A refusal is about the choice as a whole (location, country), not one field.
    ...(refusal ? { formError: refusal } : {}),
    note: t.t('partnerId.rules'),
    actions: [executeAction(t.t('partnerId.associate'), VERBS.associate, { flowId: flow.id }, { style: 'positive' }), addLocationButton, cancel],
  });
}

const AssociateData = z
  .object({
    flowId: z.string().max(64),
    locationId: z.string().max(100).optional().default(''),
    partnerId: z.string().max(10_000).optional().default(''),
    tenantCountry: z.string().max(10).optional().default(''),
  })
  .passthrough();

function refusalText(turn: MemberTurn, error: PartnerIdAssociationError, typed: AssociationInput): string {
  const { t } = turn;
  return t.t(`partnerId.problem.${error.problem}`, {
    partnerId: escapeMarkdown(typed.partnerId ?? error.location?.partnerId ?? ''),
    location: escapeMarkdown(error.location?.name ?? ''),
    locationCountry: error.location ? countryName(error.location.country, t.language) : '',
    tenantCountry: error.tenantCountry ? countryName(error.tenantCountry, t.language) : '',
  });
}

async function associate(turn: MemberTurn, data: Record<string, unknown>): Promise<CardJson> {
  const opened = openFlowFor(turn, data, 'partner_id', AssociateData);
  if (!opened.ok) return opened.card;
  const { flow, input } = opened;
  const { t } = turn;
  const partnerId = input.partnerId.trim().slice(0, 40);
  // A PartnerID typed is what the admin means, even if a location was also picked.
  const typed: AssociationInput = {
    ...(partnerId ? { partnerId } : input.locationId ? { locationId: input.locationId } : {}),
    ...(input.tenantCountry ? { tenantCountry: input.tenantCountry } : {}),
  };
  if (!typed.partnerId && !typed.locationId) return associationForm(turn, flow.id, typed, t.t('partnerId.problem.nothing_chosen'));
  let card: CardJson;
  try {
    const attempt = await attemptChange(turn, { action: 'organization.partner_id_associated', target: { type: 'organization', id: turn.organization.tenantId } }, (current) =>
      associatePartnerId(current, turn.user.id, typed),
    );
    if (attempt.ok) {
      const { location, previous } = attempt.result;
      card = noticeCard({
        title: t.t('partnerId.done', { partnerId: location.partnerId }),
        tone: 'good',
        facts: [{ title: t.t('partnerId.now'), value: escapeMarkdown(locationLine(turn, location)) }],
        paragraphs: [
          ...(previous ? [t.t('partnerId.moved', { previous: escapeMarkdown(previous.name), partnerId: previous.partnerId })] : []),
          t.t('partnerId.why'),
        ],
        actions: afterStep(turn),
      });
    } else if (attempt.kind === 'stale') {
      return associationForm(turn, undefined, {}, undefined, t.t('profileForm.stale'));
    } else {
      card = notSavedCard(turn, attempt);
    }
  } catch (error) {
    if (!(error instanceof PartnerIdAssociationError)) throw error;
    if (error.problem !== 'already_associated') {
      await turn.organization.recordRefusal({
        actor: { userId: turn.user.id, displayName: turn.user.displayName },
        action: 'organization.partner_id_associated',
        target: { type: 'organization', id: turn.organization.tenantId },
        reason: error.problem,
        // What was asked, so the history can say which PartnerID was refused.
        after: { partnerId: error.location?.partnerId ?? typed.partnerId?.slice(0, 20) ?? null },
      });
    }
    return associationForm(turn, flow.id, typed, refusalText(turn, error, typed));
  }
  turn.flows.finish(flow.id, card);
  return card;
}

function locationForm(turn: MemberTurn, flowId?: string, typed?: LocationInput, problems: FieldProblems = {}): CardJson {
  const { t } = turn;
  const document = turn.organization.read();
  const flow = flowId ? { id: flowId } : turn.flows.start({ kind: 'add_location' });
  const value = typed ?? { name: '', city: '', country: primaryTenantOf(document)?.country ?? homeCountry(document) ?? '', partnerId: '' };
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
    actions: [
      executeAction(t.t('common.save'), VERBS.saveLocation, { flowId: flow.id }, { style: 'positive' }),
      executeAction(t.t('common.cancel'), CANCEL_VERB, { flowId: flow.id }, { withInputs: false }),
    ],
  });
}

const LocationData = z
  .object({
    flowId: z.string().max(64),
    name: z.string().max(10_000).optional().default(''),
    city: z.string().max(10_000).optional().default(''),
    country: z.string().max(10).optional().default(''),
    partnerId: z.string().max(10_000).optional().default(''),
  })
  .passthrough();

async function saveLocation(turn: MemberTurn, data: Record<string, unknown>): Promise<CardJson> {
  const opened = openFlowFor(turn, data, 'add_location', LocationData);
  if (!opened.ok) return opened.card;
  const { flow, input } = opened;
  const { t } = turn;
  const typed: LocationInput = { name: input.name.slice(0, 1000), city: input.city.slice(0, 1000), country: input.country, partnerId: input.partnerId.slice(0, 40) };
  const { problems } = checkLocation(turn.organization.read(), typed);
  if (Object.keys(problems).length > 0) return locationForm(turn, flow.id, typed, problems);
  try {
    const attempt = await attemptChange(turn, { action: 'organization.location_added', target: { type: 'organization', id: turn.organization.tenantId } }, (current) =>
      addLocation(current, turn.user.id, typed),
    );
    if (!attempt.ok) {
      const card = notSavedCard(turn, attempt);
      turn.flows.finish(flow.id, card);
      return card;
    }
    turn.flows.finish(flow.id);
    // Next: associate it (the usual reason to add one during onboarding).
    return associationForm(turn, undefined, { locationId: attempt.result.id }, undefined, t.t('location.added', { name: escapeMarkdown(attempt.result.name), partnerId: attempt.result.partnerId }));
  } catch (error) {
    if (error instanceof ProfileInputError) return locationForm(turn, flow.id, typed, error.problems);
    throw error;
  }
}

export const partnerIdActions: CardActionHandlers = {
  [VERBS.associate]: associate,
  [VERBS.addLocation]: async (turn, data) => {
    const opened = openFlowFor(turn, data, 'partner_id', FlowOnly);
    if (!opened.ok) return opened.card;
    turn.flows.finish(opened.flow.id);
    return locationForm(turn);
  },
  [VERBS.saveLocation]: saveLocation,
};
