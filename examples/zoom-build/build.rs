//! Generates the Zoom client into `$OUT_DIR/zoom.rs`. Cargo reruns this only when the collection
//! changes; a bad collection fails the build with its file and JSON location.

fn main() {
    postgen::Config::new("../../collections/zoom.json")
        // Method docs become doctests that reach the client through this crate's module.
        .doc_path("zoom_build::zoom")
        .build_script();
}
