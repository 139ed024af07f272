//! Contest status computed from "today".

use chrono::NaiveDate;
use serde::Serialize;

/// Where a contest stands on a given day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ContestStatus {
    Announced,
    Accepting,
    Judging,
    Finished,
}

impl ContestStatus {
    /// Russian label for pages.
    pub fn label(self) -> &'static str {
        match self {
            ContestStatus::Announced => "объявлен",
            ContestStatus::Accepting => "приём заявок",
            ContestStatus::Judging => "подведение итогов",
            ContestStatus::Finished => "завершён",
        }
    }
}

/// announced → accepting (from `announced` to `submissions_until` inclusive) →
/// judging (until the day before `results_date`) → finished.
pub fn status(
    today: NaiveDate,
    announced: NaiveDate,
    submissions_until: NaiveDate,
    results: NaiveDate,
) -> ContestStatus {
    if today < announced {
        ContestStatus::Announced
    } else if today <= submissions_until {
        ContestStatus::Accepting
    } else if today < results {
        ContestStatus::Judging
    } else {
        ContestStatus::Finished
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn status_moves_with_today() {
        let (a, s, r) = (d("2024-03-01"), d("2024-04-15"), d("2024-05-20"));
        assert_eq!(status(d("2024-02-29"), a, s, r), ContestStatus::Announced);
        assert_eq!(status(d("2024-03-01"), a, s, r), ContestStatus::Accepting);
        assert_eq!(status(d("2024-04-15"), a, s, r), ContestStatus::Accepting);
        assert_eq!(status(d("2024-04-16"), a, s, r), ContestStatus::Judging);
        assert_eq!(status(d("2024-05-20"), a, s, r), ContestStatus::Finished);
    }
}
