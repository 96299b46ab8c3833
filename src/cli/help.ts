// Help text, one block per command; `--help` prints it, usage errors point to it.
import { ENGINE_OPTION_HELP } from './engine-options';

export const PROGRAM = 'therapy-claim-guard';

export const COMMAND_HELP = {
  check: `Usage: ${PROGRAM} check [options] FILE|DIR|GLOB...

Checks visits against the payer profile's rules, streaming one result per visit in input order.
  FILE.json   one Visit object, or an array of Visits (reported as FILE#0, FILE#1 …)
  FILE.txt    a therapy note; claim lines and minutes are read from the note
  DIR         every .json and .txt file under it, in name order (hidden files and others skipped)
  GLOB        quoted patterns are expanded here: 'exports/**/*.json', 'notes/2026-0[1-3]/*.{json,txt}'
Files may be UTF-8 (with or without BOM), UTF-16 with a BOM, or Windows-1252.
A file that cannot be read or checked is reported by name (stderr, and in the json, ndjson, csv,
sarif and html output); the others are still checked.

Options:
${ENGINE_OPTION_HELP}
  --explain         also show what the engine read: minutes per code and the text they came
                    from, totals, units, measures, goals, signatures, episode facts, wording
                    (text, json and ndjson)
  --format FORMAT   text (default)  a report for people
                    json            {"results":[…]} (the documented contract)
                    ndjson          one result per line as each visit is checked
                    csv             one row per finding, for spreadsheets
                    sarif           SARIF 2.1.0 for code scanning tools
                    html            one self-contained report with counts per rule, payer, provider
  --out FILE        write the output to FILE (complete or not at all) instead of stdout
  --jobs N          threads that check: N - 1 worker threads and the main thread (default: the
                    machine's available parallelism); 1 checks on the main thread only
  --claims FILE     an X12 837P claim file (repeatable): each claim (CLM) is joined to the visit
                    whose id, or file, is its patient control number (CLM01), and gives it its
                    lines, modifiers, units, diagnoses, payer and rendering provider; claim lines
                    with no note are reported (docs/837p.md)
  --claim-map FILE  a JSON object mapping patient control numbers to visit ids or note files
  --no-history      skip the cross-visit rules (cloned-note, templated-note, massage-trend),
                    which otherwise run in date order over visits that give patient.id, after
                    every visit's own result (docs/history.md)
A progress line is shown on stderr when it is a terminal (not in CI) and the output is not.
Exit: 0 no error-level finding, 1 error-level findings, 2 bad usage or an input that could not
be checked, 3 the engine failed on a visit (the others are still checked). Details: docs/batch.md`,
  evaluate: `Usage: ${PROGRAM} evaluate [options] DIR|FILE...

Scores the engine on labelled visits: per-rule precision and recall, units agreement, and every
false alarm and miss with its case, rule and evidence (format: docs/evaluate.md).
  FILE.json   one labelled case {id, visit, must, mustNot, mustNotError?, units?, why?}, or an array
  DIR         every .json file under it (other files are skipped)
A bad file or case is reported on stderr and skipped; the rest are scored.

Options:
${ENGINE_OPTION_HELP}
  --format FORMAT               text (default) or json
  --summary                     text: the table and totals only, without each false alarm and miss
  --min-precision X             exit 1 when precision over all pairs is below X (0 to 1)
  --min-recall X                exit 1 when recall over all pairs is below X
  --min-units X                 exit 1 when the share of labelled codes with exact units is below X
  --max-error-false-alarms N    exit 1 when more than N false alarms fired at severity error
Exit: 0 every limit met (or none given), 1 a limit not met, 2 bad usage or a bad input file.`,
  units: `Usage: ${PROGRAM} units [--method cms|per-code] [--untimed CODES] CODE=MINUTES...

Units per code for one date of service.
  CODE=MINUTES      a timed service, e.g. 97124=25 97110=20 (an untimed code here counts 1 unit)
Options:
  --method METHOD   cms (total-time 8-minute rule, default) or per-code (substantial portion)
  --untimed CODES   untimed services performed, comma-separated, e.g. 97014,97161 (1 unit each)
  --format FORMAT   json (default) or text (with an explanation)`,
  rules: `Usage: ${PROGRAM} rules [--format text|json]

Lists every rule with its title, its level under each payer profile and its citations.`,
  schema: `Usage: ${PROGRAM} schema

Prints the JSON Schema of a Visit (the input of "check" for .json files).`,
} as const;

export type CommandName = keyof typeof COMMAND_HELP;

export const MAIN_HELP = `${PROGRAM}: checks CPT 97124 (therapeutic massage) claims and notes.

Usage: ${PROGRAM} <command> [options]

Commands:
  check [--payer ID] [--format FORMAT] [--out FILE] [--jobs N] FILE|DIR|GLOB...
                                                          check visits (.json) or notes (.txt)
  evaluate [--min-precision X] [--min-recall X] DIR|FILE...
                                                          score the engine on labelled visits
  units [--method cms|per-code] [--untimed CODES] CODE=MINUTES...
                                                          units the minutes support
  rules [--format text|json]                              rules and their level per payer
  schema                                                  the Visit JSON Schema

Options:
  -h, --help       help (also "${PROGRAM} <command> --help")
  -v, --version    program and data versions

Exit codes: 0 no error-level finding, 1 error-level findings (evaluate: a limit not met),
2 bad usage or input, 3 internal error.`;
