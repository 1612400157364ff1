//! Limits on attempts that cost a password hash (sign-in, sign-up, first set-up, password
//! change), per account and per client address, so that guessing passwords is slow and one
//! client cannot flood the hasher.
//!
//! Memory is bounded whatever callers send: an account key is the parsed, lower-cased e-mail cut
//! to [`MAX_KEY_BYTES`], an IPv6 client counts by its /64 (one subscriber's whole network), and
//! each table keeps at most [`MAX_TRACKED_KEYS`] keys. When a table is full, keys back to a full
//! allowance are forgotten; a key still counting attempts is never forgotten, since that would
//! give it its allowance back. If none can be forgotten, attempts under new keys are refused
//! until some have refilled (at most a minute): a flood of fresh keys slows sign-ins down for a
//! while, but buys no one extra guesses.
use std::{
    collections::HashMap,
    hash::Hash,
    net::IpAddr,
    sync::Mutex,
    time::{Duration, Instant},
};

use super::domain::Email;
use crate::error::AppError;

/// The most keys each table tracks.
pub const MAX_TRACKED_KEYS: usize = 10_000;
/// An account key is at most this long (an e-mail address has at most 254 characters).
pub const MAX_KEY_BYTES: usize = 254;
/// The stated bound on a limiter's memory, both tables full of the longest keys: 8 MiB.
pub const MAX_LIMITER_BYTES: usize = 8 * 1024 * 1024;

/// Which account an attempt is for.
pub enum AttemptFor<'a> {
    /// Sign-in, sign-up, set-up: the e-mail as typed (parsed here; malformed ones share a key).
    Email(&'a str),
    /// A signed-in account, such as a password change.
    User(i32),
}

pub struct AttemptLimits {
    per_account: KeyedLimiter<String>,
    per_address: KeyedLimiter<IpAddr>,
}

impl AttemptLimits {
    /// Allows bursts of the given sizes, refilled evenly over a minute.
    pub fn per_minute(per_account: u32, per_address: u32) -> Self {
        Self {
            per_account: KeyedLimiter::per_minute(per_account),
            per_address: KeyedLimiter::per_minute(per_address),
        }
    }

    /// Counts one attempt for the account and the client address; refuses with 429 and the
    /// seconds to wait when either has used up its allowance.
    pub fn check(&self, account: AttemptFor<'_>, address: Option<IpAddr>) -> Result<(), AppError> {
        let now = Instant::now();
        if let Some(address) = address {
            self.per_address
                .check(client_network(address), now)
                .map_err(too_many)?;
        }
        self.per_account
            .check(account_key(account), now)
            .map_err(too_many)
    }

    /// How many keys both tables hold, and the bytes the tables and their keys take on the heap.
    pub fn tracked(&self) -> (usize, usize) {
        let keys = self.per_account.len() + self.per_address.len();
        let bytes =
            self.per_account.heap_bytes(|key| key.capacity()) + self.per_address.heap_bytes(|_| 0);
        (keys, bytes)
    }
}

/// The unit a client is counted by: its IPv4 address, or its IPv6 /64 (a provider hands each
/// subscriber at least that many addresses).
fn client_network(address: IpAddr) -> IpAddr {
    match address {
        IpAddr::V4(_) => address,
        IpAddr::V6(v6) => {
            let segments = v6.segments();
            IpAddr::from([
                segments[0],
                segments[1],
                segments[2],
                segments[3],
                0,
                0,
                0,
                0,
            ])
        }
    }
}

fn account_key(account: AttemptFor<'_>) -> String {
    match account {
        AttemptFor::User(id) => format!("user:{id}"),
        AttemptFor::Email(raw) => match Email::parse(raw) {
            Ok(email) => {
                let mut key = format!("email:{}", email.as_str());
                let mut end = MAX_KEY_BYTES.min(key.len());
                while !key.is_char_boundary(end) {
                    end -= 1;
                }
                key.truncate(end);
                key
            }
            Err(_) => "email:(malformed)".to_owned(),
        },
    }
}

fn too_many(wait: Duration) -> AppError {
    AppError::TooManyRequests {
        retry_after_seconds: wait.as_secs() + u64::from(wait.subsec_nanos() > 0),
    }
}

/// Token buckets per key, refilled evenly, in a table of bounded size.
struct KeyedLimiter<K> {
    burst: f64,
    /// Tokens per second.
    refill: f64,
    buckets: Mutex<HashMap<K, Bucket>>,
}

#[derive(Clone, Copy)]
struct Bucket {
    tokens: f64,
    updated: Instant,
}

impl Bucket {
    fn tokens_at(&self, now: Instant, refill: f64, burst: f64) -> f64 {
        let elapsed = now.saturating_duration_since(self.updated).as_secs_f64();
        (self.tokens + elapsed * refill).min(burst)
    }
}

impl<K: Eq + Hash + Clone> KeyedLimiter<K> {
    fn per_minute(burst: u32) -> Self {
        let burst = f64::from(burst.max(1));
        Self {
            burst,
            refill: burst / 60.0,
            buckets: Mutex::new(HashMap::new()),
        }
    }

    fn len(&self) -> usize {
        self.buckets.lock().map_or(0, |buckets| buckets.len())
    }

    /// The table's slots (a key, a bucket and a control byte each, for every slot it has room
    /// for) plus what each key holds on the heap beyond itself.
    fn heap_bytes(&self, key_heap: impl Fn(&K) -> usize) -> usize {
        let Ok(buckets) = self.buckets.lock() else {
            return 0;
        };
        let slot = std::mem::size_of::<K>() + std::mem::size_of::<Bucket>() + 1;
        buckets.capacity() * slot + buckets.keys().map(key_heap).sum::<usize>()
    }

