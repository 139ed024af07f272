//! KPI arithmetic in one place: the value of a monitoring fact, the fact of a
//! year, plan against fact, rounding for display, district sums, and the
//! checks on `data/kpi.yaml`.
//!
//! Pure: no I/O. Percentages are never averaged: a share is always computed
//! from summed numerators and denominators.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt;
use std::str::FromStr;

pub use crate::text::format::round1;

/// How an indicator's figure is obtained.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Method {
    /// numerator / denominator × 100.
    Ratio,
    /// satisfied / respondents × 100 (an opinion survey).
    Survey,
    /// A number of things (organizations, pairs).
    Count,
    /// Any other figure, reported as is.
    Value,
}

impl Method {
    /// Whether the figure is a share in percent.
    pub fn is_percent(self) -> bool {
        matches!(self, Method::Ratio | Method::Survey)
    }
}

/// Whether a higher or a lower figure is better.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    /// Higher is better: achieved when fact ≥ plan.
    #[default]
    Up,
    /// Lower is better: achieved when fact ≤ plan.
    Down,
}

/// A monitoring period, `YYYY-MM`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct YearMonth {
    /// The year.
    pub year: i32,
    /// The month, 1–12.
    pub month: u32,
}

impl YearMonth {
    /// A period, if the month is 1–12.
    pub fn new(year: i32, month: u32) -> Option<Self> {
        (1..=12)
            .contains(&month)
            .then_some(YearMonth { year, month })
    }

    /// Parses exactly `YYYY-MM` (four digits, a hyphen, two digits).
    pub fn parse(s: &str) -> Option<Self> {
        let (year, month) = s.split_once('-')?;
        let digits = |t: &str, n: usize| t.len() == n && t.bytes().all(|b| b.is_ascii_digit());
        if !digits(year, 4) || !digits(month, 2) {
            return None;
        }
        YearMonth::new(year.parse().ok()?, month.parse().ok()?)
    }
}

impl FromStr for YearMonth {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        YearMonth::parse(s).ok_or_else(|| {
            format!("период «{s}» не в формате ГГГГ-ММ: нужен год и месяц, например 2024-05")
        })
    }
}

impl fmt::Display for YearMonth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

impl Serialize for YearMonth {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for YearMonth {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

/// One monitoring figure of one indicator for one period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Fact {
    /// The monitoring period.
    pub period: YearMonth,
    /// E.g. the number of mentees.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub numerator: Option<f64>,
    /// E.g. the number of all pupils aged 10–19.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub denominator: Option<f64>,
    /// A figure reported as is (also a share, when the parts are unknown).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<f64>,
}

impl Fact {
    /// The figure of this fact, unrounded.
    ///
    /// Ratio and survey: numerator × 100 / denominator when both are given
    /// (none when the denominator is 0), else `value`. Count: `value`, else
    /// the numerator. Value: `value`. Never NaN or infinite.
    pub fn value(&self, method: Method) -> Option<f64> {
        let figure = match method {
            Method::Ratio | Method::Survey => match (self.numerator, self.denominator) {
                // Multiplying first keeps integer inputs exact until the one
                // division, so 7 of 10 is exactly 70 and round1 sees the true
                // decimal.
                (Some(n), Some(d)) => (d != 0.0).then(|| n * 100.0 / d),
                _ => self.value,
            },
            Method::Count => self.value.or(self.numerator),
            Method::Value => self.value,
        };
        figure.filter(|v| v.is_finite())
    }
}

/// A KPI (показатель эффективности) with its plan and monitoring facts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Indicator {
    /// Stable identifier, unique in the file.
    pub id: String,
    /// The indicator's name as the order words it.
    pub title: String,
    /// «%», «чел.», «ед.»; may be empty.
    #[serde(default)]
    pub unit: String,
    /// How the figure is obtained.
    pub method: Method,
    /// What the numerator counts, in words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub numerator: Option<String>,
    /// What the denominator counts, in words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub denominator: Option<String>,
    /// The planned figure by year.
    #[serde(default)]
    pub plan: BTreeMap<i32, f64>,
    /// Monitoring facts, in any order.
    #[serde(default)]
    pub facts: Vec<Fact>,
    /// Whether higher or lower is better.
    #[serde(default)]
    pub direction: Direction,
}

impl Indicator {
    /// Whether the figure is a share in percent (by method or by unit).
    pub fn is_percent(&self) -> bool {
        self.method.is_percent() || self.unit.trim() == "%"
    }
}

/// `data/kpi.yaml`: the years it covers and its indicators, in file order.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Kpi {
    /// The years of the table, ascending.
    pub years: Vec<i32>,
    /// The indicators as the file lists them.
    pub indicators: Vec<Indicator>,
}

impl Kpi {
    /// The year a summary shows on `today_year`: that year if the table has
    /// it, else the latest earlier year; before the first year, the first.
    pub fn current_year(&self, today_year: i32) -> Option<i32> {
        let earlier = self
            .years
            .iter()
            .copied()
            .filter(|y| *y <= today_year)
            .max();
        earlier.or_else(|| self.years.iter().copied().min())
    }
}

