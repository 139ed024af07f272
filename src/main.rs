//! The `nastavnik` command line: parse arguments, call the library, print
//! diagnostics, set the exit code.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use clap::{ArgAction, Args, CommandFactory, FromArgMatches, Parser, Subcommand};

use nastavnik::serve::ServeOptions;
use nastavnik::{build, check, resolve_today, scaffold, Options, Outcome};

const HELP_TEMPLATE: &str = "\
{before-help}{about-with-newline}
Использование: {usage}

{all-args}{after-help}";

#[derive(Parser)]
#[command(
    name = "nastavnik",
    version,
    about = "Генератор раздела «Наставничество» для сайтов школ, колледжей и управлений образования",
    help_template = HELP_TEMPLATE,
    disable_help_flag = true,
    disable_version_flag = true,
    disable_help_subcommand = true,
    subcommand_help_heading = "Команды",
    subcommand_value_name = "КОМАНДА",
    next_help_heading = "Параметры"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// Показать справку
    #[arg(short = 'h', long = "help", action = ArgAction::Help, global = true)]
    help: Option<bool>,
    /// Показать версию
    #[arg(short = 'V', long = "version", action = ArgAction::Version)]
    version: Option<bool>,
}

#[derive(Args)]
#[command(next_help_heading = "Параметры")]
struct SiteArgs {
    /// Папка сайта с файлом site.yaml (по умолчанию текущая)
    #[arg(
        long,
        value_name = "ПАПКА",
        default_value = ".",
        hide_default_value = true
    )]
    root: PathBuf,
    /// «Сегодня» для статусов и согласий: ГГГГ-ММ-ДД (иначе SOURCE_DATE_EPOCH, иначе текущая дата)
    #[arg(long, value_name = "ГГГГ-ММ-ДД")]
    date: Option<String>,
}

#[derive(Subcommand)]
enum Command {
    /// Собрать сайт в папку public/ (старая версия заменяется, только если сборка прошла без ошибок)
    #[command(
        help_template = HELP_TEMPLATE,
        override_usage = "nastavnik build [--root ПАПКА] [--output ПАПКА] [--date ГГГГ-ММ-ДД]"
    )]
    Build {
        #[command(flatten)]
        site: SiteArgs,
        /// Папка для результата (по умолчанию ПАПКА_САЙТА/public)
        #[arg(long, value_name = "ПАПКА")]
        output: Option<PathBuf>,
    },
    /// Проверить сайт без записи файлов; код выхода 1 при ошибках
    #[command(
        help_template = HELP_TEMPLATE,
        override_usage = "nastavnik check [--root ПАПКА] [--date ГГГГ-ММ-ДД] [--strict]"
    )]
    Check {
        #[command(flatten)]
        site: SiteArgs,
        /// Считать ошибками и предупреждения (например, скрытые без согласия поля)
        #[arg(long)]
        strict: bool,
    },
    /// Собрать сайт во временную папку и показать его в браузере, пересобирая при каждом изменении файлов
    #[command(
        help_template = HELP_TEMPLATE,
        override_usage = "nastavnik serve [--root ПАПКА] [--date ГГГГ-ММ-ДД] [--port ПОРТ] [--open] [--poll] [--interface АДРЕС]"
    )]
    Serve {
        #[command(flatten)]
        site: SiteArgs,
        /// Порт (по умолчанию 1111; если он занят — следующий свободный; 0 — любой свободный)
        #[arg(long, value_name = "ПОРТ", default_value_t = nastavnik::serve::DEFAULT_PORT, hide_default_value = true)]
        port: u16,
        /// Открыть сайт в браузере
        #[arg(long)]
        open: bool,
        /// Проверять файлы по таймеру, а не по уведомлениям системы (WSL, сетевые диски, Docker)
        #[arg(long)]
        poll: bool,
        /// Адрес, на котором слушать (по умолчанию 127.0.0.1 — только этот компьютер)
        #[arg(long, value_name = "АДРЕС")]
        interface: Option<std::net::IpAddr>,
    },
    /// Создать новый сайт с примером содержимого и темой
    #[command(help_template = HELP_TEMPLATE)]
    Init {
        /// Новая или пустая папка
        #[arg(value_name = "ПАПКА", help_heading = "Аргументы")]
        dir: PathBuf,
    },
    /// Пакеты школ (bundle.json) для сборки района
    #[command(
        help_template = HELP_TEMPLATE,
        subcommand_help_heading = "Команды",
        subcommand_value_name = "КОМАНДА"
    )]
    Bundle {
        #[command(subcommand)]
        action: BundleCommand,
    },
    /// Создать черновик материала с полями-подсказками (draft: true: на сайт он попадёт, когда вы удалите эту строку)
    #[command(
        help_template = HELP_TEMPLATE,
        override_usage = "nastavnik new practice|program|contest|news|document|mentor|page \"Название\" [--root ПАПКА] [--date ГГГГ-ММ-ДД]"
    )]
    New {
        /// Вид: practice (практика), program (программа), contest (конкурс), news (новость), document (документ), mentor (наставник), page (страница)
        #[arg(value_name = "ВИД", help_heading = "Аргументы")]
        kind: String,
        /// Название (из него получится имя файла)
        #[arg(value_name = "НАЗВАНИЕ", help_heading = "Аргументы")]
        title: String,
        #[command(flatten)]
        site: SiteArgs,
    },
    /// Перенести дорожную карту или показатели из таблицы Word, Excel или CSV в data/roadmap.yaml или data/kpi.yaml
    #[command(
        help_template = HELP_TEMPLATE,
        override_usage = "nastavnik import roadmap|kpi ФАЙЛ [--root ПАПКА] [--output ПУТЬ] [--force]"
    )]
    Import {
        /// Что перенести: roadmap (дорожная карта) или kpi (показатели по годам)
        #[arg(value_name = "ЧТО")]
        what: String,
        /// Файл .docx, .xlsx, .csv или .tsv (UTF-8 или Windows-1251; разделитель «;», табуляция или «,»)
        #[arg(value_name = "ФАЙЛ")]
        file: PathBuf,
        /// Куда записать (по умолчанию data/roadmap.yaml или data/kpi.yaml сайта)
        #[arg(long, value_name = "ПУТЬ")]
        output: Option<PathBuf>,
        /// Заменить файл, если он уже есть
        #[arg(long)]
        force: bool,
        #[command(flatten)]
        site: SiteArgs,
    },
}

