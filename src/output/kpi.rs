//! The KPI table as data: `export/kpi.csv` (for Excel in a Russian locale:
//! UTF-8 with a BOM, `;`, a decimal comma, CRLF) and `export/kpi.json`, and
//! the `kpi` part of `export/bundle.json`. Computed figures are rounded to
//! one decimal here, at the edge, never before.

use std::collections::BTreeMap;

use serde::{Serialize, Serializer};

use crate::model::kpi::{round1, year_figures, Fact, Indicator, Kpi, Method};
use crate::output::OutputFile;
use crate::render::kpi::status_key;
use crate::routes;

/// A number as JSON writes it: whole numbers without «.0» (412, not 412.0).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Number(pub f64);

impl Serialize for Number {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let x = self.0;
        if x.fract() == 0.0 && x.abs() < 9_007_199_254_740_992.0 {
            s.serialize_i64(x as i64)
        } else {
            s.serialize_f64(x)
        }
    }
}

/// One fact with its computed value.
#[derive(Serialize)]
pub struct FactEntry {
    period: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    numerator: Option<Number>,
    #[serde(skip_serializing_if = "Option::is_none")]
    denominator: Option<Number>,
    #[serde(skip_serializing_if = "Option::is_none")]
    value: Option<Number>,
}

/// Plan and fact of one year.
#[derive(Serialize)]
pub struct YearEntry {
    #[serde(skip_serializing_if = "Option::is_none")]
    plan: Option<Number>,
    #[serde(skip_serializing_if = "Option::is_none")]
    fact: Option<Number>,
    #[serde(skip_serializing_if = "Option::is_none")]
    deviation: Option<Number>,
    status: &'static str,
}

/// One indicator as data.
#[derive(Serialize)]
pub struct IndicatorEntry<'a> {
    id: &'a str,
    title: &'a str,
    unit: &'a str,
    method: Method,
    #[serde(skip_serializing_if = "Option::is_none")]
    direction: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    formula: Option<String>,
    plan: BTreeMap<String, Number>,
    facts: Vec<FactEntry>,
    by_year: BTreeMap<String, YearEntry>,
}

/// The KPI table as data.
#[derive(Serialize)]
pub struct KpiEntry<'a> {
    years: &'a [i32],
    indicators: Vec<IndicatorEntry<'a>>,
}

/// What an export includes beyond the bundle's schema.
#[derive(Clone, Copy, PartialEq)]
pub enum Detail {
    /// Exactly the `kpi` part of bundle schema 1.
    Bundle,
    /// `export/kpi.json`: also the deviation, the direction and the formula.
    Full,
}

/// The KPI table as data, at the given level of detail.
pub fn entry(kpi: &Kpi, detail: Detail) -> KpiEntry<'_> {
    KpiEntry {
        years: &kpi.years,
        indicators: kpi
            .indicators
            .iter()
            .map(|ind| indicator(ind, &kpi.years, detail))
            .collect(),
    }
}

fn indicator<'a>(ind: &'a Indicator, years: &[i32], detail: Detail) -> IndicatorEntry<'a> {
    let full = detail == Detail::Full;
    let mut facts: Vec<&Fact> = ind.facts.iter().collect();
    facts.sort_by_key(|f| f.period);
    IndicatorEntry {
        id: &ind.id,
        title: &ind.title,
        unit: &ind.unit,
        method: ind.method,
        direction: (full && ind.direction == crate::model::kpi::Direction::Down).then_some("down"),
        formula: full.then(|| crate::model::kpi::formula_text(ind)),
        plan: ind
            .plan
            .iter()
            .map(|(y, p)| (y.to_string(), Number(*p)))
            .collect(),
        facts: facts
            .into_iter()
            .map(|f| FactEntry {
                period: f.period.to_string(),
                numerator: f.numerator.map(Number),
                denominator: f.denominator.map(Number),
                value: f.value(ind.method).map(|v| Number(round1(v))),
            })
            .collect(),
        by_year: years
            .iter()
            .map(|&y| {
                let fig = year_figures(ind, y);
                let entry = YearEntry {
                    plan: fig.plan.map(Number),
                    fact: fig.fact.map(|v| Number(round1(v))),
                    deviation: fig.deviation.filter(|_| full).map(|v| Number(round1(v))),
                    status: status_key(fig.status),
                };
                (y.to_string(), entry)
            })
            .collect(),
    }
}

