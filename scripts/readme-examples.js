#!/usr/bin/env node
// Refreshes the two example outputs in README.md from a running service (default http://localhost:3000),
// so the README shows what the service really answers: `node scripts/readme-examples.js [baseUrl]`.
const fs = require('node:fs');
const path = require('node:path');

const base = process.argv[2] ?? 'http://localhost:3000';
const readme = path.join(__dirname, '..', 'README.md');

async function post(body) {
  const res = await fetch(`${base}/api/match?lang=en`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body,
  });
  return res.json();
}

(async () => {
  const ok = await post(
    '{"city":"shenzhen","clusters":["precision-instruments"],"qualifications":["key-backbone"],"revenue":200000000,"rdExpense":10000000}',
  );
  const entry = ok.results.find((r) => r.measureId === 'pi-rd-intensity-benchmark');
  const shown = {
    rulePackVersion: ok.rulePackVersion,
    fiscalYear: ok.fiscalYear,
    warnings: ok.warnings,
    results: [entry],
  };
  const bad = await post('{"revenue":-1,"city":"shenzen"}');
  let text = fs.readFileSync(readme, 'utf8');
  text = text.replace(
    /(This is the entry for the 6% R&D benchmark,\nexactly as returned \(the other entries left out here\):\n\n```json\n)[\s\S]*?(\n```)/,
    `$1${JSON.stringify(shown, null, 2)}$2`,
  );
  text = text.replace(
    /(-d '\{"revenue":-1,"city":"shenzen"\}'\n```\n```json\n)[\s\S]*?(\n```)/,
    `$1${JSON.stringify(bad, null, 2)}$2`,
  );
  text = text.replace(
    /The response holds one entry per measure of the rule pack[^.]*\./,
    `The response holds one entry per measure of the rule pack (${ok.results.length} today).`,
  );
  fs.writeFileSync(readme, text);
  console.log(`README examples refreshed from ${base}: ${ok.results.length} measures, ${ok.rulePackVersion}`);
})().catch((e) => {
  console.error(e.message);
  process.exit(1);
});
