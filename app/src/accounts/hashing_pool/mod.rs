//! The threads that hash passwords. argon2 is deliberately slow (tens of milliseconds of CPU per
//! hash), so sign-ins must neither block the async workers nor slow the pages down. Hashing runs
//! on threads of its own, one per core, at idle priority (`SCHED_IDLE`): a page request takes a
//! core from them the moment it wakes, and hashing gets every cycle the pages leave. Idle
//! threads get almost nothing while the CPU is kept busy, so guard threads at nice 10 (one per
//! core) take over the oldest jobs whenever they finish nothing for a while: sign-ins keep
//! moving, more slowly. A bounded queue keeps a sign-in flood from piling up work (429 beyond it).
mod pool;
mod priority;

use std::sync::LazyLock;
use std::time::Duration;

use pool::{Pool, Settings};
use priority::Priority;

use crate::error::AppError;

/// Jobs waiting or running per worker before new ones are refused with 429.
const JOBS_PER_WORKER: usize = 64;

/// Several hashes' time (an argon2 verify takes 11 to 40 ms on our 2-core machine): workers that
/// get any CPU finish a job far more often, so this long without one means they are starved.
const STALL: Duration = Duration::from_millis(100);

static POOL: LazyLock<Pool> = LazyLock::new(|| {
    let workers = std::thread::available_parallelism().map_or(2, usize::from);
    Pool::start(Settings {
        name: "password-hash",
        workers,
        guards: workers,
        worker_priority: Priority::Idle,
        guard_priority: Priority::Nice(10),
        capacity: workers * JOBS_PER_WORKER,
        stall: STALL,
    })
});

/// Runs `work` on a hashing thread and waits for its result. `work` may run twice (a stalled
/// worker and the guard), so it must have no effects; the first result is returned.
pub async fn run<T: Send + 'static>(
    work: impl Fn() -> T + Send + Sync + 'static,
) -> Result<T, AppError> {
    POOL.run(work).await
}

#[cfg(test)]
mod tests;
