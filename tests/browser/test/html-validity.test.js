// Nu Html Checker (vnu.jar из npm-пакета vnu-jar, запускается Java машины):
// каждая страница примера и фикстур — без ошибок HTML; стили темы — без
// ошибок CSS; на сломанной фикстуре — ровно ожидаемая ошибка (img без alt).
"use strict";

const fs = require("node:fs");
const path = require("node:path");
const { spawnSync } = require("node:child_process");
const { describe, it, before, after } = require("node:test");
const assert = require("node:assert/strict");
const site = require("../lib/site");

const VNU = require.resolve("vnu-jar/build/dist/vnu.jar");
const JAVA = process.env.JAVA || "java";

/** Runs vnu on `files` once (one JVM); returns its messages grouped by file path. */
function vnu(files) {
  const r = spawnSync(JAVA, ["-jar", VNU, "--errors-only", "--also-check-css", "--format", "json", "--stdout", ...files], {
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.error) throw new Error(`не запустилась Java (${JAVA}): ${r.error.message}; установите default-jre-headless`);
  let report;
  try {
    report = JSON.parse(r.stdout);
  } catch (e) {
    throw new Error(`vnu.jar не выдал JSON (код ${r.status}):\n${r.stdout}\n${r.stderr}`);
  }
  const byFile = new Map(files.map((f) => [f, []]));
  for (const m of report.messages) {
    const file = m.url ? decodeURIComponent(new URL(m.url).pathname) : "?";
    if (!byFile.has(file)) byFile.set(file, []);
    byFile.get(file).push(m);
  }
  return byFile;
}

const describeMessages = (byFile, root) =>
  [...byFile]
    .filter(([, ms]) => ms.length)
    .map(([f, ms]) => `${path.relative(root, f)}:\n${ms.map((m) => `  ${m.lastLine || "?"}: [${m.type}${m.subType ? "/" + m.subType : ""}] ${m.message}`).join("\n")}`)
    .join("\n");

describe("HTML и CSS по Nu Html Checker", () => {
  const builds = {};
  let results;
  before(() => {
    builds.example = site.buildExample();
    for (const name of ["school", "kpi_roadmap", "a11y_broken"]) builds[name] = site.buildFixture(name);
    const files = [];
    for (const out of Object.values(builds)) files.push(...site.htmlFiles(out));
    files.push(path.join(builds.example, "assets", "style.css"));
    results = vnu(files);
  });
  after(() => {
    for (const out of Object.values(builds)) fs.rmSync(path.dirname(out), { recursive: true, force: true });
  });

  for (const name of ["example", "school", "kpi_roadmap"]) {
    it(`${name === "example" ? "пример" : "фикстура " + name}: ни одной ошибки`, () => {
      const out = builds[name];
      const mine = new Map([...results].filter(([f]) => f.startsWith(out + path.sep)));
      const pages = [...mine.keys()].filter((f) => f.endsWith(".html")).length;
      assert.ok(pages >= (name === "example" ? 70 : 5), `проверено всего ${pages} страниц`);
      const text = describeMessages(mine, out);
      assert.equal(text, "", `ошибки vnu:\n${text}`);
    });
  }

  it("a11y_broken: найдена ровно картинка без alt", () => {
    const out = builds.a11y_broken;
    const bad = [...results].filter(([f, ms]) => f.startsWith(out + path.sep) && ms.length);
    assert.deepEqual(bad.map(([f]) => path.relative(out, f)), [path.join("bez-alt", "index.html")], describeMessages(new Map(bad), out));
    assert.match(bad[0][1][0].message, /“img” element must have an “alt” attribute/);
  });
});
