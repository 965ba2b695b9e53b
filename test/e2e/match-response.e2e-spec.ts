import * as net from 'node:net';
import {
  compilePack,
  EnterpriseProfile,
  loadRulePack,
  matchWithLadder,
  seededRandom,
  syntheticProfile,
  todayInShanghai,
} from '@app/engine';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * POST /api/match writes its body itself (match-response.ts, from the pack's fragments into recycled buffers): it must
 * be exactly what res.json sent before, JSON.stringify of the engine's result.
 */
describe('POST /api/match response', () => {
  let sut: TestApp;
  const compiled = compilePack(loadRulePack());
  const profile: EnterpriseProfile = {
    name: '深圳市精测仪器有限公司 "引号" \\ 反斜杠',
    city: 'shenzhen',
    entityType: 'enterprise',
    clusters: ['precision-instruments'],
    qualifications: ['high-tech-enterprise', 'key-backbone'],
    revenue: 200_000_000,
    rdExpense: 10_000_000,
    taxableIncome: 20_000_000,
  };

  beforeAll(async () => {
    sut = await startTestApp();
  });
  afterAll(async () => {
    await sut?.close();
  });

  const post = (query: string) =>
    fetch(`${sut.url}/api/match${query}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(profile),
    });

  it.each([
    ['Chinese', '', 'zh' as const],
    ['English', '?lang=en', 'en' as const],
  ])(
    'sends the engine result in %s as JSON.stringify writes it, byte for byte, with its length',
    async (_, query, lang) => {
      const res = await post(query);
      const body = Buffer.from(await res.arrayBuffer());
      const expected = Buffer.from(
        JSON.stringify(matchWithLadder(compiled, profile, { lang, asOf: todayInShanghai() })),
      );

      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
      expect(Number(res.headers.get('content-length'))).toBe(expected.length);
      expect(body.equals(expected)).toBe(true);
    },
  );

  it('answers concurrent requests, in both languages and at several dates, each with its own result byte for byte', async () => {
    // Validity fragments per (language, date) and body buffers reused between answers: none may leak into another.
    const rng = seededRandom(7);
    const asks = Array.from({ length: 60 }, (_, i) => ({
      profile: syntheticProfile(rng, i),
      lang: i % 3 === 0 ? ('en' as const) : ('zh' as const),
      asOf: ['2024-03-01', '2025-06-30', '2026-01-01', todayInShanghai()][i % 4],
    }));
    for (let round = 0; round < 2; round++) {
      const bodies = await Promise.all(
        asks.map(async ({ profile: p, lang, asOf }) => {
          const res = await fetch(`${sut.url}/api/match?lang=${lang}&asOf=${asOf}`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify(p),
          });
          expect(res.status).toBe(200);
          return Buffer.from(await res.arrayBuffer());
        }),
      );
      bodies.forEach((body, i) => {
        const { profile: p, lang, asOf } = asks[i];
        expect(body.equals(Buffer.from(JSON.stringify(matchWithLadder(compiled, p, { lang, asOf }))))).toBe(true);
      });
    }
  });

  it('keeps each answer its own bytes while clients are slow to read them (body buffers reused only once sent)', async () => {
    // 20 requests pipelined on each of two connections, and nothing read for a while: the kernel takes a few MB per
    // connection, the rest of the answers queue in the service, so a body buffer handed to the next request before
    // its answer was sent would show up here as another firm's bytes.
    const rng = seededRandom(11);
    const profiles = Array.from({ length: 40 }, (_, i) => syntheticProfile(rng, i));
    const { port } = new URL(sut.url);
    const perConnection = 20;
    const received = await Promise.all(
      Array.from({ length: profiles.length / perConnection }, async (_, k) => {
        const socket = net.connect(Number(port), '127.0.0.1');
        socket.pause();
        const mine = profiles.slice(k * perConnection, (k + 1) * perConnection);
        socket.write(
          mine
            .map((p) => {
              const body = JSON.stringify(p);
              return (
                `POST /api/match?asOf=2025-06-30 HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n` +
                `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`
              );
            })
            .join(''),
        );
        await new Promise((r) => setTimeout(r, 2000)); // the service answers all of them meanwhile
        const chunks: Buffer[] = [];
        socket.on('data', (c: Buffer) => chunks.push(c));
        socket.resume();
        return new Promise<Buffer[]>((resolve, reject) => {
          socket.on('error', reject);
          const check = () => {
            const bodies = httpBodies(Buffer.concat(chunks));
            if (bodies.length < perConnection) return;
            socket.destroy();
            resolve(bodies);
          };
          socket.on('data', check);
        });
      }),
    );
    received.flat().forEach((body, i) => {
      const expected = JSON.stringify(matchWithLadder(compiled, profiles[i], { lang: 'zh', asOf: '2025-06-30' }));
      expect(body.equals(Buffer.from(expected))).toBe(true);
    });
  });

  it('sends no ETag: a POST answer is never revalidated, and hashing ~300 KB per request costs', async () => {
    const res = await post('?asOf=2025-06-30');

    expect(res.status).toBe(200);
    expect(res.headers.get('etag')).toBeNull();
  });

  it('still answers a bad profile with the 400 naming the field', async () => {
    const res = await fetch(`${sut.url}/api/match`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ revenue: -1 }),
    });

    expect(res.status).toBe(400);
    await expect(res.json()).resolves.toMatchObject({ errors: { revenue: [expect.any(String)] } });
  });
});

/** The bodies of the complete HTTP/1.1 responses at the start of `data` (each with a Content-Length). */
function httpBodies(data: Buffer): Buffer[] {
  const bodies: Buffer[] = [];
  let at = 0;
  for (;;) {
    const headEnd = data.indexOf('\r\n\r\n', at);
    if (headEnd < 0) return bodies;
    const length = /content-length: (\d+)/i.exec(data.subarray(at, headEnd).toString('latin1'));
    if (!length) throw new Error('a response without Content-Length');
    const end = headEnd + 4 + Number(length[1]);
    if (end > data.length) return bodies;
    bodies.push(data.subarray(headEnd + 4, end));
    at = end;
  }
}
