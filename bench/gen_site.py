#!/usr/bin/env python3
"""Generate a synthetic «Наставничество» site for benchmarking nastavnik.

Deterministic: the same arguments and seed give byte-identical files.
Python 3 standard library only.

    python3 bench/gen_site.py --practices 1000 --out target/bench/site-1000 \
        [--seed 1] [--roadmap-items 60] [--kpi-indicators 10 --kpi-years 5]

The site follows the content format of nastavnik (site.yaml, content/, data/,
static/): every field written here is a field the format knows, so a correct
build must accept the generated site without errors.
"""

import argparse
import json
import os
import random
import re
import shutil
import sys

# --------------------------------------------------------------------------
# Vocabulary
# --------------------------------------------------------------------------

FORMS = [
    "ученик – ученик",
    "учитель – учитель",
    "учитель – ученик",
    "студент – ученик",
    "работодатель – ученик",
    "работодатель – студент",
]
# Weights: teacher–teacher and pupil–pupil are the most common in real banks.
FORM_WEIGHTS = [3, 4, 3, 1, 1, 1]

PRACTICE_LEVELS = ["школьный", "муниципальный", "региональный", "федеральный"]
PRACTICE_LEVEL_WEIGHTS = [10, 5, 2, 1]

SCHOOLS = ["МБОУ СОШ № %d" % k for k in range(1, 51)]

TAGS = [
    "адаптация", "молодой специалист", "профориентация", "одарённые дети",
    "проектная деятельность", "цифровая грамотность", "функциональная грамотность",
    "волонтёрство", "школьное самоуправление", "инклюзия", "дети группы риска",
    "исследовательская работа", "олимпиады", "чтение", "робототехника",
    "экологическое воспитание", "патриотическое воспитание", "здоровый образ жизни",
    "финансовая грамотность", "профессиональное развитие",
]

ROLE_MODELS = {
    "ученик – ученик": ["успевающий – неуспевающий", "лидер – пассивный",
                        "равный – равному", "активист – новичок"],
    "учитель – учитель": ["опытный педагог – молодой специалист",
                          "опытный классный руководитель – молодой специалист",
                          "лидер педагогического сообщества – педагог, испытывающий проблемы",
                          "педагог-новатор – консервативный педагог"],
    "учитель – ученик": ["активный профессионал – равнодушный потребитель",
                         "коллега – молодой коллега",
                         "куратор – автор проекта"],
    "студент – ученик": ["успевающий студент – неуспевающий ученик",
                         "лидер – равнодушный",
                         "равный – другому"],
    "работодатель – ученик": ["активный профессионал – равнодушный потребитель",
                              "коллега – молодой коллега"],
    "работодатель – студент": ["активный профессионал – равнодушный потребитель",
                               "работодатель – будущий сотрудник"],
}

TITLE_NOUNS = [
    ("шаг", "m"), ("мост", "m"), ("старт", "m"), ("диалог", "m"), ("путь", "m"),
    ("навигатор", "m"), ("маршрут", "m"), ("кейс", "m"), ("клуб", "m"),
    ("траектория", "f"), ("мастерская", "f"), ("команда", "f"), ("встреча", "f"),
    ("лаборатория", "f"), ("перспектива", "f"), ("школа", "f"), ("академия", "f"),
    ("сообщество", "n"), ("пространство", "n"), ("партнёрство", "n"), ("наставничество", "n"),
    ("погружение", "n"), ("содружество", "n"),
]

TITLE_ADJECTIVES = [
    ("новый", "новая", "новое"), ("открытый", "открытая", "открытое"),
    ("общий", "общая", "общее"), ("первый", "первая", "первое"),
    ("уверенный", "уверенная", "уверенное"), ("цифровой", "цифровая", "цифровое"),
    ("живой", "живая", "живое"), ("творческий", "творческая", "творческое"),
    ("профессиональный", "профессиональная", "профессиональное"),
    ("успешный", "успешная", "успешное"), ("единый", "единая", "единое"),
    ("надёжный", "надёжная", "надёжное"), ("добрый", "добрая", "доброе"),
    ("школьный", "школьная", "школьное"), ("равный", "равная", "равное"),
    ("педагогический", "педагогическая", "педагогическое"),
    ("семейный", "семейная", "семейное"), ("взрослый", "взрослая", "взрослое"),
]

TITLE_THEMES = [
    "адаптация молодого педагога", "сопровождение одарённых детей",
    "профориентация старшеклассников", "поддержка новичков в классе",
    "подготовка к олимпиадам", "проектная работа в паре",
    "вовлечение в школьное самоуправление", "развитие читательской грамотности",
    "помощь в освоении цифровых инструментов", "сопровождение детей группы риска",
    "первые шаги в профессии", "подготовка к конкурсу профессионального мастерства",
    "волонтёрский наставнический отряд", "наставничество в инклюзивном классе",
    "исследовательская лаборатория", "путь к осознанному выбору профессии",
]

SUBJECTS = [
    "Наставник", "Наставляемый", "Куратор программы", "Наставническая пара",
    "Наставническая группа", "Молодой специалист", "Опытный педагог",
    "Классный руководитель", "Педагог-психолог", "Представитель предприятия-партнёра",
    "Обучающийся-наставник", "Методическое объединение", "Администрация школы",
    "Студент колледжа", "Школьная команда",
]

