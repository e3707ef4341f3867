// Accessibility checks with axe-core in the kiosk's own page: WCAG 2.0, 2.1 and 2.2 at levels A and AA. axe runs
// through the DevTools protocol (page.evaluate), so the kiosk's Content Security Policy stays as it ships.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const WCAG_22_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];

let source: string | null = null;

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  /** CSS selectors of the failing elements, with axe's summary of what fails. */
  nodes: { target: string; summary: string }[];
}

/**
 * Runs axe on the page as it is now (or on the elements `include` selects) and returns the WCAG 2.2 AA violations;
 * `skipRules` leaves out rules the caller has a stated reason to skip.
 */
export async function wcagViolations(page: Page, options: { include?: string; skipRules?: string[] } = {}): Promise<AxeViolation[]> {
  source ??= readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  if (!(await page.evaluate('typeof window.axe === "object"'))) await page.evaluate(source);
  // Plain JavaScript text: tsx's transpiled functions can carry helpers that do not exist in the page.
  const { include, skipRules = [] } = options;
  const run = `window.axe.run(${include === undefined ? 'document' : JSON.stringify({ include: [include] })}, ${JSON.stringify({
    runOnly: { type: 'tag', values: WCAG_22_AA },
    rules: Object.fromEntries(skipRules.map((id) => [id, { enabled: false }])),
    resultTypes: ['violations'],
  })}).then((r) => r.violations.map((v) => ({
    id: v.id,
    impact: v.impact ?? null,
    help: v.help,
    nodes: v.nodes.map((n) => ({ target: n.target.join(' '), summary: n.failureSummary ?? '' })),
  })))`;
  return (await page.evaluate(run)) as AxeViolation[];
}
