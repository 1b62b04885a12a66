"""A run shared by workers on many machines through one Redis (or Valkey) server.

`cxcheck check URL --queue redis://host:6379/0 --run ID` on every runner makes it a worker
of run ID; `cxcheck collect --queue ... --run ID` joins as the last worker and writes the
one report. The design, its failure semantics and measured costs: docs/scale.md.

- store.py: the run's keys in Redis and the atomic steps on them (scripts.py);
- frontier.py: the crawl's frontier, shared (the Crawler sees a Frontier);
- worker.py: what a worker keeps and hands over, and how collect joins the parts;
- codec.py: how those parts travel (pickle, with only cxcheck's own types let back in).
"""

# Defaults of `--lease` and `collect --wait`, here so the command line's help names them
# without loading the worker (and the crawl, and Playwright) behind it.
DEFAULT_LEASE_S = 30.0  # seconds a worker may go silent before its pages go to the others
DEFAULT_WAIT_S = 1800.0  # seconds collect waits for workers still checking pages
