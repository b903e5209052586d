"""One package per service: its spec, its resources, its own checks and cross-node rules.
A service imports the core, matching and runtime layers, never another service."""
