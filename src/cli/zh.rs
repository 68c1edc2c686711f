//! The command line's help in Chinese: every command's and flag's words,
//! the headings and the exit codes, put over clap's definitions (written
//! in English as doc comments) for a Chinese run.

use clap::{Arg, Command};

use crate::assess::Status;
use crate::msg::Lang;

/// `plantrack`'s description.
const ABOUT: &str = "跟踪五年规划的量化指标。";

/// The long description, under `--help`.
const LONG_ABOUT: &str = "跟踪五年规划的量化指标。

plantrack 读取规划的基数与目标（内置襄阳高新区“十四五”规划）和 CSV 或 Excel/WPS 工作簿中的\
逐年实际值，对每项目标给出规划要求的增速、实际增速和尚需增速、差距、进度与时间进度之比，以及\
状态。";

/// The exit codes, as `EXIT_CODES` says them in English.
pub const EXIT_CODES: &str = "\
退出码：
  0  完成
  1  --fail-on 命中：有所报指标处于该状态或更差的状态；
     或 --fail-on-worse 命中：有指标状态变差
     （两种情况都在标准错误上列出指标）
  2  用法错误、输入有误（规划、实际值、参数），或无法写出输出
  130、143、129  --output 就位之前被 SIGINT、SIGTERM 或 SIGHUP 中断
                 （临时文件已删除，旧文件保留）；新文件就位之后信号被忽略，
                 运行照常结束并给出提示";

/// The help page's layout, its headings in Chinese.
const TEMPLATE: &str = "\
{before-help}{about-with-newline}
用法：{usage}

{all-args}{after-help}";

/// Each command's description.
fn about(command: &str) -> Option<&'static str> {
    Some(match command {
        "check" => "校验规划（及给出的实际值），列出每个问题",
        "list" => "列出规划的指标",
        "report" => "评估每项指标并输出报告",
        "diff" => "比较两份保存的 JSON 报告，或同一实际值的两个截至年份：哪些变好，哪些变差",
        "show" => "详细显示一项指标：规划原文、逐年实际值与规划路径、差距、尚需增速及其原因",
        "template" => "生成填报实际值的 CSV 或工作簿，填好后用 --actuals 读回",
        "init" => "为新的规划期生成带注释的规划骨架，每类目标一例，填写后校验",
        "import" => "把规划的主要指标表从工作簿或 CSV 读成规划文件，每处推断都标明待核对",
        "completions" => "输出 shell 补全脚本",
        "man" => "输出手册页（roff）：`plantrack man | man -l -`",
        "help" | "portfolio help" => "显示本帮助或所给命令的帮助",
        "portfolio" => {
            "同时跟踪多个规划（如一个市及其各区）：各成员概况、共有指标对照、排名，以及按上级目标核对的成员汇总"
        }
        "portfolio report" => "评估每个成员的规划并输出组合报告",
        "portfolio check" => "校验组合文件、每个成员的规划和实际值以及汇总规则，列出每个问题",
        "__read-workbook" => {
            "（供 plantrack 自身使用）在内存和时间受限的子进程中读取标准输入的工作簿"
        }
        _ => return None,
    })
}

/// The statuses as `--status` takes them, each with its Chinese word.
fn statuses() -> String {
    Status::ALL
        .iter()
        .map(|s| format!("{}（{}）", s.as_str(), Lang::Zh.status(*s)))
        .collect::<Vec<_>>()
        .join("、")
}

