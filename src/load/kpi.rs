//! `data/kpi.yaml` → [`Kpi`]: read with unknown fields rejected, checked by
//! [`kpi::validate`], every problem pointed at its line.
//!
//! The YAML parser gives no positions for values it accepted, so a problem
//! found after parsing is located by counting keys: the i-th indicator is
//! the i-th `id:`, the j-th fact overall is the j-th `period:`, a plan's
//! year is the first `2024:` after that indicator's `plan:`.

use std::collections::BTreeMap;
use std::fmt;
use std::path::Path;

use serde::de::{self, Deserializer};
use serde::Deserialize;

use super::yaml;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::model::kpi::{
    self, Direction, Fact, Indicator, Kpi, KpiProblem, KpiProblemAt, Method, YearMonth,
};
use crate::text::source::Source;

/// Where the file lives in a site.
pub const PATH: &str = "data/kpi.yaml";

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct KpiFm {
    years: Option<Vec<i32>>,
    #[serde(default)]
    indicators: Vec<IndicatorFm>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct IndicatorFm {
    id: String,
    title: String,
    #[serde(default)]
    unit: String,
    method: Method,
    numerator: Option<String>,
    denominator: Option<String>,
    plan: Option<BTreeMap<i32, f64>>,
    #[serde(default)]
    facts: Vec<FactFm>,
    #[serde(default)]
    direction: Direction,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FactFm {
    period: Period,
    numerator: Option<f64>,
    denominator: Option<f64>,
    value: Option<f64>,
}

/// A monitoring period written as `YYYY-MM`, with a Russian error at its position.
struct Period(YearMonth);

impl<'de> Deserialize<'de> for Period {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl de::Visitor<'_> for V {
            type Value = Period;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("период ГГГГ-ММ")
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<Period, E> {
                YearMonth::parse(s.trim()).map(Period).ok_or_else(|| {
                    E::custom(format!(
                        "период «{s}» записан неверно | период мониторинга пишется как ГГГГ-ММ: год и номер месяца, например 2024-05"
                    ))
                })
            }
            fn visit_i64<E: de::Error>(self, n: i64) -> Result<Period, E> {
                self.visit_str(&n.to_string())
            }
            fn visit_u64<E: de::Error>(self, n: u64) -> Result<Period, E> {
                self.visit_str(&n.to_string())
            }
            fn visit_f64<E: de::Error>(self, n: f64) -> Result<Period, E> {
                self.visit_str(&n.to_string())
            }
        }
        d.deserialize_any(V)
    }
}

/// Loads `data/kpi.yaml` if the site has it. `None` when it is absent,
/// empty of indicators, or wrong (the problems go to `diags`).
pub fn load(root: &Path, diags: &Diagnostics) -> Option<Kpi> {
    let src = super::read_data(root, PATH, diags)?;
    match parse(&src) {
        Ok(Some(kpi)) => Some(kpi),
        Ok(None) => {
            diags.push(
                Diagnostic::warning(
                    &src.path,
                    1,
                    1,
                    "в файле нет ни одного показателя — страница «Показатели» не создана",
                )
                .hint(
                    "добавьте показатели в список indicators (образец — в docs/) или удалите файл",
                ),
            );
            None
        }
        Err(ds) => {
            diags.extend(ds);
            None
        }
    }
}

