# Dateline — English newsroom interface. The reference for the newsroom's
# other catalogues; every id starts with "nr-". Languages without their own
# newsroom catalogue fall back to these messages.

## Frame
nr-page-title = { $title } · { $site } newsroom
nr-site-name = { $site } newsroom
nr-view-site = View the site
nr-skip = Skip to content
nr-nav-label = Newsroom
nr-logout = Log out
nr-none = None

## Navigation
nr-nav-desk = Desk
nr-nav-articles = Articles
nr-nav-new = New article
nr-nav-media = Media
nr-nav-wire = Wire
nr-nav-comments = Comments
nr-nav-users = People
nr-nav-sections = Sections
nr-nav-programmes = Programmes
nr-nav-settings = Settings
nr-nav-audit = Audit log

## Page titles
nr-login-title = Log in
nr-code-title = Verification code
nr-setup-title = Set up the newsroom
nr-reset-title = Choose a new password
nr-desk-title = Desk
nr-articles-title = Articles
nr-edit-title = Edit article
nr-new-title = New article
nr-revisions-title = Revisions
nr-media-title = Media library
nr-comments-title = Comments to moderate
nr-wire-title = Wire copy
nr-account-title = Your account
nr-users-title = People
nr-user-title = Person
nr-sections-title = Sections
nr-programmes-title = Programmes
nr-settings-title = Site settings
nr-audit-title = Audit log

## Roles
nr-role-contributor = Contributor
nr-role-editor = Editor
nr-role-admin = Administrator

## Statuses and workflow moves
nr-status-draft = Draft
nr-status-submitted = Submitted
nr-status-scheduled = Scheduled
nr-status-published = Published
nr-status-unpublished = Unpublished
nr-move-submit = Submit to the editors
nr-move-send-back = Send back to the writer
nr-move-schedule = Schedule
nr-move-unschedule = Unschedule
nr-move-publish = Publish
nr-move-unpublish = Unpublish

## Logging in
nr-field-email = Email address
nr-field-password = Password
nr-login-submit = Log in
nr-login-forgot = Forgotten your password? An administrator can send you a link to choose a new one.
nr-login-missing = Enter your email address and your password.
nr-login-too-many = Too many failed attempts. Wait 15 minutes, then try again.
nr-login-busy = The server is busy checking other passwords. Wait a few seconds, then try again.
nr-login-wrong = The email address or the password is not right.
nr-login-done-reset = Your new password is set. Log in with it.
nr-login-done-logout = You have logged out.
nr-field-code = Code
nr-code-hint = The six-digit code your authenticator app shows now.
nr-code-submit = Verify
nr-code-wrong = That code is not right, or it has already been used. Enter the code your app shows now.
nr-code-start-over = Start again from the login page

## First administrator and password reset
nr-setup-intro = Create the first administrator account. This link works once.
nr-reset-intro = Choose a new password for your account. This link works once.
nr-field-name = Name
nr-field-new-password = New password
nr-field-password-again = New password again
nr-hint-login-email = You log in with this address.
nr-hint-reset-email = The account this link is for.
nr-hint-password = At least 10 characters. A few unrelated words make a strong password.
nr-setup-submit = Create the account
nr-reset-submit = Set the password
nr-form-has-errors = Nothing was saved. Correct the fields marked below.

## Desk
nr-desk-submitted = Waiting for an editor
nr-desk-submitted-empty = No article is waiting for an editor.
nr-desk-scheduled = Scheduled
nr-desk-scheduled-empty = No article is scheduled.
nr-desk-mine = Your latest articles
nr-desk-mine-empty = You have not written an article yet.
nr-desk-mine-all = All your articles

## Article lists
nr-col-headline = Headline
nr-col-status = Status
nr-col-language = Language
nr-col-section = Section
nr-col-writer = Writer
nr-col-updated = Last saved
nr-col-publishes = Publishes
nr-col-published = Published
nr-filter-label = Find articles
nr-filter-q = Words in the headline
nr-filter-any-status = Any status
nr-filter-any-language = Any language
nr-filter-mine = Only mine
nr-filter-submit = Show
nr-filter-clear = Show all articles
nr-articles-found = { $count ->
    [one] { $count } article
   *[other] { $count } articles
}
nr-articles-none = No article matches.
nr-pagination-label = More articles
nr-pagination-status = Page { $page } of { $pages }
nr-pagination-newer = Newer
nr-pagination-older = Older

## Editor
nr-field-headline = Headline
nr-field-standfirst = Standfirst
nr-hint-standfirst = One or two sentences under the headline. Optional.
nr-field-dateline-place = Dateline place
nr-field-dateline-date = Dateline date
nr-hint-dateline-date = Written YYYY-MM-DD. Optional.
nr-field-dateline-agency = Agency
nr-field-byline = Byline
nr-field-language = Language
nr-field-section = Section
nr-hint-section = A section of the article's language.
nr-field-slug = Slug
nr-hint-slug = The end of the article's address. Leave it empty to make it from the headline.
nr-field-story-key = Story key
nr-hint-story-key = The same key links the translations of one story.
nr-field-tags = Tags
nr-hint-tags = Separated by commas.
nr-field-body = Body
nr-hint-body = Markdown: a blank line between paragraphs, ## before a subheading, > before a quotation, [words](https://example.org) for a link.
nr-field-published-at = Publication time
nr-field-image = Image
nr-field-audio = Audio
nr-field-programme = Programme
nr-hint-programme = The programme this article is an episode of: one in the article's language. Only an article with audio is listed as an episode.
nr-media-number = Media file { $number }
nr-save = Save
nr-preview = Preview
nr-hint-moves-save = Submitting, scheduling and publishing also save what is in the form.
nr-hint-live = This article is published: saved changes appear on the site at once.
nr-not-editable = Your role does not allow editing this article in its current status ({ $status }).
nr-form-not-saved = The article was not saved
nr-conflict-heading = Someone else saved this article
nr-conflict = Someone else saved this article (now version { $version }) while you were editing it. Your version was not lost: it was kept as a revision, and the form below still holds what you typed.
nr-conflict-compare = Compare your version with the saved one
nr-notice-saved = Saved.
nr-notice-published = Published.
nr-notice-view-live = See the live page
nr-notice-scheduled = Scheduled: it will be published on { $when } (UTC).
nr-notice-submitted = Sent to the editors.
nr-notice-restored = The revision was restored.
nr-notice-note = The note was added to the article.
nr-notice-related = The pinned related articles were saved.
nr-notice-moved = The article's status was changed.
nr-facts-heading = This article
nr-view-public = See it on the site
nr-revisions-link = Revisions and changes
nr-workflow-heading = Status
nr-workflow-hint = These buttons change only the status; changes typed in the form are not saved.

