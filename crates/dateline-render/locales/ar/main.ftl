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
