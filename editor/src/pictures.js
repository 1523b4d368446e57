/* Pictures in the editor: a file dropped or pasted into the body (or chosen
   with the toolbar's Picture button), or dropped on the lead-image slot, is
   uploaded to the media library from a small dialog that asks for its alt
   text (required) and offers a caption and a credit. A refusal keeps the
   dialog open with the file and everything typed, and each field's message
   beside it. The body then names the picture by its library address, which
   is the only kind of picture a body may show.

   Every text comes from data- attributes the template filled from the
   catalogue (`words`). */

export const IMAGE_TYPES = ["image/jpeg", "image/png", "image/webp"];

/** The first image file of a drop or a paste, if any. */
export function imageFile(transfer) {
  if (!transfer || !transfer.files) {
    return null;
  }
  for (const file of transfer.files) {
    if (IMAGE_TYPES.includes(file.type)) {
      return file;
    }
  }
  return null;
}

function field(id, label, hint, required) {
  const wrap = document.createElement("div");
  wrap.className = "field";
  const l = document.createElement("label");
  l.htmlFor = id;
  l.textContent = label;
  const input = document.createElement("input");
  input.type = "text";
  input.id = id;
  input.maxLength = 1000;
  if (required) {
    input.required = true;
    input.setAttribute("aria-required", "true");
  }
  const error = document.createElement("p");
  error.className = "field-error";
  error.id = id + "-error";
  error.hidden = true;
  wrap.append(l);
  if (hint) {
    const h = document.createElement("p");
    h.className = "hint";
    h.id = id + "-hint";
    h.textContent = hint;
    wrap.append(h);
    input.setAttribute("aria-describedby", h.id);
  }
  wrap.append(error, input);
  return { wrap, input, error };
}

/** Asks for the picture's words and uploads it. Resolves with the
    library's answer ({id, src, thumb, alt, caption, credit}) or null when
    the member cancels. */
export function uploadPicture(file, words, form) {
  return new Promise((resolve) => {
    const dialog = document.createElement("dialog");
    dialog.className = "nr-picture-dialog";
    dialog.setAttribute("aria-labelledby", "picture-dialog-title");
    const box = document.createElement("form");
    box.method = "dialog";
    box.noValidate = true;
    const title = document.createElement("h2");
    title.id = "picture-dialog-title";
    title.textContent = words.pictureTitle;
    const preview = document.createElement("img");
    preview.className = "nr-picture-preview";
    preview.alt = "";
    // A data: address (the Content-Security-Policy allows no blob: pictures).
    const reader = new FileReader();
    reader.addEventListener("load", () => {
      preview.src = String(reader.result);
    });
    reader.readAsDataURL(file);
    const name = document.createElement("p");
    name.className = "hint";
    name.textContent = file.name;
    const alt = field("picture-alt", words.pictureAlt, words.pictureAltHint, true);
    const caption = field("picture-caption", words.pictureCaption, "", false);
    const credit = field("picture-credit", words.pictureCredit, "", false);
    const status = document.createElement("p");
    status.className = "form-error";
    status.setAttribute("role", "alert");
    status.hidden = true;
    const actions = document.createElement("div");
    actions.className = "actions";
    const insert = document.createElement("button");
    insert.type = "submit";
    insert.className = "button button-primary";
    insert.textContent = words.pictureInsert;
    const cancel = document.createElement("button");
    cancel.type = "button";
    cancel.className = "button button-secondary";
    cancel.textContent = words.pictureCancel;
    actions.append(insert, cancel);
    box.append(title, preview, name, alt.wrap, caption.wrap, credit.wrap, status, actions);
    dialog.append(box);
    document.body.append(dialog);

    const fields = { alt_text: alt, caption, credit };
    const finish = (answer) => {
      dialog.close();
      dialog.remove();
      resolve(answer);
    };
    const show = (errors) => {
      for (const [key, f] of Object.entries(fields)) {
        const message = errors[key];
        f.error.hidden = !message;
        f.error.textContent = message || "";
        if (message) {
          f.input.setAttribute("aria-invalid", "true");
          f.input.setAttribute("aria-describedby", f.error.id);
        } else {
          f.input.removeAttribute("aria-invalid");
        }
      }
      const rest = Object.entries(errors).filter(([key]) => !(key in fields));
      status.hidden = rest.length === 0;
      status.textContent = rest.map(([, m]) => m).join(" ");
      const first = Object.keys(fields).find((k) => errors[k]);
      (first ? fields[first].input : insert).focus();
    };
    cancel.addEventListener("click", () => finish(null));
    dialog.addEventListener("cancel", (e) => {
      e.preventDefault();
      finish(null);
    });
    box.addEventListener("submit", async (e) => {
      e.preventDefault();
      if (!alt.input.value.trim()) {
        show({ alt_text: words.pictureAltMissing });
        return;
      }
      const body = new FormData();
      const csrf = form.querySelector('input[name="csrf"]');
      body.append("csrf", csrf ? csrf.value : "");
      body.append("alt_text", alt.input.value.trim());
      body.append("caption", caption.input.value.trim());
      body.append("credit", credit.input.value.trim());
      body.append("file", file, file.name);
      insert.disabled = true;
      insert.textContent = words.pictureUploading;
      try {
        const response = await fetch(form.dataset.media || "/newsroom/media", {
          method: "POST",
          credentials: "same-origin",
          headers: { Accept: "application/json" },
          body,
        });
        let answer = null;
        try {
          answer = await response.json();
        } catch (_) {
          answer = null;
        }
        if (response.ok && answer && answer.src) {
          finish(answer);
          return;
        }
        show((answer && answer.errors) || { form: words.pictureFailed });
      } catch (_) {
        show({ form: words.pictureFailed });
      } finally {
        insert.disabled = false;
        insert.textContent = words.pictureInsert;
      }
    });
    dialog.showModal();
    alt.input.focus();
  });
}