/// `export/kpi.json`.
pub fn json(kpi: &Kpi) -> OutputFile {
    let mut bytes = serde_json::to_vec_pretty(&entry(kpi, Detail::Full)).unwrap_or_default();
    bytes.push(b'\n');
    OutputFile::Bytes {
        path: routes::KPI_JSON.to_string(),
        bytes,
    }
}

/// `export/kpi.csv`: one row per indicator and year.
pub fn csv(kpi: &Kpi) -> OutputFile {
    let mut text =
        String::from("\u{feff}id;Показатель;Единица;Год;План;Факт;Отклонение;Статус\r\n");
    for ind in &kpi.indicators {
        for &year in &kpi.years {
            let f = year_figures(ind, year);
            let row = [
                field(&ind.id),
                field(&ind.title),
                field(&ind.unit),
                year.to_string(),
                f.plan.map(number).unwrap_or_default(),
                f.fact.map(number).unwrap_or_default(),
                f.deviation.map(number).unwrap_or_default(),
                field(f.status.label()),
            ];
            text.push_str(&row.join(";"));
            text.push_str("\r\n");
        }
    }
    OutputFile::Bytes {
        path: routes::KPI_CSV.to_string(),
        bytes: text.into_bytes(),
    }
}

/// A figure for Excel in a Russian locale: rounded, a decimal comma, an ASCII minus, no grouping.
fn number(x: f64) -> String {
    let r = round1(x);
    let text = if r.fract() == 0.0 {
        format!("{r:.0}")
    } else {
        format!("{r:.1}")
    };
    text.replace('.', ",")
}

/// A text field, quoted when it holds a separator, a quote or a line break.
fn field(s: &str) -> String {
    if s.contains([';', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::kpi::{Direction, YearMonth};

    fn kpi() -> Kpi {
        Kpi {
            years: vec![2023, 2024],
            indicators: vec![Indicator {
                id: "mentees".into(),
                title: "Доля; \"наставляемых\"".into(),
                unit: "%".into(),
                method: Method::Ratio,
                numerator: None,
                denominator: None,
                plan: [(2024, 70.0)].into_iter().collect(),
                facts: vec![
                    Fact {
                        period: YearMonth::parse("2024-12").expect("period"),
                        numerator: None,
                        denominator: None,
                        value: Some(71.5),
                    },
                    Fact {
                        period: YearMonth::parse("2024-05").expect("period"),
                        numerator: Some(412.0),
                        denominator: Some(640.0),
                        value: None,
                    },
                ],
                direction: Direction::Up,
            }],
        }
    }

    fn text(file: OutputFile) -> String {
        match file {
            OutputFile::Bytes { bytes, .. } => String::from_utf8(bytes).expect("UTF-8"),
            _ => String::new(),
        }
    }

    #[test]
    fn csv_for_excel() {
        let t = text(csv(&kpi()));
        assert_eq!(
            t,
            "\u{feff}id;Показатель;Единица;Год;План;Факт;Отклонение;Статус\r\n\
             mentees;\"Доля; \"\"наставляемых\"\"\";%;2023;;;;нет данных\r\n\
             mentees;\"Доля; \"\"наставляемых\"\"\";%;2024;70;71,5;1,5;достигнут\r\n"
        );
        assert_eq!(number(-5.625), "-5,6");
        assert_eq!(number(12500.0), "12500");
    }

    #[test]
    fn json_shapes() {
        let bundle = serde_json::to_string(&entry(&kpi(), Detail::Bundle)).expect("json");
        assert_eq!(
            bundle,
            r#"{"years":[2023,2024],"indicators":[{"id":"mentees","title":"Доля; \"наставляемых\"","unit":"%","method":"ratio","plan":{"2024":70},"facts":[{"period":"2024-05","numerator":412,"denominator":640,"value":64.4},{"period":"2024-12","value":71.5}],"by_year":{"2023":{"status":"no_data"},"2024":{"plan":70,"fact":71.5,"status":"achieved"}}}]}"#
        );
        let full = serde_json::to_string(&entry(&kpi(), Detail::Full)).expect("json");
        assert!(
            full.contains(r#""2024":{"plan":70,"fact":71.5,"deviation":1.5,"status":"achieved"}"#),
            "{full}"
        );
        assert!(
            full.contains(r#""formula":"числитель / знаменатель × 100 %""#),
            "{full}"
        );
    }
}
