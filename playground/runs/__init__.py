"""Live runs: diagrams simulated in real time and watched over WebSockets (issue 6).

- `manager`: every run of this process, per-owner limits, the idle sweeper;
- `live`: one run (its Simulation, ticks, controls, frames and replay buffer);
- `controls`, `frames`: the protocol's shapes, checked and serialised in one place;
- `fanout`: how a frame's text reaches its viewers (direct, or a Channels group);
- `owners`, `api`, `urls`: who may run what, and the HTTP API under `/api/runs/`.

The socket itself is `playground.consumers.RunConsumer`; README "Live runs" documents the
protocol, the controls, the limits and their settings.
"""
