//! An indicator table with a column per year → `data/kpi.yaml` `plan:` entries.
//!
//! The name cell of a plan as orders write it carries the unit and the
//! formula: «Доля детей …, % (отношение количества детей …, к общему
//! количеству детей …)», «Уровень удовлетворенности …, % (опросный)». These
//! become `unit`, `method`, `numerator` and `denominator`; the title keeps
//! the rest. Facts are left for the curator to fill in.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

use chrono::NaiveDate;

use super::columns;
use super::{row_place, short, yaml_str, Imported};
use crate::diagnostics::Diagnostic;
use crate::model::kpi::{validate, Direction, Indicator, KpiProblemAt, Method};
use crate::office::Document;
use crate::text::slug::slugify;

/// Reads the first indicator table of `doc` and writes it as YAML.
pub fn import(
    doc: &Document,
    path: &Path,
    name: &str,
    today: NaiveDate,
) -> Result<Imported, Vec<Diagnostic>> {
    let (indicators, years, problems) = read(doc, path)?;
    let yaml = to_yaml(&indicators, &years, name, today);
    Ok(Imported {
        yaml,
        count: indicators.len(),
        problems,
    })
}

type Read = (Vec<Indicator>, Vec<i32>, Vec<Diagnostic>);

/// The indicators, the years of the table and the rows left out or trimmed.
pub fn read(doc: &Document, path: &Path) -> Result<Read, Vec<Diagnostic>> {
    let Some((t, header, cols)) = doc
        .tables
        .iter()
        .enumerate()
        .find_map(|(t, table)| columns::find_kpi_header(table).map(|(h, c)| (t, h, c)))
    else {
        let roadmap = doc
            .tables
            .iter()
            .any(|t| columns::find_roadmap_header(t).is_some());
        let hint = if roadmap {
            "в файле есть таблица дорожной карты — её читает команда nastavnik import roadmap"
        } else {
            "нужна таблица со столбцом «Наименование показателя» и столбцом на каждый год: «2020 г.», «2021 г.», …"
        };
        return Err(vec![Diagnostic::error(
            path,
            0,
            0,
            format!(
                "в файле не найдена таблица показателей по годам (таблиц в файле: {})",
                doc.tables.len()
            ),
        )
        .hint(hint)]);
    };
    let table = &doc.tables[t];
    let mut problems = Vec::new();
    // (title text as written, plan, row number)
    let mut rows: Vec<(String, BTreeMap<i32, f64>, usize)> = Vec::new();
    for r in header + 1..table.rows.len() {
        let row = &table.rows[r];
        if row.is_empty() || columns::is_column_numbers(row) || columns::is_kpi_header(row) {
            continue;
        }
        let name = table.value(r, cols.name).to_string();
        let number = cols.number.map_or("", |c| table.value(r, c));
        let mut plan = BTreeMap::new();
        for &(c, year) in &cols.years {
            let text = table.value(r, c);
            if text.is_empty() {
                continue;
            }
            match figure(text) {
                Some(v) => {
                    plan.insert(year, v);
                }
                None => problems.push(
                    Diagnostic::warning(
                        path,
                        row.number,
                        0,
                        format!(
                            "{}: план на {year} год «{}» — не число, он пропущен",
                            row_place(doc, t, row.number),
                            short(text, 40)
                        ),
                    )
                    .hint("впишите план числом в plan: после импорта"),
                ),
            }
        }
        if plan.is_empty() && number.is_empty() {
            if let Some(last) = rows.last_mut() {
                // The name broken over two rows (a page break, a converter).
                last.0.push(' ');
                last.0.push_str(&name);
                continue;
            }
        }
        if name.is_empty() {
            problems.push(
                Diagnostic::warning(
                    path,
                    row.number,
                    0,
                    format!(
                        "{}: строка без названия показателя пропущена",
                        row_place(doc, t, row.number)
                    ),
                )
                .hint("впишите название в столбец «Наименование показателя»"),
            );
            continue;
        }
        if plan.is_empty() {
            problems.push(
                Diagnostic::warning(
                    path,
                    row.number,
                    0,
                    format!(
                        "{}: у показателя «{}» нет плановых значений по годам",
                        row_place(doc, t, row.number),
                        short(&name, 60)
                    ),
                )
                .hint("впишите план в plan: после импорта"),
            );
        }
        rows.push((name, plan, row.number));
    }
    if rows.is_empty() {
        return Err(vec![Diagnostic::error(
            path,
            0,
            0,
            format!(
                "в таблице показателей (таблица {}) нет ни одного показателя",
                t + 1
            ),
        )
        .hint(
            "под строкой заголовков должны идти строки с названием показателя и планом по годам",
        )]);
    }
    let mut ids: Vec<String> = Vec::new();
    let mut indicators: Vec<Indicator> = rows
        .iter()
        .map(|(name, plan, _)| {
            let mut ind = indicator(name, plan.clone());
            ind.id = unique_id(&ind.title, &mut ids);
            ind
        })
        .collect();
    let years: Vec<i32> = {
        let mut ys: Vec<i32> = cols.years.iter().map(|(_, y)| *y).collect();
        ys.sort_unstable();
        ys
    };
    // A figure the site would refuse (a share above 100 %) is left out and reported.
    for p in validate(&indicators, &years) {
        if let KpiProblemAt::Plan(i, year) = p.at {
            indicators[i].plan.remove(&year);
            let row = rows[i].2;
            problems.push(
                Diagnostic::warning(
                    path,
                    row,
                    0,
                    format!(
                        "{}: {} — значение пропущено",
                        row_place(doc, t, row),
                        p.message
                    ),
                )
                .hint(p.hint),
            );
        }
    }
    Ok((indicators, years, problems))
}

