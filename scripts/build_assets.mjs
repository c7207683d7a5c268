// Build the front end into build/static/: GOV.UK Frontend and MOJ Frontend (from npm) with our own
// Sass compiled to css/application.css, one JavaScript bundle, and the fonts and images they use.
// Run with `npm run build` (make setup does it).
import { cpSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

import { build } from "esbuild";
import * as sass from "sass";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const out = join(root, "build", "static");
const modules = join(root, "node_modules");

rmSync(out, { recursive: true, force: true });
mkdirSync(join(out, "css"), { recursive: true });
mkdirSync(join(out, "js"), { recursive: true });

// Images the components draw (MOJ's icons). Not GOV.UK Frontend's assets: its fonts are GDS
// Transport and its images the crown and Royal Arms, which belong to GOV.UK alone (ADR 10). The
// provider's logo and icon are served from BRAND_DIR (see config/settings/base.py).
cpSync(join(modules, "@ministryofjustice", "frontend", "moj", "assets"), join(out, "assets"), {
  recursive: true,
  filter: (source) => !/govuk|crown|crest/i.test(source.split("/").pop()),
});

// Styles.
for (const name of ["application", "moj"]) {
  const result = sass.compile(join(root, "frontend", "scss", `${name}.scss`), {
    importers: [new sass.NodePackageImporter()],
    // MOJ Frontend refers to GOV.UK Frontend as "node_modules/govuk-frontend/...".
    loadPaths: [root],
    style: "compressed",
    sourceMap: false,
    quietDeps: true,
    logger: sass.Logger.silent,
  });
  writeFileSync(join(out, "css", `${name}.css`), result.css);
}

// JavaScript: one ES module bundle that starts every component.
await build({
  entryPoints: [join(root, "frontend", "js", "application.mjs")],
  bundle: true,
  format: "esm",
  minify: true,
  target: ["es2020"],
  outfile: join(out, "js", "application.js"),
  logLevel: "warning",
});

console.log(`Built front-end assets into ${out}`);
