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
front-description = The latest news from { $site }, section by section.
list-description = The latest articles of “{ $title }” on { $site }.
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
article-also-in = Also in:
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

## Reader comments
comments-heading = Commentaries
comments-none = No comments yet.
comments-closed = Comments are closed for this article.
comments-pagination-label = More comments
comments-earlier = Earlier comments
comments-later = Later comments
comment-awaiting-moderation = Your comment is awaiting moderation. Only you can see it until an editor approves it.
comment-reply = Reply to { $name }
comment-staff = From the newsroom
preview-bar = Preview: this is how readers will see the article. It is not published, and this address lasts a day.
preview-not-published = Not published yet
comment-replying-to = Replying to { $name }.
comment-reply-cancel = Write a new comment instead
comment-form-heading = Make a comment
comment-form-all-required = All fields required.
comment-form-has-errors = Your comment was not posted. Please correct the fields marked below; everything you wrote is kept.
comment-name-label = Name
comment-name-hint = Shown with your comment. Up to 80 characters.
comment-email-label = Email
comment-email-hint = Never shown to anyone but the moderators.
comment-body-label = Comment
comment-body-hint = Plain text, up to 5,000 characters and { $limit } links.
comment-honeypot-label = Leave this field empty
comment-submit = Post comment
comment-kept-label = Your comment (not posted)
comment-error-name-missing = Please enter your name.
comment-error-name-too-long = Your name can be at most { $limit } characters; this one has { $given }.
comment-error-email-missing = Please enter your email address.
comment-error-email-too-long = An email address can be at most { $limit } characters; this one has { $given }.
comment-error-email-malformed = Please enter a valid email address, such as name@example.org.
comment-error-body-missing = Please write a comment.
comment-error-body-too-long = A comment can be at most { $limit } characters; this one has { $given }.
comment-error-too-many-links = A comment can carry at most { $limit } links.
comment-error-too-fast = That was quick: please read your comment over and send it again.
comment-error-expired = This form has expired. Please send your comment again.
comment-error-invalid-form = This form could not be checked. Please send your comment again.
comment-error-rate-limited = You have posted several comments in a short time. Please wait a few minutes and send this one again.
comment-error-reply-gone = The comment you replied to is no longer available; your comment will be posted on its own.
card-comments = { $count ->
    [one] { $count } comment
   *[other] { $count } comments
}

## Feeds
feed-rss-title = RSS feed
feed-atom-title = Atom feed
feed-json-title = JSON feed
feed-front-title = Latest news from { $site }
feed-list-title = { $title } on { $site }

article-audio = Listen ({ $duration })
article-audio-download = Download the audio
corrections-title = Corrections and clarifications
corrections-intro = Every correction, clarification and update added to our articles, newest first.
corrections-empty = No corrections yet.

## Programmes and their podcasts
programmes-title = Programmes
programmes-description = The radio programmes of { $site }: listen to their episodes here or subscribe to their podcasts.
programmes-intro = Listen to our programmes here, or subscribe to their podcasts in your podcast app.
programmes-empty = No programmes yet.
programme-episodes = { $count ->
    [one] { $count } episode
   *[other] { $count } episodes
}
programme-by = Presented by { $author }
programme-subscribe = Subscribe to the podcast
programme-subscribe-hint = Copy this link into your podcast app.
programme-episodes-heading = Episodes
programme-no-episodes = No episodes yet.
programme-episode-duration = Duration { $duration }
programme-listen = Listen: { $headline }
programme-feed-title = { $name } (podcast)
programme-feed-description = Episodes of { $name }, from { $site }.
article-programme = An episode of

## Related articles and "More views"
related-heading = Related articles
most-viewed-heading = More views
most-viewed-day = Last 24 hours
most-viewed-week = Last 7 days
most-viewed-month = Last 30 days
most-viewed-none = Nothing read yet in this period.

## Search
search-title = Search
search-title-query = Search: { $query }
search-label = Search the news
search-button = Search
search-hint = Every word must appear; put a phrase in "double quotes".
search-filters = Narrow the search
search-section = Section
search-any-section = All sections
search-tag = Tag
search-from = From
search-to = To
search-sort = Order
search-sort-relevance = Best match first
search-sort-newest = Newest first
search-count = { $count ->
    [one] One article found
   *[other] { $count } articles found
}
search-none = No articles match “{ $query }”.
search-none-hint = Check the spelling, use fewer or other words, or widen the dates and filters.
search-previous = Previous results
search-next = More results
search-rebuilding = The search index is being rebuilt: some articles may be missing from the results for a few minutes.
search-error-unparsable = This search cannot be understood. Close every double quote and bracket, and leave out colons.
search-error-too-long = A search can be at most 200 characters long.
search-error-section = There is no such section. Choose one from the list.
search-error-date = A date must be written as year-month-day, for example 2016-10-04.
search-error-page = There is no such page of results.
search-error-unavailable = Search is unavailable for a moment. Please try again shortly.

## The front page, the side column and the footer
front-empty = Nothing has been published in this language on { $site } yet.
more-from-heading = More from { $section }
section-latest-heading = Latest in { $section }
image-credit = Photo: { $credit }
share-label = Share this story
share-email = E-mail
footer-sections = Sections
footer-follow = Follow
footer-programmes = Programmes and podcasts
footer-rss = RSS feed
footer-atom = Atom feed
footer-json = JSON Feed
footer-about = { $site }
footer-corrections = Corrections
footer-languages = Languages
breaking-label = Breaking
footer-map-label = Site map

## The site identity: social accounts in the footer (issue 16)
footer-social = Social media
