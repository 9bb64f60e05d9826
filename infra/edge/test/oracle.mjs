#!/usr/bin/env node
// The edge function as a long-running oracle, for the Java twin's differential test:
//   node infra/edge/test/oracle.mjs
// reads one JSON object per line on stdin, {"path","rawQuery","accept","config"} as in
// contract/url-vectors.json, runs url-rewrite.js in the cloudfront-js-2.0 sandbox, and writes one
// JSON line per input, in order, as soon as it is known:
//   {"uri": "..."} | {"status": 400, "reason": "..."} | {"error": "..."} (bad input, or a crash)
// Blank lines are skipped without an answer. Ends when stdin ends.
import {createInterface} from 'node:readline';
import {createRunner} from './sandbox.mjs';

// `node --test infra/edge/test/` starts every file under test/, this one too: it holds no tests.
if (process.env.NODE_TEST_CONTEXT) process.exit(0);

const run = createRunner();
for await (const line of createInterface({input: process.stdin, crlfDelay: Infinity})) {
  if (line.trim() === '') continue;
  let answer;
  try {
    answer = (await run(JSON.parse(line))).result;
  } catch (e) {
    answer = {error: String(e?.message ?? e)};
  }
  // A pipe's stdout is written synchronously on Linux: each answer leaves before the next input.
  process.stdout.write(`${JSON.stringify(answer)}\n`);
}
