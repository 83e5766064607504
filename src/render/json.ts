/**
 * renderJson: the Analysis as the public JSON contract, complete (no caps:
 * the HTML report's cuts point here). JSON.stringify writes lone surrogates
 * as \uD8xx escapes, so the output is always well-formed UTF-8.
 */
import type { Analysis } from '../diagnosis/types.js';

export function renderJson(a: Analysis): string {
  return `${JSON.stringify(a, null, 2)}\n`;
}
