//! Whole-table reads on SQLite straight through SQLite's C API, for the export.
//!
//! sqlx runs each SQLite connection on a thread of its own and hands every row to the async side
//! one at a time, copying each value twice on the way. For a log of 1,000 ADRs that handoff took
//! about 13 ms, while SQLite reads the same rows in about 3 ms (docs/benchmarks.md, export).
//! Here a pooled connection is locked with sqlx's `lock_handle`, which exists for direct calls
//! like these (its thread makes no calls on the connection while the lock is held), and the rows
//! are stepped on the caller's thread, each value copied once.
//!
//! The statement itself is built by sea-query, so this reads exactly what the sea-orm path
//! would; a test checks that both give the same rows.
use std::{
    ffi::{c_int, CStr},
    marker::PhantomData,
    ptr::NonNull,
};

use libsqlite3_sys as ffi;
use sea_orm::{sqlx::SqlitePool, DbErr, Statement, Value};

/// One row of a running statement; columns are read by position.
pub struct Row<'s> {
    statement: NonNull<ffi::sqlite3_stmt>,
    _statement: PhantomData<&'s PreparedStatement>,
}

impl Row<'_> {
    pub fn int(&self, column: usize) -> Result<i32, DbErr> {
        let column = index(column)?;
        // SAFETY: the statement is prepared and positioned on a row while `self` lives.
        let value = unsafe { ffi::sqlite3_column_int64(self.statement.as_ptr(), column) };
        i32::try_from(value)
            .map_err(|_| DbErr::Custom(format!("column {column}: {value} is not an i32")))
    }

    /// Whether the column holds NULL.
    pub fn is_null(&self, column: usize) -> Result<bool, DbErr> {
        let column = index(column)?;
        // SAFETY: as for `int`.
        let kind = unsafe { ffi::sqlite3_column_type(self.statement.as_ptr(), column) };
        Ok(kind == ffi::SQLITE_NULL)
    }

    pub fn text(&self, column: usize) -> Result<String, DbErr> {
        let column = index(column)?;
        // SAFETY: as above; SQLite keeps the text valid until the next step, reset or finalize,
        // none of which can happen while this row is borrowed. `column_bytes` is called after
        // `column_text`, as SQLite's documentation asks. An empty text is a valid pointer; a
        // null one means NULL or no memory, neither of which is a text.
        let bytes = unsafe {
            let text = ffi::sqlite3_column_text(self.statement.as_ptr(), column);
            let length = ffi::sqlite3_column_bytes(self.statement.as_ptr(), column);
            if text.is_null() {
                return Err(DbErr::Custom(format!("column {column} has no text")));
            }
            std::slice::from_raw_parts(text, usize::try_from(length).unwrap_or(0))
        };
        String::from_utf8(bytes.to_vec())
            .map_err(|_| DbErr::Custom(format!("column {column} is not UTF-8")))
    }
}

