//! Limits on sign-in and sign-up attempts, per account and per client address, so that guessing
//! passwords is slow and one client cannot flood the password hasher.
use std::{net::IpAddr, num::NonZeroU32};

use governor::{clock::Clock, clock::DefaultClock, DefaultKeyedRateLimiter, Quota, RateLimiter};

use crate::error::AppError;

/// Above this many tracked keys, keys that are back to a full allowance are forgotten.
const MAX_TRACKED_KEYS: usize = 10_000;

pub struct AttemptLimits {
    per_account: DefaultKeyedRateLimiter<String>,
    per_address: DefaultKeyedRateLimiter<IpAddr>,
}

impl AttemptLimits {
    /// Allows bursts of the given sizes, refilled evenly over a minute.
    pub fn per_minute(per_account: u32, per_address: u32) -> Self {
        let quota = |n: u32| Quota::per_minute(NonZeroU32::new(n.max(1)).expect("at least one"));
        Self {
            per_account: RateLimiter::keyed(quota(per_account)),
            per_address: RateLimiter::keyed(quota(per_address)),
        }
    }

    /// Counts one attempt for the account (its e-mail as typed, folded) and the client address;
    /// refuses with 429 and the seconds to wait when either has used up its allowance.
    pub fn check(&self, account: &str, address: Option<IpAddr>) -> Result<(), AppError> {
        let clock = DefaultClock::default();
        if let Some(address) = address {
            if let Err(not_until) = self.per_address.check_key(&address) {
                return Err(too_many(not_until.wait_time_from(clock.now())));
            }
        }
        let account = account.trim().to_lowercase();
        if let Err(not_until) = self.per_account.check_key(&account) {
            return Err(too_many(not_until.wait_time_from(clock.now())));
        }
        self.forget_idle_keys();
        Ok(())
    }

    fn forget_idle_keys(&self) {
        if self.per_account.len() > MAX_TRACKED_KEYS {
            self.per_account.retain_recent();
        }
        if self.per_address.len() > MAX_TRACKED_KEYS {
            self.per_address.retain_recent();
        }
    }
}

fn too_many(wait: std::time::Duration) -> AppError {
    AppError::TooManyRequests {
        retry_after_seconds: wait.as_secs() + u64::from(wait.subsec_nanos() > 0),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_account_is_limited_whatever_the_address() {
        let limits = AttemptLimits::per_minute(3, 100);
        for n in 0..3 {
            let address = IpAddr::from([10, 0, 0, n]);
            assert!(limits.check("Ada@example.com", Some(address)).is_ok());
        }
        let error = limits
            .check(" ada@EXAMPLE.com", Some(IpAddr::from([10, 0, 0, 9])))
            .unwrap_err();
        match error {
            AppError::TooManyRequests {
                retry_after_seconds,
            } => {
                assert!((1..=20).contains(&retry_after_seconds))
            }
            other => panic!("expected 429, got {other:?}"),
        }
        assert!(limits.check("grace@example.com", None).is_ok());
    }

    #[test]
    fn an_address_is_limited_whatever_the_account() {
        let limits = AttemptLimits::per_minute(100, 2);
        let address = Some(IpAddr::from([192, 0, 2, 1]));
        assert!(limits.check("a@example.com", address).is_ok());
        assert!(limits.check("b@example.com", address).is_ok());
        assert!(limits.check("c@example.com", address).is_err());
        assert!(limits
            .check("c@example.com", Some(IpAddr::from([192, 0, 2, 2])))
            .is_ok());
    }
}
