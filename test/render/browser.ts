/**
 * Headless Chromium for the report tests: Debian's /usr/bin/chromium driven by
 * playwright-core, with the flags that keep it off the (closed) network, and a
 * fresh empty profile per launch. Records everything a page does that a
 * self-contained, script-safe report must never do.
 */
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
export const ARTIFACTS = resolve(dirname(fileURLToPath(import.meta.url)), '..', '.artifacts');

export interface Recorded {
  requests: string[];
  dialogs: string[];
  console: { type: string; text: string }[];
  pageErrors: string[];
}

export interface Session {
  context: BrowserContext;
  close(): Promise<void>;
}

export async function launch(opts: { javaScriptEnabled?: boolean; colorScheme?: 'light' | 'dark' } = {}): Promise<Session> {
  const profile = mkdtempSync(join(tmpdir(), 'sitrep-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    javaScriptEnabled: opts.javaScriptEnabled ?? true,
    colorScheme: opts.colorScheme ?? 'light',
    viewport: { width: 1280, height: 900 },
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Opens `file` and records requests, dialogs (dismissed), console messages and page errors from before navigation. */
export async function open(s: Session, file: string): Promise<{ page: Page; rec: Recorded }> {
  const page = await s.context.newPage();
  const rec: Recorded = { requests: [], dialogs: [], console: [], pageErrors: [] };
  page.on('request', (r) => rec.requests.push(r.url()));
  page.on('dialog', (d) => {
    rec.dialogs.push(`${d.type()}: ${d.message()}`);
    void d.dismiss();
  });
  page.on('console', (m) => rec.console.push({ type: m.type(), text: m.text() }));
  page.on('pageerror', (e) => rec.pageErrors.push(String(e)));
  await page.goto(`file://${file}`, { waitUntil: 'load' });
  // Give any deferred handler (onerror of a broken image, a timer) the chance to fire.
  await page.waitForTimeout(300);
  return { page, rec };
}

export function artifactPath(name: string): string {
  mkdirSync(ARTIFACTS, { recursive: true });
  return join(ARTIFACTS, name);
}
