// Переключатель «Версия для слабовидящих» и работа с клавиатуры: меняет размер
// шрифта, цвета, интервал и картинки; запоминается между страницами и
// посещениями; применяется до первой отрисовки; объявляется программам чтения
// с экрана; страница читается и без JavaScript.
"use strict";

const { describe, it, before, after } = require("node:test");
const assert = require("node:assert/strict");
const { start } = require("../lib/harness");
const { axe, describeViolations, SETTINGS_KEY } = require("../lib/checks");
const { SCHEME_COLOURS, offSchemeText, focusIsVisible, horizontalOverflow } = require("../lib/dom");

const style = (page, selector, prop) =>
  page.locator(selector).first().evaluate((el, p) => getComputedStyle(el)[p], prop);
const px = (v) => parseFloat(v);
const activeInfo = (page) =>
  page.evaluate(() => {
    const a = document.activeElement;
    return {
      tag: a.localName,
      id: a.id,
      cls: typeof a.className === "string" ? a.className : "",
      text: (a.textContent || "").replace(/\s+/g, " ").trim(),
      inNav: !!a.closest('nav[aria-label="Основное меню"]'),
      name: a.getAttribute("name"),
      value: a.getAttribute("value"),
    };
  });
const status = (page) =>
  page.waitForFunction(() => document.getElementById("a11y-status").textContent.trim() !== "", null, { timeout: 2000 })
    .then(() => page.locator("#a11y-status").textContent());

// Records whether the saved settings were on <html> before <body> was parsed:
// then the first paint already has them (no flash of the normal version).
const RECORD_FIRST_PAINT = `
  window.__a11yBeforeBody = null;
  new MutationObserver((records, obs) => {
    for (const r of records) {
      for (const n of r.addedNodes) {
        if (n.nodeName === "BODY" && window.__a11yBeforeBody === null) {
          window.__a11yBeforeBody = [...document.documentElement.attributes]
            .filter((a) => a.name.startsWith("data-a11y-")).map((a) => a.name + "=" + a.value).sort();
          obs.disconnect();
        }
      }
    }
  }).observe(document, { childList: true, subtree: true });
`;

