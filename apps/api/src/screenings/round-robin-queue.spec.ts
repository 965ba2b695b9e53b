import { RoundRobinQueue } from './round-robin-queue';

describe(RoundRobinQueue.name, () => {
  it('serves parks in turn, so a park with many files does not hold back a park with one', () => {
    const sut = new RoundRobinQueue<string>();
    for (const id of ['a1', 'a2', 'a3']) sut.push('park-a', id);
    sut.push('park-b', 'b1');
    sut.push('park-c', 'c1');
    const order = Array.from({ length: 5 }, () => sut.shift());
    expect(order).toEqual(['a1', 'b1', 'c1', 'a2', 'a3']);
    expect(sut.shift()).toBeUndefined();
  });

  it('skips a lane the caller may not take from now and keeps its place for later', () => {
    const sut = new RoundRobinQueue<string>();
    sut.push('park-a', 'a1');
    sut.push('park-b', 'b1');
    expect(sut.shift((lane) => lane !== 'park-a')).toBe('b1');
    expect(sut.size).toBe(1);
    expect(sut.shift((lane) => lane !== 'park-a')).toBeUndefined();
    expect(sut.shift()).toBe('a1');
  });
});
