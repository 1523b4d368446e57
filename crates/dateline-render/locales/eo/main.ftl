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
front-description = La lastaj novaĵoj de { $site }, rubriko post rubriko.
list-description = La lastaj artikoloj de „{ $title }“ ĉe { $site }.
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
article-also-in = Ankaŭ en:
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

## Reader comments
comments-heading = Komentoj
comments-none = Ankoraŭ neniu komento.
comments-closed = Komentado pri ĉi tiu artikolo estas fermita.
comments-pagination-label = Pliaj komentoj
comments-earlier = Pli malnovaj komentoj
comments-later = Pli novaj komentoj
comment-awaiting-moderation = Via komento atendas moderigon. Nur vi povas vidi ĝin, ĝis redaktoro aprobos ĝin.
comment-reply = Respondi al { $name }
comment-staff = De la redakcio
preview-bar = Antaŭrigardo: tiel legantoj vidos la artikolon. Ĝi ne estas publikigita, kaj ĉi tiu adreso validas unu tagon.
preview-not-published = Ankoraŭ ne publikigita
comment-replying-to = Vi respondas al { $name }.
comment-reply-cancel = Anstataŭe verki novan komenton
comment-form-heading = Skribu komenton
comment-form-all-required = Ĉiuj kampoj estas devigaj.
comment-form-has-errors = Via komento ne estis publikigita. Bonvolu korekti la sube markitajn kampojn; ĉio, kion vi skribis, estas konservita.
comment-name-label = Nomo
comment-name-hint = Montrata kun via komento. Ĝis 80 signoj.
comment-email-label = Retpoŝtadreso
comment-email-hint = Neniam montrata al iu ajn krom la moderigantoj.
comment-body-label = Komento
comment-body-hint = Simpla teksto, ĝis 5000 signoj. Maksimuma nombro de ligiloj: { $limit }.
comment-honeypot-label = Lasu ĉi tiun kampon malplena
comment-submit = Publikigi komenton
comment-kept-label = Via komento (ne publikigita)
comment-error-name-missing = Bonvolu entajpi vian nomon.
comment-error-name-too-long = Via nomo povas havi maksimume { $limit } signojn; ĉi tiu havas { $given }.
comment-error-email-missing = Bonvolu entajpi vian retpoŝtadreson.
comment-error-email-too-long = Retpoŝtadreso povas havi maksimume { $limit } signojn; ĉi tiu havas { $given }.
comment-error-email-malformed = Bonvolu entajpi validan retpoŝtadreson, ekzemple nomo@example.org.
comment-error-body-missing = Bonvolu skribi komenton.
comment-error-body-too-long = Komento povas havi maksimume { $limit } signojn; ĉi tiu havas { $given }.
comment-error-too-many-links = Via komento enhavas tro da ligiloj. La maksimumo estas { $limit }.
comment-error-too-fast = Tio estis rapida: bonvolu relegi vian komenton kaj sendi ĝin denove.
comment-error-expired = Ĉi tiu formularo eksvalidiĝis. Bonvolu sendi vian komenton denove.
comment-error-invalid-form = Ne eblis kontroli ĉi tiun formularon. Bonvolu sendi vian komenton denove.
comment-error-rate-limited = Vi afiŝis plurajn komentojn en mallonga tempo. Bonvolu atendi kelkajn minutojn kaj poste sendi ĉi tiun denove.
comment-error-reply-gone = La komento, al kiu vi respondis, ne plu disponeblas; via komento aperos memstare.
card-comments = { $count ->
    [one] { $count } komento
   *[other] { $count } komentoj
}

## Feeds
feed-rss-title = RSS-fluo
feed-atom-title = Atom-fluo
feed-json-title = JSON-fluo
feed-front-title = Lastaj novaĵoj de { $site }
feed-list-title = { $title } ĉe { $site }

article-audio = Aŭskultu ({ $duration })
article-audio-download = Elŝuti la sondosieron
corrections-title = Korektoj kaj klarigoj
corrections-intro = Ĉiuj korektoj, klarigoj kaj ĝisdatigoj de niaj artikoloj, la plej novaj unue.
corrections-empty = Ankoraŭ neniuj korektoj.