VERBS = [
    "проводит", "организует", "планирует", "обсуждает", "анализирует",
    "сопровождает", "поддерживает", "разрабатывает", "фиксирует", "представляет",
    "оценивает", "корректирует", "презентует", "готовит", "совместно выстраивает",
]

OBJECTS = [
    "индивидуальный план развития наставляемого",
    "серию встреч по подготовке к уроку",
    "совместный разбор трудных педагогических ситуаций",
    "открытые уроки и взаимопосещения",
    "проект по профессиональному самоопределению",
    "мастер-классы для наставляемых",
    "рефлексивные беседы по итогам каждого этапа",
    "дневник наставнических встреч",
    "программу адаптации в коллективе",
    "план подготовки к региональному конкурсу",
    "анкеты удовлетворённости участием в программе",
    "учебное исследование с элементами эксперимента",
    "экскурсию на предприятие-партнёр",
    "портфолио достижений наставляемого",
    "образовательные маршруты для групп обучающихся",
    "карту профессиональных дефицитов",
    "итоговую конференцию наставнических пар",
    "кейс-сессию по проблемам мотивации",
]

CIRCUMSTANCES = [
    "в течение учебного года",
    "на базе школьного методического объединения",
    "в формате еженедельных консультаций",
    "с учётом запросов наставляемого",
    "в тесном взаимодействии с родителями",
    "с опорой на целевую модель наставничества",
    "по итогам входной диагностики",
    "в соответствии с утверждённой программой наставничества",
    "в очном и дистанционном форматах",
    "при поддержке регионального центра наставничества",
    "на протяжении первого полугодия",
    "с привлечением партнёров из муниципального сообщества",
    "в рамках внеурочной деятельности",
    "с использованием цифровой образовательной среды",
]

REFLECTIONS = [
    "Такой подход позволяет снизить тревожность и повысить уверенность участников.",
    "Результаты обсуждаются на итоговой встрече и фиксируются в отчёте куратора.",
    "Обратная связь собирается после каждой встречи и учитывается при планировании.",
    "По итогам мониторинга растёт доля обучающихся, вовлечённых в проектную деятельность.",
    "Опыт пары обобщён и представлен на заседании педагогического совета.",
    "Наставляемый постепенно берёт на себя больше самостоятельности в работе.",
    "Практика легко переносится в другие образовательные организации района.",
    "Особое внимание уделяется доверительным отношениям между участниками.",
    "Материалы встреч размещены в открытом доступе на сайте школы.",
    "Эффективность оценивается по показателям целевой модели наставничества.",
]

HEADINGS_1 = [
    "Цель и задачи практики", "Актуальность", "Проблема, которую решает практика",
    "Участники и роли", "Замысел практики", "Почему это важно",
]
HEADINGS_2 = [
    "Ход реализации", "Этапы и результаты", "Как проходила работа",
    "Результаты и эффекты", "Содержание деятельности", "Итоги и перспективы",
]

LIST_ITEMS = [
    "сформировать у наставляемого устойчивый интерес к профессии",
    "помочь молодому специалисту адаптироваться в коллективе",
    "повысить качество подготовки к государственной итоговой аттестации",
    "развить навыки командной работы и самопрезентации",
    "создать условия для раскрытия потенциала каждого обучающегося",
    "освоить современные цифровые инструменты в преподавании",
    "снизить долю обучающихся с низкой учебной мотивацией",
    "вовлечь обучающихся в проектную и исследовательскую деятельность",
    "обеспечить преемственность педагогического опыта",
    "организовать обмен опытом между образовательными организациями",
    "подготовить команду к участию в конкурсах и олимпиадах",
    "выстроить систему обратной связи между наставником и наставляемым",
]

STAGES = [
    "Встреча-знакомство", "Пробная встреча", "Встреча-планирование",
    "Совместная работа", "Итоговая встреча", "Диагностика", "Рефлексия",
]
STAGE_PERIODS = ["сентябрь", "октябрь", "ноябрь", "декабрь", "январь – март",
                 "апрель", "май", "в течение года"]
STAGE_RESULTS = [
    "составлен план встреч", "определены цели пары", "проведено 6 встреч",
    "подготовлен проект", "заполнены анкеты", "проведён открытый урок",
    "оформлено портфолио", "подведены итоги", "получена обратная связь",
]

RESULTS = [
    "наставляемый провёл открытый урок на муниципальном уровне",
    "доля успевающих обучающихся в группе выросла на 15 %",
    "проект стал призёром муниципального конкурса",
    "молодой специалист остался работать в школе",
    "опыт представлен на региональной конференции",
    "подготовлены методические рекомендации для коллег",
    "обучающиеся выбрали профиль обучения осознанно",
    "сформирована команда для участия в олимпиаде",
]

SURNAMES_M = ["Иванов", "Петров", "Смирнов", "Кузнецов", "Соколов", "Попов",
              "Лебедев", "Козлов", "Новиков", "Морозов", "Волков", "Алексеев"]
SURNAMES_F = ["Иванова", "Петрова", "Смирнова", "Кузнецова", "Соколова", "Попова",
              "Лебедева", "Козлова", "Новикова", "Морозова", "Волкова", "Алексеева"]
