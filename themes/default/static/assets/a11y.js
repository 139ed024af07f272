/* nastavnik — переключатель «Версия для слабовидящих».
   Без зависимостей. Настройки хранятся в localStorage под ключом
   «nastavnik-a11y» и применяются как атрибуты data-a11y-* на <html>;
   встроенный скрипт в <head> применяет их до первой отрисовки. */
(function () {
  "use strict";

  const KEY = "nastavnik-a11y";
  // Настройки: ключ, заголовок группы, варианты [значение, подпись, образец];
  // первый вариант — обычная версия. Из этого списка строится и панель.
  const NB = "\u00a0";
  const GROUPS = [
    ["size", "Размер шрифта", [["normal", "Обычный", "А"], ["large", "Крупный", "А"], ["xlarge", "Очень крупный", "А"]]],
    ["scheme", "Цветовая схема", [["normal", "Обычная", "Ц"], ["bw", "Чёрным по" + NB + "белому", "Ц"], ["wb", "Белым по" + NB + "чёрному", "Ц"], ["blue", "Тёмно-синим по" + NB + "голубому", "Ц"]]],
    ["spacing", "Межбуквенный интервал", [["normal", "Обычный"], ["wide", "Увеличенный"]]],
    ["images", "Изображения", [["show", "Показывать"], ["hide", "Скрыть"]]],
  ];
  const DEFAULTS = {};
  const ALLOWED = {};
  GROUPS.forEach(([key, , options]) => {
    DEFAULTS[key] = options[0][0];
    ALLOWED[key] = options.map((o) => o[0]);
  });
  const root = document.documentElement;

  function load() {
    const settings = Object.assign({}, DEFAULTS);
    try {
      const saved = JSON.parse(window.localStorage.getItem(KEY) || "null");
      if (saved && typeof saved === "object") {
        Object.keys(ALLOWED).forEach((k) => {
          if (ALLOWED[k].indexOf(saved[k]) !== -1) settings[k] = saved[k];
        });
      }
    } catch (e) {
      /* localStorage недоступен (режим инкогнито, file://) — работаем без сохранения. */
    }
    return settings;
  }

  function isDefault(settings) {
    return Object.keys(DEFAULTS).every((k) => settings[k] === DEFAULTS[k]);
  }

  function save(settings) {
    try {
      if (isDefault(settings)) window.localStorage.removeItem(KEY);
      else window.localStorage.setItem(KEY, JSON.stringify(settings));
    } catch (e) {
      /* нет доступа к хранилищу: настройки действуют до перехода на другую страницу */
    }
  }

  function apply(settings) {
    Object.keys(DEFAULTS).forEach((k) => {
      const attr = "data-a11y-" + k;
      if (settings[k] === DEFAULTS[k]) root.removeAttribute(attr);
      else root.setAttribute(attr, settings[k]);
    });
  }

  // The panel only works with this script, so the script builds it: pages stay
  // ~4 KB lighter, and without JavaScript nothing unusable is shown.
  const PANEL =
    '<div class="a11y-panel" id="a11y-panel" role="region" aria-label="Настройки версии для' + NB + 'слабовидящих" hidden><div class="wrap a11y-panel-inner">' +
    GROUPS.map(([key, legend, options]) =>
      '<fieldset class="a11y-group"><legend>' + legend + "</legend>" +
      options.map(([value, label, sample], i) =>
        '<label class="a11y-option"><input type="radio" name="a11y-' + key + '" value="' + value + '"' + (i ? "" : " checked") + ">" +
        (sample ? '<span class="sample sample-' + key + "-" + value + '" aria-hidden="true">' + sample + "</span>" : "") +
        '<span class="a11y-option-text">' + label + "</span></label>").join("") +
      "</fieldset>").join("") +
    '<div class="a11y-actions"><button type="button" class="button a11y-reset">Обычная версия</button><button type="button" class="button button-secondary a11y-close">Закрыть настройки</button></div></div></div>';

  function init() {
    wrapTables();
    const toggle = document.getElementById("a11y-toggle");
    if (toggle && !document.getElementById("a11y-panel")) {
      const holder = document.createElement("div");
      holder.innerHTML = PANEL;
      toggle.closest(".a11y-bar").insertAdjacentElement("afterend", holder.firstElementChild);
    }
    const panel = document.getElementById("a11y-panel");
    const status = document.getElementById("a11y-status");
    if (!toggle || !panel) return;

    let settings = load();
    apply(settings);

    const radios = Array.prototype.slice.call(panel.querySelectorAll('input[type="radio"][name^="a11y-"]'));

    function sync() {
      radios.forEach((r) => {
        r.checked = settings[r.name.slice(5)] === r.value;
      });
    }

    let announceTimer = 0;
    function announce(text) {
      if (!status) return;
      // Очистка и повторная запись, чтобы одинаковое сообщение прозвучало снова.
      status.textContent = "";
      window.clearTimeout(announceTimer);
      announceTimer = window.setTimeout(() => {
        status.textContent = text;
      }, 100);
    }

    function labelOf(input) {
      const label = input.closest("label");
      const text = label && (label.querySelector(".a11y-option-text") || label);
      return text ? text.textContent.replace(/\s+/g, " ").trim() : input.value;
    }

    function legendOf(input) {
      const fieldset = input.closest("fieldset");
      const legend = fieldset && fieldset.querySelector("legend");
      return legend ? legend.textContent.replace(/\s+/g, " ").trim() : "";
    }

    function setOpen(open) {
      toggle.setAttribute("aria-expanded", open ? "true" : "false");
      panel.hidden = !open;
    }

    sync();
    toggle.hidden = false;
    setOpen(false);

    toggle.addEventListener("click", () => {
      const open = toggle.getAttribute("aria-expanded") !== "true";
      setOpen(open);
      if (open) {
        const first = panel.querySelector("input:checked") || panel.querySelector("input, button");
        if (first) first.focus();
      }
    });

    panel.addEventListener("change", (event) => {
      const input = event.target;
      if (!input || input.type !== "radio" || input.name.indexOf("a11y-") !== 0) return;
      const key = input.name.slice(5);
      if (!ALLOWED[key] || ALLOWED[key].indexOf(input.value) === -1) return;
      settings[key] = input.value;
      apply(settings);
      save(settings);
      announce(legendOf(input) + ": " + labelOf(input).toLowerCase());
    });

    panel.addEventListener("click", (event) => {
      const target = event.target instanceof Element ? event.target : null;
      if (!target) return;
      if (target.closest(".a11y-reset")) {
        settings = Object.assign({}, DEFAULTS);
        apply(settings);
        save(settings);
        sync();
        announce("Включена обычная версия сайта");
      } else if (target.closest(".a11y-close")) {
        setOpen(false);
        toggle.focus();
      }
    });

    panel.addEventListener("keydown", (event) => {
      if (event.key === "Escape") {
        setOpen(false);
        toggle.focus();
      }
    });

    // Настройки, изменённые в другой вкладке.
    window.addEventListener("storage", (event) => {
      if (event.key !== KEY && event.key !== null) return;
      settings = load();
      apply(settings);
      sync();
    });
  }

  // Таблицы из Markdown: на узком экране прокручиваются в своей области, как
  // таблицы шаблонов (без скрипта они ужимаются по ширине экрана).
  function wrapTables() {
    document.querySelectorAll(".prose table").forEach((table) => {
      if (table.parentElement.classList.contains("table-wrap")) return;
      const wrap = document.createElement("div");
      wrap.className = "table-wrap";
      wrap.setAttribute("role", "region");
      wrap.setAttribute("tabindex", "0");
      const caption = table.querySelector("caption");
      wrap.setAttribute("aria-label", caption ? caption.textContent.trim() : "Таблица");
      table.before(wrap);
      wrap.append(table);
    });
  }

  // Печать: у внутренних ссылок основного содержания — полный адрес; стиль
  // печати выводит его после текста ссылки (у внешних он выводит href сам).
  window.addEventListener("beforeprint", () => {
    document.querySelectorAll("main a[href]").forEach((a) => {
      if (!/^(#|[a-z][a-z0-9+.-]*:)/i.test(a.getAttribute("href")) && !a.closest("nav")) {
        a.setAttribute("data-print-href", a.href);
      }
    });
  });

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
