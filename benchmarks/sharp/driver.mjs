// Sharp's side of the side-by-side benchmark. Reads one command per line on stdin,
//   ENCODER WIDTH N FILE      (ENCODER: an encoder key as imageopt names it, or "header")
// and answers one JSON line {"ms": [...], "cpuMs": [...], "bytes": N, "threads": T}; or a JSON line
//   {"encoder": KEY, "width": W, "n": N, "file": FILE, "out": OUT}
// does the same and writes the last output to OUT (the encoder study scores it).
// Encoder keys (the same grammar as imageopt.bench.EncoderChoice):
//   jpeg-q80, jpeg-q80-moz (Sharp's mozjpeg: true), webp-q80-e4, avif-q50-e4-444, avif-q55-e2-420, png-c6
// Legacy single words jpeg / webp / avif mean Sharp's defaults (what the AWS sample uses).
import { readFileSync, writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import sharp from 'sharp';
import { encoder } from './encoders.mjs';

sharp.cache(false);     // like imageopt: no operation cache
sharp.concurrency(1);   // one libvips thread per image, as the Java driver
const cache = new Map();
const input = (file) => cache.get(file) ?? cache.set(file, readFileSync(file)).get(file);

async function once(cmd) {
  const buf = input(cmd.file);
  if (cmd.encoder === 'header') {
    const m = await sharp(buf).metadata();
    return m.width;
  }
  return encoder(cmd.encoder).apply(sharp(buf).rotate().resize({ width: cmd.width, withoutEnlargement: true })).toBuffer();
}

for await (const line of createInterface({ input: process.stdin })) {
  if (!line.trim()) continue;
  let cmd;
  if (line.trim().startsWith('{')) {
    cmd = JSON.parse(line);
  } else {
    const [enc, width, n, ...file] = line.trim().split(' ');
    cmd = { encoder: enc, width: Number(width), n: Number(n), file: file.join(' ') };
  }
  const ms = [];
  const cpuMs = [];
  let out;
  for (let i = 0; i < cmd.n; i++) {
    const t0 = process.hrtime.bigint();
    const c0 = process.cpuUsage();
    out = await once(cmd);
    ms.push(Number(process.hrtime.bigint() - t0) / 1e6);
    const c = process.cpuUsage(c0);
    cpuMs.push((c.user + c.system) / 1000);
  }
  if (cmd.out) writeFileSync(cmd.out, out);
  const bytes = typeof out === 'number' ? out : out.length;
  process.stdout.write(JSON.stringify({ ms, cpuMs, bytes, threads: sharp.concurrency() }) + '\n');
}
