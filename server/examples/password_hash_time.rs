//! Prints the median time, in milliseconds, to verify one argon2id password hash the way the
//! server does (`app::accounts::passwords::argon2id`: the `password-auth` parameters, in memory
//! the thread keeps). The baseline for `bench/sign-in.sh`.
use std::time::Instant;

use app::accounts::passwords::argon2id;

fn main() {
    let hash = argon2id::generate_hash("a long bench password").expect("it hashes");
    let mut samples: Vec<f64> = (0..30)
        .map(|_| {
            let started = Instant::now();
            assert!(argon2id::verify("a long bench password", &hash));
            started.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    samples.sort_by(f64::total_cmp);
    println!("{:.2}", samples[samples.len() / 2]);
}
