#!/usr/bin/env node
// Signs an imageopt URL the way the edge checks it (contract/README.md, "Signing"):
//   sig = <key id> "." base64url-without-padding( HMAC-SHA256( secret as UTF-8,
//                                                 "<path as sent>?<query as sent, without sig>" ) )
// appended as the last pair. Put exp=<unix seconds> in the query before signing.
//
//   node contract/tools/sign.mjs <key id> <secret> '/images/a.jpg?width=300&exp=1767225600'
import {createHmac} from 'node:crypto';
import {fileURLToPath} from 'node:url';

/** `<key id>.<mac>` for this path and query (the query as it will be sent, minus sig). */
export function signature(path, query, keyId, secret) {
  const mac = createHmac('sha256', secret).update(`${path}?${query}`, 'utf8').digest('base64url');
  return `${keyId}.${mac}`;
}

/** The query to send: `query` with `sig=...` appended. */
export function signQuery(path, query, keyId, secret) {
  return `${query}${query === '' ? '' : '&'}sig=${signature(path, query, keyId, secret)}`;
}

/** A signed `path?query` URL; `url` is a path with an optional query. */
export function signUrl(url, keyId, secret) {
  const q = url.indexOf('?');
  const path = q < 0 ? url : url.slice(0, q);
  return `${path}?${signQuery(path, q < 0 ? '' : url.slice(q + 1), keyId, secret)}`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [keyId, secret, url] = process.argv.slice(2);
  if (!keyId || !secret || !url) {
    console.error("usage: sign.mjs <key id> <secret> '<path>[?<query>]'");
    process.exit(2);
  }
  console.log(signUrl(url, keyId, secret));
}
