/** A set that forgets its oldest entries past a size, for in-memory guards that must not grow forever. */
export class BoundedSet {
  private readonly entries = new Set<string>();

  constructor(private readonly capacity: number) {}

  has(value: string): boolean {
    return this.entries.has(value);
  }

  add(value: string): void {
    this.entries.delete(value);
    this.entries.add(value);
    if (this.entries.size > this.capacity) {
      const oldest = this.entries.values().next().value as string;
      this.entries.delete(oldest);
    }
  }
}
