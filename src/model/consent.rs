//! Consent to the distribution of personal data (152-ФЗ ст. 10.1): which of a
//! mentor's fields may be published on a given day.

use chrono::NaiveDate;

/// A mentor's field that may appear on the site.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PersonField {
    Name,
    Position,
    Subject,
    Experience,
    Category,
    Forms,
    Photo,
    Bio,
}

impl PersonField {
    pub const ALL: [PersonField; 8] = [
        PersonField::Name,
        PersonField::Position,
        PersonField::Subject,
        PersonField::Experience,
        PersonField::Category,
        PersonField::Forms,
        PersonField::Photo,
        PersonField::Bio,
    ];

    /// The field's name as written in content files.
    pub fn key(self) -> &'static str {
        match self {
            PersonField::Name => "name",
            PersonField::Position => "position",
            PersonField::Subject => "subject",
            PersonField::Experience => "experience",
            PersonField::Category => "category",
            PersonField::Forms => "forms",
            PersonField::Photo => "photo",
            PersonField::Bio => "bio",
        }
    }

    pub fn parse(s: &str) -> Option<PersonField> {
        PersonField::ALL.into_iter().find(|f| f.key() == s.trim())
    }
}

/// A consent as written in a mentor's file.
#[derive(Debug, Clone, PartialEq)]
pub struct Consent {
    pub date: NaiveDate,
    pub fields: Vec<PersonField>,
    pub until: Option<NaiveDate>,
    pub withdrawn: Option<NaiveDate>,
}

/// Why nothing of a person may be published today.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConsentGap {
    Missing,
    NotYetGiven,
    Expired(NaiveDate),
    Withdrawn(NaiveDate),
}

impl Consent {
    /// The fields allowed on `today`, or why none are.
    pub fn allowed(&self, today: NaiveDate) -> Result<&[PersonField], ConsentGap> {
        if today < self.date {
            return Err(ConsentGap::NotYetGiven);
        }
        if let Some(w) = self.withdrawn.filter(|w| today >= *w) {
            return Err(ConsentGap::Withdrawn(w));
        }
        if let Some(u) = self.until.filter(|u| today > *u) {
            return Err(ConsentGap::Expired(u));
        }
        Ok(&self.fields)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn consent_window() {
        let c = Consent {
            date: d("2024-01-15"),
            fields: vec![PersonField::Name],
            until: Some(d("2027-01-15")),
            withdrawn: Some(d("2026-03-01")),
        };
        assert_eq!(c.allowed(d("2024-01-14")), Err(ConsentGap::NotYetGiven));
        assert_eq!(c.allowed(d("2024-01-15")).unwrap(), &[PersonField::Name]);
        assert_eq!(
            c.allowed(d("2026-03-01")),
            Err(ConsentGap::Withdrawn(d("2026-03-01")))
        );
        let c = Consent {
            withdrawn: None,
            ..c
        };
        assert!(c.allowed(d("2027-01-15")).is_ok());
        assert_eq!(
            c.allowed(d("2027-01-16")),
            Err(ConsentGap::Expired(d("2027-01-15")))
        );
    }
}
