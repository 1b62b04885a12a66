"""Journeys: task walkthroughs testers write in plain language (JOURNEYS.md)."""
