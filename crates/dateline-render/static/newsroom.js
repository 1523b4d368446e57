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

  /* Fronts: the pinned stories can be dragged into a new order; the form's
     hidden `id` fields follow the rows, and "Save the order" posts them.
     The Up and Down buttons do the same one step at a time, without
     script. */
  document.querySelectorAll("form[data-sortable] ol").forEach(function (list) {
    let dragged = null;
    list.addEventListener("dragstart", function (e) {
      dragged = e.target.closest("li");
      if (dragged && e.dataTransfer) {
        e.dataTransfer.effectAllowed = "move";
        e.dataTransfer.setData("text/plain", "");
      }
      if (dragged) dragged.classList.add("dragging");
    });
    list.addEventListener("dragover", function (e) {
      const over = e.target.closest("li");
      if (!dragged || !over || over === dragged) return;
      e.preventDefault();
      const box = over.getBoundingClientRect();
      const after = e.clientY > box.top + box.height / 2;
      list.insertBefore(dragged, after ? over.nextSibling : over);
    });
    list.addEventListener("dragend", function () {
      if (dragged) dragged.classList.remove("dragging");
      dragged = null;
    });
  });
})();
