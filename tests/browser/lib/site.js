// Сборка сайтов для проверок: пример из корня репозитория и фикстуры из
// tests/fixtures/. Фикстуры копируются во временную папку (как в тестах Rust),
// сборка идёт в отдельную папку, public/ репозитория не трогается.
"use strict";

const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const { execFileSync } = require("node:child_process");

const REPO = path.resolve(__dirname, "..", "..", "..");
const DATE = "2026-11-23";

function binary() {
  if (process.env.NASTAVNIK_BIN) return process.env.NASTAVNIK_BIN;
  for (const p of ["target/release/nastavnik", "target/debug/nastavnik"]) {
    const full = path.join(REPO, p);
    if (fs.existsSync(full)) return full;
  }
  throw new Error(
    "не найден собранный nastavnik: выполните `cargo build --release` или укажите путь в NASTAVNIK_BIN",
  );
}

function tmpdir(tag) {
  const base = path.join(REPO, "target", "browser-tests");
  fs.mkdirSync(base, { recursive: true });
  return fs.mkdtempSync(path.join(base, `${tag}-`));
}

/**
 * Builds the site in `root` into `out` (default: a fresh folder under
 * target/browser-tests/<tag>-XXXX/public); returns `out`.
 */
function build(root, tag, date = DATE, out = path.join(tmpdir(tag), "public")) {
  execFileSync(binary(), ["build", "--root", root, "--output", out, "--date", date], {
    stdio: ["ignore", "ignore", "pipe"],
  });
  return out;
}

/** The example section at the repository's root. */
function buildExample() {
  return build(REPO, "example");
}

/** A fixture under tests/fixtures/<name>, copied first so nothing is built in place. */
function buildFixture(name, date = DATE) {
  const src = path.join(REPO, "tests", "fixtures", name);
  const copy = path.join(tmpdir(name), "site");
  fs.cpSync(src, copy, { recursive: true });
  // The theme of the working tree, not the one embedded in a possibly older
  // binary: a site's themes/default/ replaces the embedded files (docs/themes.md).
  const theme = path.join(copy, "themes", "default");
  if (!fs.existsSync(theme)) fs.cpSync(path.join(REPO, "themes", "default"), theme, { recursive: true });
  return build(copy, name, date, path.join(path.dirname(copy), "public"));
}

/**
 * A copy of the example section with site.yaml changed by `edit(text)`:
 * for settings such as accent_color that the example itself does not vary.
 */
function buildExampleWith(tag, edit) {
  const copy = path.join(tmpdir(tag), "site");
  for (const part of ["site.yaml", "content", "data", "static", "themes"]) {
    const from = path.join(REPO, part);
    if (fs.existsSync(from)) fs.cpSync(from, path.join(copy, part), { recursive: true });
  }
  const yaml = path.join(copy, "site.yaml");
  fs.writeFileSync(yaml, edit(fs.readFileSync(yaml, "utf8")));
  return build(copy, tag, DATE, path.join(path.dirname(copy), "public"));
}

/** The path part of base_url from a site.yaml (where the section lives on its host). */
function basePath(root) {
  const yaml = fs.readFileSync(path.join(root, "site.yaml"), "utf8");
  const m = /^base_url:\s*["']?([^"'\s#]+)/m.exec(yaml);
  if (!m) return "/";
  const p = new URL(m[1]).pathname;
  return p.endsWith("/") ? p : p + "/";
}

function htmlFiles(dir) {
  const out = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...htmlFiles(full));
    else if (entry.name.endsWith(".html")) out.push(full);
  }
  return out.sort();
}

module.exports = { REPO, DATE, binary, build, buildExample, buildExampleWith, buildFixture, basePath, htmlFiles, tmpdir };
