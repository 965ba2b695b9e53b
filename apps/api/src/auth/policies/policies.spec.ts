import type { Actor, Principal } from '../principal';
import { ReviewPolicy } from './review.policy';
import { ScreeningPolicy } from './screening.policy';
import { SubmissionPolicy } from './submission.policy';
import { UserPolicy } from './user.policy';

const user = (role: Principal['role'], parkId: string | null = null): Principal => ({
  id: `${role}-${parkId}`,
  name: role,
  role,
  parkId,
});
const admin = user('admin');
const caseworker = user('caseworker');
const parkA = user('park-admin', 'park-a');
const parkB = user('park-admin', 'park-b');
const unbound = user('park-admin', null);

describe('access policies', () => {
  describe('SubmissionPolicy', () => {
    it.each<[string, Actor, boolean]>([
      ['the anonymous company', null, false],
      ['an admin', admin, false],
      ['a park-admin', parkA, false],
      ['a caseworker', caseworker, true],
    ])('%s reads every submission without a receipt: %s', (_, actor, expected) => {
      expect(SubmissionPolicy.readsAll(actor)).toBe(expected);
    });
  });

  describe('ScreeningPolicy', () => {
    it.each<[string, Principal, boolean]>([
      ['an admin', admin, false],
      ['a caseworker', caseworker, false],
      ['a park-admin', parkA, true],
      ['a park-admin without a park', unbound, false],
    ])('%s may start a screening: %s', (_, who, expected) => {
      expect(ScreeningPolicy.create(who)).toBe(expected);
    });

    it.each<[string, Principal, boolean]>([
      ['an admin', admin, false],
      ['a caseworker', caseworker, true],
      ['a park-admin', parkA, true],
    ])('%s may call the screening read routes: %s', (_, who, expected) => {
      expect(ScreeningPolicy.read(who)).toBe(expected);
    });

    it.each<[string, Principal, string | null, boolean]>([
      ['a caseworker, any park', caseworker, 'park-b', true],
      ['a caseworker, no park', caseworker, null, true],
      ['a park-admin, its own park', parkA, 'park-a', true],
      ['a park-admin, another park', parkB, 'park-a', false],
      ['a park-admin, a screening with no park', parkA, null, false],
      ['a park-admin without a park, a screening with no park', unbound, null, false],
      ['an admin', admin, 'park-a', false],
    ])('%s reads the screening: %s', (_, who, parkId, expected) => {
      expect(ScreeningPolicy.canRead(who, { parkId })).toBe(expected);
    });

    it("files a new screening under the park-admin's own park, and refuses anyone else", () => {
      expect(ScreeningPolicy.parkFor(parkA)).toBe('park-a');
      expect(() => ScreeningPolicy.parkFor(caseworker)).toThrow(/may not create/);
    });

    it('scopes lists: a caseworker sees all parks, a park-admin its own, an unbound park-admin none', () => {
      expect(ScreeningPolicy.parkScope(caseworker)).toBeUndefined();
      expect(ScreeningPolicy.parkScope(parkB)).toBe('park-b');
      expect(ScreeningPolicy.parkScope(unbound)).not.toBeUndefined();
    });
  });

  describe('ReviewPolicy and UserPolicy', () => {
    it.each<[string, Principal, boolean, boolean]>([
      ['an admin', admin, false, true],
      ['a caseworker', caseworker, true, false],
      ['a park-admin', parkA, false, false],
    ])('%s: reviews %s, users %s', (_, who, reviews, users) => {
      expect(ReviewPolicy.read(who)).toBe(reviews);
      expect(ReviewPolicy.decide(who)).toBe(reviews);
      expect(UserPolicy.manage(who)).toBe(users);
    });
  });
});
