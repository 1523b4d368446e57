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
front-description = Le ultime notizie di { $site }, sezione per sezione.
list-description = Gli ultimi articoli di «{ $title }» su { $site }.
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
article-also-in = Anche in:
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

## Reader comments
comments-heading = Commenti
comments-none = Ancora nessun commento.
comments-closed = I commenti a questo articolo sono chiusi.
comments-pagination-label = Altri commenti
comments-earlier = Commenti meno recenti
comments-later = Commenti più recenti
comment-awaiting-moderation = Il tuo commento è in attesa di moderazione. Sarà visibile solo a te finché un redattore non lo approverà.
comment-reply = Rispondi a { $name }
comment-staff = Dalla redazione
preview-bar = Anteprima: così i lettori vedranno l’articolo. Non è pubblicato, e questo indirizzo dura un giorno.
preview-not-published = Non ancora pubblicato
comment-replying-to = Stai rispondendo a { $name }.
comment-reply-cancel = Scrivi invece un nuovo commento
comment-form-heading = Lascia un commento
comment-form-all-required = Tutti i campi sono obbligatori.
comment-form-has-errors = Il tuo commento non è stato pubblicato. Correggi i campi indicati qui sotto; tutto ciò che hai scritto è stato conservato.
comment-name-label = Nome
comment-name-hint = Viene mostrato insieme al tuo commento. Massimo 80 caratteri.
comment-email-label = Email
comment-email-hint = Non verrà mai pubblicata: la vedono solo i moderatori.
comment-body-label = Commento
comment-body-hint = Solo testo semplice, fino a 5.000 caratteri. Numero massimo di link: { $limit }.
comment-honeypot-label = Lascia vuoto questo campo
comment-submit = Pubblica il commento
comment-kept-label = Il tuo commento (non pubblicato)
comment-error-name-missing = Inserisci il tuo nome.
comment-error-name-too-long = Il nome può contenere al massimo { $limit } caratteri; quello inserito ne ha { $given }.
comment-error-email-missing = Inserisci il tuo indirizzo email.
comment-error-email-too-long = Un indirizzo email può contenere al massimo { $limit } caratteri; quello inserito ne ha { $given }.
comment-error-email-malformed = Inserisci un indirizzo email valido, ad esempio nome@example.org.
comment-error-body-missing = Scrivi un commento.
comment-error-body-too-long = Un commento può contenere al massimo { $limit } caratteri; il tuo ne ha { $given }.
comment-error-too-many-links = Il commento contiene troppi link. Il massimo consentito è { $limit }.
comment-error-too-fast = Un po’ troppo veloce: rileggi il tuo commento e invialo di nuovo.
comment-error-expired = Questo modulo è scaduto. Invia di nuovo il tuo commento.
comment-error-invalid-form = Non è stato possibile verificare questo modulo. Invia di nuovo il tuo commento.
comment-error-rate-limited = Hai pubblicato diversi commenti in poco tempo. Attendi qualche minuto, poi invia di nuovo questo commento.
comment-error-reply-gone = Il commento a cui stavi rispondendo non è più disponibile; il tuo verrà pubblicato come commento a sé.
card-comments = { $count ->
    [one] { $count } commento
   *[other] { $count } commenti
}

## Feeds
feed-rss-title = Feed RSS
feed-atom-title = Feed Atom
feed-json-title = Feed JSON
feed-front-title = Ultime notizie da { $site }
feed-list-title = { $title } su { $site }

article-audio = Ascolta ({ $duration })
article-audio-download = Scarica l’audio
corrections-title = Correzioni e precisazioni
corrections-intro = Tutte le correzioni, precisazioni e aggiornamenti dei nostri articoli, dai più recenti.
corrections-empty = Ancora nessuna correzione.

## Programmes and their podcasts
programmes-title = Programmi
programmes-description = I programmi radiofonici di { $site }: ascolta qui le loro puntate o iscriviti ai loro podcast.
programmes-intro = Ascolta qui i nostri programmi, o iscriviti ai loro podcast nella tua app per podcast.
programmes-empty = Non ci sono ancora programmi.
programme-episodes = { $count ->
    [one] { $count } puntata
   *[other] { $count } puntate
}
programme-by = Condotto da { $author }
programme-subscribe = Iscriviti al podcast
programme-subscribe-hint = Copia questo link nella tua app per podcast.
programme-episodes-heading = Puntate
programme-no-episodes = Non ci sono ancora puntate.
programme-episode-duration = Durata { $duration }
programme-listen = Ascolta: { $headline }
programme-feed-title = { $name } (podcast)
programme-feed-description = Le puntate di { $name }, su { $site }.
article-programme = Una puntata di

## Related articles and "More views"
related-heading = Articoli correlati
most-viewed-heading = I più letti
most-viewed-day = Ultime 24 ore
most-viewed-week = Ultimi 7 giorni
most-viewed-month = Ultimi 30 giorni
most-viewed-none = In questo periodo non è ancora stato letto nulla.

## Search
search-title = Ricerca
search-title-query = Ricerca: { $query }
search-label = Cerca tra le notizie
search-button = Cerca
search-hint = Devono comparire tutte le parole; per cercare una frase, scrivila tra "virgolette doppie".
search-filters = Affina la ricerca
search-section = Sezione
search-any-section = Tutte le sezioni
search-tag = Argomento
search-from = Dal
search-to = Al
search-sort = Ordina per
search-sort-relevance = Prima i più pertinenti
search-sort-newest = Prima i più recenti
search-count = { $count ->
    [one] Un articolo trovato
   *[other] { $count } articoli trovati
}
search-none = Nessun articolo corrisponde a «{ $query }».
search-none-hint = Controlla l’ortografia, usa meno parole o parole diverse, oppure amplia le date e i filtri.
search-previous = Risultati precedenti
search-next = Altri risultati
search-rebuilding = L’indice di ricerca è in fase di ricostruzione: per qualche minuto alcuni articoli potrebbero non comparire tra i risultati.
search-error-unparsable = Non è stato possibile interpretare questa ricerca. Chiudi tutte le virgolette doppie e tutte le parentesi, e non usare i due punti.
search-error-too-long = Una ricerca può contenere al massimo 200 caratteri.
search-error-section = Questa sezione non esiste. Scegline una dall’elenco.
search-error-date = La data va scritta nella forma anno-mese-giorno, ad esempio 2016-10-04.
search-error-page = Questa pagina di risultati non esiste.
search-error-unavailable = La ricerca non è al momento disponibile. Riprova tra poco.

## Prima pagina, colonna laterale e piè di pagina
front-empty = { $site } non ha ancora pubblicato nulla in questa lingua.
more-from-heading = Altro da { $section }
section-latest-heading = Ultime in { $section }
image-credit = Foto: { $credit }
share-label = Condividi questa notizia
share-email = E-mail
footer-sections = Sezioni
footer-follow = Seguici
footer-programmes = Programmi e podcast
footer-rss = Feed RSS
footer-atom = Feed Atom
footer-json = JSON Feed
footer-about = { $site }
footer-corrections = Rettifiche
footer-languages = Lingue
breaking-label = Ultim’ora
footer-map-label = Mappa del sito

## The site identity: social accounts in the footer (issue 16)
footer-social = Social network
