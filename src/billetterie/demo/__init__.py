"""The demo campaign: CNAPE 2024 rebuilt on the real Paris 2024 schedule and venues."""
