//! Mounts the vpcanvas app on the page body.

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(vpcanvas_app::App);
}
