# Dateline — Italian reader interface, translated from the English catalogue.

## Page frame
skip-to-content = Vai al contenuto
nav-label = Sezioni
nav-home = Prima pagina
language-switcher-label = Leggi in un’altra lingua
footer-copyright = © { $year } { $site }. Tutti i diritti riservati.
footer-print-note = Stampato da { $url }

## Front, section, tag and author pages
front-title = { $site }: ultime notizie
latest-heading = Ultime notizie
section-more = Altre notizie in { $section }
tag-title = Articoli su «{ $tag }»
author-title = Articoli di { $author }
list-empty = Qui non è ancora stato pubblicato nulla.
pagination-label = Altre pagine
pagination-newer = Articoli più recenti
pagination-older = Articoli meno recenti
pagination-status = Pagina { $page } di { $pages }
page-title-numbered = { $title } (pagina { $page })

## Article page
article-byline = Di { $author }
article-published = Pubblicato il { $date }
article-updated = Aggiornato il { $date }
article-tags = Argomenti
dateline-full = { $place }, { $date } ({ $agency }) —
dateline-no-agency = { $place }, { $date } —
dateline-no-date = { $place } ({ $agency }) —
dateline-place = { $place } —
notes-heading = Correzioni e aggiornamenti
note-correction = Correzione
note-clarification = Precisazione
note-update = Aggiornamento
breadcrumb-label = Ti trovi qui

## Error pages
error-404-title = Pagina non trovata
error-404-body = Non esiste alcuna pagina a questo indirizzo. Potrebbe essere stata spostata, oppure l’indirizzo potrebbe essere errato.
error-410-title = Questo articolo è stato ritirato
error-410-body = L’articolo pubblicato a questo indirizzo è stato ritirato dalla redazione.
error-400-title = Richiesta non valida
error-400-body = Non è stato possibile interpretare l’indirizzo o la richiesta.
error-500-title = Si è verificato un errore
error-500-body = Non è stato possibile mostrare la pagina a causa di un errore da parte nostra. Riprova tra qualche istante.
error-back = Vai alla prima pagina
