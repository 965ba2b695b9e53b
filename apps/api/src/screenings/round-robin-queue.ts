/**
 * Waiting screenings, one lane per park, served in turn: the next item comes from the lane after the one served
 * last, so a park that uploads ten files cannot make another park's one file wait behind all ten.
 */
export class RoundRobinQueue<T> {
  /** Insertion order is the turn order: a lane that was served moves to the back. */
  private readonly lanes = new Map<string, T[]>();

  push(lane: string, item: T): void {
    const items = this.lanes.get(lane);
    if (items) items.push(item);
    else this.lanes.set(lane, [item]);
  }

  /** The next item of the first lane in turn that `may` accepts; that lane goes to the back. */
  shift(may: (lane: string) => boolean = () => true): T | undefined {
    for (const [lane, items] of this.lanes) {
      if (!may(lane)) continue;
      const item = items.shift()!;
      this.lanes.delete(lane);
      if (items.length > 0) this.lanes.set(lane, items);
      return item;
    }
    return undefined;
  }

  get size(): number {
    let n = 0;
    for (const items of this.lanes.values()) n += items.length;
    return n;
  }

  clear(): void {
    this.lanes.clear();
  }
}
