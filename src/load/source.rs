//! Reading one content file from disk: links, size and encoding checks.
//! Splitting it and finding the line of a field is [`Source`]'s (a leaf).

use std::path::Path;

use crate::diagnostics::Diagnostic;
use crate::text::source::Source;

/// Content files larger than this are refused (a pasted video, a runaway export).
pub const MAX_FILE_BYTES: u64 = 5 * 1024 * 1024;

/// Reads and splits `file`; `shown` is the path used in messages.
pub fn read(file: &Path, shown: &Path) -> Result<Source, Diagnostic> {
    let bytes = read_limited(file, shown)?;
    let text = decode(bytes, shown)?;
    Ok(Source::from_text(shown, &text))
}

/// Refuses a file that is, or lies under, a symbolic link leading out of the
/// site folder `root` (a content file or folder linked to `/etc/…` or to
/// another site), and a link to a folder.
pub fn check_link(root: &Path, file: &Path, shown: &Path) -> Result<(), Diagnostic> {
    let is_link = std::fs::symlink_metadata(file).is_ok_and(|m| m.file_type().is_symlink());
    let refuse = |why: &str| {
        Err(Diagnostic::error(shown, 0, 0, why.to_string())
            .hint("положите в папку сайта сам файл вместо ссылки на него"))
    };
    let root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    match file.canonicalize() {
        Ok(target) if !target.starts_with(&root) => {
            refuse("ссылка (symlink) ведёт за пределы папки сайта")
        }
        Ok(target) if is_link && target.is_dir() => {
            refuse("ссылка (symlink) на папку не поддерживается")
        }
        Ok(_) => Ok(()),
        Err(_) if is_link => refuse("ссылка (symlink) ведёт на несуществующий файл"),
        // Reading it will say what is wrong.
        Err(_) => Ok(()),
    }
}

/// Reads a file, refusing huge ones before they are loaded into memory.
pub fn read_limited(file: &Path, shown: &Path) -> Result<Vec<u8>, Diagnostic> {
    let meta = std::fs::metadata(file)
        .map_err(|e| Diagnostic::error(shown, 0, 0, format!("не удалось прочитать файл: {e}")))?;
    if meta.len() > MAX_FILE_BYTES {
        return Err(Diagnostic::error(
            shown,
            0,
            0,
            format!(
                "файл слишком большой: {} (допустимо не больше 5 МБ)",
                size_mb(meta.len())
            ),
        )
        .hint("разбейте текст на несколько файлов; большие документы положите в static/ и дайте ссылку"));
    }
    std::fs::read(file)
        .map_err(|e| Diagnostic::error(shown, 0, 0, format!("не удалось прочитать файл: {e}")))
}

/// A file size for the «too big» message: megabytes, or bytes when it is
/// so close to the limit that megabytes would read «5 МБ».
fn size_mb(bytes: u64) -> String {
    let mb = bytes as f64 / (1024.0 * 1024.0);
    if mb >= 5.05 {
        return format!("{} МБ", crate::text::format::decimal(mb, 1));
    }
    let digits = bytes.to_string();
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push(' ');
        }
        grouped.push(c);
    }
    format!("{grouped} байт")
}

/// UTF-8 only; a file saved in Windows-1251 (Word, old editors) is named as such.
pub fn decode(bytes: Vec<u8>, shown: &Path) -> Result<String, Diagnostic> {
    String::from_utf8(bytes).map_err(|err| {
        let bytes = err.as_bytes();
        let offset = err.utf8_error().valid_up_to();
        let line = bytes[..offset].iter().filter(|&&b| b == b'\n').count() + 1;
        let utf16 = bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]);
        let what = if utf16 {
            "файл сохранён не в UTF-8, а в кодировке UTF-16 («Юникод» в Блокноте)"
        } else if looks_like_cp1251(bytes) {
            "файл сохранён не в UTF-8, а, по-видимому, в кодировке Windows-1251"
        } else {
            "файл не в кодировке UTF-8"
        };
        Diagnostic::error(shown, line, 0, what)
            .hint("пересохраните файл в кодировке UTF-8 (в Блокноте: «Сохранить как» → «Кодировка: UTF-8»)")
    })
}

/// Most high bytes fall in the Cyrillic letter range of Windows-1251 (0xC0–0xFF).
fn looks_like_cp1251(bytes: &[u8]) -> bool {
    let high: Vec<u8> = bytes.iter().copied().filter(|b| *b >= 0x80).collect();
    !high.is_empty()
        && high
            .iter()
            .filter(|b| **b >= 0xC0 || **b == 0xA8 || **b == 0xB8)
            .count()
            * 10
            >= high.len() * 8
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cp1251_is_named() {
        // «Привет» in Windows-1251.
        let bytes = vec![0xCF, 0xF0, 0xE8, 0xE2, 0xE5, 0xF2, b'\n'];
        let d = decode(bytes, Path::new("a.md")).unwrap_err();
        assert!(d.message.contains("Windows-1251"), "{d}");
    }

    #[test]
    fn utf16_is_named() {
        let bytes: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("title".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        let d = decode(bytes, Path::new("a.md")).unwrap_err();
        assert!(d.message.contains("UTF-16"), "{d}");
    }
}
