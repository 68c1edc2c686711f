//! Messages in the reader's language.
//!
//! Every error, warning and note plantrack prints is a [`Text`]: the
//! message written in Chinese and in English where it is made, with the
//! same parameters (file names, cells and ids quoted as they are), and
//! shown in the language of the run when it is printed. The language of
//! the run is set once, early, by the command ([`set_lang`]): `--lang`,
//! else `PLANTRACK_LANG`, else the plan's (Chinese for a Chinese plan, and
//! Chinese before any plan is read).

use std::fmt;
use std::sync::atomic::{AtomicBool, AtomicU8, Ordering};

/// The language of people-facing output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, clap::ValueEnum)]
pub enum Lang {
    /// Chinese (中文).
    Zh,
    /// English.
    En,
}

impl Lang {
    /// The language `PLANTRACK_LANG` names (`zh`, `en`, or a locale such
    /// as `zh_CN.UTF-8`), if it is set and names one.
    pub fn from_env() -> Option<Lang> {
        let value = std::env::var("PLANTRACK_LANG").ok()?;
        let value = value.trim().to_ascii_lowercase();
        if value.starts_with("zh") {
            Some(Lang::Zh)
        } else if value.starts_with("en") {
            Some(Lang::En)
        } else {
            None
        }
    }
}

/// The language of the run's messages: 0 Chinese, 1 English. Chinese
/// until a command says otherwise; the library's own unit tests read
/// English.
static LANG: AtomicU8 = AtomicU8::new(if cfg!(test) { 1 } else { 0 });

/// Whether the run's language was asked for (`--lang`, `PLANTRACK_LANG`),
/// so that a plan's own language does not override it.
static CHOSEN: AtomicBool = AtomicBool::new(false);

/// Sets the run's language from `--lang` if given, else `PLANTRACK_LANG`;
/// with neither, Chinese until [`follow`] hears the plan's.
pub fn choose(given: Option<Lang>) {
    let chosen = given.or_else(Lang::from_env);
    CHOSEN.store(chosen.is_some(), Ordering::Relaxed);
    set_lang(chosen.unwrap_or(Lang::Zh));
}

/// The plan's (or a saved report's) language, taken unless the run's was
/// chosen; the language now in force.
pub fn follow(lang: Lang) -> Lang {
    if !CHOSEN.load(Ordering::Relaxed) {
        set_lang(lang);
    }
    self::lang()
}

/// Sets the language messages are shown in from now on.
pub fn set_lang(lang: Lang) {
    LANG.store(
        match lang {
            Lang::Zh => 0,
            Lang::En => 1,
        },
        Ordering::Relaxed,
    );
}

/// The language messages are shown in.
pub fn lang() -> Lang {
    match LANG.load(Ordering::Relaxed) {
        1 => Lang::En,
        _ => Lang::Zh,
    }
}

/// A message in both languages; shown in the run's language.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Text {
    zh: String,
    en: String,
}

impl Text {
    /// A message as written in each language.
    pub fn new(zh: impl Into<String>, en: impl Into<String>) -> Text {
        Text {
            zh: zh.into(),
            en: en.into(),
        }
    }

    /// The message in `lang`.
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Zh => &self.zh,
            Lang::En => &self.en,
        }
    }

    /// The message after `place` (`file:line: message`), in each language.
    pub fn at(&self, place: impl fmt::Display) -> Text {
        Text::new(
            format!("{place}：{}", self.zh),
            format!("{place}: {}", self.en),
        )
    }

    /// `items` one after another, `separator` between them.
    pub fn join(items: &[Text], separator: &Text) -> Text {
        let mut out = Text::default();
        for (i, item) in items.iter().enumerate() {
            if i > 0 {
                out = out.then(separator);
            }
            out = out.then(item);
        }
        out
    }

    /// This message followed by `more`, each in its language.
    pub fn then(mut self, more: &Text) -> Text {
        self.zh.push_str(&more.zh);
        self.en.push_str(&more.en);
        self
    }
}

/// A text that is the same in both languages: a message that quotes only
/// what the user wrote, or one not yet written in Chinese.
impl From<String> for Text {
    fn from(text: String) -> Text {
        Text::new(text.clone(), text)
    }
}

