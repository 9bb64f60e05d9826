// Cold start, phase by phase: JVM start to the first answered transform, with and without
// priming, beside Node + Sharp doing the same first transform. Each run is a fresh process; the
// three kinds take turns, so the machine's load falls on all alike.
//   node benchmarks/cold-start.mjs [--runs 5] [--width 800] [--file PATH] [--encoders jpeg-default,webp-default,avif-default]
// JVM flags as Lambda's java25 runtime starts it (-XX:TieredStopAtLevel=1, SerialGC, CDS on) plus
// native access. Writes benchmarks/target/cold-start.json and prints Markdown of the medians.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { root, recorded } from './repo-path.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const argv = process.argv.slice(2);
const args = {};
for (let i = 0; i < argv.length; i += 2) args[argv[i].replace(/^--/, '')] = argv[i + 1];
const runs = Number(args.runs ?? 5);
const width = Number(args.width ?? 800);
const file = resolve(args.file ?? join(root, 'samples', 'images', 'aitzgorri_by_Aitzol_Berasategi.jpg'));
const java = process.env.JAVA_BIN ?? 'java';
const jar = join(here, 'target', 'benchmarks.jar');
if (!existsSync(jar)) throw new Error(`${jar} missing: run ./imageopt cold-start (it builds it)`);
const jvmFlags = ['--enable-native-access=ALL-UNNAMED', '-XX:+TieredCompilation', '-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC', '-Xshare:auto',
  '-Dimageopt.vips.concurrency=1'];

const now = () => Math.round((performance.timeOrigin + performance.now()) * 1000);
const keyOf = (alias) => {
  const r = spawnSync(java, ['-cp', jar, 'imageopt.bench.coldstart.EncoderKey', alias], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  return r.stdout.trim();
};
const encoders = (args.encoders ?? 'jpeg-default,webp-default,avif-default').split(',').map(keyOf);

function once(kind, enc) {
  const [cmd, a] = kind === 'node'
    ? [process.execPath, [join(here, 'sharp', 'coldstart.mjs'), enc, String(width), file]]
    : [java, [...jvmFlags, '-cp', jar, 'imageopt.bench.coldstart.ColdStart', enc, String(width), file, ...(kind === 'java-primed' ? ['prime'] : [])]];
  const spawned = now();
  const r = spawnSync(cmd, a, { encoding: 'utf8', cwd: here });
  const exited = now();
  if (r.status !== 0) throw new Error(`${kind} failed: ${r.stderr}`);
  const j = JSON.parse(r.stdout.trim().split('\n').pop());
  const ms = (a, b) => (b - a) / 1000;
  return {
    start: ms(spawned, j.main),              // process spawn to main() / first line of the module
    load: ms(j.main, j.loaded),              // libvips loaded (Node: import sharp, which also initialises it)
    init: ms(j.loaded, j.initialised),       // vips_init (Java only)
    prime: ms(j.initialised, j.primed_at),   // priming (Java primed only)
    read: ms(j.primed_at, j.read),           // source read, engine built
    first: ms(j.read, j.first),              // the first transform
    total: ms(spawned, j.first),             // spawn to first answered transform
    warm: ms(j.first, j.second),             // the same transform again
    exit: ms(j.second, exited),
    bytes: j.bytes,
  };
}

const kinds = ['java', 'java-primed', 'node'];
const samples = {};
process.stderr.write(`cold start: ${runs} runs x ${kinds.length} kinds x ${encoders.length} encoders (${encoders.join(', ')}), ${file} -> ${width} px\n`);
for (let r = 0; r < runs; r++) {
  for (const enc of encoders) {
    for (const kind of r % 2 ? [...kinds].reverse() : kinds) {
      (samples[`${kind}|${enc}`] ??= []).push(once(kind, enc));
      process.stderr.write(`\rrun ${r + 1}/${runs} ${enc} ${kind}          `);
    }
  }
}
process.stderr.write('\n');

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
const phases = ['start', 'load', 'init', 'prime', 'read', 'first', 'total', 'warm'];
const rows = [];
for (const enc of encoders) for (const kind of kinds) {
  const s = samples[`${kind}|${enc}`];
  const row = { kind, encoder: enc, runs: s.length, bytes: s[0].bytes };
  for (const p of phases) row[p] = +median(s.map((x) => x[p])).toFixed(1);
  rows.push(row);
}
const result = { date: new Date().toISOString(), file: recorded(file), width, runs, jvmFlags, node: process.version, rows,
  note: 'medians in ms; start = spawn to main; Node load = import sharp (loads and initialises libvips); total = spawn to the first transform answered. Engine cold path only: no function-URL event, no S3, no SnapStart restore (the function\'s own cold path: lambda/measure/cold-path.sh).' };
mkdirSync(join(here, 'target'), { recursive: true });
writeFileSync(join(here, 'target', 'cold-start.json'), JSON.stringify(result, null, 2));
console.log('| first request | runtime | spawn to main | load libvips | vips_init | priming | read + engine | first transform | **total** | warm transform |');
console.log('|---|---|---|---|---|---|---|---|---|---|');
for (const r of rows) {
  const name = r.kind === 'node' ? 'Node + Sharp' : r.kind === 'java' ? 'Java, no priming' : 'Java, primed';
  console.log(`| ${r.encoder} | ${name} | ${r.start} | ${r.load} | ${r.kind === 'node' ? '(in load)' : r.init} | ${r.kind === 'java-primed' ? r.prime : '-'} | ${r.read} | ${r.first} | **${r.total}** | ${r.warm} |`);
}