/// The years a file covers when it does not list them: every plan and fact year, ascending.
pub fn years_of(indicators: &[Indicator]) -> Vec<i32> {
    let years: BTreeSet<i32> = indicators
        .iter()
        .flat_map(|ind| {
            ind.plan
                .keys()
                .copied()
                .chain(ind.facts.iter().map(|f| f.period.year))
        })
        .collect();
    years.into_iter().collect()
}

/// Plan against fact for one year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum KpiStatus {
    /// The fact reaches the plan.
    Achieved,
    /// The fact falls short of the plan.
    NotAchieved,
    /// No plan or no fact for the year.
    NoData,
}

impl KpiStatus {
    /// The Russian label shown on the KPI page.
    pub fn label(self) -> &'static str {
        match self {
            KpiStatus::Achieved => "достигнут",
            KpiStatus::NotAchieved => "не достигнут",
            KpiStatus::NoData => "нет данных",
        }
    }
}

/// The figures of one indicator for one year, unrounded.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct YearFigures {
    /// The plan for the year.
    pub plan: Option<f64>,
    /// The figure of the year's latest fact.
    pub fact: Option<f64>,
    /// fact − plan.
    pub deviation: Option<f64>,
    /// Plan against fact.
    pub status: KpiStatus,
}

/// The fact of a year: the one with the latest period of that year (the
/// last listed, if a period is repeated).
pub fn fact_of_year(ind: &Indicator, year: i32) -> Option<&Fact> {
    ind.facts
        .iter()
        .filter(|f| f.period.year == year)
        .max_by_key(|f| f.period)
}

/// Plan, fact, deviation and status of an indicator for a year.
///
/// The status compares the figures as they are published, rounded to one
/// decimal, so that a page never shows «70,0» against a plan of 70 as not
/// achieved.
pub fn year_figures(ind: &Indicator, year: i32) -> YearFigures {
    let plan = ind.plan.get(&year).copied();
    let fact = fact_of_year(ind, year).and_then(|f| f.value(ind.method));
    compare(plan, fact, ind.direction)
}

/// Plan against fact: the deviation and the status, compared as published
/// (rounded to one decimal).
pub fn compare(plan: Option<f64>, fact: Option<f64>, direction: Direction) -> YearFigures {
    let plan = plan.filter(|p| p.is_finite());
    let fact = fact.filter(|f| f.is_finite());
    let (deviation, status) = match (plan, fact) {
        (Some(plan), Some(fact)) => {
            let (f, p) = (round1(fact), round1(plan));
            let achieved = match direction {
                Direction::Up => f >= p,
                Direction::Down => f <= p,
            };
            let status = if achieved {
                KpiStatus::Achieved
            } else {
                KpiStatus::NotAchieved
            };
            (Some(fact - plan), status)
        }
        _ => (None, KpiStatus::NoData),
    };
    YearFigures {
        plan,
        fact,
        deviation,
        status,
    }
}

/// District figures from the sources' facts of one indicator.
///
/// Ratio and survey: numerators and denominators are summed, never the
/// percentages; if a contributing source gives only a percentage, the sum
/// is unknown and the period has no numerator, denominator or value. Count
/// and value: the figures are summed.
///
/// For each period that any source reports, every source contributes its
/// latest fact of the same year up to that period, so that the district's
/// fact of a year (its latest period) is the sum of each source's fact of
/// that year even when the sources report in different months.
pub fn aggregate(method: Method, sources: &[&[Fact]]) -> Vec<Fact> {
    let periods: BTreeSet<YearMonth> = sources
        .iter()
        .flat_map(|facts| facts.iter().map(|f| f.period))
        .collect();
    periods
        .into_iter()
        .map(|period| {
            let latest: Vec<&Fact> = sources
                .iter()
                .filter_map(|facts| {
                    facts
                        .iter()
                        .filter(|f| f.period.year == period.year && f.period <= period)
                        .max_by_key(|f| f.period)
                })
                .collect();
            sum_facts(method, period, &latest)
        })
        .collect()
}

fn sum_facts(method: Method, period: YearMonth, facts: &[&Fact]) -> Fact {
    let mut sum = Fact {
        period,
        numerator: None,
        denominator: None,
        value: None,
    };
    if method.is_percent() {
        let parts: Option<Vec<(f64, f64)>> = facts
            .iter()
            .map(|f| Some((f.numerator?, f.denominator?)))
            .collect();
        if let Some(parts) = parts {
            sum.numerator = Some(parts.iter().map(|(n, _)| n).sum());
            sum.denominator = Some(parts.iter().map(|(_, d)| d).sum());
        }
    } else {
        let values: Option<Vec<f64>> = facts.iter().map(|f| f.value(method)).collect();
        sum.value = values.map(|v| v.iter().sum());
    }
    sum
}

/// Where in `data/kpi.yaml` a problem is: indices into the indicator list
/// and its facts, or a plan's year, so that the caller can point at a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum KpiProblemAt {
    /// The indicator (by index).
    Indicator(usize),
    /// A fact (indicator index, fact index).
    Fact(usize, usize),
    /// A plan entry (indicator index, year).
    Plan(usize, i32),
}

