//! Designs in and out of the browser: saving a design as a JSON file, opening JSON files (a design, or a set of
//! AWS `describe-*` outputs, imported as the CLI does) from the file picker or dropped on the page, and share links.
//! A file that does not read is refused with the reason and the place; the open design is left as it was.

use std::cell::RefCell;
use std::rc::Rc;

use leptos::prelude::*;
use vpcanvas_core::doc::Design;
use vpcanvas_core::import::{ImportFile, import_aws};
use vpcanvas_core::text::Text;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;

use crate::editor::Editor;

/// Offers `text` as a file download named `name`.
pub fn download(name: &str, mime: &str, text: &str) -> Result<(), String> {
    save_blob(name, mime, &js_array_of(text))
}

/// Offers bytes (an archive) as a file download named `name`.
pub fn download_bytes(name: &str, mime: &str, bytes: &[u8]) -> Result<(), String> {
    let array = js_sys::Array::new();
    array.push(&js_sys::Uint8Array::from(bytes));
    save_blob(name, mime, &array.into())
}

fn save_blob(name: &str, mime: &str, parts: &wasm_bindgen::JsValue) -> Result<(), String> {
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_blob_sequence_and_options(parts, &options).map_err(|_| "no Blob".to_owned())?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(|_| "no object URL".to_owned())?;
    let doc = web_sys::window().and_then(|w| w.document()).ok_or("no document")?;
    let a: web_sys::HtmlAnchorElement =
        doc.create_element("a").map_err(|_| "no anchor")?.dyn_into().map_err(|_| "no anchor")?;
    a.set_href(&url);
    a.set_download(name);
    a.click();
    let _ = web_sys::Url::revoke_object_url(&url);
    Ok(())
}

fn js_array_of(text: &str) -> wasm_bindgen::JsValue {
    let array = js_sys::Array::new();
    array.push(&wasm_bindgen::JsValue::from_str(text));
    array.into()
}

/// A file name for a design: its name made safe, ending in `.vpcanvas.json`.
pub fn file_name(d: &Design) -> String {
    let base: String = d
        .name
        .chars()
        .map(|c| if c.is_alphanumeric() || c == '-' || c == '_' { c } else { '-' })
        .collect::<String>()
        .trim_matches('-')
        .to_owned();
    format!("{}.vpcanvas.json", if base.is_empty() { "design" } else { &base })
}

/// Saves the open design as a JSON file (the versioned format, pretty-printed).
pub fn export_json(ed: Editor) {
    let text = ed.design.with_untracked(vpcanvas_core::save);
    let name = ed.design.with_untracked(file_name);
    match text.map_err(|e| e.to_string()).and_then(|t| download(&name, "application/json", &t)) {
        Ok(()) => ed.say(Text::new(format!("Saved {name}."), format!("{name}로 저장했습니다."))),
        Err(e) => ed
            .say_error(Text::new(format!("Could not save the file: {e}."), format!("파일을 저장할 수 없습니다: {e}."))),
    }
}

/// What a set of opened files turns out to be.
pub fn read_files(files: &[(String, String)]) -> Result<(Design, Vec<String>), Text> {
    match files {
        [] => Err(Text::new("No file.", "파일이 없습니다.")),
        [(name, text)] if text.contains("\"vpcanvas-design\"") => vpcanvas_core::load(text)
            .map(|d| (d, Vec::new()))
            .map_err(|e| Text::new(format!("{name}: {e}"), format!("{name}: {e}"))),
        many => {
            let inputs: Vec<ImportFile<'_>> = many.iter().map(|(name, text)| ImportFile { name, text }).collect();
            import_aws(&inputs).map(|i| (i.design, i.notes)).map_err(|e| {
                Text::new(
                    format!("Neither a vpcanvas design nor AWS describe-* output: {e}"),
                    format!("vpcanvas 설계도 AWS describe-* 출력도 아닙니다: {e}"),
                )
            })
        }
    }
}

/// A file's name and text.
type Named = (String, String);
/// What to do with every file once read.
type Done = Box<dyn FnOnce(Vec<Named>)>;

/// Reads the given files as text, then calls `done` with (name, text) pairs.
pub fn read_all(list: web_sys::FileList, done: impl FnOnce(Vec<(String, String)>) + 'static) {
    let n = list.length();
    let results: Rc<RefCell<Vec<Option<Named>>>> = Rc::new(RefCell::new(vec![None; n as usize]));
    let done: Rc<RefCell<Option<Done>>> = Rc::new(RefCell::new(Some(Box::new(done))));
    for i in 0..n {
        let Some(file) = list.item(i) else { continue };
        let Ok(reader) = web_sys::FileReader::new() else { continue };
        let name = file.name();
        let (results, done, r2) = (results.clone(), done.clone(), reader.clone());
        let onload = Closure::once_into_js(move || {
            let text = r2.result().ok().and_then(|v| v.as_string()).unwrap_or_default();
            results.borrow_mut()[i as usize] = Some((name, text));
            if results.borrow().iter().all(Option::is_some) {
                let all: Vec<(String, String)> = results.borrow_mut().drain(..).flatten().collect();
                if let Some(f) = done.borrow_mut().take() {
                    f(all);
                }
            }
        });
        reader.set_onload(Some(onload.unchecked_ref()));
        let _ = reader.read_as_text(&file);
    }
}

/// Saves the design as Terraform (a .zip of the files) or CloudFormation (one YAML template), and says what was not
/// written.
pub fn export_code(ed: Editor, terraform: bool) {
    let base = ed.design.with_untracked(file_name).replace(".vpcanvas.json", "");
    let (result, skipped, file) = ed.design.with_untracked(|d| {
        if terraform {
            let e = vpcanvas_core::export::terraform::export(d);
            let files: Vec<(String, String)> = e.files.into_iter().collect();
            let zip = vpcanvas_core::export::zip::zip(&format!("{base}-terraform"), &files);
            let file = format!("{base}-terraform.zip");
            (download_bytes(&file, "application/zip", &zip), e.skipped, file)
        } else {
            let e = vpcanvas_core::export::cloudformation::export(d);
            let file = format!("{base}.cloudformation.yaml");
            (download(&file, "application/yaml", &e.template), e.skipped, file)
        }
    });
    match result {
        Ok(()) if skipped.is_empty() => ed.say(Text::new(format!("Saved {file}."), format!("{file}로 저장했습니다."))),
        Ok(()) => ed.say(Text::new(
            format!("Saved {file}. Not written: {}.", skipped.join("; ")),
            format!("{file}로 저장했습니다. 쓰지 않은 것: {}.", skipped.join("; ")),
        )),
        Err(e) => ed.say_error(Text::new(format!("Could not save: {e}."), format!("저장할 수 없습니다: {e}."))),
    }
}
