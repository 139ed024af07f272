//! District KPI arithmetic: the schools' figures summed into the district's.
//!
//! Pure, no I/O. The rules (PRODUCT.md, «District level»):
//!
//! - indicators are matched by `id`; the same id with another unit or method
//!   is an error naming both files;
//! - each school contributes, per year, its latest period of that year
//!   (its own «fact of the year»), whatever month the others reported;
//! - ratio and survey: the district fact is the sum of the contributing
//!   schools' numerators over the sum of their denominators, × 100, never an
//!   average of percentages. A school whose latest fact gives only a
//!   percentage (no numerator and denominator) cannot be summed: it is shown
//!   in the breakdown and left out of the district figure. A school with a
//!   zero denominator contributes its 0 (its own share is undefined);
//! - count: the figures are summed (pairs, mentors, organizations);
//! - value: summed when it is an amount; a value in «%» has no parts and is
//!   never summed, so the district has no figure for it (only the breakdown);
//! - the plan (and the direction) come from the district's own
//!   `data/kpi.yaml`; an indicator only the district has keeps its own facts,
//!   an indicator only schools have has no district plan;
//! - «данные N из M школ»: N schools contribute to the figure of the year, M
//!   is every source of the district.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use super::kpi::{
    compare, fact_of_year, Direction, Fact, Indicator, Kpi, KpiStatus, Method, YearFigures,
    YearMonth,
};

/// One source's KPI as the district reads it.
#[derive(Debug, Clone, Copy)]
pub struct SourceKpi<'a> {
    /// The organization's name, as the breakdown shows it.
    pub organization: &'a str,
    /// Where its indicators were read (for messages).
    pub file: &'a str,
    /// None when the source publishes no KPI.
    pub kpi: Option<&'a Kpi>,
}

/// The same indicator id with another unit or method in two files.
#[derive(Debug, Clone, PartialEq)]
pub struct Mismatch {
    pub id: String,
    pub first_file: String,
    pub first_unit: String,
    pub first_method: Method,
    pub other_file: String,
    pub other_unit: String,
    pub other_method: Method,
}

/// Why a school has no figure (or no share in the district's) for a year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gap {
    /// The school has no such indicator.
    NoIndicator,
    /// No fact in that year.
    NoFact,
    /// Ratio with a zero denominator: counted, but its own share is undefined.
    ZeroDenominator,
    /// Only a percentage, no numerator and denominator: not summed.
    NoParts,
    /// A percentage of method `value`: never summed.
    NotSummable,
}

impl Gap {
    /// The note the breakdown shows, in Russian.
    pub fn label(self) -> &'static str {
        match self {
            Gap::NoIndicator => "школа не ведёт этот показатель",
            Gap::NoFact => "нет данных за год",
            Gap::ZeroDenominator => "знаменатель равен 0",
            Gap::NoParts => "указан только процент, без числителя и знаменателя: не учтена в сумме",
            Gap::NotSummable => "процент не суммируется",
        }
    }
}

/// One school's figures of one indicator for one year.
#[derive(Debug, Clone, PartialEq)]
pub struct SchoolYear {
    pub organization: String,
    /// The period its figure comes from.
    pub period: Option<YearMonth>,
    pub numerator: Option<f64>,
    pub denominator: Option<f64>,
    /// The school's own plan against its own fact.
    pub figures: YearFigures,
    /// Whether it is part of the district's figure.
    pub contributes: bool,
    pub gap: Option<Gap>,
}

/// The district's figures of one indicator for one year.
#[derive(Debug, Clone, PartialEq)]
pub struct DistrictYear {
    pub year: i32,
    /// District plan against the district fact.
    pub figures: YearFigures,
    /// Ratio and survey: the sums the fact is made of.
    pub numerator: Option<f64>,
    pub denominator: Option<f64>,
    /// N of «данные N из M школ».
    pub reported: usize,
    /// M of «данные N из M школ».
    pub sources: usize,
    /// Every source, in the order given, those without data included.
    pub schools: Vec<SchoolYear>,
}

