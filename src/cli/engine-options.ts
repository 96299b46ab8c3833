// How `check` and `evaluate` are told to check differently from the built-in profiles:
//   --payer ID          force one payer profile
//   --policy FILE       the organisation's managed configuration (docs/ADMIN.md section 4), read by
//                       the extension's own policy resolver, so a compliance lead can score a
//                       policy change on audited visits before deploying it
//   --rule ID=LEVEL     one rule's level, after the policy (repeatable)
// Unlike the extension, which ignores a bad policy entry and keeps going, the command line refuses
// it (exit 2): someone testing a change must not score a policy that is silently not what they wrote.
import { type CheckOptions, LEVELS, type Level } from '../engine/types';
import { type CliContext, InputError, UsageError } from './context';
import { parseJsonText, readTextFile, describeValue, MAX_INPUT_BYTES } from './input';

export interface EngineOptionValues {
  payer?: string;
  policy?: string;
  rule?: string[];
}

/** The parseArgs declarations shared by the commands that run checks. */
export const ENGINE_OPTION_ARGS = {
  payer: { type: 'string' },
  policy: { type: 'string' },
  rule: { type: 'string', multiple: true },
} as const;

export const ENGINE_OPTION_HELP = `  --payer ID        use this payer profile for every visit (see "therapy-claim-guard rules")
  --policy FILE     apply an organisation policy (the managed configuration JSON of docs/ADMIN.md):
                    defaultProfile, payerMap, ruleLevels, ruleOptions and disabledRules; keys that
                    do not change checking (sites, adapters, locks) are ignored
  --rule ID=LEVEL   set one rule to off, info, warning or error (repeatable; applied after --policy)`;

function profileId(command: string, ctx: CliContext, payer: string): string {
  const wanted = payer.trim().toLowerCase();
  const profiles = ctx.engine.listProfiles();
  if (profiles.some((profile) => profile.id === wanted)) return wanted;
  throw new UsageError(`unknown payer profile "${payer}"; known: ${profiles.map((p) => p.id).join(', ')}`, command);
}

function ruleLevel(command: string, ctx: CliContext, arg: string): [string, Level] {
  const match = /^([^=]+)=(.*)$/.exec(arg);
  if (!match) throw new UsageError(`--rule "${arg}" is not ID=LEVEL (e.g. functional-goal=off)`, command);
  const id = (match[1] ?? '').trim();
  const level = (match[2] ?? '').trim().toLowerCase();
  if (!ctx.engine.listAllRules().some((rule) => rule.id === id)) {
    throw new UsageError(`--rule: no rule "${id}" (see "therapy-claim-guard rules")`, command);
  }
  if (!(LEVELS as readonly string[]).includes(level)) throw new UsageError(`--rule ${id}: level must be ${LEVELS.join(', ')} (got "${match[2]}")`, command);
  return [id, level as Level];
}

async function policyOptions(ctx: CliContext, path: string): Promise<CheckOptions> {
  const file = await readTextFile(path, ctx.maxInputBytes ?? MAX_INPUT_BYTES);
  if (!file.ok) throw new InputError([`--policy ${file.problem}`]);
  for (const warning of file.warnings) ctx.stderr(`warning: ${warning}\n`);
  const parsed = parseJsonText(file.text, path);
  if (!parsed.ok) throw new InputError([`--policy ${parsed.problem}`]);
  const data = parsed.data;
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw new InputError([`--policy ${path}: expected an object of policy keys (got ${describeValue(data)})`]);
  }
  const known = {
    rules: new Set(ctx.engine.listAllRules().map((rule) => rule.id)),
    profiles: new Set(ctx.engine.listProfiles().map((profile) => profile.id)),
  };
  // Loaded here, not at start-up: the settings model builds its schemas when its modules load, and
  // a check without --policy never needs them.
  const { DEFAULT_SETTINGS, resolveSettings } = await import('../settings');
  const { settings, rejected } = resolveSettings(DEFAULT_SETTINGS, {}, data as Record<string, unknown>, known);
  if (rejected.length > 0) throw new InputError(rejected.map((r) => `--policy ${path}: ${r.key}: ${r.reason}`));
  const options: CheckOptions = {};
  if (settings.defaultProfile !== null) options.defaultProfile = settings.defaultProfile;
  if (Object.keys(settings.ruleLevels).length > 0) options.ruleLevels = settings.ruleLevels;
  if (Object.keys(settings.ruleOptions).length > 0) options.ruleOptions = settings.ruleOptions;
  if (settings.disabledRules.length > 0) options.disabledRules = settings.disabledRules;
  if (Object.keys(settings.payerMap).length > 0) options.payerMap = settings.payerMap;
  return options;
}

/** The CheckOptions the command line's --payer, --policy and --rule ask for (undefined: none). */
export async function engineOptions(command: string, ctx: CliContext, values: EngineOptionValues): Promise<CheckOptions | undefined> {
  // Usage errors first: they are cheaper to fix than a policy file.
  const profile = values.payer === undefined ? undefined : profileId(command, ctx, values.payer);
  const levels = (values.rule ?? []).map((arg) => ruleLevel(command, ctx, arg));
  const options = values.policy === undefined ? {} : await policyOptions(ctx, values.policy);
  if (profile !== undefined) options.profile = profile;
  if (levels.length > 0) {
    options.ruleLevels = { ...options.ruleLevels, ...Object.fromEntries(levels) };
    // The policy's kill switch would otherwise win over a level asked for on the command line.
    const disabled = options.disabledRules?.filter((id) => !levels.some(([rule]) => rule === id));
    if (disabled !== undefined) options.disabledRules = disabled;
  }
  return Object.keys(options).length > 0 ? options : undefined;
}
