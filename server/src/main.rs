use std::process::ExitCode;

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
