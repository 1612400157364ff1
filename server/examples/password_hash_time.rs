//! Prints the median time, in milliseconds, to verify one argon2id password hash with the
//! parameters Groundwork uses (the `password-auth` defaults). The baseline for
//! `bench/sign-in.sh`.
use std::time::Instant;

fn main() {
    let hash = password_auth::generate_hash("a long bench password");
    let mut samples: Vec<f64> = (0..30)
        .map(|_| {
            let started = Instant::now();
            password_auth::verify_password("a long bench password", &hash).expect("it verifies");
            started.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    samples.sort_by(f64::total_cmp);
    println!("{:.2}", samples[samples.len() / 2]);
}
