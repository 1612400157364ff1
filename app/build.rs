//! Embeds every catalog topic file (`catalog/topics/*.toml`) in the binary, in file-name order,
//! so that a new topic is a new data file and nothing else.
use std::{env, fs, path::Path};

fn main() {
    let topics_dir =
        Path::new(&env::var("CARGO_MANIFEST_DIR").expect("set by cargo")).join("catalog/topics");
    println!("cargo:rerun-if-changed={}", topics_dir.display());
    println!("cargo:rerun-if-changed=catalog/catalog.toml");
    let mut files: Vec<_> = fs::read_dir(&topics_dir)
        .expect("catalog/topics exists")
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "toml"))
        .collect();
    files.sort();
    let mut code = String::from("/// (file name, contents) of every topic file, in order.\npub const TOPIC_FILES: &[(&str, &str)] = &[\n");
    for path in &files {
        println!("cargo:rerun-if-changed={}", path.display());
        let name = path.file_name().expect("a file").to_string_lossy();
        code.push_str(&format!(
            "    ({name:?}, include_str!({:?})),\n",
            path.display().to_string()
        ));
    }
    code.push_str("];\n");
    let out = Path::new(&env::var("OUT_DIR").expect("set by cargo")).join("catalog_files.rs");
    fs::write(out, code).expect("OUT_DIR is writable");
}
