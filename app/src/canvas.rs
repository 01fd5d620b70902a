//! The SVG canvas: draws a [`Scene`] read-only. Boxes first, then links, then icons, so that icons sit on top.

use leptos::prelude::*;

use crate::scene::{self, Glyph, IconShape, LabelSide, Scene};
use vpcanvas_core::doc::Design;

/// Draws a design, fitted to the space it is given.
#[component]
pub fn DesignCanvas(
    /// The design to draw.
    design: std::rc::Rc<Design>,
) -> impl IntoView {
    let Scene { boxes, links, icons, bounds } = scene::build(&design);
    let view_box = format!("{} {} {} {}", bounds.x, bounds.y, bounds.w, bounds.h);
    let boxes = boxes
        .into_iter()
        .map(|b| {
            let title_y = b.rect.y + 22.0;
            view! {
                <g class=b.style.class() data-testid="container" data-kind=b.style.kind() data-id=b.key.clone()>
                    <rect x=b.rect.x y=b.rect.y width=b.rect.w height=b.rect.h rx="6" />
                    <text class="box-title" x=b.rect.x + 12.0 y=title_y>
                        {b.title}
                        <tspan class="box-detail" dx="10">{b.detail}</tspan>
                    </text>
                </g>
            }
        })
        .collect_view();
    let links = links
        .into_iter()
        .map(|l| view! { <line class="link" x1=l.from.0 y1=l.from.1 x2=l.to.0 y2=l.to.1 /> })
        .collect_view();
    let icons = icons.into_iter().map(icon).collect_view();
    view! {
        <svg
            class="canvas"
            data-testid="canvas"
            xmlns="http://www.w3.org/2000/svg"
            viewBox=view_box
            preserveAspectRatio="xMidYMin meet"
            role="img"
            aria-label=format!("Diagram of {}", design.name)
        >
            <g class="layer-boxes">{boxes}</g>
            <g class="layer-links">{links}</g>
            <g class="layer-icons">{icons}</g>
        </svg>
    }
}

fn icon(i: IconShape) -> impl IntoView {
    let (x, y) = (i.rect.x, i.rect.y);
    // Title and detail positions, and their anchor.
    let (tx, ty, dy, anchor) = match i.label {
        LabelSide::Below => (x + i.rect.w / 2.0, y + i.rect.h + 18.0, 16.0, "middle"),
        LabelSide::Right => (x + i.rect.w + 10.0, y + i.rect.h / 2.0 - 2.0, 16.0, "start"),
    };
    let class = match i.glyph {
        Glyph::Internet => "icon internet",
        Glyph::InternetGateway | Glyph::NatGateway | Glyph::Other(_) => "icon network",
        Glyph::Instance => "icon compute",
    };
    view! {
        <g class=class data-testid="resource" data-kind=i.kind data-id=i.key.clone()>
            <g transform=format!("translate({x} {y})")>{glyph(i.glyph)}</g>
            <text class="icon-title" x=tx y=ty text-anchor=anchor>{i.title}</text>
            <text class="icon-detail" x=tx y=ty + dy text-anchor=anchor>{i.detail}</text>
        </g>
    }
}

/// The 48×48 picture of each kind, drawn in the tile's own coordinates.
fn glyph(g: Glyph) -> AnyView {
    match g {
        Glyph::Internet => view! {
            <path class="cloud" d="M13 36 h24 a8 8 0 0 0 0-16 a11 11 0 0 0-21-3 a9 9 0 0 0-3 19 z" />
        }
        .into_any(),
        Glyph::InternetGateway => view! {
            <rect class="tile" width="48" height="48" rx="8" />
            <path class="ink" d="M14 38 V22 a10 10 0 0 1 20 0 V38 M10 38 h28 M24 12 v-2" />
        }
        .into_any(),
        Glyph::NatGateway => view! {
            <rect class="tile" width="48" height="48" rx="8" />
            <path class="ink" d="M12 18 h22 l-5-5 M12 18 l0 0 M36 30 h-22 l5 5" />
            <text class="tile-text" x="24" y="45" text-anchor="middle">NAT</text>
        }
        .into_any(),
        Glyph::Instance => view! {
            <rect class="tile" width="48" height="48" rx="8" />
            <rect class="ink" x="14" y="14" width="20" height="20" rx="2" />
            <path class="ink" d="M19 10 v4 M24 10 v4 M29 10 v4 M19 34 v4 M24 34 v4 M29 34 v4 M10 19 h4 M10 24 h4 M10 29 h4 M34 19 h4 M34 24 h4 M34 29 h4" />
        }
        .into_any(),
        Glyph::Other(kind) => {
            let letters: String = kind.label().split(' ').filter_map(|w| w.chars().next()).collect();
            view! {
                <rect class="tile" width="48" height="48" rx="8" />
                <text class="tile-text" x="24" y="29" text-anchor="middle">{letters.to_uppercase()}</text>
            }
            .into_any()
        }
    }
}
