import { z } from 'zod';

/**
 * Email rules shared by every form. Addresses are stored lower-case and trimmed, so the same
 * mailbox typed twice is the same user. Partner Center sends no mail to onmicrosoft.com
 * addresses (shared/domain/partner-center.md §3), so they are refused as notification addresses.
 */
export const EMAIL_MAX_LENGTH = 254;

export type EmailProblem = 'required' | 'too_long' | 'invalid' | 'onmicrosoft';

export function normalizeEmail(value: string): string {
  return value.trim().toLowerCase();
}

const emailFormat = z.string().email();

export function emailProblem(value: string): EmailProblem | undefined {
  const email = normalizeEmail(value);
  if (!email) return 'required';
  if (email.length > EMAIL_MAX_LENGTH) return 'too_long';
  if (!emailFormat.safeParse(email).success) return 'invalid';
  return undefined;
}

export function notificationEmailProblem(value: string): EmailProblem | undefined {
  const problem = emailProblem(value);
  if (problem) return problem;
  const domain = normalizeEmail(value).split('@')[1] ?? '';
  if (domain === 'onmicrosoft.com' || domain.endsWith('.onmicrosoft.com')) return 'onmicrosoft';
  return undefined;
}
