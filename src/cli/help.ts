// Help text, one block per command; `--help` prints it, usage errors point to it.
export const PROGRAM = 'therapy-claim-guard';

export const COMMAND_HELP = {
  check: `Usage: ${PROGRAM} check [--payer ID] [--format text|json] FILE...

Checks visits against the payer profile's rules.
  FILE.json   one Visit object, or an array of Visits (reported as FILE#0, FILE#1 …)
  FILE.txt    a therapy note; claim lines and minutes are read from the note
Files may be UTF-8 (with or without BOM) or UTF-16 with a BOM.

Options:
  --payer ID        use this payer profile for every visit (see "${PROGRAM} rules")
  --format FORMAT   text (default) or json
Exit: 0 no error-level finding, 1 error-level findings, 2 bad usage or input.`,
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
  check [--payer ID] [--format text|json] FILE...        check visits (.json) or notes (.txt)
  units [--method cms|per-code] [--untimed CODES] CODE=MINUTES...
                                                          units the minutes support
  rules [--format text|json]                              rules and their level per payer
  schema                                                  the Visit JSON Schema

Options:
  -h, --help       help (also "${PROGRAM} <command> --help")
  -v, --version    program and data versions

Exit codes: 0 no error-level finding, 1 error-level findings, 2 bad usage or input,
3 internal error.`;