#[derive(Subcommand)]
enum BundleCommand {
    /// Проверить полученные пакеты: все ошибки каждого файла; код выхода 1 при ошибках
    #[command(
        help_template = HELP_TEMPLATE,
        override_usage = "nastavnik bundle check ФАЙЛ|ПАПКА..."
    )]
    Check {
        /// Файлы bundle.json или папки с ними
        #[arg(value_name = "ФАЙЛ|ПАПКА", required = true)]
        files: Vec<PathBuf>,
    },
}

fn main() -> ExitCode {
    let matches = match Cli::command().try_get_matches() {
        Ok(m) => m,
        Err(e) => return usage_error(&e),
    };
    let cli = match Cli::from_arg_matches(&matches) {
        Ok(c) => c,
        Err(e) => return usage_error(&e),
    };
    match cli.command {
        Command::Build { site, output } => {
            let Some(opts) = options(&site, output, false) else {
                return ExitCode::FAILURE;
            };
            let started = Instant::now();
            let had_site = opts.output_dir().join("index.html").is_file();
            let outcome = build(&opts);
            report(&outcome, &opts.root);
            if outcome.has_errors() {
                if had_site {
                    eprintln!("Сборка не выполнена, прежняя версия сайта не изменена.");
                } else {
                    eprintln!("Сборка не выполнена: исправьте ошибки выше и запустите её снова.");
                }
                return ExitCode::FAILURE;
            }
            report_drafts(&opts.root);
            let stats = outcome.stats.unwrap_or_default();
            println!(
                "Готово: {} в {} за {:.2} с (записано файлов: {}, без изменений: {}, удалено: {}).",
                count(outcome.pages, "страница", "страницы", "страниц"),
                opts.output_dir().display(),
                started.elapsed().as_secs_f64(),
                stats.written,
                stats.unchanged,
                stats.removed
            );
            ExitCode::SUCCESS
        }
        Command::Check { site, strict } => {
            let Some(opts) = options(&site, None, strict) else {
                return ExitCode::FAILURE;
            };
            let outcome = check(&opts);
            report(&outcome, &opts.root);
            if outcome.has_errors() {
                ExitCode::FAILURE
            } else {
                println!(
                    "Ошибок нет: {}.",
                    count(outcome.pages, "страница", "страницы", "страниц")
                );
                ExitCode::SUCCESS
            }
        }
        Command::Serve {
            site,
            port,
            open,
            poll,
            interface,
        } => {
            let Some(opts) = options(&site, None, false) else {
                return ExitCode::FAILURE;
            };
            let mut serve = ServeOptions::new(&opts.root, opts.today);
            serve.port = port;
            serve.open = open;
            serve.poll = poll;
            if let Some(ip) = interface {
                serve.interface = ip;
            }
            match nastavnik::serve::run(&serve) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("ошибка: {e}");
                    ExitCode::FAILURE
                }
            }
        }
        Command::Init { dir } => match scaffold::init(&dir) {
            Ok(n) => {
                println!(
                    "Создан сайт в {} ({n} файлов). Соберите его: nastavnik build --root {}",
                    dir.display(),
                    dir.display()
                );
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("ошибка: {e:#}");
                ExitCode::FAILURE
            }
        },
        Command::Bundle {
            action: BundleCommand::Check { files },
        } => bundle_check(&files),
        Command::New { kind, title, site } => {
            let Some(opts) = options(&site, None, false) else {
                return ExitCode::FAILURE;
            };
            let created = scaffold::kind_folder(&kind)
                .and_then(|_| scaffold::find_site(&opts.root))
                .and_then(|root| scaffold::new_item(&root, &kind, &title, opts.today));
            match created {
                Ok(c) => {
                    if let Some((slug, holder)) = &c.taken {
                        println!(
                            "Адрес «{slug}» уже занят ({}), поэтому новый материал получил адрес «{}».",
                            shown(holder).display(),
                            c.slug
                        );
                    }
                    println!("Создан черновик {}", shown(&c.path).display());
                    println!(
                        "Замените подсказки своими данными и удалите строку draft: true — тогда материал появится на сайте. Посмотреть черновик: nastavnik serve"
                    );
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!("ошибка: {e:#}");
                    ExitCode::FAILURE
                }
            }
        }
        Command::Import {
            what,
            file,
            output,
            force,
            site,
        } => import_command(&what, file, output, force, &site),
    }
}

