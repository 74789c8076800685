"""The application layer: what the window and the command line both do.

Each service takes plain values (a case, a path, an open database) and returns plain results; it
prints nothing and shows nothing, so the window runs it in a background task and the command line
prints what it returns. See docs/architecture.md for the module map.
"""
