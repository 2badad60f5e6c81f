"""The load generator of `make bench` (issue 9): a few keep-alive HTTP clients, standard
library only, run as its own process (`python -m benchmarks.load CONFIG OUT`).

Clients are processes, not threads. They share the machine's two cores with gunicorn and
PostgreSQL, and what they measure is time: a client thread that has its response but waits
for the GIL while another thread parses a page would add that wait (up to the interpreter's
5 ms switch interval) to the latency it records, and the bare view answers in a few
milliseconds, so its figures, and every ratio to it, would be the load generator's and not
the server's. Four processes never wait on one another; they cost four interpreter starts,
made before anything is measured. Each client keeps one HTTP/1.1 connection open
(http.client); gunicorn's sync workers close it after every response (they do not keep
connections alive), and the client reconnects at once, as a browser would: that connect is
part of the latency, as it is for real readers of a sync-worker deployment.

Every page is loaded by all clients together in a closed loop (each sends its next request
when the previous answer is read): a warm-up first, then a fixed measured window. A request
is counted when it starts inside the window. Any answer other than 200 is an error, counted by
status. The server's SQL queries come from its X-Query-Count header (BENCHMARK=1).

CPU is read over each measured window: the clients' own CPU time (time.process_time in each
client), the server's from /proc/<pid>/stat of gunicorn's master and its workers, and the
whole machine's from /proc/stat, all as a percentage of one core (two cores make 200 %).
"""

import http.client
import json
import math
import multiprocessing
import os
import re
import sys
import time
from collections import Counter
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode, urlsplit

CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken"\s+value="([^"]+)"')
USER_AGENT = "igfportal-bench/1"
TIMEOUT = 60


# ---- Figures -----------------------------------------------------------------------------


def percentile(values, p):
    """The p-th percentile (0-100) of values, interpolated between the two nearest ranks (the
    definition numpy and PostgreSQL's percentile_cont use); None for no values."""
    if not values:
        return None
    ordered = sorted(values)
    rank = (len(ordered) - 1) * p / 100
    low, high = math.floor(rank), math.ceil(rank)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


def summarise(samples, seconds):
    """The figures of one page from its samples: [(latency in s, status, queries, bytes[,
    page cache header])].

    Latency percentiles are over every request, answered or not (an error that takes long is
    still a wait); requests per second count the answered (200) ones only; queries, size and
    the shared page cache's hits are taken from the 200s.
    """
    latencies = [sample[0] * 1000 for sample in samples]
    ok = [sample for sample in samples if sample[1] == 200]
    errors = Counter(str(sample[1]) for sample in samples if sample[1] != 200)
    queries = [sample[2] for sample in ok if sample[2] is not None]
    sizes = [sample[3] for sample in ok]
    cache = Counter(sample[4] for sample in ok if len(sample) > 4 and sample[4])
    return {
        "requests": len(samples),
        "ok": len(ok),
        "errors": sum(errors.values()),
        "error_statuses": dict(sorted(errors.items())),
        "seconds": seconds,
        "rps": len(ok) / seconds if seconds else 0.0,
        "p50_ms": percentile(latencies, 50),
        "p95_ms": percentile(latencies, 95),
        "p99_ms": percentile(latencies, 99),
        "max_ms": max(latencies) if latencies else None,
        "queries_min": min(queries) if queries else None,
        "queries_max": max(queries) if queries else None,
        "bytes_min": min(sizes) if sizes else None,
        "bytes_max": max(sizes) if sizes else None,
        # {value of the page cache's header: answers}, e.g. {"hit": 980, "miss": 2}.
        "page_cache": dict(sorted(cache.items())),
    }


def ratio(value, base):
    if value is None or not base:
        return None
    return value / base


def add_ratios(pages, bare_name="bare"):
    """Each page's p50 and p95 as a multiple of the bare view's (measured in the same run)."""
    bare = next((page for page in pages if page["name"] == bare_name), None)
    for page in pages:
        page["ratio_p50"] = ratio(page["p50_ms"], bare and bare["p50_ms"])
        page["ratio_p95"] = ratio(page["p95_ms"], bare and bare["p95_ms"])
    return pages


def cpu_percent(cpu_seconds, wall_seconds):
    """CPU time over wall time, as a percentage of one core."""
    if not wall_seconds:
        return None
    return 100 * cpu_seconds / wall_seconds


# ---- CPU readings from /proc ---------------------------------------------------------------

CLOCK_TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def process_cpu_seconds(pid):
    """user + system CPU seconds of one process, from /proc/<pid>/stat; 0 if it is gone."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return 0.0
    # The command name (field 2) may hold spaces; the fields after its ")" are fixed.
    fields = stat.rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS


def children_of(pid):
    """The pids whose parent is pid (gunicorn's workers under its master)."""
    children = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            children.append(int(entry.name))
    return children


def server_cpu_seconds(master_pid):
    """CPU seconds of gunicorn's master and workers so far; None without a master pid."""
    if not master_pid:
        return None
    return sum(process_cpu_seconds(pid) for pid in [master_pid, *children_of(master_pid)])


def machine_busy_seconds():
    """CPU seconds every core spent busy (not idle, not waiting for I/O), from /proc/stat."""
    try:
        line = Path("/proc/stat").read_text().splitlines()[0]
    except OSError:
        return None
    ticks = [int(value) for value in line.split()[1:]]
    idle = ticks[3] + (ticks[4] if len(ticks) > 4 else 0)
    # guest time is already counted in user and nice.
    return (sum(ticks[:8]) - idle) / CLOCK_TICKS


# ---- One client ----------------------------------------------------------------------------


class Client:
    """One keep-alive HTTP/1.1 connection with its own cookies (for the signed-in pages)."""

    def __init__(self, base_url):
        parts = urlsplit(base_url)
        self.host, self.port = parts.hostname, parts.port or 80
        self.host_header = parts.netloc
        self.connection = None
        self.cookies = {}

    def _connect(self):
        if self.connection is None:
            self.connection = http.client.HTTPConnection(self.host, self.port, timeout=TIMEOUT)
        return self.connection

    def close(self):
        if self.connection is not None:
            self.connection.close()
            self.connection = None

    def request(self, method, path, *, body=None, headers=None, cookies=False):
        """(status, headers, body bytes); an exception closes the connection and is raised."""
        sent = {
            "Host": self.host_header,
            "User-Agent": USER_AGENT,
            "Accept-Language": "en",
            "Accept-Encoding": "identity",
            **(headers or {}),
        }
        if cookies and self.cookies:
            sent["Cookie"] = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        connection = self._connect()
        try:
            connection.request(method, path, body=body, headers=sent)
            response = connection.getresponse()
            data = response.read()
        except Exception:
            self.close()
            raise
        if cookies:
            for header in response.headers.get_all("Set-Cookie") or []:
                for name, morsel in SimpleCookie(header).items():
                    self.cookies[name] = morsel.value
        return response.status, response.headers, data

    def sign_in(self, path, email, password):
        """A real sign-in: GET the form for its CSRF token, POST it, keep the session cookie."""
        status, _headers, body = self.request("GET", path, cookies=True)
        found = CSRF_INPUT.search(body.decode("utf-8", "replace"))
        if status != 200 or not found:
            raise RuntimeError(f"GET {path} answered {status} without a CSRF token")
        form = urlencode(
            {"csrfmiddlewaretoken": found.group(1), "login": email, "password": password}
        )
        origin = f"http://{self.host_header}"
        status, headers, _body = self.request(
            "POST",
            path,
            body=form,
            headers={
                "Content-Type": "application/x-www-form-urlencoded",
                "Referer": origin + path,
                "Origin": origin,
            },
            cookies=True,
        )
        if status != 302 or "sessionid" not in self.cookies:
            raise RuntimeError(
                f"signing in as {email} failed: POST {path} answered {status} "
                f"(Location: {headers.get('Location')!r})"
            )
        return headers.get("Location")


def measure(client, page, start_at, measure_at, end_at, cache_header=None):
    """Load one page in a closed loop until end_at; the samples of requests started in
    [measure_at, end_at) and the client's CPU seconds over that window. cache_header names the
    response header in which the shared page cache says hit or miss."""
    headers = {"Accept": page.get("accept", "text/html")}
    samples = []
    cpu_at_start = None
    while time.monotonic() < start_at:
        time.sleep(0.001)
    while True:
        started = time.monotonic()
        if started >= end_at:
            break
        if cpu_at_start is None and started >= measure_at:
            cpu_at_start = time.process_time()
        try:
            status, response_headers, body = client.request(
                "GET", page["path"], headers=headers, cookies=page.get("sign_in", False)
            )
            queries = response_headers.get("X-Query-Count")
            queries = int(queries) if queries and queries.isdigit() else None
            size = len(body)
            cached = response_headers.get(cache_header) if cache_header else None
        except Exception as error:  # noqa: BLE001 - a failed request is an error, counted
            status, queries, size, cached = type(error).__name__, None, 0, None
        elapsed = time.monotonic() - started
        if started >= measure_at:
            samples.append((elapsed, status, queries, size, cached))
    cpu = time.process_time() - cpu_at_start if cpu_at_start is not None else 0.0
    return samples, cpu


def client_main(connection, base_url):
    """A client process: obeys the parent's commands on its pipe until told to stop."""
    client = Client(base_url)
    while True:
        command = connection.recv()
        try:
            if command["do"] == "stop":
                client.close()
                connection.send({"ok": True})
                return
            if command["do"] == "sign_in":
                client.sign_in(command["path"], command["email"], command["password"])
                connection.send({"ok": True})
            elif command["do"] == "load":
                samples, cpu = measure(
                    client,
                    command["page"],
                    command["start_at"],
                    command["measure_at"],
                    command["end_at"],
                    command.get("cache_header"),
                )
                connection.send({"ok": True, "samples": samples, "cpu": cpu})
        except Exception as error:  # noqa: BLE001 - reported to the parent, which stops
            connection.send({"ok": False, "error": f"{type(error).__name__}: {error}"})


# ---- The run -------------------------------------------------------------------------------


def run(config, log=print):
    """Load every page of config in turn; returns the figures (see summarise) per page.

    config: base_url, clients, warmup, seconds, pages [{name, path, sign_in, accept}],
    sign_in {path, email, password} (for pages with sign_in), server_pid, cache_header.
    """
    started_wall, started_usage = time.monotonic(), os.times()
    context = multiprocessing.get_context("fork")  # nothing but the standard library here
    pipes, processes = [], []
    for _number in range(config["clients"]):
        parent_end, child_end = context.Pipe()
        process = context.Process(
            target=client_main, args=(child_end, config["base_url"]), daemon=True
        )
        process.start()
        pipes.append(parent_end)
        processes.append(process)

    def everyone(command):
        for pipe in pipes:
            pipe.send(command)
        answers = [pipe.recv() for pipe in pipes]
        failed = [answer["error"] for answer in answers if not answer["ok"]]
        if failed:
            raise RuntimeError(failed[0])
        return answers

    results = []
    try:
        if any(page.get("sign_in") for page in config["pages"]):
            account = config["sign_in"]
            everyone({"do": "sign_in", **account})
            log(f"  {len(pipes)} clients signed in as {account['email']}")
        for page in config["pages"]:
            start_at = time.monotonic() + 0.1
            measure_at = start_at + config["warmup"]
            end_at = measure_at + config["seconds"]
            for pipe in pipes:
                pipe.send(
                    {
                        "do": "load",
                        "page": page,
                        "start_at": start_at,
                        "measure_at": measure_at,
                        "end_at": end_at,
                        "cache_header": config.get("cache_header"),
                    }
                )
            time.sleep(max(0.0, measure_at - time.monotonic()))
            before = (server_cpu_seconds(config.get("server_pid")), machine_busy_seconds())
            time.sleep(max(0.0, end_at - time.monotonic()))
            after = (server_cpu_seconds(config.get("server_pid")), machine_busy_seconds())
            answers = [pipe.recv() for pipe in pipes]
            failed = [answer["error"] for answer in answers if not answer["ok"]]
            if failed:
                raise RuntimeError(failed[0])
            samples = [sample for answer in answers for sample in answer["samples"]]
            figures = {"name": page["name"], "path": page["path"], **summarise(
                samples, config["seconds"]
            )}  # fmt: skip
            figures["sign_in"] = bool(page.get("sign_in"))
            figures["load_cpu_percent"] = cpu_percent(
                sum(answer["cpu"] for answer in answers), config["seconds"]
            )
            figures["server_cpu_percent"] = (
                cpu_percent(after[0] - before[0], config["seconds"])
                if None not in (before[0], after[0])
                else None
            )
            figures["machine_cpu_percent"] = (
                cpu_percent(after[1] - before[1], config["seconds"])
                if None not in (before[1], after[1])
                else None
            )
            results.append(figures)
            log(
                f"  {page['name']:<14} {figures['requests']:>6} requests  "
                f"p95 {figures['p95_ms'] or 0:8.1f} ms  errors {figures['errors']}"
            )
        everyone({"do": "stop"})
    finally:
        for process in processes:
            process.join(timeout=5)
            if process.is_alive():
                process.terminate()
                process.join(timeout=5)
    wall = time.monotonic() - started_wall
    usage = os.times()
    # The clients are this process's children: their CPU shows once they have been joined.
    cpu = sum(usage[:4]) - sum(started_usage[:4])
    return {
        "pages": add_ratios(results),
        "load_cpu_percent_overall": cpu_percent(cpu, wall),
        "wall_seconds": wall,
        "clients": config["clients"],
        "warmup": config["warmup"],
        "seconds": config["seconds"],
    }


def main(argv=None):
    """python -m benchmarks.load CONFIG.json OUT.json"""
    argv = sys.argv[1:] if argv is None else argv
    if len(argv) != 2:
        print(main.__doc__, file=sys.stderr)
        return 2
    config = json.loads(Path(argv[0]).read_text(encoding="utf-8"))
    result = run(config, log=lambda line: print(line, flush=True))
    Path(argv[1]).write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