describe("версия для слабовидящих и клавиатура", () => {
  let site;
  before(async () => {
    site = await start();
  });
  after(async () => {
    if (site) await site.close();
  });

  it("Tab с начала страницы: ссылка «Перейти к основному содержанию», переключатель, меню — с видимым фокусом", async () => {
    const { context, outside } = await site.context({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(site.url);

    await page.keyboard.press("Tab");
    let a = await activeInfo(page);
    assert.equal(a.cls, "skip-link", `первым получил фокус ${JSON.stringify(a)}`);
    assert.match(a.text, /Перейти к основному содержанию/);
    const box = await page.locator(".skip-link").boundingBox();
    assert.ok(box && box.y >= 0 && box.height > 10, `ссылка в фокусе не видна: ${JSON.stringify(box)}`);
    assert.ok(await focusIsVisible(page.locator(".skip-link")), "фокус на ссылке не заметен");
    await page.keyboard.press("Enter");
    a = await activeInfo(page);
    assert.equal(a.id, "main", "после Enter фокус не перешёл к основному содержанию");
    assert.ok(page.url().endsWith("#main"));

    await page.goto(site.url);
    const order = [];
    let toggleAt = -1;
    let menuAt = -1;
    for (let i = 0; i < 12 && menuAt < 0; i++) {
      await page.keyboard.press("Tab");
      a = await activeInfo(page);
      order.push(a.id || a.cls || a.text.slice(0, 20));
      const focused = page.locator(":focus");
      assert.ok(await focusIsVisible(focused), `фокус не заметен на элементе ${JSON.stringify(a)}`);
      if (a.id === "a11y-toggle") toggleAt = i;
      if (a.inNav) menuAt = i;
    }
    assert.ok(toggleAt > 0, `переключатель не достижим клавишей Tab: ${order.join(" → ")}`);
    assert.ok(menuAt > toggleAt, `меню не достижимо клавишей Tab: ${order.join(" → ")}`);
    assert.deepEqual(outside, []);
    await context.close();
  });

  it("переключатель с клавиатуры меняет шрифт, цвета, интервал, картинки и объявляет изменения", async () => {
    const { context, outside } = await site.context({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(site.url);

    const toggle = page.getByRole("button", { name: "Версия для слабовидящих" });
    assert.equal(await toggle.getAttribute("aria-expanded"), "false");
    assert.equal(await page.getByRole("status").count(), 1, "нет области role=status для объявлений");
    const p = "main .prose p";
    const baseFont = px(await style(page, p, "fontSize"));
    const baseBg = await style(page, "body", "backgroundColor");
    const baseNav = await style(page, ".main-nav", "backgroundColor");
    assert.equal(baseBg, "rgb(255, 255, 255)");

    await toggle.focus();
    await page.keyboard.press("Enter");
    assert.equal(await toggle.getAttribute("aria-expanded"), "true");
    const panel = page.getByRole("region", { name: "Настройки версии для слабовидящих" });
    assert.ok(await panel.isVisible(), "панель настроек не открылась");
    let a = await activeInfo(page);
    assert.deepEqual([a.name, a.value], ["a11y-size", "normal"], "фокус не перешёл в панель");
    for (const name of ["Размер шрифта", "Цветовая схема", "Межбуквенный интервал", "Изображения"]) {
      assert.equal(await page.getByRole("group", { name }).count(), 1, `нет группы «${name}»`);
    }

    // Размер шрифта: стрелки внутри группы радиокнопок.
    await page.keyboard.press("ArrowRight");
    assert.equal(await page.getAttribute("html", "data-a11y-size"), "large");
    assert.match(await status(page), /Размер шрифта: крупный/);
    const large = px(await style(page, p, "fontSize"));
    await page.keyboard.press("ArrowRight");
    assert.equal(await page.getAttribute("html", "data-a11y-size"), "xlarge");
    assert.match(await status(page), /Размер шрифта: очень крупный/);
    const xlarge = px(await style(page, p, "fontSize"));
    assert.ok(Math.abs(large / baseFont - 1.3) < 0.02, `крупный: ${baseFont} → ${large} px`);
    assert.ok(Math.abs(xlarge / baseFont - 1.6) < 0.02, `очень крупный: ${baseFont} → ${xlarge} px`);

    // Цветовая схема: каждая из трёх.
    await page.keyboard.press("Tab");
    a = await activeInfo(page);
    assert.deepEqual([a.name, a.value], ["a11y-scheme", "normal"]);
    const labels = { bw: /чёрным по белому/, wb: /белым по чёрному/, blue: /тёмно-синим по голубому/ };
    for (const scheme of ["bw", "wb", "blue"]) {
      await page.keyboard.press("ArrowDown");
      assert.equal(await page.getAttribute("html", "data-a11y-scheme"), scheme);
      assert.match(await status(page), labels[scheme]);
      const { fg, bg } = SCHEME_COLOURS[scheme];
      assert.equal(await style(page, "body", "backgroundColor"), bg);
      assert.equal(await style(page, "body", "color"), fg);
      assert.equal(await style(page, ".main-nav", "backgroundColor"), bg, "меню не в цветах схемы");
      assert.equal(await style(page, ".main-nav a", "color"), fg, "пункты меню не в цветах схемы");
      const off = await offSchemeText(page, scheme);
      assert.deepEqual(off, [], `с открытой панелью текст не в цветах схемы «${scheme}»`);
      const v = await axe(page);
      assert.deepEqual(v, [], `схема ${scheme}, панель открыта:\n${describeViolations(v)}`);
      await page.screenshot({ path: site.screenshot(`panel-${scheme}.png`) });
    }
    assert.notEqual(baseNav, await style(page, ".main-nav", "backgroundColor"));
    await page.keyboard.press("ArrowUp"); // обратно на «белым по чёрному»
    assert.equal(await page.getAttribute("html", "data-a11y-scheme"), "wb");

    // Интервал и изображения.
    await page.keyboard.press("Tab");
    await page.keyboard.press("ArrowRight");
    assert.equal(await page.getAttribute("html", "data-a11y-spacing"), "wide");
    assert.ok(px(await style(page, p, "letterSpacing")) > 1, "межбуквенный интервал не увеличился");
    assert.match(await status(page), /Межбуквенный интервал: увеличенный/);
    await page.keyboard.press("Tab");
    assert.equal(await style(page, ".brand-logo", "display"), "block");
    await page.keyboard.press("ArrowRight");
    assert.equal(await page.getAttribute("html", "data-a11y-images"), "hide");
    assert.equal(await style(page, ".brand-logo", "display"), "none", "логотип не скрылся");
    assert.match(await status(page), /Изображения: скрыть/);

    // Escape закрывает панель и возвращает фокус на кнопку.
    await page.keyboard.press("Escape");
    assert.equal(await toggle.getAttribute("aria-expanded"), "false");
    assert.ok(!(await panel.isVisible()));
    a = await activeInfo(page);
    assert.equal(a.id, "a11y-toggle");

    const saved = JSON.parse(await page.evaluate((k) => localStorage.getItem(k), SETTINGS_KEY));
    assert.deepEqual(saved, { size: "xlarge", scheme: "wb", spacing: "wide", images: "hide" });
    assert.deepEqual(outside, []);
    await context.close();
  });

  it("настройки сохраняются при переходе по страницам и при новом посещении, применяются до первой отрисовки", async () => {
    const { context, outside } = await site.context({ viewport: { width: 1280, height: 900 } });
    await context.addInitScript({ content: RECORD_FIRST_PAINT });
    const page = await context.newPage();
    await page.goto(site.url);
    const before = await page.evaluate(() => window.__a11yBeforeBody);
    assert.deepEqual(before, [], "без настроек атрибутов быть не должно");

    await page.getByRole("button", { name: "Версия для слабовидящих" }).click();
    await page.getByRole("radio", { name: "Крупный", exact: true }).check();
    await page.getByRole("radio", { name: "Тёмно-синим по голубому" }).check();
    const font = await style(page, "h1", "fontSize");

    // Переход по ссылке меню.
    await Promise.all([page.waitForURL(/dokumenty/), page.getByRole("navigation", { name: "Основное меню" }).getByRole("link", { name: "Документы" }).click()]);
    assert.deepEqual(await page.evaluate(() => window.__a11yBeforeBody), [
      "data-a11y-scheme=blue",
      "data-a11y-size=large",
    ]);
    assert.equal(await style(page, "body", "backgroundColor"), SCHEME_COLOURS.blue.bg);
    assert.equal(await style(page, "html", "fontSize"), "20.8px");
    await page.getByRole("button", { name: "Версия для слабовидящих" }).click();
    assert.ok(await page.getByRole("radio", { name: "Крупный", exact: true }).isChecked(), "панель не показывает сохранённый размер");
    assert.ok(await page.getByRole("radio", { name: "Тёмно-синим по голубому" }).isChecked());

    // Новое посещение: страница закрыта, открыта новая.
    await page.close();
    const again = await context.newPage();
    await again.goto(site.url + "praktiki/");
    assert.deepEqual(await again.evaluate(() => window.__a11yBeforeBody), ["data-a11y-scheme=blue", "data-a11y-size=large"]);
    assert.equal(await style(again, "h1", "fontSize"), font, "размер заголовка не тот, что выбран");

    // Настройки применяются и тогда, когда a11y.js не загрузился: их ставит встроенный скрипт в <head>.
    await again.route("**/assets/a11y.js", (r) => r.abort());
    await again.goto(site.url + "konkursy/");
    assert.equal(await again.getAttribute("html", "data-a11y-scheme"), "blue");
    assert.equal(await style(again, "body", "backgroundColor"), SCHEME_COLOURS.blue.bg);
    assert.ok(await again.locator("#a11y-toggle").isHidden(), "без a11y.js кнопка не должна показываться");
    await again.unroute("**/assets/a11y.js");

    // «Обычная версия» сбрасывает всё.
    await again.goto(site.url);
    await again.getByRole("button", { name: "Версия для слабовидящих" }).click();
    await again.getByRole("button", { name: "Обычная версия" }).click();
    assert.match(await status(again), /Включена обычная версия сайта/);
    assert.equal(await again.getAttribute("html", "data-a11y-scheme"), null);
    assert.equal(await again.evaluate((k) => localStorage.getItem(k), SETTINGS_KEY), null);
    assert.equal(await style(again, "body", "backgroundColor"), "rgb(255, 255, 255)");
    assert.deepEqual(outside, []);
    await context.close();
  });

  it("испорченные сохранённые настройки не ломают страницу", async () => {
    const { context } = await site.context({ viewport: { width: 1280, height: 900 } });
    const broken = JSON.stringify({ size: "huge", scheme: 'wb"><script>alert(1)</script>', images: "hide", spacing: 7 });
    await context.addInitScript({ content: `localStorage.setItem(${JSON.stringify(SETTINGS_KEY)}, ${JSON.stringify(broken)});` });
    const page = await context.newPage();
    const errors = [];
    page.on("pageerror", (e) => errors.push(String(e)));
    await page.goto(site.url);
    assert.equal(await page.getAttribute("html", "data-a11y-size"), null);
    assert.equal(await page.getAttribute("html", "data-a11y-scheme"), null);
    assert.equal(await page.getAttribute("html", "data-a11y-images"), "hide");
    assert.equal(await page.getAttribute("html", "data-a11y-spacing"), null);
    const page2 = await context.newPage();
    await page2.addInitScript({ content: `localStorage.setItem(${JSON.stringify(SETTINGS_KEY)}, "{not json");` });
    page2.on("pageerror", (e) => errors.push(String(e)));
    await page2.goto(site.url);
    assert.equal(await page2.getAttribute("html", "data-a11y-images"), null);
    assert.ok(await page2.locator("#a11y-toggle").isVisible());
    assert.deepEqual(errors, []);
    await context.close();
  });

  it("без JavaScript страница читается полностью: всё содержание и меню видны, кнопки-пустышки нет", async () => {
    const { context, outside } = await site.context({ viewport: { width: 360, height: 800 }, javaScriptEnabled: false });
    const page = await context.newPage();
    for (const path of ["", "praktiki/", "pokazateli/", "dorozhnaya-karta/", "dokumenty/"]) {
      await page.goto(site.url + path);
      assert.ok(await page.locator("#a11y-toggle").isHidden(), "кнопка без скрипта не должна показываться");
      assert.ok(await page.locator(".a11y-bar").isHidden());
      assert.ok(await page.locator("main h1").isVisible());
      const links = page.getByRole("navigation", { name: "Основное меню" }).getByRole("link");
      assert.ok((await links.count()) > 5);
      for (const l of await links.all()) assert.ok(await l.isVisible(), "пункт меню скрыт без JavaScript");
      const hidden = await page.evaluate(() =>
        [...document.querySelectorAll("main *")].filter((e) => e.closest("[hidden]") || getComputedStyle(e).display === "none").length,
      );
      assert.equal(hidden, 0, "часть содержания скрыта без JavaScript");
      assert.deepEqual(await horizontalOverflow(page), []);
      await page.screenshot({ path: site.screenshot(`nojs-${path.replace(/\W+/g, "") || "landing"}-360.png`), fullPage: true });
    }
    assert.deepEqual(outside, []);
    await context.close();

    // axe-core needs JavaScript itself: here page scripts are blocked by a
    // Content-Security-Policy header instead, which the test's own script ignores.
    const blocked = await site.context({ viewport: { width: 360, height: 800 } });
    await blocked.context.route("**/*", async (route) => {
      if (route.request().resourceType() !== "document") return route.fallback();
      const response = await route.fetch();
      await route.fulfill({ response, headers: { ...response.headers(), "content-security-policy": "script-src 'none'" } });
    });
    const page2 = await blocked.context.newPage();
    for (const path of ["", "praktiki/", "pokazateli/", "dorozhnaya-karta/", "dokumenty/"]) {
      await page2.goto(site.url + path);
      assert.equal(await page2.evaluate(() => document.getElementById("a11y-panel")), null, "скрипт страницы выполнился");
      const v = await axe(page2);
      assert.deepEqual(v, [], `${path || "главная"} без JavaScript:\n${describeViolations(v)}`);
    }
    assert.deepEqual(blocked.outside, []);
    await blocked.context.close();
  });
});