/// A plan figure: «70», «2,5», «10 %», «не менее 30».
fn figure(text: &str) -> Option<f64> {
    let t: String = text
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .replace(',', ".");
    let start = t.find(|c: char| c.is_ascii_digit())?;
    let prefix = &t[..start];
    if !prefix.is_empty()
        && !["неменее", "≥", ">=", "до", "-", "–", "неменьше"]
            .iter()
            .any(|p| columns::norm(prefix).replace(' ', "") == *p || prefix == *p)
    {
        return None;
    }
    let rest = &t[start..];
    let end = rest
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(rest.len());
    let tail = rest[end..].trim_matches(|c: char| c == '%' || c == '.');
    if !tail.is_empty() {
        return None;
    }
    rest[..end].trim_end_matches('.').parse().ok()
}

/// An indicator from its name cell and plan.
fn indicator(name: &str, plan: BTreeMap<i32, f64>) -> Indicator {
    let mut title = name.to_string();
    let mut numerator = None;
    let mut denominator = None;
    let lower = title.to_lowercase();
    if let Some(at) = lower.find("(отношение") {
        let inner_end = title[at..].find(')').map_or(title.len(), |e| at + e);
        let inner = title[at + 1..inner_end].to_string();
        let inner = inner.trim_start_matches("отношение").trim();
        for sep in [
            " к общему количеству ",
            " к общему числу ",
            " к количеству ",
        ] {
            if let Some(k) = inner.find(sep) {
                let num = inner[..k].trim().trim_end_matches(',').trim();
                let num = num
                    .strip_prefix("количества ")
                    .map_or(num.to_string(), |r| format!("количество {r}"));
                numerator = Some(num);
                let den = inner[k + sep.len()..].trim().trim_end_matches(',').trim();
                denominator = Some(if sep.contains("общему количеству") {
                    format!("общее количество {den}")
                } else if sep.contains("общему числу") {
                    format!("общее число {den}")
                } else {
                    format!("количество {den}")
                });
                break;
            }
        }
        let after = if inner_end < title.len() {
            title[inner_end + 1..].to_string()
        } else {
            String::new()
        };
        title = format!("{}{}", &title[..at], after);
    }
    let survey = title.to_lowercase().contains("опросн");
    title = title.replace("(опросный)", "").replace("(опросные)", "");
    let mut title = crate::office::clean(&title);
    let mut unit = String::new();
    for suffix in [", %", " %", ",%", "%"] {
        if let Some(rest) = title.strip_suffix(suffix) {
            title = rest.trim_end().trim_end_matches(',').to_string();
            unit = "%".to_string();
            break;
        }
    }
    let title = title.trim_end_matches(['.', ',', ';']).trim().to_string();
    let low = title.to_lowercase();
    let share = ["доля", "уровень", "процент", "удельный вес"]
        .iter()
        .any(|w| low.starts_with(w));
    let method = if survey {
        Method::Survey
    } else if unit == "%" || share {
        Method::Ratio
    } else if low.starts_with("количество") || low.starts_with("число") {
        Method::Count
    } else {
        Method::Value
    };
    if method.is_percent() {
        unit = "%".to_string();
    }
    Indicator {
        id: String::new(),
        title,
        unit,
        method,
        numerator,
        denominator,
        plan,
        facts: Vec::new(),
        direction: Direction::Up,
    }
}

