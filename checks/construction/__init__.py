"""The parts of the under-construction check (checks/under_construction.py): phrase lists
and matching, a page's own content, notices, leftovers and go-live leftovers."""
