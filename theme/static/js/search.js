// Search as you type on the search page, with the Pagefind index built next to the site.
// Without this script the page still works: it lists every topic.

const DEBOUNCE_MS = 250;
const MAX_RESULTS = 10;

const search = document.querySelector("[data-pagefind]");
const input = search.querySelector('input[name="q"]');
const statusMessage = document.getElementById("search-status");
const list = document.getElementById("search-results");
const noResults = document.getElementById("search-none");

// The page's messages, in its language: data-text-* attributes written by the template,
// with {count}, {query} and {max} filled in here.
function text(name, values = {}) {
  return search.dataset[name].replace(/\{(\w+)\}/g, (_, key) => values[key]);
}

let pagefind = null;
let latestSearch = 0;

/** Pagefind's search API, loaded the first time it is needed. */
function loadPagefind() {
  pagefind ??= import(new URL(search.dataset.pagefind, document.baseURI).href);
  return pagefind;
}

/** The text of Pagefind's excerpt, with its <mark> elements and nothing else as HTML. */
function excerptNodes(excerpt) {
  const parsed = new DOMParser().parseFromString(excerpt, "text/html").body;
  return [...parsed.childNodes].map((node) => {
    if (node.nodeName !== "MARK") {
      return document.createTextNode(node.textContent);
    }
    const mark = document.createElement("mark");
    mark.className = "search-result__match";
    mark.textContent = node.textContent;
    return mark;
  });
}

function resultItem(result) {
  const item = document.createElement("li");
  item.className = "search-result";
  const heading = document.createElement("h2");
  heading.className = "search-result__title";
  const link = document.createElement("a");
  link.className = "search-result__link";
  link.href = result.url;
  link.textContent = result.meta.title;
  heading.append(link);
  const excerpt = document.createElement("p");
  excerpt.className = "search-result__excerpt";
  excerpt.append(...excerptNodes(result.excerpt));
  item.append(heading, excerpt);
  return item;
}

function countText(count, query) {
  if (count === 1) return text("textOne", { query });
  const shown = count > MAX_RESULTS ? " " + text("textShown", { max: MAX_RESULTS }) : "";
  return text("textMany", { count, query }) + shown;
}

function show(query, count, results) {
  list.replaceChildren(...results.map(resultItem));
  list.hidden = results.length === 0;
  noResults.hidden = query === "" || count > 0;
  if (query === "") statusMessage.textContent = "";
  else if (count === 0) statusMessage.textContent = text("textNone", { query });
  else statusMessage.textContent = countText(count, query);
}

/** Keep the words in the address, so that reloading or sharing the page repeats the search. */
function rememberQuery(query) {
  const url = new URL(window.location.href);
  if (query) url.searchParams.set("q", query);
  else url.searchParams.delete("q");
  window.history.replaceState(null, "", url);
}

async function runSearch(debounce) {
  const query = input.value.trim();
  const thisSearch = ++latestSearch;
  rememberQuery(query);
  if (query === "") {
    show("", 0, []);
    return;
  }
  try {
    const api = await loadPagefind();
    const found = debounce
      ? await api.debouncedSearch(query, {}, DEBOUNCE_MS)
      : await api.search(query);
    if (found === null) return; // a newer search replaced this one
    const results = await Promise.all(found.results.slice(0, MAX_RESULTS).map((r) => r.data()));
    if (thisSearch === latestSearch) show(query, found.results.length, results);
  } catch {
    statusMessage.textContent = text("textBroken");
  }
}

input.value = new URLSearchParams(window.location.search).get("q") ?? "";
// Start loading the index as soon as someone is about to type; a failure shows when searching.
input.addEventListener("focus", () => loadPagefind().catch(() => {}), { once: true });
input.addEventListener("input", () => runSearch(true));
input.form.addEventListener("submit", (event) => {
  event.preventDefault();
  runSearch(false);
});
if (input.value.trim()) runSearch(false);
