// Бюджет темы по умолчанию (bench/README.md, «Размер CSS и JS темы»): стили
// меньше 30 КБ, скрипт меньше 10 КБ без сжатия; встроенный скрипт в <head>
// меньше 1 КБ — он есть на каждой странице.
"use strict";

const fs = require("node:fs");
const path = require("node:path");
const zlib = require("node:zlib");
const { it } = require("node:test");
const assert = require("node:assert/strict");
const { REPO } = require("../lib/site");

const ASSETS = path.join(REPO, "themes", "default", "static", "assets");
const KB = 1000; // строже, чем 1024

for (const [file, limit] of [
  ["style.css", 30 * KB],
  ["a11y.js", 10 * KB],
]) {
  it(`${file}: меньше ${limit / KB} КБ`, (t) => {
    const body = fs.readFileSync(path.join(ASSETS, file));
    const gz = zlib.gzipSync(body, { level: 9 }).length;
    t.diagnostic(`${file}: ${body.length} байт, gzip -9: ${gz} байт`);
    assert.ok(body.length < limit, `${file}: ${body.length} байт, предел ${limit}`);
  });
}

it("search.js (поиск и быстрый отбор): меньше 12 КБ в gzip", (t) => {
  const body = fs.readFileSync(path.join(ASSETS, "search.js"));
  const gz = zlib.gzipSync(body, { level: 9 }).length;
  t.diagnostic(`search.js: ${body.length} байт, gzip -9: ${gz} байт`);
  assert.ok(gz < 12 * KB, `search.js: ${gz} байт в gzip, предел ${12 * KB}`);
});

it("встроенный скрипт в <head> base.html: меньше 1 КБ", (t) => {
  const base = fs.readFileSync(path.join(REPO, "themes", "default", "templates", "base.html"), "utf8");
  const inline = [...base.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]).join("");
  const bytes = Buffer.byteLength(inline);
  t.diagnostic(`встроенный скрипт: ${bytes} байт`);
  assert.ok(bytes > 0 && bytes < KB, `${bytes} байт`);
});