/// `nastavnik import roadmap|kpi FILE`.
fn import_command(
    what: &str,
    file: PathBuf,
    output: Option<PathBuf>,
    force: bool,
    site: &SiteArgs,
) -> ExitCode {
    use nastavnik::import::{self, ImportOptions, Kind};
    let kind = match what {
        "roadmap" => Kind::Roadmap,
        "kpi" => Kind::Kpi,
        other => {
            eprintln!("ошибка: неизвестно, что переносить: «{other}»\n  подсказка: nastavnik import roadmap ФАЙЛ — дорожная карта, nastavnik import kpi ФАЙЛ — показатели");
            return ExitCode::from(2);
        }
    };
    let Some(opts) = options(site, None, false) else {
        return ExitCode::FAILURE;
    };
    let output = match output {
        Some(o) => o,
        None => match site_root(&opts.root) {
            Some(root) => root.join(kind.default_path()),
            None => {
                eprintln!(
                    "ошибка: в папке {} и выше нет файла site.yaml\n  подсказка: укажите папку сайта (--root ПАПКА) или файл для записи (--output ПУТЬ)",
                    opts.root.display()
                );
                return ExitCode::FAILURE;
            }
        },
    };
    let outcome = import::run(&ImportOptions {
        kind,
        file: file.clone(),
        output,
        force,
        today: opts.today,
    });
    report(
        &Outcome {
            diagnostics: outcome.diagnostics,
            ..Outcome::default()
        },
        std::path::Path::new("."),
    );
    match outcome.written {
        Some((path, n)) => {
            let what = match kind {
                Kind::Roadmap => count(n, "пункт", "пункта", "пунктов"),
                Kind::Kpi => count(n, "показатель", "показателя", "показателей"),
            };
            println!(
                "Записано: {} — {what} из {}. Проверьте сайт: nastavnik check",
                path.display(),
                file.display()
            );
            ExitCode::SUCCESS
        }
        None => ExitCode::FAILURE,
    }
}

/// The folder with `site.yaml`: `start` or the nearest folder above it.
fn site_root(start: &std::path::Path) -> Option<PathBuf> {
    if start.join("site.yaml").is_file() {
        return Some(start.to_path_buf());
    }
    let start = std::fs::canonicalize(start).ok()?;
    start
        .ancestors()
        .find(|dir| dir.join("site.yaml").is_file())
        .map(std::path::Path::to_path_buf)
}

