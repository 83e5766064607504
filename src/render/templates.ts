/**
 * Loads and compiles the report templates once per process. The templates,
 * stylesheet and script live in the package's templates/ directory, found
 * relative to this module (src/render or dist/render → ../../templates) so
 * they work from a checkout and from an installed package alike.
 */
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import Handlebars from 'handlebars';
import { listAssets, readAsset } from '../assets.js';

export const TEMPLATE_DIR = fileURLToPath(new URL('../../templates/', import.meta.url));

export interface Compiled {
  page: Handlebars.TemplateDelegate;
  css: string;
  script: string;
  csp: string;
}

let cached: Compiled | null = null;

export function sha256b64(s: string): string {
  return createHash('sha256').update(s, 'utf8').digest('base64');
}

/**
 * The page may run exactly one script and use exactly one stylesheet, both
 * pinned by hash; nothing may be fetched, framed, posted or re-based.
 */
export function cspFor(css: string, script: string): string {
  return [
    "default-src 'none'",
    `style-src 'sha256-${sha256b64(css)}'`,
    `script-src 'sha256-${sha256b64(script)}'`,
    "img-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

export function compiled(): Compiled {
  if (cached) return cached;
  // An isolated instance: no helpers or partials registered by anyone else leak in.
  const hb = Handlebars.create();
  // strict: a field missing from the view model is a bug and throws instead of rendering empty.
  // Prototype access stays at the default (denied), so data can never reach constructor & co.
  // knownHelpersOnly: only the built-in block helpers exist; a mustache can never resolve to a helper call.
  const opts: CompileOptions = { strict: true, preventIndent: true, knownHelpersOnly: true };
  // Read through assets.ts: from templates/ on disk, or inlined in the single-file build.
  for (const f of listAssets('templates/partials').filter((n) => n.endsWith('.hbs'))) {
    hb.registerPartial(f.slice(0, -'.hbs'.length), hb.compile(readAsset(`templates/partials/${f}`), opts));
  }
  const css = readAsset('templates/report.css');
  const script = readAsset('templates/report.js');
  // Both are inserted raw (they are our files, never data): they must not be able to end their element.
  if (/<\/style/i.test(css) || /<\/script|<!--/i.test(script)) throw new Error('templates/report.css or report.js would end its own element');
  const page = hb.compile(readAsset('templates/report.hbs'), opts);
  cached = { page, css, script, csp: cspFor(css, script) };
  return cached;
}
