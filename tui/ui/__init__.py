"""The full-screen UI (Textual). It renders the core's state and never decides domain rules."""
