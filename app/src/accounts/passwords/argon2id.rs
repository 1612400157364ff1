//! argon2id with the `password-auth` crate's parameters (m = 19 MiB, t = 2, p = 1), reading and
//! writing the same PHC strings, but hashing into memory that each hashing thread keeps.
//!
//! `password-auth` allocates the 19 MiB afresh for every hash and frees it after, so the next
//! hash faults it in again. Keeping one block per thread spares that work. During a sign-in
//! flood it gave the pages a somewhat better p99 (docs/benchmarks.md, sign-in: medians 1.36x to
//! 1.79x against 1.79x and 2.02x), though within the spread between runs; most of what a page
//! pays during a flood is idle-priority work on the cores as such, not argon2's memory. The
//! price is memory held for good: 19 MiB for each hashing thread that has hashed (a worker and a
//! guard per core, so 76 MiB on a 2-core machine).
use std::cell::RefCell;

use argon2::password_hash::{self, Output, ParamsString, PasswordHash, SaltString};
use argon2::{Algorithm, Argon2, Block, Params, Version};

thread_local! {
    /// The memory this thread's hashes run in; sized for our own parameters on first use.
    static KEPT_MEMORY: RefCell<Vec<Block>> = const { RefCell::new(Vec::new()) };
}

/// Bytes of random salt per hash, as `password-auth` uses.
const SALT_BYTES: usize = 16;

/// A new PHC-format hash of `password` with a random salt, e.g.
/// `$argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>`.
pub fn generate_hash(password: &str) -> Result<String, password_hash::Error> {
    let mut salt = [0u8; SALT_BYTES];
    rand::RngCore::fill_bytes(&mut rand::rng(), &mut salt);
    let params = Params::default();
    let argon2 = Argon2::new(Algorithm::Argon2id, Version::V0x13, params.clone());
    let output = compute(
        &argon2,
        password.as_bytes(),
        &salt,
        Params::DEFAULT_OUTPUT_LEN,
    )?;
    let salt = SaltString::encode_b64(&salt)?;
    let hash = PasswordHash {
        algorithm: Algorithm::Argon2id.ident(),
        version: Some(Version::V0x13.into()),
        params: ParamsString::try_from(&params)?,
        salt: Some(salt.as_salt()),
        hash: Some(output),
    };
    Ok(hash.to_string())
}

/// True when `password` matches the PHC-format argon2 hash `stored` (any argon2 variant and
/// parameters; compared in constant time). A malformed hash matches nothing.
pub fn verify(password: &str, stored: &str) -> bool {
    match recompute(password, stored) {
        Ok(matches) => matches,
        Err(error) => {
            tracing::error!(%error, "a stored password hash could not be checked");
            false
        }
    }
}

fn recompute(password: &str, stored: &str) -> Result<bool, password_hash::Error> {
    let stored = PasswordHash::new(stored)?;
    let (Some(salt), Some(expected)) = (stored.salt, stored.hash) else {
        return Err(password_hash::Error::PhcStringField);
    };
    let version = match stored.version {
        Some(version) => Version::try_from(version)?,
        None => Version::default(),
    };
    let argon2 = Argon2::new(
        Algorithm::try_from(stored.algorithm)?,
        version,
        Params::try_from(&stored)?,
    );
    let mut salt_buffer = [0u8; 64];
    let salt = salt.decode_b64(&mut salt_buffer)?;
    Ok(compute(&argon2, password.as_bytes(), salt, expected.len())? == expected)
}

fn compute(
    argon2: &Argon2<'_>,
    password: &[u8],
    salt: &[u8],
    output_len: usize,
) -> Result<Output, password_hash::Error> {
    Output::init_with(output_len, |out| {
        with_kept_memory(argon2.params().block_count(), |memory| {
            argon2.hash_password_into_with_memory(password, salt, out, memory)
        })?;
        Ok(())
    })
}

/// Runs `work` on `blocks` blocks of this thread's kept memory. A hash that needs more than our
/// own parameters (one stored before they changed, say) gets memory of its own for once, so that
/// what a thread keeps stays at 19 MiB.
fn with_kept_memory<T>(blocks: usize, work: impl FnOnce(&mut [Block]) -> T) -> T {
    let kept = Params::default().block_count();
    if blocks > kept {
        return work(&mut vec![Block::default(); blocks]);
    }
    KEPT_MEMORY.with_borrow_mut(|memory| {
        if memory.len() < kept {
            memory.resize(kept, Block::default());
        }
        work(&mut memory[..blocks])
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn our_hashes_verify_under_password_auth_and_theirs_under_ours() {
        let ours = generate_hash("correct horse battery").unwrap();
        assert!(ours.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"));
        assert!(password_auth::verify_password("correct horse battery", &ours).is_ok());
        assert!(password_auth::verify_password("correct horse batterY", &ours).is_err());

        let theirs = password_auth::generate_hash("tr0ub4dor and 3");
        assert!(verify("tr0ub4dor and 3", &theirs));
        assert!(!verify("tr0ub4dor and 4", &theirs));
    }

    #[test]
    fn a_hash_with_other_parameters_verifies_without_growing_the_kept_memory() {
        generate_hash("fills this thread's kept memory").unwrap();
        let params = Params::new(2 * Params::DEFAULT_M_COST, 1, 1, None).unwrap();
        let salt = SaltString::encode_b64(b"sixteen byte slt").unwrap();
        let bigger = argon2::PasswordHasher::hash_password(
            &Argon2::new(Algorithm::Argon2id, Version::V0x13, params),
            b"a password",
            &salt,
        )
        .unwrap()
        .to_string();
        assert!(verify("a password", &bigger));
        assert!(!verify("a passworD", &bigger));
        let kept = KEPT_MEMORY.with_borrow(Vec::len);
        assert_eq!(kept, Params::default().block_count());
    }

    #[test]
    fn salts_differ_and_malformed_hashes_match_nothing() {
        assert_ne!(
            generate_hash("same").unwrap(),
            generate_hash("same").unwrap()
        );
        assert!(!verify("same", "not a hash"));
        assert!(!verify(
            "same",
            "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ"
        ));
        assert!(!verify("same", "$scrypt$ln=4,r=8,p=1$c2FsdHNhbHQ$aGFzaA"));
    }
}
