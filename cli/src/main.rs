//! `hokensho`: the command-line front end.
//!
//! - `hokensho assess FILE --on DATE [--rules DIR] [--no-trace] [--no-messages]`: reads JSON Lines members
//!   (`-` for stdin) and writes one envelope line per input line, in order, streaming; CSV and Parquet in and
//!   out, summaries and the rest of the batch options are in [`batch`].
//! - `hokensho explain FILE --on DATE [--lang ja|en] [--id ID] [--rules DIR]`: one member's assessment as text
//!   (the first line of FILE, or the member with `--id`).
//! - `hokensho timeline FILE --from DATE --to DATE [--id ID] [--rules DIR] [--format json|ics] [--lang ja|en]
//!   [--alarm-days N]`: one member's timeline as JSON, or as an iCalendar file (the core's calendar call).
//! - `hokensho changes [--since DATE] [--lang ja|en] [--format text|json] [--rules DIR]`: the change log of the
//!   transition, every revision of a rule value in order of announcement.
//!
//! Every command takes `--rules-as-of DATE`: the rules as announced by that day (the knowledge date).

#![forbid(unsafe_code)]

use std::io::{BufRead, BufWriter, Write};
use std::process::ExitCode;

mod batch;
mod formats;

use hokensho::{Lang, Options, RuleSet};

const USAGE: &str = "usage:
  hokensho assess FILE|- --on DATE [--rules DIR] [--rules-as-of DATE] [--no-trace] [--no-messages]
  hokensho explain FILE|- --on DATE [--lang ja|en] [--id ID] [--rules DIR] [--rules-as-of DATE]
  hokensho timeline FILE|- --from DATE --to DATE [--id ID] [--rules DIR] [--rules-as-of DATE]
                    [--format json|ics] [--lang ja|en] [--alarm-days N]
  hokensho changes [--since DATE] [--lang ja|en] [--format text|json] [--rules DIR]
DATE is YYYY-MM-DD or a Japanese-era date (令和7年12月1日, R7.12.1)
--rules-as-of DATE answers with the rules as announced by that day (default: the latest revisions)";

struct Args {
    cmd: String,
    file: String,
    on: Option<String>,
    from: Option<String>,
    to: Option<String>,
    rules: Option<String>,
    lang: Lang,
    id: Option<String>,
    opts: Options,
    rules_as_of: Option<String>,
    since: Option<String>,
    format: Option<String>,
    alarm_days: u32,
    batch: batch::BatchArgs,
}

fn parse_args() -> Result<Args, String> {
    let mut it = std::env::args().skip(1);
    let cmd = it.next().ok_or("missing command")?;
    if cmd == "--help" || cmd == "-h" {
        return Err(String::new());
    }
    let mut a = Args {
        cmd,
        file: String::new(),
        on: None,
        from: None,
        to: None,
        rules: None,
        lang: Lang::Ja,
        id: None,
        opts: Options::default(),
        rules_as_of: None,
        since: None,
        format: None,
        alarm_days: hokensho::ics::DEFAULT_ALARM_DAYS,
        batch: batch::BatchArgs::default(),
    };
    while let Some(x) = it.next() {
        let mut val = |name: &str| it.next().ok_or(format!("`{name}` needs a value"));
        match x.as_str() {
            "--on" => a.on = Some(val("--on")?),
            "--from" => a.from = Some(val("--from")?),
            "--to" => a.to = Some(val("--to")?),
            "--rules" => a.rules = Some(val("--rules")?),
            "--id" => a.id = Some(val("--id")?),
            "--rules-as-of" => a.rules_as_of = Some(val("--rules-as-of")?),
            "--since" => a.since = Some(val("--since")?),
            "--format" => a.format = Some(val("--format")?),
            "--alarm-days" => {
                a.alarm_days = val("--alarm-days")?
                    .parse()
                    .ok()
                    .filter(|d| *d <= hokensho::ics::MAX_ALARM_DAYS)
                    .ok_or(format!(
                        "`--alarm-days` must be a whole number from 0 to {}",
                        hokensho::ics::MAX_ALARM_DAYS
                    ))?
            }
            "--lang" => a.lang = Lang::parse(&val("--lang")?).ok_or("`--lang` must be ja or en")?,
            "--no-trace" => a.opts.trace = false,
            "--no-messages" => a.opts.messages = false,
            s if a.cmd == "assess" && a.batch.take(s, &mut val)? => {}
            s if s.starts_with("--") => return Err(format!("unknown option `{s}`")),
            s if a.file.is_empty() => a.file = s.to_owned(),
            _ => return Err("only one FILE".into()),
        }
    }
    match (a.cmd.as_str(), a.format.as_deref()) {
        (_, None) | ("changes", Some("text" | "json")) | ("timeline", Some("json" | "ics")) => {}
        ("changes", Some(_)) => return Err("`--format` must be text or json".into()),
        ("timeline", Some(_)) => return Err("`--format` must be json or ics".into()),
        _ => return Err("`--format` is for `timeline` and `changes`".into()),
    }
    if a.file.is_empty() && a.cmd != "changes" {
        return Err("missing FILE (or `-` for stdin)".into());
    }
    Ok(a)
}

