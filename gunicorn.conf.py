"""gunicorn's settings for the portal; gunicorn reads this file from the working directory.

Processes without threads (gunicorn's sync workers, the number of cores plus 2) by
default: a request costs mostly Python time, which threads of one process cannot share
out over the cores, and an idle process takes the next connection from the one queue
that all share, so a slow request never holds up quick ones behind it. More processes
than that only compete for the same cores (docs/performance.md: Belastingtest). Behind a proxy that
buffers (nginx and the like) that is gunicorn's own advice. GUNICORN_THREADS above 1
switches to gthread workers (for clients that keep connections open without such a
proxy); each process keeps at most 8 database connections, so 8 threads at most. Every
value can be overridden on the command line or in GUNICORN_CMD_ARGS.
"""

import multiprocessing
import os

wsgi_app = "portal.wsgi"
bind = f"0.0.0.0:{os.environ.get('PORT', '8000')}"
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() + 2))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
# Drop a worker now and then, so that no slow leak of memory can grow without bound.
max_requests = 5000
max_requests_jitter = 500
# A request that takes longer than this is stopped (its worker is restarted).
timeout = 30
keepalive = 5