/// One indicator at the district.
#[derive(Debug, Clone, PartialEq)]
pub struct DistrictIndicator {
    /// The district's plan, and one fact per year: the summed figures (so the
    /// usual KPI page, chart and exports show the district figure).
    pub indicator: Indicator,
    /// Per year of [`DistrictKpi::years`].
    pub years: Vec<DistrictYear>,
    /// Whether the district's own `data/kpi.yaml` lists facts that were
    /// replaced by the schools' sums.
    pub own_facts_ignored: bool,
}

/// The district KPI table.
#[derive(Debug, Clone, PartialEq)]
pub struct DistrictKpi {
    pub years: Vec<i32>,
    pub indicators: Vec<DistrictIndicator>,
}

impl DistrictKpi {
    /// The table as a plain [`Kpi`] of district figures.
    pub fn as_kpi(&self) -> Kpi {
        Kpi {
            years: self.years.clone(),
            indicators: self
                .indicators
                .iter()
                .map(|d| d.indicator.clone())
                .collect(),
        }
    }
}

/// Computes the district table from its own `data/kpi.yaml` (`own`, read
/// from `own_file`) and its sources.
pub fn district_kpi(
    own: Option<&Kpi>,
    own_file: &str,
    sources: &[SourceKpi],
) -> Result<DistrictKpi, Vec<Mismatch>> {
    check_matching(own, own_file, sources)?;
    let years = match own.filter(|k| !k.years.is_empty()) {
        Some(k) => k.years.clone(),
        None => {
            let all: BTreeSet<i32> = sources
                .iter()
                .filter_map(|s| s.kpi)
                .flat_map(|k| k.years.iter().copied())
                .collect();
            all.into_iter().collect()
        }
    };

    // District order first, then ids only schools have, in order of appearance.
    let mut ids: Vec<&str> = Vec::new();
    let mut seen: BTreeSet<&str> = BTreeSet::new();
    let own_indicators = own.map(|k| k.indicators.as_slice()).unwrap_or(&[]);
    let sourced = sources
        .iter()
        .filter_map(|s| s.kpi)
        .flat_map(|k| &k.indicators);
    for ind in own_indicators.iter().chain(sourced) {
        if seen.insert(&ind.id) {
            ids.push(&ind.id);
        }
    }

    let indicators = ids
        .into_iter()
        .map(|id| {
            let own_ind = own_indicators.iter().find(|i| i.id == id);
            let of_sources: Vec<Option<&Indicator>> = sources
                .iter()
                .map(|s| s.kpi.and_then(|k| k.indicators.iter().find(|i| i.id == id)))
                .collect();
            indicator(id, own_ind, sources, &of_sources, &years)
        })
        .collect();
    Ok(DistrictKpi { years, indicators })
}

