// Проверки страницы, общие для основного набора и для проверки самих проверок
// (test/broken-fixture.test.js): axe-core по WCAG 2.1 A/AA, запросы за пределы
// 127.0.0.1 и ссылки на внешние ресурсы в разметке и стилях.
"use strict";

const fs = require("node:fs");

const AXE_SOURCE = fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

const SETTINGS_KEY = "nastavnik-a11y";
const SCHEMES = ["normal", "bw", "wb", "blue"];

/**
 * Routes every request of the context: requests to `origin` go through, any
 * other is aborted and recorded (the returned array), so a page that refers
 * to a CDN, a web font or a counter fails without the test touching the network.
 */
async function guardNetwork(context, origin) {
  const outside = [];
  await context.route("**/*", (route) => {
    const url = route.request().url();
    let ok = false;
    try {
      const u = new URL(url);
      ok = u.origin === origin || u.protocol === "data:" || u.protocol === "blob:";
    } catch (e) {
      ok = false;
    }
    if (ok) return route.continue();
    outside.push(url);
    return route.abort("blockedbyclient");
  });
  // WebSocket connections are not routed by context.route: watch them separately.
  context.on("page", (page) => {
    page.on("websocket", (ws) => {
      if (!ws.url().startsWith(origin.replace(/^http/, "ws"))) outside.push(ws.url());
    });
  });
  return outside;
}

/**
 * References in the page that would load something from another host: script,
 * style, font, image, frame, media sources, form targets, CSS url() and @import.
 * Plain links (<a href>) to partner sites and rel=canonical/alternate are not loads.
 */
async function externalReferences(page) {
  return page.evaluate(() => {
    const here = location.origin;
    const found = [];
    const isExternal = (raw) => {
      if (!raw) return false;
      try {
        const u = new URL(raw, document.baseURI);
        if (u.protocol === "data:" || u.protocol === "blob:" || u.protocol === "about:") return false;
        if (u.protocol === "mailto:" || u.protocol === "tel:") return false;
        return u.origin !== here;
      } catch (e) {
        return false;
      }
    };
    const attrs = [
      ["script[src]", "src"],
      ["img[src]", "src"],
      ["iframe[src]", "src"],
      ["frame[src]", "src"],
      ["embed[src]", "src"],
      ["object[data]", "data"],
      ["source[src]", "src"],
      ["video[src]", "src"],
      ["video[poster]", "poster"],
      ["audio[src]", "src"],
      ["track[src]", "src"],
      ["input[type=image][src]", "src"],
      ["form[action]", "action"],
      ["button[formaction]", "formaction"],
      ["use[href]", "href"],
      ["image[href]", "href"],
    ];
    for (const [sel, attr] of attrs) {
      for (const el of document.querySelectorAll(sel)) {
        const v = el.getAttribute(attr);
        if (isExternal(v)) found.push(`<${el.localName} ${attr}="${v}">`);
      }
    }
    for (const el of document.querySelectorAll("img[srcset], source[srcset]")) {
      for (const part of el.getAttribute("srcset").split(",")) {
        const v = part.trim().split(/\s+/)[0];
        if (isExternal(v)) found.push(`<${el.localName} srcset="${v}">`);
      }
    }
    for (const el of document.querySelectorAll("link[href]")) {
      const rel = (el.getAttribute("rel") || "").toLowerCase().split(/\s+/);
      if (rel.includes("canonical") || rel.includes("alternate")) continue;
      const v = el.getAttribute("href");
      if (isExternal(v)) found.push(`<link rel="${rel.join(" ")}" href="${v}">`);
    }
    for (const el of document.querySelectorAll("meta[http-equiv]")) {
      if (el.getAttribute("http-equiv").toLowerCase() === "refresh") {
        const m = /url=(.*)$/i.exec(el.getAttribute("content") || "");
        if (m && isExternal(m[1].trim())) found.push(`<meta http-equiv="refresh" url="${m[1]}">`);
      }
    }
    const cssUrls = (text, where) => {
      const re = /url\(\s*(['"]?)([^'")]+)\1\s*\)|@import\s+(['"])([^'"]+)\3/g;
      let m;
      while ((m = re.exec(text))) {
        const v = m[2] || m[4];
        if (isExternal(v)) found.push(`${where}: ${v}`);
      }
    };
    for (const el of document.querySelectorAll("[style]")) cssUrls(el.getAttribute("style"), `style="…" у <${el.localName}>`);
    for (const el of document.querySelectorAll("style")) cssUrls(el.textContent, "<style>");
    for (const sheet of document.styleSheets) {
      let rules;
      try {
        rules = sheet.cssRules;
      } catch (e) {
        continue; // чужая таблица стилей: её загрузка уже видна в запросах
      }
      for (const rule of rules) cssUrls(rule.cssText, sheet.href || "<style>");
    }
    return [...new Set(found)];
  });
}

/** Runs axe-core in the page with the WCAG 2.1 A/AA rules; returns the violations. */
async function axe(page, options = {}) {
  const injected = await page.evaluate(() => typeof window.axe !== "undefined");
  // evaluate, not addScriptTag: works also in a context with JavaScript disabled.
  if (!injected) await page.evaluate(AXE_SOURCE);
  const result = await page.evaluate(
    async ({ tags, include }) => {
      // eslint-disable-next-line no-undef
      const r = await window.axe.run(include ? { include } : document, {
        runOnly: { type: "tag", values: tags },
        resultTypes: ["violations"],
      });
      return r.violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        nodes: v.nodes.map((n) => ({ target: n.target.join(" "), summary: n.failureSummary })),
      }));
    },
    { tags: AXE_TAGS, include: options.include || null },
  );
  return result;
}

