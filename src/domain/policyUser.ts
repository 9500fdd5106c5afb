import type { RoleId } from './roles.js';

/** A person as the rules see them: their roles and where they stand (the policy and role holders read this). */
export type UserStatus = 'invited' | 'active' | 'removed';

export interface PolicyUser {
  id: string;
  roles: readonly RoleId[];
  status: UserStatus;
}
