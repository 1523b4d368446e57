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
front-description = Les dernières informations de { $site }, rubrique par rubrique.
list-description = Les derniers articles de « { $title } » sur { $site }.
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
article-also-in = Aussi en :
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

## Reader comments
comments-heading = Commentaires
comments-none = Aucun commentaire pour le moment.
comments-closed = Les commentaires sont fermés pour cet article.
comments-pagination-label = Autres commentaires
comments-earlier = Commentaires plus anciens
comments-later = Commentaires plus récents
comment-awaiting-moderation = Votre commentaire est en attente de modération. Il n’est visible que par vous jusqu’à sa validation par la rédaction.
comment-reply = Répondre à { $name }
comment-staff = De la rédaction
preview-bar = Aperçu : voici l’article tel que les lecteurs le verront. Il n’est pas publié, et cette adresse vaut un jour.
preview-not-published = Pas encore publié
comment-replying-to = Vous répondez à { $name }.
comment-reply-cancel = Écrire plutôt un nouveau commentaire
comment-form-heading = Laissez un commentaire
comment-form-all-required = Tous les champs sont obligatoires.
comment-form-has-errors = Votre commentaire n’a pas été publié. Veuillez corriger les champs signalés ci-dessous ; tout ce que vous avez écrit a été conservé.
comment-name-label = Nom
comment-name-hint = Affiché avec votre commentaire. 80 caractères maximum.
comment-email-label = Adresse e-mail
comment-email-hint = Jamais publiée : seuls les modérateurs y ont accès.
comment-body-label = Commentaire
comment-body-hint = Texte sans mise en forme, 5 000 caractères maximum. Nombre maximal de liens : { $limit }.
comment-honeypot-label = Laissez ce champ vide
comment-submit = Publier le commentaire
comment-kept-label = Votre commentaire (non publié)
comment-error-name-missing = Veuillez indiquer votre nom.
comment-error-name-too-long = Votre nom ne peut pas dépasser { $limit } caractères ; celui-ci en compte { $given }.
comment-error-email-missing = Veuillez indiquer votre adresse e-mail.
comment-error-email-too-long = Une adresse e-mail ne peut pas dépasser { $limit } caractères ; celle-ci en compte { $given }.
comment-error-email-malformed = Veuillez saisir une adresse e-mail valide, par exemple nom@example.org.
comment-error-body-missing = Veuillez écrire un commentaire.
comment-error-body-too-long = Un commentaire ne peut pas dépasser { $limit } caractères ; celui-ci en compte { $given }.
comment-error-too-many-links = Votre commentaire contient trop de liens. Le maximum autorisé est de { $limit }.
comment-error-too-fast = Un peu trop rapide : veuillez relire votre commentaire, puis l’envoyer à nouveau.
comment-error-expired = Ce formulaire a expiré. Veuillez envoyer à nouveau votre commentaire.
comment-error-invalid-form = Ce formulaire n’a pas pu être vérifié. Veuillez envoyer à nouveau votre commentaire.
comment-error-rate-limited = Vous avez publié plusieurs commentaires en peu de temps. Veuillez patienter quelques minutes, puis renvoyer celui-ci.
comment-error-reply-gone = Le commentaire auquel vous répondiez n’est plus disponible ; votre commentaire sera publié séparément.
card-comments = { $count ->
    [one] { $count } commentaire
   *[other] { $count } commentaires
}

## Feeds
feed-rss-title = Flux RSS
feed-atom-title = Flux Atom
feed-json-title = Flux JSON
feed-front-title = Dernières informations de { $site }
feed-list-title = { $title } sur { $site }

article-audio = Écouter ({ $duration })
article-audio-download = Télécharger l’audio
corrections-title = Corrections et précisions
corrections-intro = Toutes les corrections, précisions et mises à jour apportées à nos articles, des plus récentes aux plus anciennes.
corrections-empty = Aucune correction pour l’instant.

## Programmes and their podcasts
programmes-title = Émissions
programmes-description = Les émissions de radio de { $site } : écoutez leurs épisodes ici ou abonnez-vous à leurs podcasts.
programmes-intro = Écoutez nos émissions ici, ou abonnez-vous à leurs podcasts dans votre application de podcasts.
programmes-empty = Aucune émission pour l’instant.
programme-episodes = { $count ->
    [one] { $count } épisode
   *[other] { $count } épisodes
}
programme-by = Présentée par { $author }
programme-subscribe = S’abonner au podcast
programme-subscribe-hint = Copiez ce lien dans votre application de podcasts.
programme-episodes-heading = Épisodes
programme-no-episodes = Aucun épisode pour l’instant.
programme-episode-duration = Durée { $duration }
programme-listen = Écouter : { $headline }
programme-feed-title = { $name } (podcast)
programme-feed-description = Les épisodes de { $name }, sur { $site }.
article-programme = Un épisode de

## Related articles and "More views"
related-heading = Sur le même sujet
most-viewed-heading = Les plus lus
most-viewed-day = 24 dernières heures
most-viewed-week = 7 derniers jours
most-viewed-month = 30 derniers jours
most-viewed-none = Rien n’a encore été lu sur cette période.

## Search
search-title = Recherche
search-title-query = Recherche : { $query }
search-label = Rechercher dans l’actualité
search-button = Rechercher
search-hint = Tous les mots doivent figurer dans l’article ; pour chercher une expression, mettez-la entre "guillemets droits".
search-filters = Affiner la recherche
search-section = Rubrique
search-any-section = Toutes les rubriques
search-tag = Mot-clé
search-from = Du
search-to = Au
search-sort = Trier par
search-sort-relevance = Les plus pertinents d’abord
search-sort-newest = Les plus récents d’abord
search-count = { $count ->
    [one] { $count } article trouvé
   *[other] { $count } articles trouvés
}
search-none = Aucun article ne correspond à « { $query } ».
search-none-hint = Vérifiez l’orthographe, utilisez moins de mots ou d’autres mots, ou élargissez les dates et les filtres.
search-previous = Résultats précédents
search-next = Résultats suivants
search-rebuilding = L’index de recherche est en cours de reconstruction : certains articles peuvent manquer dans les résultats pendant quelques minutes.
search-error-unparsable = Cette recherche n’a pas pu être comprise. Fermez chaque guillemet et chaque parenthèse, et n’utilisez pas de deux-points.
search-error-too-long = Une recherche ne peut pas dépasser 200 caractères.
search-error-section = Cette rubrique n’existe pas. Veuillez en choisir une dans la liste.
search-error-date = Une date doit s’écrire sous la forme année-mois-jour, par exemple 2016-10-04.
search-error-page = Cette page de résultats n’existe pas.
search-error-unavailable = La recherche est momentanément indisponible. Veuillez réessayer dans quelques instants.

## Une, colonne latérale et pied de page
front-empty = { $site } n’a encore rien publié dans cette langue.
more-from-heading = Plus de { $section }
section-latest-heading = Derniers articles : { $section }
image-credit = Photo : { $credit }
share-label = Partager cet article
share-email = Courriel
footer-sections = Rubriques
footer-follow = Suivre
footer-programmes = Émissions et podcasts
footer-rss = Flux RSS
footer-atom = Flux Atom
footer-json = JSON Feed
footer-about = { $site }
footer-corrections = Rectificatifs
footer-languages = Langues
breaking-label = Alerte info
footer-map-label = Plan du site

## The site identity: social accounts in the footer (issue 16)
footer-social = Réseaux sociaux