fn open(file: &str) -> Result<Box<dyn BufRead>, String> {
    if file == "-" {
        Ok(Box::new(std::io::stdin().lock()))
    } else {
        std::fs::File::open(file)
            .map(|f| Box::new(std::io::BufReader::new(f)) as Box<dyn BufRead>)
            .map_err(|e| format!("cannot read `{file}`: {e}"))
    }
}

fn date(s: &Option<String>, flag: &str) -> Result<hokensho::NaiveDate, String> {
    let s = s.as_deref().ok_or(format!("missing `{flag}`"))?;
    hokensho::dates::parse_query_date(s).ok_or(format!(
        "`{flag}` is not a date (YYYY-MM-DD or 令和7年12月1日)"
    ))
}

/// Finds one member line: by `--id`, else the first non-empty line.
fn find_member(
    rules: &RuleSet,
    file: &str,
    id: &Option<String>,
) -> Result<hokensho::Member, String> {
    for line in open(file)?.lines() {
        let line = line.map_err(|e| format!("cannot read `{file}`: {e}"))?;
        if line.trim().is_empty() {
            continue;
        }
        match rules.parse_member(&line) {
            Ok(m) if id.as_ref().is_none_or(|i| *i == m.id) => return Ok(m),
            Ok(_) => continue,
            Err(e) if id.is_none() => return Err(e.to_string()),
            Err(_) => continue,
        }
    }
    Err(match id {
        Some(_) => "no member with that `--id`".into(),
        None => "no member in the input".into(),
    })
}

fn run(a: Args) -> Result<(), String> {
    let rules = match &a.rules {
        Some(dir) => RuleSet::from_dir(dir),
        None => RuleSet::embedded(),
    }
    .map_err(|e| e.to_string())?;
    let mut a = a;
    if a.rules_as_of.is_some() {
        a.opts.rules_as_of = Some(date(&a.rules_as_of, "--rules-as-of")?);
    }
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let w = |e: std::io::Error| format!("cannot write: {e}");
    match a.cmd.as_str() {
        "assess" => {
            let on = a.on.as_ref().map(|_| date(&a.on, "--on")).transpose()?;
            drop(out);
            return batch::assess(&rules, &a.file, on, a.opts, a.lang, &a.batch);
        }
        "explain" => {
            let on = date(&a.on, "--on")?;
            let m = find_member(&rules, &a.file, &a.id)?;
            let asmt = rules
                .assess_with(&m, on, a.opts)
                .map_err(|e| e.to_string())?;
            out.write_all(hokensho::explain::explain(&asmt, a.lang).as_bytes())
                .map_err(w)?;
        }
        "timeline" => {
            let (from, to) = (date(&a.from, "--from")?, date(&a.to, "--to")?);
            let m = find_member(&rules, &a.file, &a.id)?;
            if a.format.as_deref() == Some("ics") {
                let cal = hokensho::CalendarOptions {
                    lang: a.lang,
                    alarm_days: a.alarm_days,
                };
                let ics = rules
                    .calendar_with(&m, from, to, a.opts, cal)
                    .map_err(|e| e.to_string())?;
                out.write_all(ics.as_bytes()).map_err(w)?;
                return out.flush().map_err(w);
            }
            let t = rules
                .timeline_with(&m, from, to, a.opts)
                .map_err(|e| e.to_string())?;
            out.write_all(hokensho::api::ok_envelope(&t).as_bytes())
                .map_err(w)?;
            out.write_all(b"\n").map_err(w)?;
        }
        "changes" => {
            let since = match &a.since {
                Some(_) => Some(date(&a.since, "--since")?),
                None => None,
            };
            let log = rules.changes(since);
            if a.format.as_deref() == Some("json") {
                out.write_all(hokensho::api::ok_envelope(&log).as_bytes())
                    .map_err(w)?;
                out.write_all(b"\n").map_err(w)?;
            } else {
                for c in &log {
                    let text = match a.lang {
                        Lang::Ja => &c.ja,
                        Lang::En => &c.en,
                    };
                    writeln!(out, "{text}").map_err(w)?;
                    for s in c.sources.iter() {
                        writeln!(out, "    {s}").map_err(w)?;
                    }
                }
            }
        }
        other => return Err(format!("unknown command `{other}`")),
    }
    out.flush().map_err(w)
}

fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(a) => a,
        Err(e) if e.is_empty() => {
            println!("{USAGE}\n{}", batch::USAGE);
            return ExitCode::SUCCESS;
        }
        Err(e) => {
            eprintln!("hokensho: {e}\n{USAGE}\n{}", batch::USAGE);
            return ExitCode::from(2);
        }
    };
    // a failure after the arguments (a file that cannot be read, a bad date) is said alone, without the usage
    match run(args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("hokensho: {e}");
            ExitCode::from(2)
        }
    }
}
