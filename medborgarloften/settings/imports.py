"""Document imports: fetching, the time and memory budget, OCR, background tasks."""

from __future__ import annotations

import django

from .env import env_bool, env_str

# The import form fetches web pages; internal addresses only when allowed (an intranet).
IMPORT_ALLOW_PRIVATE_URLS = env_bool("IMPORT_ALLOW_PRIVATE_URLS")
# Reading a document, and extracting its record, each run in a child process with
# this much wall-clock time and memory (extract/budget.py); a document that needs more
# is refused with a reason. The web import waits for both inside one request.
IMPORT_TIME_LIMIT = float(env_str("IMPORT_TIME_LIMIT", "30"))
IMPORT_MEMORY_LIMIT_MB = int(env_str("IMPORT_MEMORY_LIMIT_MB", "1024"))
# In the background worker a scanned PDF gets this many seconds of text recognition
# (OCR) a page, up to IMPORT_OCR_MAX_PAGES pages, on top of IMPORT_TIME_LIMIT.
IMPORT_OCR_SECONDS_PER_PAGE = float(env_str("IMPORT_OCR_SECONDS_PER_PAGE", "20"))
IMPORT_OCR_MAX_PAGES = int(env_str("IMPORT_OCR_MAX_PAGES", "60"))

# Background tasks (document import from the web form): kept in the database and run
# by ``medborgarloften worker`` (deploy/medborgarloften-worker.service). TASKS_BACKEND=
# immediate runs them inside the request instead (no worker; small installations).
TASKS = {
    "default": {
        "BACKEND": (
            ("django.tasks" if django.VERSION >= (6, 0) else "django_tasks")
            + ".backends.immediate.ImmediateBackend"
        )
        if env_str("TASKS_BACKEND", "database") == "immediate"
        else "django_tasks_db.DatabaseBackend",
    }
}

# Background jobs (medborgarloften/jobs): stuck running jobs are swept every
# JOB_SWEEP_MINUTES; finished jobs and task rows older than JOB_RETENTION_DAYS are
# pruned daily (0 keeps them). The worker ticks the periodic jobs every
# PERIODIC_TICK_SECONDS; POLICE_POLL_MINUTES (0: off) polls the police events API,
# NOTIFY_EVERY_MINUTES (0: off; cron runs `notify`) mails subscribers in batches of
# NOTIFY_BATCH_SIZE.
JOB_SWEEP_MINUTES = int(env_str("JOB_SWEEP_MINUTES", "5"))
JOB_RETENTION_DAYS = int(env_str("JOB_RETENTION_DAYS", "30"))
PERIODIC_TICK_SECONDS = float(env_str("PERIODIC_TICK_SECONDS", "30"))
POLICE_POLL_MINUTES = int(env_str("POLICE_POLL_MINUTES", "0"))
NOTIFY_EVERY_MINUTES = int(env_str("NOTIFY_EVERY_MINUTES", "0"))
NOTIFY_BATCH_SIZE = int(env_str("NOTIFY_BATCH_SIZE", "100"))
# A document import RUNNING this long without a change is stuck (documents/bulk.py);
# longer than the reading budget of the longest scan (IMPORT_OCR_MAX_PAGES).
IMPORT_JOB_TIMEOUT_MINUTES = int(env_str("IMPORT_JOB_TIMEOUT_MINUTES", "60"))
