/* nastavnik — переключатель «Версия для слабовидящих».
   Без зависимостей. Настройки хранятся в localStorage под ключом
   «nastavnik-a11y» и применяются как атрибуты data-a11y-* на <html>;
   встроенный скрипт в <head> применяет их до первой отрисовки. */
(function () {
  "use strict";

  const KEY = "nastavnik-a11y";
  const DEFAULTS = { size: "normal", scheme: "normal", spacing: "normal", images: "show" };
  const ALLOWED = {
    size: ["normal", "large", "xlarge"],
    scheme: ["normal", "bw", "wb", "blue"],
    spacing: ["normal", "wide"],
    images: ["show", "hide"],
  };
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
  const PANEL = `<div class="a11y-panel" id="a11y-panel" role="region" aria-label="Настройки версии для&nbsp;слабовидящих" hidden><div class="wrap a11y-panel-inner"><fieldset class="a11y-group"><legend>Размер шрифта</legend><label class="a11y-option"><input type="radio" name="a11y-size" value="normal" checked><span class="sample sample-size-normal" aria-hidden="true">А</span><span class="a11y-option-text">Обычный</span></label><label class="a11y-option"><input type="radio" name="a11y-size" value="large"><span class="sample sample-size-large" aria-hidden="true">А</span><span class="a11y-option-text">Крупный</span></label><label class="a11y-option"><input type="radio" name="a11y-size" value="xlarge"><span class="sample sample-size-xlarge" aria-hidden="true">А</span><span class="a11y-option-text">Очень крупный</span></label></fieldset><fieldset class="a11y-group"><legend>Цветовая схема</legend><label class="a11y-option"><input type="radio" name="a11y-scheme" value="normal" checked><span class="sample sample-scheme-normal" aria-hidden="true">Ц</span><span class="a11y-option-text">Обычная</span></label><label class="a11y-option"><input type="radio" name="a11y-scheme" value="bw"><span class="sample sample-scheme-bw" aria-hidden="true">Ц</span><span class="a11y-option-text">Чёрным по&nbsp;белому</span></label><label class="a11y-option"><input type="radio" name="a11y-scheme" value="wb"><span class="sample sample-scheme-wb" aria-hidden="true">Ц</span><span class="a11y-option-text">Белым по&nbsp;чёрному</span></label><label class="a11y-option"><input type="radio" name="a11y-scheme" value="blue"><span class="sample sample-scheme-blue" aria-hidden="true">Ц</span><span class="a11y-option-text">Тёмно-синим по&nbsp;голубому</span></label></fieldset><fieldset class="a11y-group"><legend>Межбуквенный интервал</legend><label class="a11y-option"><input type="radio" name="a11y-spacing" value="normal" checked><span class="a11y-option-text">Обычный</span></label><label class="a11y-option"><input type="radio" name="a11y-spacing" value="wide"><span class="a11y-option-text">Увеличенный</span></label></fieldset><fieldset class="a11y-group"><legend>Изображения</legend><label class="a11y-option"><input type="radio" name="a11y-images" value="show" checked><span class="a11y-option-text">Показывать</span></label><label class="a11y-option"><input type="radio" name="a11y-images" value="hide"><span class="a11y-option-text">Скрыть</span></label></fieldset><div class="a11y-actions"><button type="button" class="button a11y-reset">Обычная версия</button><button type="button" class="button button-secondary a11y-close">Закрыть настройки</button></div></div></div>`;

  function init() {
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

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
