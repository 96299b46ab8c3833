// node:util parseArgs with its errors turned into usage errors (exit 2, no stack trace).
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './context';

type Options = NonNullable<ParseArgsConfig['options']>;

export function parseCommandArgs<T extends Options>(command: string, args: string[], options: T) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    // parseArgs messages already name the option; drop its advice about '--', which confuses here.
    const message = error instanceof Error ? (error.message.split('. To specify a positional')[0] ?? error.message) : String(error);
    throw new UsageError(message, command);
  }
}

/** A string option restricted to a few values. */
export function oneOf<V extends string>(command: string, option: string, value: string | undefined, allowed: readonly V[], fallback: V): V {
  if (value === undefined) return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as V;
  const choices = allowed.length > 2 ? `one of ${allowed.join(', ')}` : allowed.join(' or ');
  throw new UsageError(`--${option} must be ${choices} (got "${value}")`, command);
}
