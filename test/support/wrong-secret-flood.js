// A separate process sending wrong secrets for one user id, as an attacker would (not sharing the service's event
// loop with the test). argv: <url> <userId> <count> <concurrency>. Prints {"401": n, "429": n, ms} as JSON.
const { randomBytes } = require('node:crypto');

const [url, userId, count, concurrency] = process.argv.slice(2);
const statuses = {};
let sent = 0;

async function attacker() {
  while (sent < Number(count)) {
    sent++;
    const res = await fetch(url, {
      headers: { Authorization: `Bearer ${userId}.${randomBytes(32).toString('base64url')}` },
    });
    await res.arrayBuffer();
    statuses[res.status] = (statuses[res.status] ?? 0) + 1;
  }
}

const t0 = performance.now();
Promise.all(Array.from({ length: Number(concurrency) }, attacker)).then(() => {
  process.stdout.write(JSON.stringify({ ...statuses, ms: Math.round(performance.now() - t0) }));
});
