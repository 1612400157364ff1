//! Password hashing with argon2id (the `password-auth` crate's defaults: m = 19 MiB, t = 2,
//! p = 1), on the idle-priority hashing threads so that a hash never stalls a page.
pub mod argon2id;

use super::hashing_pool;
use crate::error::AppError;

pub async fn hash(password: &str) -> Result<String, AppError> {
    let password = password.to_owned();
    hashing_pool::run(move || argon2id::generate_hash(&password))
        .await?
        .map_err(|error| {
            tracing::error!(%error, "a password could not be hashed");
            AppError::Internal
        })
}

/// True when `password` matches `stored_hash`. With no stored hash (an unknown account, or one
/// that signs in only through single sign-on) a dummy hash is checked, so that the answer takes
/// as long as for a real account and says nothing about whether it exists.
pub async fn verify(password: &str, stored_hash: Option<&str>) -> Result<bool, AppError> {
    let password = password.to_owned();
    let stored_hash = stored_hash.map(str::to_owned);
    let real = stored_hash.is_some();
    let matches = hashing_pool::run(move || {
        argon2id::verify(&password, stored_hash.as_deref().unwrap_or(&DUMMY_HASH))
    })
    .await?;
    Ok(real && matches)
}

/// argon2id hash of a random string nobody knows, with the same parameters as real hashes.
/// Made on a hashing thread, by the first sign-in that needs it.
static DUMMY_HASH: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
    argon2id::generate_hash(&random_token()).expect("our own parameters make a valid hash")
});

/// 256 random bits, hex-encoded: security stamps and invitation tokens.
pub fn random_token() -> String {
    use rand::RngCore;
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    bytes.iter().map(|byte| format!("{byte:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_hash_verifies_its_password_only() {
        let stored = hash("correct horse battery").await.unwrap();
        assert!(stored.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"));
        assert!(verify("correct horse battery", Some(&stored))
            .await
            .unwrap());
        assert!(!verify("correct horse batterY", Some(&stored))
            .await
            .unwrap());
    }

    #[tokio::test]
    async fn without_a_stored_hash_nothing_verifies() {
        assert!(!verify("anything at all", None).await.unwrap());
    }

    #[test]
    fn tokens_are_256_random_bits() {
        let (a, b) = (random_token(), random_token());
        assert_eq!(a.len(), 64);
        assert_ne!(a, b);
    }
}
