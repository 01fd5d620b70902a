//! Pictures of the diagram: SVG, or PNG at twice the size, of the whole design or the selection, with an optional
//! legend. The picture is the canvas's own drawing (every shape drawn for the moment, not only those in view) with
//! the app's stylesheet inside it, so it looks as it does on screen. Names are text nodes, escaped by the browser's
//! serializer: a hostile name stays text in the file too.

use leptos::prelude::*;
use vpcanvas_core::text::Text;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;

use crate::editor::Editor;
use crate::i18n::Lang;
use crate::scene::{self, Rect};

/// The app's stylesheet, carried inside every picture.
const STYLE: &str = include_str!("../style.css");

/// What to draw.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    pub png: bool,
    pub selection_only: bool,
    pub legend: bool,
}

/// The area a picture shows: every shape, or the selected ones and what is inside them, with a margin.
pub fn area(s: &scene::Scene, selection: Option<&[String]>) -> Option<Rect> {
    let rects: Vec<Rect> = match selection {
        None => vec![s.bounds.clone()],
        Some(keys) => {
            keys.iter()
                .filter_map(|k| {
                    s.boxes.iter().find(|b| &b.key == k).map(|b| b.rect.clone()).or_else(|| {
                        s.icons.iter().find(|i| &i.key == k).map(|i| crate::geometry::icon_footprint(&i.rect))
                    })
                })
                .collect()
        }
    };
    let first = rects.first()?.clone();
    let all = rects.iter().fold(first, |a, r| a.union(r));
    Some(Rect { x: all.x - 40.0, y: all.y - 40.0, w: all.w + 80.0, h: all.h + 80.0 })
}

/// The legend: what the colours and boxes mean, below the drawing.
pub fn legend(at: (f64, f64), lang: Lang) -> String {
    let (x, y) = at;
    let items: [(&str, &str, &str); 4] = [
        ("box vpc", "VPC", "VPC"),
        ("box zone", "Availability Zone", "가용 영역"),
        (
            "box subnet public",
            "public subnet (route to an internet gateway)",
            "퍼블릭 서브넷(인터넷 게이트웨이로 라우트)",
        ),
        ("box subnet private", "private subnet", "프라이빗 서브넷"),
    ];
    let mut out = format!(
        "<g class=\"legend\"><text x=\"{x}\" y=\"{}\" class=\"box-title\">{}</text>",
        y + 16.0,
        lang.pick("Legend", "범례")
    );
    for (n, (class, en, ko)) in items.iter().enumerate() {
        let ix = x + (n as f64 % 2.0) * 340.0;
        let iy = y + 32.0 + (n / 2) as f64 * 34.0;
        out.push_str(&format!(
            "<g class=\"{class}\"><rect x=\"{ix}\" y=\"{iy}\" width=\"36\" height=\"22\" rx=\"4\"></rect></g><text x=\"{}\" y=\"{}\" class=\"icon-title\" text-anchor=\"start\">{}</text>",
            ix + 46.0,
            iy + 16.0,
            lang.pick(en, ko)
        ));
    }
    out.push_str("</g>");
    out
}

/// The height the legend adds.
pub const LEGEND_H: f64 = 110.0;

/// Draws every shape, waits for the page to show them, and saves the picture.
pub fn export(ed: Editor, options: Options) {
    let lang = ed.lang.get_untracked();
    let s = ed.design.with_untracked(|d| scene::build_in(d, lang));
    let selection = ed.selection.get_untracked();
    if options.selection_only && selection.is_empty() {
        ed.say_error(Text::new("Select what to picture first.", "먼저 그릴 것을 선택하세요."));
        return;
    }
    let Some(mut view) = area(&s, options.selection_only.then_some(selection.as_slice())) else { return };
    ed.export_all.set(true);
    let name = ed.design.with_untracked(crate::files::file_name).replace(".vpcanvas.json", "");
    request_animation_frame(move || {
        request_animation_frame(move || {
            let layers = drawn_layers();
            ed.export_all.set(false);
            let Some(layers) = layers else {
                ed.say_error(Text::new("The diagram could not be read.", "다이어그램을 읽을 수 없습니다."));
                return;
            };
            let extra = if options.legend { legend((view.x + 40.0, view.y + view.h), lang) } else { String::new() };
            if options.legend {
                view.h += LEGEND_H;
            }
            let svg = format!(
                "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"picture\" viewBox=\"{} {} {} {}\" width=\"{}\" height=\"{}\"><style>{}</style><rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"#ffffff\"></rect>{layers}{extra}</svg>",
                view.x,
                view.y,
                view.w,
                view.h,
                view.w.round(),
                view.h.round(),
                STYLE.replace("</", "<\\/"),
                view.x,
                view.y,
                view.w,
                view.h,
            );
            if options.png {
                to_png(ed, svg, (view.w, view.h), format!("{name}.png"));
            } else {
                let file = format!("{name}.svg");
                match crate::files::download(&file, "image/svg+xml", &svg) {
                    Ok(()) => ed.say(Text::new(format!("Saved {file}."), format!("{file}로 저장했습니다."))),
                    Err(e) => {
                        ed.say_error(Text::new(format!("Could not save: {e}."), format!("저장할 수 없습니다: {e}.")))
                    }
                }
            }
        });
    });
}

