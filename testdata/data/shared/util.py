"""Small helpers with no datastore dependencies."""

import queue
import threading


def chunked(items, size):
    chunk = []
    for item in items:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def first_present(mapping, *names):
    for name in names:
        value = mapping.get(name)
        if value is not None:
            return value
    return None


class BackgroundWriter(object):
    """Hands items to a worker thread; the worker decides where they go."""

    def __init__(self, sink):
        self._queue = queue.Queue()
        self._sink = sink
        self._thread = threading.Thread(target=self._run)
        self._thread.daemon = True

    def start(self):
        self._thread.start()

    def submit(self, item):
        self._queue.put(item)

    def _run(self):
        while True:
            item = self._queue.get()
            self._sink(item)
            self._queue.task_done()
