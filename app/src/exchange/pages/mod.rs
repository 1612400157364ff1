mod exchange_page;
mod import_report;

pub use exchange_page::ExchangePage;
