import { normalize } from './normalize.js';

/**
 * What an admin's message asks for. This is the exact-pattern recognizer of the guided
 * conversations: each intent has a few sentence shapes in English and French, compared on
 * normalized text (no case, accents or punctuation), with named parts captured as free text
 * (`who`, `role`, `task`) for the lookups to resolve against the organization and the catalog.
 * Anything else is "none": the bot never guesses an action from a message it did not match.
 */
export const INTENTS = [
  'help',
  'cancel',
  'set_language',
  'add_user',
  'assign_roles',
  'remove_roles',
  'remove_user',
  'update_notification_email',
  'my_role',
  'user_roles',
  'role_holders',
  'role_permissions',
  'role_for_task',
  'programs',
] as const;
export type Intent = (typeof INTENTS)[number];

export interface Understanding {
  intent: Intent | 'none';
  /** A person, as written: a name, part of a name, or an email. */
  who?: string;
  /** A role, as written ("billing admin", "administrateurs généraux"). */
  role?: string;
  /** A task, as written ("manage incentives"). */
  task?: string;
  language?: 'en' | 'fr';
}

const ROLE_WORD = '(?:roles?|permissions?|droits?|acces)';
const POLITE = '(?:(?:please|pls|svp|s il (?:te|vous) plait|merci) )?';
const CAN_YOU = '(?:(?:can|could|would) you (?:please )?|(?:peux|pourrais) tu |(?:pouvez|pourriez) vous |je (?:veux|voudrais|souhaite) |i (?:want|would like|d like|need) to )?';
const A_USER = '(?:(?:a|an|the|one|new|a new) )?(?:users?|persons?|members?|people|account)';
const UN_UTILISATEUR = '(?:(?:un|une|le|l|des|nouvel|un nouvel|une nouvelle) )?(?:utilisateurs?|utilisatrices?|personnes?|membres?|compte)';
const NOTIF = '(?:(?:e ?mail|email|mail|address|adresse(?: e ?mail| mail)?|courriel) (?:of |for |de |d |pour les? )?notifications?|notifications? (?:e ?mail|email|mail|address|adresse))';

interface Pattern {
  intent: Intent;
  shapes: RegExp[];
  language?: 'en' | 'fr';
}

const anchored = (source: string) => new RegExp(`^${POLITE}${CAN_YOU}${source}(?: ${POLITE.slice(0, -1)})?$`);