/** The Markdown title of a picture in the body: its caption and credit. */
export function pictureTitle(answer) {
  return [answer.caption, answer.credit].filter(Boolean).join(" — ") || null;
}

/** Asks the member for an image file (the Picture button). */
export function chooseFile() {
  return new Promise((resolve) => {
    const input = document.createElement("input");
    input.type = "file";
    input.accept = IMAGE_TYPES.join(",");
    input.hidden = true;
    input.addEventListener("change", () => {
      resolve(input.files && input.files[0] ? input.files[0] : null);
      input.remove();
    });
    input.addEventListener("cancel", () => {
      resolve(null);
      input.remove();
    });
    document.body.append(input);
    input.click();
  });
}

/** The lead-image slot: a thumbnail of the chosen picture beside the
    library's list, and a picture dropped or pasted on it (or chosen with
    its button) uploaded and chosen. */
export function leadSlot(form, words) {
  const select = form.querySelector('select[name="image_id"]');
  const slot = document.getElementById("lead-slot");
  if (!select || !slot || select.disabled) {
    return;
  }
  // The thumbnail is made here: an <img> without an address is not HTML.
  const thumb = document.createElement("img");
  thumb.alt = "";
  thumb.hidden = true;
  slot.prepend(thumb);
  const empty = slot.querySelector(".nr-lead-empty");
  const show = () => {
    const option = select.options[select.selectedIndex];
    const src = option ? option.dataset.thumb : "";
    thumb.hidden = !src;
    if (src) {
      thumb.src = src;
    }
    if (empty) {
      empty.hidden = Boolean(src);
    }
  };
  const take = async (file) => {
    if (!file) {
      return;
    }
    const answer = await uploadPicture(file, words, form);
    if (!answer) {
      return;
    }
    const option = document.createElement("option");
    option.value = String(answer.id);
    option.dataset.thumb = answer.thumb || answer.src;
    option.textContent = answer.file_name + (answer.alt ? " — " + answer.alt : "");
    select.append(option);
    select.value = option.value;
    select.dispatchEvent(new Event("change", { bubbles: true }));
  };
  select.addEventListener("change", show);
  const button = slot.querySelector("button");
  button.hidden = false;
  button.addEventListener("click", async () => take(await chooseFile()));
  slot.addEventListener("dragover", (e) => {
    if (e.dataTransfer && Array.from(e.dataTransfer.types || []).includes("Files")) {
      e.preventDefault();
      slot.classList.add("nr-drop");
    }
  });
  slot.addEventListener("dragleave", () => slot.classList.remove("nr-drop"));
  // Focused (it takes the keyboard), the slot takes a pasted picture too.
  slot.addEventListener("paste", (e) => {
    const file = imageFile(e.clipboardData);
    if (file) {
      e.preventDefault();
      take(file);
    }
  });
  slot.addEventListener("drop", (e) => {
    slot.classList.remove("nr-drop");
    const file = imageFile(e.dataTransfer);
    if (file) {
      e.preventDefault();
      take(file);
    }
  });
  show();
}
