// Проверки разметки и вида страницы, которые выполняются в самом браузере.
"use strict";

/** The colours of the special schemes, as getComputedStyle reports them. */
const SCHEME_COLOURS = {
  bw: { fg: "rgb(0, 0, 0)", bg: "rgb(255, 255, 255)" },
  wb: { fg: "rgb(255, 255, 255)", bg: "rgb(0, 0, 0)" },
  blue: { fg: "rgb(6, 52, 98)", bg: "rgb(157, 209, 255)" },
};

/**
 * In a special scheme every visible piece of text must be --fg on --bg: no
 * white bar in «белым по чёрному», no inverted buttons. Returns offenders.
 */
async function offSchemeText(page, scheme) {
  const { fg, bg } = SCHEME_COLOURS[scheme];
  return page.evaluate(
    ({ fg, bg }) => {
      const transparent = (c) => c === "transparent" || /^rgba\(.*,\s*0\)$/.test(c);
      const bgOf = (el) => {
        for (let e = el; e; e = e.parentElement) {
          const c = getComputedStyle(e).backgroundColor;
          if (!transparent(c)) return c;
        }
        return "rgb(255, 255, 255)";
      };
      const skip = ".sample, .skip-link, .visually-hidden, svg, [hidden]";
      const bad = [];
      for (const el of document.body.querySelectorAll("*")) {
        if (el.closest(skip) || el === document.activeElement) continue;
        const text = [...el.childNodes]
          .filter((n) => n.nodeType === Node.TEXT_NODE)
          .map((n) => n.textContent)
          .join("")
          .trim();
        if (!text || el.getClientRects().length === 0) continue;
        const style = getComputedStyle(el);
        if (style.visibility === "hidden") continue;
        const back = bgOf(el);
        if (style.color !== fg || back !== bg) {
          const cls = el.className && typeof el.className === "string" ? "." + el.className.trim().split(/\s+/).join(".") : "";
          bad.push(`<${el.localName}${cls}> «${text.slice(0, 40)}»: цвет ${style.color}, фон ${back}`);
        }
      }
      return bad;
    },
    { fg, bg },
  );
}

/** Elements that stick out of the viewport and make the page scroll sideways. */
async function horizontalOverflow(page) {
  return page.evaluate(() => {
    const doc = document.documentElement;
    if (doc.scrollWidth <= doc.clientWidth) return [];
    const width = doc.clientWidth;
    const out = [];
    for (const el of document.body.querySelectorAll("*")) {
      const r = el.getBoundingClientRect();
      if (r.right <= width + 0.5 || r.width === 0) continue;
      // Inside a scroll container (a table region): scrolls itself, not the page.
      let inside = false;
      for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
        const o = getComputedStyle(p).overflowX;
        if (o === "auto" || o === "scroll" || o === "hidden") {
          inside = true;
          break;
        }
      }
      if (inside) continue;
      const cls = typeof el.className === "string" && el.className ? "." + el.className.trim().split(/\s+/).join(".") : "";
      out.push(`<${el.localName}${cls}> правый край ${Math.round(r.right)} px при ширине ${width} px`);
    }
    return [`страница шире окна: ${doc.scrollWidth} px при ${width} px`, ...out.slice(0, 8)];
  });
}

/**
 * Semantic structure every page must have. Returns problems as text.
 * kind: the page kind (breadcrumbs are expected everywhere but the landing and 404).
 */
async function structureProblems(page, { breadcrumbs }) {
  return page.evaluate(
    ({ breadcrumbs }) => {
      const p = [];
      if (document.documentElement.lang !== "ru") p.push(`<html lang="${document.documentElement.lang}">, ожидался ru`);
      if (!document.title.trim()) p.push("пустой <title>");
      const mains = document.querySelectorAll("main");
      if (mains.length !== 1 || mains[0].id !== "main") p.push(`ожидался один <main id="main">, найдено ${mains.length}`);
      if (!document.querySelector("body > header, .site-header")) p.push("нет шапки <header>");
      if (!document.querySelector("footer")) p.push("нет подвала <footer>");
      const nav = document.querySelector('nav[aria-label="Основное меню"]');
      if (!nav || nav.querySelectorAll("a").length < 2) p.push("нет основного меню <nav aria-label=\"Основное меню\">");
      const crumbs = document.querySelector('nav[aria-label="Хлебные крошки"]');
      if (breadcrumbs && !crumbs) p.push("нет хлебных крошек");
      if (crumbs && !crumbs.querySelector('[aria-current="page"]')) p.push("в хлебных крошках не отмечена текущая страница");
      const focusable = document.querySelector("a[href], button:not([hidden]), input, select, textarea, [tabindex]:not([tabindex='-1'])");
      if (!focusable || !focusable.matches("a.skip-link[href='#main']")) p.push("первая ссылка страницы — не «Перейти к основному содержанию»");
      const h1 = document.querySelectorAll("h1");
      if (h1.length !== 1) p.push(`заголовков <h1>: ${h1.length}, ожидался один`);
      else if (!h1[0].closest("main")) p.push("<h1> вне <main>");
      let prev = 0;
      for (const h of document.querySelectorAll("main h1, main h2, main h3, main h4, main h5, main h6")) {
        const level = Number(h.localName[1]);
        if (prev === 0 && level !== 1) p.push(`первый заголовок в <main> — ${h.localName}`);
        if (prev && level > prev + 1) p.push(`пропуск уровня заголовка: ${"h" + prev} → ${h.localName} «${h.textContent.trim().slice(0, 40)}»`);
        prev = level;
      }
      for (const t of document.querySelectorAll("main table")) {
        const name = (t.querySelector("caption") || {}).textContent || "";
        const fromTemplate = t.classList.contains("table");
        if (fromTemplate && !name.trim()) p.push("у таблицы нет подписи <caption>");
        if (!t.querySelector("th")) p.push(`у таблицы «${name.trim().slice(0, 40)}» нет ячеек заголовков <th>`);
        const wrap = t.closest(".table-wrap");
        if (fromTemplate && (!wrap || wrap.getAttribute("role") !== "region" || wrap.getAttribute("tabindex") !== "0")) {
          p.push(`таблица «${name.trim().slice(0, 40)}» не в прокручиваемой области role="region" tabindex="0"`);
        }
      }
      for (const img of document.querySelectorAll("img")) {
        if (!img.hasAttribute("alt")) p.push(`<img src="${img.getAttribute("src")}"> без alt`);
      }
      return p;
    },
    { breadcrumbs },
  );
}

/**
 * Whether focusing `locator` changes how it looks (outline, shadow, colours):
 * WCAG 2.4.7. Compares the computed style focused and blurred.
 */
async function focusIsVisible(locator) {
  return locator.evaluate((el) => {
    const keys = ["outlineStyle", "outlineWidth", "outlineColor", "boxShadow", "backgroundColor", "color", "borderColor", "textDecorationLine", "transform"];
    const snap = () => {
      const s = getComputedStyle(el);
      return Object.fromEntries(keys.map((k) => [k, s[k]]));
    };
    const focused = snap();
    el.blur();
    const blurred = snap();
    el.focus({ preventScroll: true });
    const changed = keys.some((k) => focused[k] !== blurred[k]);
    const outline = focused.outlineStyle !== "none" && parseFloat(focused.outlineWidth) >= 2;
    const filled = focused.backgroundColor !== blurred.backgroundColor || focused.boxShadow !== "none";
    return changed && (outline || filled);
  });
}

module.exports = { SCHEME_COLOURS, offSchemeText, horizontalOverflow, structureProblems, focusIsVisible };