/// Prints help and version as clap renders them, and argument errors in Russian.
fn usage_error(e: &clap::Error) -> ExitCode {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    if matches!(e.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion) {
        let _ = e.print();
        return ExitCode::SUCCESS;
    }
    if e.kind() == ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand {
        let _ = e.print();
        return ExitCode::from(2);
    }
    let context = |kind: ContextKind| match e.get(kind) {
        Some(ContextValue::String(s)) => s.clone(),
        Some(ContextValue::Strings(v)) => v.join(", "),
        Some(other) => other.to_string(),
        None => String::new(),
    };
    let message = match e.kind() {
        ErrorKind::UnknownArgument => format!(
            "неизвестный параметр «{}»",
            context(ContextKind::InvalidArg)
        ),
        ErrorKind::InvalidSubcommand => format!(
            "неизвестная команда «{}»",
            context(ContextKind::InvalidSubcommand)
        ),
        ErrorKind::MissingRequiredArgument => {
            format!("не указано: {}", context(ContextKind::InvalidArg))
        }
        ErrorKind::MissingSubcommand => "не указана команда".to_string(),
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => format!(
            "недопустимое значение «{}» для {}",
            context(ContextKind::InvalidValue),
            context(ContextKind::InvalidArg)
        ),
        ErrorKind::TooManyValues | ErrorKind::ArgumentConflict => {
            format!("лишний аргумент «{}»", context(ContextKind::InvalidValue))
        }
        ErrorKind::NoEquals | ErrorKind::WrongNumberOfValues | ErrorKind::TooFewValues => {
            format!(
                "неверное число значений для {}",
                context(ContextKind::InvalidArg)
            )
        }
        _ => "неверные параметры командной строки".to_string(),
    };
    let suggested = context(ContextKind::SuggestedSubcommand) + &context(ContextKind::SuggestedArg);
    if suggested.is_empty() {
        eprintln!("ошибка: {message}\n  подсказка: список команд и параметров — nastavnik --help");
    } else {
        eprintln!("ошибка: {message}\n  подсказка: возможно, имелось в виду «{suggested}»; список команд — nastavnik --help");
    }
    ExitCode::from(2)
}

fn options(site: &SiteArgs, output: Option<PathBuf>, strict: bool) -> Option<Options> {
    let epoch = std::env::var("SOURCE_DATE_EPOCH").ok();
    match resolve_today(site.date.as_deref(), epoch.as_deref()) {
        Ok(today) => Some(Options {
            root: site.root.clone(),
            output,
            today,
            strict,
        }),
        Err(e) => {
            eprintln!("ошибка: {e}");
            None
        }
    }
}

/// `nastavnik bundle check`: every problem of every file, then one line per good file.
fn bundle_check(files: &[PathBuf]) -> ExitCode {
    let (received, problems) = nastavnik::bundle::check_files(files);
    let outcome = Outcome {
        diagnostics: problems,
        ..Outcome::default()
    };
    report(&outcome, Path::new("."));
    for r in &received {
        if !outcome.diagnostics.iter().any(|d| d.path == r.path) {
            println!(
                "{}: в порядке — «{}», {}",
                r.path.display(),
                r.bundle.organization.name,
                count(r.bundle.practices.len(), "практика", "практики", "практик")
            );
        }
    }
    if outcome.has_errors() {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

/// A path as the user would type it from the folder they stand in.
fn shown(path: &Path) -> PathBuf {
    match std::env::current_dir() {
        Ok(cwd) => path
            .strip_prefix(&cwd)
            .map(Path::to_path_buf)
            .unwrap_or_else(|_| path.to_path_buf()),
        Err(_) => path.to_path_buf(),
    }
}

fn report(outcome: &Outcome, root: &Path) {
    for d in &outcome.diagnostics {
        let mut d = d.clone();
        d.path = nastavnik::diagnostics::from_where_user_stands(root, &d.path);
        eprintln!("{d}");
    }
    let errors = outcome.diagnostics.iter().filter(|d| d.is_error()).count();
    let warnings = outcome.diagnostics.len() - errors;
    if errors + warnings > 0 {
        eprintln!(
            "Итого: {}, {}.",
            count(errors, "ошибка", "ошибки", "ошибок"),
            count(
                warnings,
                "предупреждение",
                "предупреждения",
                "предупреждений"
            )
        );
    }
}

/// One line per draft left out of the site.
fn report_drafts(root: &Path) {
    let drafts = nastavnik::load::drafts::list(root);
    if drafts.is_empty() {
        return;
    }
    println!(
        "Не опубликованы ({}, draft: true):",
        count(drafts.len(), "черновик", "черновика", "черновиков")
    );
    for d in &drafts {
        let path = nastavnik::diagnostics::from_where_user_stands(root, &d.path);
        match d.title.as_str() {
            "" => println!("  черновик: {}", path.display()),
            t if t.starts_with('«') => println!("  черновик: {} {t}", path.display()),
            t => println!("  черновик: {} «{t}»", path.display()),
        }
    }
}

fn count(n: usize, one: &str, few: &str, many: &str) -> String {
    nastavnik::text::format::count(n, one, few, many).replace('\u{a0}', " ")
}
