// The live part of a preview page follows the server: each state it announces (Server-Sent Events)
// says which version of each page is current; when this page's differs, its live part is fetched
// again, its new page images are loaded and decoded, and only then is it swapped in, so the pages
// never flicker and the reader keeps their place. No reload, no framework.
"use strict";
(() => {
  const body = document.body;
  const live = document.getElementById("live");
  const record = body.dataset.record || null;
  let running = false;
  let again = false;

  async function refresh() {
    if (running) {
      again = true;
      return;
    }
    running = true;
    try {
      do {
        again = false;
        const response = await fetch(body.dataset.live, {cache: "no-store"});
        if (!response.ok) {  // the record is gone: the server's own page says so
          location.reload();
          return;
        }
        const holder = document.createElement("div");
        holder.innerHTML = await response.text();  // our own server's escaped HTML
        const images = Array.from(holder.querySelectorAll("img"));
        await Promise.all(images.map((image) => image.decode().catch(() => undefined)));
        live.replaceChildren(...holder.childNodes);
        live.dataset.version = response.headers.get("X-Live-Version");
      } while (again);
    } finally {
      running = false;
    }
  }

  const events = new EventSource("/events");
  events.addEventListener("state", (event) => {
    const state = JSON.parse(event.data);
    body.classList.toggle("building", state.building);
    body.classList.remove("offline");
    const wanted = record === null ? state.generation : state.records[record];
    if (wanted === undefined || String(wanted) !== live.dataset.version) {
      refresh();
    }
  });
  events.addEventListener("error", () => body.classList.add("offline"));
})();
