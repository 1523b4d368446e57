//! Pictures, galleries, embeds and frames: pictures are placed through the
//! caller's resolver, and everything that cannot be shown here becomes a
//! link to where it was, listed in the report.

use super::blocks::push_once;
use super::escape;
use super::walk::{escaped, Inline, Walker};
use super::ImageRef;
use dateline_core::markdown::is_media_path;

/// A picture as the markup gives it.
struct Picture {
    url: String,
    attachment_id: Option<u64>,
    alt: String,
}

impl Walker<'_> {
    fn picture(&self, img: usize, attachment: Option<u64>) -> Picture {
        let attr = |k| self.dom.attr(img, k).unwrap_or("").trim();
        let mut url = attr("src");
        if url.is_empty() || url.starts_with("data:") {
            // Lazy-loading plugins keep the real address aside.
            url = ["data-src", "data-lazy-src", "data-orig-file"]
                .iter()
                .map(|k| attr(k))
                .find(|u| !u.is_empty())
                .unwrap_or(url);
        }
        let from_class = attr("class")
            .split_whitespace()
            .find_map(|c| c.strip_prefix("wp-image-")?.parse().ok());
        let attachment_id = attachment
            .or(from_class)
            .or_else(|| attr("data-id").parse().ok());
        Picture {
            url: url.to_string(),
            attachment_id,
            alt: attr("alt").to_string(),
        }
    }

    /// The picture's media path, or `None` (then reported).
    fn place(&mut self, picture: &Picture, caption: Option<&str>) -> Option<String> {
        let reference = ImageRef {
            url: &picture.url,
            attachment_id: picture.attachment_id,
            alt: &picture.alt,
            caption,
        };
        let path = self.images.resolve(&reference).filter(|p| is_media_path(p));
        if path.is_none() {
            let name = match (picture.url.is_empty(), picture.attachment_id) {
                (true, Some(id)) => format!("attachment:{id}"),
                _ => picture.url.clone(),
            };
            if !name.is_empty() {
                push_once(&mut self.report.unresolved_images, &name);
            }
        }
        path
    }

    /// A picture of the markup, placed: its alt text, where it was, and
    /// its media path when the resolver has one.
    pub(super) fn placed(&mut self, img: usize) -> (String, String, Option<String>) {
        let picture = self.picture(img, None);
        let path = self.place(&picture, None);
        (picture.alt, picture.url, path)
    }

    /// A picture in running text.
    pub(super) fn inline_image(&mut self, img: usize, attachment: Option<u64>, para: &mut Inline) {
        let picture = self.picture(img, attachment);
        match self.place(&picture, None) {
            Some(path) => para.md.push_str(&format!(
                "![{}]({})",
                escaped(&picture.alt),
                escape::destination(&path)
            )),
            // A link cannot hold a link: inside one, the words suffice.
            None if self.in_link => escape::text(&fallback_text(&picture), &mut para.md),
            None => {
                let text = fallback_text(&picture);
                self.link_to(&text, &picture.url.clone(), para);
            }
        }
    }

    /// Whether a list holds pictures only (old galleries).
    pub(super) fn is_picture_list(&self, list: usize) -> bool {
        let items: Vec<usize> = self
            .dom
            .children(list)
            .iter()
            .copied()
            .filter(|&c| self.dom.name(c).is_some())
            .collect();
        !items.is_empty()
            && items.iter().all(|&li| {
                self.dom.name(li) == Some("li")
                    && self.dom.text(li).trim().is_empty()
                    && self.find(li, "img").is_some()
            })
    }

    /// The first element of that name under `id` (not inside a caption).
    fn find(&self, id: usize, name: &str) -> Option<usize> {
        let mut stack: Vec<usize> = self.dom.children(id).iter().rev().copied().collect();
        while let Some(at) = stack.pop() {
            match self.dom.name(at) {
                Some(n) if n == name => return Some(at),
                Some("figcaption") => {}
                Some(_) => stack.extend(self.dom.children(at).iter().rev()),
                None => {}
            }
        }
        None
    }

    fn count(&self, id: usize, name: &str) -> usize {
        let mut n = 0;
        let mut stack = vec![id];
        while let Some(at) = stack.pop() {
            if self.dom.name(at) == Some(name) {
                n += 1;
            }
            stack.extend(self.dom.children(at));
        }
        n
    }

    /// `<figure>`: a picture with its caption, else a container whose
    /// caption is a paragraph.
    pub(super) fn figure(&mut self, id: usize, depth: usize, out: &mut Vec<String>) {
        let caption = self
            .dom
            .children(id)
            .iter()
            .copied()
            .find(|&c| self.dom.name(c) == Some("figcaption"));
        let body_text: String = self
            .dom
            .children(id)
            .iter()
            .filter(|&&c| Some(c) != caption)
            .map(|&c| self.dom.text(c))
            .collect();
        let img = self.find(id, "img");
        let (Some(img), true, 1) = (img, body_text.trim().is_empty(), self.count(id, "img")) else {
            self.blocks(id, depth, out);
            return;
        };
        let attachment = self
            .dom
            .attr(id, "data-attachment")
            .and_then(|a| a.parse().ok());
        let picture = self.picture(img, attachment);
        let caption_text = caption.map(|c| self.dom.text(c).trim().to_string());
        let caption_text = caption_text.filter(|c| !c.is_empty());
        let href = self.picture_link(img, &picture.url);
        match self.place(&picture, caption_text.as_deref()) {
            Some(path) => match (caption, &caption_text) {
                (Some(caption), Some(_)) => {
                    let mut html = String::from("<figure>");
                    if let Some(href) = &href {
                        html.push_str("<a href=\"");
                        escape::html(href, &mut html);
                        html.push_str("\">");
                    }
                    html.push_str("<img src=\"");
                    escape::html(&path, &mut html);
                    html.push_str("\" alt=\"");
                    escape::html(&picture.alt, &mut html);
                    html.push_str("\">");
                    if href.is_some() {
                        html.push_str("</a>");
                    }
                    html.push_str("<figcaption>");
                    html.push_str(&self.safe_inner_html(caption));
                    html.push_str("</figcaption></figure>");
                    out.push(html);
                }
                _ => {
                    let image = format!(
                        "![{}]({})",
                        escaped(&picture.alt),
                        escape::destination(&path)
                    );
                    out.push(match href {
                        Some(href) => format!("[{image}]({})", escape::destination(&href)),
                        None => image,
                    });
                }
            },
            None => {
                let mut para = Inline::new();
                para.only_text = false;
                self.link_to(&fallback_text(&picture), &picture.url.clone(), &mut para);
                self.flush(&mut para, out);
                if let Some(caption) = caption {
                    self.blocks(caption, depth, out);
                }
            }
        }
    }

    /// Where a picture links to, unless it is only to the picture itself
    /// (WordPress's "link to media file").
    fn picture_link(&mut self, img: usize, src: &str) -> Option<String> {
        let mut at = self.dom.nodes[img].parent;
        while let Some(parent) = at {
            match self.dom.name(parent) {
                Some("a") => {
                    let href = self.dom.attr(parent, "href")?.trim().to_string();
                    let lower = href.to_ascii_lowercase();
                    let to_file = href == src
                        || [".jpg", ".jpeg", ".png", ".gif", ".webp"]
                            .iter()
                            .any(|e| lower.ends_with(e));
                    if to_file || !escape::is_safe_url(&href) {
                        return None;
                    }
                    push_once(&mut self.report.links, &href);
                    return Some(href);
                }
                Some("figure") | None => return None,
                Some(_) => at = self.dom.nodes[parent].parent,
            }
        }
        None
    }

    /// The address a frame, video, audio or object plays (its `src`, or an
    /// object's `data`), trimmed; empty when it names none.
    pub(super) fn media_src(&self, id: usize) -> String {
        self.dom
            .attr(id, "src")
            .or_else(|| self.dom.attr(id, "data"))
            .unwrap_or("")
            .trim()
            .to_string()
    }

    /// A frame, video, audio or object, as a link to its source.
    pub(super) fn media_link(&mut self, id: usize, name: &str, para: &mut Inline) {
        let mut src = self.media_src(id);
        if src.is_empty() {
            if let Some(source) = self.find(id, "source") {
                src = self
                    .dom
                    .attr(source, "src")
                    .unwrap_or("")
                    .trim()
                    .to_string();
            }
        }
        if src.is_empty() || !escape::is_safe_url(&src) {
            return;
        }
        let kind = match name {
            "video" => "Video",
            "audio" => "Audio",
            _ => "Embedded content",
        };
        let text = format!("{kind} ({})", host(&src).unwrap_or(&src));
        push_once(&mut self.report.embeds, &src);
        para.only_text = false;
        self.link_to(&text, &src, para);
    }

    /// An embed block or shortcode: a link to what was embedded, named by
    /// its provider, and its caption.
    pub(super) fn embed(&mut self, id: usize, depth: usize, out: &mut Vec<String>) {
        let url = self
            .dom
            .attr(id, "data-url")
            .unwrap_or("")
            .trim()
            .to_string();
        if !(url.starts_with("http://") || url.starts_with("https://")) {
            // Not an address: what was written stays, as text.
            let mut para = Inline::new();
            escape::text(&url, &mut para.md);
            self.flush(&mut para, out);
            self.blocks(id, depth, out);
            return;
        }
        let provider = provider_name(self.dom.attr(id, "data-provider").unwrap_or(""), &url);
        push_once(&mut self.report.embeds, &url);
        let mut para = Inline::new();
        para.only_text = false;
        escape::text(&format!("{provider}: "), &mut para.md);
        self.link_to(&url, &url, &mut para);
        self.flush(&mut para, out);
        if let Some(caption) = self.find_caption(id) {
            self.blocks(caption, depth, out);
        }
    }

    fn find_caption(&self, id: usize) -> Option<usize> {
        let mut stack = vec![id];
        while let Some(at) = stack.pop() {
            if self.dom.name(at) == Some("figcaption") {
                return Some(at);
            }
            stack.extend(self.dom.children(at));
        }
        None
    }

    /// `[gallery ids="…"]`: each picture by its attachment id.
    pub(super) fn gallery(&mut self, id: usize, out: &mut Vec<String>) {
        let ids: Vec<u64> = self
            .dom
            .attr(id, "data-ids")
            .unwrap_or("")
            .split(',')
            .filter_map(|i| i.trim().parse().ok())
            .collect();
        if ids.is_empty() {
            out.push(escaped("[WordPress gallery]"));
            return;
        }
        for attachment in ids {
            let picture = Picture {
                url: String::new(),
                attachment_id: Some(attachment),
                alt: String::new(),
            };
            out.push(match self.place(&picture, None) {
                Some(path) => format!("![]({})", escape::destination(&path)),
                None => escaped(&format!("[Image: attachment {attachment}]")),
            });
        }
    }
}

