"""gunicorn's settings for the portal; gunicorn reads this file from the working directory.

Threads (gthread) rather than more processes: a request mostly waits for PostgreSQL or
the cache, and threads share one process's memory and its connection pool. Each
process keeps at most 8 database connections (DATABASE_POOL_* in portal.embedded_db), so
more than 8 threads would wait for a connection. Every value can be overridden on the
command line or in GUNICORN_CMD_ARGS.
"""

import multiprocessing
import os

wsgi_app = "portal.wsgi"
bind = f"0.0.0.0:{os.environ.get('PORT', '8000')}"
worker_class = "gthread"
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() + 1))
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
# Drop a worker now and then, so that no slow leak of memory can grow without bound.
max_requests = 5000
max_requests_jitter = 500
# The load balancer's health check and slow clients must not hold a thread for long.
timeout = 30
keepalive = 5
accesslog = os.environ.get("GUNICORN_ACCESSLOG") or None
