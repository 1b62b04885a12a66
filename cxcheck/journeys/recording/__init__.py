"""Journeys written from what a person did (docs/journey-language.md section 9): `journey
record` (`recorder.py` in the browser, `recorded_steps.py` writing the lines) and `journey
import` of a Chrome DevTools recording (`chrome_recording.py`), with one rule for which fields
hold secrets (`secret_fields.py`)."""
