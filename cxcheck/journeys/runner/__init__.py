"""Running a parsed journey in Chromium (docs/journey-language.md sections 3, 4, 6 and 7):
finding what each step names, doing it or checking it, and saying in the tester's words what
is there instead when it fails. `run.py` is where a run starts."""