    /// Takes a token for `key`, or says how long until one is there.
    fn check(&self, key: K, now: Instant) -> Result<(), Duration> {
        let Ok(mut buckets) = self.buckets.lock() else {
            // A poisoned table means a panic mid-update; refusing is the safe side.
            return Err(Duration::from_secs(60));
        };
        if !buckets.contains_key(&key) && buckets.len() >= MAX_TRACKED_KEYS {
            self.forget_refilled(&mut buckets, now);
            if buckets.len() >= MAX_TRACKED_KEYS {
                // Every tracked key is still counting: see the module comment.
                return Err(Duration::from_secs_f64(1.0 / self.refill));
            }
        }
        let bucket = buckets.entry(key).or_insert(Bucket {
            tokens: self.burst,
            updated: now,
        });
        let tokens = bucket.tokens_at(now, self.refill, self.burst);
        bucket.updated = now;
        if tokens >= 1.0 {
            bucket.tokens = tokens - 1.0;
            Ok(())
        } else {
            bucket.tokens = tokens;
            Err(Duration::from_secs_f64((1.0 - tokens) / self.refill))
        }
    }

    /// Forgets keys back to a full allowance: they carry nothing a new bucket would not.
    fn forget_refilled(&self, buckets: &mut HashMap<K, Bucket>, now: Instant) {
        buckets.retain(|_, bucket| bucket.tokens_at(now, self.refill, self.burst) < self.burst);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn email(address: &str) -> AttemptFor<'_> {
        AttemptFor::Email(address)
    }

    #[test]
    fn an_account_is_limited_whatever_the_address() {
        let limits = AttemptLimits::per_minute(3, 100);
        for n in 0..3 {
            let address = IpAddr::from([10, 0, 0, n]);
            assert!(limits
                .check(email("Ada@example.com"), Some(address))
                .is_ok());
        }
        let error = limits
            .check(email(" ada@EXAMPLE.com"), Some(IpAddr::from([10, 0, 0, 9])))
            .unwrap_err();
        match error {
            AppError::TooManyRequests {
                retry_after_seconds,
            } => assert!((1..=20).contains(&retry_after_seconds)),
            other => panic!("expected 429, got {other:?}"),
        }
        assert!(limits.check(email("grace@example.com"), None).is_ok());
    }

    #[test]
    fn an_address_is_limited_whatever_the_account() {
        let limits = AttemptLimits::per_minute(100, 2);
        let address = Some(IpAddr::from([192, 0, 2, 1]));
        assert!(limits.check(email("a@example.com"), address).is_ok());
        assert!(limits.check(AttemptFor::User(7), address).is_ok());
        assert!(limits.check(email("c@example.com"), address).is_err());
        assert!(limits
            .check(email("c@example.com"), Some(IpAddr::from([192, 0, 2, 2])))
            .is_ok());
    }

    #[test]
    fn twenty_thousand_distinct_attempts_stay_within_the_stated_size() {
        let limits = AttemptLimits::per_minute(5, 30);
        let long_local_part = "x".repeat(200);
        for n in 0..20_000u32 {
            let typed = format!("{long_local_part}{n}@example.com{}", " ".repeat(1000));
            let address = IpAddr::from(n.to_be_bytes());
            let _ = limits.check(email(&typed), Some(address));
        }
        let (keys, bytes) = limits.tracked();
        eprintln!("after 20,000 distinct attempts: {keys} keys, {bytes} bytes");
        assert!(keys <= 2 * MAX_TRACKED_KEYS, "{keys} keys");
        assert!(bytes <= MAX_LIMITER_BYTES, "{bytes} bytes");
    }

    #[test]
    fn a_huge_or_malformed_email_becomes_a_short_key() {
        let huge = format!("{}@example.com", "a".repeat(2 * 1024 * 1024));
        assert_eq!(account_key(email(&huge)), "email:(malformed)");
        let long = format!("{}@example.com", "é".repeat(240));
        let key = account_key(email(&long));
        assert!(key.len() <= MAX_KEY_BYTES, "{}", key.len());
        assert_eq!(account_key(email("not an email")), "email:(malformed)");
    }

    #[test]
    fn a_full_table_forgets_only_refilled_keys_and_never_one_still_counting() {
        let limiter = KeyedLimiter::<u32>::per_minute(2);
        let start = Instant::now();
        for key in 0..MAX_TRACKED_KEYS as u32 {
            limiter.check(key, start).unwrap();
        }
        // Key 0 has used up its allowance; a flood of new keys must not reset it.
        limiter.check(0, start).unwrap();
        assert!(limiter.check(0, start).is_err());
        assert!(
            limiter.check(99_999, start).is_err(),
            "a new key waits: none refilled"
        );
        assert_eq!(limiter.len(), MAX_TRACKED_KEYS);
        assert!(limiter.check(0, start).is_err(), "key 0 still counts");
        // A minute later every key has refilled, so they can go.
        let later = start + Duration::from_secs(61);
        limiter.check(99_999, later).unwrap();
        assert_eq!(limiter.len(), 1);
    }

    #[test]
    fn an_ipv6_client_counts_by_its_64_network() {
        let limits = AttemptLimits::per_minute(100, 2);
        let from = |last: u16| Some(IpAddr::from([0x2001, 0xdb8, 1, 2, 0, 0, 0, last]));
        assert!(limits.check(email("a@example.com"), from(1)).is_ok());
        assert!(limits.check(email("b@example.com"), from(2)).is_ok());
        assert!(limits.check(email("c@example.com"), from(3)).is_err());
        let other_network = Some(IpAddr::from([0x2001, 0xdb8, 1, 3, 0, 0, 0, 1]));
        assert!(limits.check(email("c@example.com"), other_network).is_ok());
    }
}
