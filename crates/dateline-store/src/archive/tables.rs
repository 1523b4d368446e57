//! What the archive holds: its tables, in order, with their columns.

use super::Kind;

/// Tables in dependency order (a row only refers to rows of tables above
/// it), each with its columns and their kinds. A table whose first column
/// is `id` is keyed by it; any other by its first two columns.
///
/// `media_files` is a file a row, whole, as it was stored before files were
/// kept in pieces: the export puts each file's pieces (`media_chunks`) back
/// together and the import cuts them again, so the archive does not depend
/// on the size of a piece.
pub(super) const TABLES: &[(&str, &[(&str, Kind)])] = {
    use Kind::{Bytes, Int, Text};
    &[
        ("settings", &[("key", Text), ("value", Text)]),
        (
            "users",
            &[
                ("id", Int),
                ("email", Text),
                ("name", Text),
                ("role", Text),
                ("password_hash", Text),
                ("totp_secret", Text),
                ("totp_last_step", Int),
                ("disabled", Int),
                ("created_at", Int),
                ("updated_at", Int),
            ],
        ),
        (
            "sections",
            &[
                ("id", Int),
                ("language", Text),
                ("slug", Text),
                ("name", Text),
                ("position", Int),
                ("comments_open", Int),
                ("key", Text),
            ],
        ),
        (
            "authors",
            &[("id", Int), ("slug", Text), ("name", Text), ("bio", Text)],
        ),
        (
            "tags",
            &[
                ("id", Int),
                ("language", Text),
                ("slug", Text),
                ("name", Text),
            ],
        ),
        (
            "media",
            &[
                ("id", Int),
                ("kind", Text),
                ("content_type", Text),
                ("file_name", Text),
                ("alt_text", Text),
                ("caption", Text),
                ("credit", Text),
                ("width", Int),
                ("height", Int),
                ("duration_ms", Int),
                ("byte_size", Int),
                ("uploaded_by", Int),
                ("created_at", Int),
                ("token", Text),
            ],
        ),
        (
            "media_files",
            &[
                ("media_id", Int),
                ("variant", Text),
                ("width", Int),
                ("content_type", Text),
                ("bytes", Bytes),
            ],
        ),
        (
            "programmes",
            &[
                ("id", Int),
                ("language", Text),
                ("slug", Text),
                ("name", Text),
                ("description", Text),
                ("author", Text),
                ("category", Text),
                ("explicit", Int),
                ("cover_id", Int),
                ("created_at", Int),
                ("updated_at", Int),
                ("position", Int),
            ],
        ),
        (
            "section_redirects",
            &[("language", Text), ("slug", Text), ("section_id", Int)],
        ),
        (
            "programme_redirects",
            &[("language", Text), ("slug", Text), ("programme_id", Int)],
        ),
        (
            "articles",
            &[
                ("id", Int),
                ("language", Text),
                ("section_id", Int),
                ("slug", Text),
                ("headline", Text),
                ("standfirst", Text),
                ("dateline_place", Text),
                ("dateline_date", Text),
                ("dateline_agency", Text),
                ("byline", Text),
                ("author_id", Int),
                ("body_markdown", Text),
                ("body_html", Text),
                ("status", Text),
                ("published_at", Int),
                ("created_at", Int),
                ("updated_at", Int),
                ("story_key", Text),
                ("source_key", Text),
                ("path", Text),
                ("comments_open", Int),
                ("version", Int),
                ("created_by", Int),
                ("image_id", Int),
                ("audio_id", Int),
                ("programme_id", Int),
            ],
        ),
        (
            "article_tags",
            &[("article_id", Int), ("tag_id", Int), ("position", Int)],
        ),
        (
            "article_notes",
            &[
                ("id", Int),
                ("article_id", Int),
                ("kind", Text),
                ("body", Text),
                ("created_at", Int),
            ],
        ),
        ("redirects", &[("path", Text), ("article_id", Int)]),
        ("body_media", &[("article_id", Int), ("media_id", Int)]),
        (
            "related_pins",
            &[("article_id", Int), ("related_id", Int), ("position", Int)],
        ),
        (
            "view_counts",
            &[("article_id", Int), ("hour", Int), ("views", Int)],
        ),
        (
            "revisions",
            &[
                ("id", Int),
                ("article_id", Int),
                ("version", Int),
                ("kind", Text),
                ("user_id", Int),
                ("content", Text),
                ("created_at", Int),
            ],
        ),
        (
            "comments",
            &[
                ("id", Int),
                ("article_id", Int),
                ("parent_id", Int),
                ("name", Text),
                ("email", Text),
                ("body", Text),
                ("status", Text),
                ("spam_reason", Text),
                ("address_hash", Text),
                ("duplicate_key", Text),
                ("created_at", Int),
                ("moderated_at", Int),
                ("staff", Int),
                ("edited_at", Int),
            ],
        ),
        (
            "commenter_blocks",
            &[
                ("id", Int),
                ("email", Text),
                ("address_hash", Text),
                ("created_at", Int),
            ],
        ),
        (
            "audit_log",
            &[
                ("id", Int),
                ("at", Int),
                ("user_id", Int),
                ("user_email", Text),
                ("action", Text),
                ("entity", Text),
                ("entity_id", Int),
                ("detail", Text),
            ],
        ),
        (
            "front_pins",
            &[
                ("language", Text),
                ("place", Text),
                ("position", Int),
                ("article_id", Int),
            ],
        ),
        (
            "breaking_news",
            &[
                ("language", Text),
                ("text", Text),
                ("link", Text),
                ("ends_at", Int),
                ("updated_at", Int),
                ("updated_by", Int),
            ],
        ),
        (
            "pages",
            &[
                ("id", Int),
                ("language", Text),
                ("slug", Text),
                ("title", Text),
                ("body_markdown", Text),
                ("body_html", Text),
                ("story_key", Text),
                ("position", Int),
                ("published", Int),
                ("created_at", Int),
                ("updated_at", Int),
                ("updated_by", Int),
            ],
        ),
        (
            "wire_items",
            &[
                ("id", Int),
                ("language", Text),
                ("agency", Text),
                ("headline", Text),
                ("dateline", Text),
                ("first_lines", Text),
                ("story_key", Text),
                ("content_hash", Text),
                ("copy", Text),
                ("file_name", Text),
                ("source", Text),
                ("default_section", Text),
                ("year", Int),
                ("arrived_at", Int),
                ("arrived_by", Int),
                ("update_of", Int),
                ("state", Text),
                ("taken_by", Int),
                ("taken_at", Int),
                ("article_id", Int),
                ("spiked_by", Int),
                ("spiked_at", Int),
            ],
        ),
        // What a WordPress import made of each thing of the old site, and
        // its old addresses, so that a moved site still answers them and a
        // second import still updates. Listed kind first: ordered by kind
        // and WordPress id, an export of one imported site is in one order.
        (
            "wordpress_ids",
            &[
                ("kind", Text),
                ("wp_key", Text),
                ("site", Text),
                ("local_id", Int),
                ("updated_at", Int),
            ],
        ),
        (
            "wordpress_links",
            &[
                ("path", Text),
                ("kind", Text),
                ("local_id", Int),
                ("target", Text),
                ("created_at", Int),
            ],
        ),
    ]
};
