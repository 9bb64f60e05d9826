// contract/: the vectors are what the generator makes, the README's reason table is what the
// function answers, and sign.mjs signs URLs the function accepts.
import assert from 'node:assert/strict';
import {execFileSync} from 'node:child_process';
import {readFileSync} from 'node:fs';
import test from 'node:test';
import {fileURLToPath} from 'node:url';
import {buildVectors, formatVectors, VECTORS_FILE} from '../../../contract/tools/make-vectors.mjs';
import {signUrl} from '../../../contract/tools/sign.mjs';
import {createRunner} from './sandbox.mjs';

const README = readFileSync(new URL('../../../contract/README.md', import.meta.url), 'utf8');
const SIGN = fileURLToPath(new URL('../../../contract/tools/sign.mjs', import.meta.url));

// | `key` | detail | when |
const reasonTable = new Map([...README.matchAll(/^\| `([a-z0-9-]+)` \| ([^|]+?) \| [^|]+ \|$/gm)].map(m => [m[1], m[2]]));

test('url-vectors.json is what make-vectors.mjs makes', () => {
  assert.equal(readFileSync(VECTORS_FILE, 'utf8'), formatVectors(buildVectors()),
    'stale: run node contract/tools/make-vectors.mjs');
});

test('the README lists exactly the reason keys the vectors reach, with the lines the function sends', async () => {
  const {cases} = buildVectors();
  const run = createRunner();
  const lines = new Map();
  for (const c of cases.filter(c => c.expect.reason)) {
    const {response} = await run(c);
    const problem = JSON.parse(response.body.data);
    assert.equal(problem.reason, c.expect.reason);
    lines.set(c.expect.reason, problem.detail);
  }
  assert.deepEqual([...reasonTable.keys()].sort(), [...lines.keys()].sort());
  for (const [key, line] of lines) {
    assert.equal(line, reasonTable.get(key), key);
    assert.ok(!line.includes('\n'), `${key}: one line`);
  }
});

test('a URL signed by sign.mjs passes, with and without exp; once expired it does not', async () => {
  const run = createRunner();
  const keys = {SIGNING: true, SIGNING_KEYS: {edge: 'a long random secret'}, NOW: 1767225000};
  const ask = async url => {
    const q = url.indexOf('?');
    return (await run({path: url.slice(0, q), rawQuery: url.slice(q + 1), config: keys})).result;
  };
  assert.deepEqual(await ask(signUrl('/images/a.jpg?width=300', 'edge', 'a long random secret')),
    {uri: '/images/a.jpg/width=300'});
  assert.deepEqual(await ask(signUrl('/images/a.jpg', 'edge', 'a long random secret')), {uri: '/images/a.jpg/original'});
  const expiring = signUrl('/images/a.jpg?width=300&exp=1767225600', 'edge', 'a long random secret');
  assert.deepEqual(await ask(expiring), {uri: '/images/a.jpg/width=300'});
  keys.NOW = 1767225600;
  assert.deepEqual(await ask(expiring), {status: 400, reason: 'sig-expired'});
});

// The README's Node lines, run as written (less the import and the example call).
async function readmeSignUrl() {
  const snippet = README.match(/```js\n([\s\S]*?)```/)[1].replace(/^signUrl\(.*$/m, '');
  const {createHmac} = await import('node:crypto');
  return new Function('createHmac', `${snippet.replace(/^import .*$/m, '')}; return signUrl;`)(createHmac);
}

test('the README\'s Node lines sign like sign.mjs', async () => {
  const signUrlFromReadme = await readmeSignUrl();
  assert.equal(signUrlFromReadme('/a b.jpg', 'w=5&exp=9', 'k', 's'), signUrl('/a b.jpg?w=5&exp=9', 'k', 's'));
  assert.equal(signUrlFromReadme('/a.jpg', '', 'k', 's'), signUrl('/a.jpg', 'k', 's'));
});

test('the README\'s Node lines reproduce every signed vector whose MAC the edge accepted', async () => {
  const signUrlFromReadme = await readmeSignUrl();
  // sig last and plainly spelled, as a signer writes it; accepted, or refused only after the MAC matched.
  const signed = /^(?:(.*)&)?sig=([A-Za-z0-9_-]{1,64})\.[A-Za-z0-9_-]{43}$/s;
  const macMatched = ({uri, reason}) => uri || reason === 'bad-exp' || reason === 'sig-expired'
    || (!reason.startsWith('sig-') && reason !== 'repeated-param');
  let reproduced = 0;
  for (const c of buildVectors().cases.filter(c => c.config?.SIGNING && macMatched(c.expect))) {
    const m = signed.exec(c.rawQuery);
    if (!m) continue;
    assert.equal(signUrlFromReadme(c.path, m[1] ?? '', m[2], c.config.SIGNING_KEYS[m[2]]), `${c.path}?${c.rawQuery}`, c.name);
    reproduced++;
  }
  assert.ok(reproduced >= 20, `only ${reproduced}`);
});

test('sign.mjs from the command line', () => {
  const out = execFileSync(process.execPath, [SIGN, 'k1', 'secret', '/a.jpg?w=5'], {encoding: 'utf8'}).trim();
  assert.equal(out, signUrl('/a.jpg?w=5', 'k1', 'secret'));
  assert.match(out, /^\/a\.jpg\?w=5&sig=k1\.[A-Za-z0-9_-]{43}$/);
});
