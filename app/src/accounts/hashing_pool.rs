//! The threads that hash passwords. argon2 is deliberately slow (tens of milliseconds of CPU per
//! hash), so sign-ins must neither block the async workers nor starve them: hashing runs on its
//! own threads, one per core, at a low CPU priority. Pages are served first; hashing gets
//! every cycle the pages leave idle. A bounded queue keeps a sign-in flood from piling up work.
use std::sync::{
    mpsc::{sync_channel, SyncSender, TrySendError},
    Arc, LazyLock, Mutex,
};

use crate::error::AppError;

type Job = Box<dyn FnOnce() + Send>;

/// Nice 10: under contention a hashing thread gets about a tenth of a page-serving thread's CPU
/// share, so pages stay quick during a sign-in flood, yet sign-ins still progress when the
/// machine is busy with pages (nice 19, a seventieth, starved them).
const HASHING_NICENESS: i32 = 10;

/// Jobs waiting per hashing thread before new ones are refused with 429.
const QUEUE_PER_THREAD: usize = 64;

struct HashingPool {
    jobs: SyncSender<Job>,
}

static POOL: LazyLock<HashingPool> = LazyLock::new(HashingPool::start);

impl HashingPool {
    fn start() -> Self {
        let threads = std::thread::available_parallelism().map_or(2, usize::from);
        let (jobs, queue) = sync_channel::<Job>(threads * QUEUE_PER_THREAD);
        let queue = Arc::new(Mutex::new(queue));
        for n in 0..threads {
            let queue = Arc::clone(&queue);
            std::thread::Builder::new()
                .name(format!("password-hash-{n}"))
                .spawn(move || {
                    lower_this_threads_priority();
                    loop {
                        let job = match queue.lock() {
                            Ok(queue) => queue.recv(),
                            Err(_) => return,
                        };
                        match job {
                            Ok(job) => job(),
                            Err(_) => return,
                        }
                    }
                })
                .expect("a password hashing thread starts");
        }
        Self { jobs }
    }
}

/// Runs `work` on a hashing thread and waits for its result.
pub async fn run<T: Send + 'static>(
    work: impl FnOnce() -> T + Send + 'static,
) -> Result<T, AppError> {
    let (done, result) = tokio::sync::oneshot::channel();
    let job: Job = Box::new(move || {
        let _ = done.send(work());
    });
    match POOL.jobs.try_send(job) {
        Ok(()) => {}
        Err(TrySendError::Full(_)) => {
            return Err(AppError::TooManyRequests {
                retry_after_seconds: 1,
            })
        }
        Err(TrySendError::Disconnected(_)) => {
            tracing::error!("the password hashing threads have stopped");
            return Err(AppError::Internal);
        }
    }
    result.await.map_err(|_| {
        tracing::error!("a password hashing job was dropped");
        AppError::Internal
    })
}

/// Lowers the calling thread's priority (on Linux, `setpriority` with id 0 names the thread).
fn lower_this_threads_priority() {
    #[cfg(target_os = "linux")]
    // SAFETY: setpriority only reads its integer arguments.
    unsafe {
        libc::setpriority(libc::PRIO_PROCESS, 0, HASHING_NICENESS);
    }
}

#[cfg(test)]
mod tests {
    #[tokio::test]
    async fn work_runs_on_a_low_priority_hashing_thread() {
        let (name, nice) = super::run(|| {
            let name = std::thread::current().name().map(str::to_owned);
            // SAFETY: getpriority only reads its integer arguments.
            let nice = unsafe { libc::getpriority(libc::PRIO_PROCESS, 0) };
            (name, nice)
        })
        .await
        .unwrap();
        assert!(name.unwrap().starts_with("password-hash-"));
        assert_eq!(nice, super::HASHING_NICENESS);
    }
}
