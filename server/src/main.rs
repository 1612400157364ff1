use std::process::ExitCode;

use app::exchange::service::ImportMode;
use clap::Parser;
use server::{database, telemetry, Application, Cli, Command};

#[tokio::main]
async fn main() -> ExitCode {
    let _ = dotenvy::dotenv();
    let cli = Cli::parse();
    telemetry::init(&cli.config);
    let outcome = match cli.command.unwrap_or(Command::Serve) {
        Command::Serve => serve(&cli.config).await,
        Command::Migrate => migrate(&cli.config).await,
        Command::SeedDecisions {
            project,
            acting_as,
            count,
        } => seed(&cli.config, project, &acting_as, count).await,
        Command::Export {
            project,
            acting_as,
            format,
            out,
        } => export(&cli.config, &project, &acting_as, &format, &out).await,
        Command::Import {
            project,
            acting_as,
            dry_run,
            source,
        } => import(&cli.config, &project, &acting_as, &source, dry_run).await,
        Command::Backup { file } => backup(&cli.config, &file).await,
        Command::Demo { acting_as, team } => demo(&cli.config, &acting_as, team).await,
        Command::Restore {
            acting_as,
            team,
            file,
        } => restore(&cli.config, &acting_as, team, &file).await,
        Command::Healthcheck { url } => healthcheck(&url).await,
        Command::Precompress { dir } => precompress(&cli.config, dir),
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            tracing::error!("{message}");
            ExitCode::FAILURE
        }
    }
}

async fn serve(config: &server::Config) -> Result<(), String> {
    let app = Application::build(config)
        .await
        .map_err(|e| e.to_string())?;
    app.run_until_stopped()
        .await
        .map_err(|e| format!("server error: {e}"))
}

async fn migrate(config: &server::Config) -> Result<(), String> {
    connect_and_migrate(config).await?;
    tracing::info!("the database schema is up to date");
    Ok(())
}

async fn connect_and_migrate(
    config: &server::Config,
) -> Result<sea_orm::DatabaseConnection, String> {
    let db = database::connect(config)
        .await
        .map_err(|e| format!("could not connect: {e}"))?;
    database::migrate(&db)
        .await
        .map_err(|e| format!("migration failed: {e}"))?;
    Ok(db)
}

async fn seed(
    config: &server::Config,
    project: i32,
    acting_as: &str,
    count: usize,
) -> Result<(), String> {
    let db = connect_and_migrate(config).await?;
    let started = std::time::Instant::now();
    server::seed::seed_decisions(&db, project, acting_as, count).await?;
    tracing::info!(
        count,
        elapsed_ms = started.elapsed().as_millis() as u64,
        "decisions seeded"
    );
    Ok(())
}

async fn export(
    config: &server::Config,
    project: &str,
    acting_as: &str,
    format: &str,
    out: &std::path::Path,
) -> Result<(), String> {
    let flavour = app::exchange::write::Flavour::parse(format)
        .ok_or_else(|| format!("unknown format {format}"))?;
    let db = connect_and_migrate(config).await?;
    let written = server::exchange_cli::export(&db, acting_as, project, flavour, out).await?;
    println!(
        "wrote {written} files to {}",
        out.join(flavour.folder()).display()
    );
    Ok(())
}

async fn import(
    config: &server::Config,
    project: &str,
    acting_as: &str,
    source: &std::path::Path,
    dry_run: bool,
) -> Result<(), String> {
    let db = connect_and_migrate(config).await?;
    let mode = if dry_run {
        ImportMode::Preview
    } else {
        ImportMode::Store
    };
    let report = server::exchange_cli::import(&db, acting_as, project, source, mode).await?;
    for line in server::exchange_cli::report_lines(&report) {
        println!("{line}");
    }
    Ok(())
}

async fn backup(config: &server::Config, file: &std::path::Path) -> Result<(), String> {
    // No migration: a backup copies the install as it is.
    let db = database::connect(config)
        .await
        .map_err(|e| format!("could not connect: {e}"))?;
    let bytes = server::backup::backup_sqlite(&db, file).await?;
    println!(
        "wrote a consistent copy of the install to {} ({bytes} bytes)",
        file.display()
    );
    Ok(())
}

async fn restore(
    config: &server::Config,
    acting_as: &str,
    team: Option<i32>,
    file: &std::path::Path,
) -> Result<(), String> {
    let db = connect_and_migrate(config).await?;
    let restored = server::exchange_cli::restore(&db, acting_as, team, file).await?;
    println!(
        "restored \"{}\" with {} ADRs and {} revisions: /projects/{}",
        restored.name, restored.adrs, restored.revisions, restored.project_id
    );
    Ok(())
}

async fn demo(config: &server::Config, acting_as: &str, team: Option<i32>) -> Result<(), String> {
    let db = connect_and_migrate(config).await?;
    let (id, name) = server::seed::seed_demo(&db, acting_as, team).await?;
    println!("created the demo project \"{name}\": /projects/{id}");
    Ok(())
}

fn precompress(config: &server::Config, dir: Option<std::path::PathBuf>) -> Result<(), String> {
    let dir = dir.unwrap_or_else(|| std::path::Path::new(&config.resolved_site_root()).join("pkg"));
    let written = server::precompress::precompress(&dir)
        .map_err(|error| format!("cannot precompress {}: {error}", dir.display()))?;
    for twins in written {
        println!(
            "{}: {} bytes, brotli {}, gzip {}",
            twins.file.display(),
            twins.original,
            twins.brotli,
            twins.gzip
        );
    }
    Ok(())
}

async fn healthcheck(url: &str) -> Result<(), String> {
    let client = reqwest::Client::builder()
        .timeout(std::time::Duration::from_secs(2))
        .build()
        .map_err(|e| e.to_string())?;
    let status = client
        .get(url)
        .send()
        .await
        .map_err(|e| format!("{url} did not answer: {e}"))?
        .status();
    if status.is_success() {
        Ok(())
    } else {
        Err(format!("{url} answered {status}"))
    }
}
