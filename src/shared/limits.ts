// Every size limit of the product, in one zod-free, dependency-free file, so each layer enforces
// the very same numbers: the content script (40 KB budget, no schema library), the page and
// message schemas the worker validates with, the engine (findings caps), the popup's TabState
// schema, the options page and the command line. A limit that differs between two layers breaks
// the one downstream (a part id the describer allows and the highlight message refuses; a lock
// the options page offers and the worker rejects), so nothing here is repeated elsewhere.
//
// Past a limit nothing is dropped silently: text and lists are cut and the cut is reported
// (PageDescription.cut → the popup's "cut" notice), findings are counted exactly and shown
// as "+N more" (CheckResult.truncated).

/** Characters of one text block of a page (a note part is at most one block's text). */
export const MAX_PART_CHARS = 200_000;
/** Note selectors of a selector configuration. */
export const MAX_PARTS = 40;

/**
 * The page description a content script sends (src/shared/page.ts PAGE_LIMITS builds on these):
 * a huge or hostile page stays bounded, and every cap that bites is named in `cut`.
 */
export const PAGE_CAPS = {
  blocks: 1500,
  /** All block text together. */
  text: 600_000,
  blockChars: MAX_PART_CHARS,
  headings: 400,
  fields: 400,
  tables: 80,
  rows: 200,
  cells: 40,
  records: 200,
  recordParts: 40,
  cellChars: 400,
  label: 200,
  value: 300,
  title: 300,
  /** The frame's address (the history hook reads a patient id in it). */
  url: 2000,
  hints: 12,
  /** Characters of one hint word ("soap", "fee-sheet"). */
  hintChars: 40,
  /** What was cut, one short line each ("blocks: 1,500 of 2,310"). */
  cutEntries: 20,
  cutChars: 80,
} as const;

/**
 * Identifiers that travel between layers. A described element's anchor id ("b12", "t3r4") names a
 * block, row or record in highlight and selector messages; a note part's key is a block's anchor, a
 * label or an index, and comes back in evidence (`Evidence.part`) and in `bg:highlight`.
 */
export const ID_LIMITS = {
  /** An anchor id the describer gives an element. */
  anchor: 40,
  /**
   * A note part's key as evidence, "Read from" corrections and highlights name it: in the
   * extension "<frame id>:<anchor>#<n>" (src/background/frames.ts visitPartId), far below this.
   */
  part: 200,
  /** A rule id (src/engine/rules/<id>.ts) and a payer profile id. */
  rule: 100,
  profile: 100,
  /** A finding's stable key (src/background/engine-api.ts findingKeys). */
  findingKey: 500,
  /** An origin ("https://ehr.example.org:8443"). */
  origin: 500,
  /** A PHI-free CSS selector picked in the page. */
  selector: 500,
  /** The adapter that read a frame ("page+selector:<name>"). */
  adapter: 200,
} as const;

/**
 * Findings one check returns. A note that repeats one problem a thousand times (or an 8 MB paste)
 * must not give a result the popup cannot validate or the worker cannot hold: each rule keeps its
 * first `perRule` instances in note order, the result its first `total` findings in display order
 * (worst first), and CheckResult.truncated counts every one left out, exactly, per rule and severity.
 */
export const FINDINGS_LIMITS = {
  perRule: 50,
  total: 300,
} as const;

/** The findings a TabState may carry: one check's, for each encounter a claim list shows. */
export const TAB_LIMITS = {
  findings: FINDINGS_LIMITS.total,
  /** Dismissals kept per visit, and the finding keys beside the findings. */
  dismissals: 1000,
  /** Claim lines of one tab (all encounters of a claim list). */
  lines: 200,
  /** Profiles the popup's switch lists. */
  profiles: 200,
} as const;

/**
 * The popup's "Read from" view (src/shared/reading.ts): what the worker took from the page. Past
 * these the view lists the first ones and says how many it left out in its `cut` notes.
 */
export const READING_LIMITS = {
  visits: 50,
  partsPerVisit: 60,
  /** One table's rows at most (a claim list page shows one table per encounter). */
  linesPerVisit: PAGE_CAPS.rows,
} as const;

/** Settings, policy and locks: the same numbers in the worker's resolver and the options page. */
export const SETTINGS_LIMITS = {
  /** Entries in any list or map (rule levels, payer names, sites, locks). */
  entries: 500,
  /** Selector adapters (the options page's editor and the worker's policy reader). */
  adapters: 20,
  /** Characters of any one value once serialized. */
  valueChars: 256 * 1024,
  /** Rejections reported one by one; the rest are counted in a last entry. */
  rejections: 100,
  /** Characters of a lock explanation or contact line. */
  lockText: 300,
  /** Characters of a lock name ("ruleLevels.<rule id>"). */
  lockName: 200,
  /** Characters of a payer name in the payer map. */
  payerName: 100,
  /** Characters of a site pattern or origin as the rule scopes store it. */
  site: 300,
} as const;

/**
 * Lock names the worker can resolve at most: one per entry of the policy's `lockedSettings`,
 * `ruleLevels` and `disabledRules` (each at most `entries`), plus the settings a policy value
 * locks by being set. The popup's and the options page's schemas accept exactly this many, so a
 * big policy the worker accepts never makes them fail ("the lock count differs").
 */
export const MAX_LOCKS = 3 * SETTINGS_LIMITS.entries + 20;

/** Policy values rejected one by one, plus the last entry that counts the rest. */
export const MAX_REJECTIONS_SHOWN = SETTINGS_LIMITS.rejections + 1;

/** A claim line as a page or a visit file gives it. */
export const CLAIM_LINE_LIMITS = {
  modifiers: 8,
  diagnoses: 12,
  /** Characters of one diagnosis code (ICD-10-CM is at most 8 with the dot). */
  diagnosisChars: 12,
  units: 999,
  minutes: 1440,
} as const;

/** Dismissals: the reason as sent ("<category>: note"), and the local audit trail's length. */
export const DISMISS_LIMITS = {
  reasonChars: 500,
  auditEntries: 1000,
} as const;
