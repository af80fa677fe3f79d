#!/usr/bin/env node
/**
 * Bundles widget/src/main.ts into one minified file, dist/widget/widget.js (npm run build).
 * The server imports buildWidget() to build in memory when that file is missing or older than the
 * sources, so `npm start` and the tests never serve a stale widget; that is why it lives beside the
 * widget and not in scripts/, which the server never loads at run time.
 */
import { Buffer } from "node:buffer";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const entry = path.join(root, "widget", "src", "main.ts");
export const outfile = path.join(root, "dist", "widget", "widget.js");

/** Returns the bundle's text; writes it to dist/widget/widget.js when `write` is true. */
export async function buildWidget({ write = false } = {}) {
  let esbuild;
  try {
    esbuild = await import("esbuild");
  } catch {
    throw new Error(
      "esbuild is not installed (it is a devDependency). Run `npm run build` where dev dependencies are installed, then deploy dist/widget/widget.js.",
    );
  }
  const result = await esbuild.build({
    entryPoints: [entry],
    bundle: true,
    minify: true,
    format: "iife",
    target: "es2020",
    charset: "utf8",
    legalComments: "none",
    write: false,
    logLevel: "silent",
  });
  const code = result.outputFiles[0].text;
  if (write) {
    fs.mkdirSync(path.dirname(outfile), { recursive: true });
    fs.writeFileSync(outfile, code);
  }
  return code;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { gzipSync } = await import("node:zlib");
  const code = await buildWidget({ write: true });
  const bytes = Buffer.byteLength(code);
  const gzipped = gzipSync(code, { level: 9 }).length;
  console.log(
    `widget: ${path.relative(root, outfile)} ${(bytes / 1024).toFixed(1)} KB, ${(gzipped / 1024).toFixed(1)} KB gzipped`,
  );
}
