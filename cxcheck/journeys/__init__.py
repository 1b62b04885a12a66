"""Journeys: task walkthroughs testers write in plain language (docs/journeys.md). `language/`
reads journey files into `Journey`s, with no browser; `runner/` runs one in Chromium;
`recording/` writes journeys from what a person did; the run's journey phase
(cxcheck/run/journeys.py) drives them through the one page pipeline. The layout and how to add a
verb: docs/journeys-code.md.
"""