NAMES_M = ["Алексей", "Дмитрий", "Сергей", "Андрей", "Михаил", "Иван", "Николай"]
NAMES_F = ["Мария", "Елена", "Ольга", "Наталья", "Татьяна", "Анна", "Ирина", "Светлана"]
PATRONYMICS_M = ["Александрович", "Сергеевич", "Викторович", "Петрович", "Иванович"]
PATRONYMICS_F = ["Александровна", "Сергеевна", "Викторовна", "Петровна", "Ивановна"]

SUBJECT_NAMES = ["математика", "русский язык", "литература", "история", "физика",
                 "химия", "биология", "информатика", "английский язык", "начальные классы"]
POSITIONS = ["учитель", "учитель высшей категории", "заместитель директора по УВР",
             "педагог-психолог", "педагог дополнительного образования", "социальный педагог"]
CATEGORIES = ["высшая", "первая", "соответствие занимаемой должности"]

MONTHS_NOM = ["январь", "февраль", "март", "апрель", "май", "июнь", "июль",
              "август", "сентябрь", "октябрь", "ноябрь", "декабрь"]
MONTHS_GEN = ["января", "февраля", "марта", "апреля", "мая", "июня", "июля",
              "августа", "сентября", "октября", "ноября", "декабря"]
MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]

# --------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------

_PLAIN_UNSAFE = re.compile(r"(: |:$| #|^[-?:,\[\]{}#&*!|>'\"%@`«]|^\s|\s$)")
_LOOKS_TYPED = re.compile(
    r"^(true|false|yes|no|on|off|null|~|[-+]?[0-9][0-9_.:eE+-]*)$", re.IGNORECASE)


def q(value):
    """A YAML scalar for a string: plain where that is safe, else double-quoted."""
    s = str(value)
    if s == "" or _PLAIN_UNSAFE.search(s) or _LOOKS_TYPED.match(s):
        return json.dumps(s, ensure_ascii=False)
    return s


def qf(value):
    """A YAML scalar for a string inside a flow collection ({...} or [...])."""
    return json.dumps(str(value), ensure_ascii=False)


def flow_list(values):
    return "[" + ", ".join(json.dumps(v, ensure_ascii=False) for v in values) + "]"


def cap(s):
    return s[:1].upper() + s[1:]


def person(rng):
    if rng.random() < 0.75:
        return "%s %s %s" % (rng.choice(SURNAMES_F), rng.choice(NAMES_F), rng.choice(PATRONYMICS_F))
    return "%s %s %s" % (rng.choice(SURNAMES_M), rng.choice(NAMES_M), rng.choice(PATRONYMICS_M))


def short_person(rng):
    """«Иванова Е.Н.» as orders write responsible persons."""
    if rng.random() < 0.75:
        sur, nm, pat = rng.choice(SURNAMES_F), rng.choice(NAMES_F), rng.choice(PATRONYMICS_F)
    else:
        sur, nm, pat = rng.choice(SURNAMES_M), rng.choice(NAMES_M), rng.choice(PATRONYMICS_M)
    return "%s %s.%s." % (sur, nm[0], pat[0])


def random_date(rng, year, first_month=1, last_month=12):
    m = rng.randint(first_month, last_month)
    d = rng.randint(1, MONTH_DAYS[m - 1])
    return "%04d-%02d-%02d" % (year, m, d)


def sentence(rng):
    return "%s %s %s %s." % (rng.choice(SUBJECTS), rng.choice(VERBS),
                             rng.choice(OBJECTS), rng.choice(CIRCUMSTANCES))


def paragraph(rng, n_sentences):
    parts = []
    for _ in range(n_sentences):
        if rng.random() < 0.25:
            parts.append(rng.choice(REFLECTIONS))
        else:
            parts.append(sentence(rng))
    return " ".join(parts)


def words(text):
    return len(text.split())


class Writer:
    """Writes files under the output root; counts them for the summary."""

    def __init__(self, root):
        self.root = root
        self.count = 0
        self._dirs = set()

    def write(self, rel, text, binary=False):
        path = os.path.join(self.root, rel)
        d = os.path.dirname(path)
        if d not in self._dirs:
            os.makedirs(d, exist_ok=True)
            self._dirs.add(d)
        if binary:
            with open(path, "wb") as f:
                f.write(text)
        else:
            with open(path, "w", encoding="utf-8", newline="\n") as f:
                f.write(text)
        self.count += 1


def front_matter(lines, body):
    return "---\n" + "\n".join(lines) + "\n---\n\n" + body.rstrip("\n") + "\n"


def tiny_pdf(title):
    """A minimal valid one-page PDF (a few hundred bytes)."""
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
        ("<< /Title (%s) >>" % title).encode("ascii"),
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, o in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + o + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root 1 0 R /Info 4 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objs) + 1, xref)
    return bytes(out)


# --------------------------------------------------------------------------
# Fixed small content: documents, programs, contests, news, mentors, pages
# --------------------------------------------------------------------------

