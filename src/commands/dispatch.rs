//! The one dispatch of the commands: each command's arm calls its function, once. The data
//! folder is opened here for the commands that need it, so a folder in use fails in one way
//! (`CommandError::exit_code` makes it exit 2); the settings are needed by every command but `receive`, which
//! serves an SSH account that may have no config at all.

use crate::error::CommandError;

use super::shown::{Form, Shown};
use super::{
    config, council, debug, demo, dossier, due, key, plan, print, province, rubric, selfassess,
    sheets, show, sync, verify,
};
use crate::cli::{Cli, Command, CouncilFormat, Lang, RosterCommand, RubricCommand, SelfCommand};
use crate::error::exit;
use ocop_catalog::Catalog;
use ocop_config::{ConfigError, Settings};
use ocop_export::certificate::{Certificate, SCHEMA};
use ocop_store::Store;
use ocop_transport::receive::{Stop, receive};
use ocop_tui::Ended;
use ocop_words::{Said, Say};

use super::Outcome;

/// Runs the command; `lang` is the settings' language, or the one asked for when they do not
/// resolve (`rubric check` and `receive` run without them).
pub fn dispatch(cli: &Cli, settings: &Result<Settings, ConfigError>, lang: Lang) -> Outcome {
    let s = || need(settings);
    let Some(command) = &cli.command else {
        return Ok(match ocop_tui::run(s()?, catalog(s()?)?)? {
            Ended::Done => exit::OK,
            Ended::Unsaved => exit::FAILED,
            Ended::Declined => exit::USAGE,
        });
    };
    let out = &mut Shown::new(std::io::stdout().lock(), form(command));
    let store = |s: &Settings| Store::open(&s.data_dir.value);
    match command {
        Command::Receive { dir } => {
            let (input, output) = (std::io::stdin(), std::io::stdout());
            let output = &mut std::io::BufWriter::new(output.lock());
            // Its own rubrics where its settings name them, else the built-in ones.
            let settings = settings.as_ref().ok();
            let rubrics = settings.and_then(|s| catalog(s).ok());
            let rubrics = rubrics.unwrap_or_else(ocop_catalog::Catalog::builtin);
            let pin = settings.map(province::pin).transpose()?.flatten();
            let host = ocop_transport::receive::Host {
                catalog: &rubrics,
                pin: pin.as_ref(),
                lang,
            };
            let limit = ocop_transport::receive::idle::limit();
            let code = i32::from(exit::FAILED);
            let mut input = ocop_transport::receive::idle::watch(input.lock(), limit, lang, code);
            match receive(dir, host, &mut input, output) {
                Ok(()) => Ok(exit::OK),
                // The laptop was told why over the wire; nothing more to say here.
                Err(Stop::Refused) => Ok(exit::FAILED),
                Err(e) => Err(e.into()),
            }
        }
        Command::Rubric(RubricCommand::Check { files }) => {
            Ok(rubric::check_files(files, lang, out)?)
        }
        Command::Rubric(RubricCommand::List) => Ok(rubric::list(&catalog(s()?)?, out)?),
        Command::Rubric(RubricCommand::Show { id }) => {
            Ok(rubric::show(&catalog(s()?)?, id, s()?.lang.value, out)?)
        }
        // The settings are printed even when one of them (a rubric folder) does not work.
        Command::Config => config::print(s()?, out),
        Command::List { status, json } => sheets::list(&store(s()?)?, (*status, *json), lang, out),
        Command::Restore { id } => sheets::restore(&mut store(s()?)?, s()?, id, out),
        Command::Dossier { id, reject, .. } => {
            let (mut store, catalog) = (store(s()?)?, catalog(s()?)?);
            dossier::run((&mut store, &catalog), s()?, id, reject.clone(), out)
        }
        Command::SelfAssessment(SelfCommand::Template { set, output }) => {
            let ask = (set.as_str(), output.as_deref());
            selfassess::template(&catalog(s()?)?, lang, ask, out)
        }
        Command::SelfAssessment(SelfCommand::Import {
            file,
            sheet,
            replace,
        }) => {
            let (mut store, catalog) = (store(s()?)?, catalog(s()?)?);
            let ask = (file.as_path(), sheet.as_str(), *replace);
            selfassess::import((&mut store, &catalog), s()?, ask, out)
        }
        Command::Show { id, revision, json } => {
            let (store, catalog) = (store(s()?)?, catalog(s()?)?);
            show::run(&store, &catalog, s()?, id, *revision, *json, out)
        }
        Command::Plan { id, revision, json } => {
            let (store, catalog) = (store(s()?)?, catalog(s()?)?);
            plan::run(
                &store,
                &catalog,
                s()?.lang.value,
                (id, *revision),
                *json,
                out,
            )
        }
        Command::Demo {
            sheets,
            seed,
            finished,
            force,
        } => {
            let plan = demo::Plan {
                sheets: *sheets,
                seed: *seed,
                finished: *finished,
                force: *force,
                lang,
            };
            demo::start(&plan, s()?, &catalog(s()?)?, out)
        }
        Command::Print {
            id,
            revision,
            output,
        } => {
            let ask = (id.as_str(), *revision);
            let (lang, to) = (s()?.lang.value, output.as_deref());
            print::run(&store(s()?)?, &catalog(s()?)?, lang, ask, to, out)
        }
        Command::DebugRecordAnswers { count, hold } => {
            let (mut store, catalog) = (store(s()?)?, catalog(s()?)?);
            debug::record_answers(&mut store, &catalog, (*count, *hold), out)
        }
        Command::Certify {
            dir,
            product,
            date,
            stars,
            decision,
            key,
        } => {
            let cert = Certificate {
                schema: SCHEMA.to_string(),
                product_code: product.trim().to_string(),
                issued_on: *date,
                stars: *stars,
                decision: decision.clone(),
            };
            let signer = province::signer(s()?, key.as_deref())?;
            due::certify(dir, (&cert, &signer), s()?.lang.value, out)
        }
        Command::Roster(RosterCommand::Sign { dir, key }) => {
            let signer = province::signer(s()?, key.as_deref())?;
            province::sign_roster(dir, &signer, s()?.lang.value, out)
        }
        Command::Due { dir, within, json } => {
            let pin = province::pin(s()?)?;
            let asked = (dir.as_deref(), &catalog(s()?)?, pin.as_ref());
            due::due(s()?, asked, (*within, *json), out)
        }
        Command::Key => key::run(s()?, out),
        Command::Sync => sync::sync(s()?, &catalog(s()?)?, out),
        Command::Verify { dir } => verify::verify(s()?, dir, &catalog(s()?)?, out),
        Command::Council {
            dir,
            product,
            format,
            max_spread,
            include_unsigned,
            output,
        } => {
            let ask = council::Ask {
                product: product.as_deref(),
                format: *format,
                max_spread: *max_spread,
                include_unsigned: *include_unsigned,
            };
            let catalog = catalog(s()?)?;
            match output {
                None => council::council(s()?, &catalog, dir, ask, out),
                Some(file) => council::council_to_file(s()?, &catalog, dir, ask, file),
            }
        }
    }
}

/// What the output is: JSON for the commands asked for it, text otherwise.
fn form(command: &Command) -> Form {
    match command {
        Command::List { json: true, .. }
        | Command::Show { json: true, .. }
        | Command::Plan { json: true, .. }
        | Command::Due { json: true, .. }
        | Command::Council {
            format: CouncilFormat::Json,
            ..
        } => Form::Json,
        _ => Form::Text,
    }
}

/// The settings, or the sentence saying what is wrong with them.
fn need(settings: &Result<Settings, ConfigError>) -> Result<&Settings, CommandError> {
    // The language itself may be what could not be read: the sentence is kept in both.
    let both = |e: &ConfigError| Said::new(e.say(Lang::Vi), e.say(Lang::En));
    settings.as_ref().map_err(|e| match e {
        ConfigError::IdentityFromSsh { .. } => CommandError::Refused(both(e)),
        _ => both(e).into(),
    })
}

fn catalog(settings: &Settings) -> Result<Catalog, CommandError> {
    Ok(match &settings.rubrics_dir.value {
        Some(dir) => Catalog::with_dir(dir)?,
        None => Catalog::builtin(),
    })
}
