"""The runtime layer: the kernel, the recorder (trace and ledger), deadlines, the resource
base and the `Host` it sees the run through, names and ARNs, payload templates, duration
distributions, function and worker behaviour, and the shard store of streams. Imports only
the core and matching layers."""
