# Groundwork as a container image: built in one stage, run in a small one as a non-root user.
# Configuration comes only from the environment (see README, "Configuration"); SQLite data lives
# on the /data volume. With PostgreSQL, set DATABASE_URL (compose.yaml does).

FROM rust:1.95-bookworm AS build
RUN apt-get update \
 && apt-get install -y --no-install-recommends nodejs npm \
 && rm -rf /var/lib/apt/lists/*
RUN rustup target add wasm32-unknown-unknown
# The tools, in layers of their own so that a code change does not rebuild them. The
# wasm-bindgen CLI must be the version Cargo.lock pins (`wasm-bindgen = "=0.2.130"`).
RUN cargo install cargo-leptos --version 0.3.11 --locked --ignore-rust-version --debug
RUN cargo install wasm-bindgen-cli --version 0.2.130
WORKDIR /src
# binaryen's wasm-opt (and Playwright's library, unused here) from the lock file.
COPY end2end/package.json end2end/package-lock.json end2end/
RUN cd end2end && npm ci --no-audit --no-fund --loglevel=error
COPY . .
ENV PATH=/src/end2end/node_modules/.bin:$PATH \
    LEPTOS_OUTPUT_NAME=groundwork
# Content-hashed file names (served immutable); hash.txt beside the binary names them.
RUN LEPTOS_HASH_FILES=true cargo leptos build --release \
 && target/release/groundwork precompress target/site/pkg

FROM debian:bookworm-slim
RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 --home-dir /data --shell /usr/sbin/nologin groundwork \
 && mkdir /data && chown groundwork:groundwork /data
COPY --from=build /src/target/release/groundwork /src/target/release/hash.txt /app/
COPY --from=build /src/target/site /app/site
COPY README.md LICENSE /app/
ENV DATABASE_URL="sqlite:///data/groundwork.db?mode=rwc" \
    LISTEN_ADDR="0.0.0.0:3000" \
    LEPTOS_SITE_ROOT=/app/site \
    LOG_FORMAT=json
VOLUME ["/data"]
WORKDIR /data
USER groundwork
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=3s --start-period=30s --retries=3 \
  CMD ["/app/groundwork", "healthcheck"]
ENTRYPOINT ["/app/groundwork"]
CMD ["serve"]
