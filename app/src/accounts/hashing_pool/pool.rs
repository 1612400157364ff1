//! A pool of worker threads plus guard threads. Jobs are taken in arrival order. The workers run
//! at a priority so low that they may stop getting the CPU at all. When they have finished
//! nothing for `stall` while a job waits, the guards, at a higher priority, run the oldest
//! waiting jobs themselves, even ones a stalled worker already holds. A job may therefore run
//! twice, and the first result is the one delivered.
use std::collections::VecDeque;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};

use tokio::sync::oneshot;

use super::priority::{self, Priority};
use crate::error::AppError;

pub struct Settings {
    /// Thread names: `{name}-0`, `{name}-1`, ... for the workers, `{name}-guard` for the guards.
    pub name: &'static str,
    pub workers: usize,
    pub guards: usize,
    pub worker_priority: Priority,
    pub guard_priority: Priority,
    /// Jobs waiting or running, at most; beyond that new jobs are refused with 429.
    pub capacity: usize,
    /// How long the workers may finish nothing while a job waits before the guard steps in.
    pub stall: Duration,
}

pub struct Pool {
    shared: Arc<Shared>,
    capacity: usize,
}

struct Shared {
    state: Mutex<State>,
    work_arrived: Condvar,
    guard_wake: Condvar,
    stall: Duration,
}

struct State {
    /// Jobs not yet finished, in arrival order.
    entries: VecDeque<Entry>,
    next_id: u64,
    last_worker_finish: Instant,
}

struct Entry {
    id: u64,
    job: Arc<dyn Job>,
    arrived: Instant,
    taken_by_worker: bool,
    taken_by_guard: bool,
}

/// Work whose result is sent once, to a caller that may have given up waiting.
trait Job: Send + Sync {
    fn run(&self);
    /// Nobody needs the result any more: it was delivered, or the caller gave up.
    fn is_settled(&self) -> bool;
}

struct Reply<F, T> {
    work: F,
    reply: Mutex<Option<oneshot::Sender<T>>>,
}

impl<F: Fn() -> T + Send + Sync, T: Send> Job for Reply<F, T> {
    fn run(&self) {
        if self.is_settled() {
            return;
        }
        let result = (self.work)();
        if let Some(reply) = lock(&self.reply).take() {
            let _ = reply.send(result);
        }
    }

    fn is_settled(&self) -> bool {
        lock(&self.reply)
            .as_ref()
            .is_none_or(oneshot::Sender::is_closed)
    }
}

impl Pool {
    pub fn start(settings: Settings) -> Self {
        let shared = Arc::new(Shared {
            state: Mutex::new(State {
                entries: VecDeque::new(),
                next_id: 0,
                last_worker_finish: Instant::now(),
            }),
            work_arrived: Condvar::new(),
            guard_wake: Condvar::new(),
            stall: settings.stall,
        });
        let name = settings.name;
        let workers = (0..settings.workers).map(|n| {
            let role: fn(&Shared) = Shared::work_as_worker;
            (format!("{name}-{n}"), settings.worker_priority, role)
        });
        let guards = (0..settings.guards).map(|_| {
            let role: fn(&Shared) = Shared::work_as_guard;
            (format!("{name}-guard"), settings.guard_priority, role)
        });
        for (thread_name, priority, role) in workers.chain(guards) {
            let shared = Arc::clone(&shared);
            std::thread::Builder::new()
                .name(thread_name)
                .spawn(move || {
                    priority::apply_to_this_thread(priority);
                    role(&shared);
                })
                .expect("a password hashing thread starts");
        }
        Self {
            shared,
            capacity: settings.capacity,
        }
    }

    /// Queues `work` and returns where its result will arrive. `work` must be safe to run twice.
    pub fn submit<T: Send + 'static>(
        &self,
        work: impl Fn() -> T + Send + Sync + 'static,
    ) -> Result<oneshot::Receiver<T>, AppError> {
        let (reply, result) = oneshot::channel();
        let mut state = lock(&self.shared.state);
        if state.entries.len() >= self.capacity {
            return Err(AppError::TooManyRequests {
                retry_after_seconds: 1,
            });
        }
        // The guards sleep untimed only while every entry is theirs; otherwise they already wait
        // for the oldest entry's deadline, which a newer entry cannot bring forward.
        let guards_sleep = state.entries.iter().all(|entry| entry.taken_by_guard);
        let id = state.next_id;
        state.next_id += 1;
        state.entries.push_back(Entry {
            id,
            job: Arc::new(Reply {
                work,
                reply: Mutex::new(Some(reply)),
            }),
            arrived: Instant::now(),
            taken_by_worker: false,
            taken_by_guard: false,
        });
        drop(state);
        self.shared.work_arrived.notify_one();
        if guards_sleep {
            self.shared.guard_wake.notify_all();
        }
        Ok(result)
    }

    /// Runs `work` on the pool and waits for its result.
    pub async fn run<T: Send + 'static>(
        &self,
        work: impl Fn() -> T + Send + Sync + 'static,
    ) -> Result<T, AppError> {
        self.submit(work)?.await.map_err(|_| {
            tracing::error!("a password hashing job ended without a result");
            AppError::Internal
        })
    }
}

impl Shared {
    fn work_as_worker(&self) {
        loop {
            let (id, job) = {
                let mut state = lock(&self.state);
                loop {
                    let free = state
                        .entries
                        .iter_mut()
                        .find(|entry| !entry.taken_by_worker && !entry.taken_by_guard);
                    if let Some(entry) = free {
                        entry.taken_by_worker = true;
                        break (entry.id, Arc::clone(&entry.job));
                    }
                    state = self
                        .work_arrived
                        .wait(state)
                        .unwrap_or_else(PoisonError::into_inner);
                }
            };
            run_and_survive(job.as_ref());
            let mut state = lock(&self.state);
            state.last_worker_finish = Instant::now();
            state.finish(id);
        }
    }

    fn work_as_guard(&self) {
        loop {
            let (id, job) = {
                let mut state = lock(&self.state);
                loop {
                    let now = Instant::now();
                    let last_finish = state.last_worker_finish;
                    let oldest = state.entries.iter_mut().find(|entry| !entry.taken_by_guard);
                    let Some(entry) = oldest else {
                        state = self
                            .guard_wake
                            .wait(state)
                            .unwrap_or_else(PoisonError::into_inner);
                        continue;
                    };
                    let due = entry.arrived.max(last_finish) + self.stall;
                    if now >= due {
                        entry.taken_by_guard = true;
                        break (entry.id, Arc::clone(&entry.job));
                    }
                    state = self
                        .guard_wake
                        .wait_timeout(state, due - now)
                        .unwrap_or_else(PoisonError::into_inner)
                        .0;
                }
            };
            tracing::debug!("password hashing workers stalled; the guard runs a job");
            run_and_survive(job.as_ref());
            lock(&self.state).finish(id);
        }
    }
}

impl State {
    /// Forgets a finished job; the second of two runs of the same job finds it gone already.
    fn finish(&mut self, id: u64) {
        if let Some(index) = self.entries.iter().position(|entry| entry.id == id) {
            self.entries.remove(index);
        }
    }
}

/// A panicking job drops its reply (its caller gets an error) and the thread lives on.
fn run_and_survive(job: &dyn Job) {
    if catch_unwind(AssertUnwindSafe(|| job.run())).is_err() {
        tracing::error!("a password hashing job panicked");
    }
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}
