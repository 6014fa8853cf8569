"""gunicorn's settings for Dela in production: `gunicorn -c gunicorn.conf.py wsgi:app`.

Every setting can be overridden on the command line; the environment variables below
change the ones operators most often size to their machine.
"""

import os

#: Where to listen; the TLS-terminating proxy in front connects here.
bind = os.environ.get("DELA_BIND", "127.0.0.1:8000")

#: Processes: gunicorn's rule of thumb, two per core available to us plus one (a request
#: waits on the database or a file's extraction as much as on a core). WEB_CONCURRENCY,
#: the usual variable, overrides it.
workers = int(os.environ.get("WEB_CONCURRENCY", 2 * len(os.sched_getaffinity(0)) + 1))
#: Threads per process: a download, a slow client or a search waiting on the database
#: then does not hold up the others. The app keeps nothing per thread that is not safe.
worker_class = "gthread"
threads = int(os.environ.get("DELA_THREADS", 4))

#: A worker whose main loop is silent this long is restarted. (Requests run in threads, so
#: a long upload is not what this measures; extracting a file is capped at
#: EXTRACTION_TIMEOUT_SECONDS in a child process of its own.)
timeout = 60
#: On a restart or deploy, requests in progress get this long to finish.
graceful_timeout = 30
#: Seconds an idle keep-alive connection stays open. It must be longer than the idle
#: time after which the proxy stops reusing a connection to us (nginx: 60 s), or the
#: proxy sends a request on a connection we are closing and its client gets a reset
#: (gunicorn's default is 2 s).
keepalive = 75

#: One line per request on standard output, in gunicorn's combined log format, with the
#: time taken in microseconds; errors on standard error.
accesslog = "-"
errorlog = "-"
access_log_format = '%(h)s %(l)s %(u)s %(t)s "%(r)s" %(s)s %(b)s "%(f)s" "%(a)s" %(D)s'
