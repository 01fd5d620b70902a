//! Small form pieces shared by the inspector, its rule tables and its settings: a typed field read when left, a
//! choice, a checkbox, checkboxes over a list of resources, a row's remove button, and the tags table. Each commits
//! one edit through the editor, or shows why the value was refused and leaves the design as it was.

use leptos::prelude::*;
use vpcanvas_core::doc::{Id, Tags};
use vpcanvas_core::edit::fields::read_number;
use vpcanvas_core::edit::{Edit, Resource, tag_problem};
use vpcanvas_core::net::Ipv4Cidr;
use vpcanvas_core::text::Text;

use crate::editor::Editor;

/// Commits `after` in place of the resource with its id, or shows why it cannot be.
pub fn commit(ed: Editor, after: Resource) {
    match ed.design.with_untracked(|d| Edit::update(d, after)) {
        Ok(edit) => {
            ed.commit(edit);
        }
        Err(t) => ed.say_error(t.text()),
    }
}

/// Commits what `read` makes of a value, or shows its reason.
fn commit_read(ed: Editor, made: Result<Resource, Text>) {
    match made {
        Ok(after) => commit(ed, after),
        Err(t) => ed.say_error(t),
    }
}

/// A labelled text field, read when it is left (or Enter is pressed).
pub fn field(
    ed: Editor,
    label: (&'static str, &'static str),
    testid: &'static str,
    value: String,
    read: impl Fn(&str) -> Result<Resource, Text> + 'static,
) -> impl IntoView {
    let lang = ed.lang.get_untracked();
    view! {
        <label class="field">
            <span>{lang.pick(label.0, label.1)}</span>
            <input
                type="text"
                data-testid=testid
                prop:value=value
                on:change=move |e| commit_read(ed, read(event_target_value(&e).trim()))
            />
        </label>
    }
}

/// A labelled choice among `options` (value, label); `read` gets the chosen value.
pub fn choice(
    ed: Editor,
    label: (&'static str, &'static str),
    testid: &'static str,
    options: Vec<(String, String)>,
    selected: String,
    read: impl Fn(&str) -> Result<Resource, Text> + 'static,
) -> impl IntoView {
    let lang = ed.lang.get_untracked();
    view! {
        <label class="field">
            <span>{lang.pick(label.0, label.1)}</span>
            <select data-testid=testid on:change=move |e| commit_read(ed, read(&event_target_value(&e)))>
                {options
                    .into_iter()
                    .map(|(v, l)| {
                        let on = v == selected;
                        view! { <option value=v selected=on>{l}</option> }
                    })
                    .collect_view()}
            </select>
        </label>
    }
}

/// A labelled checkbox.
pub fn checkbox(
    ed: Editor,
    label: (&'static str, &'static str),
    testid: &'static str,
    checked: bool,
    make: impl Fn(bool) -> Resource + 'static,
) -> impl IntoView {
    let lang = ed.lang.get_untracked();
    view! {
        <label class="check">
            <input
                type="checkbox"
                data-testid=testid
                prop:checked=checked
                on:change=move |e| commit(ed, make(event_target_checked(&e)))
            />
            {lang.pick(label.0, label.1)}
        </label>
    }
}

/// "None" followed by the given resources, for a choice of an optional reference.
pub fn optional_ids(none: &str, ids: Vec<(Id, String)>) -> Vec<(String, String)> {
    std::iter::once((String::new(), none.to_owned())).chain(ids.into_iter().map(|(i, l)| (i.to_string(), l))).collect()
}

/// The id chosen in an optional-reference choice (`None` for the empty value).
pub fn read_optional_id(text: &str) -> Result<Option<Id>, Text> {
    if text.is_empty() {
        return Ok(None);
    }
    Id::new(text).map(Some).map_err(|e| Text::new(format!("{e}"), format!("{e}")))
}

/// An optional number: empty is `None`.
pub fn read_optional_number(
    text: &str,
    range: std::ops::RangeInclusive<u32>,
    what: (&str, &str),
) -> Result<Option<u32>, Text> {
    if text.trim().is_empty() { Ok(None) } else { read_number(text, range, what).map(Some).map_err(|e| e.text()) }
}

/// CIDR blocks separated by commas, spaces or new lines; the first that does not read is named.
pub fn read_cidrs(text: &str) -> Result<Vec<Ipv4Cidr>, Text> {
    text.split(|c: char| c == ',' || c.is_whitespace())
        .filter(|p| !p.is_empty())
        .map(|p| {
            p.parse::<Ipv4Cidr>().map(|c| c.canonical()).map_err(|e| {
                Text::new(format!("{p:?} is not a CIDR block: {e}."), format!("{p:?}는 CIDR 블록이 아닙니다: {e}."))
            })
        })
        .collect()
}

/// CIDR blocks as one line.
pub fn cidrs_text(cidrs: &[Ipv4Cidr]) -> String {
    cidrs.iter().map(|c| c.to_string()).collect::<Vec<_>>().join(", ")
}

/// A VPC's subnets as choices, each with its zone.
pub fn subnet_choices(d: &vpcanvas_core::doc::Design, vpc: &Id) -> Vec<(Id, String)> {
    d.subnets
        .iter()
        .filter(|s| &s.vpc == vpc)
        .map(|s| (s.id.clone(), format!("{} · {}", label_of(&s.id, &s.name), s.availability_zone)))
        .collect()
}

/// A VPC's security groups as choices.
pub fn group_choices(d: &vpcanvas_core::doc::Design, vpc: &Id) -> Vec<(Id, String)> {
    d.security_groups.iter().filter(|g| &g.vpc == vpc).map(|g| (g.id.clone(), label_of(&g.id, &g.name))).collect()
}

