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

/// Kinds `new` can create, with their folders.
pub const KINDS: [(&str, &str); 6] = [
    ("practice", "practices"),
    ("program", "programs"),
    ("contest", "contests"),
    ("news", "news"),
    ("document", "documents"),
    ("mentor", "mentors"),
];

/// Creates `content/<kind>/<slug>.md` for `title`; returns its path.
pub fn new_item(root: &Path, kind: &str, title: &str, today: NaiveDate) -> Result<PathBuf> {
    let Some((_, folder)) = KINDS.iter().find(|(k, _)| *k == kind) else {
        bail!(
            "неизвестный вид «{kind}»; можно: {}",
            KINDS.map(|(k, _)| k).join(", ")
        );
    };
    let slug = slugify(title);
    if slug.is_empty() {
        bail!("из названия «{title}» не получается имя файла; добавьте буквы или цифры");
    }
    let dir = root.join("content").join(folder);
    fs::create_dir_all(&dir)?;
    let path = dir.join(format!("{slug}.md"));
    if path.exists() {
        bail!("файл {} уже есть; выберите другое название", path.display());
    }
    fs::write(&path, template(kind, title, today))?;
    Ok(path)
}

fn template(kind: &str, title: &str, today: NaiveDate) -> String {
    let title = title.replace('"', "\\\"");
    let year = chrono::Datelike::year(&today);
    match kind {
        "practice" => format!(
            "---\ntitle: \"{title}\"\nsummary: Краткое описание практики в одном-двух предложениях\nform: учитель – учитель\nrole_model: опытный педагог – молодой специалист\nyear: {year}\nlevel: школьный\nauthors:\n  - Фамилия И. О.\ntags:\n  - адаптация\nresults:\n  - Измеримый результат практики\n# attachments:\n#   - {{file: files/prezentaciya.pdf, title: Презентация}}\n# award: {{contest: slug-konkursa, nomination: Номинация, place: 1}}\ndate: {today}\n---\n\n## Проблема\n\nКакую задачу решает практика.\n\n## Как это работает\n\n1. Первый шаг.\n2. Второй шаг.\n\n## Результаты\n\n| Показатель | До | После |\n|---|---|---|\n| … | … | … |\n"
        ),
        "program" => format!(
            "---\ntitle: \"{title}\"\nform: ученик – ученик\naudience: обучающиеся 5–9 классов\nperiod:\n  start: {year}-09-01\n  end: {}-05-31\ncurator: заместитель директора по УВР\npairs: 10\nstages:\n  - {{title: Встреча-знакомство, date: {year}-09-15}}\n  - {{title: Пробная встреча, date: {year}-09-29}}\n  - {{title: Встреча-планирование, date: {year}-10-06}}\n  - {{title: Совместная работа, date: {year}-10-13, until: {}-04-30}}\n  - {{title: Итоговая встреча, date: {}-05-20}}\n# document: slug-dokumenta\n---\n\nОписание программы: цели, задачи, ожидаемые результаты.\n",
            year + 1,
            year + 1,
            year + 1
        ),
        "contest" => format!(
            "---\ntitle: \"{title}\"\norganizer: Управление образования\nlevel: муниципальный\nannounced: {today}\nsubmissions_until: {today}\nresults_date: {today}\nnominations:\n  - Наставник года\n# regulations: files/polozhenie-o-konkurse.pdf\n# winners:\n#   - {{nomination: Наставник года, place: 1, participant: Команда школы, organization: МБОУ СОШ № 1, practice: slug-praktiki}}\n---\n\nОписание конкурса.\n"
        ),
        "news" => format!(
            "---\ntitle: \"{title}\"\ndate: {today}\nsummary: Кратко о событии\n---\n\nТекст новости.\n"
        ),
        "document" => format!(
            "---\ntitle: \"{title}\"\nkind: приказ\nnumber: \"1\"\ndate: {today}\nissuer: МБОУ СОШ № 1\nlevel: школьный\n# file: files/prikaz.pdf\n# signature: {{signer: Фамилия И. О., position: директор, date: {today}, key: 00 11 22 33}}\n---\n"
        ),
        _ => format!(
            "---\nname: \"{title}\"\nposition: учитель\nsubject: предмет\nexperience: 10\ncategory: высшая\nforms:\n  - учитель – учитель\n# photo: img/mentors/foto.jpg\n# Публикуются только поля из согласия (152-ФЗ ст. 10.1). Без согласия наставник не публикуется.\nconsent:\n  date: {today}\n  fields: [name, position]\n---\n\nКратко о наставнике.\n"
        ),
    }
}
