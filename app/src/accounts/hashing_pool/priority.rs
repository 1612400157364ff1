//! CPU priority of the calling thread (on Linux, a thread's own scheduling settings).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Priority {
    /// A nice value: under contention a thread at nice 10 gets about a tenth of the CPU share of
    /// one at nice 0.
    Nice(i32),
    /// `SCHED_IDLE`: the thread runs only when nothing else wants the CPU, and a waking thread
    /// of normal priority takes its core at once. Where that cannot be set, nice 10.
    Idle,
}

/// What an `Idle` thread falls back to when the system refuses `SCHED_IDLE`.
const IDLE_FALLBACK_NICENESS: i32 = 10;

pub fn apply_to_this_thread(priority: Priority) {
    match priority {
        Priority::Nice(niceness) => set_niceness(niceness),
        Priority::Idle => {
            if !set_idle_policy() {
                tracing::warn!(
                    "SCHED_IDLE refused; password hashing threads run at nice {IDLE_FALLBACK_NICENESS}"
                );
                set_niceness(IDLE_FALLBACK_NICENESS);
            }
        }
    }
}

/// On Linux, `setpriority` with id 0 names the calling thread, not the process.
fn set_niceness(niceness: i32) {
    #[cfg(target_os = "linux")]
    // SAFETY: setpriority only reads its integer arguments.
    unsafe {
        libc::setpriority(libc::PRIO_PROCESS, 0, niceness);
    }
    #[cfg(not(target_os = "linux"))]
    let _ = niceness;
}

/// Any thread may lower itself to `SCHED_IDLE`; only a privileged one may come back.
fn set_idle_policy() -> bool {
    #[cfg(target_os = "linux")]
    {
        let param = libc::sched_param { sched_priority: 0 };
        // SAFETY: `param` outlives the call, which only reads it; pid 0 is the calling thread.
        unsafe { libc::sched_setscheduler(0, libc::SCHED_IDLE, &param) == 0 }
    }
    #[cfg(not(target_os = "linux"))]
    false
}

#[cfg(all(test, target_os = "linux"))]
mod tests {
    use super::*;

    fn on_a_new_thread<T: Send + 'static>(body: impl FnOnce() -> T + Send + 'static) -> T {
        std::thread::spawn(body).join().unwrap()
    }

    #[test]
    fn idle_sets_the_idle_policy_on_the_calling_thread_only() {
        let policy = on_a_new_thread(|| {
            apply_to_this_thread(Priority::Idle);
            // SAFETY: sched_getscheduler only reads its argument; 0 is the calling thread.
            unsafe { libc::sched_getscheduler(0) }
        });
        assert_eq!(policy, libc::SCHED_IDLE);
        // SAFETY: as above.
        assert_eq!(unsafe { libc::sched_getscheduler(0) }, libc::SCHED_OTHER);
    }

    #[test]
    fn nice_sets_the_niceness_of_the_calling_thread() {
        let niceness = on_a_new_thread(|| {
            apply_to_this_thread(Priority::Nice(10));
            // SAFETY: getpriority only reads its integer arguments.
            unsafe { libc::getpriority(libc::PRIO_PROCESS, 0) }
        });
        assert_eq!(niceness, 10);
    }
}
