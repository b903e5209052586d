"""Live runs: diagrams simulated in real time and watched over WebSockets (issue 6).

- `manager`: every run of this process, per-owner and per-address limits, the sweepers
  (idle runs, and runs no socket ever opened);
- `live`: one run's state and controls (its Simulation, status, seq, replay buffer);
- `ticker`: the tick task, engine work in worker threads, and the pacer (the wall clock,
  injected so tests drive a fake one); `stepping`: how much engine work a tick does;
- `access`: the owner and the watch token (share, revoke);
- `budget`: the run's memory as its cap counts it, inject checks, token buckets;
- `controls`, `frames`: the protocol's shapes, checked and serialised (and cut to the
  frame limit) in one place;
- `fanout`: how a frame's text reaches its viewers (direct, or from a run worker through a
  Channels group);
- with REDIS_URL: `remote` (a web process's view of runs on workers, and its relay),
  `workers` (the `runworker eventyard-runs` consumer, leases, failover), `store` (runs in
  Redis: checkpoint, replay buffer, controls log, lease);
- `sendbuffer`: a socket's unsent bytes under Daphne (slow readers);
- `owners`, `serializers`, `api`, `urls`: who may run what, the answers' shapes, and the
  HTTP API under `/api/runs/`.

The socket itself is `playground.consumers.RunConsumer`; README "Live runs" documents the
protocol, the controls, the limits and their settings.
"""