/// A resource's label in a list: its name and id, or its id.
pub fn label_of(id: &Id, name: &str) -> String {
    if name.is_empty() { id.to_string() } else { format!("{name} ({id})") }
}

/// Checkboxes over a list of resources; every change commits the resource `make` builds from the new list.
pub fn id_checkboxes(
    ed: Editor,
    testid: &'static str,
    options: Vec<(Id, String)>,
    selected: Vec<Id>,
    make: impl Fn(Vec<Id>) -> Resource + Clone + 'static,
) -> impl IntoView {
    options
        .into_iter()
        .map(|(id, label)| {
            let on = selected.contains(&id);
            let selected = selected.clone();
            let make = make.clone();
            let id2 = id.clone();
            view! {
                <label class="check" data-testid=testid data-id=id.to_string()>
                    <input
                        type="checkbox"
                        prop:checked=on
                        on:change=move |e| {
                            let mut list: Vec<Id> = selected.iter().filter(|x| **x != id2).cloned().collect();
                            if event_target_checked(&e) {
                                list.push(id2.clone());
                            }
                            commit(ed, make(list));
                        }
                    />
                    {label}
                </label>
            }
        })
        .collect_view()
}

/// The "×" that removes one row of a table; `make` gives the resource without it.
pub fn remove_button(
    ed: Editor,
    testid: &'static str,
    title: &'static str,
    make: impl Fn() -> Resource + 'static,
) -> impl IntoView {
    view! {
        <button class="icon-button" data-testid=testid title=title on:click=move |_| commit(ed, make())>
            "×"
        </button>
    }
}

/// The tags of a resource as a table: change a key or a value, remove a tag, add one.
pub fn tags_editor(ed: Editor, resource: Resource) -> impl IntoView {
    let lang = ed.lang.get_untracked();
    if !resource.takes_tags() {
        return ().into_any();
    }
    let tags = resource.tags();
    let rows = tags
        .iter()
        .map(|(k, v)| {
            let (r1, r2, r3) = (resource.clone(), resource.clone(), resource.clone());
            let (k1, k2, k3) = (k.clone(), k.clone(), k.clone());
            let value = v.clone();
            view! {
                <tr data-testid="tag-row">
                    <td>
                        <input
                            class="cell"
                            data-testid="tag-key"
                            prop:value=k.clone()
                            on:change=move |e| {
                                let mut tags = r1.tags();
                                let value = tags.remove(&k1).unwrap_or_default();
                                commit_read(ed, set_tag(&r1, tags, event_target_value(&e).trim(), &value));
                            }
                        />
                    </td>
                    <td>
                        <input
                            class="cell"
                            data-testid="tag-value"
                            prop:value=value
                            on:change=move |e| {
                                let mut tags = r2.tags();
                                tags.remove(&k2);
                                commit_read(ed, set_tag(&r2, tags, &k2, &event_target_value(&e)));
                            }
                        />
                    </td>
                    <td>
                        <button
                            class="icon-button"
                            data-testid="tag-remove"
                            title="Remove"
                            on:click=move |_| {
                                let mut tags = r3.tags();
                                tags.remove(&k3);
                                if let Some(after) = r3.with_tags(tags) {
                                    commit(ed, after);
                                }
                            }
                        >
                            "×"
                        </button>
                    </td>
                </tr>
            }
        })
        .collect_view();
    let key = RwSignal::new(String::new());
    let value = RwSignal::new(String::new());
    let add = move || {
        let made = set_tag(&resource, resource.tags(), key.get_untracked().trim(), &value.get_untracked());
        if made.is_ok() {
            key.set(String::new());
            value.set(String::new());
        }
        commit_read(ed, made);
    };
    let add2 = add.clone();
    view! {
        <h3>{lang.pick("Tags", "태그")}</h3>
        <table class="rules" data-testid="tags">
            <thead>
                <tr>
                    <th>{lang.pick("Key", "키")}</th>
                    <th>{lang.pick("Value", "값")}</th>
                    <th></th>
                </tr>
            </thead>
            <tbody>
                {rows}
                <tr>
                    <td>
                        <input
                            class="cell"
                            data-testid="tag-new-key"
                            placeholder=lang.pick("key", "키")
                            prop:value=move || key.get()
                            on:input=move |e| key.set(event_target_value(&e))
                        />
                    </td>
                    <td>
                        <input
                            class="cell"
                            data-testid="tag-new-value"
                            placeholder=lang.pick("value", "값")
                            prop:value=move || value.get()
                            on:input=move |e| value.set(event_target_value(&e))
                            on:keydown=move |e| {
                                if e.key() == "Enter" {
                                    add2();
                                }
                            }
                        />
                    </td>
                    <td>
                        <button class="icon-button" data-testid="tag-add" title="Add" on:click=move |_| add()>
                            "+"
                        </button>
                    </td>
                </tr>
            </tbody>
        </table>
    }
    .into_any()
}

/// The resource with one more tag (the others as given), or why the tag is refused.
fn set_tag(resource: &Resource, others: Tags, key: &str, value: &str) -> Result<Resource, Text> {
    if let Some(problem) = tag_problem(key, value, &others) {
        return Err(problem.text());
    }
    let mut tags = others;
    tags.insert(key.to_owned(), value.to_owned());
    resource.with_tags(tags).ok_or_else(|| Text::new("This kind has no tags.", "이 종류에는 태그가 없습니다."))
}
