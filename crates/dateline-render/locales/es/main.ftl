# Dateline — Spanish reader interface, translated from the English catalogue.

## Page frame
skip-to-content = Saltar al contenido
nav-label = Secciones
nav-home = Portada
language-switcher-label = Leer en otro idioma
footer-copyright = © { $year } { $site }. Todos los derechos reservados.
footer-print-note = Impreso desde { $url }

## Front, section, tag and author pages
front-title = { $site }: últimas noticias
front-description = Las últimas noticias de { $site }, sección por sección.
list-description = Los últimos artículos de «{ $title }» en { $site }.
latest-heading = Últimas noticias
section-more = Más de { $section }
tag-title = Artículos con la etiqueta «{ $tag }»
author-title = Artículos de { $author }
list-empty = Todavía no se ha publicado nada aquí.
pagination-label = Más páginas
pagination-newer = Artículos más recientes
pagination-older = Artículos anteriores
pagination-status = Página { $page } de { $pages }
page-title-numbered = { $title } (página { $page })

## Article page
article-byline = Por { $author }
article-published = Publicado el { $date }
article-updated = Actualizado el { $date }
article-also-in = También en:
article-tags = Etiquetas
dateline-full = { $place }, { $date } ({ $agency }) —
dateline-no-agency = { $place }, { $date } —
dateline-no-date = { $place } ({ $agency }) —
dateline-place = { $place } —
notes-heading = Correcciones y actualizaciones
note-correction = Corrección
note-clarification = Aclaración
note-update = Actualización
breadcrumb-label = Usted está aquí

## Error pages
error-404-title = Página no encontrada
error-404-body = No hay ninguna página en esta dirección. Es posible que se haya trasladado o que la dirección esté mal escrita.
error-410-title = Este artículo ha sido retirado
error-410-body = Los editores han retirado el artículo que se publicó en esta dirección.
error-400-title = Solicitud incorrecta
error-400-body = No se ha podido entender la dirección o la solicitud.
error-500-title = Algo ha salido mal
error-500-body = No se ha podido mostrar la página debido a un error por nuestra parte. Inténtelo de nuevo en unos instantes.
error-back = Ir a la portada

## Reader comments
comments-heading = Comentarios
comments-none = Todavía no hay comentarios.
comments-closed = Los comentarios de este artículo están cerrados.
comments-pagination-label = Más comentarios
comments-earlier = Comentarios anteriores
comments-later = Comentarios más recientes
comment-awaiting-moderation = Su comentario está pendiente de moderación. Solo usted puede verlo hasta que un editor lo apruebe.
comment-reply = Responder a { $name }
comment-staff = De la redacción
preview-bar = Vista previa: así verán el artículo los lectores. No está publicado, y esta dirección dura un día.
preview-not-published = Aún sin publicar
comment-replying-to = Está respondiendo a { $name }.
comment-reply-cancel = Escribir un comentario nuevo
comment-form-heading = Haga un comentario
comment-form-all-required = Todos los campos son obligatorios.
comment-form-has-errors = Su comentario no se ha publicado. Corrija los campos señalados a continuación; se ha conservado todo lo que escribió.
comment-name-label = Nombre
comment-name-hint = Se mostrará junto a su comentario. Hasta 80 caracteres.
comment-email-label = Correo electrónico
comment-email-hint = Solo lo verán los moderadores; nunca se publicará.
comment-body-label = Comentario
comment-body-hint = Texto sin formato, hasta 5000 caracteres. Número máximo de enlaces: { $limit }.
comment-honeypot-label = Deje este campo vacío
comment-submit = Publicar comentario
comment-kept-label = Su comentario (no publicado)
comment-error-name-missing = Escriba su nombre.
comment-error-name-too-long = El nombre puede tener como máximo { $limit } caracteres; el suyo tiene { $given }.
comment-error-email-missing = Escriba su dirección de correo electrónico.
comment-error-email-too-long = La dirección de correo electrónico puede tener como máximo { $limit } caracteres; la suya tiene { $given }.
comment-error-email-malformed = Escriba una dirección de correo electrónico válida, por ejemplo nombre@example.org.
comment-error-body-missing = Escriba un comentario.
comment-error-body-too-long = El comentario puede tener como máximo { $limit } caracteres; el suyo tiene { $given }.
comment-error-too-many-links = Su comentario tiene demasiados enlaces. El máximo permitido es { $limit }.
comment-error-too-fast = Ha ido demasiado rápido: relea su comentario y vuelva a enviarlo.
comment-error-expired = Este formulario ha caducado. Vuelva a enviar su comentario.
comment-error-invalid-form = No se ha podido verificar este formulario. Vuelva a enviar su comentario.
comment-error-rate-limited = Ha publicado varios comentarios en poco tiempo. Espere unos minutos y vuelva a enviar este comentario.
comment-error-reply-gone = El comentario al que respondía ya no está disponible; el suyo se publicará como un comentario independiente.
card-comments = { $count ->
    [one] { $count } comentario
   *[other] { $count } comentarios
}

