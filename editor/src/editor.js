/* Dateline newsroom: the article body as rich text (ProseMirror), on top of
   the Markdown textarea that the form posts.

   Progressive enhancement: without this script the writer has the plain
   textarea. With it, the textarea stays in the form, hidden, and after every
   change holds what prosemirror-markdown's serializer makes of the document,
   so the server receives Markdown exactly as before. An `input` event on the
   textarea tells newsroom.js (preview, autosave) of each change.

   A body this editor cannot show without losing something (raw HTML, a
   table, strikethrough: whatever has no place in the schema, or does not
   come back the same after a round trip) is left in the textarea, with a
   note saying why.

   The browser keeps its own copy of the headline and body (localStorage)
   after every change, offered back when the page opens with something
   else; leaving the page with changes not sent asks first.

   The Content-Security-Policy allows no inline script or style and no eval;
   ProseMirror needs neither. Every text shown comes from a data- attribute
   of #body-editor that the template filled from the catalogue. */

import { EditorState, TextSelection } from "prosemirror-state";
import { EditorView } from "prosemirror-view";
import { Schema } from "prosemirror-model";
import {
  schema as markdownSchema,
  MarkdownParser,
  MarkdownSerializer,
  defaultMarkdownParser,
  defaultMarkdownSerializer,
} from "prosemirror-markdown";
import { baseKeymap, toggleMark, setBlockType, wrapIn, lift, chainCommands, exitCode } from "prosemirror-commands";
import { keymap } from "prosemirror-keymap";
import { history, undo, redo } from "prosemirror-history";
import { wrapInList, splitListItem, liftListItem, sinkListItem } from "prosemirror-schema-list";
import { inputRules, wrappingInputRule, textblockTypeInputRule } from "prosemirror-inputrules";
import MarkdownIt from "markdown-it";
import { chooseFile, imageFile, leadSlot, pictureTitle, uploadPicture } from "./pictures.js";

/** A link or picture address the editor accepts: http(s), or relative to
 * this site. Anything else (javascript:, data:, file:, mailto:…) is null. */
export function safeUrl(raw) {
  const text = String(raw == null ? "" : raw).trim();
  if (!text) {
    return null;
  }
  let url;
  try {
    url = new URL(text, "https://relative.invalid/");
  } catch (_) {
    return null;
  }
  return url.protocol === "http:" || url.protocol === "https:" ? text : null;
}

/* The schema: prosemirror-markdown's (what Markdown can say), with pasted
   HTML held to safe addresses and the article's heading levels. */
const nodes = markdownSchema.spec.nodes
  .update("heading", {
    ...markdownSchema.spec.nodes.get("heading"),
    // The headline is the page's h1: pasted h1 and h2 become subheadings,
    // anything smaller a minor one.
    parseDOM: [
      { tag: "h1", attrs: { level: 2 } },
      { tag: "h2", attrs: { level: 2 } },
      { tag: "h3", attrs: { level: 3 } },
      { tag: "h4", attrs: { level: 3 } },
      { tag: "h5", attrs: { level: 3 } },
      { tag: "h6", attrs: { level: 3 } },
    ],
  })
  .update("image", {
    ...markdownSchema.spec.nodes.get("image"),
    parseDOM: [
      {
        tag: "img[src]",
        getAttrs(dom) {
          const src = safeUrl(dom.getAttribute("src"));
          return src ? { src, alt: dom.getAttribute("alt") || "", title: dom.getAttribute("title") || null } : false;
        },
      },
    ],
  });
const marks = markdownSchema.spec.marks.update("link", {
  ...markdownSchema.spec.marks.get("link"),
  parseDOM: [
    {
      tag: "a[href]",
      getAttrs(dom) {
        const href = safeUrl(dom.getAttribute("href"));
        return href ? { href, title: dom.getAttribute("title") || null } : false;
      },
    },
  ],
});
export const schema = new Schema({ nodes, marks });

