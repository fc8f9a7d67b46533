// Bundles the web client with esbuild into one static folder (index.html, app.js, app.css) that any file server can serve.
import { copyFile, mkdir, rm } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

export const WEB_APP_SOURCE_DIR = join(dirname(fileURLToPath(import.meta.url)), "..", "src");

export interface WebAppBuildOptions {
  /** The static folder to (re)create. */
  outDir: string;
  /** Minified for a deploy; readable with source maps for local runs. */
  minify?: boolean;
}

export interface WebAppBuild {
  outDir: string;
  files: string[];
}

/** The browsers the client supports: any that shipped in the last few years, phones included. */
const TARGETS = ["chrome109", "firefox115", "safari15.4", "edge109"];

export const buildWebApp = async (options: WebAppBuildOptions): Promise<WebAppBuild> => {
  const { outDir } = options;
  await rm(outDir, { recursive: true, force: true });
  await mkdir(outDir, { recursive: true });
  await build({
    entryPoints: { app: join(WEB_APP_SOURCE_DIR, "main.ts"), "app-styles": join(WEB_APP_SOURCE_DIR, "styles.css") },
    outdir: outDir,
    bundle: true,
    format: "esm",
    platform: "browser",
    target: TARGETS,
    minify: options.minify ?? false,
    sourcemap: options.minify ? false : "linked",
    logLevel: "silent",
    legalComments: "none",
  });
  await copyFile(join(WEB_APP_SOURCE_DIR, "index.html"), join(outDir, "index.html"));
  return { outDir, files: ["index.html", "app.js", "app-styles.css"] };
};