# The article editor: the side column's groups, and the body's rich-text
# editor (its toolbar, prompts and notes; the script reads them from the page).
nr-settings-heading = Article settings
nr-group-summary = Standfirst, dateline and byline
nr-group-section = Language, section and tags
nr-group-address = Address and translations
nr-group-media = Picture and audio
nr-group-schedule = Publication time
nr-editor-toolbar = Formatting
nr-editor-paragraph = Paragraph
nr-editor-heading2 = Subheading
nr-editor-heading3 = Minor subheading
nr-editor-bold = Bold
nr-editor-italic = Italic
nr-editor-link = Link
nr-editor-link-prompt = Address of the link (https://… or /…). Leave it empty to remove the link.
nr-editor-link-refused = Only web addresses (https://…) and addresses on this site (/…) can be linked.
nr-editor-bullets = Bulleted list
nr-editor-numbers = Numbered list
nr-editor-quote = Quotation
nr-editor-image = Picture
nr-picture-title = Add a picture
nr-picture-alt = Alt text
nr-picture-alt-hint = Required. Describe the picture for readers who cannot see it.
nr-picture-alt-missing = Describe the picture for readers who cannot see it.
nr-picture-caption = Caption (optional)
nr-picture-credit = Credit (optional)
nr-picture-insert = Upload and insert
nr-picture-cancel = Cancel
nr-picture-uploading = Uploading…
nr-picture-failed = The picture could not be uploaded. It is still here: try again.
nr-lead-drop = Drop or paste a picture here, or choose one from the library above.
nr-lead-slot = Lead picture: drop or paste one here
nr-lead-upload = Upload a picture
nr-error-back = Back to the desk
nr-error-403-title = Not allowed
nr-error-403-body = You may not do this, or the form has expired. Go back, reload the page and try again.
nr-error-404-title = Not found
nr-error-404-body = There is nothing here. It may have been deleted, or the address is wrong.
nr-error-400-title = Not understood
nr-error-400-body = The request could not be understood; nothing was changed.
nr-error-500-title = Something went wrong
nr-error-500-body = Something went wrong on our side; nothing you typed was saved. Try again.

## Problems with an article's fields, and the editor's refusals
nr-problem-headline-missing = Give the article a headline.
nr-problem-too-long = At most { $max } characters.
nr-problem-slug-shape = Lowercase letters, digits and hyphens, at most 80 characters.
nr-problem-section-missing = Choose a section.
nr-problem-place-length = A place of 1 to { $max } characters.
nr-problem-agency-too-long = An agency of at most { $max } characters.
nr-problem-too-many-tags = At most { $max } tags.
nr-problem-tag-length = Each tag 1 to { $max } characters.
nr-problem-body-too-long = The body is { $bytes } bytes long; at most { $max } bytes are allowed.
nr-problem-body-too-deep = The body nests lists or quotes more than { $max } levels deep (line { $line }); flatten them.
nr-problem-body-elements-too-deep = The body nests its formatting and HTML more than { $max } levels deep; flatten it.
nr-problem-body-too-many-tags = The body carries more than { $max } HTML tags; use Markdown instead.
nr-problem-body-missing = A published article needs a body.
nr-problem-time-missing = A publication time is required.
nr-problem-foreign-picture = A picture in the body comes from another site, and readers would not see it. Drop the picture file into the body (or use the Picture button) to put it in the media library.
nr-err-body-busy = The server is busy and could not prepare the body in time; nothing was lost. Try again in a moment.
nr-err-language = Choose one of the site's languages.
nr-err-section = Choose a section of this language.
nr-err-slug-taken = Another article in this section already has this slug; choose another.
nr-err-dateline-date = Write the date as YYYY-MM-DD, for example 2016-10-04.
nr-err-dateline-place = A dateline needs its place.
nr-err-published-at = Write the time as YYYY-MM-DD HH:MM ({ $zone } time), for example 2016-10-04 14:30.
nr-err-media = Choose a file from the media library.
nr-err-programme-language = Choose a programme in the article's language.
nr-err-programme = Choose one of the programmes.
nr-err-move-not-allowed = An article that is { $status } cannot take this step ({ $move }).
nr-err-publish-future = This time is still to come: schedule the article instead.
nr-err-schedule-time = Give the time to publish at; it must be still to come.
nr-err-moved-meanwhile = Someone saved this article a moment ago; look at it again before you move it.
nr-err-note-kind = Choose correction, clarification or update.
nr-err-note-text = Write the note: 1 to 2,000 characters.
nr-err-note-published = Notes go on published articles, and this one is { $status }: the note was not added.
nr-err-related-long = At most { $max } characters.
nr-err-related-unknown = “{ $line }” is not the address or number of an article.
nr-err-related-refused = Not saved: { $why }.
nr-err-name = Give a name of 1 to 100 characters.
nr-err-email = Give an email address, like name@example.org.
nr-err-email-taken = There is already an account with this email.
nr-err-role = Choose contributor, editor or administrator.
nr-err-last-admin = This is the last administrator: make another one first.
nr-err-password-blank = Choose a password that is not just spaces.
nr-err-password-short = Use at least { $min } characters.
nr-err-password-long = Use a shorter password (at most { $max } bytes; accented letters and symbols count as more than one).
nr-err-password-again = The two passwords are not the same.
nr-err-password-busy = The server is busy checking other passwords. Nothing was changed: try again in a few seconds.
nr-err-current-wrong = This is not your current password.
nr-err-current-too-many = Too many wrong passwords. Wait 15 minutes, then try again.
nr-err-totp-code = This code is not right. Check the time on your phone and try the newest code.
nr-err-file = Choose a file to upload.
nr-err-file-kind = This file is not a JPEG, PNG or WebP image, nor MP3 or M4A audio.
nr-err-too-long = At most { $max } characters.
nr-err-alt = Describe the picture for readers who cannot see it.
nr-err-uploads-busy = The server is busy with other uploads; send the file again in a minute.
nr-err-date-time = Give a date and time, such as 2026-12-04T18:30.
nr-editor-plain = This body holds Markdown the rich-text editor cannot show without losing something (raw HTML or a table, for example), so it is shown as Markdown.
nr-editor-kept = This browser kept a copy of this article's headline and body that differs from the form (from { $time }).
nr-editor-restore = Restore the kept copy
nr-editor-discard = Discard it
nr-confirm-unpublish = Take this article off the site?
nr-preview-heading = Preview
nr-preview-hint = The whole page as readers will see it; it follows your typing.
nr-preview-failed = The preview could not be updated. Your text is safe in the form.
nr-autosave-saved = Saved · { $time }
nr-autosave-aside = Copy saved · { $time }. Readers see the change when you save.
nr-autosave-unsaved = Not saved yet: { $why }
nr-preview-new-tab = Opens the whole page, as readers will see it, in a new tab
nr-preview-beside = Side by side
nr-preview-frame = The article as readers will see it
nr-autosave-failed = Autosave failed. Your text is still in the form; save it with the Save button.
nr-autosaved-heading = An autosaved version is waiting
nr-autosaved-newer = An autosaved version from { $time } UTC is newer than the saved article.
nr-autosaved-show = Show the autosaved text
nr-autosaved-restore = Put the autosaved version in the form
nr-autosaved-restored = The autosaved version is in the form. Save to keep it.

## Notes on published articles
nr-notes-heading = Corrections and updates
nr-notes-hint = A note appears under the published article with today's date.
nr-note-kind = Kind of note
nr-note-correction = Correction
nr-note-clarification = Clarification
nr-note-update = Update
nr-note-text = Note
nr-note-text-hint = Up to 2,000 characters.
nr-note-submit = Add the note
nr-related-heading = Related articles
nr-related-label = Pinned related articles
nr-related-hint = One per line: the article's address on the site, or its number. Up to five, in the order readers see them; the computed ones follow.
nr-related-submit = Save the pinned articles

## Revisions
nr-revisions-caption = Saved versions
nr-revisions-none = This article has no saved versions yet.
nr-col-version = Version
nr-col-kind = Kind
nr-col-by = By
nr-col-when = When
nr-col-from = Compare from
nr-col-to = Compare to
nr-col-restore = Restore
nr-revision-save = Saved
nr-revision-conflict = Kept after a conflict
nr-revision-restore = Restored
nr-revision-autosave = Autosaved
nr-unknown-user = Unknown
nr-compare-from = Compare from version { $version } ({ $time } UTC)
nr-compare-to = Compare to version { $version } ({ $time } UTC)
nr-compare-submit = Compare
nr-restore = Restore version { $version }
nr-confirm-restore = Make version { $version } the article's content again?
nr-diff-heading = Changes from version { $from } ({ $from_time } UTC) to version { $to } ({ $to_time } UTC)
nr-diff-legend = Lines marked + were added, lines marked − were removed.
nr-diff-added = added
nr-diff-removed = removed
nr-diff-none = These two versions are the same.

## Media library
nr-media-done = The file is in the library.
nr-media-upload = Upload a file
nr-media-file = File
nr-media-file-hint = A JPEG, PNG or WebP image, or MP3 or M4A audio.
nr-media-alt = Alt text
nr-media-alt-hint = For an image: what it shows, for readers who cannot see it.
nr-media-caption = Caption
nr-media-credit = Credit
nr-media-submit = Upload
nr-media-filter = Show files
nr-media-all = All files
nr-media-images = Images
nr-media-audio = Audio
nr-media-empty = The library has no files of this kind yet.
nr-media-clear = Show all files
nr-media-upload-failed = The file could not be sent. It is still chosen: try again.
nr-media-search-label = Search the library
nr-media-search = Name, alt text, caption or credit
nr-media-found = { $count ->
    [0] No files
    [one] One file
   *[other] { $count } files
}
nr-media-none-found = No file matches these words.
nr-media-choose-again = Choose the file again: browsers do not send it back.

## Comment moderation
nr-comments-done = { $count ->
    [one] { $count } comment changed.
   *[other] { $count } comments changed.
}
nr-comments-filter = Comments by status
nr-comment-status-pending = Waiting
nr-comment-status-approved = Approved
nr-comment-status-rejected = Rejected
nr-comment-status-spam = Spam
nr-comment-status-all = All
nr-comment-is-pending = Waiting
nr-comment-is-approved = Approved
nr-comment-is-rejected = Rejected
nr-comment-is-spam = Spam
nr-comments-caption = { $count ->
    [one] { $count } comment
   *[other] { $count } comments
}
nr-comments-select = Select
nr-comments-select-one = Select the comment by { $name }
nr-comments-col-comment = Comment
nr-comments-history = Earlier from this email address: { $approved } approved, { $rejected } rejected, { $spam } spam
nr-comments-on-article = All comments on this article
nr-comments-with-selected = With the selected comments
nr-comments-approve = Approve
nr-comments-reject = Reject
nr-comments-spam = Mark as spam
nr-comments-delete = Delete
nr-comments-empty = No comments here.
nr-comments-block = Block commenter
nr-comments-edit = Edit
nr-comments-reply = Reply as staff
nr-comments-save-edit = Save the text
nr-comments-send-reply = Publish the reply
nr-comments-text = Text
nr-comments-reply-text = Your reply, shown as the site's
nr-comments-actions = Actions
nr-comments-select-all = Select every comment on this page
nr-comments-staff = Staff reply
nr-comments-edited = Edited
nr-comments-reply-to = A reply to another comment
nr-comments-working = Working…
nr-comments-failed = That did not go through; nothing changed. Try again, or reload the page.
nr-comment-text-missing = Write the text.
nr-comment-text-too-long = The text can be at most { $limit } characters; this one has { $given }.
nr-shortcuts = Keyboard shortcuts
nr-shortcuts-move = next and previous comment
nr-shortcuts-approve = approve
nr-shortcuts-reject = reject
nr-shortcuts-spam = mark as spam
nr-shortcuts-delete = delete
nr-shortcuts-block = block the commenter
nr-shortcuts-edit = edit
nr-shortcuts-reply = reply as staff
nr-shortcuts-select = select or unselect
nr-shortcuts-help = show or hide this list

## Wire desk
nr-wire-intro = Agency copy pasted, uploaded or sent from the server arrives in the queue below, newest first. Take a story to make it your draft and open it in the editor; spike what the desk will not use.
nr-wire-report = In the queue: { $new }. Already there: { $repeats }. Refused: { $failed }.
nr-wire-failed = Files that did not come in
nr-wire-warnings = Warnings
nr-wire-files = Wire files
nr-wire-files-hint = Plain-text files, up to 50 at a time and 4 MiB each.
nr-wire-submit = Upload

## Your account
nr-account-password = Password
nr-account-current = Current password
nr-password-hint = At least 10 characters. A few unrelated words make a strong password.
nr-account-password-submit = Change the password
nr-account-totp = Two-step verification
nr-account-totp-scan = Add this key to your authenticator app, then enter the code the app shows.
nr-account-totp-link = Open the key in an authenticator app on this device
nr-account-totp-confirm = Turn on two-step verification
nr-account-totp-on = Two-step verification is on: logging in asks for a code from your app.
nr-account-totp-off = Turn off two-step verification
nr-account-totp-none = Two-step verification is off. With it on, a stolen password is not enough to log in.
nr-account-totp-start = Set up two-step verification
nr-account-sessions = Sessions
nr-account-sessions-count = { $count ->
    [one] { $count } active session
   *[other] { $count } active sessions
}
nr-account-logout-everywhere = Log out everywhere
nr-account-done-password = Your password was changed.
nr-account-done-totp-on = Two-step verification is on.
nr-account-done-totp-off = Two-step verification is off.
nr-account-done-logout = You were logged out everywhere.

## People
nr-field-role = Role
nr-users-caption = { $count ->
    [one] { $count } account
   *[other] { $count } accounts
}
nr-users-col-state = State
nr-users-disabled = Disabled
nr-users-no-password = Password not set yet
nr-users-active = Active
nr-users-totp = Two-step verification
nr-users-new = New account
nr-users-new-hint = The account has no password until its owner follows the link shown next.
nr-users-create = Create the account
nr-user-link = Send this link to its owner by a safe channel. It works once, for three days, and lets them choose a password.
nr-user-disabled = Disabled: this account cannot log in
nr-user-access = Access
nr-user-reset = Make a new password link
nr-user-logout = Log out of every session
nr-user-audit = This person's actions in the audit log

## Sections and settings

## Audit log
nr-audit-entity = Kind
nr-audit-any = Any
nr-filter = Show
nr-audit-caption = { $count ->
    [one] { $count } entry
   *[other] { $count } entries
}
nr-audit-when = When
nr-audit-who = Who
nr-audit-what = Action
nr-audit-which = On
nr-audit-detail = Detail
nr-audit-system = The system
nr-pagination = More pages
nr-newer = Newer
nr-older = Older
nr-note-kept = Your note, not saved
nr-sections-key = Key across languages
nr-sections-key-hint = The same key on this section in every language (for example world for World, Mundo and العالم) lets readers switch between them. Empty: sections of the same slug are linked.

## Programmes
nr-programmes-intro = A programme is an audio series in one language, with its own page and podcast feed. Its episodes are the published articles that carry audio and name it in the editor.
nr-programmes-podcast = Podcast feed
nr-programmes-form = Add a programme
nr-programmes-edit = Change “{ $name }”
nr-programmes-slug-hint = Its address under /programmes/: lowercase letters, digits and hyphens.
nr-programmes-description = Description
nr-programmes-description-hint = Shown on its page and in podcast apps; at most 4,000 characters.
nr-programmes-author = Presented by
nr-programmes-author-hint = Shown in podcast apps; when empty, the site's name.
nr-programmes-category = Podcast category
nr-programmes-category-hint = Where podcast directories list it.
nr-programmes-explicit = Its episodes carry explicit content
nr-programmes-cover = Cover image
nr-programmes-cover-hint = From the media library. Podcast apps want a square image of 1400 to 3000 pixels.
nr-nav-fronts = Fronts
nr-fronts-title = Fronts
nr-fronts-languages = Languages
nr-fronts-saved = Saved: readers see it now.
nr-fronts-breaking = Breaking-news line
nr-fronts-breaking-hint = One line of plain text, at most { $max } characters, at the top of every page of this language until its end time or until removed.
nr-fronts-breaking-text = Line
nr-fronts-breaking-link = Link
nr-fronts-breaking-link-hint = Optional: an http:// or https:// address.
nr-fronts-breaking-ends-hint = Optional: empty keeps it until it is removed.
nr-fronts-breaking-remove = Remove the line
nr-fronts-front = Front page
nr-fronts-front-hint = The first story leads the front page; the next ones are featured beside it, in this order (at most { $most }). Move them with the buttons, or drag them and save the order. Newest stories fill the rest.
nr-fronts-lead = Lead
nr-fronts-featured = Featured
nr-fronts-up = Up
nr-fronts-down = Down
nr-fronts-unpin = Unpin
nr-fronts-none = Nothing is pinned: the newest stories lead.
nr-fronts-add = Story to pin
nr-fronts-add-button = Pin to the front page
nr-fronts-save-order = Save the order
nr-fronts-sections = Section pages
nr-fronts-section-lead = Lead story of { $section }
nr-fronts-newest = The newest story
nr-nav-pages = Pages
nr-pages-title = Pages
nr-pages-saved = Saved.
nr-pages-intro = What the site says of itself: About, Contact, Privacy, the corrections policy. Published pages are listed in the footer of every page of their language, by position, and in the sitemap.
nr-pages-caption = { $count ->
    [one] One page
   *[other] { $count } pages
}
nr-pages-field-title = Title
nr-pages-col-state = State
nr-pages-col-address = Address
nr-pages-published = Published
nr-pages-draft = Draft
nr-pages-edit = Edit “{ $title }”
nr-pages-new = New page
nr-pages-slug-hint = The page's address: /language/page/slug, for example about.
nr-pages-story-key = Translation key
nr-pages-story-key-hint = The same key on each language's version links them.
nr-pages-position = Position in the footer
nr-pages-body = Text
nr-pages-body-hint = Markdown, with the same rules as article bodies.
nr-pages-publish = Published: readers see it
nr-pages-preview = Preview

## Site settings and the site's time zone (issue 16: settings as forms, one time zone)
nr-set-intro = What readers see of the site, and the rules for comments, feeds and datelines. Changes show on the public site as soon as they are saved.
nr-set-saved = Settings saved. The public site shows them now.
nr-set-toc = Groups of settings
nr-set-group-site = Site
nr-set-group-site-help = The site's name, logo, time zone, footer links and social accounts, on every public page.
nr-set-group-comments = Comments
nr-set-group-comments-help = Who is published at once, and the limits that keep spam out.
nr-set-group-feeds = Feeds
nr-set-group-feeds-help = The RSS, Atom and JSON feeds that apps and other sites read.
nr-set-group-datelines = Datelines
nr-set-group-datelines-help = How the dateline opens a story: the house style.
nr-set-range = From { $min } to { $max }.
nr-set-site-name-label = Site name
nr-set-site-name-help = In the masthead, page titles, feeds and search results. Leave it empty to use the name the server was started with ({ $name }).
nr-set-site-logo-label = Logo
nr-set-site-logo-help = Shown in the masthead of every public page in place of the name (the name stays as its text for screen readers and search engines). A wide image about 48 pixels high on screen works best.
nr-set-site-logo-none = No logo: the name in type
nr-set-site-logo-upload = Upload an image to the media library
nr-set-site-time-zone-label = Time zone
nr-set-site-time-zone-help = Every time in the newsroom and on the public site is shown in this zone, with its name, and the times you type (a schedule) are read in it. Article addresses keep their UTC date.
nr-set-site-footer-links-label = Footer links
nr-set-site-footer-links-help = Up to 12 links in the footer of every public page: a label and an address on this site (starting with /) or on the web (http:// or https://). Leave a row empty to remove it.
nr-set-link-label = Label of link { $n }
nr-set-link-url = Address of link { $n }
nr-set-social-heading = Social accounts
nr-set-social-help = The site's own pages on social networks, each an https:// address. They are listed in the footer and tell search engines these accounts are the site's. Leave a field empty for a network the site is not on.
nr-set-social-x-label = X (Twitter)
nr-set-social-x-help = The site's profile on X.
nr-set-social-x-example = https://x.com/yoursite
nr-set-social-facebook-label = Facebook
nr-set-social-facebook-help = The site's Facebook page.
nr-set-social-facebook-example = https://www.facebook.com/yoursite
nr-set-social-instagram-label = Instagram
nr-set-social-instagram-help = The site's Instagram profile.
nr-set-social-instagram-example = https://www.instagram.com/yoursite
nr-set-social-youtube-label = YouTube
nr-set-social-youtube-help = The site's YouTube channel.
nr-set-social-youtube-example = https://www.youtube.com/@yoursite
nr-set-social-telegram-label = Telegram
nr-set-social-telegram-help = The site's Telegram channel.
nr-set-social-telegram-example = https://t.me/yoursite
nr-set-social-whatsapp-label = WhatsApp channel
nr-set-social-whatsapp-help = The site's WhatsApp channel.
nr-set-social-whatsapp-example = https://whatsapp.com/channel/…
nr-set-social-mastodon-label = Mastodon
nr-set-social-mastodon-help = The site's Mastodon profile, on any server. The link carries rel="me", so Mastodon can verify the site.
nr-set-social-mastodon-example = https://mastodon.social/@yoursite
nr-set-social-tiktok-label = TikTok
nr-set-social-tiktok-help = The site's TikTok profile.
nr-set-social-tiktok-example = https://www.tiktok.com/@yoursite
nr-set-comments-policy-label = Which comments wait for a moderator
nr-set-comments-policy-help = Comments that wait are listed under Comments until someone approves them.
nr-set-comments-policy-opt-hold-all = Every comment waits
nr-set-comments-policy-opt-hold-all-help = Nothing appears before a moderator approves it.
nr-set-comments-policy-opt-hold-first-time = A reader's first comment waits
nr-set-comments-policy-opt-hold-first-time-help = Once a moderator has approved one comment from an email address, its next ones appear at once.
nr-set-comments-policy-opt-publish-all = No comment waits
nr-set-comments-policy-opt-publish-all-help = Comments appear at once, unless the blocklists send them to spam.
nr-set-comments-close-after-days-label = Close comments after
nr-set-comments-close-after-days-help = Days after publication when an article stops taking comments. 0 keeps them open.
nr-set-comments-close-after-days-unit = days
nr-set-comments-max-links-label = Links allowed in a comment
nr-set-comments-max-links-help = A comment with more links than this goes to spam.
nr-set-comments-max-links-unit = links
nr-set-comments-rate-per-address-label = Comments from one connection
nr-set-comments-rate-per-address-help = Most comments one network address may post; past it the form asks the reader to wait.
nr-set-comments-rate-per-address-unit = comments per 10 minutes
nr-set-comments-rate-per-email-label = Comments from one email address
nr-set-comments-rate-per-email-help = Most comments one email address may post; past it the form asks the reader to wait.
nr-set-comments-rate-per-email-unit = comments per 10 minutes
nr-set-comments-per-form-label = Comments with one form
nr-set-comments-per-form-help = How many comments a reader may send with one loaded page before the form must be reloaded.
nr-set-comments-per-form-unit = comments
nr-set-comments-min-seconds-label = Shortest time to write
nr-set-comments-min-seconds-help = A form sent back sooner than this after the page loaded is taken for a robot and refused.
nr-set-comments-min-seconds-unit = seconds
nr-set-comments-max-hours-label = Form expires after
nr-set-comments-max-hours-help = A form older than this is refused as expired; the reader gets a fresh one with their text kept.
nr-set-comments-max-hours-unit = hours
nr-set-comments-blocked-words-label = Blocked words
nr-set-comments-blocked-words-help = Separated by commas. A comment containing one goes to spam.
nr-set-comments-blocked-domains-label = Blocked domains
nr-set-comments-blocked-domains-help = Separated by commas, such as spam.example. A comment from an email address or with a link at one of them goes to spam.
nr-set-feeds-full-content-label = Whole articles in feeds
nr-set-feeds-full-content-help = On: feeds carry each article's full text. Off: a summary and a link only.
nr-set-feeds-websub-allow-private-label = Allow a hub on a private network
nr-set-feeds-websub-allow-private-help = For testing only: lets the WebSub hub be this machine or a private address.
nr-set-feeds-websub-hub-label = WebSub hub
nr-set-feeds-websub-hub-help = A hub told of every publication, so feed readers update within seconds. Leave it empty for none.
nr-set-feeds-websub-hub-example = https://pubsubhubbub.appspot.com/
nr-set-dateline-style-label = Where the dateline stands
nr-set-dateline-style-help = The dateline names the place and day a story was filed.
nr-set-dateline-style-opt-run-in = At the start of the first paragraph
nr-set-dateline-style-opt-run-in-help = “Washington, October 4 (RHC) — The United States…”
nr-set-dateline-style-opt-own-line = On its own line above the story
nr-set-dateline-style-opt-own-line-help = “Washington, October 4 (RHC)” stands above the first paragraph.
nr-set-dateline-place-label = How the place is written
nr-set-dateline-place-help = The same for every story.
nr-set-dateline-place-opt-as-typed = As the writer typed it
nr-set-dateline-place-opt-as-typed-help = Washington
nr-set-dateline-place-opt-capitals = In capitals
nr-set-dateline-place-opt-capitals-help = WASHINGTON, as news agencies set it.
nr-set-err-choice = Choose one of the options.
nr-set-err-range = Give a whole number from { $min } to { $max }.
nr-set-err-too-long = At most { $max } characters.
nr-set-err-one-line = Write it on one line.
nr-set-err-hub-scheme = The hub's address starts with http:// or https://.
nr-set-err-hub-malformed = The hub's address may not contain spaces and is at most 2,000 characters.
nr-set-err-hub-credentials = The hub's address may not carry a user name or password.
nr-set-err-hub-no-host = The hub's address has no server name.
nr-set-err-hub-local = { $address } is this machine or a private network: the hub must be public (a setting below allows it, for testing).
nr-set-err-hub-unresolvable = The hub's server { $host } could not be found. Check the address.
nr-set-err-hub-no-address = The hub's server { $host } has no address. Check the address.
nr-set-err-hub-needs-allowance = The hub { $hub } is on a private network and needs this. Change the hub first.
nr-set-err-zone = Choose a time zone from the list.
nr-set-err-logo = Choose an image from the media library.
nr-set-err-https = Give the whole address, starting with https://.
nr-set-err-too-many-links = At most { $max } links.
nr-set-err-link-no-label = Give the link a label, or empty its address to remove it.
nr-set-err-link-label = A label is one line of at most { $max } characters.
nr-set-err-link-no-url = Give the link an address, or empty its label to remove it.
nr-set-err-link-url = An address starts with https://, http:// or / (a page of this site).
nr-set-err-link-url-long = An address is at most { $max } characters.
nr-hint-published-at-zone = In the site's time zone ({ $zone }). Needed to schedule; to publish now, leave it empty.
nr-notice-scheduled-at = Scheduled: it will be published on { $when }.
nr-fronts-breaking-ends-zone = Ends at ({ $zone } time)
## Sections and programmes: lists in order, edit, rename, delete.
nr-order-hint = Drag a row, or use its Up and Down buttons, then save the order.
nr-order-up = Up
nr-order-down = Down
nr-order-edit = Edit
nr-order-save = Save the order
nr-order-moved = { $name } moved to position { $position } of { $count }. Save the order to keep it.
nr-order-unsaved = The order has changed. Save it to keep it.
nr-order-stale = The list changed while you were ordering it; here it is as it is now. Nothing was saved.
nr-order-cancel = Cancel
nr-order-keep = Cancel: keep it
nr-order-continue = Continue
nr-order-delete = Delete…
nr-sections-intro = Sections are the site's main divisions: each has a page, feeds and a place in the menu, in the order set here, for each language.
nr-sections-languages = Sections by language
nr-sections-order-heading = { $language }: sections in menu order
nr-sections-none = { $language } has no sections yet.
nr-sections-articles = { $count ->
    [one] 1 article
   *[other] { $count } articles
}
nr-sections-add = Add a section in { $language }
nr-sections-add-button = Add the section
nr-sections-add-first = Add another section first
nr-sections-edit = Edit “{ $name }”
nr-sections-name-hint = As readers see it in the menu and on the section page; at most { $max } characters.
nr-sections-slug-hint = Its address: /{ $lang }/slug/. Lowercase letters, digits and hyphens.
nr-sections-slug-hint-rename = Its address. A new one moves the section's page, feeds and articles to it; the old addresses keep working and lead to the new ones.
nr-sections-rename-warning = { $count ->
    [one] 1 published article is in this section: changing the slug changes its address. The old address will redirect.
   *[other] { $count } published articles are in this section: changing the slug changes their addresses. The old addresses will redirect.
}
nr-sections-delete-section = Delete this section
nr-sections-holds-none = No article is in this section.
nr-sections-move-to-label = { $count ->
    [one] 1 article is in this section: move it to
   *[other] { $count } articles are in this section: move them to
}
nr-sections-delete-only = { $count ->
    [one] This section holds 1 article and is its language's only section, so it cannot be deleted: there is nowhere to move the article. Add another section first.
   *[other] This section holds { $count } articles and is its language's only section, so it cannot be deleted: there is nowhere to move them. Add another section first.
}
nr-sections-delete-title = Delete a section
nr-sections-delete-heading = Delete “{ $name }”?
nr-sections-delete-what = What deleting it does
nr-sections-delete-empty = No article is in this section. Its page, { $path }, and its feeds will be gone.
nr-sections-delete-moves = { $count ->
    [one] Its article will move to “{ $name }”.
   *[other] Its { $count } articles will move to “{ $name }”.
}
nr-sections-delete-redirects = Their addresses change from { $from } to { $to }; the old addresses, the section page and its feeds will lead there.
nr-sections-delete-button = Delete “{ $name }”
nr-sections-deleted = The section was deleted.
nr-sections-order-saved = The order was saved.
nr-sections-moved = { $count ->
    [one] 1 article has a new address; its old one leads to it.
   *[other] { $count } articles have new addresses; their old ones lead to them.
}
nr-sections-error-language = Choose one of the site's languages.
nr-sections-error-slug = Lowercase letters, digits and hyphens, at most 80 characters; not tag, author, search, corrections, programmes or page.
nr-sections-error-name = Give a name of 1 to 100 characters.
nr-sections-error-key = At most 80 characters.
nr-sections-error-taken = Another section of this language is at { $path }. Choose another slug, or edit that section.
nr-sections-error-move-to = Choose the section its articles move to.
nr-programmes-languages = Programmes by language
nr-programmes-order-heading = { $language }: programmes in the order readers see them
nr-programmes-none = { $language } has no programmes yet.
nr-programmes-episodes = { $count ->
    [one] 1 episode
   *[other] { $count } episodes
}
nr-programmes-add-button = Add the programme
nr-programmes-slug-hint-rename = Its address under /programmes/. A new one moves its page and podcast feed; the old addresses keep working and lead to the new ones, so subscribers keep their episodes.
nr-programmes-delete-section = Delete this programme
nr-programmes-move-to-label = { $count ->
    [0] What becomes of its episodes (none name it now)
    [one] What becomes of the 1 article that names it
   *[other] What becomes of the { $count } articles that name it
}
nr-programmes-move-none = They stay, as articles without a programme
nr-programmes-move-option = They move to “{ $name }”
nr-programmes-delete-title = Delete a programme
nr-programmes-delete-heading = Delete “{ $name }”?
nr-programmes-delete-what = What deleting it does
nr-programmes-delete-keeps = { $count ->
    [0] No article names this programme.
    [one] Its 1 article stays published as it is, without a programme.
   *[other] Its { $count } articles stay published as they are, without a programme.
}
nr-programmes-delete-gone = Its page and podcast feed, { $path }, will be gone.
nr-programmes-delete-moves = { $count ->
    [0] No article names this programme; its subscribers will be led to “{ $name }”.
    [one] Its 1 episode will move to “{ $name }”.
   *[other] Its { $count } episodes will move to “{ $name }”.
}
nr-programmes-delete-redirects = Its page and podcast feed will lead from { $from } to { $to }, so podcast apps follow.
nr-programmes-delete-button = Delete “{ $name }”
nr-programmes-deleted = The programme was deleted.
nr-programmes-order-saved = The order was saved.
nr-programmes-error-language = Choose one of the site's languages.
nr-programmes-error-slug = Lowercase letters, digits and hyphens, at most 80 characters.
nr-programmes-error-name = Give a name of 1 to 100 characters.
nr-programmes-error-description = At most 4,000 characters.
nr-programmes-error-author = At most 200 characters.
nr-programmes-error-category = Choose one of the listed categories.
nr-programmes-error-field = Check this field.
nr-programmes-error-cover = Choose an image from the media library.
nr-programmes-error-taken = “{ $name }” is at this address already. Choose another slug, or edit that programme.
nr-programmes-error-move-to = Choose another programme of the same language, or none.
## Wire desk: the incoming queue, the paste box and the desk's counts
nr-wire-queue = Incoming queue
nr-wire-filter = Filter the queue
nr-wire-tab-queued = Incoming
nr-wire-tab-taken = Taken
nr-wire-tab-spiked = Spiked
nr-wire-empty-queued = Nothing is waiting. Paste or upload agency copy and it arrives here.
nr-wire-empty-taken = No copy has been taken yet.
nr-wire-empty-spiked = Nothing is spiked.
nr-wire-spiked-kept = Spiked copy is kept for 30 days, then deleted.
nr-wire-take = Take
nr-wire-spike = Spike
nr-wire-restore = Restore
nr-wire-taken-by = Taken by { $name }
nr-wire-spiked-by = Spiked by { $name }
nr-wire-open-draft = Open the draft
nr-wire-update-of = Update of item { $id }
nr-wire-source-paste = pasted
nr-wire-source-upload = uploaded
nr-wire-source-command = sent from the server
nr-wire-already-taken = { $name } has already taken this copy.
nr-wire-being-taken = { $name } is taking this copy now.
nr-wire-not-waiting = This copy is no longer waiting in the queue.
nr-wire-paste = Paste copy
nr-wire-paste-label = The copy, as the agency sent it
nr-wire-paste-hint = Headline, dateline and text, or the headered format. Up to 4 MiB.
nr-wire-paste-empty = Paste the copy here.
nr-wire-paste-submit = Add to the queue
nr-wire-upload = Upload files
nr-wire-detect = Detect from the copy
nr-wire-files-none = Choose one or more files of wire copy.
nr-wire-a-new = in the queue
nr-wire-a-repeat = already in the queue
nr-wire-a-replaced = newer copy of a story waiting in the queue
nr-wire-a-update = in the queue, an update of a story already taken
nr-wire-at-line = Line { $line }: { $message }
nr-wire-at-file-line = { $file }, line { $line }: { $message }
nr-wire-e-empty = The copy is empty.
nr-wire-e-binary = This is not text (a picture or an archive?). Send the copy as plain text.
nr-wire-e-utf8 = The character at column { $column } cannot be read. Save the copy as UTF-8 text.
nr-wire-e-header-line = Expected a header such as “Headline: …” or a blank line before the text, but found “{ $text }”.
nr-wire-e-unknown-header = Unknown header “{ $key }”. The headers are Headline, Standfirst, Section, Language, Byline, Tags, Slug, Story, Dateline, Agency, Date and Published.
nr-wire-e-duplicate-header = The header “{ $key }” is given twice (first on line { $first }).
nr-wire-e-no-headline-header = The “Headline:” header is missing.
nr-wire-e-empty-header = The “{ $key }:” header is empty.
nr-wire-e-language = Unknown language “{ $value }”: use en, es, fr, pt, ar, eo or it.
nr-wire-e-date = The date “{ $value }” cannot be read: write it as YYYY-MM-DD, for example 2016-10-04.
nr-wire-e-published = The publication time “{ $value }” cannot be read: write it as 2016-10-04T14:30:00Z.
nr-wire-e-slug = “{ $value }” cannot be used as { $key }: use lower-case letters, digits and hyphens, for example world.
nr-wire-e-dateline = The dateline “{ $value }” cannot be read: write a place, an optional date and the agency, for example Washington, October 4 (RHC).
nr-wire-e-agency = The “Agency:” header needs a dateline: add a “Dateline:” header such as Havana (EFE).
nr-wire-e-date-mismatch = The date { $date } is not the dateline's day.
nr-wire-e-impossible-date = The dateline's day does not exist in { $year }.
nr-wire-e-no-body = The story has a headline but no text.
nr-wire-e-no-dateline = No paragraph opens with a dateline such as “HAVANA, Nov 24 (Reuters) - ”: a place, an optional date, the agency in brackets, then a dash.
nr-wire-e-no-headline = No headline found: put the headline on its own line above the dateline.
nr-wire-e-before-dateline = { $count } paragraphs stand before the dateline; at most a headline, a standfirst and a byline may.
nr-wire-e-body-long = The text is { $bytes } bytes long, more than a story may be.
nr-wire-e-body-deep = The text nests lists or quotes more than 32 levels deep (line { $line } of the text); flatten them.
nr-wire-e-body-elements = The text nests its formatting and HTML too deep; flatten it.
nr-wire-e-body-tags = The text carries too many HTML tags; use Markdown instead.
nr-wire-e-busy = The server is busy; nothing was lost. Try again in a moment.
nr-wire-e-too-large = Larger than 4 MiB; wire copy is never that long.
nr-wire-e-too-many = More than { $max } files in one upload; send the rest again.
nr-wire-e-no-section = There is no section “{ $section }”; ask an administrator to add it.
nr-wire-e-changed = Article { $id } changed while this copy came in; take it again.
nr-wire-e-copies = You already have { $count } drafts of this copy; ask an editor to look at them.
nr-wire-n-no-year = The dateline gives no year; { $year } is assumed (check the date before publishing).
nr-wire-n-copy-of = This copy would change article { $other }, which you may not edit; it is a new draft ({ $id }) for an editor instead.
nr-wire-n-detected = The copy reads as { $language }.
nr-wire-n-not-detected = The copy's language could not be told; it is filed as { $language }.
nr-desk-attention = What needs attention
nr-desk-count-submitted = { $count ->
    [one] story waiting for an editor
   *[other] stories waiting for an editor
}
nr-desk-count-scheduled = { $count ->
    [one] scheduled story
   *[other] scheduled stories
}
nr-desk-count-wire = { $count ->
    [one] wire item in the queue
   *[other] wire items in the queue
}
nr-desk-count-comments = { $count ->
    [one] comment to moderate
   *[other] comments to moderate
}
nr-desk-all = See all { $count }
nr-desk-wire = Newest wire copy
nr-desk-wire-all = Open the wire queue ({ $count })
nr-desk-wire-empty = No wire copy is waiting.
nr-desk-wire-open = Go to the wire desk
nr-desk-from-wire = Drafts from the wire
nr-desk-from-wire-empty = No draft from the wire is open.

nr-nav-import = Import
nr-import-title = Import from WordPress
nr-import-intro = Bring a WordPress site in from its export (Tools → Export in WordPress): posts, pages, categories as sections, tags, authors as disabled accounts to invite, comments with their threads, and every old address answering with a redirect. Pictures come from the old site only when you ask for it. Importing the same export again updates what the first import made.
nr-import-new = Import an export
nr-import-file = Export file (WXR, at most { $max } MiB)
nr-import-permalinks = Permalink structure of the old site
nr-import-permalinks-hint = As in WordPress's settings. Leave it empty to find it from the posts' addresses.
nr-import-draft = Bring every post in as a draft
nr-import-fetch = Fetch the pictures from the old site's addresses
nr-import-start = Import
nr-import-by = Started by { $by }
nr-import-running = Importing: { $entries } entries read, up to line { $line }. This page follows it.
nr-import-done = The import is done.
nr-import-problems = What did not come in
nr-import-no-file = Choose an export file.
nr-import-too-large = The file is larger than the newsroom takes; import it with dateline import wordpress on the server.
nr-import-busy = An import is already running on this server; wait until it is done.