/* Markdown in: the server's dialect (CommonMark with tables and
   strikethrough, raw HTML allowed and sanitised on save). The tokens the
   schema has no place for (html_block, html_inline, table_open, s_open)
   make the parser throw, and the body stays Markdown. */
const markdownIt = MarkdownIt("commonmark", { html: true }).enable(["table", "strikethrough"]);
const parser = new MarkdownParser(schema, markdownIt, defaultMarkdownParser.tokens);
const serializer = new MarkdownSerializer(defaultMarkdownSerializer.nodes, defaultMarkdownSerializer.marks);

/** The document for `markdown`, or null when the editor would lose some of
 * it: the HTML of the Markdown it writes back must be the HTML of what it
 * read. */
export function parseLossless(markdown) {
  let doc;
  try {
    doc = parser.parse(markdown);
  } catch (_) {
    return null;
  }
  const again = serializer.serialize(doc);
  const same = (md) => markdownIt.render(md).replace(/\s+/g, " ").trim();
  return same(again) === same(markdown) ? doc : null;
}

export function toMarkdown(doc) {
  return serializer.serialize(doc);
}

/* Commands. */

function markActive(state, type) {
  const { from, $from, to, empty } = state.selection;
  if (empty) {
    return !!type.isInSet(state.storedMarks || $from.marks());
  }
  return state.doc.rangeHasMark(from, to, type);
}

function blockActive(state, type, attrs) {
  const { $from, to } = state.selection;
  if (to > $from.end()) {
    return false;
  }
  return $from.parent.hasMarkup(type, attrs);
}

function inside(state, type) {
  const { $from } = state.selection;
  for (let d = $from.depth; d > 0; d--) {
    if ($from.node(d).type === type) {
      return true;
    }
  }
  return false;
}

/** The innermost list around the selection, if any. */
function listAround(state) {
  const { $from } = state.selection;
  for (let d = $from.depth; d > 0; d--) {
    const t = $from.node(d).type;
    if (t === schema.nodes.bullet_list || t === schema.nodes.ordered_list) {
      return t;
    }
  }
  return null;
}

function toggleHeading(level) {
  return (state, dispatch) => {
    if (blockActive(state, schema.nodes.heading, { level })) {
      return setBlockType(schema.nodes.paragraph)(state, dispatch);
    }
    return setBlockType(schema.nodes.heading, { level })(state, dispatch);
  };
}

/** A paragraph already is one: the button stays enabled (and pressed). */
function toParagraph(state, dispatch) {
  return blockActive(state, schema.nodes.paragraph) || setBlockType(schema.nodes.paragraph)(state, dispatch);
}

function toggleList(type) {
  return (state, dispatch) => {
    const around = listAround(state);
    if (around === type) {
      return liftListItem(schema.nodes.list_item)(state, dispatch);
    }
    if (around) {
      // The other kind of list: change this list's type in place.
      const { $from } = state.selection;
      for (let d = $from.depth; d > 0; d--) {
        if ($from.node(d).type === around) {
          if (dispatch) {
            dispatch(state.tr.setNodeMarkup($from.before(d), type));
          }
          return true;
        }
      }
    }
    return wrapInList(type)(state, dispatch);
  };
}

function toggleQuote(state, dispatch) {
  if (inside(state, schema.nodes.blockquote)) {
    return lift(state, dispatch);
  }
  return wrapIn(schema.nodes.blockquote)(state, dispatch);
}

/** Asks for the link's address; empty removes the link, a refused address
 * says why and changes nothing. */
