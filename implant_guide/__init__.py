"""The interlaminar-implant patient guide: what Pelican loads and what the build uses.

- `plugins/`: the Pelican plugins named in `PLUGINS` (content checks, guide order, search
  index, glossary, hashed theme file names).
- `markdown/`: the Markdown extensions editors write with (blocks, care cards, citations,
  risk arrays).
- `checks/`: checks of the sources (metadata, bodies, care cards, citations) and of the
  built output (links, page weight, readability, external links).
- `release/`: building into a staging folder, the content cache, publishing and deploying.
- Beside them, the content model and the data files editors keep in `content/data/`
  (clinic, warning signs, bibliography), read once and shared by all of the above.
"""
