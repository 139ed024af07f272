// Страницы примера, по одной на каждый вид (пути от корня раздела).
"use strict";

const PAGE_KINDS = [
  ["главная", ""],
  ["документы", "dokumenty/"],
  ["программы", "programmy/"],
  ["программа", "programmy/pervye-shagi/"],
  ["каталог практик", "praktiki/"],
  ["подборка практик", "praktiki/forma/uchitel-uchitel/"],
  ["практика", "praktiki/shag-navstrechu/"],
  ["конкурсы", "konkursy/"],
  ["конкурс", "konkursy/luchshie-praktiki-2024/"],
  ["наставники", "nastavniki/"],
  ["новости", "novosti/"],
  ["новость", "novosti/den-nastavnika-2026/"],
  ["свободная страница", "kurator/"],
  ["партнёры", "partnery/"],
  ["направление", "trek/pedagogi/"],
  ["показатели", "pokazateli/"],
  ["дорожная карта", "dorozhnaya-karta/"],
  ["404", "net-takoj-stranicy/"],
];

/** A file-system-safe name for screenshots. */
function slug(kind) {
  const map = {
    главная: "landing", документы: "documents", программы: "programs", программа: "program",
    "каталог практик": "practices", "подборка практик": "practices-facet", практика: "practice",
    конкурсы: "contests", конкурс: "contest", наставники: "mentors", новости: "news-list",
    новость: "news", "свободная страница": "page", партнёры: "partners", направление: "track",
    показатели: "kpi", "дорожная карта": "roadmap", 404: "404",
  };
  return map[kind] || kind;
}

module.exports = { PAGE_KINDS, slug };