function linkCommand(text) {
  return (state, dispatch, view) => {
    const type = schema.marks.link;
    if (!dispatch) {
      return true;
    }
    const { from, to, empty, $from } = state.selection;
    let current = "";
    const here = type.isInSet(empty ? $from.marks() : []) || null;
    state.doc.nodesBetween(from, Math.max(to, from + 1), (node) => {
      const mark = type.isInSet(node.marks);
      if (mark && !current) {
        current = mark.attrs.href;
      }
    });
    if (here && !current) {
      current = here.attrs.href;
    }
    const answer = window.prompt(text.linkPrompt, current || "https://");
    if (answer === null) {
      return true;
    }
    const trimmed = answer.trim();
    if (!trimmed || trimmed === "https://") {
      if (current) {
        // Remove the link from the whole linked run around the cursor.
        let start = from;
        let end = to;
        if (empty) {
          const parent = $from.parent;
          const offset = $from.parentOffset;
          let pos = $from.start();
          parent.forEach((child, childOffset) => {
            const childFrom = pos + childOffset;
            if (type.isInSet(child.marks) && childOffset <= offset && offset <= childOffset + child.nodeSize) {
              start = Math.min(start, childFrom);
              end = Math.max(end, childFrom + child.nodeSize);
            }
          });
        }
        dispatch(state.tr.removeMark(start, end, type));
      }
      view && view.focus();
      return true;
    }
    const href = safeUrl(trimmed);
    if (!href) {
      window.alert(text.linkRefused);
      view && view.focus();
      return true;
    }
    const mark = type.create({ href });
    if (empty) {
      const tr = state.tr.insertText(href, from);
      tr.addMark(from, from + href.length, mark);
      tr.setSelection(TextSelection.create(tr.doc, from + href.length));
      dispatch(tr);
    } else {
      dispatch(state.tr.removeMark(from, to, type).addMark(from, to, mark));
    }
    view && view.focus();
    return true;
  };
}

/** A picture by address, with its alt text required. */
/** Puts an uploaded picture into the body at `pos` (or the selection). */
function insertPicture(view, answer, pos) {
  const node = schema.nodes.image.create({ src: answer.src, alt: answer.alt || "", title: pictureTitle(answer) });
  let tr = view.state.tr;
  if (typeof pos === "number") {
    tr = tr.setSelection(TextSelection.near(tr.doc.resolve(Math.min(pos, tr.doc.content.size))));
  }
  view.dispatch(tr.replaceSelectionWith(node).scrollIntoView());
  view.focus();
}

/** Uploads `file` from the picture dialog and puts it in the body. */
async function pictureInto(view, text, file, pos) {
  const answer = await uploadPicture(file, text, view.dom.closest("form"));
  if (answer) {
    insertPicture(view, answer, pos);
  } else {
    view.focus();
  }
}

/* The Picture button: a file from the computer, through the same dialog as
   a dropped or pasted one (alt text required). */
function imageCommand(text) {
  return (state, dispatch, view) => {
    const type = schema.nodes.image;
    const { $from } = state.selection;
    const index = $from.index();
    if (!$from.parent.canReplaceWith(index, index, type)) {
      return false;
    }
    if (!dispatch) {
      return true;
    }
    chooseFile().then((file) => {
      if (file) {
        pictureInto(view, text, file);
      } else {
        view.focus();
      }
    });
    return true;
  };
}

/* The toolbar: a real button per command, its name from the catalogue, its
   shortcut in aria-keyshortcuts and the tooltip, aria-pressed where the
   button shows a state. */
const mac = typeof navigator !== "undefined" && /Mac|iP(hone|[oa]d)/.test(navigator.platform);
function shortcutLabel(key) {
  return key
    .replace("Mod", mac ? "Meta" : "Control")
    .replace(/-/g, "+")
    .replace(/\+(\w)$/, (_, k) => "+" + k.toUpperCase());
}

