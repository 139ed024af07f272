use std::time::Instant;
fn main() {
    let root = std::path::PathBuf::from(std::env::args().nth(1).unwrap());
    let mode = std::env::args().nth(2).unwrap_or("body".into());
    let today = nastavnik::load::yaml::parse_ymd("2024-06-01").unwrap();
    let out = tempfile::tempdir().unwrap();
    let mut live = nastavnik::serve::LiveSite::new(&root, today, out.path());
    let t = Instant::now();
    let r = live.build_all();
    eprintln!(
        "initial {:?} pages {} written {}",
        t.elapsed(),
        r.pages,
        r.written
    );
    let file = live.root().join("content/practices/p05000.md");
    let orig = std::fs::read_to_string(&file).unwrap();
    for k in 0..6 {
        let text = match mode.as_str() {
            "title" => orig.replacen("title: \"", &format!("title: \"{k} "), 1),
            "tags" => orig.replacen("tags: [", &format!("tags: [новый{k}, "), 1),
            _ => format!("{orig}\nПравка {k}.\n"),
        };
        std::fs::write(&file, text).unwrap();
        let t = Instant::now();
        let r = live.rebuild(&[file.clone()]);
        eprintln!(
            "{mode} {:?} load {:?} rendered {} written {} removed {} errors {}",
            t.elapsed(),
            r.load,
            r.rendered,
            r.written,
            r.removed,
            r.has_errors()
        );
    }
    std::fs::write(&file, orig).unwrap();
    let r = live.rebuild(&[file.clone()]);
    eprintln!("restore {:?}", r.elapsed);
}