/// A flag's help in `command`, where it differs between commands.
fn help_in(command: &str, arg: &str) -> Option<String> {
    let text = match (command, arg) {
        ("list", "format") => {
            "输出格式：table（表格）、csv、tsv、toml（所用的规划文件原文）；默认按 --output 的扩展名，否则为 table"
        }
        ("report", "format") => {
            "输出格式：table（终端表格）、csv、tsv、markdown、json（引擎报告，数值不取整）、xlsx（工作簿）、html（网页）、docx（Word 文档）、text（只有叙述）；默认按 --output 的扩展名，否则为 table"
        }
        ("diff", "format") => {
            "输出格式：table（对齐表格，变差的在前）、csv、tsv、markdown、json；默认按 --output 的扩展名，否则为 table"
        }
        ("show", "format") => {
            "输出格式：text（终端表格）、svg（只有该指标的图，便于贴入文档）；默认按 --output 的扩展名，否则为 text"
        }
        ("template", "format") => {
            "输出格式：csv、tsv（均带字节顺序标记，便于 Excel 打开）、xlsx（说明锁定、填写时逐格校验的工作簿）；默认按 --output 的扩展名，否则为 csv"
        }
        ("portfolio report", "format") => {
            "输出格式：table（终端表格）、csv、tsv（只含一个部分，见 --part，默认 summary）、markdown、json（全部内容，数值不取整，可供 --since 读回）、xlsx（每部分一张工作表）、html（网页，对照表为热力图）、docx（Word 文档）；默认按 --output 的扩展名，否则为 table"
        }
        ("portfolio report", "only") => "只报告这些指标（id 或 key，用逗号分隔或重复给出）",
        ("portfolio report", "status") => {
            return Some(format!(
                "对照表和排名只列有成员处于这些状态的共有指标：{}",
                statuses()
            ));
        }
        ("portfolio report", "fail_on") => {
            return Some(format!(
                "有成员的目标（或成员汇总后的上级目标）处于此状态或更差的状态时以 1 退出；状态：{}",
                statuses()
            ));
        }
        ("portfolio report", "since") => {
            "增加各成员相对这份保存的组合 JSON 报告（portfolio report --format json）的变化"
        }
        ("portfolio report" | "portfolio check", "as_of") => {
            "所有成员都按此年份评估；默认每个成员取其实际值中最新的年份"
        }
        ("portfolio check", "lang") => {
            "消息的语言：zh 或 en；默认取 PLANTRACK_LANG，否则中文组合用中文，其余用英文"
        }
        ("check", "lang") => {
            "消息和汇总行的语言：zh（中文）或 en（英文）；默认取 PLANTRACK_LANG，否则中文规划用中文，其余用英文"
        }
        ("template", "lang") => {
            "消息、表头和填报说明的语言：zh 或 en；默认取 PLANTRACK_LANG，否则中文规划用中文，其余用英文"
        }
        ("init" | "import", "lang") => "消息的语言：zh 或 en；默认取 PLANTRACK_LANG，否则为中文",
        ("init" | "import", "output") => "写入 FILE（绝不覆盖已有文件），而不是标准输出",
        ("init", "from") => "基年：基数所在年份（规划期前一年）；默认 2025",
        ("init", "to") => "目标年；默认 2030",
        ("show", "id") => "指标的 id（见 plantrack list）或完整名称",
        ("import", "id") => "规划的 id；默认取表格的文件名，否则为 `imported`",
        _ => return None,
    };
    Some(text.to_string())
}