## Programmes and their podcasts
programmes-title = Programoj
programmes-description = La radiaj programoj de { $site }: aŭskultu iliajn epizodojn ĉi tie aŭ abonu iliajn podkastojn.
programmes-intro = Aŭskultu niajn programojn ĉi tie, aŭ abonu iliajn podkastojn per via podkasta aplikaĵo.
programmes-empty = Ankoraŭ ne estas programoj.
programme-episodes = { $count ->
    [one] { $count } epizodo
   *[other] { $count } epizodoj
}
programme-by = Prezentas { $author }
programme-subscribe = Aboni la podkaston
programme-subscribe-hint = Kopiu ĉi tiun ligilon en vian podkastan aplikaĵon.
programme-episodes-heading = Epizodoj
programme-no-episodes = Ankoraŭ ne estas epizodoj.
programme-episode-duration = Daŭro { $duration }
programme-listen = Aŭskulti: { $headline }
programme-feed-title = { $name } (podkasto)
programme-feed-description = Epizodoj de { $name }, ĉe { $site }.
article-programme = Epizodo de

## Related articles and "More views"
related-heading = Rilataj artikoloj
most-viewed-heading = Plej legataj
most-viewed-day = Lastaj 24 horoj
most-viewed-week = Lastaj 7 tagoj
most-viewed-month = Lastaj 30 tagoj
most-viewed-none = Ankoraŭ nenio estas legita en ĉi tiu periodo.

## Search
search-title = Serĉo
search-title-query = Serĉo: { $query }
search-label = Serĉi en la novaĵoj
search-button = Serĉi
search-hint = Ĉiuj vortoj devas aperi; metu frazon inter "duoblajn citilojn".
search-filters = Precizigi la serĉon
search-section = Rubriko
search-any-section = Ĉiuj rubrikoj
search-tag = Etikedo
search-from = De
search-to = Ĝis
search-sort = Ordo
search-sort-relevance = Plej trafaj unue
search-sort-newest = Plej novaj unue
search-count = { $count ->
    [one] Unu artikolo trovita
   *[other] { $count } artikoloj trovitaj
}
search-none = Neniu artikolo kongruas kun „{ $query }“.
search-none-hint = Kontrolu la literumon, uzu malpli da vortoj aŭ aliajn vortojn, aŭ larĝigu la datojn kaj la filtrilojn.
search-previous = Antaŭaj rezultoj
search-next = Pliaj rezultoj
search-rebuilding = La serĉindekso estas rekonstruata: dum kelkaj minutoj iuj artikoloj eble mankos en la rezultoj.
search-error-unparsable = Ne eblis kompreni ĉi tiun serĉon. Fermu ĉiun duoblan citilon kaj ĉiun krampon, kaj ne uzu dupunktojn.
search-error-too-long = Serĉo povas havi maksimume 200 signojn.
search-error-section = Tia rubriko ne ekzistas. Bonvolu elekti unu el la listo.
search-error-date = Dato devas esti skribita en la formo jaro-monato-tago, ekzemple 2016-10-04.
search-error-page = Tia paĝo de rezultoj ne ekzistas.
search-error-unavailable = La serĉo momente ne disponeblas. Bonvolu reprovi post momento.

## Ĉefpaĝo, flanka kolumno kaj piedo
front-empty = { $site } ankoraŭ publikigis nenion en ĉi tiu lingvo.
more-from-heading = Pli el { $section }
section-latest-heading = Plej novaj en { $section }
image-credit = Foto: { $credit }
share-label = Kunhavigi ĉi tiun artikolon
share-email = Retpoŝto
footer-sections = Rubrikoj
footer-follow = Sekvi
footer-programmes = Programoj kaj podkastoj
footer-rss = RSS-fluo
footer-atom = Atom-fluo
footer-json = JSON Feed
footer-about = { $site }
footer-corrections = Korektoj
footer-languages = Lingvoj
breaking-label = Lastminute
footer-map-label = Retejmapo

## The site identity: social accounts in the footer (issue 16)
footer-social = Sociaj retoj
