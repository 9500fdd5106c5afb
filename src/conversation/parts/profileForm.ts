import type { FieldProblems } from '../../accounts/organizationProfile.js';
import { expandCard } from '../cards.js';
import type { CardAction } from '../cardActions.js';
import type { CardJson, MemberTurn } from '../turn.js';

/**
 * The form card of the organization profile conversations (support details, primary contact,
 * locations, PartnerID): fields described as data, each with its label, value and the problem
 * found with it, so every profile form looks and behaves the same. Field texts come from
 * `profileForm.field.<id>.*`, problems from `profileForm.problem.<field>.<problem>`.
 */
export type FieldStyle = 'Text' | 'Email' | 'Tel' | 'Url';

export interface TextFieldSpec {
  id: string;
  style?: FieldStyle;
  value: string;
  maxLength: number;
  required?: boolean;
}

export interface ChoiceFieldSpec {
  id: string;
  value: string;
  choices: { title: string; value: string }[];
  required?: boolean;
}

/** A day (YYYY-MM-DD, as Input.Date sends it). */
export interface DateFieldSpec {
  id: string;
  value: string;
  required?: boolean;
}

/** An on/off choice; its label is the field's label. */
export interface ToggleFieldSpec {
  id: string;
  value: 'true' | 'false';
}

export interface ProfileFormSpec {
  title: string;
  paragraphs?: string[];
  facts?: { title: string; value: string }[];
  fields: (
    | ({ kind: 'text' } & TextFieldSpec)
    | ({ kind: 'choice' } & ChoiceFieldSpec)
    | ({ kind: 'date' } & DateFieldSpec)
    | ({ kind: 'toggle' } & ToggleFieldSpec)
  )[];
  problems?: FieldProblems | Record<string, string>;
  /** What is wrong with the form as a whole (a choice refused for a reason of the data), above the buttons. */
  formError?: string;
  note?: string;
  actions: CardAction[];
}

/** `problem`: a FieldProblem, or a problem of its own a form names (a customer's domain "taken"). */
export function problemText(turn: MemberTurn, field: string, problem: string): string {
  return turn.t.t(`profileForm.problem.${field}.${problem}`, { max: 254 });
}

export function profileFormCard(turn: MemberTurn, spec: ProfileFormSpec): CardJson {
  const { t } = turn;
  const fieldText = (id: string, part: string) => t.t(`profileForm.field.${id}.${part}`);
  const error = (id: string) => {
    const problem = spec.problems?.[id];
    return problem ? problemText(turn, id, problem) : '';
  };
  return expandCard('profile-form', {
    title: spec.title,
    paragraphs: spec.paragraphs ?? [],
    facts: spec.facts ?? [],
    fields: spec.fields.map((field) => {
      const required = field.kind !== 'toggle' && (field.required ?? false);
      const common = {
        kind: field.kind,
        id: field.id,
        label: fieldText(field.id, 'label'),
        // A switch has no placeholder: its label says what it turns on.
        placeholder: field.kind === 'toggle' ? '' : fieldText(field.id, 'placeholder'),
        value: field.value,
        isRequired: required,
        requiredMessage: required ? problemText(turn, field.id, 'required') : '',
        error: error(field.id),
      };
      if (field.kind === 'text') return { ...common, style: field.style ?? 'Text', maxLength: field.maxLength };
      if (field.kind === 'choice') return { ...common, choices: field.choices };
      return common;
    }),
    formError: spec.formError ?? '',
    note: spec.note ?? '',
    actions: spec.actions,
  });
}