function tools(text) {
  const n = schema.nodes;
  const m = schema.marks;
  return [
    { id: "paragraph", label: "¶", name: text.paragraph, key: "Mod-Alt-0", run: toParagraph, active: (s) => blockActive(s, n.paragraph) },
    { id: "heading2", label: "H2", name: text.heading2, key: "Mod-Alt-2", run: toggleHeading(2), active: (s) => blockActive(s, n.heading, { level: 2 }) },
    { id: "heading3", label: "H3", name: text.heading3, key: "Mod-Alt-3", run: toggleHeading(3), active: (s) => blockActive(s, n.heading, { level: 3 }) },
    null,
    { id: "bold", label: "B", name: text.bold, key: "Mod-b", run: toggleMark(m.strong), active: (s) => markActive(s, m.strong) },
    { id: "italic", label: "I", name: text.italic, key: "Mod-i", run: toggleMark(m.em), active: (s) => markActive(s, m.em) },
    { id: "link", label: text.link, name: text.link, key: "Mod-k", run: linkCommand(text), active: (s) => markActive(s, m.link) },
    null,
    { id: "bullets", label: "•", name: text.bullets, key: "Mod-Shift-8", run: toggleList(n.bullet_list), active: (s) => listAround(s) === n.bullet_list },
    { id: "numbers", label: "1.", name: text.numbers, key: "Mod-Shift-7", run: toggleList(n.ordered_list), active: (s) => listAround(s) === n.ordered_list },
    { id: "quote", label: "“", name: text.quote, key: "Mod-Shift-9", run: toggleQuote, active: (s) => inside(s, n.blockquote) },
    null,
    { id: "image", label: text.image, name: text.image, key: "Mod-Alt-p", run: imageCommand(text) },
  ];
}

function buildToolbar(text, list, getView) {
  const bar = document.createElement("div");
  bar.className = "nr-toolbar";
  bar.setAttribute("role", "toolbar");
  bar.setAttribute("aria-label", text.toolbar);
  bar.setAttribute("aria-controls", "body-rich");
  const buttons = [];
  for (const tool of list) {
    if (!tool) {
      const sep = document.createElement("span");
      sep.className = "nr-toolbar-sep";
      sep.setAttribute("aria-hidden", "true");
      bar.appendChild(sep);
      continue;
    }
    const button = document.createElement("button");
    button.type = "button";
    button.className = "nr-tool-" + tool.id;
    button.dataset.tool = tool.id;
    button.textContent = tool.label;
    const shortcut = shortcutLabel(tool.key);
    if (tool.label !== tool.name) {
      button.setAttribute("aria-label", tool.name);
    }
    button.title = tool.name + " (" + shortcut.replace(/\+/g, " + ") + ")";
    button.setAttribute("aria-keyshortcuts", shortcut);
    if (tool.active) {
      button.setAttribute("aria-pressed", "false");
    }
    // Keep the editor's selection: the button takes no focus on a click.
    button.addEventListener("mousedown", (e) => e.preventDefault());
    button.addEventListener("click", () => {
      const view = getView();
      tool.run(view.state, view.dispatch, view);
      view.focus();
    });
    bar.appendChild(button);
    buttons.push({ tool, button });
  }
  return {
    element: bar,
    update(state) {
      for (const { tool, button } of buttons) {
        if (tool.active) {
          button.setAttribute("aria-pressed", tool.active(state) ? "true" : "false");
        }
        button.disabled = !tool.run(state, null);
      }
    },
  };
}

function buildKeymap(list) {
  const n = schema.nodes;
  const keys = {
    "Mod-z": undo,
    "Shift-Mod-z": redo,
    "Mod-y": redo,
    Enter: splitListItem(n.list_item),
    "Mod-[": liftListItem(n.list_item),
    "Mod-]": sinkListItem(n.list_item),
    "Shift-Enter": chainCommands(exitCode, (state, dispatch) => {
      if (dispatch) {
        dispatch(state.tr.replaceSelectionWith(n.hard_break.create()).scrollIntoView());
      }
      return true;
    }),
  };
  for (const tool of list) {
    if (tool) {
      keys[tool.key] = tool.run;
    }
  }
  return keymap(keys);
}

