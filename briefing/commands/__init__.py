"""Feature commands; each module adds itself to the `briefing` group with register(group)."""