## Feeds
feed-rss-title = Canal RSS
feed-atom-title = Canal Atom
feed-json-title = Canal JSON
feed-front-title = Últimas noticias de { $site }
feed-list-title = { $title } en { $site }

article-audio = Escuchar ({ $duration })
article-audio-download = Descargar el audio
corrections-title = Correcciones y aclaraciones
corrections-intro = Todas las correcciones, aclaraciones y actualizaciones de nuestros artículos, las más recientes primero.
corrections-empty = Aún no hay correcciones.

## Programmes and their podcasts
programmes-title = Programas
programmes-description = Los programas de radio de { $site }: escuche sus episodios aquí o suscríbase a sus pódcasts.
programmes-intro = Escuche nuestros programas aquí o suscríbase a sus pódcasts en su aplicación de pódcasts.
programmes-empty = Todavía no hay programas.
programme-episodes = { $count ->
    [one] { $count } episodio
   *[other] { $count } episodios
}
programme-by = Presenta { $author }
programme-subscribe = Suscribirse al pódcast
programme-subscribe-hint = Copie este enlace en su aplicación de pódcasts.
programme-episodes-heading = Episodios
programme-no-episodes = Todavía no hay episodios.
programme-episode-duration = Duración { $duration }
programme-listen = Escuchar: { $headline }
programme-feed-title = { $name } (pódcast)
programme-feed-description = Episodios de { $name }, de { $site }.
article-programme = Un episodio de

## Related articles and "More views"
related-heading = Artículos relacionados
most-viewed-heading = Lo más leído
most-viewed-day = Últimas 24 horas
most-viewed-week = Últimos 7 días
most-viewed-month = Últimos 30 días
most-viewed-none = Todavía no se ha leído nada en este periodo.

## Search
search-title = Búsqueda
search-title-query = Búsqueda: { $query }
search-label = Buscar en las noticias
search-button = Buscar
search-hint = Deben aparecer todas las palabras; escriba las frases entre "comillas dobles".
search-filters = Refinar la búsqueda
search-section = Sección
search-any-section = Todas las secciones
search-tag = Etiqueta
search-from = Desde
search-to = Hasta
search-sort = Ordenar por
search-sort-relevance = Más relevantes primero
search-sort-newest = Más recientes primero
search-count = { $count ->
    [one] Se ha encontrado un artículo
   *[other] Se han encontrado { $count } artículos
}
search-none = Ningún artículo coincide con «{ $query }».
search-none-hint = Compruebe la ortografía, use menos palabras u otras distintas, o amplíe las fechas y los filtros.
search-previous = Resultados anteriores
search-next = Más resultados
search-rebuilding = Se está reconstruyendo el índice de búsqueda: durante unos minutos es posible que falten algunos artículos en los resultados.
search-error-unparsable = No se ha podido entender esta búsqueda. Cierre todas las comillas dobles y todos los paréntesis, y no use dos puntos.
search-error-too-long = Una búsqueda puede tener como máximo 200 caracteres.
search-error-section = Esa sección no existe. Elija una de la lista.
search-error-date = La fecha debe escribirse como año-mes-día, por ejemplo 2016-10-04.
search-error-page = Esa página de resultados no existe.
search-error-unavailable = La búsqueda no está disponible en este momento. Inténtelo de nuevo dentro de unos instantes.

## Portada, columna lateral y pie
front-empty = { $site } aún no ha publicado nada en este idioma.
more-from-heading = Más de { $section }
section-latest-heading = Lo último en { $section }
image-credit = Foto: { $credit }
share-label = Compartir esta noticia
share-email = Correo electrónico
footer-sections = Secciones
footer-follow = Síganos
footer-programmes = Programas y pódcasts
footer-rss = Canal RSS
footer-atom = Canal Atom
footer-json = JSON Feed
footer-about = { $site }
footer-corrections = Correcciones
footer-languages = Idiomas
breaking-label = Última hora
footer-map-label = Mapa del sitio

## The site identity: social accounts in the footer (issue 16)
footer-social = Redes sociales
