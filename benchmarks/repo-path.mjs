// Paths as results record them: relative to the checkout when inside it, so that no committed
// result carries a machine's absolute path (a user's own file outside stays as given).
import { dirname, join, relative, isAbsolute } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');

export function recorded(path) {
  const r = relative(root, path);
  return r.startsWith('..') || isAbsolute(r) ? path : r;
}
