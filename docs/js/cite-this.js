// "Cite this section" (details.cite-this): one-click copying, and the reader's access date.
// The page and its downloads carry the release date as the access date, which is what a
// reader without JavaScript cites; here it becomes today's date in the shown text and in the
// downloaded files. ES module, mounted through Material's document$ on every page view.

/** Today's date in the reader's time zone as YYYY-MM-DD. */
export function today(now = new Date()) {
  const pad = (n) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** The citation ``text`` in ``format`` (bibtex | ris | csljson) with access date ``iso``. */
export function withAccessDate(format, text, iso) {
  const [year, month, day] = iso.split("-");
  if (format === "bibtex") {
    return text.replace(/(urldate = \{)\d{4}-\d{2}-\d{2}(\})/, `$1${iso}$2`);
  }
  if (format === "ris") {
    return text.replace(/^Y2 {2}- \d{4}\/\d{2}\/\d{2}/m, `Y2  - ${year}/${month}/${day}`);
  }
  if (format === "csljson") {
    const items = JSON.parse(text);
    for (const item of items) {
      item.accessed = { "date-parts": [[Number(year), Number(month), Number(day)]] };
    }
    // Same layout as the build writes (json.dumps indent=2), so only the date differs.
    return `${JSON.stringify(items, null, 2)}\n`;
  }
  return text;
}

function copyText(text) {
  if (navigator.clipboard && window.isSecureContext) {
    return navigator.clipboard.writeText(text);
  }
  // Fallback for http:// previews, where the async clipboard API is unavailable.
  return new Promise((resolve, reject) => {
    const area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    let ok;
    try {
      ok = document.execCommand("copy");
    } catch {
      ok = false;
    }
    document.body.removeChild(area);
    if (ok) resolve();
    else reject(new Error("copy refused"));
  });
}

function saveAs(text, name) {
  const url = URL.createObjectURL(new Blob([text], { type: "text/plain;charset=utf-8" }));
  const link = document.createElement("a");
  link.href = url;
  link.download = name;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

function attach(box, format, iso) {
  const name = format.dataset.format;
  const code = format.querySelector("pre code") || format.querySelector("pre");
  const label = format.querySelector(".cite-this-label");
  if (!code || !label || format.dataset.citeReady) return;
  format.dataset.citeReady = "1";
  code.textContent = withAccessDate(name, code.textContent, iso);

  const download = label.querySelector("a[download]");
  if (download) {
    download.addEventListener("click", (event) => {
      // The static file holds the release date; fetch it (exact bytes, CRLF for RIS) and
      // save it with today's date instead.
      event.preventDefault();
      const file = download.getAttribute("href");
      fetch(download.href)
        .then((response) => {
          if (!response.ok) throw new Error(`${response.status}`);
          return response.text();
        })
        .then((text) => saveAs(withAccessDate(name, text, iso), file.split("/").pop()))
        .catch(() => window.location.assign(download.href));
    });
  }

  const title = label.firstChild ? label.firstChild.textContent.trim() : "citation";
  const button = document.createElement("button");
  button.type = "button";
  button.className = "cite-this-copy";
  button.textContent = "Copy";
  button.setAttribute("aria-label", `Copy ${title}`);
  const status = document.createElement("span");
  status.className = "cite-this-status";
  status.setAttribute("role", "status");
  button.addEventListener("click", () => {
    copyText(code.textContent).then(
      () => {
        status.textContent = `${title} copied`;
      },
      () => {
        status.textContent = "Copy failed: select the text and copy it";
      },
    );
  });
  label.appendChild(button);
  label.appendChild(status);
}

function mount() {
  const iso = today();
  for (const box of document.querySelectorAll("details.cite-this")) {
    const accessed = box.querySelector("time.cite-this-accessed");
    if (accessed) {
      accessed.textContent = iso;
      accessed.setAttribute("datetime", iso);
    }
    for (const format of box.querySelectorAll(".cite-this-format")) attach(box, format, iso);
  }
}

if (window.document$) window.document$.subscribe(mount);
else mount();
