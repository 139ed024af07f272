// Запуск Chromium из пакета Debian через playwright-core (браузер не скачивается).
"use strict";

const fs = require("node:fs");
const { chromium } = require("playwright-core");

const EXECUTABLE = process.env.CHROMIUM_PATH || "/usr/bin/chromium";

// Без этих флагов Chromium при старте ходит в сеть (обновления, синхронизация,
// сервисы Google) — в закрытой сети CI это только шум и задержки.
const ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-dev-shm-usage",
  "--font-render-hinting=none",
];

async function launch() {
  if (!fs.existsSync(EXECUTABLE)) {
    throw new Error(
      `нет браузера ${EXECUTABLE}: установите Chromium (apt-get install -y chromium) или укажите путь в CHROMIUM_PATH`,
    );
  }
  // Playwright сам создаёт новый пустой профиль (--user-data-dir) на каждый запуск.
  return chromium.launch({ executablePath: EXECUTABLE, args: ARGS, headless: true });
}

module.exports = { launch, EXECUTABLE };
