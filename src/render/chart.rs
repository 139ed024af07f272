//! The KPI chart: an inline SVG, no script. Fact bars per year and the plan
//! as a line with points; `role="img"` with a `<title>` that lists every
//! number, so the chart says in words what it shows. Colours come from the
//! theme's CSS (classes), with fallbacks as presentation attributes.

use std::fmt::Write;

use crate::model::kpi::{year_figures, Indicator};
use crate::text::format::{figure, figure_with_unit};

const WIDTH: f64 = 480.0;
const HEIGHT: f64 = 210.0;
const LEFT: f64 = 46.0;
const RIGHT: f64 = 12.0;
const TOP: f64 = 24.0;
const BOTTOM: f64 = 30.0;

/// The chart of `ind` over `years`; `id` makes its element ids unique on the page.
pub fn kpi_chart(ind: &Indicator, years: &[i32], id: &str) -> String {
    let figures: Vec<(i32, Option<f64>, Option<f64>)> = years
        .iter()
        .map(|&y| {
            let f = year_figures(ind, y);
            (y, f.plan, f.fact)
        })
        .collect();
    let top = scale_top(
        ind.is_percent(),
        figures.iter().flat_map(|(_, p, f)| [*p, *f]).flatten(),
    );
    let plot_w = WIDTH - LEFT - RIGHT;
    let plot_h = HEIGHT - TOP - BOTTOM;
    let y_of = |v: f64| TOP + plot_h - (v.clamp(0.0, top) / top) * plot_h;
    let slot = plot_w / figures.len().max(1) as f64;
    let x_of = |i: usize| LEFT + slot * (i as f64 + 0.5);

    let title_id = format!("grafik-{id}");
    let mut svg = String::with_capacity(2048);
    let _ = write!(
        svg,
        r#"<svg class="kpi-chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" height="{HEIGHT}" role="img" aria-labelledby="{title_id}" focusable="false"><title id="{title_id}">{}</title>"#,
        escape(&alternative(ind, &figures))
    );
    for tick in [0.0, top / 2.0, top] {
        let y = y_of(tick);
        let _ = write!(
            svg,
            r##"<line class="kpi-grid" x1="{LEFT}" x2="{}" y1="{y:.1}" y2="{y:.1}" stroke="#c9ced4"/><text class="kpi-axis" x="{}" y="{:.1}" text-anchor="end" font-size="13" fill="#1a1a1a">{}</text>"##,
            WIDTH - RIGHT,
            LEFT - 6.0,
            y + 4.0,
            escape(&figure(tick))
        );
    }
    let bar_w = (slot * 0.5).min(48.0);
    for (i, (year, plan, fact)) in figures.iter().enumerate() {
        let x = x_of(i);
        if let Some(v) = fact {
            let y = y_of(*v);
            // The label sits above the bar and above the plan's point, so that neither hides it.
            let label_y = plan.map_or(y, |p| y.min(y_of(p) - 4.0)) - 6.0;
            let _ = write!(
                svg,
                r##"<rect class="kpi-bar" x="{:.1}" y="{y:.1}" width="{bar_w:.1}" height="{:.1}" fill="#1f5fa8"/><text class="kpi-bar-label" x="{x:.1}" y="{:.1}" text-anchor="middle" font-size="13" fill="#1a1a1a">{}</text>"##,
                x - bar_w / 2.0,
                TOP + plot_h - y,
                label_y.max(13.0),
                escape(&figure(*v))
            );
        }
        let _ = write!(
            svg,
            r##"<text class="kpi-axis" x="{x:.1}" y="{}" text-anchor="middle" font-size="13" fill="#1a1a1a">{year}</text>"##,
            HEIGHT - 8.0
        );
    }
    let plan: Vec<(f64, f64)> = figures
        .iter()
        .enumerate()
        .filter_map(|(i, (_, p, _))| p.map(|p| (x_of(i), y_of(p))))
        .collect();
    if plan.len() > 1 {
        let points: Vec<String> = plan.iter().map(|(x, y)| format!("{x:.1},{y:.1}")).collect();
        let _ = write!(
            svg,
            r##"<polyline class="kpi-plan-line" points="{}" fill="none" stroke="#1a1a1a" stroke-width="2" stroke-dasharray="6 4"/>"##,
            points.join(" ")
        );
    }
    for (x, y) in plan {
        let _ = write!(
            svg,
            r##"<circle class="kpi-plan-point" cx="{x:.1}" cy="{y:.1}" r="4.5" fill="#ffffff" stroke="#1a1a1a" stroke-width="2"/>"##
        );
    }
    svg.push_str("</svg>");
    svg
}

