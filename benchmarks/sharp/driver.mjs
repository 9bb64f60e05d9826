// Sharp's side of the side-by-side benchmark. Reads one command per line on stdin,
//   ENCODER WIDTH N FILE      (ENCODER: an encoder key as imageopt names it, or "header")
// and answers one JSON line {"ms": [...], "bytes": N, "threads": T}.
// Encoder keys (the same grammar as imageopt.bench.EncoderChoice):
//   jpeg-q80, jpeg-q80-moz (Sharp's mozjpeg: true), webp-q80-e4, avif-q50-e4-444, avif-q55-e2-420, png-c6
// Legacy single words jpeg / webp / avif mean Sharp's defaults (what the AWS sample uses).
import { readFileSync } from 'node:fs';
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
  const out = await encoder(cmd.encoder).apply(sharp(buf).rotate().resize({ width: cmd.width, withoutEnlargement: true })).toBuffer();
  return out.length;
}

for await (const line of createInterface({ input: process.stdin })) {
  if (!line.trim()) continue;
  const [enc, width, n, ...file] = line.trim().split(' ');
  const cmd = { encoder: enc, width: Number(width), n: Number(n), file: file.join(' ') };
  const ms = [];
  let bytes = 0;
  for (let i = 0; i < cmd.n; i++) {
    const t0 = process.hrtime.bigint();
    bytes = await once(cmd);
    ms.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  process.stdout.write(JSON.stringify({ ms, bytes, threads: sharp.concurrency() }) + '\n');
}
