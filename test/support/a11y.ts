// Accessibility checks for a part of a page (WCAG 2.2 AA). With the `axe-core` package installed, axe runs on it
// (wcag2a, wcag2aa, wcag21aa, wcag22aa rules). Without it (axe-core is not among the project's dependencies yet),
// a few of the same checks written here run instead, and the answer says which ran:
// - every button, link, text field and dialog has an accessible name (Chromium's accessibility tree);
// - text contrast at least 4.5:1 (3:1 for large text), with the backgrounds behind the text composited;
// - headings do not skip a level; tables have a caption and header cells with a scope;
// - enabled buttons are at least 24 x 24 CSS px (target size, 2.5.8).
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

export interface A11yResult {
  engine: 'axe-core' | 'built-in checks';
  violations: string[];
}

export async function checkAccessibility(page: Page, selector: string): Promise<A11yResult> {
  const axeSource = loadAxe();
  if (axeSource !== null) {
    await page.addScriptTag({ content: axeSource });
    const violations = (await page.evaluate(
      `window.axe.run(${JSON.stringify(selector)}, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } })
        .then((r) => r.violations.map((v) => v.id + ': ' + v.nodes.map((n) => n.target.join(' ')).join(', ')))`,
    )) as string[];
    return { engine: 'axe-core', violations };
  }
  const violations = [
    ...(await namesMissing(page, selector)),
    ...((await page.evaluate(`(${PAGE_CHECKS})(${JSON.stringify(selector)})`)) as string[]),
  ];
  return { engine: 'built-in checks', violations };
}

function loadAxe(): string | null {
  try {
    const require = createRequire(import.meta.url);
    return (require('axe-core') as { source: string }).source;
  } catch {
    return null;
  }
}

/** Interactive nodes under `selector` whose accessible name is empty, from Chromium's accessibility tree. */
async function namesMissing(page: Page, selector: string): Promise<string[]> {
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('DOM.enable');
    await cdp.send('Accessibility.enable');
    const found = await cdp.send('Runtime.evaluate', { expression: `document.querySelector(${JSON.stringify(selector)})` });
    const objectId = found.result.objectId;
    if (objectId === undefined) return [`${selector}: not found`];
    const { nodes } = await cdp.send('Accessibility.queryAXTree', { objectId });
    const needName = new Set(['button', 'link', 'textbox', 'searchbox', 'combobox', 'checkbox', 'dialog', 'table', 'region']);
    const out: string[] = [];
    for (const n of nodes) {
      const role = String(n.role?.value ?? '');
      if (n.ignored || !needName.has(role)) continue;
      if (String(n.name?.value ?? '').trim() === '') out.push(`${role} without an accessible name (node ${n.backendDOMNodeId ?? '?'})`);
    }
    if (!nodes.some((n) => !n.ignored)) out.push(`${selector}: nothing in the accessibility tree`);
    return out;
  } finally {
    await cdp.detach();
  }
}

// Plain JavaScript for the page (transpiled functions can carry helpers that do not exist there).
const PAGE_CHECKS = String.raw`function (selector) {
  const root = document.querySelector(selector);
  if (!root) return [selector + ': not found'];
  const out = [];
  const describe = (el) => el.tagName.toLowerCase() + (el.dataset.testid ? '[' + el.dataset.testid + ']' : '') + ' "' + (el.textContent || '').trim().slice(0, 40) + '"';
  const parse = (c) => {
    const m = /rgba?\(([^)]+)\)/.exec(c);
    if (!m) return [0, 0, 0, 0];
    const p = m[1].split(/[ ,/]+/).filter(Boolean).map(Number);
    return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1];
  };
  const over = (top, bottom) => {
    const a = top[3] + bottom[3] * (1 - top[3]);
    if (a === 0) return [0, 0, 0, 0];
    return [0, 1, 2].map((i) => (top[i] * top[3] + bottom[i] * bottom[3] * (1 - top[3])) / a).concat([a]);
  };
  const luminance = (c) => {
    const [r, g, b] = c.slice(0, 3).map((v) => { v /= 255; return v <= 0.04045 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const background = (el) => {
    const layers = [];
    for (let e = el; e; e = e.parentElement) {
      const c = parse(getComputedStyle(e).backgroundColor);
      if (c[3] > 0) layers.push(c);
      if (c[3] >= 1) break;
    }
    let bg = [255, 255, 255, 1];
    for (let i = layers.length - 1; i >= 0; i--) bg = over(layers[i], bg);
    return bg;
  };
  const opacity = (el) => { let o = 1; for (let e = el; e; e = e.parentElement) o *= Number(getComputedStyle(e).opacity); return o; };
  for (const el of [root, ...root.querySelectorAll('*')]) {
    const style = getComputedStyle(el);
    if (style.visibility !== 'visible' || style.display === 'none' || el.closest('[disabled]')) continue;
    const hasText = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim() !== '');
    if (!hasText) continue;
    const bg = background(el);
    const fg = parse(style.color);
    fg[3] *= opacity(el);
    const shown = over(fg, bg);
    const l1 = luminance(shown), l2 = luminance(bg);
    const ratio = (Math.max(l1, l2) + 0.05) / (Math.min(l1, l2) + 0.05);
    const size = parseFloat(style.fontSize);
    const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
    if (ratio < (large ? 3 : 4.5)) out.push('contrast ' + ratio.toFixed(2) + ':1 on ' + describe(el));
  }
  let level = 0;
  for (const h of root.querySelectorAll('h1, h2, h3, h4, h5, h6')) {
    const l = Number(h.tagName[1]);
    if (level > 0 && l > level + 1) out.push('heading level skipped at ' + describe(h));
    level = l;
  }
  for (const table of root.querySelectorAll('table')) {
    if (!table.querySelector('caption') || table.querySelector('caption').textContent.trim() === '') out.push('table without a caption');
    for (const th of table.querySelectorAll('th')) if (!th.getAttribute('scope')) out.push('header cell without a scope: ' + describe(th));
  }
  for (const b of root.querySelectorAll('button:not([disabled])')) {
    const r = b.getBoundingClientRect();
    if (r.width < 24 || r.height < 24) out.push('target smaller than 24x24 px: ' + describe(b));
  }
  return out;
}`;
