import { deflateSync, inflateSync } from 'node:zlib';
import { profileJson } from '@app/batch';
import { fixtureProfiles, FixtureProfile } from '../../../../../test/support/fixture-profiles';
import {
  BLOCK_FIELDS,
  BlockTenant,
  decodeProfileBlock,
  encodeProfileBlock,
  PROFILE_KEY_FIELDS,
  profileBlockJson,
  profileKeys,
} from './profile-blocks';

/** Blocks of up to `size` tenants, with row numbers that skip now and then (rejected and blank rows). */
function inBlocks(profiles: FixtureProfile[], size: number): { source: string; tenants: BlockTenant[] }[][] {
  const blocks: { source: string; tenants: BlockTenant[] }[][] = [];
  let row = 1;
  for (let i = 0; i < profiles.length; i += size) {
    blocks.push(
      profiles.slice(i, i + size).map((p, k) => {
        row += (i + k) % 7 === 3 ? 2 : 1;
        return { source: p.source, tenants: [{ rowNumber: row, profile: p.facts }] };
      }),
    );
  }
  return blocks;
}

describe('profile blocks', () => {
  let profiles: FixtureProfile[];
  beforeAll(async () => {
    profiles = await fixtureProfiles();
  });

  it('give back every fixture profile byte for byte as the profile JSON stored before, in blocks of 1,000 and of 1', async () => {
    expect(profiles.filter((p) => p.source.startsWith('rules/')).length).toBeGreaterThan(300);
    expect(profiles.filter((p) => p.source.startsWith('tenants/')).length).toBeGreaterThan(10);
    for (const size of [1000, 1]) {
      let checked = 0;
      for (const block of inBlocks(profiles, size)) {
        const tenants = block.flatMap((b) => b.tenants);
        const decoded = await decodeProfileBlock(await encodeProfileBlock(tenants));
        expect(decoded.rows).toEqual(tenants.map((t) => t.rowNumber));
        for (const [
          k,
          {
            source,
            tenants: [t],
          },
        ] of block.entries()) {
          const back = JSON.stringify(decoded.profile(t.rowNumber, profileKeys(t.profile)));
          if (back !== profileJson(t.profile))
            throw new Error(`${source} (index ${k}) did not come back: ${back} ≠ ${profileJson(t.profile)}`);
          checked++;
        }
      }
      expect(checked).toBe(profiles.length);
    }
  });

  it('read a profile from the JSON stored before (what the migration converts) exactly as from the facts', async () => {
    const tenants = profiles.slice(0, 1000).map((p, i) => ({
      rowNumber: i + 2,
      profile: JSON.parse(profileJson(p.facts)) as Record<string, unknown>,
    }));
    const decoded = await decodeProfileBlock(await encodeProfileBlock(tenants));
    for (const [i, p] of profiles.slice(0, 1000).entries())
      expect(JSON.stringify(decoded.profile(i + 2, profileKeys(p.facts)))).toBe(profileJson(p.facts));
  });

  it('leave the key fields to the tenant row: none is in the block, and the row’s values are put back', async () => {
    const tenants = profiles.slice(0, 50).map((p, i) => ({ rowNumber: i + 2, profile: p.facts }));
    const doc = JSON.parse(profileBlockJson(tenants)) as { fields: Record<string, unknown> };
    for (const key of PROFILE_KEY_FIELDS) expect(doc.fields[key]).toBeUndefined();
    expect(Object.keys(doc.fields).every((f) => (BLOCK_FIELDS as string[]).includes(f))).toBe(true);
    const decoded = await decodeProfileBlock(await encodeProfileBlock(tenants));
    const keys = { creditCode: '91440300MA5G8XTK1K', name: '另一个名字', city: 'zhuhai', parkId: null };
    expect(decoded.profile(2, keys)).toMatchObject({ creditCode: keys.creditCode, name: keys.name, city: 'zhuhai' });
    expect(decoded.profile(2, keys)).not.toHaveProperty('parkId');
  });

  it('are several times smaller than the profile JSON', async () => {
    const tenants = profiles.filter((p) => p.source.startsWith('synthetic')).slice(0, 1000);
    const json = tenants.reduce((n, p) => n + Buffer.byteLength(profileJson(p.facts)), 0);
    const block = await encodeProfileBlock(tenants.map((p, i) => ({ rowNumber: i + 2, profile: p.facts })));
    expect(block.length * 5).toBeLessThan(json);
  });

  it('refuse rows out of order, a null value, and any block they did not write, saying what is wrong', async () => {
    const p = profiles[0].facts;
    expect(() =>
      profileBlockJson([
        { rowNumber: 3, profile: p },
        { rowNumber: 3, profile: p },
      ]),
    ).toThrow('ascending (row 3 at 1)');
    expect(() => profileBlockJson([{ rowNumber: 2, profile: { ...p, revenue: null } }])).toThrow(
      'row 2 holds null in revenue',
    );
    const block = (doc: unknown) => deflateSync(Buffer.from(JSON.stringify(doc)));
    await expect(decodeProfileBlock(block({ v: 2, rows: [], fields: {} }))).rejects.toThrow('format 2');
    await expect(decodeProfileBlock(block({ v: 1, rows: ['2'], fields: {} }))).rejects.toThrow('rows');
    await expect(decodeProfileBlock(block({ v: 1, rows: [2], fields: { shoeSize: [1] } }))).rejects.toThrow(
      'unknown field shoeSize',
    );
    await expect(decodeProfileBlock(block({ v: 1, rows: [2, 3], fields: { revenue: [1] } }))).rejects.toThrow(
      'revenue does not hold one value per row',
    );
    await expect(decodeProfileBlock(Buffer.from('not deflate'))).rejects.toThrow();
    const decoded = await decodeProfileBlock(await encodeProfileBlock([{ rowNumber: 2, profile: p }]));
    expect(decoded.has(2)).toBe(true);
    expect(() => decoded.profile(4, profileKeys(p))).toThrow('row 4 is not in this block');
    expect(inflateSync(await encodeProfileBlock([{ rowNumber: 2, profile: p }])).toString()).toMatch(/^\{"v":1,/);
  });
});
