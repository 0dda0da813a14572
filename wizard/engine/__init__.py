"""The step engine: runs a procedure against an M1 through an `Operator`, journals each step
per unit so a run resumes where it stopped, guards every overwrite, and keeps the
maintenance log."""
