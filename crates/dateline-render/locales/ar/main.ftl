# Dateline — Arabic reader interface, translated from the English catalogue.

## Page frame
skip-to-content = انتقل إلى المحتوى
nav-label = الأقسام
nav-home = الصفحة الرئيسية
language-switcher-label = اقرأ بلغة أخرى
footer-copyright = © { $year } { $site }. جميع الحقوق محفوظة.
footer-print-note = طُبع من { $url }

## Front, section, tag and author pages
front-title = { $site }: آخر الأخبار
front-description = آخر الأخبار من { $site }، قسمًا قسمًا.
list-description = أحدث مقالات «{ $title }» على { $site }.
latest-heading = آخر الأخبار
section-more = المزيد من { $section }
tag-title = مقالات بوسم «{ $tag }»
author-title = مقالات بقلم { $author }
list-empty = لم يُنشر شيء هنا بعد.
pagination-label = صفحات أخرى
pagination-newer = مقالات أحدث
pagination-older = مقالات أقدم
pagination-status = الصفحة { $page } من { $pages }
page-title-numbered = { $title } (الصفحة { $page })

## Article page
article-byline = بقلم { $author }
article-published = تاريخ النشر: { $date }
article-updated = آخر تحديث: { $date }
article-also-in = متوفر أيضًا بـ:
article-tags = الوسوم
dateline-full = { $place }، { $date } ({ $agency }) —
dateline-no-agency = { $place }، { $date } —
dateline-no-date = { $place } ({ $agency }) —
dateline-place = { $place } —
notes-heading = تصحيحات وتحديثات
note-correction = تصحيح
note-clarification = توضيح
note-update = تحديث
breadcrumb-label = أنت هنا

## Error pages
error-404-title = الصفحة غير موجودة
error-404-body = لا توجد صفحة على هذا العنوان. ربما نُقلت، أو ربما كُتب العنوان بشكل خاطئ.
error-410-title = سُحب هذا المقال
error-410-body = سحب المحررون المقال الذي كان منشورًا على هذا العنوان.
error-400-title = طلب غير صالح
error-400-body = تعذّر فهم العنوان أو الطلب.
error-500-title = حدث خطأ ما
error-500-body = تعذّر عرض الصفحة بسبب خطأ من جهتنا. يُرجى المحاولة مرة أخرى بعد قليل.
error-back = الانتقال إلى الصفحة الرئيسية

## Reader comments
comments-heading = التعليقات
comments-none = لا توجد تعليقات بعد.
comments-closed = أُغلق باب التعليق على هذا المقال.
comments-pagination-label = مزيد من التعليقات
comments-earlier = تعليقات أقدم
comments-later = تعليقات أحدث
comment-awaiting-moderation = تعليقك بانتظار المراجعة. لن يراه أحد غيرك حتى يوافق عليه أحد المحررين.
comment-reply = الرد على { $name }
comment-staff = من غرفة الأخبار
preview-bar = معاينة: هكذا سيرى القراء المقال. لم يُنشر بعد، وهذا الرابط صالح ليوم واحد.
preview-not-published = لم يُنشر بعد
comment-replying-to = أنت ترد على { $name }.
comment-reply-cancel = اكتب تعليقًا جديدًا بدلًا من ذلك
comment-form-heading = أضف تعليقًا
comment-form-all-required = جميع الحقول مطلوبة.
comment-form-has-errors = لم يُنشر تعليقك. يُرجى تصحيح الحقول المشار إليها أدناه؛ وقد احتفظنا بكل ما كتبته.
comment-name-label = الاسم
comment-name-hint = يظهر مع تعليقك. 80 حرفًا كحد أقصى.
comment-email-label = البريد الإلكتروني
comment-email-hint = لن يطّلع عليه أحد سوى المشرفين.
comment-body-label = التعليق
comment-body-hint = نص عادي، بحد أقصى 5000 حرف. الحد الأقصى لعدد الروابط: { $limit }.
comment-honeypot-label = اترك هذا الحقل فارغًا
comment-submit = نشر التعليق
comment-kept-label = تعليقك (لم يُنشر)
comment-error-name-missing = يُرجى كتابة اسمك.
comment-error-name-too-long = الاسم أطول من المسموح به: الحد الأقصى لعدد الأحرف { $limit }، وفي الاسم الذي أدخلته { $given }.
comment-error-email-missing = يُرجى كتابة عنوان بريدك الإلكتروني.
comment-error-email-too-long = عنوان البريد الإلكتروني أطول من المسموح به: الحد الأقصى لعدد الأحرف { $limit }، وفي العنوان الذي أدخلته { $given }.
comment-error-email-malformed = يُرجى كتابة عنوان بريد إلكتروني صالح، مثل name@example.org.
comment-error-body-missing = يُرجى كتابة تعليق.
comment-error-body-too-long = التعليق أطول من المسموح به: الحد الأقصى لعدد الأحرف { $limit }، وفي تعليقك { $given }.
comment-error-too-many-links = يحتوي تعليقك على روابط أكثر من المسموح به. الحد الأقصى لعدد الروابط: { $limit }.
comment-error-too-fast = كان ذلك سريعًا: يُرجى مراجعة تعليقك ثم إرساله مرة أخرى.
comment-error-expired = انتهت صلاحية هذا النموذج. يُرجى إرسال تعليقك مرة أخرى.
comment-error-invalid-form = تعذّر التحقق من هذا النموذج. يُرجى إرسال تعليقك مرة أخرى.
comment-error-rate-limited = لقد نشرتَ عدة تعليقات في وقت قصير. يُرجى الانتظار بضع دقائق ثم إرسال هذا التعليق مرة أخرى.
comment-error-reply-gone = التعليق الذي كنت ترد عليه لم يعد متاحًا؛ سيُنشر تعليقك بصورة مستقلة.
card-comments = { $count ->
    [zero] لا تعليقات
    [one] تعليق واحد
    [two] تعليقان
    [few] { $count } تعليقات
    [many] { $count } تعليقًا
   *[other] { $count } تعليق
}

