//! Export and import, between the decision log and files.
mod backup;
mod export;
mod import;

pub use backup::{project_backup, BACKUP_FORMAT_VERSION};
pub use export::{export_files, files_for};
pub use import::{import_archive, import_files, plan, too_large, Plan};
