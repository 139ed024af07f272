//! The search script stems like the index: the Snowball Russian stemmer of
//! `themes/default/static/assets/search.js`, run under Node, gives the same
//! stem as `rust-stemmers` for every distinct word of the example section and
//! of the 10 000-practice bench site, and for every ending of the algorithm
//! put after real roots (so each branch of the algorithm is exercised).

use std::collections::BTreeSet;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

use nastavnik::search::text;

use crate::common::repo;

/// Every normalized word of the text files under `dir`.
fn words_of_dir(dir: &Path, into: &mut BTreeSet<String>) {
    for entry in walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
    {
        let p = entry.path();
        let ext = p.extension().and_then(|e| e.to_str()).unwrap_or("");
        if !entry.file_type().is_file() || !matches!(ext, "md" | "yaml" | "yml") {
            continue;
        }
        let s = std::fs::read_to_string(p).unwrap_or_default();
        text::words(&s, |w| {
            into.insert(w.to_string());
        });
    }
}

fn words_of(s: &str, into: &mut BTreeSet<String>) {
    text::words(s, |w| {
        into.insert(w.to_string());
    });
}

/// Stems `words` with the script under Node.
fn js_stems(words: &[&String]) -> Vec<String> {
    let script = repo().join("themes/default/static/assets/search.js");
    let program = format!(
        "const s = require({:?}); let buf = ''; process.stdin.setEncoding('utf8');\
         process.stdin.on('data', (d) => buf += d);\
         process.stdin.on('end', () => {{ const out = buf.split('\\n').filter(Boolean).map((w) => s.stem(w)); process.stdout.write(out.join('\\n') + '\\n'); }});",
        script.display().to_string()
    );
    let mut child = Command::new("node")
        .args(["-e", &program])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("node не запускается: установите Node.js 20+");
    let input: String = words.iter().map(|w| format!("{w}\n")).collect();
    let mut stdin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(str::to_string)
        .collect()
}

/// The endings of every step of the algorithm.
const ENDINGS: &str = "в вши вшись ив ивши ившись ыв ывши ывшись ее ие ые ое ими ыми ей ий ый ой ем им ым ом \
    его ого ему ому их ых ую юю ая яя ою ею ем нн вш ющ щ ивш ывш ующ ся сь ла на ете йте ли й л н ло но \
    ет ют ны ть ешь нно ила ыла ена ейте уйте ите или ыли уй ил ыл ен ило ыло ено ят ует уют ит ыт ены \
    ить ыть ишь ю а ев ов ье е иями ями ами еи ии и ией иям ям ием ам о у ах иях ях ы ь ию ью ия ья я \
    ост ость ейш ейше нн ннь ающий ающийся явшись авшись ившийся ующийся ованность ейшая остью";

#[test]
fn the_script_stems_every_word_like_rust_stemmers() {
    let root = repo();
    let mut words = BTreeSet::new();
    // The example section (what `init --example` writes, at the repository's root).
    for part in ["content", "data"] {
        words_of_dir(&root.join(part), &mut words);
    }
    words_of(
        &std::fs::read_to_string(root.join("site.yaml")).unwrap(),
        &mut words,
    );
    let example = words.len();

    // The bench site: bench/gen_site.py assembles its text from the phrases
    // written in its own source, so the words of the source are every word
    // the 10 000-practice site can hold. That is checked below on a small
    // generated site rather than assumed.
    let gen = std::fs::read_to_string(root.join("bench/gen_site.py")).unwrap();
    let mut bench = BTreeSet::new();
    words_of(&gen, &mut bench);
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    let status = Command::new("python3")
        .arg(root.join("bench/gen_site.py"))
        .args(["--practices", "300", "--out"])
        .arg(&site)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .expect("python3 не запускается");
    assert!(status.success());
    let mut generated = BTreeSet::new();
    words_of_dir(&site, &mut generated);
    let russian = |w: &&String| w.chars().all(|c| ('а'..='я').contains(&c));
    let missing: Vec<&String> = generated
        .iter()
        .filter(russian)
        .filter(|w| !bench.contains(*w))
        .collect();
    assert!(
        missing.is_empty(),
        "bench/gen_site.py пишет слова, которых нет в его тексте (проверьте их отдельно): {missing:?}"
    );
    words.extend(bench);

    // Every ending after roots of real words.
    let roots: Vec<String> = words
        .iter()
        .filter(|w| russian(w) && w.chars().count() >= 5)
        .step_by(17)
        .take(150)
        .map(|w| w.chars().take(4).collect())
        .collect();
    for r in &roots {
        for e in ENDINGS.split_whitespace() {
            words.insert(format!("{r}{e}"));
        }
    }

    let list: Vec<&String> = words.iter().collect();
    let js = js_stems(&list);
    assert_eq!(
        js.len(),
        list.len(),
        "node вернул не столько основ, сколько слов"
    );
    let differ: Vec<String> = list
        .iter()
        .zip(&js)
        .filter(|(w, j)| text::stem(w) != **j)
        .map(|(w, j)| format!("{w}: rust-stemmers «{}», search.js «{j}»", text::stem(w)))
        .collect();
    assert!(
        differ.is_empty(),
        "{} из {} слов стеммер скрипта понимает иначе:\n{}",
        differ.len(),
        list.len(),
        differ.join("\n")
    );
    assert!(example > 1000, "в примере всего {example} слов");
    assert!(list.len() > 10_000, "всего {} слов", list.len());
}

#[test]
fn the_script_splits_words_like_the_index() {
    let samples =
        "Ёлка «Учитель – учитель», 2023-й год; IT-класс № 5, İstanbul ΣΟΦΙΑ naïve 5а½ ǅemal";
    let mut rust = Vec::new();
    text::words(samples, |w| rust.push(w.to_string()));
    let script = repo().join("themes/default/static/assets/search.js");
    let out = Command::new("node")
        .args([
            "-e",
            &format!(
                "const s = require({:?}); const v = []; s.words(process.argv[1], (w) => v.push(w)); console.log(v.join('|'));",
                script.display().to_string()
            ),
            samples,
        ])
        .output()
        .expect("node");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        String::from_utf8(out.stdout).unwrap().trim(),
        rust.join("|")
    );
}
