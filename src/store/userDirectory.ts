import type { UserRecord } from './schema.js';

/** A change would give two users the same id, work email or Entra object id. */
export class DuplicateIdentityError extends Error {
  constructor(readonly field: string) {
    super(`Another user already has this ${field}`);
    this.name = 'DuplicateIdentityError';
  }
}

interface Lookups {
  byId: Map<string, UserRecord>;
  byEmail: Map<string, UserRecord>;
  byObjectId: Map<string, UserRecord>;
}

/** Ids of users changed but not yet on disk, and for the next batch being written, their version in it. */
export type BatchMark = Map<string, UserRecord>;

/**
 * The users of one organization by id, work email and Entra object id, kept up to date change by
 * change instead of rebuilt from the whole list (10,000 users: a rebuild per change was the
 * largest cost of a write).
 *
 * Two views from one set of maps. The maps follow the latest accepted changes, which the store
 * checks new records against (emails stay unique even between changes not yet written). Lookups
 * for the bot answer as of what is on disk: for the few users changed but not yet written,
 * `onDisk` holds their written version (or null for a user not written yet).
 */
export class UserDirectory {
  private latest: Lookups = { byId: new Map(), byEmail: new Map(), byObjectId: new Map() };
  private readonly onDisk = new Map<string, UserRecord | null>();

  constructor(users: readonly UserRecord[]) {
    for (const user of users) this.add(user);
  }

  // ----- as on disk (what the bot shows) -----

  byId(id: string): UserRecord | undefined {
    if (this.onDisk.has(id)) return this.onDisk.get(id) ?? undefined;
    return this.latest.byId.get(id);
  }

  /** By work email as typed or sent (any case, spaces around). */
  byEmail(email: string): UserRecord | undefined {
    return this.findOnDisk(email.trim().toLowerCase(), this.latest.byEmail, (user) => user.email);
  }

  /** By Entra object id (any case). */
  byObjectId(objectId: string): UserRecord | undefined {
    return this.findOnDisk(objectId.toLowerCase(), this.latest.byObjectId, (user) => user.aadObjectId);
  }

  // ----- following accepted changes -----

  /**
   * Checks that the users a change adds or replaces keep ids, emails and object ids unique among
   * users who are not removed, against every change accepted so far. Throws DuplicateIdentityError;
   * changes nothing.
   */
  check(changed: readonly UserRecord[], added: ReadonlySet<UserRecord>): void {
    const changedIds = new Map(changed.map((user) => [user.id, user]));
    if (changedIds.size !== changed.length) throw new DuplicateIdentityError('id');
    const claimed = new Set<string>();
    for (const user of changed) {
      if (added.has(user) && this.latest.byId.has(user.id)) throw new DuplicateIdentityError('id');
      if (user.status === 'removed') continue;
      for (const [field, key, map] of [
        ['email', user.email, this.latest.byEmail],
        ['oid', user.aadObjectId, this.latest.byObjectId],
      ] as const) {
        if (!key) continue;
        if (claimed.has(`${field}:${key}`)) throw new DuplicateIdentityError(field);
        claimed.add(`${field}:${key}`);
        const holder = map.get(key);
        if (!holder || holder.id === user.id) continue;
        // The holder may give the value up in this same change.
        const holderNow = changedIds.get(holder.id) ?? holder;
        const stillHolds =
          holderNow.status !== 'removed' && (field === 'email' ? holderNow.email : holderNow.aadObjectId) === key;
        if (stillHolds) throw new DuplicateIdentityError(field);
      }
    }
  }

  /** Records checked users of an accepted change (not yet on disk). */
  accept(changed: readonly UserRecord[]): void {
    for (const user of changed) {
      const previous = this.latest.byId.get(user.id);
      if (!this.onDisk.has(user.id)) this.onDisk.set(user.id, previous ?? null);
      if (previous) this.remove(previous);
      this.add(user);
    }
  }

  /** Before a batch is written: which version of each pending user it holds. */
  mark(): BatchMark {
    const mark: BatchMark = new Map();
    for (const id of this.onDisk.keys()) mark.set(id, this.latest.byId.get(id) as UserRecord);
    return mark;
  }

  /** The batch is on disk: users not changed again since are as on disk now. */
  written(mark: BatchMark): void {
    for (const [id, version] of mark) {
      if (this.latest.byId.get(id) === version) this.onDisk.delete(id);
      else this.onDisk.set(id, version);
    }
  }

  /** A write failed: every change not on disk is undone here too. */
  undoUnwritten(): void {
    for (const [id, written] of this.onDisk) {
      const latest = this.latest.byId.get(id);
      if (latest) this.remove(latest);
      if (written) this.add(written);
    }
    this.onDisk.clear();
  }

  private add(user: UserRecord): void {
    this.latest.byId.set(user.id, user);
    if (user.status === 'removed') return;
    if (user.email) this.latest.byEmail.set(user.email, user);
    if (user.aadObjectId) this.latest.byObjectId.set(user.aadObjectId, user);
  }

  private remove(user: UserRecord): void {
    if (this.latest.byId.get(user.id) === user) this.latest.byId.delete(user.id);
    if (user.email && this.latest.byEmail.get(user.email) === user) this.latest.byEmail.delete(user.email);
    if (user.aadObjectId && this.latest.byObjectId.get(user.aadObjectId) === user)
      this.latest.byObjectId.delete(user.aadObjectId);
  }

  private findOnDisk(
    key: string,
    map: Map<string, UserRecord>,
    valueOf: (user: UserRecord) => string | undefined,
  ): UserRecord | undefined {
    // A pending change may have given this value to someone else, or taken it from its holder on disk.
    for (const written of this.onDisk.values()) {
      if (written && written.status !== 'removed' && valueOf(written) === key) return written;
    }
    const holder = map.get(key);
    return holder && !this.onDisk.has(holder.id) ? holder : undefined;
  }
}