# (slug, kind, number, date, issuer, level, title, track or None)
DOCUMENTS = [
    ("rasporyazhenie-r-145", "распоряжение", "Р-145", "2019-12-25",
     "Министерство просвещения Российской Федерации", "федеральный",
     "Об утверждении методологии (целевой модели) наставничества обучающихся", "обучающиеся"),
    ("pismo-az-1128", "письмо", "АЗ-1128/08/657", "2021-12-21",
     "Министерство просвещения Российской Федерации", "федеральный",
     "О направлении методических рекомендаций по разработке и внедрению системы "
     "(целевой модели) наставничества педагогических работников", "педагоги"),
    ("prikaz-504-r", "приказ", "504-р", "2020-11-02", "Управление образования",
     "муниципальный", "О внедрении методологии (целевой модели) наставничества обучающихся", None),
    ("polozhenie-o-nastavnichestve", "положение", None, "2023-08-30", None, "школьный",
     "Положение о наставничестве в МБОУ СОШ № 1", None),
    ("prikaz-58", "приказ", "58", "2024-01-20", None, "школьный",
     "Об утверждении дорожной карты реализации целевой модели наставничества на 2024 год", None),
    ("dorozhnaya-karta-2024", "дорожная карта", None, "2024-01-20", None, "школьный",
     "Дорожная карта внедрения целевой модели наставничества на 2024 год", None),
    ("programma-uchitel-uchitel", "программа", None, "2023-08-30", None, "школьный",
     "Программа наставничества «Учитель – учитель»", "педагоги"),
    ("soglashenie-kolledzh", "соглашение", "12", "2023-09-05", None, "школьный",
     "Соглашение о сотрудничестве с ГБПОУ «Политехнический колледж»", None),
    ("metodicheskie-rekomendacii", "методические рекомендации", None, "2022-03-15",
     "Региональный центр наставничества", "региональный",
     "Методические рекомендации по организации наставничества в образовательных организациях", None),
    ("shablon-anketa", "шаблон", None, "2023-09-01", None, "школьный",
     "Анкета удовлетворённости участием в программе наставничества", None),
]

CONTESTS = [
    # slug, title, announced, submissions_until, results_date, finished?
    ("luchshaya-praktika-2023", "Муниципальный конкурс «Лучшая практика наставничества – 2023»",
     "2023-02-01", "2023-03-31", "2023-04-28"),
    ("nastavnik-goda-2024", "Конкурс «Наставник года – 2024»",
     "2024-04-15", "2024-06-30", "2024-09-15"),
]
NOMINATIONS = ["Наставник молодого педагога", "Ученическое наставничество",
               "Наставничество в профориентации"]


def write_site_yaml(w):
    w.write("site.yaml", "\n".join([
        "organization: " + q("МБОУ «Средняя общеобразовательная школа № 1»"),
        "short_name: " + q("МБОУ СОШ № 1"),
        "level: school",
        "base_url: https://bench.example/nastavnichestvo/",
        "title: Наставничество",
        "description: " + q("Раздел о реализации целевой модели наставничества (синтетический сайт для замеров)"),
        "address: " + q("г. Энск, ул. Школьная, д. 1"),
        "phone: " + q("+7 (000) 000-00-00"),
        "email: school1@bench.example",
        "",
    ]))


def write_index(w):
    body = (
        "В школе реализуется целевая модель наставничества обучающихся "
        "(распоряжение Минпросвещения России от 25.12.2019 № Р-145) и система "
        "наставничества педагогических работников.\n\n"
        "В разделе собраны [нормативные документы](@/documents/rasporyazhenie-r-145), "
        "программы наставничества, банк лучших практик, показатели эффективности "
        "и дорожная карта.\n"
    )
    w.write("content/_index.md", front_matter([
        "title: Наставничество",
        "summary: " + q("Наставничество в МБОУ СОШ № 1: документы, программы, практики, показатели"),
    ], body))


def write_static(w):
    for d in DOCUMENTS:
        w.write("static/files/%s.pdf" % d[0], tiny_pdf(d[0]), binary=True)
    for c in CONTESTS:
        w.write("static/files/%s-polozhenie.pdf" % c[0], tiny_pdf(c[0]), binary=True)
    w.write("static/files/otchet-praktiki.pdf", tiny_pdf("otchet"), binary=True)


def write_documents(w, rng):
    for slug, kind, number, date, issuer, level, title, track in DOCUMENTS:
        lines = ["title: " + q(title), "kind: " + q(kind)]
        if number:
            lines.append("number: " + q(number))
        lines.append("date: " + date)
        if issuer:
            lines.append("issuer: " + q(issuer))
        lines.append("level: " + level)
        lines.append("file: files/%s.pdf" % slug)
        if track:
            lines.append("track: " + track)
        if level == "школьный":
            lines += [
                "signature:",
                "  signer: " + q("Иванова Мария Петровна"),
                "  position: директор",
                "  date: " + date,
                "  key: " + q("%040X" % rng.getrandbits(160)),
            ]
        w.write("content/documents/%s.md" % slug, front_matter(lines, cap(title) + "."))


