// Types of page-corpus.mjs for the end-to-end tests (TypeScript does not check .mjs here).

export const REPO: string;
export const CORPUS_ROOT: string;
/** The batches every corpus measure and the e2e corpus tests cover by default. */
export const CORPUS_BATCHES: PageSet[];

export type PageSet = number | 'openemr';

export interface ExpectedPage {
  family: string;
  batch: PageSet;
  about: string;
  entry: string;
  server?: 'demo';
  visits: unknown[];
  notNote?: string[];
  settleMs?: number;
}

export interface CorpusPage {
  batch: PageSet;
  family: string;
  visit: string;
  dir: string;
  /** URL path on its server. */
  path: string;
  server: 'corpus' | 'demo';
  expected: ExpectedPage;
}

export interface PageJudgement {
  readRight: boolean;
  problems: string[];
  sameFindings: boolean;
  /** Finding fingerprints: the command line's on the expected visits, and the extension's. */
  cli: string[];
  shown: string[];
}

export function setName(batch: PageSet): string;
export function pageName(page: CorpusPage): string;
export function corpusPages(options?: { batches?: PageSet[]; families?: string[] | null }): CorpusPage[];
export function corpusServers(): Promise<{ urlOf(page: CorpusPage): string; close(): Promise<void> }>;
export function settledRecord<R>(readRecord: () => Promise<R>, settleMs?: number, timeout?: number): Promise<R>;
export function judgePage(page: CorpusPage, record: unknown): Promise<PageJudgement>;
export function judgeOffline(page: CorpusPage, record: unknown): Promise<PageJudgement>;
export { fingerprint, pageDifferences, visitDifferences } from './page-judge.mjs';
