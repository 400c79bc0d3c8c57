"""Running an installation: backups, restore, personal data, security middleware.

A Django app without models so that its management commands are found; nothing here
belongs to one domain app.
"""