impl From<&str> for Text {
    fn from(text: &str) -> Text {
        Text::from(text.to_string())
    }
}

impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.get(lang()))
    }
}

/// Writes a [`Text`] from a Chinese and an English format string with the
/// same arguments: `tr!("第{n}行", "line {n}")`. After a `;`, names bound
/// to texts are each written in the string's own language:
/// `tr!("{what}有误", "{what} is wrong"; what = section.text())`.
#[macro_export]
macro_rules! tr {
    ($zh:literal, $en:literal; $($name:ident = $text:expr),+ $(,)?) => {{
        $(let $name: $crate::msg::Text = $text;)+
        $crate::msg::Text::new(
            {
                $(let $name = $name.get($crate::msg::Lang::Zh);)+
                format!($zh)
            },
            {
                $(let $name = $name.get($crate::msg::Lang::En);)+
                format!($en)
            },
        )
    }};
    ($zh:literal, $en:literal $(, $arg:expr)* $(,)?) => {
        $crate::msg::Text::new(format!($zh $(, $arg)*), format!($en $(, $arg)*))
    };
}

/// An operating-system error in `lang`: the common kinds in Chinese
/// words, the system's own text in English (and for the rest).
pub fn io_error(err: &std::io::Error, lang: Lang) -> String {
    use std::io::ErrorKind;
    if lang == Lang::En {
        return err.to_string();
    }
    let words = match err.kind() {
        ErrorKind::NotFound => "文件或目录不存在",
        ErrorKind::PermissionDenied => "没有访问权限",
        ErrorKind::AlreadyExists => "文件已存在",
        ErrorKind::IsADirectory => "这是一个目录，不是文件",
        ErrorKind::NotADirectory => "路径中有一段不是目录",
        ErrorKind::DirectoryNotEmpty => "目录不为空",
        ErrorKind::ReadOnlyFilesystem => "文件系统只读",
        ErrorKind::StorageFull => "磁盘已满",
        ErrorKind::InvalidData => "数据无效",
        ErrorKind::UnexpectedEof => "文件意外结束",
        ErrorKind::OutOfMemory => "内存不足",
        ErrorKind::Interrupted => "操作被中断",
        ErrorKind::BrokenPipe => "管道已关闭",
        _ => return format!("系统错误：{err}"),
    };
    match err.raw_os_error() {
        Some(code) => format!("{words}（系统错误 {code}）"),
        None => words.to_string(),
    }
}

/// An error and its causes as one line, each cause in the run's language
/// (an operating-system error through [`io_error`]) and with control
/// characters but the line breaks between problems escaped: what `main`
/// prints.
pub fn chain(err: &anyhow::Error) -> String {
    let sep = match lang() {
        Lang::Zh => "：",
        Lang::En => ": ",
    };
    let mut out = String::new();
    for (i, cause) in err.chain().enumerate() {
        if i > 0 {
            out.push_str(sep);
        }
        let text = match cause.downcast_ref::<std::io::Error>() {
            Some(io) => io_error(io, lang()),
            None => cause.to_string(),
        };
        out.push_str(&text);
    }
    crate::diag::escape_text(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_text_is_shown_in_the_language_asked_for() {
        let file = "a.csv";
        let text = tr!("无法读取{file}", "cannot read {file}");
        assert_eq!(text.get(Lang::Zh), "无法读取a.csv");
        assert_eq!(text.get(Lang::En), "cannot read a.csv");
        let sub = tr!("规划", "the plan");
        let both = tr!("{sub}有误", "{sub} is wrong"; sub = sub);
        assert_eq!(both.get(Lang::Zh), "规划有误");
        assert_eq!(both.get(Lang::En), "the plan is wrong");
        let at = text.at("a.csv:3");
        assert_eq!(at.get(Lang::Zh), "a.csv:3：无法读取a.csv");
        assert_eq!(at.get(Lang::En), "a.csv:3: cannot read a.csv");
    }

    #[test]
    fn system_errors_have_chinese_words() {
        let err = std::io::Error::from_raw_os_error(2);
        assert_eq!(io_error(&err, Lang::Zh), "文件或目录不存在（系统错误 2）");
        assert!(io_error(&err, Lang::En).starts_with("No such file"));
    }
}
