#!/usr/bin/env python3
"""Fills fuzz/corpus/<target>/ with starting inputs taken from the example
site and the test fixtures, so the fuzzers start from real content files."""
import pathlib

HERE = pathlib.Path(__file__).resolve().parent
REPO = HERE.parent
KINDS = ["practices", "programs", "contests", "documents", "news", "pages", "mentors",
         "_index", "data/kpi", "data/roadmap", "site"]


def put(target, name, data):
    d = HERE / "corpus" / target
    d.mkdir(parents=True, exist_ok=True)
    (d / name).write_bytes(data)


def kind_of(path):
    parts = path.parts
    if path.name == "site.yaml":
        return "site"
    if path.name == "_index.md":
        return "_index"
    if "data" in parts and path.stem in ("kpi", "roadmap"):
        return "data/" + path.stem
    for k in KINDS:
        if k in parts:
            return k
    return None


n = 0
sites = [REPO] + sorted((REPO / "tests" / "fixtures").rglob("site.yaml"))
files = set()
for s in sites:
    root = s if s.is_dir() else s.parent
    files.update(p for p in root.rglob("*") if p.suffix in (".md", ".yaml", ".yml")
                 and "target" not in p.parts and "fuzz" not in p.parts and "node_modules" not in p.parts)
for p in sorted(files):
    kind = kind_of(p)
    if kind is None:
        continue
    selector = KINDS.index(kind) | (0x80 if p.suffix != ".md" else 0)
    data = p.read_bytes()
    put("front_matter", f"seed{n:04}", bytes([selector]) + data)
    if p.suffix == ".md":
        body = data.split(b"\n---\n", 1)[-1]
        put("markdown", f"seed{n:04}", body)
    n += 1

deadlines = ["до 29.05.2020", "01.09.2020", "Сентябрь - октябрь 2020", "с 1 по 15 сентября 2020 г.",
             "Май 2021", "2021-2024 гг.", "Май, ежегодно", "Ежемесячно", "В течение года",
             "в течение всего периода реализации ЦМН", "по отдельному графику",
             "в соответствии со сроками реализации программ наставничества",
             "До 10 февраля 2024 года", "2620 г.", "30.02.2024", "декабрь 2023 – январь 2024",
             "I квартал 2024", "до 31 декабря", "ежеквартально", "с 01.09.2023 по 31.05.2024"]
for i, t in enumerate(deadlines):
    put("deadline", f"seed{i:02}", bytes([30, 4, 0]) + t.encode())

html = [b"<p onclick=\"x()\">a</p><script>alert(1)</script>\n",
        b"<iframe src=\"https://rutube.ru/play/embed/1\"></iframe>\n\n<iframe src=\"https://evil.example/\"></iframe>\n",
        b"[a](javascript:alert(1)) ![i](data:image/png;base64,AAAA) <javascript:alert(1)>\n",
        b"| a | b |\n|:-|-:|\n| <b>1</b> | 2 |\n",
        b"<svg><iframe><a title=\"</iframe><img src onerror=alert(1)>\">x\n",
        b"<a href=\"&#106;avascript:alert(1)\">x</a> <img src=x onerror=alert(1)>\n"]
for i, h in enumerate(html):
    put("markdown", f"html{i:02}", h)
print(f"{n} content files, {len(deadlines)} deadlines, {len(html)} HTML snippets")
