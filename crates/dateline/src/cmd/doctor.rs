//! `dateline doctor`: check this node and say what to fix (the checks are
//! in `dateline::doctor`).

use super::DataDir;
use dateline::config::Config;
use dateline::doctor::{self, Source};
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;
use std::time::Duration;

#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(flatten)]
    data: DataDir,
    /// Seconds to wait for the database at each step before calling it unreachable
    #[arg(long, value_name = "SECONDS", default_value_t = 5.0,
          value_parser = parse_timeout)]
    timeout: f64,
    /// Print the findings as one JSON object (`ok`, and `checks`: level, check, what, fix)
    #[arg(long)]
    json: bool,
}

fn parse_timeout(text: &str) -> Result<f64, String> {
    match text.parse::<f64>() {
        Ok(s) if (0.1..=600.0).contains(&s) => Ok(s),
        _ => Err("a number of seconds from 0.1 to 600".into()),
    }
}

pub async fn run(args: Args, file: &Path, required: bool) -> anyhow::Result<ExitCode> {
    let source = Source { file };
    let report = match Config::load(file, required, args.data.overrides()) {
        Ok(config) => doctor::run(&config, &source, Duration::from_secs_f64(args.timeout)).await,
        Err(e) => doctor::unloadable(&source, &e),
    };
    let mut out = std::io::stdout().lock();
    if args.json {
        writeln!(out, "{}", serde_json::to_string_pretty(&report)?)?;
    } else {
        for line in report.lines() {
            writeln!(out, "{line}")?;
        }
        let failed = report
            .checks
            .iter()
            .filter(|f| f.level == doctor::Level::Fail)
            .count();
        let warned = report
            .checks
            .iter()
            .filter(|f| f.level == doctor::Level::Warn)
            .count();
        writeln!(out, "{failed} failed, {warned} warning(s)")?;
    }
    Ok(if report.passed() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}
