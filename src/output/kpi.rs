//! The KPI table as data: `export/kpi.csv` (for Excel in a Russian locale:
//! UTF-8 with a BOM, `;`, a decimal comma, CRLF) and `export/kpi.json`, and
//! the `kpi` part of `export/bundle.json`. Computed figures are rounded to
//! one decimal here, at the edge, never before.

use crate::bundle::{self, KpiTable, Number};
use crate::model::kpi::{round1, year_figures, Fact, Indicator, Kpi};
use crate::output::OutputFile;
use crate::render::kpi::status_key;
use crate::routes;

/// What an export includes beyond the bundle's schema.
#[derive(Clone, Copy, PartialEq)]
pub enum Detail {
    /// Exactly the `kpi` part of bundle schema 1.
    Bundle,
    /// `export/kpi.json`: also the deviation, the direction and the formula.
    Full,
}

/// The KPI table as data, at the given level of detail.
pub fn entry(kpi: &Kpi, detail: Detail) -> KpiTable {
    KpiTable {
        years: kpi.years.clone(),
        indicators: kpi
            .indicators
            .iter()
            .map(|ind| indicator(ind, &kpi.years, detail))
            .collect(),
    }
}

fn indicator(ind: &Indicator, years: &[i32], detail: Detail) -> bundle::Indicator {
    let full = detail == Detail::Full;
    let mut facts: Vec<&Fact> = ind.facts.iter().collect();
    facts.sort_by_key(|f| f.period);
    bundle::Indicator {
        id: ind.id.clone(),
        title: ind.title.clone(),
        unit: ind.unit.clone(),
        method: method_key(ind.method).to_string(),
        direction: (full && ind.direction == crate::model::kpi::Direction::Down)
            .then(|| "down".to_string()),
        formula: full.then(|| crate::model::kpi::formula_text(ind)),
        plan: ind
            .plan
            .iter()
            .map(|(y, p)| (y.to_string(), Number(*p)))
            .collect(),
        facts: facts
            .into_iter()
            .map(|f| bundle::Fact {
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
                let entry = bundle::YearEntry {
                    plan: fig.plan.map(Number),
                    fact: fig.fact.map(|v| Number(round1(v))),
                    deviation: fig.deviation.filter(|_| full).map(|v| Number(round1(v))),
                    status: status_key(fig.status).to_string(),
                    numerator: None,
                    denominator: None,
                    reported: None,
                    sources: None,
                };
                (y.to_string(), entry)
            })
            .collect(),
    }
}

/// The method's key in the data files (`ratio`, `survey`, `count`, `value`).
pub fn method_key(m: crate::model::kpi::Method) -> &'static str {
    use crate::model::kpi::Method;
    match m {
        Method::Ratio => "ratio",
        Method::Survey => "survey",
        Method::Count => "count",
        Method::Value => "value",
    }
}

/// `export/kpi.json`.
pub fn json(kpi: &Kpi) -> OutputFile {
    json_of(&entry(kpi, Detail::Full))
}

/// `export/kpi.json` of a table already computed (a district's).
pub fn json_of(table: &KpiTable) -> OutputFile {
    let mut bytes = serde_json::to_vec_pretty(table).unwrap_or_default();
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
    use crate::model::kpi::{Direction, Method, YearMonth};

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