/// A flag's help, the same in every command that takes it.
fn help(arg: &str) -> Option<String> {
    let text = match arg {
        "plan" => "规划文件（TOML）；默认使用内置的襄阳高新区规划",
        "actuals" => {
            "实际值：CSV/TSV 文件、工作簿（.xlsx、.xls、.ods）或存放它们的目录；- 表示标准输入（可重复）"
        }
        "encoding" => "按此编码读取实际值，不自动识别：utf-8、gb18030（或 gbk）、utf-16",
        "strict" => {
            "实际值有任何警告、可疑数值或未读内容（列、工作表、文件）即拒绝（退出码 2，不写任何输出）：用于定时任务和最终报送"
        }
        "as_of" => "按此年份评估；默认取实际值中最新的年份",
        "output" => {
            "写入 FILE 而不是标准输出（-）；原子写入：先写同目录的临时文件，完成后再改名替换"
        }
        "bom" => {
            "CSV/TSV 输出以 UTF-8 字节顺序标记开头，使 Excel 正确显示中文（template 和 --lang zh 的报告默认如此）"
        }
        "no_bom" => "不加字节顺序标记，即使默认会加",
        "lang" => {
            "消息、名称、表头和状态词的语言（表格、Markdown、工作簿和 show）：zh（中文）或 en（英文）；默认取 PLANTRACK_LANG，否则中文规划用中文，其余用英文。CSV 和 TSV 除非给出 --lang，否则保持稳定的英文字段名和词；JSON 始终如此"
        }
        "color" => {
            "状态着色：auto（默认，仅在 TERM 不是 dumb 的终端上着色）、always、never；设置了 NO_COLOR 时一律不着色"
        }
        "width" => "表格适应的列数（至少 40）；默认取终端宽度，管道和文件中不折行",
        "only" => "只报告这些指标（id，用逗号分隔或重复给出）",
        "status" => return Some(format!("只报告处于这些状态的指标：{}", statuses())),
        "fail_on" => {
            return Some(format!(
                "有所报指标处于此状态或更差的状态时以 1 退出（off-track 也包括 moving-away 和 missed；lagging 再加上 lagging 本身）；pending、no-data 和 not-assessable 只匹配自身。状态：{}",
                statuses()
            ));
        }
        "wide" => {
            "显示表格的所有列；默认为适合 80 列的紧凑表格：名称、最新值与目标、进度与时间进度、尚需增速和状态"
        }
        "sort" => {
            "指标排序：status（最差的在前）、gap（差距最大的在前）、progress（进度最慢的在前）、needed（尚需增速相对已有增速提高最多的在前）、id"
        }
        "group" => {
            "指标分组，每组一个标题及各状态的计数：chapter（规划的章）、status（状态，最差的在前）、kind（目标类型）"
        }
        "problems" => {
            "将会落空的及其所需：只列略有滞后、明显滞后、逆向变化和未完成的指标，最差的在前，附目标年的预测和尚需增速"
        }
        "binding" => "只列约束性目标",
        "nature" => "只列这些性质的指标：target（目标）、expected（预计）、planned（规划）",
        "fail_on_expected" => {
            "让预计性和规划性数值也触发 --fail-on 和 --fail-on-worse（默认只有目标会）"
        }
        "since" => "增加一列：各指标相对这份保存的同一规划 JSON 报告（report --format json）的变化",
        "fail_on_worse" => {
            "有指标状态变差时以 1 退出（写作 =STATUS 时，只在现在处于 STATUS 或更差时），以便定时任务在目标下滑时发邮件"
        }
        "reports" => "两份保存的 JSON 报告（report --format json）：先旧后新",
        "from" => "不比较报告，而是按此年份评估实际值……",
        "to" => "……再按此年份评估，并加以比较",
        "shell" => "shell：bash、elvish、fish、powershell、zsh",
        "years" => "要填报的年份，写作 FIRST-LAST 或一个年份；默认为基年之后的规划期",
        "layout" => "long（默认，每项指标每年一行）或 wide（每年一列）；工作簿总是 wide",
        "table" => "指标表：.xlsx、.xls、.ods、.csv 或 .tsv（Word 中的表格另存或粘贴为其中一种）",
        "portfolio" => "组合文件（portfolio.toml）",
        "plans" => "成员文件夹：每个成员一个子文件夹，内含 plan.toml 和 actuals/",
        "part" => {
            "只输出这一部分：summary（成员概况）、matrix（共有指标对照）、ranks（排名）、rollups（成员汇总）；默认全部，CSV 和 TSV 默认 summary"
        }
        "help" => "显示帮助",
        "version" => "显示版本",
        _ => return None,
    };
    Some(text.to_string())
}

/// `command` (the whole command line, as clap defines it) with its help
/// in Chinese, wrapped to the terminal, or not at all (for the manual
/// page, whose reader wraps it).
pub fn localize(command: Command, wrap: bool) -> Command {
    let width = if wrap { help_width() } else { usize::MAX / 2 };
    let mut command = command
        .term_width(width.min(100))
        .about(ABOUT)
        .long_about(wrapped(LONG_ABOUT, width))
        .after_help(EXIT_CODES)
        .after_long_help(EXIT_CODES);
    // Built first, so that the help flags and the `help` command exist.
    command.build();
    let names: Vec<String> = command
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    let mut command = localize_one("", command, width);
    for name in names {
        command = command.mut_subcommand(&name, |sub| localize_sub(&name, sub, width));
    }
    command
}