/// The canvas's boxes, lines and icons as markup (not the selection, the analysis overlays or the minimap).
fn drawn_layers() -> Option<String> {
    let doc = web_sys::window()?.document()?;
    let mut out = String::new();
    for class in ["layer-boxes", "layer-links", "layer-icons"] {
        let el = doc.query_selector(&format!("[data-testid=world] > .{class}")).ok()??;
        out.push_str(&el.outer_html());
    }
    Some(out)
}

/// Renders the SVG at twice its size into a PNG and saves it.
fn to_png(ed: Editor, svg: String, size: (f64, f64), file: String) {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else { return };
    let Ok(image) = web_sys::HtmlImageElement::new() else { return };
    let canvas: Option<web_sys::HtmlCanvasElement> = doc.create_element("canvas").ok().and_then(|c| c.dyn_into().ok());
    let Some(canvas) = canvas else { return };
    let (w, h) = ((size.0 * 2.0).round() as u32, (size.1 * 2.0).round() as u32);
    canvas.set_width(w);
    canvas.set_height(h);
    let img = image.clone();
    let onload = Closure::once_into_js(move || {
        let ctx: Option<web_sys::CanvasRenderingContext2d> =
            canvas.get_context("2d").ok().flatten().and_then(|c| c.dyn_into().ok());
        let Some(ctx) = ctx else { return };
        let _ = ctx.draw_image_with_html_image_element_and_dw_and_dh(&img, 0.0, 0.0, f64::from(w), f64::from(h));
        match canvas.to_data_url_with_type("image/png") {
            Ok(url) => {
                let saved = web_sys::window()
                    .and_then(|w| w.document())
                    .and_then(|d| d.create_element("a").ok())
                    .and_then(|a| a.dyn_into::<web_sys::HtmlAnchorElement>().ok())
                    .map(|a| {
                        a.set_href(&url);
                        a.set_download(&file);
                        a.click();
                    });
                if saved.is_some() {
                    ed.say(Text::new(format!("Saved {file}."), format!("{file}로 저장했습니다.")));
                }
            }
            Err(_) => ed.say_error(Text::new("The picture could not be drawn.", "그림을 그릴 수 없습니다.")),
        }
    });
    image.set_onload(Some(onload.unchecked_ref()));
    let encoded: String = js_sys::encode_uri_component(&svg).into();
    image.set_src(&format!("data:image/svg+xml;charset=utf-8,{encoded}"));
}

/// The picture controls of the designs menu.
#[component]
pub fn PictureControls() -> impl IntoView {
    let ed = expect_context::<Editor>();
    let selection_only = RwSignal::new(false);
    let legend_on = RwSignal::new(true);
    let go = move |png: bool| {
        export(ed, Options { png, selection_only: selection_only.get_untracked(), legend: legend_on.get_untracked() })
    };
    view! {
        <h3>{move || ed.lang.get().pick("Picture", "그림")}</h3>
        <div class="end-row">
            <button class="small" data-testid="picture-svg" on:click=move |_| go(false)>"SVG"</button>
            <button class="small" data-testid="picture-png" on:click=move |_| go(true)>"PNG (2×)"</button>
            <label class="check">
                <input type="checkbox" data-testid="picture-selection" prop:checked=move || selection_only.get() on:change=move |e| selection_only.set(event_target_checked(&e)) />
                {move || ed.lang.get().pick("selection only", "선택만")}
            </label>
            <label class="check">
                <input type="checkbox" data-testid="picture-legend" prop:checked=move || legend_on.get() on:change=move |e| legend_on.set(event_target_checked(&e)) />
                {move || ed.lang.get().pick("legend", "범례")}
            </label>
        </div>
    }
}
