// hoaxlens UI: analyst name, keyboard labelling, evidence cross-highlighting, job refresh.
// Plain JavaScript, no build step; text from documents is only ever set with textContent.
"use strict";

(function () {
  const nameInput = document.getElementById("analyst");
  const analyst = () => (nameInput && nameInput.value.trim()) || "anonymous";
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

  async function postLabel(documentId, label) {
    const response = await fetch("/v1/labels", {
      method: "POST",
      headers: { "Content-Type": "application/json", "X-CSRF-Token": csrf },
      credentials: "same-origin",
      body: JSON.stringify({ document_id: Number(documentId), label: label, analyst: analyst() }),
    });
    if (!response.ok) {
      const body = await response.json().catch(() => ({}));
      throw new Error(typeof body.detail === "string" ? body.detail : "HTTP " + response.status);
    }
    return response.json();
  }

  // Review queue: j/k move, f/g label, o open.
  const queue = document.getElementById("queue");
  if (queue) {
    const rows = Array.from(queue.querySelectorAll("tbody tr[data-id]"));
    const status = document.getElementById("queue-status");
    let current = 0;
    const select = (i) => {
      if (!rows.length) return;
      current = Math.max(0, Math.min(rows.length - 1, i));
      rows.forEach((r, n) => r.classList.toggle("current", n === current));
      rows[current].scrollIntoView({ block: "nearest" });
    };
    select(0);
    rows.forEach((r, n) => r.addEventListener("click", () => select(n)));
    document.addEventListener("keydown", async (event) => {
      if (event.target instanceof HTMLInputElement || event.target instanceof HTMLTextAreaElement) return;
      if (event.ctrlKey || event.metaKey || event.altKey || !rows.length) return;
      const row = rows[current];
      if (event.key === "j") select(current + 1);
      else if (event.key === "k") select(current - 1);
      else if (event.key === "o") window.location.href = "/documents/" + row.dataset.id;
      else if (event.key === "f" || event.key === "g") {
        const label = event.key === "f" ? "fabricated" : "genuine";
        try {
          await postLabel(row.dataset.id, label);
          row.querySelector(".given").textContent = label + " (" + analyst() + ")";
          row.classList.add("done");
          status.textContent = "Labelled #" + row.dataset.id + " " + label;
          select(current + 1);
        } catch (err) {
          status.textContent = "Could not save the label: " + err.message;
        }
      }
    });
  }

  // Result page: f/g label this document; hovering evidence lights up its legend entry.
  const result = document.querySelector("article.result");
  if (result) {
    document.addEventListener("keydown", (event) => {
      if (event.target instanceof HTMLInputElement || event.target instanceof HTMLTextAreaElement) return;
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      const value = { f: "fabricated", g: "genuine" }[event.key];
      if (!value) return;
      const button = result.querySelector('.label-form button[value="' + value + '"]');
      if (button) button.click();
    });
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

  // Batch job page: refresh until the job is done.
  const job = document.getElementById("job-status");
  if (job && job.dataset.status !== "done") setTimeout(() => window.location.reload(), 1500);
})();
