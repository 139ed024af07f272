// Общая подготовка для файлов тестов: собрать сайт, отдать его на 127.0.0.1,
// запустить браузер; по окончании всё остановить и удалить временную сборку.
"use strict";

const fs = require("node:fs");
const path = require("node:path");
const site = require("./site");
const { serve } = require("./server");
const { launch } = require("./browser");
const { guardNetwork } = require("./checks");

const SCREENSHOTS = path.join(site.REPO, "target", "screenshots");

/**
 * Starts everything for one test file. `build` returns the built folder
 * (default: the example section); `prefix` is the section's path on the host.
 */
async function start({ build = site.buildExample, prefix = site.basePath(site.REPO) } = {}) {
  const out = build();
  const server = await serve(out, prefix);
  const browser = await launch();
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  return {
    out,
    url: server.url,
    origin: server.origin,
    browser,
    /** A new context (fresh storage) whose every request is checked; returns { context, outside }. */
    async context(options = {}) {
      const context = await browser.newContext({ locale: "ru-RU", ...options });
      const outside = await guardNetwork(context, server.origin);
      return { context, outside };
    },
    screenshot(name) {
      return path.join(SCREENSHOTS, name);
    },
    async close() {
      await browser.close().catch(() => {});
      await server.close();
      // out = target/browser-tests/<tag>-XXXX/public: remove the whole build folder.
      fs.rmSync(path.dirname(out), { recursive: true, force: true });
    },
  };
}

module.exports = { start, SCREENSHOTS };
