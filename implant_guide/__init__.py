"""The interlaminar-implant patient guide: what Pelican loads and what the build uses.

Built in layers, each importing only from itself and the layers below (README, "Project
layout"):

- foundation: one `Problem` and the `ProblemLog` (`problems.py`), the files editors write,
  read with their lines (`sources.py`), the languages (`languages.py`) and their
  alphabetical order (`collation.py`), the thresholds (`policy.py`) and the day reviews
  are checked against (`today.py`);
- the content model (`content_model.py`);
- the readers of the data files editors keep in `content/data/` (clinic, warning signs,
  glossary, bibliography), each returning what its file holds and its problems, and
  `data_files.py`, which reads the four the settings name;
- components: the interface text in each language (`theme_text.py`), the illustrations
  (`illustrations.py`), the care card (`care_card.py`) and the decision worksheet
  (`worksheet.py`), structured data, sign-offs (`sign_off.py`) and the review calendar;
- `markdown/`: the Markdown extensions editors write with and the guide's Markdown reader,
  with the new-article and new-translation templates (`article_template.py`);
- `checks/`: checks of the sources and of the built output;
- `plugins/`: the Pelican plugins named in `PLUGINS`;
- `release/`: building into a staging folder, publishing and deploying.
"""
