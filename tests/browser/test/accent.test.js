// Оформление из site.yaml: название организации и логотип в шапке, фирменный
// цвет. accent_color проверяется программой только на контраст с белым, поэтому
// здесь — самые светлые допустимые цвета: ссылки на сером фоне и текущие пункты
// должны остаться контрастными (axe-core, WCAG 2.1 AA).
"use strict";

const fs = require("node:fs");
const path = require("node:path");
const { describe, it, before, after } = require("node:test");
const assert = require("node:assert/strict");
const { start } = require("../lib/harness");
const site = require("../lib/site");
const { axe, describeViolations } = require("../lib/checks");

const PAGES = ["", "dokumenty/", "praktiki/forma/uchitel-uchitel/", "novosti/", "pokazateli/", "dorozhnaya-karta/", "konkursy/"];

describe("название, логотип и фирменный цвет из site.yaml", () => {
  it("в шапке каждой страницы — организация и логотип с её названием в alt", async () => {
    const s = await start();
    try {
      const yaml = fs.readFileSync(path.join(site.REPO, "site.yaml"), "utf8");
      const org = /^organization:\s*(.+)$/m.exec(yaml)[1].trim();
      const { context, outside } = await s.context({ viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      for (const p of ["", "praktiki/shag-navstrechu/", "net-takoj-stranicy/"]) {
        await page.goto(s.url + p);
        const plain = (t) => t.replace(/\s+/g, " ").trim(); // типографика ставит неразрывные пробелы
        assert.equal(plain(await page.locator(".brand-org").textContent()), org);
        assert.equal(plain(await page.locator(".brand-logo").getAttribute("alt")), org);
        assert.ok(await page.locator(".brand-logo").evaluate((i) => i.complete && i.naturalWidth > 0), "логотип не загрузился");
        const accent = await page.evaluate(() => getComputedStyle(document.querySelector(".main-nav")).backgroundColor);
        assert.equal(accent, "rgb(31, 95, 168)"); // "#1f5fa8" из site.yaml
      }
      assert.deepEqual(outside, []);
      await context.close();
    } finally {
      await s.close();
    }
  });

  for (const colour of ["#767676", "#0277bd"]) {
    describe(`accent_color: "${colour}"`, () => {
      let s;
      before(async () => {
        s = await start({
          build: () =>
            site.buildExampleWith("accent", (yaml) => yaml.replace(/^accent_color:.*$/m, `accent_color: "${colour}"`)),
        });
      });
      after(async () => {
        if (s) await s.close();
      });
      it("axe-core: ни одного нарушения WCAG 2.1 A/AA", async () => {
        const { context, outside } = await s.context({ viewport: { width: 1280, height: 900 } });
        const page = await context.newPage();
        const found = [];
        for (const p of PAGES) {
          await page.goto(s.url + p);
          const nav = await page.evaluate(() => getComputedStyle(document.querySelector(".main-nav")).backgroundColor);
          const hex = "#" + nav.match(/\d+/g).map((n) => Number(n).toString(16).padStart(2, "0")).join("");
          assert.equal(hex, colour, "цвет из site.yaml не применился");
          const v = await axe(page);
          if (v.length) found.push(`${p || "главная"}:\n${describeViolations(v)}`);
        }
        await page.screenshot({ path: s.screenshot(`accent-${colour.slice(1)}-konkursy-1280.png`) });
        assert.deepEqual(outside, []);
        await context.close();
        assert.equal(found.join("\n"), "");
      });
    });
  }
});
