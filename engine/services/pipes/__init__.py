"""EventBridge Pipes: the `pipes.pipe` node (`spec`), the pipe at run time (`pipe`), the
events it builds from source records (`records`), its input transformation (`template`)
and its cross-node rules (`rules`)."""