def write_programs(w, rng):
    programs = [
        ("uchitel-uchitel", "Программа наставничества «Учитель – учитель»", "учитель – учитель",
         "молодые специалисты со стажем до 3 лет", "programma-uchitel-uchitel"),
        ("uchenik-uchenik", "Программа наставничества «Ученик – ученик»", "ученик – ученик",
         "обучающиеся 5–9 классов", "polozhenie-o-nastavnichestve"),
        ("uchitel-uchenik", "Программа «Учитель – ученик»: проектная деятельность", "учитель – ученик",
         "обучающиеся 8–11 классов", "polozhenie-o-nastavnichestve"),
        ("rabotodatel-uchenik", "Программа профориентации «Работодатель – ученик»", "работодатель – ученик",
         "обучающиеся 9–11 классов", "soglashenie-kolledzh"),
        ("student-uchenik", "Программа «Студент – ученик»", "студент – ученик",
         "обучающиеся 7–9 классов", "files/otchet-praktiki.pdf"),
    ]
    stage_titles = ["Встреча-знакомство", "Пробная встреча", "Встреча-планирование",
                    "Совместная работа", "Итоговая встреча"]
    stage_dates = [("2023-09-15", None), ("2023-09-29", None), ("2023-10-06", None),
                   ("2023-10-13", "2024-04-30"), ("2024-05-20", None)]
    for slug, title, form, audience, doc in programs:
        lines = [
            "title: " + q(title), "form: " + q(form), "audience: " + q(audience),
            "period: {start: 2023-09-01, end: 2024-05-31}",
            "curator: " + q(person(rng)),
            "pairs: %d" % rng.randint(4, 25),
            "stages:",
        ]
        for st, (d, until) in zip(stage_titles, stage_dates):
            lines.append("  - {title: %s, date: %s%s}" % (
                qf(st), d, ", until: %s" % until if until else ""))
        lines.append("document: " + doc)
        body = "\n\n".join([paragraph(rng, 3), paragraph(rng, 2)])
        w.write("content/programs/%s.md" % slug, front_matter(lines, body))


def write_contests(w, rng, winners):
    """winners: list of (practice slug, contest slug, nomination, place, organization, participant)."""
    for slug, title, announced, until, results in CONTESTS:
        lines = [
            "title: " + q(title),
            "organizer: Управление образования",
            "level: муниципальный",
            "announced: " + announced,
            "submissions_until: " + until,
            "results_date: " + results,
            "nominations: " + flow_list(NOMINATIONS),
            "regulations: files/%s-polozhenie.pdf" % slug,
        ]
        mine = [x for x in winners if x[1] == slug]
        if mine:
            lines.append("winners:")
            for p_slug, _, nom, place, org, participant in mine:
                lines.append("  - {nomination: %s, place: %d, participant: %s, organization: %s, practice: %s}" % (
                    qf(nom), place, qf(participant), qf(org), p_slug))
        w.write("content/contests/%s.md" % slug, front_matter(lines, paragraph(rng, 3)))


def write_news(w, rng, n=12):
    for i in range(1, n + 1):
        year = 2023 + (i > 6)
        date = random_date(rng, year, 1, 12 if year == 2023 else 5)
        title = "%s: %s" % (cap(rng.choice(["итоги", "анонс", "новости", "фотоотчёт"])),
                            rng.choice(TITLE_THEMES))
        lines = ["title: " + q("%s (%d)" % (title, i)), "date: " + date,
                 "summary: " + q(sentence(rng))]
        w.write("content/news/novost-%02d.md" % i,
                front_matter(lines, "\n\n".join([paragraph(rng, 3), paragraph(rng, 2)])))


def write_mentors(w, rng, n=8):
    all_fields = ["name", "position", "subject", "experience", "category", "forms", "bio"]
    for i in range(1, n + 1):
        fields = all_fields if i % 3 else [f for f in all_fields if f not in ("experience", "category")]
        lines = [
            "name: " + q(person(rng)),
            "position: " + q(rng.choice(POSITIONS)),
            "subject: " + q(rng.choice(SUBJECT_NAMES)),
            "experience: %d" % rng.randint(3, 35),
            "category: " + q(rng.choice(CATEGORIES)),
            "forms: " + flow_list(rng.sample(FORMS[:3], rng.randint(1, 2))),
            "consent:",
            "  date: " + random_date(rng, 2024, 1, 4),
            "  fields: [%s]" % ", ".join(fields),
            "  until: 2027-01-15",
        ]
        w.write("content/mentors/nastavnik-%02d.md" % i, front_matter(lines, paragraph(rng, 2)))


def write_pages(w, rng):
    pages = [
        ("kurator", "Куратор наставничества", "Куратор", 10),
        ("kontakty", "Контакты", None, 20),
        ("obratnaya-svyaz", "Обратная связь", None, 30),
        ("poleznye-ssylki", "Полезные ссылки", None, 40),
    ]
    for slug, title, menu_title, weight in pages:
        lines = ["title: " + q(title)]
        if menu_title:
            lines.append("menu_title: " + q(menu_title))
        lines.append("weight: %d" % weight)
        w.write("content/pages/%s.md" % slug, front_matter(lines, paragraph(rng, 2)))


def write_partners(w):
    w.write("data/partners.yaml", "\n".join([
        "partners:",
        "  - name: " + q("ГБПОУ «Политехнический колледж»"),
        "    kind: " + q("профессиональная образовательная организация"),
        "    description: " + q("Студенты колледжа – наставники обучающихся 7–9 классов"),
        "    url: https://college.bench.example/",
        "    agreement: soglashenie-kolledzh",
        "  - name: " + q("АО «Энский машиностроительный завод»"),
        "    kind: предприятие",
        "    description: " + q("Профориентационные экскурсии и наставничество «работодатель – ученик»"),
        "    url: https://zavod.bench.example/",
        "  - name: " + q("Региональный центр наставничества"),
        "    kind: " + q("методическая организация"),
        "    description: " + q("Методическая поддержка кураторов"),
        "",
    ]))


