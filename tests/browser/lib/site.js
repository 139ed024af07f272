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

/** Builds the site in `root` into a fresh folder; returns the folder. */
function build(root, tag, date = DATE) {
  const out = path.join(tmpdir(tag), "public");
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
  return build(copy, name, date);
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

module.exports = { REPO, DATE, binary, build, buildExample, buildFixture, basePath, htmlFiles, tmpdir };