/// An id from the first words of the title, unique in the file.
fn unique_id(title: &str, used: &mut Vec<String>) -> String {
    let words: Vec<&str> = title.split_whitespace().take(6).collect();
    let mut base = slugify(&words.join(" ")).replace('-', "_");
    if base.len() > 48 {
        base.truncate(48);
        base = base.trim_end_matches('_').to_string();
    }
    if base.is_empty() {
        base = "indicator".to_string();
    }
    let mut id = base.clone();
    let mut k = 2;
    while used.contains(&id) {
        id = format!("{base}_{k}");
        k += 1;
    }
    used.push(id.clone());
    id
}

fn method_name(m: Method) -> &'static str {
    match m {
        Method::Ratio => "ratio",
        Method::Survey => "survey",
        Method::Count => "count",
        Method::Value => "value",
    }
}

/// The YAML of `data/kpi.yaml`, with a comment saying where it came from.
pub fn to_yaml(indicators: &[Indicator], years: &[i32], source: &str, today: NaiveDate) -> String {
    let mut y = String::new();
    let _ = writeln!(
        y,
        "# Показатели перенесены из файла «{source}» командой nastavnik import kpi {}.",
        today.format("%d.%m.%Y")
    );
    y.push_str("# План (plan) — из таблицы. Факты впишите по данным мониторинга, например:\n");
    y.push_str("#     facts:\n#       - {period: 2024-05, numerator: 412, denominator: 640}\n");
    let ys: Vec<String> = years.iter().map(|y| y.to_string()).collect();
    let _ = writeln!(y, "years: [{}]", ys.join(", "));
    y.push_str("indicators:\n");
    for ind in indicators {
        let _ = writeln!(y, "  - id: {}", yaml_str(&ind.id));
        let _ = writeln!(y, "    title: {}", yaml_str(&ind.title));
        if !ind.unit.is_empty() {
            let _ = writeln!(y, "    unit: {}", yaml_str(&ind.unit));
        }
        let _ = writeln!(y, "    method: {}", method_name(ind.method));
        if let Some(n) = &ind.numerator {
            let _ = writeln!(y, "    numerator: {}", yaml_str(n));
        }
        if let Some(d) = &ind.denominator {
            let _ = writeln!(y, "    denominator: {}", yaml_str(d));
        }
        if !ind.plan.is_empty() {
            let plan: Vec<String> = ind.plan.iter().map(|(y, v)| format!("{y}: {v}")).collect();
            let _ = writeln!(y, "    plan: {{{}}}", plan.join(", "));
        }
        y.push('\n');
    }
    y
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures() {
        assert_eq!(figure("70"), Some(70.0));
        assert_eq!(figure("2,5"), Some(2.5));
        assert_eq!(figure("10 %"), Some(10.0));
        assert_eq!(figure("не менее 30"), Some(30.0));
        assert_eq!(figure("нет данных"), None);
        assert_eq!(figure("10-20"), None);
    }

    #[test]
    fn the_name_cell_gives_unit_method_and_formula() {
        let ind = indicator(
            "Доля детей и молодежи в возрасте от 10 до 19 лет, вошедших в программы наставничества в роли наставляемого, % (отношение количества детей и молодежи в возрасте от 10 до 19 лет, вошедших в программы наставничества в роли наставляемого, к общему количеству детей и молодежи в возрасте от 10 до 19 лет)",
            BTreeMap::new(),
        );
        assert_eq!(
            ind.title,
            "Доля детей и молодежи в возрасте от 10 до 19 лет, вошедших в программы наставничества в роли наставляемого"
        );
        assert_eq!(ind.unit, "%");
        assert_eq!(ind.method, Method::Ratio);
        assert_eq!(
            ind.numerator.as_deref(),
            Some("количество детей и молодежи в возрасте от 10 до 19 лет, вошедших в программы наставничества в роли наставляемого")
        );
        assert_eq!(
            ind.denominator.as_deref(),
            Some("общее количество детей и молодежи в возрасте от 10 до 19 лет")
        );
        let s = indicator(
            "Уровень удовлетворенности наставников участием в программах наставничества, % (опросный)",
            BTreeMap::new(),
        );
        assert_eq!(s.method, Method::Survey);
        assert_eq!(
            s.title,
            "Уровень удовлетворенности наставников участием в программах наставничества"
        );
        let c = indicator("Количество предприятий", BTreeMap::new());
        assert_eq!((c.method, c.unit.as_str()), (Method::Count, ""));
    }

    #[test]
    fn ids_are_unique_latin() {
        let mut used = Vec::new();
        let a = unique_id("Доля детей в возрасте от 10 до 19 лет", &mut used);
        let b = unique_id("Доля детей в возрасте от 10 до 19 лет", &mut used);
        assert_eq!(a, "dolya_detey_v_vozraste_ot_10");
        assert_eq!(b, "dolya_detey_v_vozraste_ot_10_2");
    }
}