# --------------------------------------------------------------------------
# Practices
# --------------------------------------------------------------------------

TARGET_WORDS = 400


def practice_body(rng, index):
    out = []
    out.append(paragraph(rng, 3))
    out.append("## " + rng.choice(HEADINGS_1))
    out.append(paragraph(rng, 4))
    items = rng.sample(LIST_ITEMS, rng.randint(4, 6))
    out.append("\n".join("- " + it + ";" for it in items[:-1]) + "\n- " + items[-1] + ".")
    out.append("## " + rng.choice(HEADINGS_2))
    out.append(paragraph(rng, 3))
    rows = ["| Этап | Сроки | Результат |", "|---|---|---|"]
    for st in rng.sample(STAGES, rng.randint(3, 4)):
        rows.append("| %s | %s | %s |" % (st, rng.choice(STAGE_PERIODS), rng.choice(STAGE_RESULTS)))
    out.append("\n".join(rows))
    if index % 10 == 0:
        out.append("Практика опирается на [положение о наставничестве](@/documents/polozhenie-o-nastavnichestve).")
    # Top up with sentences until the body reaches ~400 words.
    total = sum(words(p) for p in out)
    tail = []
    while total < TARGET_WORDS:
        s = sentence(rng) if rng.random() < 0.7 else rng.choice(REFLECTIONS)
        tail.append(s)
        total += words(s)
    if tail:
        out.append(" ".join(tail))
    return "\n\n".join(out) + "\n"


def practice_title(rng, index):
    noun, gender = rng.choice(TITLE_NOUNS)
    adj = rng.choice(TITLE_ADJECTIVES)["mfn".index(gender)]
    return "«%s %s»: %s, кейс %d" % (cap(adj), noun, rng.choice(TITLE_THEMES), index)


def write_practices(w, rng, n, winners_by_slug):
    for i in range(1, n + 1):
        slug = "p%05d" % i
        form = rng.choices(FORMS, FORM_WEIGHTS)[0]
        lines = [
            "title: " + q(practice_title(rng, i)),
            "summary: " + q(sentence(rng)),
        ]
        if rng.random() < 0.08:
            second = rng.choice([f for f in FORMS if f != form])
            lines.append("form: " + flow_list([form, second]))
        else:
            lines.append("form: " + q(form))
        lines.append("role_model: " + q(rng.choice(ROLE_MODELS[form])))
        lines.append("organization: " + q(rng.choice(SCHOOLS)))
        # An awarded practice predates its contest (held in 2023).
        year = rng.randint(2020, 2022) if slug in winners_by_slug else rng.randint(2020, 2024)
        lines.append("year: %d" % year)
        lines.append("level: " + rng.choices(PRACTICE_LEVELS, PRACTICE_LEVEL_WEIGHTS)[0])
        authors = [person(rng) for _ in range(rng.randint(1, 3))]
        lines.append("authors: " + flow_list(authors))
        lines.append("tags: " + flow_list(rng.sample(TAGS, rng.randint(2, 3))))
        lines.append("results: " + flow_list(rng.sample(RESULTS, 2)))
        if i % 50 == 0:
            lines.append("attachments:")
            lines.append("  - {file: files/otchet-praktiki.pdf, title: %s}" % qf("Отчёт о реализации практики"))
        if slug in winners_by_slug:
            contest, nomination, place = winners_by_slug[slug]
            lines.append("award: {contest: %s, nomination: %s, place: %d}" % (contest, qf(nomination), place))
        lines.append("date: " + random_date(rng, year, 1, 5 if year == 2024 else 12))
        w.write("content/practices/%s.md" % slug, front_matter(lines, practice_body(rng, i)))


def plan_winners(rng, n):
    """Winners of the finished contest: practices p00001.. get awards."""
    winners = []
    slug, *_ = CONTESTS[0]
    k = 0
    for nom in NOMINATIONS:
        for place in (1, 2, 3):
            k += 1
            if k > n:
                return winners
            winners.append(("p%05d" % k, slug, nom, place, rng.choice(SCHOOLS), person(rng)))
    return winners


# --------------------------------------------------------------------------
# data/roadmap.yaml
# --------------------------------------------------------------------------

