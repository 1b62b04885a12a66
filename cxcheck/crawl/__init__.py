"""Crawling: the frontier decides what to visit, the crawler visits, the snapshot records."""
