//! Export and import, between the decision log and files.
mod backup;
mod export;
mod import;
mod restore;
mod restore_rows;

pub use backup::project_backup;
pub use export::{export_files, files_for};
pub use import::{import_archive, import_files, plan, too_large, ImportMode, Plan};
pub use restore::{read_backup, restore_backup, Restored, MAX_BACKUP_BYTES};
