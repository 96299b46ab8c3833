// The one import of webextension-polyfill. Everything else takes `Platform` (or, in UI code,
// `browser`) from here, so unit tests can mock this module (or pass a fake Platform) instead of
// loading the polyfill, which throws outside an extension.
import browser from 'webextension-polyfill';
import type { Platform } from './types';

/** Compile-time proof that the real API fits the narrow shape the fake browser implements. */
export const platform: Platform = browser;

export { browser };
export type * from './types';
