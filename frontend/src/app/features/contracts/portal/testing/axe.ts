import * as axe from 'axe-core';

/**
 * axe's findings on a rendered component, as "rule: selectors" lines (empty = clean). jsdom lays
 * nothing out, so colour contrast is left to the browser tests; everything structural (names,
 * labels, roles, headings, ARIA) is checked here.
 */
export async function axeViolations(root: HTMLElement): Promise<string[]> {
  if (!root.isConnected) document.body.appendChild(root);
  const result = await axe.run(root, {
    rules: { 'color-contrast': { enabled: false }, region: { enabled: false } },
  });
  return result.violations.map(
    (violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(' | ')}`,
  );
}