const PATTERNS: Pattern[] = [
  { intent: 'help', shapes: ['help', 'aide', '\\?', 'menu', 'what can you do', 'que sais tu faire', 'que peux tu faire', 'hi', 'hello', 'bonjour', 'salut', 'start', 'commencer'].map(anchored) },
  {
    intent: 'cancel',
    shapes: ['cancel(?: (?:this|that|it))?', 'annuler?', 'annulez', 'stop', 'arrete', 'never ?mind', 'forget it', 'laisse tomber', 'abandonner?'].map(anchored),
  },
  {
    intent: 'set_language',
    language: 'fr',
    shapes: ['(?:speak|talk|reply|answer|write|switch to|use) (?:in )?french', 'in french', 'french please', '(?:parle|parlez|reponds|repondez|ecris|passe|passez|passons)(?: moi| nous)? (?:en )?francais', 'en francais'].map(anchored),
  },
  {
    intent: 'set_language',
    language: 'en',
    shapes: ['(?:speak|talk|reply|answer|write|switch to|use) (?:in )?english', 'in english', 'english please', '(?:parle|parlez|reponds|repondez|ecris|passe|passez|passons)(?: moi| nous)? (?:en )?anglais', 'en anglais'].map(anchored),
  },
  {
    intent: 'add_user',
    shapes: [
      `(?:add|create|invite|onboard|new) ${A_USER}`,
      'new user',
      `(?:ajouter|ajoute|ajoutez|creer|cree|creez|inviter|invite) ${UN_UTILISATEUR}`,
      'nouvel utilisateur',
    ].map(anchored),
  },
  {
    intent: 'assign_roles',
    shapes: [
      `(?:assign|change|edit|manage|update|modify|set|give) (?:the |some )?${ROLE_WORD}(?: (?:of|for|to) (?<who>.+))?`,
      `(?:change|edit|manage|update|modify) (?<who>.+?) s ${ROLE_WORD}`,
      `(?:attribuer|attribue|attribuez|modifier|modifie|modifiez|changer|change|changez|gerer|gere|gerez|donner|donne) (?:des |les |un )?${ROLE_WORD}(?: (?:de|d|a|pour) (?<who>.+))?`,
    ].map(anchored),
  },
  {
    intent: 'remove_roles',
    shapes: [
      `(?:remove|take away|revoke|withdraw) (?:the |a |some )?${ROLE_WORD} (?:of|from) (?<who>.+)`,
      `(?:retirer|retire|retirez|enlever|enleve|revoquer) (?:des |les |un |le )?${ROLE_WORD} (?:de|d|a) (?<who>.+)`,
    ].map(anchored),
  },
  {
    intent: 'remove_user',
    shapes: [
      `(?:remove|delete|offboard) ${A_USER}(?: (?<who>.+))?`,
      `(?:supprimer|supprime|supprimez|retirer|retire|retirez|enlever|enleve) ${UN_UTILISATEUR}(?: (?<who>.+))?`,
    ].map(anchored),
  },
  {
    intent: 'update_notification_email',
    shapes: [
      `(?:(?:change|update|set|edit|modify) )?(?:my |the )?${NOTIF}`,
      `(?:(?:changer|change|changez|modifier|modifie|modifiez|mettre a jour|mets a jour) )?(?:mon |ma |l |mes |le )?${NOTIF}`,
      `(?:change|update|set|edit|modify) (?<who>.+?) s ${NOTIF}`,
      `(?:changer|modifier|mettre a jour) (?:l )?${NOTIF} (?:de|d) (?<who>.+)`,
    ].map(anchored),
  },
  {
    intent: 'my_role',
    shapes: [
      `(?:what (?:is|are) |whats |show |show me |list )?my ${ROLE_WORD}`,
      'what (?:role|roles) do i have',
      'what can i do',
      'who am i',
      `(?:quel est |quels sont |quelles sont |affiche |montre moi |voir )?(?:mon|mes) ${ROLE_WORD}`,
      'quel (?:role|roles) ai je',
      'qu est ce que je peux faire',
    ].map(anchored),
  },
  {
    intent: 'role_for_task',
    shapes: [
      '(?:which|what) (?:role|roles|permission|permissions) (?:do |would |does )?(?:i|we|one|someone|a user) (?:need|needs|require) (?:to|for|in order to) (?<task>.+)',
      '(?:which|what) (?:role|roles) (?:can|lets me|allows me to|let me|allows) (?<task>.+)',
      'who can (?<task>.+)',
      '(?:quel|quels) (?:role|roles|droit|droits) (?:me |nous )?(?:faut il|faut il avoir|est necessaire|sont necessaires) pour (?<task>.+)',
      'de (?:quel|quels) (?:role|roles) (?:ai je|a t on) besoin pour (?<task>.+)',
      '(?:quel|quels) (?:role|roles) (?:permet|permettent) de (?<task>.+)',
      'qui peut (?<task>.+)',
    ].map(anchored),
  },
  {
    intent: 'role_permissions',
    shapes: [
      'what (?:can|may) (?:a |an |the )?(?<role>.+?) do',
      'what does (?:a |an |the )?(?<role>.+?) (?:role )?(?:do|allow|give|let you do)',
      '(?:permissions|rights|capabilities) of (?:a |an |the )?(?<role>.+)',
      '(?:que|qu est ce que) (?:peut|peuvent) faire (?:un |une |l |le |la |les )?(?<role>.+)',
      'que fait (?:un |une |l |le |la )?(?<role>.+)',
      '(?:droits|permissions) (?:d un |d une |du |de l |de la |des |de )(?<role>.+)',
    ].map(anchored),
  },
  {
    intent: 'user_roles',
    shapes: [
      `(?:what|which) ${ROLE_WORD} (?:does|do|has) (?<who>.+?)(?: (?:have|hold|got))?`,
      `(?:what|which) (?:is|are) (?<who>.+?) s ${ROLE_WORD}`,
      `(?:show |list )?${ROLE_WORD} (?:of|for) (?<who>.+)`,
      'what can (?<who>.+?) do',
      `(?:quel est|quels sont|quelles sont|affiche|montre moi|voir)? ?(?:le |les )?${ROLE_WORD} (?:de|d) (?<who>.+)`,
      `(?:quel|quels) ${ROLE_WORD} (?:a|possede) (?<who>.+)`,
      'que peut faire (?<who>.+)',
    ].map(anchored),
  },
  {
    intent: 'role_holders',
    shapes: [
      'who (?:are|is) (?:the |our |my |a |an )?(?<role>.+?)',
      'who (?:has|holds|have) (?:the )?(?<role>.+?)(?: role)?',
      '(?:list|show)(?: me)? (?:the |all |all the )?(?<role>.+)',
      'qui (?:sont|est) (?:les |le |la |l |nos |notre )?(?<role>.+)',
      'qui (?:a|ont|possede) (?:le )?(?:role )?(?:de |d )?(?<role>.+)',
      '(?:liste|affiche|montre moi)(?: des| les)? (?<role>.+)',
    ].map(anchored),
  },
  {
    intent: 'programs',
    shapes: [
      '(?:our |my |the )?programs?',
      '(?:which|what) programs? (?:are we|is the company|is our company|am i) (?:enrolled|registered|in)(?: in)?',
      'program enrollments?',
      'are we (?:enrolled|registered) in (?:the )?.+',
      '(?:nos |les |mes )?programmes?',
      '(?:a |dans )?(?:quels|quel) programmes? (?:sommes nous|est on|l entreprise est elle) (?:inscrits?|inscrite)?',
      'inscriptions? aux programmes',
      'sommes nous (?:inscrits?|inscrite|enregistres) (?:au|a|aux|a la|dans le)? ?.+',
    ].map(anchored),
  },
];

export function understand(text: string | undefined): Understanding {
  if (!text) return { intent: 'none' };
  const normalized = normalize(text);
  if (!normalized || normalized.length > 300) return { intent: 'none' };
  for (const pattern of PATTERNS) {
    for (const shape of pattern.shapes) {
      const match = shape.exec(normalized);
      if (!match) continue;
      const groups = match.groups ?? {};
      return {
        intent: pattern.intent,
        ...(groups.who ? { who: groups.who } : {}),
        ...(groups.role ? { role: groups.role } : {}),
        ...(groups.task ? { task: groups.task } : {}),
        ...(pattern.language ? { language: pattern.language } : {}),
      };
    }
  }
  return { intent: 'none' };
}