ROADMAP_SECTIONS = [
    "Нормативно-правовое регулирование реализации ЦМН",
    "Информационное сопровождение внедрения ЦМН",
    "Формирование базы наставников и наставляемых",
    "Обучение наставников",
    "Организация работы наставнических пар и групп",
    "Мониторинг и оценка результатов реализации ЦМН",
    "Мотивация и поощрение наставников",
    "Взаимодействие с партнёрами",
]
ROADMAP_ACTIVITIES = [
    "Утверждение дорожной карты реализации ЦМН",
    "Внесение изменений в положение о наставничестве",
    "Назначение куратора внедрения ЦМН в образовательной организации",
    "Разработка и утверждение программ наставничества",
    "Размещение информации о реализации ЦМН на официальном сайте",
    "Проведение родительских собраний о целях и задачах наставничества",
    "Анкетирование обучающихся и педагогов для выявления запросов",
    "Формирование базы наставляемых",
    "Формирование базы наставников",
    "Обучение наставников на курсах повышения квалификации",
    "Проведение встреч-знакомств наставников и наставляемых",
    "Закрепление наставнических пар и групп приказом директора",
    "Организация работы наставнических пар или групп",
    "Проведение итоговой встречи наставнических пар",
    "Мониторинг удовлетворённости участников программ наставничества",
    "Мониторинг показателей эффективности реализации ЦМН",
    "Внесение данных в формы федерального статистического наблюдения",
    "Участие в муниципальном конкурсе лучших практик наставничества",
    "Пополнение банка лучших практик наставничества",
    "Проведение семинара для кураторов и наставников",
    "Торжественное чествование лучших наставников",
    "Заключение соглашений о сотрудничестве с предприятиями-партнёрами",
    "Подготовка аналитической справки по итогам реализации ЦМН",
    "Обсуждение результатов на заседании педагогического совета",
]
ROADMAP_SCOPES = [
    "", "", "", " (5–9 классы)", " (10–11 классы)", " для молодых специалистов",
    " в рамках Года педагога и наставника", " по итогам полугодия",
]
ROADMAP_RESPONSIBLE = [
    "Директор школы", "Куратор внедрения ЦМН", "Заместитель директора по УВР",
    "Заместитель директора по ВР", "Управление образования", "Руководитель МО",
    "Педагог-психолог",
]
ROADMAP_RESULTS = [
    "Приказ ОО", "Информация на сайте", "Аналитическая справка", "Протокол",
    "Отчёт куратора", "База данных", "Программы наставничества", "Сертификаты участников",
    "Методические рекомендации", "Дорожная карта",
]


def deadline_text(rng, year):
    """A deadline as a real order writes it (PRODUCT.md, data/roadmap.yaml)."""
    m = rng.randint(1, 12)
    d = rng.randint(1, MONTH_DAYS[m - 1])
    kind = rng.randrange(16)
    if kind == 0:
        return "до %02d.%02d.%d" % (d, m, year)
    if kind == 1:
        return "До %d %s %d года" % (d, MONTHS_GEN[m - 1], year)
    if kind == 2:
        return "%02d.%02d.%d" % (d, m, year)
    if kind == 3:
        m1 = rng.randint(1, 11)
        m2 = rng.randint(m1 + 1, 12)
        return "%s - %s %d" % (cap(MONTHS_NOM[m1 - 1]), MONTHS_NOM[m2 - 1], year)
    if kind == 4:
        d1 = rng.randint(1, 14)
        d2 = rng.randint(d1 + 1, 28)
        return "с %d по %d %s %d г." % (d1, d2, MONTHS_GEN[m - 1], year)
    if kind == 5:
        return "%s %d" % (cap(MONTHS_NOM[m - 1]), year)
    if kind == 6:
        return "%d-%d гг." % (year - rng.randint(1, 3), year)
    if kind == 7:
        return "%s, ежегодно" % cap(MONTHS_NOM[m - 1])
    if kind == 8:
        return "Ежемесячно"
    if kind == 9:
        return "Ежеквартально"
    if kind == 10:
        return "В течение года"
    if kind == 11:
        return "в течение всего периода реализации ЦМН"
    if kind == 12:
        return "по отдельному графику"
    if kind == 13:
        return "в соответствии со сроками реализации программ наставничества"
    if kind == 14:
        return "%s %d г." % (cap(MONTHS_NOM[m - 1]), year)
    return "до %d.%02d.%d" % (d, m, year)