fn indicator(
    id: &str,
    own: Option<&Indicator>,
    sources: &[SourceKpi],
    of_sources: &[Option<&Indicator>],
    years: &[i32],
) -> DistrictIndicator {
    let template = own
        .or_else(|| of_sources.iter().flatten().next().copied())
        .expect("an id comes from the district or a source");
    let mut ind = Indicator {
        id: id.to_string(),
        plan: own.map(|o| o.plan.clone()).unwrap_or_default(),
        facts: Vec::new(),
        direction: own.map_or(template.direction, |o| o.direction),
        ..template.clone()
    };
    let no_source_has_it = of_sources.iter().all(Option::is_none);
    if no_source_has_it {
        // The district's own indicator: its facts are the figures.
        ind.facts = own.map(|o| o.facts.clone()).unwrap_or_default();
        let years = years
            .iter()
            .map(|&year| DistrictYear {
                year,
                figures: super::kpi::year_figures(&ind, year),
                numerator: None,
                denominator: None,
                reported: 0,
                sources: sources.len(),
                schools: sources
                    .iter()
                    .map(|s| school_gap(s.organization, Gap::NoIndicator))
                    .collect(),
            })
            .collect();
        return DistrictIndicator {
            indicator: ind,
            years,
            own_facts_ignored: false,
        };
    }

    let mut by_year = Vec::new();
    for &year in years {
        let schools: Vec<SchoolYear> = sources
            .iter()
            .zip(of_sources)
            .map(|(s, i)| match i {
                None => school_gap(s.organization, Gap::NoIndicator),
                Some(i) => school_year(s.organization, i, year),
            })
            .collect();
        let summed: Vec<&SchoolYear> = schools.iter().filter(|s| s.contributes).collect();
        let period = summed.iter().filter_map(|s| s.period).max();
        let (numerator, denominator, value) = if ind.method.is_percent() {
            let n: f64 = summed.iter().filter_map(|s| s.numerator).sum();
            let d: f64 = summed.iter().filter_map(|s| s.denominator).sum();
            (Some(n), Some(d), None)
        } else {
            let v: f64 = summed.iter().filter_map(|s| s.figures.fact).sum();
            (None, None, Some(v))
        };
        let fact = period.map(|period| Fact {
            period,
            numerator,
            denominator,
            value,
        });
        let figure = fact.as_ref().and_then(|f| f.value(ind.method));
        if let Some(f) = fact {
            ind.facts.push(f);
        }
        by_year.push(DistrictYear {
            year,
            figures: compare(ind.plan.get(&year).copied(), figure, ind.direction),
            numerator: period.and(numerator),
            denominator: period.and(denominator),
            reported: summed.len(),
            sources: sources.len(),
            schools,
        });
    }
    DistrictIndicator {
        own_facts_ignored: own.is_some_and(|o| !o.facts.is_empty()),
        indicator: ind,
        years: by_year,
    }
}

fn school_gap(organization: &str, gap: Gap) -> SchoolYear {
    SchoolYear {
        organization: organization.to_string(),
        period: None,
        numerator: None,
        denominator: None,
        figures: compare(None, None, Direction::Up),
        contributes: false,
        gap: Some(gap),
    }
}

fn school_year(organization: &str, ind: &Indicator, year: i32) -> SchoolYear {
    let plan = ind.plan.get(&year).copied();
    let Some(fact) = fact_of_year(ind, year) else {
        return SchoolYear {
            figures: compare(plan, None, ind.direction),
            ..school_gap(organization, Gap::NoFact)
        };
    };
    let own = fact.value(ind.method);
    let (contributes, gap) = match ind.method {
        Method::Ratio | Method::Survey => match (fact.numerator, fact.denominator) {
            (Some(_), Some(0.0)) => (true, Some(Gap::ZeroDenominator)),
            (Some(_), Some(_)) => (true, None),
            _ => (
                false,
                Some(if own.is_some() {
                    Gap::NoParts
                } else {
                    Gap::NoFact
                }),
            ),
        },
        Method::Value if ind.is_percent() => (
            false,
            Some(if own.is_some() {
                Gap::NotSummable
            } else {
                Gap::NoFact
            }),
        ),
        Method::Count | Method::Value => (own.is_some(), own.is_none().then_some(Gap::NoFact)),
    };
    SchoolYear {
        organization: organization.to_string(),
        period: Some(fact.period),
        numerator: fact.numerator,
        denominator: fact.denominator,
        figures: compare(plan, own, ind.direction),
        contributes,
        gap,
    }
}

/// Every id must have one unit and one method across the district's files.
fn check_matching(
    own: Option<&Kpi>,
    own_file: &str,
    sources: &[SourceKpi],
) -> Result<(), Vec<Mismatch>> {
    let mut first: HashMap<&str, (&str, &Indicator)> = HashMap::new();
    let mut problems = Vec::new();
    let files = own
        .map(|k| (own_file, k))
        .into_iter()
        .chain(sources.iter().filter_map(|s| s.kpi.map(|k| (s.file, k))));
    for (file, kpi) in files {
        for ind in &kpi.indicators {
            match first.get(ind.id.as_str()) {
                None => {
                    first.insert(&ind.id, (file, ind));
                }
                Some((first_file, f)) => {
                    if f.unit.trim() != ind.unit.trim() || f.method != ind.method {
                        problems.push(Mismatch {
                            id: ind.id.clone(),
                            first_file: first_file.to_string(),
                            first_unit: f.unit.trim().to_string(),
                            first_method: f.method,
                            other_file: file.to_string(),
                            other_unit: ind.unit.trim().to_string(),
                            other_method: ind.method,
                        });
                    }
                }
            }
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems)
    }
}

