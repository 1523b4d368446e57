/* Dateline newsroom: side-by-side preview and autosave for the article editor, on
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
        Accept: "application/json",
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

  /* The library's upload form: sent by script, so that a refusal leaves
     the chosen file in the form (a browser never sends a file back) and
     each field's message appears beside it. Without script the form posts
     as usual. */
  function fieldError(upload, name, message) {
    const input = upload.querySelector('[name="' + name + '"]');
    const box = input ? input.closest(".field") : null;
    if (!input || !box) {
      return false;
    }
    const id = (input.id || "f-" + name) + "-error";
    let error = document.getElementById(id);
    if (!message) {
      box.classList.remove("has-error");
      input.removeAttribute("aria-invalid");
      if (error) {
        error.remove();
      }
      return true;
    }
    if (!error) {
      error = document.createElement("p");
      error.className = "field-error";
      error.id = id;
      input.insertAdjacentElement("beforebegin", error);
    }
    error.textContent = message;
    box.classList.add("has-error");
    input.setAttribute("aria-invalid", "true");
    const described = (input.getAttribute("aria-describedby") || "").split(/\s+/).filter(Boolean);
    if (!described.includes(id)) {
      described.push(id);
      input.setAttribute("aria-describedby", described.join(" "));
    }
    return true;
  }
  document.querySelectorAll("form[data-upload]").forEach(function (upload) {
    upload.addEventListener("submit", async function (event) {
      if (typeof FormData !== "function" || typeof fetch !== "function") {
        return;
      }
      event.preventDefault();
      const button = upload.querySelector('button[type="submit"]');
      if (button) {
        button.disabled = true;
      }
      let errors = {};
      try {
        const response = await fetch(upload.getAttribute("action"), {
          method: "POST",
          credentials: "same-origin",
          headers: { Accept: "application/json" },
          body: new FormData(upload),
        });
        let answer = null;
        try {
          answer = await response.json();
        } catch (error) {
          answer = null;
        }
        if (response.ok && answer && answer.id) {
          window.location.assign("/newsroom/media?done=" + answer.id);
          return;
        }
        errors = (answer && answer.errors) || { file: upload.dataset.failed };
      } catch (error) {
        errors = { file: upload.dataset.failed };
      } finally {
        if (button) {
          button.disabled = false;
        }
      }
      let first = null;
      ["file", "alt_text", "caption", "credit"].forEach(function (name) {
        fieldError(upload, name, errors[name]);
        if (errors[name] && !first) {
          first = upload.querySelector('[name="' + name + '"]');
        }
      });
      if (first) {
        first.focus();
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

  /** Sets a hidden field of the form. */
  function setField(name, value) {
    const field = form.elements.namedItem(name);
    if (field && "value" in field) {
      field.value = String(value);
    }
  }

  const body = form.querySelector('textarea[name="body"]');

  /* Side by side: on wide screens, the whole page as readers will see it
     (the same page the Preview button opens in a new tab) sits beside the
     text and follows the typing: the form is kept as this member's preview
     a moment after typing stops, and the frame reloads. The preview keeps
     its address while they type. */
  const beside = document.getElementById("preview-beside");
  const besidePanel = document.getElementById("preview-beside-panel");
  const frame = document.getElementById("preview-frame");
  const previewStatus = document.getElementById("preview-status");
  const previewHint = previewStatus ? previewStatus.textContent : "";
  const layout = form.closest(".nr-editor-layout");
  let previewTimer = 0;
  let previewing = false;
  let previewAgain = false;

  async function updatePreview() {
    if (previewing) {
      previewAgain = true;
      return;
    }
    previewing = true;
    try {
      const response = await post(form.dataset.previews, form);
      const answer = await response.json();
      if (!response.ok) {
        say(previewStatus, answer.error || previewStatus.dataset.failed);
        return;
      }
      setField("preview_token", answer.token);
      say(previewStatus, previewHint);
      if (frame.getAttribute("src") === answer.url && frame.contentWindow) {
        frame.contentWindow.location.reload();
      } else {
        frame.setAttribute("src", answer.url);
      }
    } catch (error) {
      say(previewStatus, previewStatus.dataset.failed || previewHint);
    } finally {
      previewing = false;
      if (previewAgain) {
        previewAgain = false;
        schedulePreview();
      }
    }
  }

  function schedulePreview() {
    if (!layout || !layout.classList.contains("nr-editor-beside")) {
      return;
    }
    window.clearTimeout(previewTimer);
    previewTimer = window.setTimeout(updatePreview, 700);
  }

  if (beside && besidePanel && frame && layout && form.dataset.previews) {
    const token = document.createElement("input");
    token.type = "hidden";
    token.name = "preview_token";
    form.appendChild(token);
    beside.hidden = false;
    beside.addEventListener("click", function () {
      const on = !layout.classList.contains("nr-editor-beside");
      layout.classList.toggle("nr-editor-beside", on);
      besidePanel.hidden = !on;
      beside.setAttribute("aria-pressed", on ? "true" : "false");
      if (on) {
        updatePreview();
      }
    });
    form.addEventListener("input", schedulePreview);
    form.addEventListener("change", schedulePreview);
  }

  /* Autosave: from the first keystroke, a moment after typing stops (and
     when the tab is hidden), what is typed is saved: a new article becomes
     a draft, a draft is saved in place, a live one keeps it aside until the
     member saves. "Saved · 12:04" beside the headline says when, in the
     site's time zone. It never holds up typing, and a failure only says
     so: the text stays in the form and in the browser's copy. */
  const status = document.getElementById("autosave-status");
  let edits = 0;
  let savedEdits = 0;
  let saving = false;
  let submitted = false;
  let autosaveTimer = 0;

  function clock(savedAt) {
    const at = savedAt ? new Date(savedAt) : new Date();
    const options = { hour: "2-digit", minute: "2-digit", timeZoneName: "short" };
    try {
      return new Intl.DateTimeFormat(document.documentElement.lang || undefined,
        Object.assign({ timeZone: form.dataset.zone || "UTC" }, options)).format(at);
    } catch (error) {
      return at.toISOString().slice(11, 16) + " UTC";
    }
  }

  /** After the first autosave of a new article: the page is now its
      editor, at its own address. */
  function becameDraft(id) {
    form.setAttribute("action", "/newsroom/articles/" + id);
    form.dataset.autosave = "/newsroom/articles/" + id + "/autosave";
    setField("article", id);
    try {
      window.history.replaceState(null, "", "/newsroom/articles/" + id);
    } catch (error) {
      /* the address stays; the form still posts to the draft */
    }
    form.dispatchEvent(new CustomEvent("dateline:draft", { detail: { id: id } }));
  }

  async function autosave(leaving) {
    if (saving || submitted || edits === savedEdits || !form.dataset.autosave) {
      return;
    }
    saving = true;
    const upTo = edits;
    try {
      const response = await fetch(form.dataset.autosave, {
        method: "POST",
        credentials: "same-origin",
        keepalive: Boolean(leaving),
        headers: {
          "Content-Type": "application/x-www-form-urlencoded;charset=UTF-8",
          "X-CSRF-Token": csrfOf(form),
          Accept: "application/json",
        },
        body: fields(form),
      });
      const answer = await response.json();
      if (response.status === 422) {
        say(status, status.dataset.unsaved.replace("{why}", answer.error || ""));
        return;
      }
      if (!response.ok) {
        throw new Error("autosave answered " + response.status);
      }
      savedEdits = upTo;
      if (answer.version !== null && answer.version !== undefined) {
        setField("version", answer.version);
      }
      if (!form.dataset.autosave.match(/\/\d+\/autosave$/) && answer.id) {
        becameDraft(answer.id);
      }
      const words = answer.aside ? status.dataset.aside : status.dataset.saved;
      say(status, words.replace("{time}", clock(answer.saved_at)));
      form.dispatchEvent(new CustomEvent("dateline:autosaved", {
        detail: { aside: Boolean(answer.aside), complete: edits === savedEdits },
      }));
    } catch (error) {
      say(status, status.dataset.failed);
    } finally {
      saving = false;
      if (edits !== savedEdits && !leaving) {
        scheduleAutosave();
      }
    }
  }

  function scheduleAutosave() {
    window.clearTimeout(autosaveTimer);
    autosaveTimer = window.setTimeout(autosave, 1500);
  }

  if (form.dataset.autosave && status) {
    const changed = function (event) {
      if (event.target && event.target.name === "preview_token") {
        return;
      }
      edits += 1;
      scheduleAutosave();
    };
    form.addEventListener("input", changed);
    form.addEventListener("change", changed);
    document.addEventListener("visibilitychange", function () {
      if (document.visibilityState === "hidden") {
        window.clearTimeout(autosaveTimer);
        autosave(true);
      }
    });
  }
  form.addEventListener("submit", function (event) {
    // Preview opens a new tab; the editor stays, and so does autosave.
    const by = event.submitter;
    if (by && by.getAttribute("formtarget") === "_blank") {
      return;
    }
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
