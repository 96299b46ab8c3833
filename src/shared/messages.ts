// The one catalog of extension messages, named by direction, each with its zod schema.
// Receivers validate with parseMessage() and drop anything that does not parse (fail closed).
import * as z from '../engine/zod';
import { DISMISS_LIMITS, ID_LIMITS as ID, MAX_PARTS, PAGE_CAPS } from './limits';
import { SnapshotSchema } from './snapshot';

const tabId = z.number().check(z.int(), z.nonnegative());
const level = z.enum(['off', 'info', 'warning', 'error']);

// content script → background
export const ContentToBackground = {
  snapshot: z.object({ type: z.literal('cs:snapshot'), snapshot: SnapshotSchema }),
  /** The frame no longer shows anything to read (navigated inside an SPA, content removed). */
  empty: z.object({ type: z.literal('cs:empty') }),
  /** "Open in Claim Guard" in the in-page tip of a highlight: show this finding in the popup or side panel. */
  openFinding: z.object({ type: z.literal('cs:open-finding'), findingKey: z.string().check(z.maxLength(ID.findingKey)) }),
  /** The page changed and the frame reads it again later (it keeps changing): what it sent is stale. */
  pending: z.object({ type: z.literal('cs:pending') }),
  /**
   * The frame asks which selector configurations apply to its address (answered with the matching
   * configs, validated): URL matching runs in the worker, so the content script stays small.
   */
  configs: z.object({ type: z.literal('cs:configs'), href: z.string().check(z.maxLength(PAGE_CAPS.url)) }),
  /** The user picked "the note is here" in the page: a selector for the element (PHI-free). */
  picked: z.object({
    type: z.literal('cs:picked'),
    selector: z.string().check(z.minLength(1), z.maxLength(ID.selector)),
  }),
} as const;

// popup / options → background
export const UiToBackground = {
  getTabState: z.object({ type: z.literal('ui:get-tab-state'), tabId }),
  rescan: z.object({ type: z.literal('ui:rescan'), tabId }),
  setProfile: z.object({ type: z.literal('ui:set-profile'), tabId, profile: z.nullable(z.string().check(z.maxLength(ID.profile))) }),
  dismiss: z.object({
    type: z.literal('ui:dismiss'),
    tabId,
    findingKey: z.string().check(z.maxLength(ID.findingKey)),
    ruleId: z.string().check(z.maxLength(ID.rule)),
    reason: z.string().check(z.minLength(1), z.maxLength(DISMISS_LIMITS.reasonChars)),
  }),
  undismiss: z.object({ type: z.literal('ui:undismiss'), tabId, findingKey: z.string().check(z.maxLength(ID.findingKey)) }),
  showInNote: z.object({ type: z.literal('ui:show-in-note'), tabId, findingKey: z.string().check(z.maxLength(ID.findingKey)) }),
  ruleLevel: z.object({ type: z.literal('ui:rule-level'), ruleId: z.string().check(z.maxLength(ID.rule)), level }),
  /** Turn a rule off (off: true) or back on for the tab's payer profile or the tab's site. */
  ruleScope: z.object({
    type: z.literal('ui:rule-scope'),
    tabId,
    ruleId: z.string().check(z.maxLength(ID.rule)),
    scope: z.enum(['profile', 'site']),
    off: z.boolean(),
  }),
  /** Options page: the PHI-free dismissal log, for the compliance lead's CSV export. */
  getAudit: z.object({ type: z.literal('ui:get-audit') }),
  /** Options page: what the organisation's policy locks and which policy values were rejected. */
  getPolicy: z.object({ type: z.literal('ui:get-policy') }),
  /** Popup "Read from": what was taken as note, lines, payer, date, provider, and why. */
  getReading: z.object({ type: z.literal('ui:get-reading'), tabId }),
  /** Popup "Read from" corrections, saved as this site's selector configuration. */
  correct: z.object({
    type: z.literal('ui:correct-reading'),
    tabId,
    /** not-note: the part is not the note; pick-note: let the user pick the note in the page; forget: drop this site's corrections. */
    action: z.enum(['not-note', 'pick-note', 'forget']),
    part: z.optional(z.string().check(z.maxLength(ID.part))),
  }),
  /** Popup "Forget this patient": the worker reads the tab's patient identifier itself (never sent). */
  forgetPatient: z.object({ type: z.literal('ui:forget-patient'), tabId }),
  /** Options page: visit history's state (on, retention, patients kept: a count) and "Forget all history". */
  getHistory: z.object({ type: z.literal('ui:get-history') }),
  forgetHistory: z.object({ type: z.literal('ui:forget-history') }),
} as const;

// background → content script (sent to one frame)
export const BackgroundToContent = {
  /** Mark [start, end) of a described text block (`partId` is the block's anchor id, as described). */
  highlight: z.object({
    type: z.literal('bg:highlight'),
    partId: z.string().check(z.maxLength(ID.anchor)),
    start: z.number().check(z.int(), z.nonnegative()),
    end: z.number().check(z.int(), z.nonnegative()),
  }),
  /** Mark a claim line's row, card or list item (an anchor id from the frame's description). */
  highlightElement: z.object({ type: z.literal('bg:highlight-element'), anchor: z.string().check(z.maxLength(ID.anchor)) }),
  clearHighlight: z.object({ type: z.literal('bg:clear-highlight') }),
  requestSnapshot: z.object({ type: z.literal('bg:request-snapshot') }),
  /** Let the user pick the note's element in the page (answered with cs:picked). */
  pick: z.object({ type: z.literal('bg:pick') }),
  /** PHI-free CSS selectors for described elements (answered { selectors: (string | null)[] }). */
  selectors: z.object({ type: z.literal('bg:selectors'), anchors: z.array(z.string().check(z.maxLength(ID.anchor))).check(z.maxLength(MAX_PARTS)) }),
} as const;

export type Catalog = Record<string, z.ZodMiniType>;
export type MessageOf<C extends Catalog> = { [K in keyof C]: z.infer<C[K]> }[keyof C];

export type ContentMessage = MessageOf<typeof ContentToBackground>;
export type UiMessage = MessageOf<typeof UiToBackground>;
export type BackgroundToContentMessage = MessageOf<typeof BackgroundToContent>;

/** Validate an inbound message against one direction's catalog; null when it matches none. */
export function parseMessage<C extends Catalog>(catalog: C, input: unknown): MessageOf<C> | null {
  if (typeof input !== 'object' || input === null) return null;
  for (const schema of Object.values(catalog)) {
    const result = schema.safeParse(input);
    if (result.success) return result.data as MessageOf<C>;
  }
  return null;
}
