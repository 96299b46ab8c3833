// Types for setup.mjs.
import type { BrowserContext } from 'playwright-core';
import type { Browser as PuppeteerBrowser } from 'puppeteer-core';

export const CHROMIUM_POLICY_FILE: string;
export const FIREFOX_POLICY_FILE: string;
export const TEST_GECKO_ID: string;
export const TEST_FIREFOX_UUID: string;
export const ALLOWED_HOST: string;
export const OTHER_HOST: string;

export interface E2EPolicy {
  payerMap: Record<string, string>;
  disabledRules: string[];
  ruleLevels: Record<string, string>;
  defaultProfile: string;
  lockedSettings: string[];
  allowedOrigins: string[];
  highlightEnabled: string;
}
export const E2E_POLICY: Readonly<E2EPolicy>;

export function requireRoot(what: string): void;

export class SystemPolicyFile {
  constructor(path: string);
  readonly path: string;
  write(content: unknown): void;
  remove(): void;
}

export interface PolicyFlavour {
  /** Chrome/Edge extension ID from this run's key. */
  id: string;
  geckoId: string;
  version: string;
  chrome: string;
  firefox: string;
  xpi: string;
  crx?: string;
  dir: string;
  cleanup(): void;
}
export function buildPolicyFlavour(options: { browser: 'chrome' | 'firefox' }): PolicyFlavour;

export function startUpdateServer(options: { id: string; version: string; crx: string }): Promise<{
  updateUrl: string;
  requests: string[];
  close(): Promise<void>;
}>;

export function launchPolicyChromium(): Promise<{ context: BrowserContext; close(): Promise<void> }>;
export function launchPolicyFirefox(): Promise<{ browser: PuppeteerBrowser; origin: string; close(): Promise<unknown> }>;
