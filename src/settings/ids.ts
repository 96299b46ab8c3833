// Formats of the ids and sites a setting may name. The validators (./validate.ts) check each
// entry against these; the managed schema leaves them out on purpose (./chrome-schema.ts).
import { ID_LIMITS, SETTINGS_LIMITS } from '../shared/limits';
import { LEVELS } from '../engine/types';
import * as z from '../engine/zod';

/** Lower-case letters, digits and dashes, at most the limits module's length (src/shared/limits.ts ID_LIMITS). */
const idPattern = (max: number) => new RegExp(`^[a-z0-9][a-z0-9-]{0,${max - 1}}$`);
export const RULE_ID = idPattern(ID_LIMITS.rule);
const PROFILE_ID = idPattern(ID_LIMITS.profile);
/** A site as the popup's "turn this rule off on this site" stores it: an http(s) origin. */
const SITE_ORIGIN = /^https?:\/\/[a-z0-9.-]{1,253}(:\d{1,5})?$/i;
/** Host permission patterns as the options page writes them: https://host/* or https://*.host/* */
const SITE_PATTERN = /^https?:\/\/(\*\.)?[a-z0-9.-]{1,253}(:\d{1,5})?\/\*$/i;

export const RuleIdSchema = z.string().check(z.regex(RULE_ID));
export const ProfileIdSchema = z.string().check(z.regex(PROFILE_ID));
export const LevelSchema = z.enum(LEVELS);
export const PayerNameSchema = z.string().check(z.minLength(1), z.maxLength(SETTINGS_LIMITS.payerName));
export const SitePatternSchema = z.string().check(z.maxLength(SETTINGS_LIMITS.site), z.regex(SITE_PATTERN));
export const SiteOriginSchema = z.string().check(z.maxLength(SETTINGS_LIMITS.site), z.regex(SITE_ORIGIN));
