"""What only the demo and the tests need: pressing keys on the emulated M1's panel, the
scripted operator, and the demo's sound bank. The engine never imports this package."""
