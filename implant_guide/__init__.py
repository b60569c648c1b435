"""The interlaminar-implant patient guide: what Pelican loads and what the build uses.

- `plugins/`: the Pelican plugins named in `PLUGINS` (content checks, guide order, search
  index, the glossary page's terms, hashed theme file names).
- `markdown/`: the Markdown extensions editors write with (blocks, care cards, citations,
  risk arrays, glossary links).
- `checks/`: checks of the sources (metadata, bodies, care cards, citations, glossary) and
  of the built output (links, page weight, readability, external links).
- `release/`: building into a staging folder, the content cache, publishing and deploying.
- Beside them, what all of the above share: the content model (`content_model.py`), the
  thresholds (`policy.py`), the readers of the data files editors keep in `content/data/`
  (clinic, warning signs, glossary, bibliography), each with the problems of its file, and
  the care card component (`care_card.py`).
"""
