//! `init` (a new working site from files embedded in the binary) and `new`
//! (a content file with every field filled with a placeholder).

use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use chrono::NaiveDate;
use include_dir::{include_dir, Dir};

use crate::render::templates::DEFAULT_THEME;
use crate::text::slug::slugify;

static EXAMPLE_CONTENT: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/content");
static EXAMPLE_DATA: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/data");
static EXAMPLE_STATIC: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/static");
const EXAMPLE_SITE: &str = include_str!("../site.yaml");

/// Writes the example site (config, content, data, static files, a copy of the theme) into `dir`.
pub fn init(dir: &Path) -> Result<usize> {
    if dir.exists() && fs::read_dir(dir)?.next().is_some() {
        bail!(
            "папка {} не пуста; укажите новую или пустую папку",
            dir.display()
        );
    }
    fs::create_dir_all(dir)?;
    fs::write(dir.join("site.yaml"), EXAMPLE_SITE)?;
    fs::write(dir.join(".gitignore"), "/public\n/.nastavnik-*\n")?;
    let mut n = 2;
    n += extract(&EXAMPLE_CONTENT, &dir.join("content"))?;
    n += extract(&EXAMPLE_DATA, &dir.join("data"))?;
    n += extract(&EXAMPLE_STATIC, &dir.join("static"))?;
    // A copy to learn from and to start a theme of one's own; it is not active
    // (site.yaml keeps `theme: default`), so program upgrades still reach the built-in one.
    n += extract(&DEFAULT_THEME, &dir.join("themes/obrazec"))?;
    Ok(n)
}

fn extract(src: &Dir, to: &Path) -> Result<usize> {
    let mut n = 0;
    for file in src.files() {
        let path = to.join(file.path());
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent)?;
        }
        fs::write(&path, file.contents())
            .with_context(|| format!("не удалось записать {}", path.display()))?;
        n += 1;
    }
    for sub in src.dirs() {
        n += extract(sub, to)?;
    }
    Ok(n)
}

/// Kinds `new` can create: the name on the command line, its Russian
/// alias, its folder under `content/`.
pub const KINDS: [(&str, &str, &str); 7] = [
    ("practice", "практика", "practices"),
    ("program", "программа", "programs"),
    ("contest", "конкурс", "contests"),
    ("news", "новость", "news"),
    ("document", "документ", "documents"),
    ("mentor", "наставник", "mentors"),
    ("page", "страница", "pages"),
];

/// The site folder `new` works in: `start` or the nearest folder above it
/// that holds `site.yaml`.
pub fn find_site(start: &Path) -> Result<PathBuf> {
    let absolute = if start.is_absolute() {
        start.to_path_buf()
    } else {
        std::env::current_dir()
            .context("не удалось узнать текущую папку")?
            .join(start)
    };
    for dir in absolute.ancestors() {
        if dir.join("site.yaml").is_file() {
            return Ok(dir.to_path_buf());
        }
    }
    let here = if start == Path::new(".") || start.as_os_str().is_empty() {
        "в текущей папке".to_string()
    } else {
        format!("в папке {}", start.display())
    };
    bail!(
        "здесь нет сайта: ни {here}, ни в папках выше нет файла site.yaml\n  \
         подсказка: перейдите в папку сайта (её создаёт nastavnik init ПАПКА) или укажите её: --root ПАПКА"
    )
}

/// The kind `new` was asked for (English or Russian) and its folder; an
/// unknown kind is an error that suggests the nearest one.
pub fn kind_folder(kind: &str) -> Result<(&'static str, &'static str)> {
    let wanted = kind.trim().to_lowercase();
    let Some(&(kind, _, folder)) = KINDS
        .iter()
        .find(|(k, ru, _)| *k == wanted || *ru == wanted)
    else {
        let names: Vec<&str> = KINDS.iter().map(|(k, _, _)| *k).collect();
        let close = closest(&wanted, &names)
            .map(|c| format!("возможно, имелось в виду {c}; "))
            .unwrap_or_default();
        bail!(
            "неизвестный вид «{kind}»\n  подсказка: {close}можно: {}",
            names.join(", ")
        );
    };
    Ok((kind, folder))
}

