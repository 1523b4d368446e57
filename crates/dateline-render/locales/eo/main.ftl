# Dateline — Esperanto reader interface, translated from the English catalogue.

## Page frame
skip-to-content = Salti al la enhavo
nav-label = Rubrikoj
nav-home = Ĉefpaĝo
language-switcher-label = Legi en alia lingvo
footer-copyright = © { $year } { $site }. Ĉiuj rajtoj rezervitaj.
footer-print-note = Presita el { $url }

## Front, section, tag and author pages
front-title = { $site }: lastaj novaĵoj
latest-heading = Lastaj novaĵoj
section-more = Pli el { $section }
tag-title = Kun la etikedo „{ $tag }“
author-title = Artikoloj de { $author }
list-empty = Ankoraŭ nenio estas publikigita ĉi tie.
pagination-label = Pliaj paĝoj
pagination-newer = Pli novaj artikoloj
pagination-older = Pli malnovaj artikoloj
pagination-status = Paĝo { $page } el { $pages }
page-title-numbered = { $title } (paĝo { $page })

## Article page
article-byline = De { $author }
article-published = Publikigita: { $date }
article-updated = Ĝisdatigita: { $date }
article-tags = Etikedoj
dateline-full = { $place }, { $date } ({ $agency }) —
dateline-no-agency = { $place }, { $date } —
dateline-no-date = { $place } ({ $agency }) —
dateline-place = { $place } —
notes-heading = Korektoj kaj ĝisdatigoj
note-correction = Korekto
note-clarification = Klarigo
note-update = Ĝisdatigo
breadcrumb-label = Vi estas ĉi tie

## Error pages
error-404-title = Paĝo ne trovita
error-404-body = Ĉe ĉi tiu adreso ne estas paĝo. Eble ĝi estis movita, aŭ la adreso estis mistajpita.
error-410-title = Ĉi tiu artikolo estis retirita
error-410-body = La redaktoroj retiris la artikolon, kiu estis publikigita ĉe ĉi tiu adreso.
error-400-title = Malĝusta peto
error-400-body = Ne eblis kompreni la adreson aŭ la peton.
error-500-title = Io misfunkciis
error-500-body = Ne eblis montri la paĝon pro eraro ĉe nia flanko. Bonvolu reprovi post momento.
error-back = Iri al la ĉefpaĝo
