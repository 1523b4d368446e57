//! Post content (block markup, classic HTML, shortcodes) into the site's
//! Markdown.
//!
//! The content is read as WordPress would show it: block comments are
//! read into blocks, classic content gets wpautop's paragraphs, shortcodes
//! are expanded, and the resulting HTML is parsed as a browser would
//! (html5ever) and written as Markdown. What Markdown cannot say (a picture
//! with a caption, a table with merged cells, a block of raw HTML) is
//! written as HTML of the kinds the site's sanitiser keeps.
//!
//! Nothing is dropped silently: shortcodes and blocks that mean nothing
//! here stay visible as text and are listed in the [`ConversionReport`];
//! pictures that cannot be placed in the media library become links to
//! where they were. Script, styles, frames, event handlers and
//! `javascript:` addresses never come through, whatever the sanitiser
//! would do after.

mod autop;
mod blocks;
mod dom;
mod escape;
mod html_out;
mod media;
mod shortcodes;
mod table;
mod text;
mod walk;

pub use text::plain_text;

/// How many tags of a post are read as HTML; the rest of a longer post
/// comes out as text (and a note in the report), which keeps the parsed
/// tree bounded.
pub const MAX_TAGS: usize = 100_000;

/// A picture the content shows, for the caller to place in the media
/// library.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImageRef<'a> {
    /// Where the old site served it (may be relative, or empty when only
    /// the attachment id is known, as in `[gallery ids="…"]`).
    pub url: &'a str,
    /// The WordPress attachment, when the markup says (`wp-image-12`,
    /// `[caption id="attachment_12"]`, a gallery's ids).
    pub attachment_id: Option<u64>,
    pub alt: &'a str,
    /// The caption as plain text.
    pub caption: Option<&'a str>,
}

/// Gives a picture its media library path (`/media/{token}/{file}`), or
/// `None` when it has none. Closures taking an [`ImageRef`] are resolvers.
pub trait ImageResolver {
    fn resolve(&self, image: &ImageRef<'_>) -> Option<String>;
}

impl<F: Fn(&ImageRef<'_>) -> Option<String>> ImageResolver for F {
    fn resolve(&self, image: &ImageRef<'_>) -> Option<String> {
        self(image)
    }
}

/// A resolver that places nothing: every picture becomes a link.
pub fn no_images(_: &ImageRef<'_>) -> Option<String> {
    None
}

/// What a conversion met that the caller may want to act on. Each list
/// holds each entry once, in order of appearance.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ConversionReport {
    /// Shortcodes left in the text, by name.
    pub shortcodes: Vec<String>,
    /// Blocks with no meaning here, by name (`latest-posts`, a plugin's
    /// `jetpack/slideshow`); without HTML of their own they show as
    /// "[WordPress block: name]".
    pub unknown_blocks: Vec<String>,
    /// Pictures the resolver did not place: their URL, or
    /// `attachment:{id}` when only the id is known.
    pub unresolved_images: Vec<String>,
    /// Embedded things (videos, posts, frames, audio) written as links.
    pub embeds: Vec<String>,
    /// Every link target, as written (the caller rewrites the old site's).
    pub links: Vec<String>,
    /// Anything else worth telling the operator.
    pub notes: Vec<String>,
}

/// A post's content as Markdown, and what the conversion met.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Converted {
    pub markdown: String,
    pub report: ConversionReport,
}

/// Converts post content (`content:encoded`) to Markdown.
pub fn convert(content: &str, images: &dyn ImageResolver) -> Converted {
    let mut report = ConversionReport::default();
    let (read, rest) = split_at_tag(content, MAX_TAGS);
    let classic = !blocks::has_blocks(read);
    let html = blocks::compose(&blocks::parse(read), classic, &mut report);
    let html = shortcodes::expand(&html, &mut report);
    let dom = dom::Dom::parse(&html);
    let mut markdown = walk::Walker::new(&dom, images, &mut report).document();
    if !rest.is_empty() {
        report.notes.push(format!(
            "the content has more than {MAX_TAGS} tags; the rest is kept as plain text"
        ));
        let mut text = String::new();
        escape::text(&rest.replace(['\r', '\n'], " "), &mut text);
        if !markdown.is_empty() {
            markdown.push_str("\n\n");
        }
        markdown.push_str(&escape::line_start(text.trim()));
        markdown.push('\n');
    }
    Converted { markdown, report }
}

/// The content up to its `max`-th tag, and the rest.
fn split_at_tag(content: &str, max: usize) -> (&str, &str) {
    match content.match_indices('<').nth(max) {
        Some((at, _)) => content.split_at(at),
        None => (content, ""),
    }
}
