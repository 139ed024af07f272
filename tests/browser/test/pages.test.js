// Каждый вид страницы примера в каждом варианте показа: axe-core без нарушений
// WCAG 2.1 A/AA, ни одного запроса за пределы 127.0.0.1, ни одной ссылки на
// ресурс другого хоста, без горизонтальной прокрутки, в особых цветовых схемах —
// только два цвета; снимки экрана в target/screenshots/.
"use strict";

const { describe, it, before, after } = require("node:test");
const assert = require("node:assert/strict");
const { start } = require("../lib/harness");
const { auditPage, problems, settingsInit } = require("../lib/checks");
const { offSchemeText, horizontalOverflow, structureProblems } = require("../lib/dom");
const { PAGE_KINDS, slug } = require("../lib/pages");

// Варианты показа. Ширины 360, 768 и 1280 — телефон, планшет, ноутбук; 320 и
// 1920 — края диапазона; 640 px при devicePixelRatio 2 — окно 1280 px с
// масштабом 200 %.
const VARIANTS = [
  { name: "обычная схема, 1280 px", width: 1280, settings: null, shot: "1280", structure: true },
  { name: "обычная схема, 768 px", width: 768, settings: null, shot: "768" },
  { name: "обычная схема, 360 px", width: 360, settings: null, shot: "360" },
  { name: "обычная схема, 320 px", width: 320, settings: null, shot: "320" },
  { name: "обычная схема, 1920 px", width: 1920, height: 1080, settings: null, shot: "1920" },
  { name: "чёрным по белому, 1280 px", width: 1280, settings: { scheme: "bw" }, shot: "1280-bw" },
  { name: "белым по чёрному, 1280 px", width: 1280, settings: { scheme: "wb" }, shot: "1280-wb" },
  { name: "тёмно-синим по голубому, 1280 px", width: 1280, settings: { scheme: "blue" }, shot: "1280-blue" },
  { name: "белым по чёрному, 360 px", width: 360, settings: { scheme: "wb" }, shot: "360-wb" },
  { name: "масштаб 200 % (1280 px)", width: 640, height: 400, scale: 2, settings: null, shot: "zoom200" },
  {
    name: "очень крупный шрифт, интервал, без картинок, 360 px",
    width: 360,
    settings: { size: "xlarge", spacing: "wide", images: "hide" },
    shot: "360-xlarge",
  },
];

describe("страницы примера", () => {
  let site;
  before(async () => {
    site = await start();
  });
  after(async () => {
    if (site) await site.close();
  });

  for (const variant of VARIANTS) {
    describe(variant.name, () => {
      let context;
      let outside;
      let page;
      before(async () => {
        ({ context, outside } = await site.context({
          viewport: { width: variant.width, height: variant.height || 900 },
          deviceScaleFactor: variant.scale || 1,
        }));
        if (variant.settings) await context.addInitScript(settingsInit(variant.settings));
        page = await context.newPage();
      });
      after(async () => {
        if (context) await context.close();
      });

      for (const [kind, path] of PAGE_KINDS) {
        it(kind, async () => {
          const audit = await auditPage(page, site.url + path, outside);
          const found = problems(audit);
          assert.equal(audit.status, kind === "404" ? 404 : 200, `код ответа ${audit.status}`);
          if (variant.settings) {
            const attrs = await page.evaluate(() =>
              [...document.documentElement.attributes].filter((a) => a.name.startsWith("data-a11y-")).length,
            );
            assert.equal(attrs, Object.keys(variant.settings).length, "настройки не применились");
          }
          const overflow = await horizontalOverflow(page);
          if (overflow.length) found.push(`горизонтальная прокрутка:\n  ${overflow.join("\n  ")}`);
          if (variant.settings && variant.settings.scheme) {
            const off = await offSchemeText(page, variant.settings.scheme);
            if (off.length) found.push(`текст не в цветах схемы:\n  ${off.slice(0, 10).join("\n  ")}`);
          }
          if (variant.structure) {
            const s = await structureProblems(page, { breadcrumbs: path !== "" && kind !== "404" });
            if (s.length) found.push(`структура страницы:\n  ${s.join("\n  ")}`);
          }
          await page.screenshot({ path: site.screenshot(`${slug(kind)}-${variant.shot}.png`), fullPage: true });
          if (found.length) assert.fail(`${kind} (${path || "главная"}), ${variant.name}:\n${found.join("\n")}`);
        });
      }
    });
  }
});
