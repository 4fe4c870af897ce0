// The engines the runner knows, by the name given to --engines.
import vigie from './vigie.mjs';
import minisearch from './minisearch.mjs';
import flexsearch from './flexsearch.mjs';
import lunr from './lunr.mjs';
import orama from './orama.mjs';
import pagefind from './pagefind.mjs';

export const ENGINES = { vigie, minisearch, flexsearch, lunr, orama, pagefind };
export const ENGINE_NAMES = Object.keys(ENGINES);
