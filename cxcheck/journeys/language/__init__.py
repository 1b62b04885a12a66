"""The journey language (docs/journey-language.md): journey files read into `Journey`s and
every line checked, with no browser. The table of verbs is `verbs.py`; `parser.py` is where
reading starts. Nothing here imports the runner."""
