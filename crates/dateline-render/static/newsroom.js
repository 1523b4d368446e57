/* Dateline newsroom: live preview and autosave for the article editor, on
   top of forms that work without them. Plain ES2017, no build step; loaded
   with `defer`, so the page is parsed when this runs. The Content-Security-
   Policy allows no inline script and no eval, and nothing here needs them.
   Every text this script shows comes from a data- attribute the template
   filled from the catalogue, so it is in the page's language. */
(function () {
  "use strict";

  /** The form's fields as the server reads them (urlencoded). */
  function fields(form) {
    return new URLSearchParams(new FormData(form));
  }

  /** The CSRF token of a form: the member's, in its hidden `csrf` field. */
  function csrfOf(form) {
    const field = form.querySelector('input[name="csrf"]');
    return field ? field.value : "";
  }

  /** POSTs a form's fields to `url`, with the token in a header too. */
  function post(url, form, signal) {
    return fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: {
        "Content-Type": "application/x-www-form-urlencoded;charset=UTF-8",
        "X-CSRF-Token": csrfOf(form),
      },
      body: fields(form),
      signal: signal,
    });
  }

  /** Shows a message in a status element (role="status" announces it). */
  function say(element, text) {
    if (element && element.textContent !== text) {
      element.textContent = text;
    }
  }

  /* Forms that ask before doing something hard to undo (unpublish,
     restore). Without the script they simply go ahead. */
  document.querySelectorAll("form[data-confirm]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      if (!window.confirm(form.dataset.confirm)) {
        event.preventDefault();
      }
    });
  });

  const form = document.getElementById("article-form");
  if (!form) {
    return;
  }

  /* Language and section: the sections of the chosen language come first
     to hand, and text fields take the article's language (spell checking,
     screen reader voice). */
  const language = form.querySelector('select[name="language"]');
  const section = form.querySelector('select[name="section"]');
  function followLanguage() {
    if (!language) {
      return;
    }
    const lang = language.value;
    form.querySelectorAll("[data-follows-language]").forEach(function (field) {
      field.setAttribute("lang", lang);
    });
    const preview = document.getElementById("preview");
    if (preview) {
      preview.setAttribute("lang", lang);
    }
    if (!section || section.disabled) {
      return;
    }
    let firstOfLanguage = null;
    section.querySelectorAll("optgroup[data-language]").forEach(function (group) {
      const mine = group.dataset.language === lang;
      group.disabled = !mine;
      if (mine && !firstOfLanguage) {
        firstOfLanguage = group.querySelector("option");
      }
    });
    const chosen = section.options[section.selectedIndex];
    const chosenGroup = chosen ? chosen.parentElement : null;
    if (firstOfLanguage && (!chosenGroup || chosenGroup.disabled)) {
      firstOfLanguage.selected = true;
    }
  }
  if (language) {
    language.addEventListener("change", followLanguage);
    followLanguage();
  }

  /* Live preview: the body as readers will see it, a moment after typing
     stops. The server sanitises the HTML it answers with. */
  const body = form.querySelector('textarea[name="body"]');
  const preview = document.getElementById("preview");
  const previewPanel = document.getElementById("preview-panel");
  const previewStatus = document.getElementById("preview-status");
  const previewHint = previewStatus ? previewStatus.textContent : "";
  const previewUrl = form.dataset.preview || "/newsroom/preview";
  let previewTimer = 0;
  let previewRequest = null;

  async function updatePreview() {
    if (previewRequest) {
      previewRequest.abort();
    }
    const request = typeof AbortController === "function" ? new AbortController() : null;
    previewRequest = request;
    try {
      const response = await post(previewUrl, form, request ? request.signal : undefined);
      // 422: the body is outside the limits; the answer says why.
      if (!response.ok && response.status !== 422) {
        throw new Error("preview answered " + response.status);
      }
      const html = await response.text();
      if (previewRequest !== request) {
        return; // a newer preview is on its way
      }
      preview.innerHTML = html;
      if (previewPanel) {
        previewPanel.hidden = false;
      }
      say(previewStatus, previewHint);
    } catch (error) {
      if (error && error.name === "AbortError") {
        return;
      }
      if (previewPanel) {
        previewPanel.hidden = false;
      }
      if (previewStatus) {
        say(previewStatus, previewStatus.dataset.failed || previewHint);
      }
    } finally {
      if (previewRequest === request) {
        previewRequest = null;
      }
    }
  }

  if (body && preview && !body.readOnly) {
    body.addEventListener("input", function () {
      window.clearTimeout(previewTimer);
      previewTimer = window.setTimeout(updatePreview, 400);
    });
  }

  /* Autosave: every 15 seconds, when something changed since the last one,
     what is typed is kept as this member's autosave (never the article
     itself). It never holds up typing, and a failure only says so. */
  const autosaveUrl = form.dataset.autosave;
  const status = document.getElementById("autosave-status");
  let edits = 0;
  let savedEdits = 0;
  let saving = false;
  let submitted = false;

  function timeOf(savedAt) {
    const match = /T(\d{2}:\d{2})/.exec(savedAt || "");
    if (match) {
      return match[1];
    }
    const now = new Date();
    return String(now.getUTCHours()).padStart(2, "0") + ":" + String(now.getUTCMinutes()).padStart(2, "0");
  }

  async function autosave() {
    if (saving || submitted || edits === savedEdits) {
      return;
    }
    saving = true;
    const upTo = edits;
    try {
      const response = await post(autosaveUrl, form);
      if (!response.ok) {
        throw new Error("autosave answered " + response.status);
      }
      const answer = await response.json();
      savedEdits = upTo;
      if (status && status.dataset.saved) {
        say(status, status.dataset.saved.replace("{time}", timeOf(answer.saved_at)));
      }
    } catch (error) {
      if (status && status.dataset.failed) {
        say(status, status.dataset.failed);
      }
    } finally {
      saving = false;
    }
  }

  if (autosaveUrl) {
    const changed = function () {
      edits += 1;
    };
    form.addEventListener("input", changed);
    form.addEventListener("change", changed);
    window.setInterval(autosave, 15000);
  }
  form.addEventListener("submit", function () {
    submitted = true;
  });

  /* An autosaved version newer than the saved article: a button puts it in
     the form (the member then saves it, or not). */
  const restore = document.getElementById("autosave-restore");
  if (restore) {
    restore.hidden = false;
    restore.addEventListener("click", function () {
      document.querySelectorAll("[data-restore]").forEach(function (source) {
        const target = form.elements.namedItem(source.dataset.restore);
        if (target && "value" in target && !target.readOnly && !target.disabled) {
          target.value = source.value;
        }
      });
      followLanguage();
      edits += 1;
      if (body) {
        body.dispatchEvent(new Event("input", { bubbles: true }));
      }
      if (status && status.dataset.restored) {
        say(status, status.dataset.restored);
      }
      const headline = form.elements.namedItem("headline");
      if (headline && typeof headline.focus === "function") {
        headline.focus();
      }
    });
  }
})();