/// What `new` made.
#[derive(Debug)]
pub struct Created {
    /// The new file.
    pub path: PathBuf,
    /// Its address (slug).
    pub slug: String,
    /// When the title's own address was taken: that address and the file holding it.
    pub taken: Option<(String, PathBuf)>,
}

/// Creates `content/<kind>/<slug>.md` for `title` in the site at `root`,
/// as a draft with every field filled with a placeholder. Never takes an
/// address already in use: `shag-navstrechu` taken gives `shag-navstrechu-2`.
pub fn new_item(root: &Path, kind: &str, title: &str, today: NaiveDate) -> Result<Created> {
    let (kind, folder) = kind_folder(kind)?;
    let base = slugify(title);
    if base.is_empty() {
        bail!("из названия «{title}» не получается имя файла; добавьте буквы или цифры");
    }
    let dir = root.join("content").join(folder);
    let in_use = slugs_in_use(&dir);
    let mut slug = base.clone();
    let mut n = 2;
    while in_use.iter().any(|(s, _)| *s == slug)
        || ["md", "yaml", "yml"]
            .iter()
            .any(|ext| dir.join(format!("{slug}.{ext}")).exists())
    {
        slug = format!("{base}-{n}");
        n += 1;
    }
    let taken = (slug != base).then(|| {
        let holder = in_use
            .iter()
            .find(|(s, _)| *s == base)
            .map(|(_, p)| p.clone())
            .unwrap_or_else(|| dir.join(format!("{base}.md")));
        (base.clone(), holder)
    });
    fs::create_dir_all(&dir)
        .with_context(|| format!("не удалось создать папку {}", dir.display()))?;
    let path = dir.join(format!("{slug}.md"));
    fs::write(&path, template(kind, title, today))
        .with_context(|| format!("не удалось записать {}", path.display()))?;
    Ok(Created { path, slug, taken })
}

/// The addresses the files of a content folder take (their `slug` field,
/// else their transliterated name), with the files; and the addresses the
/// site keeps for itself in that folder.
fn slugs_in_use(dir: &Path) -> Vec<(String, PathBuf)> {
    let out: Vec<(String, PathBuf)> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .map(|e| e.into_path())
        .filter(|p| p.is_file())
        .filter(|p| {
            matches!(
                p.extension().and_then(|e| e.to_str()),
                Some("md" | "yaml" | "yml")
            )
        })
        .filter_map(|path| {
            let text = fs::read_to_string(&path).unwrap_or_default();
            let written = written_slug(&text);
            let slug = written.unwrap_or_else(|| {
                slugify(path.file_stem().and_then(|s| s.to_str()).unwrap_or(""))
            });
            (!slug.is_empty()).then_some((slug, path))
        })
        .collect();
    out
}

/// The `slug:` a content file writes at the top level of its fields, if any.
fn written_slug(text: &str) -> Option<String> {
    let text = text.trim_start_matches('\u{feff}');
    let fields = match text.strip_prefix("---") {
        Some(rest) => rest.split("\n---").next().unwrap_or(""),
        None => text,
    };
    fields.lines().find_map(|line| {
        let value = line.strip_prefix("slug:")?.trim();
        let value = value.trim_matches(|c| c == '"' || c == '\'').trim();
        (!value.is_empty()).then(|| value.to_string())
    })
}

/// The first lines of every template: why the file is a draft and how to publish it.
const DRAFT: &str = "# Черновик: пока здесь стоит draft: true, материал виден только в\n\
# nastavnik serve (с пометкой «черновик») и не попадает на сайт при nastavnik build.\n\
# Замените подсказки своими данными и удалите строку draft: true.\n\
draft: true\n";