## Feeds
feed-rss-title = موجز RSS
feed-atom-title = موجز Atom
feed-json-title = موجز JSON
feed-front-title = آخر الأخبار من { $site }
feed-list-title = { $title } على { $site }

article-audio = استمع ({ $duration })
article-audio-download = تنزيل الملف الصوتي
corrections-title = التصويبات والتوضيحات
corrections-intro = كل تصويب وتوضيح وتحديث أضيف إلى مقالاتنا، الأحدث أولاً.
corrections-empty = لا توجد تصويبات بعد.

## Programmes and their podcasts
programmes-title = البرامج
programmes-description = البرامج الإذاعية على { $site }: استمع إلى حلقاتها هنا أو اشترك في مدوّناتها الصوتية.
programmes-intro = استمع إلى برامجنا هنا، أو اشترك في مدوّناتها الصوتية من تطبيق البودكاست لديك.
programmes-empty = لا توجد برامج بعد.
programme-episodes = { $count ->
    [zero] لا حلقات
    [one] حلقة واحدة
    [two] حلقتان
    [few] { $count } حلقات
    [many] { $count } حلقة
   *[other] { $count } حلقة
}
programme-by = تقديم { $author }
programme-subscribe = اشترك في البودكاست
programme-subscribe-hint = انسخ هذا الرابط إلى تطبيق البودكاست لديك.
programme-episodes-heading = الحلقات
programme-no-episodes = لا توجد حلقات بعد.
programme-episode-duration = المدة { $duration }
programme-listen = استمع: { $headline }
programme-feed-title = { $name } (بودكاست)
programme-feed-description = حلقات { $name } على { $site }.
article-programme = حلقة من

## Related articles and "More views"
related-heading = مقالات ذات صلة
most-viewed-heading = الأكثر قراءة
most-viewed-day = آخر 24 ساعة
most-viewed-week = آخر 7 أيام
most-viewed-month = آخر 30 يومًا
most-viewed-none = لم يُقرأ شيء بعد في هذه الفترة.

## Search
search-title = بحث
search-title-query = بحث: { $query }
search-label = ابحث في الأخبار
search-button = بحث
search-hint = يجب أن ترد كل الكلمات؛ وللبحث عن عبارة ضعها بين علامتي تنصيص مزدوجتين "هكذا".
search-filters = تضييق نطاق البحث
search-section = القسم
search-any-section = جميع الأقسام
search-tag = الوسم
search-from = من
search-to = إلى
search-sort = الترتيب
search-sort-relevance = الأكثر صلة أولاً
search-sort-newest = الأحدث أولاً
search-count = { $count ->
    [zero] لم يُعثر على أي مقال
    [one] عُثر على مقال واحد
    [two] عُثر على مقالين
    [few] عُثر على { $count } مقالات
    [many] عُثر على { $count } مقالًا
   *[other] عُثر على { $count } مقال
}
search-none = لا توجد مقالات تطابق «{ $query }».
search-none-hint = تحقّق من الإملاء، أو استخدم كلمات أقل أو مختلفة، أو وسّع نطاق التواريخ والمرشّحات.
search-previous = النتائج السابقة
search-next = مزيد من النتائج
search-rebuilding = يُعاد الآن بناء فهرس البحث: قد لا تظهر بعض المقالات في النتائج لبضع دقائق.
search-error-unparsable = تعذّر فهم عبارة البحث هذه. أغلق كل علامة تنصيص مزدوجة وكل قوس، ولا تستخدم النقطتين (:).
search-error-too-long = لا يمكن أن يتجاوز البحث 200 حرف.
search-error-section = لا يوجد قسم بهذا الاسم. اختر قسمًا من القائمة.
search-error-date = يجب كتابة التاريخ بصيغة السنة-الشهر-اليوم، مثل 2016-10-04.
search-error-page = لا توجد صفحة نتائج بهذا الرقم.
search-error-unavailable = البحث غير متاح مؤقتًا. يُرجى المحاولة مرة أخرى بعد قليل.

## الصفحة الأولى والعمود الجانبي والتذييل
front-empty = لم ينشر { $site } شيئًا بهذه اللغة بعد.
more-from-heading = المزيد من { $section }
section-latest-heading = الأحدث في { $section }
image-credit = صورة: { $credit }
share-label = شارك هذا الخبر
share-email = البريد الإلكتروني
footer-sections = الأقسام
footer-follow = تابعونا
footer-programmes = البرامج والبودكاست
footer-rss = موجز RSS
footer-atom = موجز Atom
footer-json = موجز JSON
footer-about = { $site }
footer-corrections = التصويبات
footer-languages = اللغات
breaking-label = عاجل
footer-map-label = خريطة الموقع

## The site identity: social accounts in the footer (issue 16)
footer-social = وسائل التواصل الاجتماعي