/// What is wrong.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum KpiProblemKind {
    /// Two indicators share an id.
    DuplicateId,
    /// The numerator exceeds the denominator.
    NumeratorAboveDenominator,
    /// The denominator is 0.
    ZeroDenominator,
    /// A negative numerator, denominator, value or plan.
    Negative,
    /// NaN or infinity.
    NotFinite,
    /// A percentage outside 0–100.
    PercentOutOfRange,
    /// `value` disagrees with numerator / denominator.
    ValueMismatch,
    /// A fact from which no figure follows.
    MissingValue,
    /// Two facts for the same period.
    DuplicatePeriod,
    /// A fact's year is not among `years`.
    PeriodOutsideYears,
    /// A plan's year is not among `years`.
    PlanYearOutsideYears,
}

/// One problem in the KPI data, in Russian.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct KpiProblem {
    /// Where it is.
    pub at: KpiProblemAt,
    /// What sort of problem it is.
    pub kind: KpiProblemKind,
    /// What is wrong.
    pub message: String,
    /// How to fix it.
    pub hint: String,
}

/// Checks indicators against each other and against the file's `years`
/// (an empty `years` skips the year checks). Every problem is returned;
/// none stops the others.
pub fn validate(indicators: &[Indicator], years: &[i32]) -> Vec<KpiProblem> {
    let mut problems = Vec::new();
    let mut ids: HashMap<&str, usize> = HashMap::new();
    for (i, ind) in indicators.iter().enumerate() {
        if let Some(first) = ids.get(ind.id.as_str()) {
            problems.push(KpiProblem {
                at: KpiProblemAt::Indicator(i),
                kind: KpiProblemKind::DuplicateId,
                message: format!(
                    "показатель с id «{}» уже описан выше (показатель № {})",
                    ind.id,
                    first + 1
                ),
                hint: "Дайте показателям разные id: по id строятся адреса и выгрузки.".to_string(),
            });
        } else {
            ids.insert(&ind.id, i);
        }
        validate_plan(i, ind, years, &mut problems);
        let mut seen = BTreeSet::new();
        for (j, fact) in ind.facts.iter().enumerate() {
            if !seen.insert(fact.period) {
                problems.push(KpiProblem {
                    at: KpiProblemAt::Fact(i, j),
                    kind: KpiProblemKind::DuplicatePeriod,
                    message: format!(
                        "показатель «{}»: период {} указан дважды",
                        ind.id, fact.period
                    ),
                    hint: "Оставьте одну запись за период: фактом года считается последний период года.".to_string(),
                });
            }
            validate_fact(i, j, ind, fact, years, &mut problems);
        }
    }
    problems
}

fn years_list(years: &[i32]) -> String {
    years
        .iter()
        .map(|y| y.to_string())
        .collect::<Vec<_>>()
        .join(", ")
}

fn validate_plan(i: usize, ind: &Indicator, years: &[i32], problems: &mut Vec<KpiProblem>) {
    for (&year, &plan) in &ind.plan {
        let at = KpiProblemAt::Plan(i, year);
        let mut push = |kind, message: String, hint: &str| {
            problems.push(KpiProblem {
                at,
                kind,
                message,
                hint: hint.to_string(),
            })
        };
        let id = &ind.id;
        if !years.is_empty() && !years.contains(&year) {
            push(
                KpiProblemKind::PlanYearOutsideYears,
                format!(
                    "показатель «{id}»: план на {year} год, а в years указаны {}",
                    years_list(years)
                ),
                "Добавьте год в years или исправьте год плана.",
            );
        }
        if !plan.is_finite() {
            push(
                KpiProblemKind::NotFinite,
                format!("показатель «{id}»: план на {year} год не число"),
                "Укажите план числом, например 70.",
            );
        } else if plan < 0.0 {
            push(
                KpiProblemKind::Negative,
                format!(
                    "показатель «{id}»: план на {year} год меньше нуля ({})",
                    number(plan)
                ),
                "Проверьте знак.",
            );
        } else if ind.is_percent() && plan > 100.0 {
            push(
                KpiProblemKind::PercentOutOfRange,
                format!(
                    "показатель «{id}»: план на {year} год {} % — больше 100 %",
                    number(plan)
                ),
                "Доля в процентах лежит между 0 и 100: проверьте опечатку.",
            );
        }
    }
}

