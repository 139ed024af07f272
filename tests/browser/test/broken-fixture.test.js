// Проверка самих проверок: на сайте tests/fixtures/a11y_broken/ у каждой
// страницы ровно одна ошибка доступности, и те же функции, что проверяют
// пример (lib/checks.js, lib/dom.js), обязаны найти каждую — и не найти ничего
// на страницах без ошибок.
"use strict";

const fs = require("node:fs");
const path = require("node:path");
const { describe, it, before, after } = require("node:test");
const assert = require("node:assert/strict");
const { start } = require("../lib/harness");
const site = require("../lib/site");
const { auditPage, problems } = require("../lib/checks");
const { structureProblems } = require("../lib/dom");

const ids = (audit) => audit.violations.map((v) => v.id).sort();

describe("сломанный сайт a11y_broken: проверки находят каждую ошибку", () => {
  let s;
  let context;
  let outside;
  let page;
  before(async () => {
    s = await start({
      build: () => site.buildFixture("a11y_broken"),
      prefix: site.basePath(path.join(site.REPO, "tests", "fixtures", "a11y_broken")),
    });
    ({ context, outside } = await s.context({ viewport: { width: 1280, height: 900 } }));
    page = await context.newPage();
  });
  after(async () => {
    if (context) await context.close();
    if (s) await s.close();
  });

  it("картинка без alt (HTML в Markdown): нарушение image-alt", async () => {
    const html = fs.readFileSync(path.join(s.out, "bez-alt", "index.html"), "utf8");
    assert.match(html, /<img src="[^"]*vstrecha\.svg"(?![^>]*\balt=)[^>]*>/, "фикстура больше не воспроизводит ошибку: санитайзер Markdown стал менять <img>? Обновите фикстуру");
    const audit = await auditPage(page, s.url + "bez-alt/", outside);
    assert.deepEqual(ids(audit), ["image-alt"]);
    assert.deepEqual(audit.outside, []);
    assert.deepEqual(audit.references, []);
    assert.ok(problems(audit).length > 0, "набор тестов не упал бы");
    const structure = await structureProblems(page, { breadcrumbs: true });
    assert.ok(structure.some((p) => p.includes("без alt")), structure.join("\n"));
  });

  it("поле ввода без подписи (шаблон темы): нарушение label", async () => {
    const audit = await auditPage(page, s.url + "pole-bez-podpisi/", outside);
    assert.ok(ids(audit).includes("label"), `axe нашёл: ${ids(audit).join(", ") || "ничего"}`);
    assert.deepEqual(audit.outside, []);
    assert.ok(problems(audit).length > 0, "набор тестов не упал бы");
  });

  it("веб-шрифт и счётчик с чужих хостов: запросы перехвачены, ссылки найдены", async () => {
    const audit = await auditPage(page, s.url + "vneshnij-host/", outside);
    const hosts = [...new Set(audit.outside.map((u) => new URL(u).host))].sort();
    assert.deepEqual(hosts, ["fonts.googleapis.com", "mc.yandex.ru"]);
    assert.equal(audit.references.length, 2, audit.references.join("\n"));
    assert.ok(audit.references.some((r) => r.includes("https://mc.yandex.ru/metrika/tag.js")));
    assert.ok(audit.references.some((r) => r.includes("https://fonts.googleapis.com/")));
    assert.deepEqual(ids(audit), []);
    assert.ok(problems(audit).length > 0, "набор тестов не упал бы");
  });

  for (const [name, p] of [
    ["главная", ""],
    ["страница той же темы без ошибок", "v-poryadke/"],
  ]) {
    it(`${name}: ошибок нет (проверки не срабатывают впустую)`, async () => {
      const audit = await auditPage(page, s.url + p, outside);
      assert.deepEqual(problems(audit), []);
      assert.equal(audit.status, 200);
    });
  }
});
