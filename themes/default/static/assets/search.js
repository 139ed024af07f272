/* nastavnik — поиск по разделу (/poisk/) и быстрые фильтры каталога практик.
   Без зависимостей и без fetch: индекс — обычные файлы-скрипты
   (poisk/indeks/*.js, praktiki/catalogue.js), они кладут данные в очередь
   window.nastavnikSearch, поэтому всё работает и с хостинга, и с диска.
   Слова сравниваются по основам: стеммер Snowball для русского языка
   (https://snowballstem.org/algorithms/russian/stemmer.html) — тот же, что
   у программы (rust-stemmers); совпадение проверяется тестом под Node. */
(function () {
  "use strict";

  // ---- Слова и основы (как src/search/text.rs) ----

  const WORD_CHAR = /[\p{Alphabetic}\p{N}]/u;

  /** Calls f(word, start, end) for each normalized word of text. */
  function words(text, f) {
    let w = "";
    let start = 0;
    let i = 0;
    for (const c of text) {
      const cp = c.codePointAt(0);
      if (cp < 0x10000 && WORD_CHAR.test(c)) {
        if (!w) start = i;
        w += c.toLowerCase().replace(/ё/g, "е");
      } else if (w) {
        f(w, start, i);
        w = "";
      }
      i += c.length;
    }
    if (w) f(w, start, i);
  }

  const VOWELS = "аеиоуыэюя";
  const isV = (c) => VOWELS.indexOf(c) >= 0;
  // Endings of the algorithm; group 1 must follow «а» or «я».
  const E = (s) => s.split(" ");
  const GERUND1 = E("в вши вшись");
  const GERUND2 = E("ив ивши ившись ыв ывши ывшись");
  const ADJECTIVE = E("ее ие ые ое ими ыми ей ий ый ой ем им ым ом его ого ему ому их ых ую юю ая яя ою ею");
  const PARTICIPLE1 = E("ем нн вш ющ щ");
  const PARTICIPLE2 = E("ивш ывш ующ");
  const REFLEXIVE = E("ся сь");
  const VERB1 = E("ла на ете йте ли й л ем н ло но ет ют ны ть ешь нно");
  const VERB2 = E("ила ыла ена ейте уйте ите или ыли ей уй ил ыл им ым ен ило ыло ено ят ует уют ит ыт ены ить ыть ишь ую ю");
  const NOUN = E("а ев ов ие ье е иями ями ами еи ии и ией ей ой ий й иям ям ием ем ам ом о у ах иях ях ы ь ию ью ю ия ья я");

  /** Stems one normalized word: Snowball Russian for а–я words, others as they are. */
  function stem(word) {
    if (!/^[а-я]+$/.test(word)) return word;
    let s = word;
    const n = s.length;
    let rv = n;
    let r2 = n;
    let i = 0;
    while (i < n && !isV(s[i])) i++;
    if (i < n) {
      rv = ++i;
      while (i < n && isV(s[i])) i++;
      if (i < n) {
        i++;
        while (i < n && !isV(s[i])) i++;
        if (i < n) {
          i++;
          while (i < n && isV(s[i])) i++;
          if (i < n) r2 = i + 1;
        }
      }
    }
    // The longest ending of any list, within RV: [ending, list index] or null.
    const longest = (...lists) => {
      let best = null;
      lists.forEach((list, li) => {
        for (const e of list) {
          if (s.length - e.length >= rv && s.endsWith(e) && (!best || e.length > best[0].length)) best = [e, li];
        }
      });
      return best;
    };
    const afterAYa = (e) => {
      const k = s.length - e.length - 1;
      return k >= rv && (s[k] === "а" || s[k] === "я");
    };
    const cut = (e) => {
      s = s.slice(0, s.length - e.length);
    };
    let m = longest(GERUND1, GERUND2);
    if (m && (m[1] === 1 || afterAYa(m[0]))) {
      cut(m[0]);
    } else {
      m = longest(REFLEXIVE);
      if (m) cut(m[0]);
      m = longest(ADJECTIVE);
      if (m) {
        cut(m[0]);
        m = longest(PARTICIPLE1, PARTICIPLE2);
        if (m && (m[1] === 1 || afterAYa(m[0]))) cut(m[0]);
      } else {
        m = longest(VERB1, VERB2);
        if (m && (m[1] === 1 || afterAYa(m[0]))) cut(m[0]);
        else {
          m = longest(NOUN);
          if (m) cut(m[0]);
        }
      }
    }
    if (s.length - 1 >= rv && s.endsWith("и")) cut("и");
    m = longest(E("ост ость"));
    if (m && s.length - m[0].length >= r2) cut(m[0]);
    m = longest(E("ейш ейше н ь"));
    if (m) {
      const nn = () => s.length - 2 >= rv && s.endsWith("нн");
      if (m[0] === "ь") cut("ь");
      else if (m[0] === "н") {
        if (nn()) cut("н");
      } else {
        cut(m[0]);
        if (nn()) cut("н");
      }
    }
    return s;
  }

  let stops = new Set();
  const indexed = (w) => (w.length > 1 || /[0-9]/.test(w)) && !stops.has(w);

  function plural(n, one, few, many) {
    const a = n % 10;
    const b = n % 100;
    if (a === 1 && b !== 11) return one;
    if (a >= 2 && a <= 4 && (b < 12 || b > 14)) return few;
    return many;
  }
  const group = (n) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, "\u00a0");

  if (typeof document === "undefined") {
    if (typeof module === "object") module.exports = { words, stem, plural };
    return;
  }

  // ---- Загрузка файлов-скриптов ----

  const queue = (window.nastavnikSearch = window.nastavnikSearch || []);
  const data = {}; // "main", "w3", "e0", "c" → данные
  const waiting = {};
  function take(item) {
    const key = item.length > 2 ? item[0] + item[1] : item[0];
    data[key] = item[item.length - 1];
    (waiting[key] || []).forEach((f) => f());
    delete waiting[key];
  }
  queue.forEach(take);
  queue.length = 0;
  queue.push = (item) => take(item);

  /** Loads root+src (once) and resolves with data[key]; rejects if the file fails. */
  function need(key, src) {
    if (key in data) return Promise.resolve(data[key]);
    return new Promise((resolve, reject) => {
      (waiting[key] = waiting[key] || []).push(() => resolve(data[key]));
      if (document.querySelector('script[data-key="' + key + '"]')) return;
      const el = document.createElement("script");
      el.src = src;
      el.async = true;
      el.setAttribute("data-key", key);
      el.onerror = () => {
        el.remove();
        reject(new Error(src));
      };
      document.head.appendChild(el);
    });
  }

  const esc = (s) => String(s).replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]);
  const el = (html) => {
    const d = document.createElement("div");
    d.innerHTML = html;
    return d.firstElementChild;
  };
  let announceTimer = 0;
  function announce(node, text) {
    // Очистка и повторная запись, чтобы одинаковое сообщение прозвучало снова.
    node.textContent = "";
    clearTimeout(announceTimer);
    announceTimer = setTimeout(() => {
      node.textContent = text;
    }, 150);
  }
  const params = () => new URLSearchParams(location.search);
  function setParams(p, push) {
    const q = p.toString();
    const url = location.pathname + (q ? "?" + q : "") + location.hash;
    if (url === location.pathname + location.search + location.hash) return;
    try {
      history[push ? "pushState" : "replaceState"](null, "", url);
    } catch (e) {
      /* file:// в некоторых браузерах: состояние не попадает в адрес */
    }
  }

  // ---- Страница поиска ----

  const PAGE = 10;

  function initSearch(form) {
    const root = form.getAttribute("data-root") || "";
    const dir = root + "poisk/indeks/";
    const input = form.querySelector('input[name="q"]');
    const status = document.getElementById("search-status");
    const out = document.getElementById("search-results");
    const filters = form.querySelector(".search-filters");
    const kindSel = form.querySelector('select[name="vid"]');
    const formSel = form.querySelector('select[name="forma"]');
    let main = null;
    let seq = 0;
    let shown = 0;
    let results = [];
    let terms = [];

    const chunkOf = (s) => {
      const b = main.bounds;
      let lo = 0;
      let hi = b.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (b[mid] <= s) lo = mid + 1;
        else hi = mid;
      }
      return lo;
    };
    const words$ = (n) => need("w" + n, dir + "w" + n + ".js");

    /** The query's terms: { stem, prefix } — the last word, while typed, also as a prefix. */
    function parse(q, typing) {
      const list = [];
      words(q, (w, s, e) => {
        if (!indexed(w)) return;
        const last = typing && e === q.length;
        const t = { stem: stem(w), prefix: last && w.length >= 3 ? w : "" };
        const same = list.find((x) => x.stem === t.stem);
        if (same) same.prefix = same.prefix || t.prefix;
        else if (list.length < 8) list.push(t);
      });
      return list;
    }

    async function run(q, typing) {
      const my = ++seq;
      if (!main) {
        try {
          main = await need("main", dir + "main.js");
        } catch (e) {
          out.innerHTML = '<p class="search-empty">Не удалось загрузить указатель поиска. Откройте <a href="' + esc(root) + 'praktiki/index.html">каталог практик</a>.</p>';
          return;
        }
        stops = new Set(main.stop);
        fillFilters();
      }
      terms = parse(q, typing);
      if (!terms.length) {
        results = [];
        if (my === seq) show(q);
        return;
      }
      const chunks = new Set();
      for (const t of terms) {
        chunks.add(chunkOf(t.stem));
        if (t.prefix) {
          const a = chunkOf(t.prefix);
          const b = Math.min(chunkOf(t.prefix + "\uffff"), a + 2);
          for (let n = a; n <= b; n++) chunks.add(n);
        }
      }
      let loaded;
      try {
        loaded = await Promise.all([...chunks].map(words$));
      } catch (e) {
        loaded = [];
      }
      if (my !== seq) return;
      // entry → [title matches, matches]
      const score = new Map();
      terms.forEach((t) => {
        const hits = new Map();
        const add = (list) => {
          let d = 0;
          for (const x of list) {
            d += x >> 1;
            if (x & 1) hits.set(d, 1);
            else if (!hits.has(d)) hits.set(d, 0);
          }
        };
        for (const w of loaded) {
          if (w[t.stem]) add(w[t.stem]);
          if (t.prefix) for (const s in w) if (s !== t.stem && s.startsWith(t.prefix)) add(w[s]);
        }
        t.found = hits.size > 0;
        hits.forEach((title, d) => {
          const v = score.get(d) || [0, 0];
          v[0] += title;
          v[1]++;
          score.set(d, v);
        });
      });
      results = [...score.entries()].sort((a, b) => b[1][0] - a[1][0] || b[1][1] - a[1][1] || a[0] - b[0]).map((x) => x[0]);
      show(q);
    }

    function fillFilters() {
      const opts = (sel, list, all) => {
        sel.innerHTML = '<option value="">' + all + "</option>" + list.map((k) => '<option value="' + esc(k) + '">' + esc(k) + "</option>").join("");
      };
      opts(kindSel, main.kinds, "Все разделы");
      opts(formSel, main.forms, "Все формы");
      const p = params();
      kindSel.value = p.get("vid") || "";
      formSel.value = p.get("forma") || "";
      filters.hidden = false;
    }

    function filtered() {
      const nk = main.kinds.length || 1;
      const k = main.kinds.indexOf(kindSel.value);
      const f = main.forms.indexOf(formSel.value);
      return results.filter((d) => {
        const m = main.meta[d];
        if (k >= 0 && m % nk !== k) return false;
        if (f >= 0 && !(Math.floor(Math.floor(m / nk) / Math.pow(2, f)) % 2)) return false;
        return true;
      });
    }

    function show(q) {
      const list = filtered();
      shown = 0;
      out.innerHTML = "";
      const n = list.length;
      let text;
      if (!q.trim()) text = "";
      else if (n) {
        text = (n % 10 === 1 && n % 100 !== 11 ? "Найден " : "Найдено ") + group(n) + " " + plural(n, "результат", "результата", "результатов");
      } else text = "Ничего не найдено";
      const count = text ? el('<p class="search-count">' + esc(text) + "</p>") : null;
      if (count) out.appendChild(count);
      if (q.trim() && !n) out.appendChild(empty(q, results.length > 0));
      if (n) {
        out.appendChild(el('<ol class="search-list"></ol>'));
        more(list, false);
      }
      announce(status, text ? text + (n ? "" : " по запросу «" + q.trim() + "»") : "");
    }

    function empty(q, hiddenByFilter) {
      const tips = [];
      if (hiddenByFilter) tips.push('<li><button type="button" class="button button-secondary search-reset">Искать во всех разделах и формах</button></li>');
      const lost = terms.filter((t) => !t.found).length;
      if (terms.length > 1 && lost) tips.push("<li>уберите лишние слова из запроса;</li>");
      tips.push("<li>проверьте, нет ли в словах опечаток;</li>");
      tips.push("<li>попробуйте другое слово: «наставник», «адаптация», «программа»;</li>");
      tips.push('<li>откройте <a href="' + esc(root) + 'praktiki/index.html">каталог практик</a> по подборкам или <a href="' + esc(root) + 'dokumenty/index.html">документы</a>.</li>');
      const node = el('<div class="search-empty"><p>По запросу «' + esc(q.trim()) + "» ничего не найдено. Что можно сделать:</p><ul>" + tips.join("") + "</ul></div>");
      const reset = node.querySelector(".search-reset");
      if (reset)
        reset.addEventListener("click", () => {
          kindSel.value = "";
          formSel.value = "";
          syncUrl(false);
          show(input.value);
          input.focus();
        });
      return node;
    }

    async function more(list, focus) {
      const my = seq;
      const from = shown;
      const part = list.slice(from, from + PAGE);
      shown += part.length;
      const per = main.entries_per_chunk;
      let chunks;
      try {
        chunks = await Promise.all([...new Set(part.map((d) => Math.floor(d / per)))].map((c) => need("e" + c, dir + "e" + c + ".js")));
      } catch (e) {
        return;
      }
      if (my !== seq) return;
      const byChunk = {};
      [...new Set(part.map((d) => Math.floor(d / per)))].forEach((c, i) => (byChunk[c] = chunks[i]));
      const ol = out.querySelector(".search-list");
      const old = out.querySelector(".search-more");
      if (old) old.remove();
      let first = null;
      for (const d of part) {
        const [title, url, kind, year, snip] = byChunk[Math.floor(d / per)][d % per];
        const li = el(
          '<li class="search-result"><h2 class="search-title"><a href="' + esc(root + url) + '">' + mark(title) + "</a></h2>" +
            '<p class="search-kind">' + esc(main.kinds[kind] || "") + (year ? ", " + year : "") + "</p>" +
            (snip ? '<p class="search-snippet">' + mark(around(snip)) + "</p>" : "") + "</li>",
        );
        ol.appendChild(li);
        if (!first) first = li.querySelector("a");
      }
      if (focus && first) first.focus();
      if (shown < list.length) {
        const left = list.length - shown;
        const btn = el('<p class="search-more"><button type="button" class="button button-secondary">Показать ещё ' + Math.min(PAGE, left) + " из " + group(left) + "</button></p>");
        btn.querySelector("button").addEventListener("click", () => more(list, true));
        out.appendChild(btn);
      }
    }

    const matches = (w) => indexed(w) && terms.some((t) => t.stem === stem(w) || (t.prefix && stem(w).startsWith(t.prefix)) || (t.prefix && w.startsWith(t.prefix)));

    /** The snippet from a little before its first match. */
    function around(text) {
      let at = -1;
      words(text, (w, s) => {
        if (at < 0 && matches(w)) at = s;
      });
      if (at < 100) return text;
      const sp = text.lastIndexOf(" ", at - 40);
      return "…" + text.slice(sp + 1);
    }

    /** HTML of text with the query's words in <mark>. */
    function mark(text) {
      let html = "";
      let pos = 0;
      words(text, (w, s, e) => {
        if (!matches(w)) return;
        html += esc(text.slice(pos, s)) + "<mark>" + esc(text.slice(s, e)) + "</mark>";
        pos = e;
      });
      return html + esc(text.slice(pos));
    }

    function syncUrl(push) {
      const p = params();
      const set = (k, v) => (v ? p.set(k, v) : p.delete(k));
      set("q", input.value.trim());
      set("vid", kindSel.value);
      set("forma", formSel.value);
      setParams(p, push);
    }

    let timer = 0;
    input.addEventListener("input", () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        syncUrl(false);
        run(input.value, true);
      }, 150);
    });
    form.addEventListener("submit", (ev) => {
      ev.preventDefault();
      clearTimeout(timer);
      syncUrl(true);
      run(input.value, false);
    });
    [kindSel, formSel].forEach((s) =>
      s.addEventListener("change", () => {
        syncUrl(false);
        if (main) show(input.value);
      }),
    );
    function restore() {
      const p = params();
      input.value = p.get("q") || "";
      if (main) {
        kindSel.value = p.get("vid") || "";
        formSel.value = p.get("forma") || "";
      }
      run(input.value, false);
    }
    window.addEventListener("popstate", restore);
    restore();
  }

  // ---- Быстрые фильтры каталога практик ----

  const FACETS = [
    ["forma", "Форма наставничества", "Все формы"],
    ["god", "Год", "Все годы"],
    ["organizaciya", "Организация", "Все организации"],
    ["uroven", "Уровень", "Все уровни"],
    ["trek", "Направление", "Все направления"],
    ["teg", "Тема", "Все темы"],
  ];
  const SHOW = 50;

  function initCatalogue(box) {
    const root = box.getAttribute("data-root") || "";
    need("c", root + "praktiki/catalogue.js").then(
      (cat) => catalogue(box, root, cat),
      () => {},
    );
  }

  function catalogue(box, root, cat) {
    stops = new Set(cat.stop);
    // cat.terms: [facet index, slug, name, url]; cat.items: [title, url, summary, [term indexes]]
    const total = cat.items.length;
    const hay = cat.items.map((it) => {
      const parts = [it[0], it[2] || ""].concat(it[3].map((t) => cat.terms[t][2]));
      let s = " ";
      words(parts.join(" "), (w) => (s += w + " "));
      return s;
    });
    const uid = "flt-";
    const form = el(
      '<form class="catalogue-filter" role="search" aria-label="Быстрый отбор практик"><h2 class="catalogue-filter-title">Быстрый отбор</h2><div class="catalogue-filter-fields">' +
        FACETS.map(([key, label, all], fi) => {
          const terms = cat.terms.map((t, i) => [t, i]).filter(([t]) => t[0] === fi);
          if (!terms.length) return "";
          return '<div class="field"><label for="' + uid + key + '">' + label + '</label><select id="' + uid + key + '" name="' + key + '"><option value="">' + all + "</option>" +
            terms.map(([t]) => '<option value="' + esc(t[1]) + '">' + esc(t[2]) + "</option>").join("") + "</select></div>";
        }).join("") +
        '<div class="field field-text"><label for="' + uid + 'q">Слова из названия или описания</label><input type="search" id="' + uid + 'q" name="q" autocomplete="off"></div></div>' +
        '<p class="catalogue-filter-actions"><button type="reset" class="button button-secondary">Сбросить отбор</button></p>' +
        '<p class="catalogue-filter-count" role="status" aria-live="polite"></p></form>',
    );
    const results = box.querySelector(".catalogue-results");
    box.parentNode.insertBefore(form, box);
    const count = form.querySelector(".catalogue-filter-count");
    const own = el('<div class="catalogue-instant" hidden><ul class="cards practice-list"></ul></div>');
    results.appendChild(own);
    const serverParts = [...results.children].filter((c) => c !== own && !c.classList.contains("results-heading"));
    const heading = results.querySelector(".results-heading");
    const headingText = heading ? heading.textContent : "";
    const controls = [...form.querySelectorAll("select, input")];
    let limit = SHOW;

    function state() {
      const p = params();
      const s = {};
      controls.forEach((c) => (s[c.name] = p.get(c.name) || ""));
      return s;
    }
    function setControls(s) {
      controls.forEach((c) => {
        c.value = s[c.name] || "";
        if (c.tagName === "SELECT" && c.selectedIndex < 0) c.value = "";
      });
    }
    function apply(announceIt) {
      const want = [];
      controls.forEach((c) => {
        if (c.tagName !== "SELECT" || !c.value) return;
        const fi = FACETS.findIndex((f) => f[0] === c.name);
        const ti = cat.terms.findIndex((t) => t[0] === fi && t[1] === c.value);
        want.push(ti);
      });
      const textInput = form.querySelector('input[name="q"]');
      const needles = [];
      words(textInput.value, (w) => {
        if (indexed(w) || /[0-9]/.test(w)) needles.push(stem(w));
      });
      const active = want.length > 0 || needles.length > 0;
      const list = [];
      cat.items.forEach((it, i) => {
        if (want.every((t) => it[3].indexOf(t) >= 0) && needles.every((n) => hay[i].indexOf(" " + n) >= 0)) list.push(i);
      });
      own.hidden = !active;
      serverParts.forEach((c) => (c.hidden = active));
      const text = "Показано " + group(list.length) + " из " + group(total);
      if (heading) heading.textContent = active ? "Отобрано: " + group(list.length) + " " + plural(list.length, "практика", "практики", "практик") : headingText;
      const ul = own.querySelector("ul");
      ul.innerHTML = list.slice(0, limit).map((i) => card(cat.items[i])).join("");
      const old = own.querySelector(".search-more");
      if (old) old.remove();
      if (active && !list.length) ul.innerHTML = '<li class="catalogue-none">Таких практик нет. Уберите одно из условий отбора или <a href="' + esc(root) + 'praktiki/index.html">покажите все практики</a>.</li>';
      if (list.length > limit) {
        const btn = el('<p class="search-more"><button type="button" class="button button-secondary">Показать ещё ' + Math.min(SHOW, list.length - limit) + "</button></p>");
        btn.querySelector("button").addEventListener("click", () => {
          const at = limit;
          limit += SHOW;
          apply(false);
          const a = ul.children[at] && ul.children[at].querySelector("a");
          if (a) a.focus();
        });
        own.appendChild(btn);
      }
      if (announceIt) announce(count, text);
      else count.textContent = text;
    }
    const link = (t) => '<a href="' + esc(root + t[3]) + '">' + esc(t[2]) + "</a>";
    function card(it) {
      const by = (fi) => it[3].map((t) => cat.terms[t]).filter((t) => t[0] === fi);
      const row = (dt, list) => (list.length ? "<div><dt>" + dt + "</dt><dd>" + list.map(link).join(", ") + "</dd></div>" : "");
      const forms = by(0);
      const tags = by(5);
      return (
        '<li><article class="card practice-card"><h3 class="card-title"><a href="' + esc(root + it[1]) + '">' + esc(it[0]) + "</a></h3>" +
        (it[2] ? '<p class="card-summary">' + esc(it[2]) + "</p>" : "") +
        '<dl class="meta">' + row(forms.length > 1 ? "Формы" : "Форма", forms) + row("Год", by(1)) + row("Организация", by(2)) + "</dl>" +
        (tags.length ? '<ul class="tags" aria-label="Темы">' + tags.map((t) => "<li>" + link(t) + "</li>").join("") + "</ul>" : "") +
        "</article></li>"
      );
    }
    function write(push) {
      const p = params();
      controls.forEach((c) => {
        const v = c.value.trim();
        if (v) p.set(c.name, v);
        else p.delete(c.name);
      });
      setParams(p, push);
    }
    let timer = 0;
    form.addEventListener("change", (ev) => {
      if (ev.target.tagName !== "SELECT") return;
      limit = SHOW;
      write(true);
      apply(true);
    });
    form.addEventListener("input", (ev) => {
      if (ev.target.tagName !== "INPUT") return;
      clearTimeout(timer);
      timer = setTimeout(() => {
        limit = SHOW;
        write(false);
        apply(true);
      }, 200);
    });
    form.addEventListener("submit", (ev) => {
      ev.preventDefault();
      write(true);
      apply(true);
    });
    form.addEventListener("reset", () => {
      setTimeout(() => {
        limit = SHOW;
        write(true);
        apply(true);
      });
    });
    window.addEventListener("popstate", () => {
      setControls(state());
      limit = SHOW;
      apply(true);
    });
    setControls(state());
    apply(false);
  }

  function init() {
    document.querySelectorAll("form[data-search]").forEach(initSearch);
    document.querySelectorAll("[data-catalogue]").forEach(initCatalogue);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
