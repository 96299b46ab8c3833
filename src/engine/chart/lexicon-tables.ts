// The one automaton every lexicon is matched with, and the lexicon ids in its order.
//
// Run from source (tests, scripts), it is compiled here from the JSON lexicons. The node bundles
// (dist/cli-bundle.cjs, dist/engine.mjs) get a generated version of this module instead, holding the
// automaton the build compiled, packed (build.mjs `prebuiltModules`): a cold command line then skips
// compiling 2,000 phrases and the lexicon JSON is not in the bundle at all.
// test/engine/prebuilt.test.ts checks that the packed automaton is the one compiled here.
import { compileLexicons, type CompiledLexicons, type LexiconData } from './lexicon';
import { allLexicons, slipLexicons } from './lexicon-sources';

const ALL_LEXICONS = allLexicons();

export const LEXICON_IDS: readonly string[] = ALL_LEXICONS.map((l) => l.id);
export const COMPILED: CompiledLexicons = compileLexicons(ALL_LEXICONS);
/** The lexicons spelling slips are read against (./spelling-slips.ts), as data. */
export const SLIP_SOURCE: readonly LexiconData[] = slipLexicons(ALL_LEXICONS);
