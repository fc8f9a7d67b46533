// Test helpers: Debian's Chromium driven by playwright-core (never a downloaded browser), a fresh profile per test, screenshots.
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium, type BrowserContext, type CDPSession, type Page } from "playwright-core";

export type { Page };

export const CHROMIUM_PATH = "/usr/bin/chromium";
export const CHROMIUM_MISSING = !existsSync(CHROMIUM_PATH);
export const CHROMIUM_SKIP_REASON = `skipped: ${CHROMIUM_PATH} is missing (apt-get install -y chromium; .ci/run installs it)`;

const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** Git-ignored; a few of these are copied by hand into docs/screenshots for the README. */
export const SCREENSHOT_DIR = resolve(fileURLToPath(new URL("../../../test-results/screenshots", import.meta.url)));

export interface TestBrowser {
  context: BrowserContext;
  page: Page;
  cdp(): Promise<CDPSession>;
  screenshot(name: string, options?: { fullPage?: boolean }): Promise<string>;
  close(): Promise<void>;
}

export const PHONE = { width: 375, height: 667 };
export const DESKTOP = { width: 1100, height: 820 };

export const launchBrowser = async (options: { viewport?: { width: number; height: number }; phone?: boolean; timezoneId?: string; locale?: string } = {}): Promise<TestBrowser> => {
  const profile = await mkdtemp(join(tmpdir(), "innerworld-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: options.viewport ?? DESKTOP,
    locale: options.locale ?? "en-US",
    ...(options.timezoneId ? { timezoneId: options.timezoneId } : {}),
    ...(options.phone ? { isMobile: true, hasTouch: true, deviceScaleFactor: 2 } : {}),
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const problems: string[] = [];
  page.on("pageerror", (error) => problems.push(error.message));
  return {
    context,
    page,
    cdp: () => context.newCDPSession(page),
    async screenshot(name, shotOptions = {}) {
      await mkdir(SCREENSHOT_DIR, { recursive: true });
      const path = join(SCREENSHOT_DIR, `${name}.png`);
      await page.screenshot({ path, fullPage: shotOptions.fullPage ?? false });
      return path;
    },
    async close() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
      if (problems.length > 0) throw new Error(`the page threw: ${problems.join("; ")}`);
    },
  };
};
