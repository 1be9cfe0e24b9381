// hoaxlens UI: analyst name, keyboard shortcuts ("?" lists them), evidence highlighting and
// its toggle, details of highlights without hover, bulk select, job refresh.
// Plain JavaScript, no build step; text from documents is only ever set with textContent.
"use strict";

(function () {
  // A logged-in user's labels are saved under their account (the server ignores a typed
  // name); the name box is only offered on an open server without users.
  const nameInput = document.getElementById("analyst");
  const user = document.getElementById("analyst-user");
  const analyst = () => (user && user.dataset.name) || (nameInput && nameInput.value.trim()) || "anonymous";
  if (nameInput) {
    nameInput.value = localStorage.getItem("hoaxlens.analyst") || "";
    nameInput.addEventListener("change", () => localStorage.setItem("hoaxlens.analyst", nameInput.value.trim()));
  }
  document.querySelectorAll("form.label-form").forEach((form) => {
    form.addEventListener("submit", () => {
      form.querySelectorAll(".analyst-field").forEach((f) => { f.value = analyst(); });
    });
  });

  // The page's CSRF token: API writes made with the login cookie must send it back.
  const csrfMeta = document.querySelector('meta[name="csrf-token"]');
  const csrf = csrfMeta ? csrfMeta.content : "";

  // A label that contradicts a confident score is refused until the analyst confirms it
  // (the API's 422 says so): the browser's own confirm dialog asks, then it is sent again.
  async function postLabel(documentId, label, confirmed) {
    const body = { document_id: Number(documentId), label: label, analyst: analyst() };
    if (confirmed) body.confirm = true;
    const response = await fetch("/v1/labels", {
      method: "POST",
      headers: { "Content-Type": "application/json", "X-CSRF-Token": csrf },
      credentials: "same-origin",
      body: JSON.stringify(body),
    });
    if (!response.ok) {
      const answer = await response.json().catch(() => ({}));
      const detail = typeof answer.detail === "string" ? answer.detail : "HTTP " + response.status;
      if (response.status === 422 && !confirmed && detail.includes('"confirm": true')) {
        const question = detail.split(": send it again")[0] + ". Label it " + label + " anyway?";
        if (window.confirm(question)) return postLabel(documentId, label, true);
        throw new Error("not labelled (cancelled)");
      }
      throw new Error(detail);
    }
    return response.json();
  }

  // Keyboard (issue 20): one dispatcher for every page; sections register their keys in
  // `actions`. "?" lists the shortcuts, "/" focuses the search box, "g" then a letter goes
  // to a page; "g" alone (label genuine) acts after a pause so that "g d" stays a jump.
  const actions = {};
  const GO = { a: "/", s: "/documents", r: "/review", d: "/dashboard", n: "/networks" };
  const G_WAIT_MS = 700;
  const NOT_TYPED = ["checkbox", "radio", "button", "submit", "reset"];
  const typing = (t) => (t instanceof HTMLInputElement && !NOT_TYPED.includes(t.type)) ||
    t instanceof HTMLTextAreaElement || t instanceof HTMLSelectElement ||
    (t instanceof HTMLElement && t.isContentEditable);
  const dialog = document.getElementById("shortcuts");
  const shortcutsButton = document.getElementById("shortcuts-button");
  const openShortcuts = () => {
    if (dialog && !dialog.open && typeof dialog.showModal === "function") dialog.showModal();
  };
  if (dialog && shortcutsButton) {
    shortcutsButton.hidden = false;
    shortcutsButton.addEventListener("click", openShortcuts);
    const close = document.getElementById("shortcuts-close");
    if (close) close.addEventListener("click", () => dialog.close());
    dialog.addEventListener("close", () => shortcutsButton.focus());
  }
  const search = () => document.querySelector("#q, #home-q");
  if (window.location.hash === "#q" && search()) search().focus();
  let pendingG = null;
  const flushG = () => {
    if (pendingG === null) return;
    clearTimeout(pendingG);
    pendingG = null;
    if (actions.g) actions.g();
  };
  document.addEventListener("keydown", (event) => {
    if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.key === "Escape" && typing(event.target) && !(event.target instanceof HTMLTextAreaElement)) {
      event.target.blur();  // Esc leaves a field: the shortcuts work again
      return;
    }
    if (typing(event.target) || (dialog && dialog.open)) return;
    const key = event.key;
    if (pendingG !== null) {
      if (GO[key]) {
        clearTimeout(pendingG);
        pendingG = null;
        event.preventDefault();
        window.location.href = GO[key];
        return;
      }
      flushG();
    }
    if (key === "?") {
      event.preventDefault();
      openShortcuts();
    } else if (key === "/") {
      event.preventDefault();
      const box = search();
      if (box) { box.focus(); box.select(); } else window.location.href = "/documents#q";
    } else if (key === "g") {
      event.preventDefault();
      pendingG = setTimeout(flushG, G_WAIT_MS);
    } else if (actions[key]) {
      event.preventDefault();
      actions[key]();
    }
  });

  // Lists: j/k move through the rows of the page's main table, o (or Enter) opens one.
  const list = document.querySelector("#queue, #results, #copies") || document.querySelector("main table.docs");
  const rows = list ? Array.from(list.querySelectorAll("tbody tr")).filter((r) => r.querySelector("a[href]")) : [];
  let current = 0;
  const select = (i, focus) => {
    if (!rows.length) return;
    current = Math.max(0, Math.min(rows.length - 1, i));
    rows.forEach((r, n) => {
      r.classList.toggle("current", n === current);
      if (n === current) r.setAttribute("aria-current", "true"); else r.removeAttribute("aria-current");
    });
    if (focus) rows[current].querySelector("a[href]").focus();
    else rows[current].scrollIntoView({ block: "nearest" });
  };
  if (rows.length) {
    if (list.id === "queue") select(0, false);
    rows.forEach((r, n) => r.addEventListener("click", () => select(n, false)));
    rows.forEach((r, n) => r.addEventListener("focusin", () => select(n, false)));
    actions.j = () => select(rows[current].classList.contains("current") ? current + 1 : current, true);
    actions.k = () => select(current - 1, true);
    actions.o = () => { window.location.href = rows[current].querySelector("a[href]").href; };
    // A focusable row (the review queue's) opens with Enter, as its link does.
    rows.forEach((r) => r.addEventListener("keydown", (event) => {
      if (event.key === "Enter" && event.target === r) actions.o();
    }));
  }

  // Review queue: f/g label the selected row.
  const queue = document.getElementById("queue");
  if (queue && rows.length) {
    const status = document.getElementById("queue-status");
    const labelRow = async (label) => {
      const row = rows[current];
      try {
        await postLabel(row.dataset.id, label);
        row.querySelector(".given").textContent = label + " (" + analyst() + ")";
        row.classList.add("done");
        status.textContent = "Labelled #" + row.dataset.id + " " + label;
        select(current + 1, false);
      } catch (err) {
        status.textContent = "Could not save the label: " + err.message;
      }
    };
    actions.f = () => labelRow("fabricated");
    actions.g = () => labelRow("genuine");
  }

  // Result page: f/g label this document; h turns evidence highlighting off and on; a tap,
  // a click or Enter on a highlight says what it is (what the hover tooltip says).
  const result = document.querySelector("article.result");
  if (result) {
    const press = (value) => {
      const button = result.querySelector('.label-form button[value="' + value + '"]');
      if (button) button.click();
    };
    actions.f = () => press("fabricated");
    actions.g = () => press("genuine");
    const story = document.getElementById("story");
    if (story) {
      // The page's "highlight evidence" box (it works without JS too, through CSS).
      let box = document.getElementById("show-highlights");
      if (!box) {
        const toggle = document.createElement("p");
        toggle.className = "highlight-toggle";
        const label = document.createElement("label");
        box = document.createElement("input");
        box.type = "checkbox";
        box.id = "show-highlights";
        label.append(box, " highlight evidence in the text ");
        const key = document.createElement("kbd");
        key.textContent = "h";
        label.append(key);
        toggle.append(label);
        story.before(toggle);
      }
      box.checked = localStorage.getItem("hoaxlens.highlights") !== "off";
      const apply = () => {
        result.classList.toggle("no-highlights", !box.checked);
        localStorage.setItem("hoaxlens.highlights", box.checked ? "on" : "off");
      };
      box.addEventListener("change", apply);
      apply();
      actions.h = () => { box.checked = !box.checked; apply(); };

      const details = document.createElement("p");
      details.className = "mark-details";
      details.id = "mark-details";
      details.setAttribute("aria-live", "polite");
      details.textContent = "Tap or click a highlighted word to see what it is.";
      story.after(details);
      const describe = (mark) => {
        const parts = [];
        (mark.dataset.ev || "").split(" ").filter(Boolean).forEach((id) => {
          const note = document.getElementById("ev-" + id);
          if (note) parts.push("evidence " + id + ": " + note.textContent.trim());
        });
        if (mark.classList.contains("obf") && mark.title) parts.push("“" + mark.textContent + "” was " + mark.title);
        return parts.join(" · ") || mark.title;
      };
      story.addEventListener("click", (event) => {
        const mark = event.target instanceof Element ? event.target.closest("mark") : null;
        if (mark) details.textContent = describe(mark);
      });

      // The letters that were swapped for lookalikes, listed (their tooltips, readable).
      const swapped = new Map();
      story.querySelectorAll("mark.obf[title]").forEach((mark) => {
        const line = "“" + mark.textContent + "” " + mark.title;
        swapped.set(line, (swapped.get(line) || 0) + 1);
      });
      const removed = story.querySelectorAll("span.del[title]");
      removed.forEach((span) => {
        const line = "hidden character " + span.title;
        swapped.set(line, (swapped.get(line) || 0) + 1);
      });
      if (swapped.size) {
        const box2 = document.createElement("details");
        box2.className = "restored-letters";
        box2.id = "restored-letters";
        const summary = document.createElement("summary");
        summary.textContent = "Restored characters (" + swapped.size + " kinds)";
        const ul = document.createElement("ul");
        Array.from(swapped.entries()).sort((a, b) => b[1] - a[1]).forEach(([line, n]) => {
          const li = document.createElement("li");
          li.textContent = line + (n > 1 ? " ×" + n : "");
          ul.append(li);
        });
        box2.append(summary, ul);
        details.after(box2);
      }
    }
    document.querySelectorAll("mark.ev").forEach((mark) => {
      const ids = (mark.dataset.ev || "").split(" ");
      mark.addEventListener("mouseenter", () => ids.forEach((id) => {
        const note = document.getElementById("ev-" + id);
        if (note) note.classList.add("active");
      }));
      mark.addEventListener("mouseleave", () => ids.forEach((id) => {
        const note = document.getElementById("ev-" + id);
        if (note) note.classList.remove("active");
      }));
    });
  }

  // Campaign page: one box ticks every copy for a bulk label.
  const selectAll = document.getElementById("select-all");
  if (selectAll) {
    selectAll.addEventListener("change", () => {
      document.querySelectorAll('#copies input[name="document_id"]').forEach((box) => { box.checked = selectAll.checked; });
    });
  }

  // Batch job page: its progress is polled and updated in place (a page that reloaded
  // itself every 1.5 s would keep taking the reader's focus and place); reloaded once done.
  const job = document.getElementById("job-status");
  if (job && job.dataset.status !== "done") {
    const bar = document.querySelector("main progress");
    const id = decodeURIComponent(window.location.pathname.split("/").pop() || "");
    const url = "/v1/batch/" + encodeURIComponent(id);
    const poll = async () => {
      try {
        const response = await fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } });
        if (!response.ok) throw new Error("HTTP " + response.status);
        const p = await response.json();
        if (p.status === "done") { window.location.reload(); return; }
        job.dataset.status = p.status;
        job.textContent = p.status + " · " + p.processed + " of " + p.total + " records · " + p.errors + " error rows";
        if (bar) { bar.max = Math.max(1, p.total); bar.value = p.processed; }
      } catch (err) {
        window.location.reload();
        return;
      }
      setTimeout(poll, 1500);
    };
    setTimeout(poll, 1500);
  }
})();
