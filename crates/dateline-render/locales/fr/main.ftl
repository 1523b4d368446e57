# Dateline — French reader interface, translated from the English catalogue.

## Page frame
skip-to-content = Aller au contenu
nav-label = Rubriques
nav-home = Accueil
language-switcher-label = Lire dans une autre langue
footer-copyright = © { $year } { $site }. Tous droits réservés.
footer-print-note = Imprimé depuis { $url }

## Front, section, tag and author pages
front-title = { $site } : dernières actualités
latest-heading = Dernières actualités
section-more = Plus d’articles dans { $section }
tag-title = Mot-clé « { $tag } »
author-title = Articles signés { $author }
list-empty = Rien n’a encore été publié ici.
pagination-label = Autres pages
pagination-newer = Articles plus récents
pagination-older = Articles plus anciens
pagination-status = Page { $page } sur { $pages }
page-title-numbered = { $title } (page { $page })

## Article page
article-byline = Par { $author }
article-published = Publié le { $date }
article-updated = Mis à jour le { $date }
article-tags = Mots-clés
dateline-full = { $place }, { $date } ({ $agency }) —
dateline-no-agency = { $place }, { $date } —
dateline-no-date = { $place } ({ $agency }) —
dateline-place = { $place } —
notes-heading = Corrections et mises à jour
note-correction = Correction
note-clarification = Précision
note-update = Mise à jour
breadcrumb-label = Vous êtes ici

## Error pages
error-404-title = Page introuvable
error-404-body = Aucune page ne se trouve à cette adresse. Elle a peut-être été déplacée, ou l’adresse a peut-être été mal saisie.
error-410-title = Cet article a été retiré
error-410-body = L’article publié à cette adresse a été retiré par la rédaction.
error-400-title = Requête incorrecte
error-400-body = L’adresse ou la requête n’a pas pu être comprise.
error-500-title = Une erreur s’est produite
error-500-body = La page n’a pas pu s’afficher en raison d’une erreur de notre côté. Veuillez réessayer dans un instant.
error-back = Retour à l’accueil
