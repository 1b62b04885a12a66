"""Built-in checks. Each module is one check, registered in pyproject.toml under the
`cxcheck.checks` entry-point group exactly as a third-party check would be."""