/// How many roadmap items of each status a source has (key → count).
pub fn status_counts<'a>(statuses: impl IntoIterator<Item = &'a str>) -> BTreeMap<String, usize> {
    let mut counts = BTreeMap::new();
    for s in statuses {
        *counts.entry(s.to_string()).or_insert(0) += 1;
    }
    counts
}

/// Whether a figure is below its plan (the rows a reader must not miss).
pub fn below_plan(f: &YearFigures) -> bool {
    f.status == KpiStatus::NotAchieved
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ym(s: &str) -> YearMonth {
        YearMonth::parse(s).expect("period")
    }

    fn parts(period: &str, n: f64, d: f64) -> Fact {
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

    fn ind(
        id: &str,
        unit: &str,
        method: Method,
        plan: &[(i32, f64)],
        facts: Vec<Fact>,
    ) -> Indicator {
        Indicator {
            id: id.into(),
            title: format!("Показатель {id}"),
            unit: unit.into(),
            method,
            numerator: None,
            denominator: None,
            plan: plan.iter().copied().collect(),
            facts,
            direction: Direction::Up,
        }
    }

    fn kpi(years: &[i32], indicators: Vec<Indicator>) -> Kpi {
        Kpi {
            years: years.to_vec(),
            indicators,
        }
    }

    fn src<'a>(org: &'a str, file: &'a str, k: &'a Kpi) -> SourceKpi<'a> {
        SourceKpi {
            organization: org,
            file,
            kpi: Some(k),
        }
    }

    /// Three schools and a district, figures worked out by hand below.
    fn district() -> (Kpi, Kpi, Kpi, Kpi, Kpi) {
        let own = kpi(
            &[2023, 2024],
            vec![
                ind(
                    "mentees",
                    "%",
                    Method::Ratio,
                    &[(2023, 30.0), (2024, 50.0)],
                    vec![],
                ),
                ind("pairs", "ед.", Method::Count, &[(2024, 40.0)], vec![]),
                ind(
                    "district_only",
                    "ед.",
                    Method::Count,
                    &[(2024, 3.0)],
                    vec![valued("2024-09", 4.0)],
                ),
            ],
        );
        // School 1 reports twice in 2024: May and December; its December counts.
        let s1 = kpi(
            &[2023, 2024],
            vec![
                ind(
                    "mentees",
                    "%",
                    Method::Ratio,
                    &[(2024, 60.0)],
                    vec![
                        parts("2023-12", 50.0, 200.0),
                        parts("2024-05", 80.0, 200.0),
                        parts("2024-12", 120.0, 200.0),
                    ],
                ),
                ind(
                    "pairs",
                    "ед.",
                    Method::Count,
                    &[(2024, 15.0)],
                    vec![valued("2024-12", 18.0)],
                ),
                ind(
                    "survey_only_s1",
                    "%",
                    Method::Survey,
                    &[],
                    vec![parts("2024-12", 45.0, 50.0)],
                ),
            ],
        );
        // School 2: a zero denominator in 2024 (no pupils aged 10–19), nothing in 2023.
        let s2 = kpi(
            &[2024],
            vec![
                ind(
                    "mentees",
                    "%",
                    Method::Ratio,
                    &[(2024, 40.0)],
                    vec![parts("2024-05", 0.0, 0.0)],
                ),
                ind(
                    "pairs",
                    "ед.",
                    Method::Count,
                    &[(2024, 5.0)],
                    vec![valued("2024-05", 4.0)],
                ),
            ],
        );
        // School 3: reports only in May, and in 2023 only a percentage.
        let s3 = kpi(
            &[2023, 2024],
            vec![ind(
                "mentees",
                "%",
                Method::Ratio,
                &[(2024, 45.0)],
                vec![valued("2023-12", 35.0), parts("2024-05", 90.0, 300.0)],
            )],
        );
        let broken = kpi(
            &[2024],
            vec![ind("pairs", "чел.", Method::Count, &[], vec![])],
        );
        (own, s1, s2, s3, broken)
    }

    #[test]
    fn district_figures_by_hand() {
        let (own, s1, s2, s3, _) = district();
        let sources = [
            src("Школа № 1", "school-1/data/kpi.yaml", &s1),
            src("Школа № 2", "school-2/data/kpi.yaml", &s2),
            src("Школа № 3", "bundles/school-3.json", &s3),
        ];
        let d = district_kpi(Some(&own), "data/kpi.yaml", &sources).expect("no mismatch");
        assert_eq!(d.years, vec![2023, 2024]);
        let ids: Vec<&str> = d
            .indicators
            .iter()
            .map(|i| i.indicator.id.as_str())
            .collect();
        assert_eq!(ids, ["mentees", "pairs", "district_only", "survey_only_s1"]);

        let mentees = &d.indicators[0];
        // 2024: school 1 December 120/200, school 2 May 0/0, school 3 May 90/300:
        // (120 + 0 + 90) / (200 + 0 + 300) = 210 / 500 = 42 %, not the mean of
        // 60 %, undefined and 30 %. Plan 50 → not achieved, deviation −8.
        let y = &mentees.years[1];
        assert_eq!((y.numerator, y.denominator), (Some(210.0), Some(500.0)));
        assert_eq!(y.figures.fact, Some(42.0));
        assert_eq!(y.figures.plan, Some(50.0));
        assert_eq!(y.figures.deviation, Some(-8.0));
        assert_eq!(y.figures.status, KpiStatus::NotAchieved);
        assert_eq!((y.reported, y.sources), (3, 3));
        assert_eq!(y.schools[0].period, Some(ym("2024-12")));
        assert_eq!(y.schools[0].figures.fact, Some(60.0));
        assert_eq!(y.schools[0].figures.status, KpiStatus::Achieved);
        assert_eq!(y.schools[1].gap, Some(Gap::ZeroDenominator));
        assert_eq!(y.schools[1].figures.fact, None);
        assert!(y.schools[1].contributes);
        assert_eq!(y.schools[2].figures.fact, Some(30.0));
        assert_eq!(y.schools[2].figures.deviation, Some(-15.0));
        assert!(below_plan(&y.schools[2].figures));
        // The district's fact is dated by its latest contributing period.
        assert_eq!(mentees.indicator.facts[1].period, ym("2024-12"));

        // 2023: school 1 50/200; school 2 has no fact; school 3 gives only 35 %.
        // The district figure is school 1's alone: 25 %, «данные 1 из 3».
        let y = &mentees.years[0];
        assert_eq!(y.figures.fact, Some(25.0));
        assert_eq!((y.reported, y.sources), (1, 3));
        assert_eq!(y.schools[1].gap, Some(Gap::NoFact));
        assert_eq!(y.schools[2].gap, Some(Gap::NoParts));
        assert_eq!(y.schools[2].figures.fact, Some(35.0));
        assert_eq!(y.figures.status, KpiStatus::NotAchieved);

        // Counts are summed: 18 + 4 = 22 of a plan of 40; school 3 has no such indicator.
        let pairs = &d.indicators[1].years[1];
        assert_eq!(pairs.figures.fact, Some(22.0));
        assert_eq!((pairs.reported, pairs.sources), (2, 3));
        assert_eq!(pairs.schools[2].gap, Some(Gap::NoIndicator));
        assert_eq!(pairs.schools[1].figures.status, KpiStatus::NotAchieved);
        // No fact in 2023 at all: no data.
        assert_eq!(d.indicators[1].years[0].figures.status, KpiStatus::NoData);
        assert_eq!(d.indicators[1].years[0].reported, 0);

        // Only the district has it: its own facts.
        let own_only = &d.indicators[2].years[1];
        assert_eq!(own_only.figures.fact, Some(4.0));
        assert_eq!(own_only.figures.status, KpiStatus::Achieved);
        assert!(own_only
            .schools
            .iter()
            .all(|s| s.gap == Some(Gap::NoIndicator)));

        // Only school 1 has it: 45/50 = 90 %, no district plan, «данные 1 из 3».
        let survey = &d.indicators[3];
        assert!(survey.indicator.plan.is_empty());
        assert_eq!(survey.years[1].figures.fact, Some(90.0));
        assert_eq!(survey.years[1].figures.status, KpiStatus::NoData);
        assert_eq!((survey.years[1].reported, survey.years[1].sources), (1, 3));

        // The plain table shows the same figures.
        let plain = d.as_kpi();
        let f = super::super::kpi::year_figures(&plain.indicators[0], 2024);
        assert_eq!(f.fact, Some(42.0));
    }

    #[test]
    fn the_same_id_with_another_unit_or_method_names_both_files() {
        let (own, s1, _, _, broken) = district();
        let sources = [
            src("Школа № 1", "school-1/data/kpi.yaml", &s1),
            src("Школа № 7", "bundles/school-7.json", &broken),
        ];
        let err = district_kpi(Some(&own), "data/kpi.yaml", &sources).unwrap_err();
        assert_eq!(
            err,
            vec![Mismatch {
                id: "pairs".into(),
                first_file: "data/kpi.yaml".into(),
                first_unit: "ед.".into(),
                first_method: Method::Count,
                other_file: "bundles/school-7.json".into(),
                other_unit: "чел.".into(),
                other_method: Method::Count,
            }]
        );
        let other_method = kpi(
            &[2024],
            vec![ind("mentees", "%", Method::Survey, &[], vec![])],
        );
        let err = district_kpi(
            None,
            "data/kpi.yaml",
            &[
                src("Школа № 1", "a.json", &s1),
                src("Школа № 2", "b.json", &other_method),
            ],
        )
        .unwrap_err();
        assert_eq!(
            (err[0].first_file.as_str(), err[0].other_file.as_str()),
            ("a.json", "b.json")
        );
        assert_eq!(err[0].other_method, Method::Survey);
    }

    #[test]
    fn without_a_district_table_years_come_from_the_schools() {
        let (_, s1, s2, _, _) = district();
        let d = district_kpi(
            None,
            "data/kpi.yaml",
            &[src("1", "a", &s1), src("2", "b", &s2)],
        )
        .unwrap();
        assert_eq!(d.years, vec![2023, 2024]);
        // No district plan: no status, but the figure is there. 120/200 + 0/0 = 60 %.
        let y = &d.indicators[0].years[1];
        assert_eq!(y.figures.fact, Some(60.0));
        assert_eq!(y.figures.status, KpiStatus::NoData);
    }

    #[test]
    fn a_school_without_kpi_and_percent_values_are_not_summed() {
        let own = kpi(
            &[2024],
            vec![ind("share", "%", Method::Value, &[(2024, 50.0)], vec![])],
        );
        let s1 = kpi(
            &[2024],
            vec![ind(
                "share",
                "%",
                Method::Value,
                &[],
                vec![valued("2024-05", 70.0)],
            )],
        );
        let sources = [
            src("Школа № 1", "a", &s1),
            SourceKpi {
                organization: "Школа № 2",
                file: "b",
                kpi: None,
            },
        ];
        let d = district_kpi(Some(&own), "data/kpi.yaml", &sources).unwrap();
        let y = &d.indicators[0].years[0];
        assert_eq!(y.figures.fact, None);
        assert_eq!(y.figures.status, KpiStatus::NoData);
        assert_eq!(y.schools[0].gap, Some(Gap::NotSummable));
        assert_eq!(y.schools[0].figures.fact, Some(70.0));
        assert_eq!(y.schools[1].gap, Some(Gap::NoIndicator));
        assert_eq!((y.reported, y.sources), (0, 2));
    }
}
