import type { GroupImpact } from './impact-report';

interface Tally {
  population: number;
  changed: number;
  gained: number;
  lost: number;
  newNearMisses: number;
  valueChange: number;
}

/** Per city, park or cluster: how many tenants, and how many of them gain, lose, or become near misses. */
export class GroupTally {
  private readonly groups = new Map<string, Tally>();

  count(key: string): void {
    this.get(key).population++;
  }

  add(key: string, gained: boolean, lost: boolean, nearMiss: boolean, valueChange: number): void {
    const t = this.get(key);
    t.changed++;
    if (gained) t.gained++;
    if (lost) t.lost++;
    if (nearMiss) t.newNearMisses++;
    t.valueChange += valueChange;
  }

  /** Groups with a tenant whose outcome changed, most affected first. */
  toJSON(label: (key: string) => string): GroupImpact[] {
    return [...this.groups]
      .filter(([, t]) => t.changed > 0)
      .map(([key, t]) => ({ key, label: label(key), ...t }))
      .sort(
        (a, b) =>
          b.gained + b.lost - (a.gained + a.lost) ||
          Math.abs(b.valueChange) - Math.abs(a.valueChange) ||
          a.key.localeCompare(b.key),
      );
  }

  private get(key: string): Tally {
    let t = this.groups.get(key);
    if (!t) {
      t = { population: 0, changed: 0, gained: 0, lost: 0, newNearMisses: 0, valueChange: 0 };
      this.groups.set(key, t);
    }
    return t;
  }
}