fn validate_fact(
    i: usize,
    j: usize,
    ind: &Indicator,
    fact: &Fact,
    years: &[i32],
    problems: &mut Vec<KpiProblem>,
) {
    let at = KpiProblemAt::Fact(i, j);
    let where_ = format!("показатель «{}», период {}", ind.id, fact.period);
    let mut push = |kind, message: String, hint: &str| {
        problems.push(KpiProblem {
            at,
            kind,
            message,
            hint: hint.to_string(),
        })
    };
    if !years.is_empty() && !years.contains(&fact.period.year) {
        push(
            KpiProblemKind::PeriodOutsideYears,
            format!(
                "{where_}: год {} не входит в years ({})",
                fact.period.year,
                years_list(years)
            ),
            "Добавьте год в years или исправьте период (формат ГГГГ-ММ).",
        );
    }

    let numbers = [
        ("числитель", fact.numerator),
        ("знаменатель", fact.denominator),
        ("значение", fact.value),
    ];
    let mut numbers_ok = true;
    for (name, n) in numbers {
        match n {
            Some(n) if !n.is_finite() => {
                numbers_ok = false;
                push(
                    KpiProblemKind::NotFinite,
                    format!("{where_}: {name} не число"),
                    "Укажите число, например 412.",
                );
            }
            Some(n) if n < 0.0 => {
                numbers_ok = false;
                push(
                    KpiProblemKind::Negative,
                    format!("{where_}: {name} меньше нуля ({})", number(n)),
                    "Проверьте знак.",
                );
            }
            _ => {}
        }
    }
    if !numbers_ok {
        return;
    }

    if ind.method.is_percent() {
        match (fact.numerator, fact.denominator) {
            (_, Some(0.0)) => {
                push(
                    KpiProblemKind::ZeroDenominator,
                    format!("{where_}: знаменатель равен 0 — долю посчитать нельзя"),
                    "Укажите знаменатель (общее количество) больше нуля или уберите запись за этот период.",
                );
                return;
            }
            (Some(n), Some(d)) if n > d => {
                push(
                    KpiProblemKind::NumeratorAboveDenominator,
                    format!(
                        "{where_}: числитель ({}) больше знаменателя ({})",
                        number(n),
                        number(d)
                    ),
                    "Числитель — часть знаменателя: проверьте, не перепутаны ли numerator и denominator.",
                );
                return;
            }
            (Some(n), Some(d)) => {
                let computed = n * 100.0 / d;
                let disagrees = fact.value.filter(|v| (computed - v).abs() > 0.05 + 1e-9);
                if let Some(v) = disagrees {
                    let message = format!(
                        "{where_}: value ({}) не совпадает с numerator / denominator × 100 ({})",
                        number(v),
                        number(round1(computed))
                    );
                    let hint = "Уберите value: программа посчитает долю сама.";
                    push(KpiProblemKind::ValueMismatch, message, hint);
                }
            }
            (Some(_), None) | (None, Some(_)) if fact.value.is_none() => {
                push(
                    KpiProblemKind::MissingValue,
                    format!("{where_}: указан только числитель или только знаменатель"),
                    "Укажите и numerator, и denominator (или value — готовую долю в процентах).",
                );
                return;
            }
            _ => {}
        }
    }

    match fact.value(ind.method) {
        None => push(
            KpiProblemKind::MissingValue,
            format!("{where_}: нет значения"),
            match ind.method {
                Method::Ratio | Method::Survey => {
                    "Укажите numerator и denominator (или value — готовую долю в процентах)."
                }
                Method::Count => "Укажите value (или numerator) — количество.",
                Method::Value => "Укажите value.",
            },
        ),
        Some(v) if ind.is_percent() && !(0.0..=100.0).contains(&v) => push(
            KpiProblemKind::PercentOutOfRange,
            format!("{where_}: доля {} % вне пределов 0–100 %", number(v)),
            "Проверьте значение: доля в процентах лежит между 0 и 100.",
        ),
        Some(_) => {}
    }
}

/// A number for a message: no «.0» on whole numbers, a decimal comma.
fn number(x: f64) -> String {
    format!("{x}").replace('.', ",")
}