function buildInputRules() {
  const n = schema.nodes;
  return inputRules({
    rules: [
      wrappingInputRule(/^\s*>\s$/, n.blockquote),
      wrappingInputRule(/^\s*([-+*])\s$/, n.bullet_list),
      wrappingInputRule(
        /^(\d+)\.\s$/,
        n.ordered_list,
        (match) => ({ order: +match[1] }),
        (match, node) => node.childCount + node.attrs.order === +match[1],
      ),
      textblockTypeInputRule(/^(#{2,3})\s$/, n.heading, (match) => ({ level: match[1].length })),
    ],
  });
}

const RTL = ["ar", "he", "fa", "ur"];
function directionOf(lang) {
  return RTL.includes(String(lang || "").split("-")[0]) ? "rtl" : "auto";
}

/* Mounting. */

function text(host) {
  const d = host.dataset;
  return {
    toolbar: d.toolbar,
    paragraph: d.paragraph,
    heading2: d.heading2,
    heading3: d.heading3,
    bold: d.bold,
    italic: d.italic,
    link: d.link,
    linkPrompt: d.linkPrompt,
    linkRefused: d.linkRefused,
    bullets: d.bullets,
    numbers: d.numbers,
    quote: d.quote,
    image: d.image,
    pictureTitle: d.pictureTitle,
    pictureAlt: d.pictureAlt,
    pictureAltHint: d.pictureAltHint,
    pictureAltMissing: d.pictureAltMissing,
    pictureCaption: d.pictureCaption,
    pictureCredit: d.pictureCredit,
    pictureInsert: d.pictureInsert,
    pictureCancel: d.pictureCancel,
    pictureUploading: d.pictureUploading,
    pictureFailed: d.pictureFailed,
    plain: d.plain,
    kept: d.kept,
    restore: d.restore,
    discard: d.discard,
  };
}

/** The rich-text editor over `textarea`. Returns an object whose
 * `load(markdown)` puts new Markdown in (false when it cannot be shown
 * losslessly), or null when the body must stay Markdown. */
function mount(host, textarea, words) {
  const doc = parseLossless(textarea.value);
  if (!doc) {
    return null;
  }
  const list = tools(words);
  let view = null;
  const toolbar = buildToolbar(words, list, () => view);
  const place = document.createElement("div");
  const label = host.querySelector('label[for="' + textarea.id + '"]');
  if (label && !label.id) {
    label.id = textarea.id + "-label";
  }
  // The field's error, if any, describes the body; the Markdown hint not.
  const describedBy = (textarea.getAttribute("aria-describedby") || "")
    .split(/\s+/)
    .filter((id) => id && id !== textarea.id + "-hint")
    .join(" ");
  let writing = false;
  const makeState = (d) =>
    EditorState.create({
      doc: d,
      plugins: [buildInputRules(), buildKeymap(list), keymap(baseKeymap), history()],
    });
  view = new EditorView(place, {
    state: makeState(doc),
    attributes: {
      id: "body-rich",
      class: "nr-rich",
      role: "textbox",
      "aria-multiline": "true",
      ...(label ? { "aria-labelledby": label.id } : {}),
      ...(describedBy ? { "aria-describedby": describedBy } : {}),
      ...(textarea.getAttribute("aria-invalid") ? { "aria-invalid": "true" } : {}),
      spellcheck: "true",
    },
    // A library picture shows from the newsroom's copy of its address,
    // which the session reaches before readers may see the picture.
    nodeViews: {
      image(node) {
        const img = document.createElement("img");
        const src = String(node.attrs.src || "");
        img.src = src.startsWith("/media/") ? "/newsroom/media/t/" + src.slice("/media/".length) : src;
        img.alt = node.attrs.alt || "";
        if (node.attrs.title) {
          img.title = node.attrs.title;
        }
        return { dom: img };
      },
    },
    // A picture dropped or pasted into the body is uploaded from the
    // dialog and lands where it was dropped (or at the cursor).
    handleDrop(v, event) {
      const file = imageFile(event.dataTransfer);
      if (!file) {
        return false;
      }
      event.preventDefault();
      const at = v.posAtCoords({ left: event.clientX, top: event.clientY });
      pictureInto(v, words, file, at ? at.pos : undefined);
      return true;
    },
    handlePaste(v, event) {
      const file = imageFile(event.clipboardData);
      if (!file) {
        return false;
      }
      event.preventDefault();
      pictureInto(v, words, file);
      return true;
    },
    dispatchTransaction(tr) {
      const state = view.state.apply(tr);
      view.updateState(state);
      toolbar.update(state);
      if (tr.docChanged) {
        writing = true;
        textarea.value = toMarkdown(state.doc);
        textarea.dispatchEvent(new Event("input", { bubbles: true }));
        writing = false;
      }
    },
  });
  const follow = () => {
    const lang = textarea.getAttribute("lang") || "";
    view.dom.setAttribute("lang", lang);
    view.dom.setAttribute("dir", directionOf(lang));
  };
  follow();
  new MutationObserver(follow).observe(textarea, { attributes: true, attributeFilter: ["lang"] });

  textarea.hidden = true;
  // The hint teaches Markdown, which the rich-text body does not need.
  const hint = document.getElementById(textarea.id + "-hint");
  if (hint) {
    hint.hidden = true;
  }
  textarea.insertAdjacentElement("afterend", place);
  place.insertAdjacentElement("beforebegin", toolbar.element);
  place.replaceWith(view.dom);
  toolbar.update(view.state);
  if (label) {
    label.addEventListener("click", (e) => {
      e.preventDefault();
      view.focus();
    });
  }

  const editor = {
    view,
    load(markdown) {
      const next = parseLossless(markdown);
      if (!next) {
        return false;
      }
      view.updateState(makeState(next));
      toolbar.update(view.state);
      return true;
    },
    destroy() {
      view.destroy();
      toolbar.element.remove();
      textarea.hidden = false;
      if (hint) {
        hint.hidden = false;
      }
    },
  };
  // Changes made to the textarea by others (newsroom.js restoring an
  // autosave, a test filling it in) come into the editor.
  textarea.addEventListener("input", () => {
    if (writing) {
      return;
    }
    if (!editor.load(textarea.value)) {
      editor.destroy();
      showPlainNote(host, textarea, words);
    }
  });
  return editor;
}

function showPlainNote(host, textarea, words) {
  if (host.querySelector(".nr-editor-note")) {
    return;
  }
  const note = document.createElement("p");
  note.className = "notice notice-warning nr-editor-note";
  note.id = "body-plain-note";
  note.textContent = words.plain;
  textarea.insertAdjacentElement("beforebegin", note);
}

/* The browser's own copy of the headline and body. */

const SENT = "dateline-editor-sent";

function keeper(host, form, textarea, words, getEditor) {
  let key = host.dataset.key;
  const headline = form.elements.namedItem("headline");
  let storage;
  try {
    storage = window.localStorage;
    storage.getItem(key);
  } catch (_) {
    return;
  }
  const read = () => {
    try {
      return JSON.parse(storage.getItem(key) || "null");
    } catch (_) {
      return null;
    }
  };

  // The form sent last time came back without an error: it was saved, and
  // the copy it left has done its work.
  try {
    const sent = JSON.parse(window.sessionStorage.getItem(SENT) || "null");
    window.sessionStorage.removeItem(SENT);
    const failed = document.querySelector(".error-summary, .conflict, .form-error");
    if (sent && Date.now() - sent.at < 120000 && !failed) {
      storage.removeItem(sent.key);
      storage.removeItem(key);
    }
  } catch (_) {
    /* no session storage: the copy stays, and is offered only if it differs */
  }

  const kept = read();
  const headlineNow = headline ? headline.value : "";
  if (kept && (kept.headline !== headlineNow || kept.body !== textarea.value) && (kept.headline || kept.body)) {
    const banner = document.createElement("div");
    banner.className = "notice notice-warning nr-kept";
    banner.setAttribute("role", "region");
    banner.setAttribute("aria-label", words.restore);
    const p = document.createElement("p");
    let when = "";
    try {
      when = new Date(kept.at).toLocaleString(document.documentElement.lang || undefined);
    } catch (_) {
      when = String(kept.at || "");
    }
    p.textContent = words.kept.replace("{time}", when);
    const restore = document.createElement("button");
    restore.type = "button";
    restore.className = "button button-primary";
    restore.textContent = words.restore;
    const discard = document.createElement("button");
    discard.type = "button";
    discard.className = "button button-secondary";
    discard.textContent = words.discard;
    banner.append(p, restore, discard);
    // Above the editor's grid, not in it.
    (form.closest(".nr-editor-layout") || form).insertAdjacentElement("beforebegin", banner);
    restore.addEventListener("click", () => {
      if (headline && typeof kept.headline === "string") {
        headline.value = kept.headline;
        headline.dispatchEvent(new Event("input", { bubbles: true }));
      }
      if (typeof kept.body === "string") {
        textarea.value = kept.body;
        // The editor (when mounted) hears this and shows the restored body.
        textarea.dispatchEvent(new Event("input", { bubbles: true }));
      }
      banner.remove();
      const editor = getEditor();
      (editor && editor.view.dom.isConnected ? editor.view.dom : textarea).focus();
    });
    discard.addEventListener("click", () => {
      storage.removeItem(key);
      banner.remove();
      (headline || textarea).focus();
    });
  }

  let dirty = false;
  let submitted = false;
  form.addEventListener("input", (e) => {
    if (e.target !== headline && e.target !== textarea) {
      dirty = true;
      return;
    }
    dirty = true;
    try {
      storage.setItem(
        key,
        JSON.stringify({ headline: headline ? headline.value : "", body: textarea.value, at: new Date().toISOString() }),
      );
    } catch (_) {
      /* storage full or refused: the server's autosave still runs */
    }
  });
  form.addEventListener("change", () => {
    dirty = true;
  });
  // A new article's first autosave made it a draft: its copy follows it to
  // the draft's key, where its editor looks for it.
  form.addEventListener("dateline:draft", (e) => {
    const next = "dateline-editor:" + e.detail.id;
    try {
      const copy = storage.getItem(key);
      if (copy !== null) {
        storage.setItem(next, copy);
        storage.removeItem(key);
      }
    } catch (_) {
      /* the copy stays where it was */
    }
    key = next;
    host.dataset.key = next;
  });
  // Saved in place with nothing typed since: leaving loses nothing.
  form.addEventListener("dateline:autosaved", (e) => {
    if (!e.detail.aside && e.detail.complete) {
      dirty = false;
    }
  });
  form.addEventListener("submit", (e) => {
    // Preview opens a new tab: the editor stays open, unsaved.
    if (e.submitter && e.submitter.getAttribute("formtarget") === "_blank") {
      return;
    }
    submitted = true;
    try {
      window.sessionStorage.setItem(SENT, JSON.stringify({ key, at: Date.now() }));
    } catch (_) {
      /* see above */
    }
  });
  window.addEventListener("beforeunload", (e) => {
    if (dirty && !submitted) {
      e.preventDefault();
      e.returnValue = "";
    }
  });
}

function start() {
  const host = document.getElementById("body-editor");
  const form = document.getElementById("article-form");
  const textarea = host ? host.querySelector("textarea") : null;
  if (!host || !form || !textarea || textarea.readOnly || !host.dataset.key) {
    return;
  }
  const words = text(host);
  let editor = mount(host, textarea, words);
  if (!editor) {
    showPlainNote(host, textarea, words);
  }
  keeper(host, form, textarea, words, () => editor);
  leadSlot(form, words);
}

start();