/// Runs `statement` (sea-query's SQLite rendering, integer parameters only) on a connection
/// of `pool` and hands each row to `each`, in order. Stops at the first error `each` returns.
pub async fn for_each_row(
    pool: &SqlitePool,
    statement: &Statement,
    mut each: impl FnMut(&Row<'_>) -> Result<(), DbErr>,
) -> Result<(), DbErr> {
    let mut connection = pool.acquire().await.map_err(sqlx_error)?;
    let mut handle = connection.lock_handle().await.map_err(sqlx_error)?;
    let database = handle.as_raw_handle();
    let mut read = || {
        // SAFETY: the handle stays locked, so no other thread uses `database`, until the
        // statement is finalised at the end of this closure.
        let prepared = unsafe { PreparedStatement::new(database, statement)? };
        prepared.for_each(&mut each)
    };
    // Stepping is blocking work of a few milliseconds per thousand rows: on a multi-threaded
    // runtime, the worker's other tasks move elsewhere meanwhile.
    match tokio::runtime::Handle::try_current().map(|runtime| runtime.runtime_flavor()) {
        Ok(tokio::runtime::RuntimeFlavor::MultiThread) => tokio::task::block_in_place(read),
        _ => read(),
    }
}

struct PreparedStatement {
    database: NonNull<ffi::sqlite3>,
    statement: NonNull<ffi::sqlite3_stmt>,
}

impl PreparedStatement {
    /// # Safety
    /// `database` must be an open connection that no other thread uses while the returned
    /// statement lives.
    unsafe fn new(database: NonNull<ffi::sqlite3>, statement: &Statement) -> Result<Self, DbErr> {
        let sql = statement.sql.as_bytes();
        let mut raw = std::ptr::null_mut();
        let length =
            c_int::try_from(sql.len()).map_err(|_| DbErr::Custom("statement too long".into()))?;
        // SAFETY: `sql` is valid for `length` bytes; no terminating NUL is needed with a length.
        let code = unsafe {
            ffi::sqlite3_prepare_v2(
                database.as_ptr(),
                sql.as_ptr().cast(),
                length,
                &mut raw,
                std::ptr::null_mut(),
            )
        };
        // SAFETY: `database` is open and ours (see above).
        let Some(statement_ptr) = NonNull::new(raw) else {
            return Err(unsafe { sqlite_error(database, code) });
        };
        let prepared = Self {
            database,
            statement: statement_ptr,
        };
        if code != ffi::SQLITE_OK {
            return Err(prepared.error(code));
        }
        prepared.bind(
            statement
                .values
                .as_ref()
                .map_or(&[][..], |values| &values.0),
        )?;
        Ok(prepared)
    }

    fn bind(&self, values: &[Value]) -> Result<(), DbErr> {
        for (index, value) in values.iter().enumerate() {
            let position = c_int::try_from(index + 1)
                .map_err(|_| DbErr::Custom("too many parameters".into()))?;
            let code = match value {
                // SAFETY: the statement is prepared and used by this thread only.
                Value::Int(Some(number)) => unsafe {
                    ffi::sqlite3_bind_int64(self.statement.as_ptr(), position, i64::from(*number))
                },
                Value::BigInt(Some(number)) => unsafe {
                    ffi::sqlite3_bind_int64(self.statement.as_ptr(), position, *number)
                },
                other => {
                    return Err(DbErr::Custom(format!(
                        "parameter {position}: {other:?} is not supported here"
                    )))
                }
            };
            if code != ffi::SQLITE_OK {
                return Err(self.error(code));
            }
        }
        Ok(())
    }

    fn for_each(&self, each: &mut impl FnMut(&Row<'_>) -> Result<(), DbErr>) -> Result<(), DbErr> {
        loop {
            // SAFETY: the statement is prepared and used by this thread only.
            match unsafe { ffi::sqlite3_step(self.statement.as_ptr()) } {
                ffi::SQLITE_ROW => each(&Row {
                    statement: self.statement,
                    _statement: PhantomData,
                })?,
                ffi::SQLITE_DONE => return Ok(()),
                code => return Err(self.error(code)),
            }
        }
    }

    fn error(&self, code: c_int) -> DbErr {
        // SAFETY: the connection is open while its statement lives.
        unsafe { sqlite_error(self.database, code) }
    }
}

impl Drop for PreparedStatement {
    fn drop(&mut self) {
        // SAFETY: prepared by `new`, finalised once, here.
        unsafe { ffi::sqlite3_finalize(self.statement.as_ptr()) };
    }
}

/// SQLite's message for the last error on `database`.
///
/// # Safety
/// `database` must be an open connection used by this thread only.
unsafe fn sqlite_error(database: NonNull<ffi::sqlite3>, code: c_int) -> DbErr {
    // SAFETY: SQLite returns a NUL-terminated message owned by the connection.
    let message = unsafe { CStr::from_ptr(ffi::sqlite3_errmsg(database.as_ptr())) };
    DbErr::Custom(format!(
        "SQLite error {code}: {}",
        message.to_string_lossy()
    ))
}

fn index(column: usize) -> Result<c_int, DbErr> {
    c_int::try_from(column).map_err(|_| DbErr::Custom(format!("no column {column}")))
}

fn sqlx_error(error: sea_orm::sqlx::Error) -> DbErr {
    DbErr::Custom(format!("SQLite connection: {error}"))
}
