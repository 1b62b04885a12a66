"""Journeys: task walkthroughs testers write in plain language (docs/journey-language.md)."""
