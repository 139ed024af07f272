//! KPI → views: the table of the KPI page, the charts, the landing summary.
//! The arithmetic is [`crate::model::kpi`]'s; this module only formats.

use super::chart::kpi_chart;
use super::views::{IndicatorView, KpiCell, KpiSummary, KpiSummaryRow, KpiView};
use crate::model::kpi::{
    fact_of_year, formula_text, year_figures, Direction, Indicator, Kpi, KpiStatus, Method,
};
use crate::routes;
use crate::text::format::{count, figure_with_unit, ru_month, signed_figure, typo};

const DASH: &str = "—";

/// The KPI page.
pub fn kpi_view(kpi: &Kpi, pretty: bool) -> KpiView {
    KpiView {
        years: kpi.years.clone(),
        indicators: kpi
            .indicators
            .iter()
            .map(|ind| indicator(ind, &kpi.years))
            .collect(),
        count_text: count(
            kpi.indicators.len(),
            "показатель",
            "показателя",
            "показателей",
        ),
        csv_url: routes::link(routes::KPI_CSV, pretty),
        json_url: routes::link(routes::KPI_JSON, pretty),
    }
}

/// The landing page's summary: every indicator for the year of "today"
/// (or the table's nearest year).
pub fn kpi_summary(kpi: &Kpi, today_year: i32, pretty: bool) -> Option<KpiSummary> {
    let year = kpi.current_year(today_year)?;
    let rows: Vec<KpiSummaryRow> = kpi
        .indicators
        .iter()
        .map(|ind| {
            let c = cell(ind, year);
            KpiSummaryRow {
                title: typo(&ind.title),
                url: routes::link(&routes::indicator(&ind.id), pretty),
                plan: c.plan,
                fact: c.fact,
                status: c.status,
                status_label: c.status_label,
            }
        })
        .collect();
    let achieved = kpi
        .indicators
        .iter()
        .filter(|i| year_figures(i, year).status == KpiStatus::Achieved)
        .count();
    Some(KpiSummary {
        year,
        achieved_text: format!(
            "Достигнуто {} из\u{a0}{}",
            count(achieved, "показатель", "показателя", "показателей"),
            kpi.indicators.len()
        ),
        rows,
        url: routes::link(routes::KPI, pretty),
    })
}

fn indicator(ind: &Indicator, years: &[i32]) -> IndicatorView {
    IndicatorView {
        id: ind.id.clone(),
        anchor: format!("pokazatel-{}", ind.id),
        title: typo(&ind.title),
        unit: ind.unit.clone(),
        method: method_label(ind.method).to_string(),
        formula: typo(&formula_text(ind)),
        direction_note: (ind.direction == Direction::Down)
            .then(|| "чем меньше значение, тем лучше".to_string()),
        years: years.iter().map(|&y| cell(ind, y)).collect(),
        chart_svg: kpi_chart(ind, years, &ind.id),
    }
}

/// Plan, fact, deviation and status of one year, formatted.
pub fn cell(ind: &Indicator, year: i32) -> KpiCell {
    let f = year_figures(ind, year);
    let with_unit = |v: Option<f64>| {
        v.map(|v| figure_with_unit(v, &ind.unit))
            .unwrap_or_else(|| DASH.to_string())
    };
    KpiCell {
        year,
        plan: with_unit(f.plan),
        fact: with_unit(f.fact),
        fact_period: f
            .fact
            .and(fact_of_year(ind, year))
            .map(|fact| ru_month(fact.period.year, fact.period.month)),
        deviation: f
            .deviation
            .map(signed_figure)
            .unwrap_or_else(|| DASH.to_string()),
        status: status_key(f.status).to_string(),
        status_label: f.status.label().to_string(),
    }
}

/// The status as the exports and CSS classes name it.
pub fn status_key(s: KpiStatus) -> &'static str {
    match s {
        KpiStatus::Achieved => "achieved",
        KpiStatus::NotAchieved => "not_achieved",
        KpiStatus::NoData => "no_data",
    }
}

fn method_label(m: Method) -> &'static str {
    match m {
        Method::Ratio => "доля, %",
        Method::Survey => "опрос, %",
        Method::Count => "количество",
        Method::Value => "значение",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::kpi::{Fact, YearMonth};

    fn ind() -> Indicator {
        Indicator {
            id: "mentees".into(),
            title: "Доля наставляемых".into(),
            unit: "%".into(),
            method: Method::Ratio,
            numerator: None,
            denominator: None,
            plan: [(2023, 50.0), (2024, 70.0)].into_iter().collect(),
            facts: vec![
                Fact {
                    period: YearMonth::parse("2024-05").expect("period"),
                    numerator: Some(412.0),
                    denominator: Some(640.0),
                    value: None,
                },
                Fact {
                    period: YearMonth::parse("2023-12").expect("period"),
                    numerator: Some(1.0),
                    denominator: Some(2.0),
                    value: None,
                },
            ],
            direction: Direction::Up,
        }
    }

    #[test]
    fn cells_are_formatted_once() {
        let c = cell(&ind(), 2024);
        assert_eq!(c.plan, "70\u{a0}%");
        assert_eq!(c.fact, "64,4\u{a0}%");
        assert_eq!(c.deviation, "−5,6");
        assert_eq!(c.fact_period.as_deref(), Some("май 2024\u{a0}г."));
        assert_eq!(
            (c.status.as_str(), c.status_label.as_str()),
            ("not_achieved", "не достигнут")
        );
        let c = cell(&ind(), 2023);
        assert_eq!(
            (c.fact.as_str(), c.deviation.as_str(), c.status.as_str()),
            ("50\u{a0}%", "0", "achieved")
        );
        let c = cell(&ind(), 2022);
        assert_eq!(
            (c.plan.as_str(), c.fact.as_str(), c.status.as_str()),
            ("—", "—", "no_data")
        );
        assert_eq!(c.fact_period, None);
    }

    #[test]
    fn the_summary_shows_the_current_year() {
        let kpi = Kpi {
            years: vec![2023, 2024],
            indicators: vec![ind()],
        };
        let s = kpi_summary(&kpi, 2026, false).expect("summary");
        assert_eq!(s.year, 2024);
        assert_eq!(s.rows[0].url, "pokazateli/index.html#pokazatel-mentees");
        assert_eq!(s.achieved_text, "Достигнуто 0\u{a0}показателей из\u{a0}1");
        assert_eq!(
            kpi_summary(&kpi, 2023, false).map(|s| s.achieved_text),
            Some("Достигнуто 1\u{a0}показатель из\u{a0}1".into())
        );
    }
}