/// A command (`report`, or `portfolio report` under `portfolio`) and the
/// commands under it in Chinese.
fn localize_sub(name: &str, sub: Command, width: usize) -> Command {
    let sub = match about(name) {
        Some(text) => sub
            .about(wrapped(text, width - LISTED))
            .long_about(wrapped(text, width)),
        None => sub,
    };
    let sub = if sub.get_after_help().is_some() {
        sub.after_help(EXIT_CODES).after_long_help(EXIT_CODES)
    } else {
        sub
    };
    let nested: Vec<String> = sub
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    let mut sub = localize_one(name, sub, width);
    for inner in nested {
        let full = format!("{name} {inner}");
        sub = sub.mut_subcommand(&inner, |c| localize_sub(&full, c, width));
    }
    sub
}

/// One command's flags, headings and layout in Chinese.
fn localize_one(name: &str, mut command: Command, width: usize) -> Command {
    let ids: Vec<String> = command
        .get_arguments()
        .map(|a| a.get_id().to_string())
        .collect();
    let usage = command.render_usage().to_string();
    let usage = usage
        .trim_start_matches("Usage: ")
        .replace("[OPTIONS]", "[选项]")
        .replace("<COMMAND>", "<命令>");
    let mut command = command
        .override_usage(usage)
        .help_template(TEMPLATE)
        .subcommand_help_heading("命令")
        .subcommand_value_name("命令");
    for id in ids {
        let text = help_in(name, &id).or_else(|| help(&id));
        let text = text.map(|t| wrapped(&t, width - INDENT));
        command = command.mut_arg(&id, |arg| localize_arg(arg, text));
    }
    command
}

/// How far clap indents help put on the line after its flag, and a
/// little more.
const INDENT: usize = 12;

/// Where the list of commands puts each command's description.
const LISTED: usize = 16;

/// The width help is wrapped to: the terminal's, at most 100 columns (as
/// clap's own); 100 off a terminal or on one narrower than 40.
fn help_width() -> usize {
    comfy_table::Table::new()
        .width()
        .map(usize::from)
        // A pseudo-terminal with no size says 0.
        .filter(|w| *w >= 40)
        .map_or(100, |w| w.min(100))
}

/// `text` wrapped to `width` between Chinese characters and at spaces
/// (clap breaks only at spaces, so a Chinese paragraph would be one line).
fn wrapped(text: &str, width: usize) -> String {
    crate::render::wrap(text, width).join("\n")
}

/// One flag's help in Chinese, its heading and the values it takes said
/// in the help itself.
fn localize_arg(arg: Arg, text: Option<String>) -> Arg {
    let heading = if arg.is_positional() {
        "参数"
    } else {
        "选项"
    };
    let arg = arg
        .help_heading(heading)
        .hide_possible_values(true)
        .hide_default_value(true)
        .next_line_help(true);
    match text {
        Some(text) => arg.help(text).long_help(None::<&str>),
        None => arg,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    /// Every flag of every command has Chinese words.
    #[test]
    fn every_flag_has_chinese_help() {
        let mut command = crate::cli::Cli::command();
        command.build();
        let mut missing = Vec::new();
        let mut commands: Vec<(String, &Command)> = command
            .get_subcommands()
            .map(|s| (s.get_name().to_string(), s))
            .collect();
        while let Some((name, sub)) = commands.pop() {
            if about(&name).is_none() {
                missing.push(name.to_string());
            }
            for arg in sub.get_arguments() {
                let id = arg.get_id().as_str();
                if help_in(&name, id).or_else(|| help(id)).is_none() {
                    missing.push(format!("{name} {id}"));
                }
            }
            // `help`'s own list names the commands, which are checked as such.
            if sub.get_name() != "help" {
                commands.extend(
                    sub.get_subcommands()
                        .map(|s| (format!("{name} {}", s.get_name()), s)),
                );
            }
        }
        assert_eq!(missing, Vec::<String>::new());
    }
}
