// Every case of contract/url-vectors.json through url-rewrite.js in the cloudfront-js-2.0 sandbox.
import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import test from 'node:test';
import {createRunner} from './sandbox.mjs';

const VECTORS = new URL('../../../contract/url-vectors.json', import.meta.url);
const {cases} = JSON.parse(readFileSync(VECTORS, 'utf8'));
const FIELDS = ['name', 'path', 'rawQuery', 'accept', 'config', 'expect'];
const CONFIG_ENTRIES = ['MAX_DIMENSION', 'ALLOWED_WIDTHS', 'DEFAULT_FORMAT', 'SIGNING', 'SIGNING_KEYS', 'NOW'];
const nullOrString = value => value === null || typeof value === 'string';

test('the vectors follow the schema in contract/README.md', () => {
  assert.ok(cases.length >= 200, `only ${cases.length} cases`);
  const names = new Set();
  for (const c of cases) {
    assert.ok(!names.has(c.name), `duplicate name ${c.name}`);
    names.add(c.name);
    assert.deepEqual(Object.keys(c).filter(k => !FIELDS.includes(k)), [], c.name);
    assert.equal(typeof c.path, 'string', c.name);
    assert.ok(nullOrString(c.rawQuery) && nullOrString(c.accept), c.name);
    assert.deepEqual(Object.keys(c.config ?? {}).filter(k => !CONFIG_ENTRIES.includes(k)), [], c.name);
    const expectKeys = Object.keys(c.expect).sort().join();
    assert.ok(expectKeys === 'uri' || (expectKeys === 'reason,status' && c.expect.status === 400), c.name);
  }
});

test('the vectors cover both outcomes and every configuration entry', () => {
  const used = new Set(cases.flatMap(c => Object.keys(c.config ?? {})));
  assert.deepEqual([...used].sort(), [...CONFIG_ENTRIES].sort());
  assert.ok(cases.filter(c => c.expect.uri).length >= 100);
  assert.ok(cases.filter(c => c.expect.status).length >= 100);
});

test('url-rewrite.js gives every vector its expected answer', async t => {
  const run = createRunner();
  for (const c of cases) {
    await t.test(c.name, async () => {
      const {result, response} = await run(c);
      assert.deepEqual(result, c.expect);
      if (c.expect.uri) {
        assert.deepEqual(response.querystring, {}, 'the query string is emptied');
      } else {
        assert.equal(response.headers['cache-control'].value, 'no-store');
      }
    });
  }
});
