# Dateline — interfaz de la redacción en español, traducida del catálogo
# inglés de la redacción (newsroom/locales/en.ftl).

## Frame
nr-page-title = { $title } · Redacción de { $site }
nr-site-name = Redacción de { $site }
nr-view-site = Ver el sitio
nr-skip = Saltar al contenido
nr-nav-label = Redacción
nr-logout = Cerrar sesión
nr-none = Ninguno

## Navigation
nr-nav-desk = Mesa
nr-nav-articles = Artículos
nr-nav-new = Nuevo artículo
nr-nav-media = Multimedia
nr-nav-wire = Teletipos
nr-nav-comments = Comentarios
nr-nav-users = Personas
nr-nav-sections = Secciones
nr-nav-programmes = Programas
nr-nav-settings = Configuración
nr-nav-audit = Registro de actividad

## Page titles
nr-login-title = Iniciar sesión
nr-code-title = Código de verificación
nr-setup-title = Configurar la redacción
nr-reset-title = Elegir una contraseña nueva
nr-desk-title = Mesa
nr-articles-title = Artículos
nr-edit-title = Editar artículo
nr-new-title = Nuevo artículo
nr-revisions-title = Versiones
nr-media-title = Archivo multimedia
nr-comments-title = Comentarios por moderar
nr-wire-title = Teletipos
nr-account-title = Su cuenta
nr-users-title = Personas
nr-user-title = Persona
nr-sections-title = Secciones
nr-programmes-title = Programas
nr-settings-title = Configuración del sitio
nr-audit-title = Registro de actividad

## Roles
nr-role-contributor = Colaborador
nr-role-editor = Editor
nr-role-admin = Administrador

## Statuses and workflow moves
nr-status-draft = Borrador
nr-status-submitted = Enviado
nr-status-scheduled = Programado
nr-status-published = Publicado
nr-status-unpublished = Retirado
nr-move-submit = Enviar a edición
nr-move-send-back = Devolver al redactor
nr-move-schedule = Programar
nr-move-unschedule = Desprogramar
nr-move-publish = Publicar
nr-move-unpublish = Retirar de la web

## Logging in
nr-field-email = Correo electrónico
nr-field-password = Contraseña
nr-login-submit = Entrar
nr-login-forgot = ¿Ha olvidado su contraseña? Un administrador puede enviarle un enlace para elegir una nueva.
nr-login-missing = Escriba su correo electrónico y su contraseña.
nr-login-too-many = Demasiados intentos fallidos. Espere 15 minutos y vuelva a intentarlo.
nr-login-busy = El servidor está ocupado comprobando otras contraseñas. Espere unos segundos y vuelva a intentarlo.
nr-login-wrong = El correo electrónico o la contraseña no son correctos.
nr-login-done-reset = Su nueva contraseña ya está activa. Entre con ella.
nr-login-done-logout = Ha cerrado la sesión.
nr-field-code = Código
nr-code-hint = El código de seis cifras que muestra ahora su aplicación de autenticación.
nr-code-submit = Verificar
nr-code-wrong = Ese código no es correcto o ya se ha usado. Escriba el código que muestra ahora su aplicación.
nr-code-start-over = Volver a la página de inicio de sesión

## First administrator and password reset
nr-setup-intro = Cree la primera cuenta de administrador. Este enlace solo funciona una vez.
nr-reset-intro = Elija una contraseña nueva para su cuenta. Este enlace solo funciona una vez.
nr-field-name = Nombre
nr-field-new-password = Contraseña nueva
nr-field-password-again = Repita la contraseña nueva
nr-hint-login-email = Con esta dirección iniciará sesión.
nr-hint-reset-email = La cuenta a la que corresponde este enlace.
nr-hint-password = Al menos 10 caracteres. Unas cuantas palabras sin relación entre sí forman una contraseña segura.
nr-setup-submit = Crear la cuenta
nr-reset-submit = Guardar la contraseña
nr-form-has-errors = No se ha guardado nada. Corrija los campos señalados a continuación.

## Desk
nr-desk-submitted = Pendientes de edición
nr-desk-submitted-empty = No hay ningún artículo pendiente de edición.
nr-desk-scheduled = Programados
nr-desk-scheduled-empty = No hay ningún artículo programado.
nr-desk-mine = Sus últimos artículos
nr-desk-mine-empty = Todavía no ha escrito ningún artículo.
nr-desk-mine-all = Todos sus artículos

## Article lists
nr-col-headline = Titular
nr-col-status = Estado
nr-col-language = Idioma
nr-col-section = Sección
nr-col-writer = Redactor
nr-col-updated = Última modificación
nr-col-publishes = Se publica
nr-col-published = Publicado
nr-filter-label = Buscar artículos
nr-filter-q = Palabras del titular
nr-filter-any-status = Cualquier estado
nr-filter-any-language = Cualquier idioma
nr-filter-mine = Solo los míos
nr-filter-submit = Mostrar
nr-filter-clear = Mostrar todos los artículos
nr-articles-found = { $count ->
    [one] { $count } artículo
   *[other] { $count } artículos
}
nr-articles-none = Ningún artículo coincide con la búsqueda.
nr-pagination-label = Más artículos
nr-pagination-status = Página { $page } de { $pages }
nr-pagination-newer = Más recientes
nr-pagination-older = Anteriores

## Editor
nr-field-headline = Titular
nr-field-standfirst = Entradilla
nr-hint-standfirst = Una o dos frases bajo el titular. Opcional.
nr-field-dateline-place = Lugar de la data
nr-field-dateline-date = Fecha de la data
nr-hint-dateline-date = En formato AAAA-MM-DD (YYYY-MM-DD). Opcional.
nr-field-dateline-agency = Agencia
nr-field-byline = Firma
nr-field-language = Idioma
nr-field-section = Sección
nr-hint-section = Una sección del idioma del artículo.
nr-field-slug = Slug
nr-hint-slug = El final de la dirección del artículo. Déjelo vacío para crearlo a partir del titular.
nr-field-story-key = Clave de la noticia
nr-hint-story-key = La misma clave une las traducciones de una noticia.
nr-field-tags = Etiquetas
nr-hint-tags = Separadas por comas.
nr-field-body = Cuerpo
nr-hint-body = Markdown: una línea en blanco entre párrafos, ## delante de un ladillo, > delante de una cita, [palabras](https://example.org) para un enlace.
nr-field-published-at = Hora de publicación
nr-field-image = Imagen
nr-field-audio = Audio
nr-field-programme = Programa
nr-hint-programme = El programa del que este artículo es un episodio: uno del idioma del artículo. Solo un artículo con audio aparece como episodio.
nr-media-number = Archivo multimedia { $number }
nr-save = Guardar
nr-preview = Vista previa
nr-hint-moves-save = Al enviar, programar o publicar también se guarda lo que hay en el formulario.
nr-hint-live = Este artículo está publicado: los cambios guardados aparecen en la web al instante.
nr-not-editable = Su rol no permite editar este artículo en su estado actual ({ $status }).
nr-form-not-saved = El artículo no se ha guardado
nr-conflict-heading = Otra persona ha guardado este artículo
nr-conflict = Otra persona guardó este artículo (ahora en la versión { $version }) mientras usted lo editaba. Su versión no se ha perdido: se ha conservado como una versión aparte, y el formulario de abajo sigue teniendo lo que escribió.
nr-conflict-compare = Comparar su versión con la guardada
nr-notice-saved = Guardado.
nr-notice-published = Publicado.
nr-notice-view-live = Ver la página publicada
nr-notice-scheduled = Programado: se publicará el { $when } (UTC).
nr-notice-submitted = Enviado a los editores.
nr-notice-restored = Se ha restaurado la versión.
nr-notice-note = Se ha añadido la nota al artículo.
nr-notice-related = Se guardaron los artículos relacionados fijados.
nr-notice-moved = Se ha cambiado el estado del artículo.
nr-facts-heading = Este artículo
nr-view-public = Verlo en la web
nr-revisions-link = Versiones y cambios
nr-workflow-heading = Estado
nr-workflow-hint = Estos botones solo cambian el estado; los cambios escritos en el formulario no se guardan.

