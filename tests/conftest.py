"""Shared fixtures: users of each role, a campaign, the platform clock."""