def write_roadmap(w, rng, m_items):
    year = 2024
    lines = [
        "title: " + q("Дорожная карта внедрения целевой модели наставничества на %d год" % year),
        "year: %d" % year,
        "approved_by: documents/prikaz-58",
        "items:",
    ]
    per_section = 8
    n_sections = max(1, (m_items + per_section - 1) // per_section)
    left = m_items
    for s in range(1, n_sections + 1):
        title = ROADMAP_SECTIONS[(s - 1) % len(ROADMAP_SECTIONS)]
        if s > len(ROADMAP_SECTIONS):
            title += " (этап %d)" % ((s - 1) // len(ROADMAP_SECTIONS) + 1)
        lines.append('  - n: "%d"' % s)
        lines.append("    title: " + q(title))
        lines.append("    items:")
        k = min(per_section, left)
        left -= k
        for j in range(1, k + 1):
            item_year = year if rng.random() < 0.85 else year - 1
            lines.append('      - n: "%d.%d"' % (s, j))
            lines.append("        title: " + q(rng.choice(ROADMAP_ACTIVITIES) + rng.choice(ROADMAP_SCOPES)))
            lines.append("        due: " + q(deadline_text(rng, item_year)))
            resp = rng.choice(ROADMAP_RESPONSIBLE)
            if rng.random() < 0.3:
                resp += ", " + short_person(rng)
            lines.append("        responsible: " + q(resp))
            lines.append("        result: " + q(rng.choice(ROADMAP_RESULTS)))
            if rng.random() < 0.3:
                lines.append("        done: true")
    lines.append("")
    w.write("data/roadmap.yaml", "\n".join(lines))


# --------------------------------------------------------------------------
# data/kpi.yaml
# --------------------------------------------------------------------------

KPI_TITLES = [
    ("Доля детей в возрасте от 10 до 19 лет, вошедших в программы наставничества в роли наставляемого",
     "количество детей 10–19 лет, вошедших в программы в роли наставляемого",
     "общее количество детей 10–19 лет"),
    ("Доля детей в возрасте от 15 до 19 лет, вошедших в программы наставничества в роли наставника",
     "количество детей 15–19 лет в роли наставника", "общее количество детей 15–19 лет"),
    ("Доля учителей — молодых специалистов (с опытом работы от 0 до 3 лет), вошедших в программы наставничества в роли наставляемого",
     "количество молодых специалистов в роли наставляемого", "общее количество молодых специалистов"),
    ("Доля учителей, вошедших в программы наставничества в роли наставника",
     "количество учителей-наставников", "общее количество учителей"),
    ("Доля предприятий, вошедших в программы наставничества в роли наставника",
     "количество предприятий-наставников", "общее количество предприятий-партнёров"),
    ("Доля обучающихся, удовлетворённых участием в программах наставничества",
     "количество удовлетворённых участников", "количество опрошенных участников"),
    ("Доля наставляемых, принявших участие в конкурсах и олимпиадах",
     "количество наставляемых — участников конкурсов", "общее количество наставляемых"),
    ("Доля молодых специалистов, оставшихся работать в организации после первого года",
     "количество оставшихся молодых специалистов", "общее количество молодых специалистов"),
]


def write_kpi(w, rng, k_indicators, y_years):
    last = 2024
    years = list(range(last - y_years + 1, last + 1))
    lines = ["years: [%s]" % ", ".join(str(y) for y in years), "indicators:"]
    for i in range(1, k_indicators + 1):
        title, num, den = KPI_TITLES[(i - 1) % len(KPI_TITLES)]
        if i > len(KPI_TITLES):
            title += " (группа %d)" % ((i - 1) // len(KPI_TITLES) + 1)
        start = rng.randint(5, 30)
        step = rng.randint(2, 12)
        plan = {y: min(100, start + step * n) for n, y in enumerate(years)}
        lines += [
            "  - id: ind_%03d" % i,
            "    title: " + q(title),
            '    unit: "%"',
            "    method: ratio",
            "    numerator: " + q(num),
            "    denominator: " + q(den),
            "    plan: {%s}" % ", ".join("%d: %d" % (y, plan[y]) for y in years),
            "    facts:",
        ]
        denom = rng.randint(40, 900)
        for y in years:
            # Two monitoring periods per year; the current year (today is
            # 2024-06-01 in the benchmark) only has periods before June.
            periods = ("%d-02" % y, "%d-05" % y) if y == last else ("%d-05" % y, "%d-12" % y)
            for p in periods:
                denom = max(1, denom + rng.randint(-20, 20))
                share = min(1.0, max(0.0, plan[y] / 100 + rng.uniform(-0.15, 0.1)))
                numer = min(denom, int(round(denom * share)))
                lines.append("      - {period: %s, numerator: %d, denominator: %d}" % (p, numer, denom))
    lines.append("")
    w.write("data/kpi.yaml", "\n".join(lines))


# --------------------------------------------------------------------------


def main(argv=None):
    ap = argparse.ArgumentParser(description="Синтетический сайт «Наставничество» для замеров nastavnik.")
    ap.add_argument("--practices", type=int, required=True, help="число практик N")
    ap.add_argument("--out", required=True, help="папка сайта (будет перезаписана)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--roadmap-items", type=int, default=None, help="пунктов дорожной карты M")
    ap.add_argument("--kpi-indicators", type=int, default=None, help="показателей K")
    ap.add_argument("--kpi-years", type=int, default=None, help="лет Y")
    a = ap.parse_args(argv)

    if a.practices < 0:
        ap.error("--practices must be ≥ 0")
    if (a.kpi_indicators is None) != (a.kpi_years is None):
        ap.error("--kpi-indicators and --kpi-years go together")
    if a.kpi_years is not None and a.kpi_years < 1:
        ap.error("--kpi-years must be ≥ 1")

    # Start from an empty folder so that a smaller N leaves no stale files.
    if os.path.exists(a.out):
        if not os.path.isdir(a.out):
            ap.error("--out exists and is not a folder: %s" % a.out)
        for name in ("site.yaml", "content", "data", "static"):
            p = os.path.join(a.out, name)
            if os.path.isdir(p):
                shutil.rmtree(p)
            elif os.path.exists(p):
                os.remove(p)

    w = Writer(a.out)
    # Independent streams, so that e.g. --roadmap-items does not change practices.
    rng = lambda name: random.Random("%d/%s" % (a.seed, name))

    write_site_yaml(w)
    write_index(w)
    write_static(w)
    write_documents(w, rng("documents"))
    write_programs(w, rng("programs"))
    winners = plan_winners(rng("winners"), a.practices)
    write_contests(w, rng("contests"), winners)
    write_news(w, rng("news"))
    write_mentors(w, rng("mentors"))
    write_pages(w, rng("pages"))
    write_partners(w)
    write_practices(w, rng("practices"), a.practices,
                    {x[0]: (x[1], x[2], x[3]) for x in winners})
    if a.roadmap_items is not None:
        write_roadmap(w, rng("roadmap"), a.roadmap_items)
    if a.kpi_indicators is not None:
        write_kpi(w, rng("kpi"), a.kpi_indicators, a.kpi_years)

    print("gen_site: %d files in %s" % (w.count, a.out), file=sys.stderr)


if __name__ == "__main__":
    main()
