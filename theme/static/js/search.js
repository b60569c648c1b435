// Search as you type on the search page, with the Pagefind index built next to the site.
// Without this script the page still works: it lists every topic.
//
// A page is found when it holds every word of the search but the most common ones ("can",
// "my": the page's language's stop words). When no page holds them all, the pages that
// hold some are shown, those holding the rarest words first, each saying which words it
// does not mention. Pagefind, when it does not know a word at all, looks
// for the longest word it knows that the typed word starts with ("es" for "escaleras");
// such a page does not hold the word, so it is not shown as if it did.

const DEBOUNCE_MS = 250;
const MAX_RESULTS = 10;
const MAX_WORDS = 8;
// A word found only through the start of another is held if the two share this many first
// letters at least (endings change: drive, driving), and all but the last 3 of a long one.
const MIN_SHARED_START = 4;
const ENDING_LETTERS = 3;

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

const stopWords = new Set(search.dataset.stopWords.split(" ").map(plain));
let pagefind = null;
let pageCount = null;
let latestSearch = 0;

/** How Pagefind ranks pages: a word as typed counts four times as much as a longer word it
    starts ("puntos", stitches, over "puntaje", a score), so the page about the word
    itself comes first (Pagefind's default is 1). */
const RANKING = { termSimilarity: 4 };

/** Pagefind's search API, loaded the first time it is needed. It searches in the page
    itself, not in Pagefind's Web Worker: a search then loads one file (12 KB) less, and
    the guide's small index is searched in milliseconds on a cheap phone too. */
function loadPagefind() {
  pagefind ??= import(new URL(search.dataset.pagefind, document.baseURI).href).then(
    async (api) => {
      await api.options({ noWorker: true, ranking: RANKING });
      return api;
    },
  );
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

/** The words of a search that say what it is about: as Pagefind splits them, without
    punctuation ("¿cuándo?") and without stop words (unless it has no other words). */
function wordsOf(query) {
  const words = query
    .normalize("NFC")
    .split(/[\s\/\u002d\u2010-\u2014]+/u)
    .map((word) => word.replace(/[^\p{L}\p{N}]/gu, ""))
    .filter(Boolean);
  const content = words.filter((word) => !stopWords.has(plain(word)));
  return (content.length ? content : words).slice(0, MAX_WORDS);
}

/** A word as searches compare it: lower case, without accents or punctuation. */
function plain(word) {
  return word.normalize("NFD").replace(/[^\p{L}\p{N}]/gu, "").toLowerCase();
}

function sharedStart(first, second) {
  let length = 0;
  while (length < first.length && first[length] === second[length]) length += 1;
  return length;
}

/** Whether an excerpt Pagefind wrote for `word` marks that word (or a word it starts, or
    another ending of it) rather than a shorter word that `word` starts with. */
function marksWord(excerpt, word) {
  const target = plain(word);
  const needed = Math.min(target.length, Math.max(MIN_SHARED_START, target.length - ENDING_LETTERS));
  const marked = [...excerpt.matchAll(/<mark>(.*?)<\/mark>/g)].map((match) => plain(match[1]));
  return marked.some((mark) => sharedStart(mark, target) >= needed);
}

/** The pages that hold `word`, as Pagefind's results. Pagefind finds the word itself (as
    "quoted"), or words that start with it (while it is being typed); only when it finds
    neither does it fall back to a shorter word, which does not count. */
async function pagesWith(api, word) {
  const [exact, loose] = await Promise.all([api.search(`"${word}"`), api.search(word)]);
  if (exact.results.length === 0 && loose.results.length > 0) {
    const first = await loose.results[0].data();
    if (!marksWord(first.excerpt, word)) return [];
  }
  return loose.results;
}

/** How much holding a word says about a page: more, the fewer pages hold it (BM25's IDF). */
function rarity(holders, total) {
  return Math.log(1 + (total - holders + 0.5) / (holders + 0.5));
}

/** The pages that hold some of the words, those holding the rarest first; each with the
    result of its rarest word (its excerpt marks that word) and the words it lacks. */
function partialMatches(words, holders, total) {
  const pages = new Map();
  holders.forEach((results, index) => {
    const weight = rarity(results.length, total);
    for (const result of results) {
      const page = pages.get(result.id) ?? { result, score: 0, rarest: -1, held: new Set() };
      page.score += weight;
      page.held.add(index);
      if (weight > page.rarest) Object.assign(page, { result, rarest: weight });
      pages.set(result.id, page);
    }
  });
  return [...pages.values()]
    .sort((a, b) => b.score - a.score || b.result.score - a.result.score)
    .map((page) => ({
      result: page.result,
      missing: words.filter((_, index) => !page.held.has(index)),
    }));
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
  if (result.missing?.length) {
    const missing = document.createElement("p");
    missing.className = "search-result__missing";
    missing.textContent = text("textMissing", { words: result.missing.join(", ") });
    item.append(missing);
  }
  return item;
}

function countText(count, query) {
  if (count === 1) return text("textOne", { query });
  const shown = count > MAX_RESULTS ? " " + text("textShown", { max: MAX_RESULTS }) : "";
  return text("textMany", { count, query }) + shown;
}

/** Show the results: `kind` is "all" (pages with every word), "some" or "none". */
function show(query, kind, count, results) {
  list.replaceChildren(...results.map(resultItem));
  list.hidden = results.length === 0;
  noResults.hidden = query === "" || kind !== "none";
  if (query === "") statusMessage.textContent = "";
  else if (kind === "none") statusMessage.textContent = text("textNone", { query });
  else if (kind === "some") statusMessage.textContent = text("textSome", { query });
  else statusMessage.textContent = countText(count, query);
}

/** Each result's data (title, address, excerpt), with the words it lacks. */
function withData(matches) {
  return Promise.all(
    matches.slice(0, MAX_RESULTS).map(async ({ result, missing }) => ({
      ...(await result.data()),
      missing,
    })),
  );
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
    show("", "none", 0, []);
    return;
  }
  try {
    const api = await loadPagefind();
    const words = wordsOf(query);
    const terms = words.join(" ") || query;
    const found = debounce
      ? await api.debouncedSearch(terms, {}, DEBOUNCE_MS)
      : await api.search(terms);
    if (found === null) return; // a newer search replaced this one
    const holders = await Promise.all(words.map((word) => pagesWith(api, word)));
    const holding = holders.map((results) => new Set(results.map((result) => result.id)));
    const everyWord = found.results.filter((result) => holding.every((ids) => ids.has(result.id)));
    let kind = everyWord.length > 0 ? "all" : "none";
    let matches = everyWord.map((result) => ({ result, missing: [] }));
    if (kind === "none" && words.length > 1 && holders.some((results) => results.length)) {
      pageCount ??= (await api.search(null)).results.length;
      kind = "some";
      matches = partialMatches(words, holders, pageCount);
    }
    const results = await withData(matches);
    if (thisSearch === latestSearch) show(query, kind, matches.length, results);
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