/* Ordered lists (the front page's pins, sections, programmes): a form with
   `data-sortable` holds an <ol> whose rows carry hidden `id` fields in
   order. Without script, each row's Up and Down buttons post the form and
   the server moves that row one step. With it, dragging a row or pressing
   Up or Down moves the row in place (the focus stays on the button, and a
   status line says where the row went); "Save the order" then posts the
   ids as they stand. This block stands apart from the editor's code above,
   which stops early on pages without an article form. */
(function () {
  "use strict";

  function say(element, text) {
    if (element && element.textContent !== text) {
      element.textContent = text;
    }
  }

  document.querySelectorAll("form[data-sortable]").forEach(function (form) {
    const list = form.querySelector("ol");
    if (!list) {
      return;
    }
    const status = form.querySelector("[data-order-status]");
    const rows = function () {
      return Array.prototype.filter.call(list.children, function (li) {
        return li.tagName === "LI";
      });
    };

    /* After any move: the first row cannot go up, the last cannot go
       down, and the form says it has an order to save. */
    function moved(row) {
      const all = rows();
      all.forEach(function (li, i) {
        const up = li.querySelector('[data-move="up"]');
        const down = li.querySelector('[data-move="down"]');
        if (up) up.disabled = i === 0;
        if (down) down.disabled = i === all.length - 1;
      });
      form.classList.add("is-unsaved");
      if (row && status && form.dataset.moved) {
        const name = row.querySelector("[data-name]");
        say(status, form.dataset.moved
          .replace("{name}", name ? name.textContent.trim() : "")
          .replace("{position}", String(all.indexOf(row) + 1))
          .replace("{count}", String(all.length)));
      } else if (status && form.dataset.unsaved) {
        say(status, form.dataset.unsaved);
      }
    }

    /* Up and Down move in place; the focus stays on the pressed button,
       or on its twin when the row reached an end. */
    form.addEventListener("click", function (e) {
      const button = e.target.closest("[data-move]");
      if (!button || !list.contains(button)) {
        return;
      }
      e.preventDefault();
      const row = button.closest("li");
      const up = button.dataset.move === "up";
      const other = up ? row.previousElementSibling : row.nextElementSibling;
      if (!other) {
        return;
      }
      list.insertBefore(row, up ? other : other.nextElementSibling);
      moved(row);
      const keep = button.disabled
        ? row.querySelector(up ? '[data-move="down"]' : '[data-move="up"]')
        : button;
      if (keep) keep.focus();
    });

    let dragged = null;
    list.addEventListener("dragstart", function (e) {
      dragged = e.target.closest ? e.target.closest("li") : null;
      if (dragged && e.dataTransfer) {
        e.dataTransfer.effectAllowed = "move";
        e.dataTransfer.setData("text/plain", "");
      }
      if (dragged) dragged.classList.add("dragging");
    });
    list.addEventListener("dragover", function (e) {
      const over = e.target.closest ? e.target.closest("li") : null;
      if (!dragged || !over || over === dragged || over.parentNode !== list) return;
      e.preventDefault();
      const box = over.getBoundingClientRect();
      const after = e.clientY > box.top + box.height / 2;
      list.insertBefore(dragged, after ? over.nextSibling : over);
    });
    list.addEventListener("drop", function (e) {
      if (dragged) e.preventDefault();
    });
    list.addEventListener("dragend", function () {
      if (dragged) {
        dragged.classList.remove("dragging");
        moved(dragged);
      }
      dragged = null;
    });
  });
})();
