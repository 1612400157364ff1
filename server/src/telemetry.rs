//! Logging with tracing. SQL statements are logged at DEBUG only.
use tracing_subscriber::{fmt, EnvFilter};

use crate::config::{Config, LogFormat};

/// Installs the global subscriber; a second call (as in tests) is a no-op.
pub fn init(config: &Config) {
    let filter = EnvFilter::try_new(&config.log_level).unwrap_or_else(|_| EnvFilter::new("info"));
    let builder = fmt().with_env_filter(filter).with_target(true);
    let _ = match config.log_format {
        LogFormat::Pretty => builder.try_init(),
        LogFormat::Json => builder.json().flatten_event(true).try_init(),
    };
}
