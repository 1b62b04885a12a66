"""One run of cxcheck, from a config and the loaded checks to a Report (docs/architecture.md):
`phases` (the run, phase by phase), `pipeline` (each page: checks, record, report entry),
`journeys` (journeys in the run's browser), `signin` (the site's credentials and the sign-in
journey).
"""
