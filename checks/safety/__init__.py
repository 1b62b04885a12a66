"""The parts of the data-safety check (checks/data_safety.py): what a page's forms ask for,
who is the site and who another site, cookies, security headers, personal data in addresses,
other sites the pages contact, and what should never be public."""