# The article editor: the side column's groups, and the body's rich-text
# editor (its toolbar, prompts and notes; the script reads them from the page).
nr-settings-heading = Ajustes del artículo
nr-group-summary = Entradilla, data y firma
nr-group-section = Idioma, sección y etiquetas
nr-group-address = Dirección y traducciones
nr-group-media = Imagen y audio
nr-group-schedule = Hora de publicación
nr-editor-toolbar = Formato
nr-editor-paragraph = Párrafo
nr-editor-heading2 = Ladillo
nr-editor-heading3 = Ladillo menor
nr-editor-bold = Negrita
nr-editor-italic = Cursiva
nr-editor-link = Enlace
nr-editor-link-prompt = Dirección del enlace (https://… o /…). Déjela vacía para quitar el enlace.
nr-editor-link-refused = Solo se pueden enlazar direcciones web (https://…) y de este sitio (/…).
nr-editor-bullets = Lista con viñetas
nr-editor-numbers = Lista numerada
nr-editor-quote = Cita
nr-editor-image = Imagen
nr-picture-title = Añadir una imagen
nr-picture-alt = Texto alternativo
nr-picture-alt-hint = Obligatorio. Describa la imagen para quien no pueda verla.
nr-picture-alt-missing = Describa la imagen para quien no pueda verla.
nr-picture-caption = Pie de foto (opcional)
nr-picture-credit = Crédito (opcional)
nr-picture-insert = Subir e insertar
nr-picture-cancel = Cancelar
nr-picture-uploading = Subiendo…
nr-picture-failed = No se ha podido subir la imagen. Sigue aquí: inténtelo de nuevo.
nr-lead-drop = Suelte o pegue aquí una imagen, o elija una de la biblioteca de arriba.
nr-lead-slot = Imagen principal: suéltela o péguela aquí
nr-lead-upload = Subir una imagen
nr-error-back = Volver a la mesa
nr-error-403-title = No permitido
nr-error-403-body = No puede hacer esto, o el formulario ha caducado. Vuelva atrás, recargue la página e inténtelo de nuevo.
nr-error-404-title = No encontrado
nr-error-404-body = Aquí no hay nada. Puede que se haya borrado, o que la dirección esté mal.
nr-error-400-title = No entendido
nr-error-400-body = No se ha podido entender la petición; no se ha cambiado nada.
nr-error-500-title = Algo ha fallado
nr-error-500-body = Algo ha fallado de nuestro lado; no se ha guardado nada de lo que escribió. Inténtelo de nuevo.

## Problems with an article's fields, and the editor's refusals
nr-problem-headline-missing = Dé un titular al artículo.
nr-problem-too-long = Como máximo { $max } caracteres.
nr-problem-slug-shape = Minúsculas, cifras y guiones, como máximo 80 caracteres.
nr-problem-section-missing = Elija una sección.
nr-problem-place-length = Un lugar de 1 a { $max } caracteres.
nr-problem-agency-too-long = Una agencia de como máximo { $max } caracteres.
nr-problem-too-many-tags = Como máximo { $max } etiquetas.
nr-problem-tag-length = Cada etiqueta, de 1 a { $max } caracteres.
nr-problem-body-too-long = El cuerpo ocupa { $bytes } bytes; se admiten como máximo { $max }.
nr-problem-body-too-deep = El cuerpo anida listas o citas a más de { $max } niveles (línea { $line }); aplánelas.
nr-problem-body-elements-too-deep = El cuerpo anida su formato y su HTML a más de { $max } niveles; aplánelo.
nr-problem-body-too-many-tags = El cuerpo lleva más de { $max } etiquetas HTML; use Markdown en su lugar.
nr-problem-body-missing = Un artículo publicado necesita cuerpo.
nr-problem-time-missing = Hace falta una hora de publicación.
nr-problem-foreign-picture = Una imagen del cuerpo viene de otro sitio y los lectores no la verían. Suelte el archivo de la imagen en el cuerpo (o use el botón Imagen) para subirla a la biblioteca de medios.
nr-err-body-busy = El servidor está ocupado y no ha podido preparar el cuerpo a tiempo; no se ha perdido nada. Inténtelo de nuevo en un momento.
nr-err-language = Elija uno de los idiomas del sitio.
nr-err-section = Elija una sección de este idioma.
nr-err-slug-taken = Otro artículo de esta sección ya tiene este slug; elija otro.
nr-err-dateline-date = Escriba la fecha como AAAA-MM-DD, por ejemplo 2016-10-04.
nr-err-dateline-place = Una data necesita su lugar.
nr-err-published-at = Escriba la hora como AAAA-MM-DD HH:MM (hora de { $zone }), por ejemplo 2016-10-04 14:30.
nr-err-media = Elija un archivo de la biblioteca multimedia.
nr-err-programme-language = Elija un programa en el idioma del artículo.
nr-err-programme = Elija uno de los programas.
nr-err-move-not-allowed = Un artículo en estado «{ $status }» no puede dar este paso ({ $move }).
nr-err-publish-future = Esta hora aún no ha llegado: programe el artículo en su lugar.
nr-err-schedule-time = Indique la hora de publicación; debe ser futura.
nr-err-moved-meanwhile = Alguien guardó este artículo hace un momento; revíselo antes de moverlo.
nr-err-note-kind = Elija corrección, aclaración o actualización.
nr-err-note-text = Escriba la nota: de 1 a 2000 caracteres.
nr-err-note-published = Las notas van en artículos publicados, y este está en estado «{ $status }»: la nota no se ha añadido.
nr-err-related-long = Como máximo { $max } caracteres.
nr-err-related-unknown = «{ $line }» no es la dirección ni el número de un artículo.
nr-err-related-refused = No se ha guardado: { $why }.
nr-err-name = Escriba un nombre de 1 a 100 caracteres.
nr-err-email = Escriba una dirección de correo, como nombre@example.org.
nr-err-email-taken = Ya hay una cuenta con este correo.
nr-err-role = Elija colaborador, editor o administrador.
nr-err-last-admin = Es el último administrador: nombre antes a otro.
nr-err-password-blank = Elija una contraseña que no sea solo espacios.
nr-err-password-short = Use al menos { $min } caracteres.
nr-err-password-long = Use una contraseña más corta (como máximo { $max } bytes; las letras acentuadas y los símbolos cuentan como más de uno).
nr-err-password-again = Las dos contraseñas no coinciden.
nr-err-password-busy = El servidor está ocupado comprobando otras contraseñas. No se ha cambiado nada: inténtelo de nuevo en unos segundos.
nr-err-current-wrong = Esta no es su contraseña actual.
nr-err-current-too-many = Demasiadas contraseñas erróneas. Espere 15 minutos y vuelva a intentarlo.
nr-err-totp-code = Este código no es correcto. Compruebe la hora de su teléfono y pruebe el código más reciente.
nr-err-file = Elija un archivo para subir.
nr-err-file-kind = Este archivo no es una imagen JPEG, PNG o WebP, ni audio MP3 o M4A.
nr-err-too-long = Como máximo { $max } caracteres.
nr-err-alt = Describa la imagen para quien no pueda verla.
nr-err-uploads-busy = El servidor está ocupado con otras subidas; vuelva a enviar el archivo dentro de un minuto.
nr-err-date-time = Indique una fecha y una hora, como 2026-12-04T18:30.
nr-editor-plain = Este cuerpo contiene Markdown que el editor de texto enriquecido no puede mostrar sin perder algo (HTML o una tabla, por ejemplo), así que se muestra como Markdown.
nr-editor-kept = Este navegador guardó una copia del titular y el cuerpo de este artículo distinta del formulario (de { $time }).
nr-editor-restore = Recuperar la copia guardada
nr-editor-discard = Descartarla
nr-confirm-unpublish = ¿Retirar este artículo de la web?
nr-preview-heading = Vista previa
nr-preview-hint = La página entera tal como la verán los lectores; sigue lo que escribe.
nr-preview-failed = No se ha podido actualizar la vista previa. Su texto sigue a salvo en el formulario.
nr-autosave-saved = Guardado · { $time }
nr-autosave-aside = Copia guardada · { $time }. Los lectores verán el cambio cuando guarde.
nr-autosave-unsaved = Aún sin guardar: { $why }
nr-preview-new-tab = Abre la página entera, tal como la verán los lectores, en una pestaña nueva
nr-preview-beside = Lado a lado
nr-preview-frame = El artículo tal como lo verán los lectores
nr-autosave-failed = Ha fallado el guardado automático. Su texto sigue en el formulario; guárdelo con el botón Guardar.
nr-autosaved-heading = Hay una versión guardada automáticamente
nr-autosaved-newer = Una versión guardada automáticamente el { $time } UTC es más reciente que el artículo guardado.
nr-autosaved-show = Mostrar el texto guardado automáticamente
nr-autosaved-restore = Pasar la versión automática al formulario
nr-autosaved-restored = La versión guardada automáticamente está en el formulario. Guárdela para conservarla.

## Notes on published articles
nr-notes-heading = Correcciones y actualizaciones
nr-notes-hint = La nota aparece bajo el artículo publicado con la fecha de hoy.
nr-note-kind = Tipo de nota
nr-note-correction = Corrección
nr-note-clarification = Aclaración
nr-note-update = Actualización
nr-note-text = Nota
nr-note-text-hint = Hasta 2000 caracteres.
nr-note-submit = Añadir la nota
nr-related-heading = Artículos relacionados
nr-related-label = Artículos relacionados fijados
nr-related-hint = Uno por línea: la dirección del artículo en el sitio, o su número. Hasta cinco, en el orden en que los verán los lectores; después siguen los calculados.
nr-related-submit = Guardar los artículos fijados

## Revisions
nr-revisions-caption = Versiones guardadas
nr-revisions-none = Este artículo todavía no tiene versiones guardadas.
nr-col-version = Versión
nr-col-kind = Tipo
nr-col-by = Autor
nr-col-when = Fecha
nr-col-from = Comparar desde
nr-col-to = Comparar con
nr-col-restore = Restaurar
nr-revision-save = Guardada
nr-revision-conflict = Conservada tras un conflicto
nr-revision-restore = Restaurada
nr-revision-autosave = Guardado automático
nr-unknown-user = Desconocido
nr-compare-from = Comparar desde la versión { $version } ({ $time } UTC)
nr-compare-to = Comparar con la versión { $version } ({ $time } UTC)
nr-compare-submit = Comparar
nr-restore = Restaurar la versión { $version }
nr-confirm-restore = ¿Volver a poner el contenido de la versión { $version } en el artículo?
nr-diff-heading = Cambios de la versión { $from } ({ $from_time } UTC) a la versión { $to } ({ $to_time } UTC)
nr-diff-legend = Las líneas marcadas con + se añadieron; las marcadas con − se eliminaron.
nr-diff-added = añadido
nr-diff-removed = eliminado
nr-diff-none = Estas dos versiones son iguales.

## Media library
nr-media-done = El archivo ya está en el archivo multimedia.
nr-media-upload = Subir un archivo
nr-media-file = Archivo
nr-media-file-hint = Una imagen JPEG, PNG o WebP, o un audio MP3 o M4A.
nr-media-alt = Texto alternativo
nr-media-alt-hint = Para una imagen: lo que muestra, para los lectores que no pueden verla.
nr-media-caption = Pie de foto
nr-media-credit = Crédito
nr-media-submit = Subir
nr-media-filter = Mostrar archivos
nr-media-all = Todos los archivos
nr-media-images = Imágenes
nr-media-audio = Audio
nr-media-empty = Todavía no hay archivos de este tipo.
nr-media-clear = Mostrar todos los archivos
nr-media-upload-failed = No se ha podido enviar el archivo. Sigue elegido: inténtelo de nuevo.
nr-media-search-label = Buscar en la biblioteca
nr-media-search = Nombre, texto alternativo, pie o crédito
nr-media-found = { $count ->
    [0] Ningún archivo
    [one] Un archivo
   *[other] { $count } archivos
}
nr-media-none-found = Ningún archivo coincide con estas palabras.
nr-media-choose-again = Vuelva a elegir el archivo: los navegadores no lo devuelven.

## Comment moderation
nr-comments-done = { $count ->
    [one] Se ha modificado { $count } comentario.
   *[other] Se han modificado { $count } comentarios.
}
nr-comments-filter = Comentarios por estado
nr-comment-status-pending = Pendientes
nr-comment-status-approved = Aprobados
nr-comment-status-rejected = Rechazados
nr-comment-status-spam = Spam
nr-comment-status-all = Todos
nr-comment-is-pending = Pendiente
nr-comment-is-approved = Aprobado
nr-comment-is-rejected = Rechazado
nr-comment-is-spam = Spam
nr-comments-caption = { $count ->
    [one] { $count } comentario
   *[other] { $count } comentarios
}
nr-comments-select = Seleccionar
nr-comments-select-one = Seleccionar el comentario de { $name }
nr-comments-col-comment = Comentario
nr-comments-history = Antes, desde esta dirección de correo: { $approved } aprobados, { $rejected } rechazados, { $spam } spam
nr-comments-on-article = Todos los comentarios de este artículo
nr-comments-with-selected = Con los comentarios seleccionados
nr-comments-approve = Aprobar
nr-comments-reject = Rechazar
nr-comments-spam = Marcar como spam
nr-comments-delete = Eliminar
nr-comments-empty = No hay comentarios aquí.
nr-comments-block = Bloquear al autor
nr-comments-edit = Editar
nr-comments-reply = Responder como redacción
nr-comments-save-edit = Guardar el texto
nr-comments-send-reply = Publicar la respuesta
nr-comments-text = Texto
nr-comments-reply-text = Su respuesta, que se mostrará como de la redacción
nr-comments-actions = Acciones
nr-comments-select-all = Seleccionar todos los comentarios de esta página
nr-comments-staff = Respuesta de la redacción
nr-comments-edited = Editado
nr-comments-reply-to = Respuesta a otro comentario
nr-comments-working = Procesando…
nr-comments-failed = No se pudo hacer; nada ha cambiado. Inténtelo de nuevo o recargue la página.
nr-comment-text-missing = Escriba el texto.
nr-comment-text-too-long = El texto puede tener como máximo { $limit } caracteres; este tiene { $given }.
nr-shortcuts = Atajos de teclado
nr-shortcuts-move = comentario siguiente y anterior
nr-shortcuts-approve = aprobar
nr-shortcuts-reject = rechazar
nr-shortcuts-spam = marcar como spam
nr-shortcuts-delete = eliminar
nr-shortcuts-block = bloquear al autor
nr-shortcuts-edit = editar
nr-shortcuts-reply = responder como redacción
nr-shortcuts-select = seleccionar o no
nr-shortcuts-help = mostrar u ocultar esta lista

## Wire desk
nr-wire-intro = Los teletipos que se pegan, se suben o se envían desde el servidor llegan a la cola de abajo, los más recientes primero. Tome una noticia para convertirla en su borrador y abrirla en el editor; descarte lo que la mesa no vaya a usar.
nr-wire-report = En la cola: { $new }. Ya estaban: { $repeats }. Rechazados: { $failed }.
nr-wire-failed = Archivos que no entraron
nr-wire-warnings = Avisos
nr-wire-files = Archivos de teletipo
nr-wire-files-hint = Archivos de texto sin formato, hasta 50 cada vez y 4 MiB cada uno.
nr-wire-submit = Subir

## Your account
nr-account-password = Contraseña
nr-account-current = Contraseña actual
nr-password-hint = Al menos 10 caracteres. Unas cuantas palabras sin relación entre sí forman una contraseña segura.
nr-account-password-submit = Cambiar la contraseña
nr-account-totp = Verificación en dos pasos
nr-account-totp-scan = Añada esta clave a su aplicación de autenticación y escriba el código que muestre la aplicación.
nr-account-totp-link = Abrir la clave en una aplicación de autenticación de este dispositivo
nr-account-totp-confirm = Activar la verificación en dos pasos
nr-account-totp-on = La verificación en dos pasos está activada: al iniciar sesión se le pedirá un código de su aplicación.
nr-account-totp-off = Desactivar la verificación en dos pasos
nr-account-totp-none = La verificación en dos pasos está desactivada. Con ella activada, una contraseña robada no basta para entrar.
nr-account-totp-start = Configurar la verificación en dos pasos
nr-account-sessions = Sesiones
nr-account-sessions-count = { $count ->
    [one] { $count } sesión activa
   *[other] { $count } sesiones activas
}
nr-account-logout-everywhere = Cerrar sesión en todas partes
nr-account-done-password = Se ha cambiado su contraseña.
nr-account-done-totp-on = La verificación en dos pasos está activada.
nr-account-done-totp-off = La verificación en dos pasos está desactivada.
nr-account-done-logout = Se ha cerrado su sesión en todas partes.

## People
nr-field-role = Rol
nr-users-caption = { $count ->
    [one] { $count } cuenta
   *[other] { $count } cuentas
}
nr-users-col-state = Situación
nr-users-disabled = Desactivada
nr-users-no-password = Sin contraseña todavía
nr-users-active = Activa
nr-users-totp = Verificación en dos pasos
nr-users-new = Nueva cuenta
nr-users-new-hint = La cuenta no tiene contraseña hasta que su titular siga el enlace que aparecerá a continuación.
nr-users-create = Crear la cuenta
nr-user-link = Envíe este enlace a su titular por un canal seguro. Funciona una sola vez, durante tres días, y le permite elegir una contraseña.
nr-user-disabled = Desactivada: esta cuenta no puede iniciar sesión
nr-user-access = Acceso
nr-user-reset = Crear un enlace de contraseña nuevo
nr-user-logout = Cerrar todas sus sesiones
nr-user-audit = Las acciones de esta persona en el registro de actividad

## Sections and settings

## Audit log
nr-audit-entity = Tipo
nr-audit-any = Cualquiera
nr-filter = Mostrar
nr-audit-caption = { $count ->
    [one] { $count } entrada
   *[other] { $count } entradas
}
nr-audit-when = Fecha
nr-audit-who = Quién
nr-audit-what = Acción
nr-audit-which = Sobre
nr-audit-detail = Detalle
nr-audit-system = El sistema
nr-pagination = Más páginas
nr-newer = Más recientes
nr-older = Anteriores
nr-note-kept = Su nota, sin guardar
nr-sections-key = Clave entre idiomas
nr-sections-key-hint = La misma clave en esta sección en cada idioma (por ejemplo world para World, Mundo y العالم) permite a los lectores pasar de una a otra. Vacía: se enlazan las secciones con el mismo slug.

## Programmes
nr-programmes-intro = Un programa es una serie de audio en un idioma, con su propia página y su canal de pódcast. Sus episodios son los artículos publicados que llevan audio y lo indican en el editor.
nr-programmes-podcast = Canal del pódcast
nr-programmes-form = Añadir un programa
nr-programmes-edit = Cambiar «{ $name }»
nr-programmes-slug-hint = Su dirección bajo /programmes/: minúsculas, cifras y guiones.
nr-programmes-description = Descripción
nr-programmes-description-hint = Se muestra en su página y en las aplicaciones de pódcasts; como máximo 4000 caracteres.
nr-programmes-author = Presentado por
nr-programmes-author-hint = Se muestra en las aplicaciones de pódcasts; si se deja vacío, el nombre del sitio.
nr-programmes-category = Categoría del pódcast
nr-programmes-category-hint = Dónde lo clasifican los directorios de pódcasts.
nr-programmes-explicit = Sus episodios tienen contenido explícito
nr-programmes-cover = Imagen de portada
nr-programmes-cover-hint = Del archivo multimedia. Las aplicaciones de pódcasts piden una imagen cuadrada de 1400 a 3000 píxeles.
nr-nav-fronts = Portadas
nr-fronts-title = Portadas
nr-fronts-languages = Idiomas
nr-fronts-saved = Guardado: los lectores ya lo ven.
nr-fronts-breaking = Línea de última hora
nr-fronts-breaking-hint = Una línea de texto sin formato, de { $max } caracteres como máximo, arriba de cada página de este idioma hasta su hora de fin o hasta que se quite.
nr-fronts-breaking-text = Línea
nr-fronts-breaking-link = Enlace
nr-fronts-breaking-link-hint = Opcional: una dirección http:// o https://.
nr-fronts-breaking-ends-hint = Opcional: vacío la mantiene hasta que se quite.
nr-fronts-breaking-remove = Quitar la línea
nr-fronts-front = Portada
nr-fronts-front-hint = La primera noticia abre la portada; las siguientes se destacan a su lado, en este orden (como máximo { $most }). Muévalas con los botones, o arrástrelas y guarde el orden. Las más recientes completan el resto.
nr-fronts-lead = Apertura
nr-fronts-featured = Destacada
nr-fronts-up = Subir
nr-fronts-down = Bajar
nr-fronts-unpin = Quitar
nr-fronts-none = No hay nada fijado: abren las noticias más recientes.
nr-fronts-add = Noticia para fijar
nr-fronts-add-button = Fijar en la portada
nr-fronts-save-order = Guardar el orden
nr-fronts-sections = Páginas de sección
nr-fronts-section-lead = Apertura de { $section }
nr-fronts-newest = La noticia más reciente
nr-nav-pages = Páginas
nr-pages-title = Páginas
nr-pages-saved = Guardado.
nr-pages-intro = Lo que el sitio dice de sí mismo: Quiénes somos, Contacto, Privacidad, la política de correcciones. Las páginas publicadas aparecen en el pie de cada página de su idioma, por posición, y en el mapa del sitio.
nr-pages-caption = { $count ->
    [one] Una página
   *[other] { $count } páginas
}
nr-pages-field-title = Título
nr-pages-col-state = Estado
nr-pages-col-address = Dirección
nr-pages-published = Publicada
nr-pages-draft = Borrador
nr-pages-edit = Editar «{ $title }»
nr-pages-new = Nueva página
nr-pages-slug-hint = La dirección de la página: /idioma/page/slug, por ejemplo about.
nr-pages-story-key = Clave de traducción
nr-pages-story-key-hint = La misma clave en la versión de cada idioma las enlaza.
nr-pages-position = Posición en el pie
nr-pages-body = Texto
nr-pages-body-hint = Markdown, con las mismas reglas que el cuerpo de los artículos.
nr-pages-publish = Publicada: los lectores la ven
nr-pages-preview = Vista previa

## Ajustes del sitio y su huso horario (issue 16: ajustes como formularios, un solo huso horario)
nr-set-intro = Lo que los lectores ven del sitio y las reglas de los comentarios, los canales y las datas. Los cambios aparecen en el sitio público en cuanto se guardan.
nr-set-saved = Ajustes guardados. El sitio público ya los muestra.
nr-set-toc = Grupos de ajustes
nr-set-group-site = Sitio
nr-set-group-site-help = El nombre del sitio, su logotipo, su huso horario, los enlaces del pie y las cuentas en redes sociales, en todas las páginas públicas.
nr-set-group-comments = Comentarios
nr-set-group-comments-help = Qué se publica al instante y los límites que frenan el spam.
nr-set-group-feeds = Canales
nr-set-group-feeds-help = Los canales RSS, Atom y JSON que leen las aplicaciones y otros sitios.
nr-set-group-datelines = Datas
nr-set-group-datelines-help = Cómo abre la data una noticia: el estilo de la casa.
nr-set-range = De { $min } a { $max }.
nr-set-site-name-label = Nombre del sitio
nr-set-site-name-help = En la cabecera, los títulos de las páginas, los canales y los buscadores. Déjelo vacío para usar el nombre con el que se inició el servidor ({ $name }).
nr-set-site-logo-label = Logotipo
nr-set-site-logo-help = Aparece en la cabecera de todas las páginas públicas en lugar del nombre (el nombre queda como su texto para lectores de pantalla y buscadores). Funciona mejor una imagen ancha de unos 48 píxeles de alto en pantalla.
nr-set-site-logo-none = Sin logotipo: el nombre en letras
nr-set-site-logo-upload = Subir una imagen a la mediateca
nr-set-site-time-zone-label = Huso horario
nr-set-site-time-zone-help = Todas las horas de la redacción y del sitio público se muestran en este huso, con su nombre, y las horas que usted escribe (una programación) se leen en él. Las direcciones de los artículos conservan su fecha UTC.
nr-set-site-footer-links-label = Enlaces del pie
nr-set-site-footer-links-help = Hasta 12 enlaces en el pie de todas las páginas públicas: un texto y una dirección de este sitio (que empieza por /) o de la web (http:// o https://). Deje una fila vacía para quitarla.
nr-set-link-label = Texto del enlace { $n }
nr-set-link-url = Dirección del enlace { $n }
nr-set-social-heading = Redes sociales
nr-set-social-help = Las páginas del propio sitio en las redes sociales, cada una con una dirección https://. Se listan en el pie e indican a los buscadores que esas cuentas son del sitio. Deje vacío el campo de una red en la que el sitio no esté.
nr-set-social-x-label = X (Twitter)
nr-set-social-x-help = El perfil del sitio en X.
nr-set-social-x-example = https://x.com/susitio
nr-set-social-facebook-label = Facebook
nr-set-social-facebook-help = La página del sitio en Facebook.
nr-set-social-facebook-example = https://www.facebook.com/susitio
nr-set-social-instagram-label = Instagram
nr-set-social-instagram-help = El perfil del sitio en Instagram.
nr-set-social-instagram-example = https://www.instagram.com/susitio
nr-set-social-youtube-label = YouTube
nr-set-social-youtube-help = El canal del sitio en YouTube.
nr-set-social-youtube-example = https://www.youtube.com/@susitio
nr-set-social-telegram-label = Telegram
nr-set-social-telegram-help = El canal del sitio en Telegram.
nr-set-social-telegram-example = https://t.me/susitio
nr-set-social-whatsapp-label = Canal de WhatsApp
nr-set-social-whatsapp-help = El canal del sitio en WhatsApp.
nr-set-social-whatsapp-example = https://whatsapp.com/channel/…
nr-set-social-mastodon-label = Mastodon
nr-set-social-mastodon-help = El perfil del sitio en Mastodon, en cualquier servidor. El enlace lleva rel="me", para que Mastodon pueda verificar el sitio.
nr-set-social-mastodon-example = https://mastodon.social/@susitio
nr-set-social-tiktok-label = TikTok
nr-set-social-tiktok-help = El perfil del sitio en TikTok.
nr-set-social-tiktok-example = https://www.tiktok.com/@susitio
nr-set-comments-policy-label = Qué comentarios esperan a un moderador
nr-set-comments-policy-help = Los comentarios en espera se listan en Comentarios hasta que alguien los aprueba.
nr-set-comments-policy-opt-hold-all = Todos los comentarios esperan
nr-set-comments-policy-opt-hold-all-help = Nada aparece antes de que un moderador lo apruebe.
nr-set-comments-policy-opt-hold-first-time = Espera el primer comentario de cada lector
nr-set-comments-policy-opt-hold-first-time-help = Cuando un moderador ha aprobado un comentario de una dirección de correo, los siguientes aparecen al instante.
nr-set-comments-policy-opt-publish-all = Ningún comentario espera
nr-set-comments-policy-opt-publish-all-help = Los comentarios aparecen al instante, salvo que las listas de bloqueo los manden a spam.
nr-set-comments-close-after-days-label = Cerrar los comentarios tras
nr-set-comments-close-after-days-help = Días después de la publicación en que un artículo deja de aceptar comentarios. 0 los deja abiertos.
nr-set-comments-close-after-days-unit = días
nr-set-comments-max-links-label = Enlaces permitidos en un comentario
nr-set-comments-max-links-help = Un comentario con más enlaces que estos va a spam.
nr-set-comments-max-links-unit = enlaces
nr-set-comments-rate-per-address-label = Comentarios desde una conexión
nr-set-comments-rate-per-address-help = Máximo de comentarios que puede enviar una dirección de red; pasado ese número, el formulario pide al lector que espere.
nr-set-comments-rate-per-address-unit = comentarios cada 10 minutos
nr-set-comments-rate-per-email-label = Comentarios desde un correo
nr-set-comments-rate-per-email-help = Máximo de comentarios que puede enviar una dirección de correo; pasado ese número, el formulario pide al lector que espere.
nr-set-comments-rate-per-email-unit = comentarios cada 10 minutos
nr-set-comments-per-form-label = Comentarios con un formulario
nr-set-comments-per-form-help = Cuántos comentarios puede enviar un lector con una misma página cargada antes de tener que recargar el formulario.
nr-set-comments-per-form-unit = comentarios
nr-set-comments-min-seconds-label = Tiempo mínimo para escribir
nr-set-comments-min-seconds-help = Un formulario devuelto antes de este tiempo desde que cargó la página se toma por un robot y se rechaza.
nr-set-comments-min-seconds-unit = segundos
nr-set-comments-max-hours-label = El formulario caduca tras
nr-set-comments-max-hours-help = Un formulario más antiguo se rechaza por caducado; el lector recibe uno nuevo con su texto conservado.
nr-set-comments-max-hours-unit = horas
nr-set-comments-blocked-words-label = Palabras bloqueadas
nr-set-comments-blocked-words-help = Separadas por comas. Un comentario que contenga una va a spam.
nr-set-comments-blocked-domains-label = Dominios bloqueados
nr-set-comments-blocked-domains-help = Separados por comas, como spam.example. Un comentario desde un correo o con un enlace de uno de ellos va a spam.
nr-set-feeds-full-content-label = Artículos completos en los canales
nr-set-feeds-full-content-help = Activado: los canales llevan el texto completo de cada artículo. Desactivado: solo un resumen y un enlace.
nr-set-feeds-websub-allow-private-label = Permitir un hub en una red privada
nr-set-feeds-websub-allow-private-help = Solo para pruebas: permite que el hub WebSub sea esta máquina o una dirección privada.
nr-set-feeds-websub-hub-label = Hub WebSub
nr-set-feeds-websub-hub-help = Un hub al que se avisa de cada publicación, para que los lectores de canales se actualicen en segundos. Déjelo vacío si no hay ninguno.
nr-set-feeds-websub-hub-example = https://pubsubhubbub.appspot.com/
nr-set-dateline-style-label = Dónde va la data
nr-set-dateline-style-help = La data indica el lugar y el día en que se redactó la noticia.
nr-set-dateline-style-opt-run-in = Al comienzo del primer párrafo
nr-set-dateline-style-opt-run-in-help = «Washington, 4 de octubre (RHC) — Estados Unidos…»
nr-set-dateline-style-opt-own-line = En su propia línea, sobre la noticia
nr-set-dateline-style-opt-own-line-help = «Washington, 4 de octubre (RHC)» va encima del primer párrafo.
nr-set-dateline-place-label = Cómo se escribe el lugar
nr-set-dateline-place-help = Igual en todas las noticias.
nr-set-dateline-place-opt-as-typed = Como lo escribió el redactor
nr-set-dateline-place-opt-as-typed-help = Washington
nr-set-dateline-place-opt-capitals = En mayúsculas
nr-set-dateline-place-opt-capitals-help = WASHINGTON, como lo ponen las agencias.
nr-set-err-choice = Elija una de las opciones.
nr-set-err-range = Escriba un número entero de { $min } a { $max }.
nr-set-err-too-long = Como máximo { $max } caracteres.
nr-set-err-one-line = Escríbalo en una sola línea.
nr-set-err-hub-scheme = La dirección del hub empieza por http:// o https://.
nr-set-err-hub-malformed = La dirección del hub no puede contener espacios y tiene como máximo 2000 caracteres.
nr-set-err-hub-credentials = La dirección del hub no puede llevar usuario ni contraseña.
nr-set-err-hub-no-host = La dirección del hub no tiene nombre de servidor.
nr-set-err-hub-local = { $address } es esta máquina o una red privada: el hub debe ser público (un ajuste más abajo lo permite, para pruebas).
nr-set-err-hub-unresolvable = No se encontró el servidor del hub { $host }. Revise la dirección.
nr-set-err-hub-no-address = El servidor del hub { $host } no tiene dirección. Revise la dirección.
nr-set-err-hub-needs-allowance = El hub { $hub } está en una red privada y lo necesita. Cambie antes el hub.
nr-set-err-zone = Elija un huso horario de la lista.
nr-set-err-logo = Elija una imagen de la mediateca.
nr-set-err-https = Escriba la dirección completa, que empieza por https://.
nr-set-err-too-many-links = Como máximo { $max } enlaces.
nr-set-err-link-no-label = Dele un texto al enlace, o vacíe su dirección para quitarlo.
nr-set-err-link-label = Un texto es una línea de { $max } caracteres como máximo.
nr-set-err-link-no-url = Dele una dirección al enlace, o vacíe su texto para quitarlo.
nr-set-err-link-url = Una dirección empieza por https://, http:// o / (una página de este sitio).
nr-set-err-link-url-long = Una dirección tiene como máximo { $max } caracteres.
nr-hint-published-at-zone = En el huso horario del sitio ({ $zone }). Necesaria para programar; para publicar ahora, déjela vacía.
nr-notice-scheduled-at = Programado: se publicará el { $when }.
nr-fronts-breaking-ends-zone = Termina (hora de { $zone })
## Secciones y programas: listas en orden, editar, renombrar, eliminar.
nr-order-hint = Arrastre una fila, o use sus botones Subir y Bajar, y guarde el orden.
nr-order-up = Subir
nr-order-down = Bajar
nr-order-edit = Editar
nr-order-save = Guardar el orden
nr-order-moved = { $name } pasó al puesto { $position } de { $count }. Guarde el orden para conservarlo.
nr-order-unsaved = El orden ha cambiado. Guárdelo para conservarlo.
nr-order-stale = La lista cambió mientras la ordenaba; aquí está tal como es ahora. No se ha guardado nada.
nr-order-cancel = Cancelar
nr-order-keep = Cancelar: conservarlo
nr-order-continue = Continuar
nr-order-delete = Eliminar…
nr-sections-intro = Las secciones son las grandes divisiones del sitio: cada una tiene su página, sus canales y un lugar en el menú, en el orden que se fija aquí, para cada idioma.
nr-sections-languages = Secciones por idioma
nr-sections-order-heading = { $language }: secciones en el orden del menú
nr-sections-none = { $language } aún no tiene secciones.
nr-sections-articles = { $count ->
    [one] 1 artículo
   *[other] { $count } artículos
}
nr-sections-add = Añadir una sección en { $language }
nr-sections-add-button = Añadir la sección
nr-sections-add-first = Añada antes otra sección
nr-sections-edit = Editar «{ $name }»
nr-sections-name-hint = Como lo ven los lectores en el menú y en la página de la sección; como máximo { $max } caracteres.
nr-sections-slug-hint = Su dirección: /{ $lang }/slug/. Minúsculas, cifras y guiones.
nr-sections-slug-hint-rename = Su dirección. Una nueva traslada a ella la página de la sección, sus canales y sus artículos; las direcciones antiguas siguen funcionando y llevan a las nuevas.
nr-sections-rename-warning = { $count ->
    [one] Hay 1 artículo publicado en esta sección: cambiar el slug cambia su dirección. La antigua redirigirá a la nueva.
   *[other] Hay { $count } artículos publicados en esta sección: cambiar el slug cambia sus direcciones. Las antiguas redirigirán a las nuevas.
}
nr-sections-delete-section = Eliminar esta sección
nr-sections-holds-none = No hay ningún artículo en esta sección.
nr-sections-move-to-label = { $count ->
    [one] Hay 1 artículo en esta sección: trasladarlo a
   *[other] Hay { $count } artículos en esta sección: trasladarlos a
}
nr-sections-delete-only = { $count ->
    [one] Esta sección tiene 1 artículo y es la única de su idioma, así que no se puede eliminar: no hay adónde trasladar el artículo. Añada antes otra sección.
   *[other] Esta sección tiene { $count } artículos y es la única de su idioma, así que no se puede eliminar: no hay adónde trasladarlos. Añada antes otra sección.
}
nr-sections-delete-title = Eliminar una sección
nr-sections-delete-heading = ¿Eliminar «{ $name }»?
nr-sections-delete-what = Qué hace eliminarla
nr-sections-delete-empty = No hay ningún artículo en esta sección. Su página, { $path }, y sus canales dejarán de existir.
nr-sections-delete-moves = { $count ->
    [one] Su artículo pasará a «{ $name }».
   *[other] Sus { $count } artículos pasarán a «{ $name }».
}
nr-sections-delete-redirects = Sus direcciones cambian de { $from } a { $to }; las antiguas, la página de la sección y sus canales llevarán allí.
nr-sections-delete-button = Eliminar «{ $name }»
nr-sections-deleted = Se ha eliminado la sección.
nr-sections-order-saved = Se ha guardado el orden.
nr-sections-moved = { $count ->
    [one] 1 artículo tiene una dirección nueva; la antigua lleva a ella.
   *[other] { $count } artículos tienen direcciones nuevas; las antiguas llevan a ellas.
}
nr-sections-error-language = Elija uno de los idiomas del sitio.
nr-sections-error-slug = Minúsculas, cifras y guiones, como máximo 80 caracteres; no tag, author, search, corrections, programmes ni page.
nr-sections-error-name = Escriba un nombre de 1 a 100 caracteres.
nr-sections-error-key = Como máximo 80 caracteres.
nr-sections-error-taken = Otra sección de este idioma está en { $path }. Elija otro slug, o edite esa sección.
nr-sections-error-move-to = Elija la sección a la que pasan sus artículos.
nr-programmes-languages = Programas por idioma
nr-programmes-order-heading = { $language }: programas en el orden en que los ven los lectores
nr-programmes-none = { $language } aún no tiene programas.
nr-programmes-episodes = { $count ->
    [one] 1 episodio
   *[other] { $count } episodios
}
nr-programmes-add-button = Añadir el programa
nr-programmes-slug-hint-rename = Su dirección bajo /programmes/. Una nueva traslada su página y su canal de pódcast; las direcciones antiguas siguen funcionando y llevan a las nuevas, así que los suscriptores conservan sus episodios.
nr-programmes-delete-section = Eliminar este programa
nr-programmes-move-to-label = { $count ->
    [0] Qué pasa con sus episodios (ninguno lo indica ahora)
    [one] Qué pasa con el artículo que lo indica
   *[other] Qué pasa con los { $count } artículos que lo indican
}
nr-programmes-move-none = Se quedan, como artículos sin programa
nr-programmes-move-option = Pasan a «{ $name }»
nr-programmes-delete-title = Eliminar un programa
nr-programmes-delete-heading = ¿Eliminar «{ $name }»?
nr-programmes-delete-what = Qué hace eliminarlo
nr-programmes-delete-keeps = { $count ->
    [0] Ningún artículo indica este programa.
    [one] Su artículo sigue publicado tal cual, sin programa.
   *[other] Sus { $count } artículos siguen publicados tal cual, sin programa.
}
nr-programmes-delete-gone = Su página y su canal de pódcast, { $path }, dejarán de existir.
nr-programmes-delete-moves = { $count ->
    [0] Ningún artículo indica este programa; sus suscriptores irán a «{ $name }».
    [one] Su episodio pasará a «{ $name }».
   *[other] Sus { $count } episodios pasarán a «{ $name }».
}
nr-programmes-delete-redirects = Su página y su canal de pódcast llevarán de { $from } a { $to }, para que las aplicaciones de pódcast los sigan.
nr-programmes-delete-button = Eliminar «{ $name }»
nr-programmes-deleted = Se ha eliminado el programa.
nr-programmes-order-saved = Se ha guardado el orden.
nr-programmes-error-language = Elija uno de los idiomas del sitio.
nr-programmes-error-slug = Minúsculas, cifras y guiones, como máximo 80 caracteres.
nr-programmes-error-name = Escriba un nombre de 1 a 100 caracteres.
nr-programmes-error-description = Como máximo 4000 caracteres.
nr-programmes-error-author = Como máximo 200 caracteres.
nr-programmes-error-category = Elija una de las categorías de la lista.
nr-programmes-error-field = Revise este campo.
nr-programmes-error-cover = Elija una imagen de la biblioteca de medios.
nr-programmes-error-taken = «{ $name }» ya está en esta dirección. Elija otro slug, o edite ese programa.
nr-programmes-error-move-to = Elija otro programa del mismo idioma, o ninguno.
## Wire desk: the incoming queue, the paste box and the desk's counts
nr-wire-queue = Cola de entrada
nr-wire-filter = Filtrar la cola
nr-wire-tab-queued = Entrantes
nr-wire-tab-taken = Tomados
nr-wire-tab-spiked = Descartados
nr-wire-empty-queued = No hay nada en espera. Pegue o suba teletipos y llegarán aquí.
nr-wire-empty-taken = Todavía no se ha tomado ningún teletipo.
nr-wire-empty-spiked = No hay nada descartado.
nr-wire-spiked-kept = Los teletipos descartados se guardan 30 días y luego se borran.
nr-wire-take = Tomar
nr-wire-spike = Descartar
nr-wire-restore = Recuperar
nr-wire-taken-by = Lo tomó { $name }
nr-wire-spiked-by = Lo descartó { $name }
nr-wire-open-draft = Abrir el borrador
nr-wire-update-of = Actualización del teletipo { $id }
nr-wire-source-paste = pegado
nr-wire-source-upload = subido
nr-wire-source-command = enviado desde el servidor
nr-wire-already-taken = { $name } ya ha tomado este teletipo.
nr-wire-being-taken = { $name } está tomando este teletipo ahora.
nr-wire-not-waiting = Este teletipo ya no está en la cola.
nr-wire-paste = Pegar un teletipo
nr-wire-paste-label = El teletipo, tal como lo envió la agencia
nr-wire-paste-hint = Titular, data y texto, o el formato con encabezados. Hasta 4 MiB.
nr-wire-paste-empty = Pegue aquí el teletipo.
nr-wire-paste-submit = Añadir a la cola
nr-wire-upload = Subir archivos
nr-wire-detect = Detectarlo en el texto
nr-wire-files-none = Elija uno o más archivos de teletipos.
nr-wire-a-new = en la cola
nr-wire-a-repeat = ya estaba en la cola
nr-wire-a-replaced = versión nueva de una noticia que espera en la cola
nr-wire-a-update = en la cola, actualización de una noticia ya tomada
nr-wire-at-line = Línea { $line }: { $message }
nr-wire-at-file-line = { $file }, línea { $line }: { $message }
nr-wire-e-empty = El teletipo está vacío.
nr-wire-e-binary = Esto no es texto (¿una imagen o un archivo comprimido?). Envíe el teletipo como texto sin formato.
nr-wire-e-utf8 = El carácter de la columna { $column } no se puede leer. Guarde el teletipo como texto UTF-8.
nr-wire-e-header-line = Se esperaba un encabezado como «Headline: …» o una línea en blanco antes del texto, pero hay «{ $text }».
nr-wire-e-unknown-header = Encabezado desconocido «{ $key }». Los encabezados son Headline, Standfirst, Section, Language, Byline, Tags, Slug, Story, Dateline, Agency, Date y Published.
nr-wire-e-duplicate-header = El encabezado «{ $key }» aparece dos veces (la primera en la línea { $first }).
nr-wire-e-no-headline-header = Falta el encabezado «Headline:».
nr-wire-e-empty-header = El encabezado «{ $key }:» está vacío.
nr-wire-e-language = Idioma desconocido «{ $value }»: use en, es, fr, pt, ar, eo o it.
nr-wire-e-date = La fecha «{ $value }» no se puede leer: escríbala como AAAA-MM-DD, por ejemplo 2016-10-04.
nr-wire-e-published = La hora de publicación «{ $value }» no se puede leer: escríbala como 2016-10-04T14:30:00Z.
nr-wire-e-slug = «{ $value }» no sirve como { $key }: use minúsculas sin tildes, cifras y guiones, por ejemplo world.
nr-wire-e-dateline = La data «{ $value }» no se puede leer: escriba un lugar, una fecha si la hay y la agencia, por ejemplo Washington, October 4 (RHC).
nr-wire-e-agency = El encabezado «Agency:» necesita una data: añada un encabezado «Dateline:» como Havana (EFE).
nr-wire-e-date-mismatch = La fecha { $date } no es el día de la data.
nr-wire-e-impossible-date = El día de la data no existe en { $year }.
nr-wire-e-no-body = La noticia tiene titular pero no tiene texto.
nr-wire-e-no-dateline = Ningún párrafo empieza con una data como «LA HABANA, 24 nov (EFE) - »: un lugar, una fecha si la hay, la agencia entre paréntesis y un guion.
nr-wire-e-no-headline = No se encuentra el titular: póngalo en una línea propia encima de la data.
nr-wire-e-before-dateline = Hay { $count } párrafos antes de la data; como mucho puede haber un titular, una entradilla y una firma.
nr-wire-e-body-long = El texto ocupa { $bytes } bytes, más de lo que admite una noticia.
nr-wire-e-body-deep = El texto anida listas o citas a más de 32 niveles (línea { $line } del texto); simplifíquelas.
nr-wire-e-body-elements = El texto anida el formato y el HTML demasiado; simplifíquelo.
nr-wire-e-body-tags = El texto lleva demasiadas etiquetas HTML; use Markdown.
nr-wire-e-busy = El servidor está ocupado; no se ha perdido nada. Vuelva a intentarlo en un momento.
nr-wire-e-too-large = Ocupa más de 4 MiB; ningún teletipo es tan largo.
nr-wire-e-too-many = Más de { $max } archivos en una sola subida; envíe el resto después.
nr-wire-e-no-section = No existe la sección «{ $section }»; pida a un administrador que la cree.
nr-wire-e-changed = El artículo { $id } cambió mientras llegaba este teletipo; vuelva a tomarlo.
nr-wire-e-copies = Ya tiene { $count } borradores de este teletipo; pida a un editor que los revise.
nr-wire-n-no-year = La data no indica el año; se supone { $year } (compruebe la fecha antes de publicar).
nr-wire-n-copy-of = Este teletipo cambiaría el artículo { $other }, que usted no puede editar; queda como borrador nuevo ({ $id }) para un editor.
nr-wire-n-detected = El teletipo está en { $language }.
nr-wire-n-not-detected = No se pudo saber el idioma del teletipo; se guarda como { $language }.
nr-desk-attention = Lo que requiere atención
nr-desk-count-submitted = { $count ->
    [one] noticia pendiente de edición
   *[other] noticias pendientes de edición
}
nr-desk-count-scheduled = { $count ->
    [one] noticia programada
   *[other] noticias programadas
}
nr-desk-count-wire = { $count ->
    [one] teletipo en la cola
   *[other] teletipos en la cola
}
nr-desk-count-comments = { $count ->
    [one] comentario por moderar
   *[other] comentarios por moderar
}
nr-desk-all = Ver los { $count }
nr-desk-wire = Últimos teletipos
nr-desk-wire-all = Abrir la cola de teletipos ({ $count })
nr-desk-wire-empty = No hay teletipos en espera.
nr-desk-wire-open = Ir a la mesa de teletipos
nr-desk-from-wire = Borradores de teletipos
nr-desk-from-wire-empty = No hay ningún borrador de teletipo abierto.

nr-nav-import = Importar
nr-import-title = Importar desde WordPress
nr-import-intro = Traiga un sitio WordPress desde su exportación (Herramientas → Exportar en WordPress): entradas, páginas, categorías como secciones, etiquetas, autores como cuentas desactivadas para invitar, comentarios con sus hilos, y cada dirección antigua respondiendo con una redirección. Las imágenes se traen del sitio antiguo solo si lo pide. Importar de nuevo la misma exportación actualiza lo que hizo la primera.
nr-import-new = Importar una exportación
nr-import-file = Archivo de exportación (WXR, como mucho { $max } MiB)
nr-import-permalinks = Estructura de enlaces permanentes del sitio antiguo
nr-import-permalinks-hint = Como en los ajustes de WordPress. Déjela vacía para deducirla de las direcciones de las entradas.
nr-import-draft = Traer todas las entradas como borradores
nr-import-fetch = Traer las imágenes desde las direcciones del sitio antiguo
nr-import-start = Importar
nr-import-by = Iniciada por { $by }
nr-import-running = Importando: { $entries } elementos leídos, hasta la línea { $line }. Esta página la sigue.
nr-import-done = La importación ha terminado.
nr-import-problems = Lo que no entró
nr-import-no-file = Elija un archivo de exportación.
nr-import-too-large = El archivo es mayor de lo que admite la redacción; impórtelo con dateline import wordpress en el servidor.
nr-import-busy = Ya hay una importación en curso en este servidor; espere a que termine.
