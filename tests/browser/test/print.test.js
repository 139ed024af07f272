// Стиль печати: без навигации и панели, ссылки с адресами, таблицы показателей
// и дорожной карты — на листах альбомной ориентации целиком по ширине, строки
// не разрываются; выбранная цветовая схема на печать не переносится.
"use strict";

const fs = require("node:fs");
const { describe, it, before, after } = require("node:test");
const assert = require("node:assert/strict");
const { start } = require("../lib/harness");
const { settingsInit } = require("../lib/checks");

const PAGES = [
  ["landing", ""],
  ["practice", "praktiki/shag-navstrechu/"],
  ["documents", "dokumenty/"],
  ["partners", "partnery/"],
  ["kpi", "pokazateli/"],
  ["roadmap", "dorozhnaya-karta/"],
];

/** Page sizes of a PDF from Chromium as [width, height] in points. */
function mediaBoxes(file) {
  const text = fs.readFileSync(file).toString("latin1");
  return [...text.matchAll(/\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/g)].map((m) => [Number(m[1]), Number(m[2])]);
}

describe("печать", () => {
  let site;
  let context;
  let outside;
  before(async () => {
    site = await start();
    ({ context, outside } = await site.context({ viewport: { width: 1280, height: 900 } }));
    // Версия для слабовидящих включена: на бумаге всё равно чёрным по белому.
    await context.addInitScript(settingsInit({ scheme: "wb", size: "xlarge", spacing: "wide" }));
  });
  after(async () => {
    if (context) await context.close();
    if (site) await site.close();
  });

  for (const [name, path] of PAGES) {
    it(`${name}: без навигации, ссылки с адресами, чёрным по белому`, async () => {
      const page = await context.newPage();
      await page.goto(site.url + path);
      await page.evaluate(() => window.dispatchEvent(new Event("beforeprint")));
      await page.emulateMedia({ media: "print" });

      for (const sel of [".skip-link", ".a11y-bar", ".main-nav", ".breadcrumbs", ".footer-links"]) {
        const shown = await page.locator(sel).evaluateAll((els) => els.filter((e) => getComputedStyle(e).display !== "none").length);
        assert.equal(shown, 0, `${sel} печатается`);
      }
      const colours = await page.evaluate(() => {
        const html = getComputedStyle(document.documentElement);
        const body = getComputedStyle(document.body);
        return [html.backgroundColor, html.colorScheme, body.backgroundColor, body.color, body.letterSpacing];
      });
      assert.deepEqual(colours, ["rgb(255, 255, 255)", "light", "rgb(255, 255, 255)", "rgb(0, 0, 0)", "normal"]);

      const missing = await page.evaluate(() => {
        const out = [];
        for (const a of document.querySelectorAll("main a[href]")) {
          const href = a.getAttribute("href");
          if (href.startsWith("#") || /^(mailto|tel):/.test(href) || a.closest("nav")) continue;
          if (a.getClientRects().length === 0) continue;
          const after = getComputedStyle(a, "::after").content;
          if (!after.includes(a.href) && !after.includes(href)) out.push(`${a.textContent.trim().slice(0, 40)} → ${href}: ${after}`);
        }
        return out;
      });
      assert.deepEqual(missing, [], "ссылки без адреса на печати");
      await page.pdf({ path: site.screenshot(`print-${name}.pdf`), format: "A4", printBackground: true });
      await page.close();
    });
  }

  for (const [name, path, selector] of [
    ["kpi", "pokazateli/", ".kpi-table.table-wide"],
    ["roadmap", "dorozhnaya-karta/", ".rm-table"],
  ]) {
    it(`${name}: таблица на альбомных листах, ни одна ячейка не обрезана`, async () => {
      const page = await context.newPage();
      await page.setViewportSize({ width: 1030, height: 700 }); // ширина альбомного листа A4 без полей
      await page.goto(site.url + path);
      await page.emulateMedia({ media: "print" });
      const info = await page.locator(selector).evaluate((t) => {
        const wrap = t.closest(".table-wrap");
        const clipped = [...t.querySelectorAll("th, td")].filter((c) => c.scrollWidth > c.clientWidth + 1).map((c) => c.textContent.trim().slice(0, 30));
        return {
          page: getComputedStyle(t).page,
          overflow: getComputedStyle(wrap).overflowX,
          fits: t.getBoundingClientRect().width <= wrap.getBoundingClientRect().width + 1,
          clipped,
          rowsUnbroken: [...t.querySelectorAll("tr")].every((r) => getComputedStyle(r).breakInside === "avoid"),
          headerRepeats: getComputedStyle(t.tHead).display === "table-header-group",
        };
      });
      assert.deepEqual(info, { page: "wide", overflow: "visible", fits: true, clipped: [], rowsUnbroken: true, headerRepeats: true });
      const file = site.screenshot(`print-${name}-table.pdf`);
      await page.pdf({ path: file, format: "A4", printBackground: true });
      const boxes = mediaBoxes(file);
      assert.ok(boxes.length >= 2, "в PDF нет страниц");
      const landscape = boxes.filter(([w, h]) => w > h).length;
      assert.ok(landscape >= 1, `нет альбомных листов: ${JSON.stringify(boxes)}`);
      assert.ok(boxes[0][0] < boxes[0][1], "первый лист (заголовок страницы) должен быть книжным");
      await page.close();
    });
  }

  it("ни одного запроса за пределы 127.0.0.1", () => {
    assert.deepEqual(outside, []);
  });
});
