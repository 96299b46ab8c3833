// What the build works out ahead of time for the node bundles (build.mjs `prebuiltModules`, run
// from source): each validating loader's output for its shipped JSON file, and the lexicon
// automaton, packed. Validating here also fails the build on a bad edit of the data.
import { parseCodesData } from '../codes';
import { compileLexicons, type LexiconData, packLexicons, type PackedLexicons, type PackedLexiconsRest, splitNumberColumns } from '../chart/lexicon';
import { allLexicons, slipLexicons } from '../chart/lexicon-sources';
import { parseCodePairs } from './code-pairs';
import rawPairs from './code-pairs.json';
import rawCodes from './codes.json';
import { parseDiagnoses } from './diagnoses';
import rawDiagnoses from './diagnoses.json';
import { orderServiceNames, type ServiceNameTables } from './service-name-order';

export interface BuildTables {
  /** The validated data by file name (under src/engine/data/). */
  data: Record<string, unknown>;
  lexicons: PackedLexicons;
  /** The same, as shipped: its JSON part and its number columns end to end. */
  lexiconParts: { rest: PackedLexiconsRest; numbers: Int32Array };
  /** The lexicons spelling slips are read against, as they are. */
  slipLexicons: LexiconData[];
  /** The codes data's service names in matching order (longest first). */
  serviceNames: ServiceNameTables;
}

function valid<T>(file: string, result: { ok: true; data: T } | { ok: false; problems: string[] }): T {
  if (!result.ok) throw new Error(`src/engine/data/${file} is invalid:\n  ${result.problems.join('\n  ')}`);
  return result.data;
}

export function buildTables(): BuildTables {
  const codes = valid('codes.json', parseCodesData(rawCodes));
  const lexicons = packLexicons(compileLexicons(allLexicons()));
  return {
    data: {
      'codes.json': codes,
      'diagnoses.json': valid('diagnoses.json', parseDiagnoses(rawDiagnoses)),
      'code-pairs.json': valid('code-pairs.json', parseCodePairs(rawPairs)),
    },
    lexicons,
    lexiconParts: splitNumberColumns(lexicons),
    slipLexicons: slipLexicons(allLexicons()),
    serviceNames: orderServiceNames(codes),
  };
}
