// imageopt's encoder keys (imageopt.bench.EncoderChoice, the same grammar) as Sharp options; shared by
// driver.mjs and coldstart.mjs:
//   jpeg-q80[-moz][-tN]   webp-q80-e4[-ss][-PRESET]   avif-q50-e4-444|420[-10bit|-12bit][-iq|-ssim|-psnr]   png-c6
// Legacy single words jpeg / webp / avif mean Sharp's defaults (what the AWS sample uses).
// JPEG output flattens on white, as imageopt does.
const legacy = { jpeg: 'jpeg-q80', webp: 'webp-q80-e4', avif: 'avif-q50-e4-444' };

export function encoder(key) {
  const k = legacy[key] ?? key;
  let m;
  if ((m = /^jpeg-q(\d+)(-moz)?(?:-t(\d))?$/.exec(k))) {
    const opts = { quality: +m[1], mozjpeg: !!m[2] };
    if (m[3] !== undefined) opts.quantisationTable = +m[3]; // after mozjpeg's own table 3
    return { format: 'jpeg', apply: (p) => p.flatten({ background: '#ffffff' }).jpeg(opts) };
  }
  if ((m = /^webp-q(\d+)-e(\d)(-ss)?(?:-(picture|photo|drawing|icon|text))?$/.exec(k))) {
    return { format: 'webp', apply: (p) => p.webp({ quality: +m[1], effort: +m[2], smartSubsample: !!m[3], preset: m[4] ?? 'default' }) };
  }
  if ((m = /^avif-q(\d+)-e(\d)-(444|420)(?:-(10|12)bit)?(?:-(iq|ssim|psnr))?$/.exec(k))) {
    return {
      format: 'avif',
      apply: (p) => p.avif({ quality: +m[1], effort: +m[2], chromaSubsampling: m[3] === '444' ? '4:4:4' : '4:2:0', bitdepth: m[4] ? +m[4] : 8, tune: m[5] ?? 'auto' }),
    };
  }
  if ((m = /^png-c(\d)$/.exec(k))) return { format: 'png', apply: (p) => p.png({ compressionLevel: +m[1] }) };
  throw new Error(`unknown encoder key ${key}`);
}
