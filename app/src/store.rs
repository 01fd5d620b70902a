//! Designs kept in the browser (localStorage): an index of saved designs and one entry per design, written after
//! every committed edit. Nothing leaves the browser. A failed write (storage full, private mode) is reported to the
//! caller, never swallowed.

use vpcanvas_core::doc::Design;

const INDEX: &str = "vpcanvas.designs.v1";
const LAST: &str = "vpcanvas.last";

fn entry(id: &str) -> String {
    format!("vpcanvas.design.{id}")
}

fn storage() -> Result<web_sys::Storage, String> {
    web_sys::window()
        .and_then(|w| w.local_storage().ok().flatten())
        .ok_or_else(|| "this browser gives the page no storage (private mode?)".to_owned())
}

/// One saved design, as the index lists it.
#[derive(Debug, Clone, PartialEq)]
pub struct Saved {
    pub id: String,
    pub name: String,
    /// Milliseconds since 1970, when it was last written.
    pub updated: f64,
}

/// The saved designs, most recently changed first.
pub fn list() -> Vec<Saved> {
    let Ok(s) = storage() else { return Vec::new() };
    let text = s.get_item(INDEX).ok().flatten().unwrap_or_default();
    let value: serde_json::Value = serde_json::from_str(&text).unwrap_or(serde_json::Value::Null);
    let mut out: Vec<Saved> = value
        .as_array()
        .map(|items| {
            items
                .iter()
                .filter_map(|v| {
                    Some(Saved {
                        id: v.get("id")?.as_str()?.to_owned(),
                        name: v.get("name").and_then(|n| n.as_str()).unwrap_or_default().to_owned(),
                        updated: v.get("updated").and_then(|n| n.as_f64()).unwrap_or(0.0),
                    })
                })
                .collect()
        })
        .unwrap_or_default();
    out.sort_by(|a, b| b.updated.total_cmp(&a.updated));
    out
}

fn write_index(s: &web_sys::Storage, items: &[Saved]) -> Result<(), String> {
    let value: Vec<serde_json::Value> =
        items.iter().map(|x| serde_json::json!({ "id": x.id, "name": x.name, "updated": x.updated })).collect();
    let text = serde_json::Value::Array(value).to_string();
    s.set_item(INDEX, &text).map_err(|_| "the browser's storage is full".to_owned())
}

/// Milliseconds since 1970 (the performance clock's origin plus its reading).
fn now() -> f64 {
    web_sys::window().and_then(|w| w.performance()).map(|p| p.time_origin() + p.now()).unwrap_or(0.0)
}

/// A new id for a design (time-based, unique in this browser).
pub fn new_id() -> String {
    let taken: Vec<String> = list().into_iter().map(|s| s.id).collect();
    let base = format!("{:x}", now() as u64);
    let mut id = base.clone();
    let mut n = 1;
    while taken.contains(&id) {
        n += 1;
        id = format!("{base}-{n}");
    }
    id
}

/// Reads a saved design.
pub fn read(id: &str) -> Result<Design, String> {
    let s = storage()?;
    let text = s
        .get_item(&entry(id))
        .ok()
        .flatten()
        .ok_or_else(|| format!("there is no saved design {id} in this browser"))?;
    vpcanvas_core::load(&text).map_err(|e| format!("the saved design {id} does not load: {e}"))
}

/// Writes a design and its index entry; the error says why it could not be kept.
pub fn write(id: &str, design: &Design) -> Result<(), String> {
    let s = storage()?;
    let text = serde_json::to_string(design).map_err(|e| e.to_string())?;
    s.set_item(&entry(id), &text).map_err(|_| "the browser's storage is full".to_owned())?;
    let mut items = list();
    items.retain(|x| x.id != id);
    items.push(Saved { id: id.to_owned(), name: design.name.clone(), updated: now() });
    write_index(&s, &items)?;
    let _ = s.set_item(LAST, id);
    Ok(())
}

/// Removes a saved design; returns its text, so that the removal can be undone.
pub fn remove(id: &str) -> Result<Option<(Saved, String)>, String> {
    let s = storage()?;
    let text = s.get_item(&entry(id)).ok().flatten();
    let mut items = list();
    let saved = items.iter().find(|x| x.id == id).cloned();
    items.retain(|x| x.id != id);
    write_index(&s, &items)?;
    let _ = s.remove_item(&entry(id));
    Ok(saved.zip(text))
}

/// Puts back what [`remove`] took.
pub fn restore(saved: &Saved, text: &str) -> Result<(), String> {
    let s = storage()?;
    s.set_item(&entry(&saved.id), text).map_err(|_| "the browser's storage is full".to_owned())?;
    let mut items = list();
    items.retain(|x| x.id != saved.id);
    items.push(saved.clone());
    write_index(&s, &items)
}

/// The design opened last, if it is still saved.
pub fn last() -> Option<String> {
    let id = storage().ok()?.get_item(LAST).ok().flatten()?;
    list().iter().any(|s| s.id == id).then_some(id)
}
