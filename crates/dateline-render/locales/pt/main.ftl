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
front-description = As últimas notícias de { $site }, seção por seção.
list-description = Os últimos artigos de “{ $title }” em { $site }.
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
article-also-in = Também em:
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

## Reader comments
comments-heading = Comentários
comments-none = Ainda não há comentários.
comments-closed = Os comentários deste artigo estão encerrados.
comments-pagination-label = Mais comentários
comments-earlier = Comentários anteriores
comments-later = Comentários mais recentes
comment-awaiting-moderation = Seu comentário está aguardando moderação. Só você pode vê-lo até que um editor o aprove.
comment-reply = Responder a { $name }
comment-staff = Da redação
preview-bar = Pré-visualização: é assim que os leitores verão o artigo. Não está publicado, e este endereço dura um dia.
preview-not-published = Ainda não publicado
comment-replying-to = Você está respondendo a { $name }.
comment-reply-cancel = Escrever um novo comentário
comment-form-heading = Faça um comentário
comment-form-all-required = Todos os campos são obrigatórios.
comment-form-has-errors = Seu comentário não foi publicado. Corrija os campos indicados abaixo; tudo o que você escreveu foi mantido.
comment-name-label = Nome
comment-name-hint = Aparece junto com seu comentário. Até 80 caracteres.
comment-email-label = E-mail
comment-email-hint = Nunca será exibido; somente os moderadores têm acesso.
comment-body-label = Comentário
comment-body-hint = Texto simples, até 5.000 caracteres. Número máximo de links: { $limit }.
comment-honeypot-label = Deixe este campo em branco
comment-submit = Publicar comentário
comment-kept-label = Seu comentário (não publicado)
comment-error-name-missing = Informe seu nome.
comment-error-name-too-long = O nome pode ter no máximo { $limit } caracteres; o seu tem { $given }.
comment-error-email-missing = Informe seu endereço de e-mail.
comment-error-email-too-long = O endereço de e-mail pode ter no máximo { $limit } caracteres; o seu tem { $given }.
comment-error-email-malformed = Informe um endereço de e-mail válido, como nome@example.org.
comment-error-body-missing = Escreva um comentário.
comment-error-body-too-long = O comentário pode ter no máximo { $limit } caracteres; o seu tem { $given }.
comment-error-too-many-links = Seu comentário tem links demais. O máximo permitido é { $limit }.
comment-error-too-fast = Foi rápido demais: releia seu comentário e envie-o novamente.
comment-error-expired = Este formulário expirou. Envie seu comentário novamente.
comment-error-invalid-form = Não foi possível verificar este formulário. Envie seu comentário novamente.
comment-error-rate-limited = Você publicou vários comentários em pouco tempo. Aguarde alguns minutos e envie este comentário novamente.
comment-error-reply-gone = O comentário ao qual você estava respondendo não está mais disponível; o seu será publicado como um comentário independente.
card-comments = { $count ->
    [one] { $count } comentário
   *[other] { $count } comentários
}

## Feeds
feed-rss-title = Feed RSS
feed-atom-title = Feed Atom
feed-json-title = Feed JSON
feed-front-title = Últimas notícias de { $site }
feed-list-title = { $title } em { $site }

article-audio = Ouvir ({ $duration })
article-audio-download = Descarregar o áudio
corrections-title = Correções e esclarecimentos
corrections-intro = Todas as correções, esclarecimentos e atualizações dos nossos artigos, das mais recentes para as mais antigas.
corrections-empty = Ainda não há correções.

## Programmes and their podcasts
programmes-title = Programas
programmes-description = Os programas de rádio de { $site }: ouça seus episódios aqui ou assine seus podcasts.
programmes-intro = Ouça nossos programas aqui ou assine seus podcasts no seu aplicativo de podcasts.
programmes-empty = Ainda não há programas.
programme-episodes = { $count ->
    [one] { $count } episódio
   *[other] { $count } episódios
}
programme-by = Apresentado por { $author }
programme-subscribe = Assinar o podcast
programme-subscribe-hint = Copie este link no seu aplicativo de podcasts.
programme-episodes-heading = Episódios
programme-no-episodes = Ainda não há episódios.
programme-episode-duration = Duração { $duration }
programme-listen = Ouvir: { $headline }
programme-feed-title = { $name } (podcast)
programme-feed-description = Episódios de { $name }, em { $site }.
article-programme = Um episódio de

## Related articles and "More views"
related-heading = Artigos relacionados
most-viewed-heading = Mais lidas
most-viewed-day = Últimas 24 horas
most-viewed-week = Últimos 7 dias
most-viewed-month = Últimos 30 dias
most-viewed-none = Nada foi lido ainda neste período.

## Search
search-title = Busca
search-title-query = Busca: { $query }
search-label = Buscar nas notícias
search-button = Buscar
search-hint = Todas as palavras devem aparecer; coloque as expressões entre "aspas duplas".
search-filters = Refinar a busca
search-section = Seção
search-any-section = Todas as seções
search-tag = Assunto
search-from = De
search-to = Até
search-sort = Ordenar por
search-sort-relevance = Mais relevantes primeiro
search-sort-newest = Mais recentes primeiro
search-count = { $count ->
    [one] { $count } artigo encontrado
   *[other] { $count } artigos encontrados
}
search-none = Nenhum artigo corresponde a “{ $query }”.
search-none-hint = Verifique a ortografia, use menos palavras ou palavras diferentes, ou amplie as datas e os filtros.
search-previous = Resultados anteriores
search-next = Mais resultados
search-rebuilding = O índice de busca está sendo reconstruído: alguns artigos podem não aparecer nos resultados por alguns minutos.
search-error-unparsable = Não foi possível entender esta busca. Feche todas as aspas duplas e todos os parênteses, e não use dois-pontos.
search-error-too-long = Uma busca pode ter no máximo 200 caracteres.
search-error-section = Essa seção não existe. Escolha uma da lista.
search-error-date = A data deve ser escrita no formato ano-mês-dia, por exemplo 2016-10-04.
search-error-page = Essa página de resultados não existe.
search-error-unavailable = A busca está indisponível no momento. Tente novamente em instantes.

## Capa, coluna lateral e rodapé
front-empty = { $site } ainda não publicou nada neste idioma.
more-from-heading = Mais de { $section }
section-latest-heading = Últimas em { $section }
image-credit = Foto: { $credit }
share-label = Partilhar esta notícia
share-email = E-mail
footer-sections = Secções
footer-follow = Acompanhe
footer-programmes = Programas e podcasts
footer-rss = Feed RSS
footer-atom = Feed Atom
footer-json = JSON Feed
footer-about = { $site }
footer-corrections = Correções
footer-languages = Idiomas
breaking-label = Última hora
footer-map-label = Mapa do site

## The site identity: social accounts in the footer (issue 16)
footer-social = Redes sociais