/// The formula of an indicator in words, for the KPI page, e.g.
/// «количество детей … / общее количество детей … × 100 %».
pub fn formula_text(ind: &Indicator) -> String {
    let text = |t: &Option<String>, default: &str| -> String {
        t.as_deref()
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .unwrap_or(default)
            .to_string()
    };
    match ind.method {
        Method::Ratio => format!(
            "{} / {} × 100 %",
            text(&ind.numerator, "числитель"),
            text(&ind.denominator, "знаменатель")
        ),
        Method::Survey => format!(
            "{} / {} × 100 % (опрос)",
            text(&ind.numerator, "количество удовлетворённых участников"),
            text(&ind.denominator, "количество опрошенных участников")
        ),
        Method::Count => text(&ind.numerator, "количество по данным мониторинга"),
        Method::Value => text(&ind.numerator, "значение по данным мониторинга"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ym(s: &str) -> YearMonth {
        YearMonth::parse(s).expect("test period")
    }

    fn ratio(period: &str, n: f64, d: f64) -> Fact {
        Fact {
            period: ym(period),
            numerator: Some(n),
            denominator: Some(d),
            value: None,
        }
    }

    fn valued(period: &str, v: f64) -> Fact {
        Fact {
            period: ym(period),
            numerator: None,
            denominator: None,
            value: Some(v),
        }
    }

    fn indicator(method: Method, plan: &[(i32, f64)], facts: Vec<Fact>) -> Indicator {
        Indicator {
            id: "mentees_10_19".to_string(),
            title: "Доля детей в возрасте от 10 до 19 лет".to_string(),
            unit: if method.is_percent() { "%" } else { "ед." }.to_string(),
            method,
            numerator: None,
            denominator: None,
            plan: plan.iter().copied().collect(),
            facts,
            direction: Direction::Up,
        }
    }

    #[test]
    fn year_month_parse_and_display() {
        assert_eq!(
            ym("2024-05"),
            YearMonth {
                year: 2024,
                month: 5
            }
        );
        assert_eq!(ym("2024-12").to_string(), "2024-12");
        for bad in [
            "2024-5",
            "2024-13",
            "2024-00",
            "24-05",
            "2024/05",
            "2024-05-01",
            "",
            "-",
            "２０２４-05",
        ] {
            assert_eq!(YearMonth::parse(bad), None, "{bad}");
        }
        let err = "2024-5".parse::<YearMonth>().expect_err("bad period");
        assert!(err.contains("ГГГГ-ММ"), "{err}");
        assert!(ym("2023-12") < ym("2024-01"));
        assert!(ym("2024-02") < ym("2024-10"));
    }

    #[test]
    fn serde_shapes() {
        let fact = ratio("2024-05", 412.0, 640.0);
        let json = serde_json::to_string(&fact).expect("json");
        assert_eq!(
            json,
            r#"{"period":"2024-05","numerator":412.0,"denominator":640.0}"#
        );
        let back: Fact =
            serde_json::from_str(r#"{"period":"2024-12","value":71.5}"#).expect("fact");
        assert_eq!(back, valued("2024-12", 71.5));
        assert!(serde_json::from_str::<Fact>(r#"{"period":"2024-13","value":1}"#).is_err());
        assert!(serde_json::from_str::<Fact>(r#"{"period":"2024-12","valeu":1}"#).is_err());

        let ind: Indicator = serde_json::from_str(
            r#"{"id":"x","title":"X","unit":"%","method":"survey","plan":{"2024":85},
                "facts":[{"period":"2024-05","numerator":1,"denominator":2}]}"#,
        )
        .expect("indicator");
        assert_eq!(ind.method, Method::Survey);
        assert_eq!(ind.direction, Direction::Up);
        assert_eq!(ind.plan.get(&2024), Some(&85.0));

        assert_eq!(
            serde_json::to_string(&Method::Ratio).expect("json"),
            r#""ratio""#
        );
        assert_eq!(
            serde_json::to_string(&Direction::Down).expect("json"),
            r#""down""#
        );
        assert_eq!(
            serde_json::to_string(&KpiStatus::NotAchieved).expect("json"),
            r#""not_achieved""#
        );
        assert_eq!(
            serde_json::to_string(&KpiStatus::NoData).expect("json"),
            r#""no_data""#
        );
        assert_eq!(KpiStatus::NotAchieved.label(), "не достигнут");
    }

    #[test]
    fn fact_values() {
        let f = ratio("2024-05", 412.0, 640.0);
        assert_eq!(f.value(Method::Ratio), Some(64.375));
        assert_eq!(f.value(Method::Survey), Some(64.375));
        assert_eq!(ratio("2024-05", 7.0, 10.0).value(Method::Ratio), Some(70.0));
        // Zero denominator: no figure, not a fallback to value.
        let zero = Fact {
            value: Some(5.0),
            ..ratio("2024-05", 0.0, 0.0)
        };
        assert_eq!(zero.value(Method::Ratio), None);
        // A ratio given as a ready percentage.
        assert_eq!(valued("2024-12", 71.5).value(Method::Ratio), Some(71.5));
        // Count: value, else numerator.
        assert_eq!(valued("2024-12", 3.0).value(Method::Count), Some(3.0));
        let counted = Fact {
            numerator: Some(4.0),
            ..valued("2024-12", 3.0)
        };
        assert_eq!(counted.value(Method::Count), Some(3.0));
        let only_numerator = Fact {
            value: None,
            ..counted.clone()
        };
        assert_eq!(only_numerator.value(Method::Count), Some(4.0));
        assert_eq!(only_numerator.value(Method::Value), None);
        assert_eq!(valued("2024-12", f64::NAN).value(Method::Value), None);
    }

    #[test]
    fn round1_is_decimal_half_away_from_zero() {
        let cases = [
            (64.45, 64.5),
            (0.05, 0.1),
            (2.675, 2.7),
            (1.15, 1.2),
            (4.35, 4.4),
            (1.005, 1.0),
            (64.375, 64.4),
            (64.44999, 64.4),
            (9.95, 10.0),
            (99.95, 100.0),
            (0.04, 0.0),
            (70.0, 70.0),
            (0.0, 0.0),
            (-1.15, -1.2),
            (-0.05, -0.1),
            (-2.25, -2.3),
            (1e-7, 0.0),
            (123456789.05, 123456789.1),
            (33.333333333333336, 33.3),
        ];
        for (x, expected) in cases {
            assert_eq!(round1(x), expected, "round1({x})");
        }
        assert!(round1(-0.04).is_sign_positive(), "no negative zero");
        assert_eq!(round1(1e300), 1e300);
        assert!(round1(f64::NAN).is_nan());
        assert_eq!(round1(f64::INFINITY), f64::INFINITY);
        assert_eq!(round1(f64::MAX), f64::MAX);
        assert_eq!(round1(f64::MIN_POSITIVE), 0.0);
        // Computed shares: 23 of 80 is exactly 28.75 → 28.8, although
        // 23 / 80 * 100 in floating point is 28.749999999999996.
        assert_eq!(23.0f64 / 80.0 * 100.0, 28.749999999999996);
        let share = ratio("2024-05", 23.0, 80.0).value(Method::Ratio);
        assert_eq!(share.map(round1), Some(28.8));
        // 29 of 45 is 64.444… → 64.4; 1289 of 2000 is 64.45 → 64.5.
        assert_eq!(
            round1(
                ratio("2024-05", 29.0, 45.0)
                    .value(Method::Ratio)
                    .unwrap_or(0.0)
            ),
            64.4
        );
        assert_eq!(
            round1(
                ratio("2024-05", 1289.0, 2000.0)
                    .value(Method::Ratio)
                    .unwrap_or(0.0)
            ),
            64.5
        );
    }

    #[test]
    fn fact_of_year_is_the_latest_period() {
        let ind = indicator(
            Method::Ratio,
            &[(2024, 70.0)],
            vec![
                valued("2024-12", 71.5),
                ratio("2024-05", 412.0, 640.0),
                valued("2023-12", 50.0),
                valued("2025-01", 1.0),
            ],
        );
        assert_eq!(
            fact_of_year(&ind, 2024).map(|f| f.period),
            Some(ym("2024-12"))
        );
        assert_eq!(
            fact_of_year(&ind, 2023).map(|f| f.period),
            Some(ym("2023-12"))
        );
        assert_eq!(fact_of_year(&ind, 2022), None);
        let fig = year_figures(&ind, 2024);
        assert_eq!(fig.fact, Some(71.5));
        assert_eq!(fig.plan, Some(70.0));
        assert_eq!(fig.deviation, Some(1.5));
        assert_eq!(fig.status, KpiStatus::Achieved);

        // Repeated period: the last listed wins.
        let dup = indicator(
            Method::Value,
            &[],
            vec![valued("2024-05", 1.0), valued("2024-05", 2.0)],
        );
        assert_eq!(fact_of_year(&dup, 2024).and_then(|f| f.value), Some(2.0));
    }

    #[test]
    fn year_figures_statuses() {
        let ind = indicator(
            Method::Ratio,
            &[(2023, 50.0), (2024, 70.0), (2025, 80.0)],
            vec![ratio("2024-05", 412.0, 640.0), ratio("2023-12", 1.0, 2.0)],
        );
        let fig = year_figures(&ind, 2024);
        assert_eq!(fig.fact, Some(64.375));
        assert_eq!(fig.deviation, Some(64.375 - 70.0));
        assert_eq!(fig.status, KpiStatus::NotAchieved);
        // Exactly the plan is achieved.
        assert_eq!(year_figures(&ind, 2023).status, KpiStatus::Achieved);
        // Plan without fact; fact without plan.
        let no_fact = year_figures(&ind, 2025);
        assert_eq!(no_fact.status, KpiStatus::NoData);
        assert_eq!(no_fact.plan, Some(80.0));
        assert_eq!(no_fact.fact, None);
        assert_eq!(no_fact.deviation, None);
        let no_plan = indicator(Method::Ratio, &[], vec![ratio("2024-05", 1.0, 2.0)]);
        let fig = year_figures(&no_plan, 2024);
        assert_eq!(
            (fig.status, fig.fact, fig.plan),
            (KpiStatus::NoData, Some(50.0), None)
        );
        // A latest fact with no figure gives no data.
        let empty = indicator(
            Method::Ratio,
            &[(2024, 10.0)],
            vec![
                ratio("2024-05", 1.0, 2.0),
                Fact {
                    period: ym("2024-12"),
                    numerator: None,
                    denominator: None,
                    value: None,
                },
            ],
        );
        assert_eq!(year_figures(&empty, 2024).status, KpiStatus::NoData);
        // Compared as published: 69.96 shows as 70,0 and meets a plan of 70.
        let close = indicator(
            Method::Value,
            &[(2024, 70.0)],
            vec![valued("2024-12", 69.96)],
        );
        assert_eq!(year_figures(&close, 2024).status, KpiStatus::Achieved);
        let short = indicator(
            Method::Value,
            &[(2024, 70.0)],
            vec![valued("2024-12", 69.94)],
        );
        assert_eq!(year_figures(&short, 2024).status, KpiStatus::NotAchieved);
    }

    #[test]
    fn direction_down_means_lower_is_better() {
        let mut ind = indicator(Method::Value, &[(2024, 10.0)], vec![valued("2024-12", 8.0)]);
        ind.direction = Direction::Down;
        assert_eq!(year_figures(&ind, 2024).status, KpiStatus::Achieved);
        assert_eq!(year_figures(&ind, 2024).deviation, Some(-2.0));
        ind.facts = vec![valued("2024-12", 10.0)];
        assert_eq!(year_figures(&ind, 2024).status, KpiStatus::Achieved);
        ind.facts = vec![valued("2024-12", 12.0)];
        assert_eq!(year_figures(&ind, 2024).status, KpiStatus::NotAchieved);
        ind.direction = Direction::Up;
        assert_eq!(year_figures(&ind, 2024).status, KpiStatus::Achieved);
    }

    #[test]
    fn aggregation_sums_parts_never_averages_percentages() {
        let a = [ratio("2024-05", 1.0, 4.0)];
        let b = [ratio("2024-05", 3.0, 4.0)];
        let sum = aggregate(Method::Ratio, &[&a, &b]);
        assert_eq!(sum, vec![ratio("2024-05", 4.0, 8.0)]);
        assert_eq!(sum[0].value(Method::Ratio), Some(50.0));

        // Unequal sizes: 10 of 100 and 90 of 100 → 50 %; 1 of 10 and 90 of
        // 100 → 91 of 110 (82.7 %), not the 50.5 % an average would give.
        let small = [ratio("2024-05", 1.0, 10.0)];
        let big = [ratio("2024-05", 90.0, 100.0)];
        let sum = aggregate(Method::Survey, &[&small, &big]);
        assert_eq!(round1(sum[0].value(Method::Survey).unwrap_or(0.0)), 82.7);
    }

    #[test]
    fn aggregation_carries_each_sources_latest_fact_within_the_year() {
        let a = [
            ratio("2024-05", 10.0, 100.0),
            ratio("2024-12", 20.0, 100.0),
            ratio("2023-12", 5.0, 100.0),
        ];
        let b = [ratio("2024-05", 30.0, 50.0)];
        let sum = aggregate(Method::Ratio, &[&a, &b]);
        assert_eq!(
            sum,
            vec![
                ratio("2023-12", 5.0, 100.0),
                ratio("2024-05", 40.0, 150.0),
                // B's May figure still counts in December.
                ratio("2024-12", 50.0, 150.0),
            ]
        );
        let district = indicator(Method::Ratio, &[(2024, 30.0)], sum);
        assert_eq!(
            year_figures(&district, 2024).fact,
            Some(50.0 * 100.0 / 150.0)
        );
    }

    #[test]
    fn aggregation_of_counts_and_gaps() {
        let a = [valued("2024-12", 3.0)];
        // A count may be given as the numerator.
        let b = [Fact {
            period: ym("2024-12"),
            numerator: Some(2.0),
            denominator: None,
            value: None,
        }];
        let sum = aggregate(Method::Count, &[&a, &b]);
        assert_eq!(sum, vec![valued("2024-12", 5.0)]);

        // A source that gives a ratio only as a percentage cannot be summed.
        let parts = [ratio("2024-12", 1.0, 4.0)];
        let percent = [valued("2024-12", 75.0)];
        let sum = aggregate(Method::Ratio, &[&parts, &percent]);
        assert_eq!(sum.len(), 1);
        assert_eq!(sum[0].value(Method::Ratio), None);

        assert!(aggregate(Method::Ratio, &[]).is_empty());
        assert!(aggregate(Method::Ratio, &[&[], &[]]).is_empty());
    }

    fn kinds(problems: &[KpiProblem]) -> Vec<(KpiProblemAt, KpiProblemKind)> {
        problems.iter().map(|p| (p.at, p.kind)).collect()
    }

    #[test]
    fn a_clean_file_has_no_problems() {
        let ind = indicator(
            Method::Ratio,
            &[(2024, 70.0)],
            vec![
                Fact {
                    value: Some(64.4),
                    ..ratio("2024-05", 412.0, 640.0)
                },
                valued("2024-12", 71.5),
                ratio("2024-11", 0.0, 10.0),
                ratio("2024-10", 10.0, 10.0),
            ],
        );
        assert_eq!(validate(&[ind], &[2024]), vec![]);
    }

    #[test]
    fn validation_rules() {
        use KpiProblemAt as At;
        use KpiProblemKind as K;
        let ratio_ind = indicator(
            Method::Ratio,
            &[(2019, 10.0), (2024, 120.0)],
            vec![
                ratio("2024-05", 500.0, 400.0),
                ratio("2024-06", 1.0, 0.0),
                valued("2024-07", 101.0),
                ratio("2030-01", 1.0, 2.0),
                Fact {
                    value: Some(60.0),
                    ..ratio("2024-08", 1.0, 2.0)
                },
                Fact {
                    period: ym("2024-09"),
                    numerator: Some(1.0),
                    denominator: None,
                    value: None,
                },
                ratio("2024-10", -1.0, 2.0),
                ratio("2024-10", 1.0, 2.0),
            ],
        );
        let mut dup = indicator(
            Method::Count,
            &[(2024, -1.0)],
            vec![
                Fact {
                    period: ym("2024-12"),
                    numerator: None,
                    denominator: None,
                    value: None,
                },
                valued("2024-11", f64::INFINITY),
            ],
        );
        dup.unit = "%".to_string();
        dup.facts.push(valued("2024-10", 150.0));
        let problems = validate(&[ratio_ind, dup], &[2020, 2021, 2022, 2023, 2024]);
        assert_eq!(
            kinds(&problems),
            vec![
                (At::Plan(0, 2019), K::PlanYearOutsideYears),
                (At::Plan(0, 2024), K::PercentOutOfRange),
                (At::Fact(0, 0), K::NumeratorAboveDenominator),
                (At::Fact(0, 1), K::ZeroDenominator),
                (At::Fact(0, 2), K::PercentOutOfRange),
                (At::Fact(0, 3), K::PeriodOutsideYears),
                (At::Fact(0, 4), K::ValueMismatch),
                (At::Fact(0, 5), K::MissingValue),
                (At::Fact(0, 6), K::Negative),
                (At::Fact(0, 7), K::DuplicatePeriod),
                (At::Indicator(1), K::DuplicateId),
                (At::Plan(1, 2024), K::Negative),
                (At::Fact(1, 0), K::MissingValue),
                (At::Fact(1, 1), K::NotFinite),
                (At::Fact(1, 2), K::PercentOutOfRange),
            ]
        );
        let message = |at: At| {
            problems
                .iter()
                .find(|p| p.at == at)
                .map(|p| (p.message.as_str(), p.hint.as_str()))
                .unwrap_or_default()
        };
        assert_eq!(
            message(At::Fact(0, 0)).0,
            "показатель «mentees_10_19», период 2024-05: числитель (500) больше знаменателя (400)"
        );
        assert!(message(At::Fact(0, 0)).1.contains("numerator"));
        assert_eq!(
            message(At::Fact(0, 1)).0,
            "показатель «mentees_10_19», период 2024-06: знаменатель равен 0 — долю посчитать нельзя"
        );
        assert_eq!(
            message(At::Plan(0, 2019)).0,
            "показатель «mentees_10_19»: план на 2019 год, а в years указаны 2020, 2021, 2022, 2023, 2024"
        );
        assert_eq!(
            message(At::Indicator(1)).0,
            "показатель с id «mentees_10_19» уже описан выше (показатель № 1)"
        );
        assert_eq!(
            message(At::Fact(0, 2)).0,
            "показатель «mentees_10_19», период 2024-07: доля 101 % вне пределов 0–100 %"
        );
        assert_eq!(
            message(At::Fact(0, 4)).0,
            "показатель «mentees_10_19», период 2024-08: value (60) не совпадает с numerator / denominator × 100 (50)"
        );
        for p in &problems {
            assert!(!p.hint.is_empty(), "{p:?}");
        }
    }

    #[test]
    fn empty_years_skip_year_checks() {
        let ind = indicator(
            Method::Ratio,
            &[(1999, 10.0)],
            vec![ratio("1999-05", 1.0, 2.0)],
        );
        assert_eq!(validate(&[ind], &[]), vec![]);
    }

    #[test]
    fn current_year_is_today_or_the_nearest_year_of_the_table() {
        let kpi = Kpi {
            years: vec![2020, 2021, 2022, 2024],
            indicators: vec![],
        };
        assert_eq!(kpi.current_year(2021), Some(2021));
        assert_eq!(kpi.current_year(2026), Some(2024));
        assert_eq!(kpi.current_year(2023), Some(2022));
        assert_eq!(kpi.current_year(2010), Some(2020));
        assert_eq!(Kpi::default().current_year(2024), None);
    }

    #[test]
    fn years_of_plans_and_facts() {
        let ind = indicator(
            Method::Ratio,
            &[(2022, 10.0), (2020, 5.0)],
            vec![ratio("2021-05", 1.0, 2.0), ratio("2022-12", 1.0, 2.0)],
        );
        assert_eq!(years_of(&[ind]), vec![2020, 2021, 2022]);
    }

    #[test]
    fn formula_in_words() {
        let mut ind = indicator(Method::Ratio, &[], vec![]);
        ind.numerator = Some("количество детей 10–19 лет, вошедших в программы".to_string());
        ind.denominator = Some(" общее количество детей 10–19 лет ".to_string());
        assert_eq!(
            formula_text(&ind),
            "количество детей 10–19 лет, вошедших в программы / общее количество детей 10–19 лет × 100 %"
        );
        ind.denominator = Some("  ".to_string());
        assert_eq!(
            formula_text(&ind),
            "количество детей 10–19 лет, вошедших в программы / знаменатель × 100 %"
        );
        ind.method = Method::Survey;
        ind.numerator = None;
        ind.denominator = None;
        assert_eq!(
            formula_text(&ind),
            "количество удовлетворённых участников / количество опрошенных участников × 100 % (опрос)"
        );
        ind.method = Method::Count;
        assert_eq!(formula_text(&ind), "количество по данным мониторинга");
        ind.numerator = Some("количество организаций-партнёров".to_string());
        assert_eq!(formula_text(&ind), "количество организаций-партнёров");
    }
}
