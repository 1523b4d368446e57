// The moderation queue, at the speed of a keyboard. Every button and form
// on the page works without this script (a post and a redirect back); with
// it, each action is sent with fetch, its row changes in place, and keys
// act on the current row: j/k move, a/r/s/d/b act, e edits, p replies,
// x selects, ? shows the list of keys.
(function () {
  "use strict";
  var table = document.getElementById("moderation-queue");
  var bulk = document.getElementById("bulk");
  var status = document.getElementById("moderation-status");
  if (!table || !bulk || !window.fetch) return;

  var filter = new URLSearchParams(location.search).get("status") || "pending";
  // A row's status in the singular ("Aprobado"), as the page words it.
  var labels = {
    approved: table.getAttribute("data-label-approved"),
    rejected: table.getAttribute("data-label-rejected"),
    spam: table.getAttribute("data-label-spam"),
  };

  function rows() {
    return Array.prototype.slice.call(table.querySelectorAll("tbody tr.queue-row"));
  }
  var current = null;
  function setCurrent(row, focus) {
    if (current) current.classList.remove("is-current");
    current = row;
    if (!row) return;
    row.classList.add("is-current");
    if (focus !== false) row.focus({ preventScroll: false });
  }

  function say(text) {
    status.textContent = text;
  }

  function send(form, submitter) {
    var data = new FormData(form, submitter);
    // The attribute: the bulk form's buttons are named "action", which
    // `form.action` would return instead.
    return fetch(form.getAttribute("action"), {
      method: "POST",
      headers: { Accept: "application/json" },
      body: new URLSearchParams(data),
      credentials: "same-origin",
    }).then(function (res) {
      return res.json().then(
        function (json) { return { ok: res.ok, json: json }; },
        function () { return { ok: false, json: {} }; }
      );
    });
  }

  function updateCounts(counts) {
    if (!counts) return;
    Object.keys(counts).forEach(function (k) {
      var el = document.querySelector('.nr-filters [data-count="' + k + '"]');
      if (el) el.textContent = counts[k];
    });
  }

  var newStatus = { approve: "approved", reject: "rejected", spam: "spam", block: "spam" };

  // A row after an action: gone when it leaves this view, else relabelled.
  function applyTo(row, action) {
    var next = newStatus[action];
    if (action === "delete" || (filter !== "all" && next !== filter)) {
      var list = rows();
      var i = list.indexOf(row);
      var after = list[i + 1] || list[i - 1] || null;
      row.remove();
      if (row === current || !current) setCurrent(after);
      if (!rows().length) {
        table.closest(".table-scroll").hidden = true;
        document.getElementById("queue-empty").hidden = false;
      }
      return;
    }
    row.setAttribute("data-status", next);
    var label = row.querySelector("[data-status-label]");
    if (label) {
      label.textContent = labels[next] || next;
      label.className = "status status-" + next;
    }
    row.querySelectorAll("button[data-action]").forEach(function (b) {
      var a = b.getAttribute("data-action");
      if (a !== "block" && a !== "delete") b.hidden = newStatus[a] === next;
    });
  }

  bulk.addEventListener("submit", function (event) {
    var submitter = event.submitter;
    if (!submitter) return;
    event.preventDefault();
    var targets;
    var action;
    if (submitter.name === "act") {
      var parts = submitter.value.split(":");
      action = parts[0];
      targets = [document.getElementById("comment-row-" + parts[1])];
    } else {
      action = submitter.value;
      targets = Array.prototype.slice
        .call(table.querySelectorAll('input[name="id"]:checked'))
        .map(function (box) { return box.closest("tr"); });
    }
    targets = targets.filter(function (r) { return r && !r.dataset.busy; });
    if (!targets.length) return;
    targets.forEach(function (r) { r.dataset.busy = "1"; r.setAttribute("aria-busy", "true"); });
    say(status.getAttribute("data-working"));
    send(bulk, submitter)
      .then(function (out) {
        if (!out.ok) throw new Error("refused");
        targets.forEach(function (r) { applyTo(r, action); });
        updateCounts(out.json.counts);
        say(out.json.message);
      })
      .catch(function () { say(status.getAttribute("data-failed")); })
      .finally(function () {
        targets.forEach(function (r) { delete r.dataset.busy; r.removeAttribute("aria-busy"); });
        var all = document.getElementById("select-all");
        if (all) all.checked = false;
      });
  });

  // Edit and reply forms, inside their rows.
  table.addEventListener("submit", function (event) {
    var form = event.target;
    var details = form.closest(".row-form");
    if (!details) return;
    event.preventDefault();
    var row = form.closest("tr");
    var area = form.querySelector("textarea");
    say(status.getAttribute("data-working"));
    send(form, event.submitter).then(function (out) {
      var field = form.querySelector(".field");
      var old = field.querySelector(".field-error");
      if (old) old.remove();
      if (!out.ok) {
        var p = document.createElement("p");
        p.className = "field-error";
        p.id = area.id + "-error";
        p.textContent = out.json.error || status.getAttribute("data-failed");
        field.insertBefore(p, area);
        field.classList.add("field-invalid");
        area.setAttribute("aria-invalid", "true");
        area.setAttribute("aria-describedby", p.id);
        say(p.textContent);
        area.focus();
        return;
      }
      field.classList.remove("field-invalid");
      area.removeAttribute("aria-invalid");
      area.removeAttribute("aria-describedby");
      if (details.getAttribute("data-kind") === "edit") {
        row.querySelector("[data-body]").textContent = out.json.body;
        area.value = out.json.body;
      } else {
        area.value = "";
      }
      details.open = false;
      updateCounts(out.json.counts);
      say(out.json.message);
      setCurrent(row);
    }, function () { say(status.getAttribute("data-failed")); });
  });

  var all = document.getElementById("select-all");
  if (all) {
    all.hidden = false;
    all.nextElementSibling.hidden = true;
    all.removeAttribute("form");
    all.addEventListener("change", function () {
      table.querySelectorAll('input[name="id"]').forEach(function (box) { box.checked = all.checked; });
    });
  }

  table.addEventListener("click", function (event) {
    var row = event.target.closest("tr.queue-row");
    if (row && row !== current) setCurrent(row, false);
  });

  var keys = { a: "approve", r: "reject", s: "spam", d: "delete", b: "block" };
  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    var t = event.target;
    if (t.closest && t.closest("textarea, input, select, [contenteditable]")) {
      if (event.key === "Escape" && t.closest(".row-form")) {
        t.closest(".row-form").open = false;
        setCurrent(t.closest("tr"));
      }
      return;
    }
    var list = rows();
    if (!list.length) return;
    if (!current || !current.isConnected) setCurrent(list[0], false);
    var i = list.indexOf(current);
    var key = event.key;
    if (key === "j" || key === "k") {
      setCurrent(list[Math.max(0, Math.min(list.length - 1, i + (key === "j" ? 1 : -1)))]);
    } else if (keys[key]) {
      var button = current.querySelector('button[data-action="' + keys[key] + '"]');
      if (button && !button.hidden) button.click();
    } else if (key === "e" || key === "p") {
      var details = current.querySelector('.row-form[data-kind="' + (key === "e" ? "edit" : "reply") + '"]');
      details.open = true;
      details.querySelector("textarea").focus();
    } else if (key === "x") {
      var box = current.querySelector('input[name="id"]');
      box.checked = !box.checked;
    } else if (key === "?") {
      var help = document.getElementById("shortcuts");
      help.open = !help.open;
      if (help.open) help.querySelector("summary").focus();
    } else {
      return;
    }
    event.preventDefault();
  });

  setCurrent(rows()[0] || null, false);
})();
