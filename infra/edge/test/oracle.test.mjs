// oracle.mjs answers line by line, in order, as soon as each line arrives.
import assert from 'node:assert/strict';
import {spawn} from 'node:child_process';
import {readFileSync} from 'node:fs';
import {createInterface} from 'node:readline';
import test from 'node:test';
import {fileURLToPath} from 'node:url';

const ORACLE = fileURLToPath(new URL('./oracle.mjs', import.meta.url));
const {cases} = JSON.parse(readFileSync(new URL('../../../contract/url-vectors.json', import.meta.url), 'utf8'));

function startOracle() {
  const env = {...process.env};
  delete env.NODE_TEST_CONTEXT; // set by the test runner, which the oracle steps aside for
  const child = spawn(process.execPath, [ORACLE], {env, stdio: ['pipe', 'pipe', 'inherit']});
  const lines = createInterface({input: child.stdout})[Symbol.asyncIterator]();
  return {
    send: value => child.stdin.write(`${typeof value === 'string' ? value : JSON.stringify(value)}\n`),
    next: async () => JSON.parse((await lines.next()).value),
    end: () => new Promise(resolve => {
      child.on('close', resolve);
      child.stdin.end();
    }),
  };
}

test('every vector through one oracle process', async () => {
  const oracle = startOracle();
  for (const c of cases) oracle.send({path: c.path, rawQuery: c.rawQuery, accept: c.accept, config: c.config});
  for (const c of cases) assert.deepEqual(await oracle.next(), c.expect, c.name);
  assert.equal(await oracle.end(), 0);
});

test('each answer comes before the next input; bad input gets an error line', async () => {
  const oracle = startOracle();
  oracle.send({path: '/a.jpg', rawQuery: 'w=100&dpr=2', accept: null});
  assert.deepEqual(await oracle.next(), {uri: '/a.jpg/width=200'});
  oracle.send('this is not json');
  assert.match((await oracle.next()).error, /JSON/);
  oracle.send({path: '/a.jpg', config: {NOT_A_SETTING: 1}});
  assert.match((await oracle.next()).error, /unknown config entry/);
  oracle.send({path: '/a.jpg', rawQuery: 'format=svg'});
  assert.deepEqual(await oracle.next(), {status: 400, reason: 'bad-format'});
  assert.equal(await oracle.end(), 0);
});
