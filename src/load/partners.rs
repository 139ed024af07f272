//! `data/partners.yaml`: the partner organizations and the agreements with them.

use std::path::Path;

use serde::Deserialize;

use super::content;
use crate::diagnostics::Diagnostics;
use crate::model::Partner;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PartnerFm {
    name: String,
    kind: Option<String>,
    description: Option<String>,
    url: Option<String>,
    agreement: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PartnersFm {
    #[serde(default)]
    partners: Vec<PartnerFm>,
}

/// `data/partners.yaml`, if present.
pub fn load(root: &Path, diags: &Diagnostics) -> Vec<Partner> {
    let shown = Path::new("data/partners.yaml");
    let file = root.join(shown);
    if !file.is_file() {
        return Vec::new();
    }
    let src = match super::source::read(&file, shown) {
        Ok(s) => s,
        Err(d) => {
            diags.push(d);
            return Vec::new();
        }
    };
    match content::parse::<PartnersFm>(&src) {
        Ok(fm) => fm
            .partners
            .into_iter()
            .map(|p| Partner {
                name: p.name,
                kind: p.kind,
                description: p.description,
                url: p.url,
                agreement: p
                    .agreement
                    .map(|a| content::strip_kind(&a, "documents").to_string()),
            })
            .collect(),
        Err(ds) => {
            diags.extend(ds);
            Vec::new()
        }
    }
}
