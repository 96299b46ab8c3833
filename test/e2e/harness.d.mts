// Types for harness.mjs (plain JS so scripts/start.mjs and the benchmark can import it).
import type { BrowserContext, Frame, Page, Worker } from 'playwright-core';
import type { Browser as PuppeteerBrowser, Page as PuppeteerPage } from 'puppeteer-core';

/** scripts/demo-server.mjs, re-exported. */
export interface DemoServer {
  origin: string;
  port: number;
  requests: Array<{ method: string | undefined; path: string; status: number }>;
  close(): Promise<void>;
}
export const DEMO_ROOT: string;
export function startDemoServer(options?: { root?: string; port?: number; host?: string; log?: boolean }): Promise<DemoServer>;

export const REPO: string;
export const CHROMIUM_PATH: string;
export const FIREFOX_PATH: string;
export const GECKO_ID: string;
export const FIREFOX_UUID: string;
export const DEMO_PAGES: { index: string; encounter: string; clean: string; clinicalNotes: string; spa: string; claims: string };

export function chromiumArgs(extensionDir?: string): string[];
export function requireBrowser(path: string, name: 'chromium' | 'firefox-esr'): void;
/** `reused`: TCG_E2E_BUILD pointed at an existing build (do not delete it). */
export function buildDemoExtension(outdir?: string): { outdir: string; chrome: string; firefox: string; reused: boolean };
export function sleep(ms: number): Promise<void>;
export function waitFor<T>(
  probe: () => T | Promise<T>,
  options?: { timeout?: number; interval?: number; what?: string },
): Promise<NonNullable<T>>;

export function launchChromium(options: {
  extensionDir?: string;
  headless?: boolean;
  netLog?: boolean;
  viewport?: { width: number; height: number } | null;
  deviceScaleFactor?: number;
  /** false: the caller handles Ctrl-C itself (Playwright would exit before the profile is removed). */
  handleSignals?: boolean;
}): Promise<ChromiumExtension>;

export class ChromiumExtension {
  readonly context: BrowserContext;
  readonly profileDir: string;
  extensionId: string;
  worker(timeout?: number): Promise<Worker>;
  ready(): Promise<void>;
  evalWorker<R, A = undefined>(fn: (arg: A) => R | Promise<R>, arg?: A): Promise<R>;
  tabIdOf(page: Page): Promise<number>;
  badge(tabId: number): Promise<string>;
  waitForBadge(tabId: number, accept?: (text: string) => boolean, timeout?: number): Promise<string>;
  popupUrl(tabId: number): string;
  openPopup(page: Page, size?: { width?: number; height?: number }): Promise<{ popup: Page; tabId: number }>;
  stopWorker(page: Page): Promise<void>;
  netLogRequests(): Array<{ url: string; method: string; initiator: string; isolationKey: string }>;
  close(options?: { keepProfile?: boolean }): Promise<void>;
  removeProfile(): void;
}

export interface PopupFinding {
  severity: string;
  title: string;
  message: string;
  evidence: string | null;
}

/** The subset of the worker's TabState (src/ui/tab-state.ts) the tests look at. */
export interface TabStateReply {
  status: string;
  frames: number;
  findingKeys: string[];
  dismissed: Array<{ findingKey: string; ruleId: string; reason: string; at: number }>;
  profileOverride: string | null;
  focus?: { findingKey: string; at: number };
  result?: {
    findings: Array<{ ruleId: string; title: string; severity: string; message: string; evidence?: { part?: string; text: string }; line?: number }>;
    profile: { id: string; name: string; matchedBy: string; payerText?: string };
    units: { billed: Record<string, number>; minutesByCode: Record<string, number>; expected: Record<string, number> };
  };
}

type EvaluatingPage = Page | PuppeteerPage;

export function waitForPopupRendered(popup: Page, timeout?: number): Promise<void>;
export function readPopupFindings(popup: EvaluatingPage): Promise<PopupFinding[]>;
export function expandAllRows(popup: EvaluatingPage): Promise<void>;
export function tabState(extensionPage: EvaluatingPage, tabId: number): Promise<TabStateReply>;
export function findingFingerprint(state: TabStateReply | null | undefined): string[];
export function ehrDomSnapshot(frame: Frame, ownTag?: string): Promise<string>;

export function launchFirefox(options: { extensionDir: string; headless?: boolean }): Promise<{
  browser: PuppeteerBrowser;
  close(): Promise<void>;
  origin: string;
}>;
