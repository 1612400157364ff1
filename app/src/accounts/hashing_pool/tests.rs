//! The pool's rules, with threads at normal priority (nice 0): a worker held at a gate stands in
//! for one the scheduler starves.
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::time::Duration;

use super::pool::{Pool, Settings};
use super::priority::Priority;
use crate::error::AppError;

const GUARD: &str = "test-hash-guard";
const WORKER: &str = "test-hash-0";
/// Long enough for anything here to happen on a loaded machine; only a failing test waits it out.
const PATIENCE: Duration = Duration::from_secs(30);
const NEVER: Duration = Duration::from_secs(3600);

fn one_worker_pool(capacity: usize, stall: Duration) -> Pool {
    pool(1, 1, capacity, stall)
}

fn pool(workers: usize, guards: usize, capacity: usize, stall: Duration) -> Pool {
    Pool::start(Settings {
        name: "test-hash",
        workers,
        guards,
        worker_priority: Priority::Nice(0),
        guard_priority: Priority::Nice(0),
        capacity,
        stall,
    })
}

fn thread_name() -> String {
    std::thread::current().name().unwrap_or_default().to_owned()
}

/// Keeps workers that reach it waiting until it opens; the guard passes straight through.
#[derive(Clone, Default)]
struct Gate(Arc<(Mutex<GateState>, Condvar)>);

#[derive(Default)]
struct GateState {
    open: bool,
    workers_held: usize,
}

impl Gate {
    fn pass(&self) {
        if thread_name() == GUARD {
            return;
        }
        let (state, opened) = &*self.0;
        let mut state = state.lock().unwrap();
        state.workers_held += 1;
        while !state.open {
            state = opened.wait(state).unwrap();
        }
    }

    fn workers_held(&self) -> usize {
        self.0 .0.lock().unwrap().workers_held
    }

    fn open(&self) {
        self.0 .0.lock().unwrap().open = true;
        self.0 .1.notify_all();
    }
}

async fn within_patience<T>(result: tokio::sync::oneshot::Receiver<T>) -> T {
    tokio::time::timeout(PATIENCE, result)
        .await
        .expect("the job finishes")
        .expect("the job delivers a result")
}

#[tokio::test]
async fn when_the_workers_stall_the_guard_runs_the_jobs_they_hold_and_those_waiting() {
    let pool = one_worker_pool(8, Duration::from_millis(300));
    let gate = Gate::default();
    let gated = |gate: &Gate| {
        let gate = gate.clone();
        move || {
            gate.pass();
            thread_name()
        }
    };
    let first = pool.submit(gated(&gate)).unwrap();
    let second = pool.submit(gated(&gate)).unwrap();

    assert_eq!(within_patience(first).await, GUARD);
    assert_eq!(within_patience(second).await, GUARD);
    assert_eq!(gate.workers_held(), 1, "the worker holds one of the jobs");
    gate.open();
}

#[tokio::test]
async fn when_all_workers_stall_every_guard_runs_a_job_at_the_same_time() {
    let pool = pool(2, 2, 8, Duration::from_millis(300));
    let gate = Gate::default();
    // A job that finishes only once both guards are inside it.
    let both_guards = Arc::new(std::sync::Barrier::new(2));
    let results: Vec<_> = (0..2)
        .map(|_| {
            let (gate, both_guards) = (gate.clone(), Arc::clone(&both_guards));
            pool.submit(move || {
                gate.pass();
                both_guards.wait();
                thread_name()
            })
            .unwrap()
        })
        .collect();
    for result in results {
        assert_eq!(within_patience(result).await, GUARD);
    }
    gate.open();
}

#[tokio::test]
async fn while_the_workers_finish_jobs_the_guard_stays_out() {
    let pool = one_worker_pool(64, Duration::from_secs(10));
    let results: Vec<_> = (0..20).map(|_| pool.submit(thread_name).unwrap()).collect();
    for result in results {
        assert_eq!(within_patience(result).await, WORKER);
    }
}

#[tokio::test]
async fn beyond_capacity_a_job_is_refused_with_429_until_one_finishes() {
    let pool = one_worker_pool(2, NEVER);
    let gate = Gate::default();
    let held = {
        let gate = gate.clone();
        pool.submit(move || gate.pass()).unwrap()
    };
    let waiting = pool.submit(|| ()).unwrap();
    assert!(matches!(
        pool.submit(|| ()),
        Err(AppError::TooManyRequests { .. })
    ));

    gate.open();
    within_patience(held).await;
    within_patience(waiting).await;
    assert_eq!(pool.run(|| 7).await.unwrap(), 7);
}

#[tokio::test]
async fn a_job_whose_caller_gave_up_is_not_run() {
    let pool = one_worker_pool(8, NEVER);
    let gate = Gate::default();
    let runs = Arc::new(AtomicUsize::new(0));
    let held = {
        let gate = gate.clone();
        pool.submit(move || gate.pass()).unwrap()
    };
    let abandoned = {
        let runs = Arc::clone(&runs);
        pool.submit(move || runs.fetch_add(1, Ordering::SeqCst))
            .unwrap()
    };
    drop(abandoned);
    let after = pool.submit(thread_name).unwrap();

    gate.open();
    within_patience(held).await;
    assert_eq!(within_patience(after).await, WORKER);
    assert_eq!(runs.load(Ordering::SeqCst), 0);
}

#[tokio::test]
async fn a_panicking_job_fails_its_caller_and_the_pool_goes_on() {
    let pool = one_worker_pool(8, NEVER);
    let failed = pool.run(|| -> u8 { panic!("a job that panics") }).await;
    assert!(matches!(failed, Err(AppError::Internal)));
    assert_eq!(pool.run(thread_name).await.unwrap(), WORKER);
}
