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