function describeViolations(violations) {
  return violations
    .map(
      (v) =>
        `  [${v.id}] ${v.help} (${v.impact})\n` +
        v.nodes
          .slice(0, 5)
          .map((n) => `    ${n.target}\n      ${String(n.summary).replace(/\n/g, "\n      ")}`)
          .join("\n") +
        (v.nodes.length > 5 ? `\n    … и ещё ${v.nodes.length - 5}` : ""),
    )
    .join("\n");
}

/**
 * Opens `url` in `page` and runs every per-page check. `outside` is the array
 * guardNetwork() fills for the page's context. Returns
 * { status, violations, outside, references }.
 */
async function auditPage(page, url, outside) {
  const before = outside.length;
  const response = await page.goto(url, { waitUntil: "load" });
  const violations = await axe(page);
  const references = await externalReferences(page);
  return {
    status: response ? response.status() : 0,
    violations,
    outside: outside.slice(before),
    references,
  };
}

/** Problems found by auditPage() as Russian text lines; empty when the page passes. */
function problems(audit) {
  const lines = [];
  if (audit.violations.length) {
    lines.push(`нарушения WCAG 2.1 A/AA по axe-core:\n${describeViolations(audit.violations)}`);
  }
  if (audit.outside.length) lines.push(`запросы за пределы 127.0.0.1:\n  ${audit.outside.join("\n  ")}`);
  if (audit.references.length) lines.push(`ссылки на ресурсы других хостов:\n  ${audit.references.join("\n  ")}`);
  return lines;
}

/** An init script that stores the visually-impaired settings before any page script runs. */
function settingsInit(settings) {
  return {
    content: `try { localStorage.setItem(${JSON.stringify(SETTINGS_KEY)}, ${JSON.stringify(
      JSON.stringify(settings),
    )}); } catch (e) {}`,
  };
}

module.exports = {
  AXE_TAGS,
  SCHEMES,
  SETTINGS_KEY,
  guardNetwork,
  externalReferences,
  axe,
  auditPage,
  problems,
  describeViolations,
  settingsInit,
};
