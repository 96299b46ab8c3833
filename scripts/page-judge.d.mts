// Types of page-judge.mjs for the tests (TypeScript does not check .mjs here).

/** Why one read visit is not the expected one (an empty list: read right). */
export function visitDifferences(read: unknown, expected: unknown, notNote?: string[]): string[];
/** Why the read visits of a page are not the expected ones (an empty list: read right). */
export function pageDifferences(readVisits: unknown[], expected: { visits: unknown[]; notNote?: string[] }): string[];
/** A finding as both sides can show it: rule, evidence text, and the claim line's code and modifiers. */
export function fingerprint(finding: { ruleId: string; evidence?: { text?: string }; line?: number }, lines: readonly { code: string; modifiers?: readonly string[] }[]): string;