/// The top of the value axis: a round number above every figure (at most
/// 100 for percentages, so that small shares are not flattened to the axis).
fn scale_top(percent: bool, values: impl Iterator<Item = f64>) -> f64 {
    let max = values.filter(|v| v.is_finite()).fold(0.0_f64, f64::max);
    if max <= 0.0 {
        return if percent { 100.0 } else { 1.0 };
    }
    let magnitude = 10f64.powf(max.log10().floor());
    let top = [1.0, 2.0, 2.5, 5.0, 10.0]
        .iter()
        .map(|m| m * magnitude)
        .find(|t| t.is_finite() && *t >= max)
        .unwrap_or(max);
    if percent && max <= 100.0 {
        top.min(100.0)
    } else {
        top
    }
}

/// The chart in words: «Показатель «…», план и факт по годам: 2020 год — план 10 %, факт 11 %; …».
fn alternative(ind: &Indicator, figures: &[(i32, Option<f64>, Option<f64>)]) -> String {
    let value = |v: Option<f64>, none: &str| {
        v.map(|v| figure_with_unit(v, &ind.unit))
            .unwrap_or_else(|| none.to_string())
    };
    let years: Vec<String> = figures
        .iter()
        .map(|(y, plan, fact)| {
            format!(
                "{y}\u{a0}год — план {}, факт {}",
                value(*plan, "не задан"),
                value(*fact, "нет данных")
            )
        })
        .collect();
    format!("График «{}»: {}.", ind.title, years.join("; "))
}

/// Text for XML content and attributes.
fn escape(s: &str) -> String {
    crate::text::format::xml_escape(s)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::kpi::{Direction, Fact, Method, YearMonth};

    fn indicator(facts: Vec<(&str, f64, f64)>) -> Indicator {
        Indicator {
            id: "mentees".into(),
            title: "Доля <наставляемых> & «других»".into(),
            unit: "%".into(),
            method: Method::Ratio,
            numerator: None,
            denominator: None,
            plan: [(2023, 50.0), (2024, 70.0)].into_iter().collect(),
            facts: facts
                .into_iter()
                .map(|(p, n, d)| Fact {
                    period: YearMonth::parse(p).expect("period"),
                    numerator: Some(n),
                    denominator: Some(d),
                    value: None,
                })
                .collect(),
            direction: Direction::Up,
        }
    }

    #[test]
    fn the_chart_has_a_text_alternative_with_every_number() {
        let svg = kpi_chart(
            &indicator(vec![("2024-05", 412.0, 640.0)]),
            &[2023, 2024],
            "mentees",
        );
        assert!(svg.starts_with("<svg class=\"kpi-chart\""), "{svg}");
        assert!(svg.contains(r#"role="img" aria-labelledby="grafik-mentees""#));
        assert!(svg.contains(
            "<title id=\"grafik-mentees\">График «Доля &lt;наставляемых&gt; &amp; «других»»: 2023\u{a0}год — план 50\u{a0}%, факт нет данных; 2024\u{a0}год — план 70\u{a0}%, факт 64,4\u{a0}%.</title>"
        ), "{svg}");
        assert_eq!(svg.matches("<rect").count(), 1);
        assert_eq!(svg.matches("<circle").count(), 2);
        assert!(svg.contains("<polyline"));
        assert!(!svg.contains("<script"));
        assert!(svg.ends_with("</svg>"));
    }

    #[test]
    fn the_value_axis_is_round() {
        assert_eq!(scale_top(true, [64.4, 70.0].into_iter()), 100.0);
        assert_eq!(scale_top(true, [11.1, 10.0].into_iter()), 20.0);
        assert_eq!(scale_top(true, [100.0].into_iter()), 100.0);
        assert_eq!(scale_top(true, std::iter::empty()), 100.0);
        assert_eq!(scale_top(false, [3.0, 4.0].into_iter()), 5.0);
        assert_eq!(scale_top(false, [120.0].into_iter()), 200.0);
        assert_eq!(scale_top(false, [1300.0].into_iter()), 2000.0);
        assert_eq!(scale_top(false, std::iter::empty()), 1.0);
        assert_eq!(scale_top(false, [f64::MAX].into_iter()), f64::MAX);
    }
}