fn template(kind: &str, title: &str, today: NaiveDate) -> String {
    use chrono::Months;
    let title = title.replace('\\', "\\\\").replace('"', "\\\"");
    let year = chrono::Datelike::year(&today);
    let body = match kind {
        "practice" => format!(
            "title: \"{title}\"\nsummary: Краткое описание практики в одном-двух предложениях\nform: учитель – учитель\nrole_model: опытный педагог – молодой специалист\nyear: {year}\nlevel: школьный\nauthors:\n  - Фамилия И. О.\ntags:\n  - адаптация\n# Результаты показываются на странице под заголовком «Результаты»:\nresults:\n  - Измеримый результат практики\n# attachments:\n#   - {{file: files/prezentatsiya.pdf, title: Презентация}}\n# award: {{contest: adres-konkursa, nomination: Номинация, place: 1}}\ndate: {today}\n---\n\n## Проблема\n\nКакую задачу решает практика.\n\n## Как это работает\n\n1. Первый шаг.\n2. Второй шаг.\n"
        ),
        "program" => format!(
            "title: \"{title}\"\nform: ученик – ученик\naudience: обучающиеся 5–9 классов\nperiod:\n  start: {year}-09-01\n  end: {}-05-31\ncurator: заместитель директора по УВР\npairs: 10\nstages:\n  - {{title: Встреча-знакомство, date: {year}-09-15}}\n  - {{title: Пробная встреча, date: {year}-09-29}}\n  - {{title: Встреча-планирование, date: {year}-10-06}}\n  - {{title: Совместная работа, date: {year}-10-13, until: {}-04-30}}\n  - {{title: Итоговая встреча, date: {}-05-20}}\n# document: adres-dokumenta\n---\n\nОписание программы: цели, задачи, ожидаемые результаты.\n",
            year + 1,
            year + 1,
            year + 1
        ),
        "contest" => {
            let until = today.checked_add_months(Months::new(1)).unwrap_or(today);
            let results = today.checked_add_months(Months::new(2)).unwrap_or(today);
            format!(
                "title: \"{title}\"\norganizer: Управление образования\nlevel: муниципальный\nannounced: {today}\nsubmissions_until: {until}\nresults_date: {results}\nnominations:\n  - Наставник года\n# regulations: files/polozhenie-o-konkurse.pdf\n# winners:\n#   - {{nomination: Наставник года, place: 1, participant: Команда школы, organization: МБОУ СОШ № 1, practice: adres-praktiki}}\n---\n\nОписание конкурса.\n"
            )
        }
        "news" => format!(
            "title: \"{title}\"\ndate: {today}\nsummary: Кратко о событии\n---\n\nТекст новости.\n"
        ),
        "document" => format!(
            "title: \"{title}\"\nkind: приказ\nnumber: \"1\"\ndate: {today}\nissuer: МБОУ СОШ № 1\nlevel: школьный\n# file: files/prikaz.pdf\n# signature: {{signer: Фамилия И. О., position: директор, date: {today}, key: 00 11 22 33}}\n---\n"
        ),
        "page" => format!(
            "title: \"{title}\"\n# menu_title: Короткое название для меню\nweight: 10\n---\n\nТекст страницы.\n"
        ),
        _ => format!(
            "name: \"{title}\"\nposition: учитель\nsubject: предмет\nexperience: 10\ncategory: высшая\nforms:\n  - учитель – учитель\n# photo: img/mentors/foto.jpg\n#\n# Согласие на распространение персональных данных (152-ФЗ, ст. 10.1) —\n# документ, который наставник подписывает сам. Без него наставник не\n# публикуется, а публикуются только поля, которые согласие перечисляет.\n# Когда согласие подписано, раскройте блок и впишите его дату и поля:\n# consent:\n#   date: ГГГГ-ММ-ДД\n#   fields: [name, position, subject, experience, category, forms, photo, bio]\n---\n\nКратко о наставнике.\n"
        ),
    };
    format!("---\n{DRAFT}{body}")
}

/// The candidate nearest to `word` when it is a likely typo.
fn closest<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    let distance = |a: &str, b: &str| {
        let b: Vec<char> = b.chars().collect();
        let mut prev: Vec<usize> = (0..=b.len()).collect();
        for (i, ca) in a.chars().enumerate() {
            let mut cur = vec![i + 1];
            for (j, cb) in b.iter().enumerate() {
                let sub = prev[j] + usize::from(ca != *cb);
                cur.push(sub.min(prev[j + 1] + 1).min(cur[j] + 1));
            }
            prev = cur;
        }
        prev[b.len()]
    };
    candidates
        .iter()
        .map(|c| (distance(word, c), *c))
        .filter(|(d, c)| *d <= 2.max(c.chars().count() / 3))
        .min()
        .map(|(_, c)| c)
}
