# Dateline — English reader interface. The reference catalogue: every other
# language translates these ids, and falls back to these messages.

## Page frame
skip-to-content = Skip to content
nav-label = Sections
nav-home = Front page
language-switcher-label = Read in another language
footer-copyright = © { $year } { $site }. All rights reserved.
footer-print-note = Printed from { $url }

## Front, section, tag and author pages
front-title = { $site }: latest news
latest-heading = Latest news
section-more = More from { $section }
tag-title = Tagged “{ $tag }”
author-title = Articles by { $author }
list-empty = Nothing has been published here yet.
pagination-label = More pages
pagination-newer = Newer articles
pagination-older = Older articles
pagination-status = Page { $page } of { $pages }
page-title-numbered = { $title } (page { $page })

## Article page
article-byline = By { $author }
article-published = Published { $date }
article-updated = Updated { $date }
article-tags = Tags
dateline-full = { $place }, { $date } ({ $agency }) —
dateline-no-agency = { $place }, { $date } —
dateline-no-date = { $place } ({ $agency }) —
dateline-place = { $place } —
notes-heading = Corrections and updates
note-correction = Correction
note-clarification = Clarification
note-update = Update
breadcrumb-label = You are here

## Error pages
error-404-title = Page not found
error-404-body = There is no page at this address. It may have moved, or the address may be mistyped.
error-410-title = This article has been withdrawn
error-410-body = The article that was published at this address has been withdrawn by the editors.
error-400-title = Bad request
error-400-body = The address or the request could not be understood.
error-500-title = Something went wrong
error-500-body = The page could not be shown because of an error on our side. Please try again in a moment.
error-back = Go to the front page
