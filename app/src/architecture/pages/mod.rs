mod architecture_page;

pub use architecture_page::ArchitecturePage;
