import type { Page } from 'playwright-core';

export interface AxeViolation {
  id: string;
  impact: string | null;
  nodes: number;
  targets: string[];
}

export function axeViolations(page: Page): Promise<AxeViolation[]>;
export function countTabStops(page: Page): Promise<number>;
export function visibleFindings(page: Page): Promise<{
  viewport: string;
  items: number;
  listHeight: number;
  itemHeights: { min: number; max: number } | null;
  identifiableWithoutScrolling: number;
  documentHeight: number;
}>;
export function keyboardWalk(page: Page, options?: { maxSteps?: number }): Promise<{ all: string[]; visited: string[]; missed: string[]; menus: string[] }>;
