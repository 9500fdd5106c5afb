import { TeamsInfo, type TurnContext } from 'botbuilder';
import type { AppConfig } from '../config.js';
import { activeGlobalAdmins } from '../domain/policy.js';
import { languageFromLocale, type Language } from '../i18n/index.js';
import { linkIdentity } from '../accounts/linkIdentity.js';
import type { AccountStore, TenantStore } from '../store/accountStore.js';
import { GUID_PATTERN, type UserRecord } from '../store/schema.js';
import { escapeMarkdown } from '../conversation/text.js';

/**
 * Who is acting, and for which organization, is decided here from the activity alone: the tenant
 * from `conversation.tenantId` / `channelData.tenant.id`, the person from `from.aadObjectId`.
 * Nothing in a card's data or a message's text can change it.
 */
export type Access =
  /** `joined`: an invited user whose Teams identity was linked by this very activity (greet them). */
  | { kind: 'member'; organization: TenantStore; user: UserRecord; language: Language; joined?: boolean }
  | { kind: 'refused'; language: Language; messageKey: string; values?: Record<string, string>; adminNames?: string[] };

export interface RosterMember {
  email?: string;
  userPrincipalName?: string;
  name?: string;
}

/** Asks Teams for the sender's roster entry (email / UPN). Injected so tests stay off Microsoft's cloud. */
export type MemberLookup = (context: TurnContext) => Promise<RosterMember | undefined>;

export const teamsMemberLookup: MemberLookup = async (context) => {
  try {
    const member = await TeamsInfo.getMember(context, context.activity.from.id);
    return {
      email: member.email ?? undefined,
      userPrincipalName: member.userPrincipalName ?? undefined,
      name: member.name,
    };
  } catch {
    return undefined;
  }
};

export interface AccessDependencies {
  store: AccountStore;
  config: AppConfig;
  memberLookup: MemberLookup;
}

export function tenantOf(context: TurnContext): { tenantId?: string; conflict: boolean } {
  const activity = context.activity;
  const fromConversation = activity.conversation?.tenantId;
  const fromChannelData = (activity.channelData as { tenant?: { id?: unknown } } | undefined)?.tenant?.id;
  const a = typeof fromConversation === 'string' ? fromConversation.toLowerCase() : undefined;
  const b = typeof fromChannelData === 'string' ? fromChannelData.toLowerCase() : undefined;
  if (a && b && a !== b) return { conflict: true };
  return { tenantId: a ?? b, conflict: false };
}

export async function resolveAccess(context: TurnContext, deps: AccessDependencies): Promise<Access> {
  const activityLanguage = languageFromLocale(context.activity.locale);
  const refuse = (messageKey: string, values?: Record<string, string>): Access => ({
    kind: 'refused',
    language: activityLanguage,
    messageKey,
    values,
  });

  const { tenantId, conflict } = tenantOf(context);
  if (conflict) return refuse('access.tenantMismatch');
  if (!tenantId) return refuse('access.noTenant');
  if (deps.config.mode === 'production' && !deps.config.allowedTenants.includes(tenantId))
    return refuse('access.tenantNotAllowed');
  const organization = await deps.store.current(tenantId);
  if (!organization) return refuse('access.unknownTenant');

  const objectId = context.activity.from?.aadObjectId?.toLowerCase();
  if (!objectId || !GUID_PATTERN.test(objectId)) return refuse('access.unidentified');

  let user = organization.userByObjectId(objectId);
  if (!user) user = await findInvitedByRoster(context, organization, deps.memberLookup);
  if (!user) return refuseNonMember(organization, activityLanguage);

  if (user.status === 'invited') {
    const invited = user;
    user = await organization.change((current, { now }) =>
      linkIdentity(current, invited.id, { aadObjectId: objectId, displayName: context.activity.from.name }, now),
    );
    return { kind: 'member', organization, user, language: user.preferredLanguage ?? activityLanguage, joined: true };
  }
  return { kind: 'member', organization, user, language: user.preferredLanguage ?? activityLanguage };
}

/**
 * Someone whose object id we do not know yet may be an invited user, recorded by work email.
 * Teams' roster gives the email or UPN of the sender; only a record not yet linked to another
 * Entra identity can be claimed that way.
 */
async function findInvitedByRoster(
  context: TurnContext,
  organization: TenantStore,
  lookup: MemberLookup,
): Promise<UserRecord | undefined> {
  const member = await lookup(context);
  for (const address of [member?.email, member?.userPrincipalName]) {
    if (!address) continue;
    const candidate = organization.userByEmail(address);
    if (candidate && candidate.status === 'invited' && !candidate.aadObjectId) return candidate;
  }
  return undefined;
}

function refuseNonMember(organization: TenantStore, language: Language): Access {
  const document = organization.read();
  const adminNames = activeGlobalAdmins(document).map((admin) => escapeMarkdown(admin.displayName));
  const values = { organization: escapeMarkdown(document.organization.displayName) };
  return {
    kind: 'refused',
    language,
    messageKey: adminNames.length > 0 ? 'access.notMember' : 'access.notMemberNoAdmins',
    values,
    adminNames,
  };
}
