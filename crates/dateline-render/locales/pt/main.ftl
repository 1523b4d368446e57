# Dateline — Portuguese reader interface, translated from the English catalogue.

## Page frame
skip-to-content = Ir para o conteúdo
nav-label = Seções
nav-home = Página inicial
language-switcher-label = Ler em outro idioma
footer-copyright = © { $year } { $site }. Todos os direitos reservados.
footer-print-note = Impresso a partir de { $url }

## Front, section, tag and author pages
front-title = { $site }: últimas notícias
latest-heading = Últimas notícias
section-more = Mais de { $section }
tag-title = Tudo sobre “{ $tag }”
author-title = Artigos de { $author }
list-empty = Nada foi publicado aqui ainda.
pagination-label = Mais páginas
pagination-newer = Artigos mais recentes
pagination-older = Artigos mais antigos
pagination-status = Página { $page } de { $pages }
page-title-numbered = { $title } (página { $page })

## Article page
article-byline = Por { $author }
article-published = Publicado em { $date }
article-updated = Atualizado em { $date }
article-tags = Assuntos
dateline-full = { $place }, { $date } ({ $agency }) —
dateline-no-agency = { $place }, { $date } —
dateline-no-date = { $place } ({ $agency }) —
dateline-place = { $place } —
notes-heading = Correções e atualizações
note-correction = Correção
note-clarification = Esclarecimento
note-update = Atualização
breadcrumb-label = Você está aqui

## Error pages
error-404-title = Página não encontrada
error-404-body = Não há nenhuma página neste endereço. Ela pode ter sido movida, ou o endereço pode ter sido digitado incorretamente.
error-410-title = Este artigo foi retirado
error-410-body = O artigo publicado neste endereço foi retirado pelos editores.
error-400-title = Solicitação inválida
error-400-body = Não foi possível entender o endereço ou a solicitação.
error-500-title = Algo deu errado
error-500-body = Não foi possível exibir a página devido a um erro do nosso lado. Tente novamente em alguns instantes.
error-back = Ir para a página inicial