/// Parses and checks the text of `data/kpi.yaml`; `Ok(None)` when it lists no indicators.
pub fn parse(src: &Source) -> Result<Option<Kpi>, Vec<Diagnostic>> {
    let fm: KpiFm = yaml::parse(&src.yaml, &src.path, src.yaml_line).map_err(|d| vec![d])?;
    let has_plan: Vec<bool> = fm.indicators.iter().map(|i| i.plan.is_some()).collect();
    let indicators: Vec<Indicator> = fm.indicators.into_iter().map(indicator).collect();
    let at = Locator::new(src, &indicators, &has_plan);
    let mut problems = Vec::new();
    let written_years = fm.years.unwrap_or_default();
    problems.extend(check_years(src, &written_years));
    for (i, ind) in indicators.iter().enumerate() {
        problems.extend(check_names(src, &at, i, ind));
    }
    for p in kpi::validate(&indicators, &written_years) {
        problems.push(located(src, &at, p));
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    if indicators.is_empty() {
        return Ok(None);
    }
    let mut years = if written_years.is_empty() {
        kpi::years_of(&indicators)
    } else {
        written_years
    };
    years.sort_unstable();
    years.dedup();
    Ok(Some(Kpi { years, indicators }))
}

fn indicator(fm: IndicatorFm) -> Indicator {
    Indicator {
        id: fm.id.trim().to_string(),
        title: fm.title.trim().to_string(),
        unit: fm.unit.trim().to_string(),
        method: fm.method,
        numerator: fm.numerator,
        denominator: fm.denominator,
        plan: fm.plan.unwrap_or_default(),
        facts: fm
            .facts
            .into_iter()
            .map(|f| Fact {
                period: f.period.0,
                numerator: f.numerator,
                denominator: f.denominator,
                value: f.value,
            })
            .collect(),
        direction: fm.direction,
    }
}

fn check_years(src: &Source, years: &[i32]) -> Vec<Diagnostic> {
    years
        .iter()
        .filter(|y| !(1990..=2100).contains(*y))
        .map(|y| {
            let (line, col) = src.locate_value("years", &y.to_string());
            Diagnostic::error(
                &src.path,
                line,
                col,
                format!("неправдоподобный год {y} в списке years"),
            )
            .hint("укажите годы четырьмя цифрами, например years: [2020, 2021, 2022, 2023, 2024]")
        })
        .collect()
}

/// An id is an address part and a column of the exports: Latin letters, digits, `_` and `-`.
fn check_names(src: &Source, at: &Locator, i: usize, ind: &Indicator) -> Vec<Diagnostic> {
    let (line, col) = at.indicator(i);
    let mut out = Vec::new();
    let id_ok = !ind.id.is_empty()
        && ind
            .id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    if !id_ok {
        out.push(
            Diagnostic::error(
                &src.path,
                line,
                col,
                format!("id показателя «{}» записан неверно", ind.id),
            )
            .hint("id — латинские буквы, цифры, «_» и «-», например mentees_10_19"),
        );
    }
    if ind.title.is_empty() {
        out.push(
            Diagnostic::error(
                &src.path,
                line,
                col,
                format!("у показателя «{}» пустое название (title)", ind.id),
            )
            .hint("впишите название показателя так, как оно записано в приказе"),
        );
    }
    out
}

fn located(src: &Source, at: &Locator, p: KpiProblem) -> Diagnostic {
    let (line, col) = match p.at {
        KpiProblemAt::Indicator(i) => at.indicator(i),
        KpiProblemAt::Fact(i, j) => at.fact(i, j),
        KpiProblemAt::Plan(i, year) => at.plan(src, i, year),
    };
    Diagnostic::error(&src.path, line, col, p.message).hint(p.hint)
}

/// Positions of the keys that problems point at.
struct Locator {
    ids: Vec<(usize, usize)>,
    periods: Vec<(usize, usize)>,
    plans: Vec<(usize, usize)>,
    /// Index of the indicator's first fact among all facts.
    first_fact: Vec<usize>,
    /// Index of the indicator's `plan:` among all plans, if it has one.
    plan_of: Vec<Option<usize>>,
    /// Where to point when a key is not found: the `indicators:` line.
    fallback: (usize, usize),
}

impl Locator {
    fn new(src: &Source, indicators: &[Indicator], has_plan: &[bool]) -> Self {
        let mut first_fact = Vec::with_capacity(indicators.len());
        let mut total = 0;
        for ind in indicators {
            first_fact.push(total);
            total += ind.facts.len();
        }
        let mut plans = 0;
        let plan_of = has_plan
            .iter()
            .map(|&has| {
                has.then(|| {
                    plans += 1;
                    plans - 1
                })
            })
            .collect();
        Locator {
            ids: src.locate_keys("id"),
            periods: src.locate_keys("period"),
            plans: src.locate_keys("plan"),
            first_fact,
            plan_of,
            fallback: src.locate("indicators"),
        }
    }

    fn indicator(&self, i: usize) -> (usize, usize) {
        self.ids.get(i).copied().unwrap_or(self.fallback)
    }

    fn fact(&self, i: usize, j: usize) -> (usize, usize) {
        let k = self.first_fact.get(i).map(|f| f + j);
        k.and_then(|k| self.periods.get(k).copied())
            .unwrap_or_else(|| self.indicator(i))
    }

    /// The year's key after the indicator's `plan:` (`{2019: 10}` or a line `2019: 10`).
    fn plan(&self, src: &Source, i: usize, year: i32) -> (usize, usize) {
        let Some(plan) = self
            .plan_of
            .get(i)
            .copied()
            .flatten()
            .and_then(|k| self.plans.get(k).copied())
        else {
            return self.indicator(i);
        };
        src.locate_keys(&year.to_string())
            .into_iter()
            .find(|p| *p >= plan)
            .unwrap_or(plan)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn src(text: &str) -> Source {
        Source::from_text(Path::new(PATH), text)
    }

    const GOOD: &str = "years: [2023, 2024]
indicators:
  - id: mentees
    title: Доля наставляемых
    unit: \"%\"
    method: ratio
    plan: {2023: 50, 2024: 70}
    facts:
      - {period: 2024-05, numerator: 412, denominator: 640}
      - {period: 2024-12, value: 71.5}
  - id: partners
    title: Число партнёров
    unit: ед.
    method: count
    plan:
      2024: 3
    facts:
      - period: 2024-12
        value: 4
";

    #[test]
    fn a_good_file_loads() {
        let kpi = parse(&src(GOOD)).expect("valid").expect("indicators");
        assert_eq!(kpi.years, vec![2023, 2024]);
        assert_eq!(kpi.indicators.len(), 2);
        assert_eq!(kpi.indicators[0].facts[0].period.to_string(), "2024-05");
        assert_eq!(kpi.indicators[1].plan.get(&2024), Some(&3.0));
    }

    fn first_error(text: &str) -> Diagnostic {
        parse(&src(text)).expect_err("invalid").remove(0)
    }

    #[test]
    fn problems_point_at_their_lines() {
        let bad_fact = GOOD.replace(
            "numerator: 412, denominator: 640",
            "numerator: 700, denominator: 640",
        );
        let d = first_error(&bad_fact);
        assert_eq!((d.line, d.col), (9, 10), "{d}");
        assert!(
            d.message
                .contains("числитель (700) больше знаменателя (640)"),
            "{d}"
        );

        let second = GOOD.replace("value: 4", "value: -4");
        assert_eq!(first_error(&second).line, 18);

        let plan = GOOD.replace("2024: 3", "2025: 3");
        let d = first_error(&plan);
        assert_eq!((d.line, d.col), (16, 7), "{d}");
        assert!(d.message.contains("план на 2025 год"), "{d}");

        let flow_plan = GOOD.replace("{2023: 50, 2024: 70}", "{2023: 50, 2024: 170}");
        assert_eq!(first_error(&flow_plan).line, 7);
        assert_eq!(first_error(&flow_plan).col, 22);

        let dup = GOOD.replace("id: partners", "id: mentees");
        let d = first_error(&dup);
        assert_eq!((d.line, d.col), (11, 5), "{d}");
    }

    #[test]
    fn a_bad_period_is_located_by_the_parser() {
        let d = first_error(&GOOD.replace("period: 2024-12, value", "period: 2024-13, value"));
        assert_eq!(d.line, 10);
        assert!(
            d.message.contains("период «2024-13» записан неверно"),
            "{d}"
        );
        assert!(d.hint.is_some_and(|h| h.contains("ГГГГ-ММ")));
    }

    #[test]
    fn unknown_fields_and_methods_are_errors() {
        let d = first_error(&GOOD.replace("unit: ед.", "units: ед."));
        assert!(d.message.contains("неизвестное поле «units»"), "{d}");
        assert_eq!(d.line, 13);
        let d = first_error(&GOOD.replace("method: count", "method: sum"));
        assert!(d.hint.is_some_and(|h| h.contains("ratio")), "bad method");
    }

    #[test]
    fn bad_ids_and_years() {
        let d = first_error(&GOOD.replace("id: partners", "id: партнёры"));
        assert!(d.message.contains("id показателя «партнёры»"), "{d}");
        assert_eq!(d.line, 11);
        let d = first_error(&GOOD.replace("[2023, 2024]", "[2023, 2204]"));
        assert!(d.message.contains("неправдоподобный год 2204"), "{d}");
    }

    #[test]
    fn years_default_to_the_data() {
        let text = GOOD.replace("years: [2023, 2024]\n", "");
        let kpi = parse(&src(&text)).expect("valid").expect("indicators");
        assert_eq!(kpi.years, vec![2023, 2024]);
        assert!(parse(&src("indicators: []\n")).expect("valid").is_none());
    }

    /// Every truncation of a good file (cut anywhere, as an editor crash
    /// would) gives problems or a table, never a panic.
    #[test]
    fn never_panics_on_truncated_or_odd_files() {
        let mut cuts: Vec<String> = GOOD
            .char_indices()
            .map(|(i, _)| GOOD[..i].to_string())
            .collect();
        cuts.push(GOOD.replace("640", ".nan"));
        cuts.push(GOOD.replace("640", "-.inf"));
        cuts.push(GOOD.replace("2024-05", "\"\""));
        cuts.push(GOOD.replace("plan: {2023: 50, 2024: 70}", "plan: {99999999999: 1}"));
        cuts.push(GOOD.replace("id: mentees", "id: \"'\""));
        for text in cuts {
            let _ = parse(&src(&text));
        }
    }
}
