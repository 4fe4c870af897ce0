// What every adapter shares: its package's version, read from tests/bench/node_modules.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));

export function packageVersion(name) {
  try {
    return JSON.parse(fs.readFileSync(path.join(HERE, '..', 'node_modules', name, 'package.json'), 'utf8')).version;
  } catch {
    return '?';
  }
}
