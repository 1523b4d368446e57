//! The old site's addresses against the links of a real export.

use super::fixtures;
use dateline_import::wordpress::permalinks::{infer, path_of, PostFields, Structure};
use dateline_import::wordpress::wxr::{Entry, Item, PostType, Status, WxrReader};
use std::collections::HashMap;

fn published(file: &str) -> Option<Vec<Item>> {
    let bytes = fixtures::read("wxr", file)?;
    Some(
        WxrReader::new(&bytes[..])
            .filter_map(|e| match e {
                Ok(Entry::Item(i)) if i.status == Status::Publish => Some(*i),
                _ => None,
            })
            .collect(),
    )
}

fn fields(item: &Item) -> Option<PostFields<'_>> {
    Some(PostFields {
        id: item.post_id,
        date: item.date?,
        slug: &item.slug.raw,
        category: item
            .terms_of("category")
            .next()
            .and_then(|t| t.slug.as_deref())
            .unwrap_or(""),
        author: &item.creator,
    })
}

#[test]
fn the_structure_of_the_theme_unit_test_site() {
    let Some(items) = published("themeunittestdata.wordpress.xml") else {
        return;
    };
    let base = "https://wpthemetestdata.wordpress.com";
    let posts: Vec<(String, PostFields<'_>)> = items
        .iter()
        .filter(|i| i.post_type == PostType::Post)
        .filter_map(|i| Some((path_of(&i.link, base), fields(i)?)))
        .collect();
    let found = infer(&posts, &[]).expect("a structure");
    assert_eq!(
        found.structure.as_str(),
        "/%year%/%monthnum%/%day%/%postname%/"
    );
    // Counted in the file with a script of its own: 56 published posts,
    // 39 of whose links follow the structure; the others' dates or slugs
    // were edited by hand after their links were written (and seven "WP
    // 6.1" posts have /%postname%/ links).
    assert_eq!((found.matched, found.total), (39, 56));
    let by_id: HashMap<u64, &Item> = items.iter().map(|i| (i.post_id, i)).collect();
    let mut pages = 0;
    for page in items.iter().filter(|i| i.post_type == PostType::Page) {
        let mut slugs = vec![page.slug.raw.as_str()];
        let mut parent = page.parent;
        while let Some(p) = parent.and_then(|id| by_id.get(&id)) {
            slugs.insert(0, &p.slug.raw);
            parent = p.parent;
        }
        let expected = path_of(&page.link, base).replace("//", "/");
        assert_eq!(
            found.structure.page_path(page.post_id, &slugs),
            expected,
            "page {}",
            page.post_id
        );
        pages += 1;
    }
    assert_eq!(pages, 21);
    let plain = Structure::parse("").expect("plain");
    assert_eq!(
        plain.post_path(&posts[0].1),
        format!("/?p={}", posts[0].1.id)
    );
}