/// The words a picture that is not shown stands for.
fn fallback_text(picture: &Picture) -> String {
    if !picture.alt.is_empty() {
        return picture.alt.clone();
    }
    let file = picture
        .url
        .split(['?', '#'])
        .next()
        .and_then(|u| u.rsplit('/').next())
        .filter(|f| !f.is_empty());
    match (file, picture.attachment_id) {
        (Some(file), _) => format!("Image: {file}"),
        (None, Some(id)) => format!("Image: attachment {id}"),
        (None, None) => "Image".into(),
    }
}

pub(super) fn host(url: &str) -> Option<&str> {
    let rest = url.split_once("://")?.1;
    let host = rest.split(['/', '?', '#']).next()?;
    Some(host.rsplit('@').next().unwrap_or(host)).filter(|h| !h.is_empty())
}

/// A provider's name as people write it.
fn provider_name(slug: &str, url: &str) -> String {
    let known = [
        ("youtube", "YouTube"),
        ("vimeo", "Vimeo"),
        ("twitter", "Twitter"),
        ("x", "X"),
        ("facebook", "Facebook"),
        ("instagram", "Instagram"),
        ("soundcloud", "SoundCloud"),
        ("spotify", "Spotify"),
        ("flickr", "Flickr"),
        ("tiktok", "TikTok"),
        ("wordpress", "WordPress"),
        ("wordpress-tv", "WordPress.tv"),
        ("dailymotion", "Dailymotion"),
        ("reddit", "Reddit"),
        ("tumblr", "Tumblr"),
        ("slideshare", "SlideShare"),
        ("scribd", "Scribd"),
        ("ted", "TED"),
        ("imgur", "Imgur"),
        ("audio", "Audio"),
        ("video", "Video"),
    ];
    if let Some((_, name)) = known.iter().find(|(s, _)| *s == slug) {
        return (*name).to_string();
    }
    if !slug.is_empty() {
        let mut chars = slug.chars();
        return chars
            .next()
            .map(|c| c.to_uppercase().chain(chars).collect())
            .unwrap_or_default();
    }
    host(url)
        .map(|h| h.trim_start_matches("www.").to_string())
        .unwrap_or_else(|| "Embedded content".into())
}
